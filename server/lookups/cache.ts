/**
 * An in-memory cache in front of a vendor lookup: answers live for a TTL in a
 * bounded LRU; concurrent misses of one key share one vendor call; failures
 * are never stored. A value past its TTL is kept (until the LRU evicts it) so
 * that, for a while, it can still answer when the vendor is failing: pick-lists
 * barely change, and a day-old list beats an error in the shopper's face.
 */
import { LRUCache } from 'lru-cache';

export type LookupCacheOptions = {
  /** Entries kept at most; the least recently used goes first. */
  max: number;
  /** How long an answer is fresh. */
  ttlMs: number;
  /** How long past its TTL an answer may stand in for a failing vendor (0: never). */
  staleIfErrorMs?: number;
  /** Which failures a stale answer may hide; by default every one. */
  canServeStale?: (error: unknown) => boolean;
  /** The clock, in milliseconds (tests move it by hand). */
  now?: () => number;
};

type Entry<V> = { value: V; storedAt: number };

export class LookupCache<V extends NonNullable<unknown>> {
  readonly #entries: LRUCache<string, Entry<V>>;
  /** Calls in flight by key: the second asker of a key waits on the first one's call. */
  readonly #inFlight = new Map<string, Promise<V>>();

  readonly #now: () => number;

  constructor(private readonly options: LookupCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.#entries = new LRUCache<string, Entry<V>>({
      max: options.max,
      ttl: options.ttlMs,
      perf: { now: this.#now },
      // Staleness is read from the clock on every get, never from a value cached for a millisecond.
      ttlResolution: 0,
      // A stale entry must survive a fresh-only get, so it can still stand in for a failing vendor.
      noDeleteOnStaleGet: true,
    });
  }

  /** The cached answer for `key`, or `load()`'s (stored when it succeeds). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const fresh = this.#entries.get(key);
    if (fresh) return Promise.resolve(fresh.value);
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    const call = this.#load(key, load).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, call);
    return call;
  }

  async #load(key: string, load: () => Promise<V>): Promise<V> {
    try {
      const value = await load();
      this.#entries.set(key, { value, storedAt: this.#now() });
      return value;
    } catch (error) {
      const stale = this.#stale(key, error);
      if (stale !== undefined) return stale;
      throw error;
    }
  }

  #stale(key: string, error: unknown): V | undefined {
    const { staleIfErrorMs = 0, ttlMs, canServeStale = () => true } = this.options;
    if (staleIfErrorMs <= 0 || !canServeStale(error)) return undefined;
    const entry = this.#entries.get(key, { allowStale: true });
    if (!entry || this.#now() - entry.storedAt > ttlMs + staleIfErrorMs) return undefined;
    return entry.value;
  }

  /** Entries held, fresh or stale (for tests and metrics). */
  get size() {
    return this.#entries.size;
  }

  clear() {
    this.#entries.clear();
  }
}
