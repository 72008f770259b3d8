/**
 * Wakes the streams of this process when a quote request has new events,
 * whichever process wrote them. Events this process writes are handed to its
 * own streams directly (no read back); events another process writes arrive
 * as a NOTIFY carrying the newest event number (PostgreSQL, or PGlite's
 * in-process equivalent), and the stream reads what it lacks from the
 * database. A lost or repeated notice loses or doubles nothing: streams go by
 * event numbers, and read again on every heartbeat.
 */
import type { Database } from '../db/index.ts';
import { notification, QUOTE_EVENTS_CHANNEL, type QuoteEvent } from './store.ts';

export type StreamWatcher = {
  /** Events this process has just recorded, in order. */
  events: (events: QuoteEvent[]) => void;
  /** Another process (or this one) has recorded events up to number `latest`. */
  notified: (latest: number) => void;
  /** The hub is closing (shutdown): end the stream so the client reconnects elsewhere. */
  closed: () => void;
};

export class QuoteEventHub {
  readonly #watchers = new Map<string, Set<StreamWatcher>>();
  #unlisten?: () => Promise<void>;
  #closed = false;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.#unlisten = await this.db.listen(QUOTE_EVENTS_CHANNEL, (payload) => {
      const { requestId, latest } = notification.read(payload);
      for (const watcher of this.#watchers.get(requestId) ?? []) watcher.notified(latest);
    });
  }

  get closed() {
    return this.#closed;
  }

  /** Hands events this process recorded to its streams of that request. */
  publish(requestId: string, events: QuoteEvent[]) {
    for (const watcher of this.#watchers.get(requestId) ?? []) watcher.events(events);
  }

  /** Watches `requestId` until the returned function is called. */
  watch(requestId: string, watcher: StreamWatcher): () => void {
    let set = this.#watchers.get(requestId);
    if (!set) {
      set = new Set();
      this.#watchers.set(requestId, set);
    }
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.#watchers.get(requestId) === set) this.#watchers.delete(requestId);
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
    for (const set of [...this.#watchers.values()]) for (const watcher of [...set]) watcher.closed();
    await this.#unlisten?.();
  }
}
