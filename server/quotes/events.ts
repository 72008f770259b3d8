/**
 * Wakes the streams of this process when a quote request has new events,
 * whichever process wrote them: one LISTEN per process (PostgreSQL NOTIFY, or
 * PGlite's in-process equivalent) fanned out to the streams watching that
 * request. A notification only says "look again"; streams read the events
 * themselves from the database, so a missed or repeated one loses or doubles nothing.
 */
import type { Database } from '../db/index.ts';
import { QUOTE_EVENTS_CHANNEL } from './store.ts';

type Wake = () => void;

export class QuoteEventHub {
  readonly #watchers = new Map<string, Set<Wake>>();
  #unlisten?: () => Promise<void>;
  #closed = false;
  readonly #closeHandlers = new Set<() => void>();

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.#unlisten = await this.db.listen(QUOTE_EVENTS_CHANNEL, (requestId) => {
      for (const wake of this.#watchers.get(requestId) ?? []) wake();
    });
  }

  get closed() {
    return this.#closed;
  }

  /** Calls `wake` whenever `requestId` may have new events, until the returned function is called. */
  watch(requestId: string, wake: Wake, onClose: () => void): () => void {
    let set = this.#watchers.get(requestId);
    if (!set) this.#watchers.set(requestId, (set = new Set()));
    set.add(wake);
    this.#closeHandlers.add(onClose);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.#watchers.delete(requestId);
      this.#closeHandlers.delete(onClose);
    };
  }

  /** Number of streams open on this process (metrics, tests). */
  get openStreams(): number {
    let n = 0;
    for (const set of this.#watchers.values()) n += set.size;
    return n;
  }

  /** Ends every open stream (shutdown): clients reconnect with Last-Event-ID to another process. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const onClose of [...this.#closeHandlers]) onClose();
    await this.#unlisten?.();
  }
}
