/**
 * Where every rate limit counts (rate-limit.ts, auth/refused-keys.ts,
 * auth/public-session-budgets.ts): hono-rate-limiter `Store`s, one per limit,
 * all kept in one place so that N processes behind a balancer give a client
 * one budget, not N.
 *
 * - `redis` when REDIS_URL is set: hono-rate-limiter's RedisStore (one Lua
 *   script per hit: INCR, and PEXPIRE when the window starts) over ioredis.
 * - `postgres` when the database is a PostgreSQL server: one atomic upsert per
 *   hit in the UNLOGGED table rate_limit_counters (migration 0014), the
 *   window's end decided by the database's clock, ended windows swept once a
 *   minute by each process.
 * - `memory` on the embedded database (one process by construction):
 *   hono-rate-limiter's MemoryStore.
 *
 * A shared store that fails or does not answer within STORE_TIMEOUT_MS fails
 * open to this process's own memory, deliberately: the limits are there to
 * stop abuse, and an outage of the store must not refuse every request of the
 * API (nor, with Redis, make the API depend on a cache it could otherwise
 * serve without). While it lasts each process enforces the budgets by itself,
 * as before stores were shared: a client gets at most N budgets, never none.
 * The outage and its end are each logged once, naming the store but no key.
 *
 * Keys reach the shared store hashed, so it holds no client address or
 * identifier, only which limit it is (`name`).
 */
import { createHash } from 'node:crypto';
import { type ClientRateLimitInfo, MemoryStore, RedisStore, type Store } from 'hono-rate-limiter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Database } from '../db/index.ts';

/** A shared store slower than this counts as down for that request: the hit is counted in memory instead. */
const STORE_TIMEOUT_MS = 500;
/** How often each process deletes ended windows from rate_limit_counters. */
const SWEEP_INTERVAL_MS = 60_000;

type LimitStoreKind = 'memory' | 'postgres' | 'redis';

/** The counters of one limit: what hono-rate-limiter's middleware and our own budgets call. */
export type LimitStore = Required<Pick<Store, 'get' | 'increment' | 'decrement' | 'resetKey'>> & Pick<Store, 'localKeys'>;

export interface LimitCounters {
  readonly kind: LimitStoreKind;
  /** The store of one limit: `name` keeps its keys apart from every other limit's. */
  store(name: string, windowMs: number): LimitStore;
  /** Deletes the windows that have ended, now (PostgreSQL, which each process also does once a minute; Redis and memory expire them by themselves). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export type LimitCountersOptions = {
  db: Database;
  logger: Logger;
  /** Redis, when set; else the database when it is PostgreSQL; else memory. */
  redisUrl?: string;
  /** Prepended to every Redis key (several deployments on one Redis). */
  redisPrefix?: string;
};

export async function createLimitCounters({
  db,
  logger,
  redisUrl,
  redisPrefix = 'coverkit:',
}: LimitCountersOptions): Promise<LimitCounters> {
  if (redisUrl) return redisCounters(redisUrl, redisPrefix, logger);
  if (db.driver === 'postgres') return postgresCounters(db, logger);
  return memoryCounters();
}

function memoryCounters(): LimitCounters {
  const stores: MemoryStore[] = [];
  return {
    kind: 'memory',
    store(_name, windowMs) {
      const memory = inMemory(windowMs);
      stores.push(memory);
      return localStore(memory);
    },
    async sweep() {},
    async close() {
      for (const store of stores) store.shutdown();
    },
  };
}

function inMemory(windowMs: number): MemoryStore {
  const store = new MemoryStore();
  // MemoryStore reads only windowMs from the limiter options it is given.
  store.init({ windowMs } as Parameters<MemoryStore['init']>[0]);
  return store;
}

/** MemoryStore hands out its live records; callers get a copy, as from a shared store. */
function localStore(memory: MemoryStore): LimitStore {
  const copy = (info: ClientRateLimitInfo | undefined) =>
    info && { totalHits: info.totalHits, resetTime: info.resetTime && new Date(info.resetTime) };
  return {
    localKeys: true,
    get: (key) => copy(memory.get(key)),
    increment: (key) => copy(memory.increment(key))!,
    decrement: (key) => memory.decrement(key),
    resetKey: (key) => memory.resetKey(key),
  };
}

const hashed = (name: string, key: string) => `${name}:${createHash('sha256').update(key).digest('base64url').slice(0, 27)}`;

function postgresCounters(db: Database, logger: Logger): LimitCounters {
  const health = new StoreHealth('postgres', logger);
  const fallbacks: MemoryStore[] = [];
  const sweep = async () => {
    await db.query('DELETE FROM rate_limit_counters WHERE resets_at <= now()');
  };
  const sweeping = setInterval(() => {
    sweep().catch((error: Error) => logger.warn({ error: error.message }, 'could not delete ended rate-limit windows'));
  }, SWEEP_INTERVAL_MS);
  sweeping.unref();
  type Row = { hits: number; ms_left: number };
  const info = (row: Row | undefined): ClientRateLimitInfo | undefined =>
    row && { totalHits: row.hits, resetTime: new Date(Date.now() + Math.max(0, row.ms_left)) };
  const msLeft = '(extract(epoch FROM resets_at - now()) * 1000)::float8 AS ms_left';
  return {
    kind: 'postgres',
    store(name, windowMs) {
      const shared: LimitStore = {
        localKeys: false,
        get: async (key) =>
          info(
            (
              await db.prepared<Row>('limit_get', `SELECT hits, ${msLeft} FROM rate_limit_counters WHERE key = $1 AND resets_at > now()`, [
                hashed(name, key),
              ])
            )[0],
          ),
        // One statement, so two processes counting the same key at once both count: the row lock orders them.
        increment: async (key) =>
          info(
            (
              await db.prepared<Row>(
                'limit_increment',
                `INSERT INTO rate_limit_counters AS c (key, hits, resets_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
                 ON CONFLICT (key) DO UPDATE SET
                   hits = CASE WHEN c.resets_at > now() THEN c.hits + 1 ELSE 1 END,
                   resets_at = CASE WHEN c.resets_at > now() THEN c.resets_at ELSE excluded.resets_at END
                 RETURNING hits, ${msLeft}`,
                [hashed(name, key), windowMs],
              )
            )[0],
          )!,
        decrement: async (key) => {
          await db.prepared(
            'limit_decrement',
            'UPDATE rate_limit_counters SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND resets_at > now()',
            [hashed(name, key)],
          );
        },
        resetKey: async (key) => {
          await db.query('DELETE FROM rate_limit_counters WHERE key = $1', [hashed(name, key)]);
        },
      };
      const fallback = inMemory(windowMs);
      fallbacks.push(fallback);
      return failOpen(shared, localStore(fallback), health);
    },
    sweep,
    async close() {
      clearInterval(sweeping);
      for (const store of fallbacks) store.shutdown();
    },
  };
}

async function redisCounters(url: string, prefix: string, logger: Logger): Promise<LimitCounters> {
  const health = new StoreHealth('redis', logger);
  const redis = new Redis(url, {
    lazyConnect: true,
    // While Redis is away a hit fails at once (and is counted in memory) instead of waiting in a queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: STORE_TIMEOUT_MS,
    connectTimeout: 2_000,
  });
  // Reconnects by itself; each failure is logged once by StoreHealth when a hit finds it down.
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    // Serve without it (counted in memory) rather than not start: the same choice as an outage later.
    health.failed(error);
  }
  // RedisStore asks for each script's SHA1 once, at construction: computed here, and a server that does not
  // know the script yet (a restart, a failover) is sent the script itself, so no store is left with a failed load.
  const scripts = new Map<string, string>();
  const client = {
    scriptLoad: async (script: string) => {
      const sha = createHash('sha1').update(script).digest('hex');
      scripts.set(sha, script);
      return sha;
    },
    evalsha: async <TArgs extends unknown[], TData = unknown>(sha: string, keys: string[], args: TArgs): Promise<TData> => {
      const argv = args.map(String);
      try {
        return (await redis.evalsha(sha, keys.length, ...keys, ...argv)) as TData;
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return (await redis.eval(scripts.get(sha) ?? '', keys.length, ...keys, ...argv)) as TData;
      }
    },
    decr: (key: string) => redis.decr(key),
    del: (key: string) => redis.del(key),
  };
  const fallbacks: MemoryStore[] = [];
  return {
    kind: 'redis',
    store(name, windowMs) {
      const store = new RedisStore({ client, prefix: `${prefix}limits:${name}:` });
      store.init({ windowMs } as Parameters<RedisStore['init']>[0]);
      const shared: LimitStore = {
        localKeys: false,
        get: (key) => store.get(hashed(name, key)),
        increment: (key) => store.increment(hashed(name, key)),
        decrement: (key) => store.decrement(hashed(name, key)),
        resetKey: (key) => store.resetKey(hashed(name, key)),
      };
      const fallback = inMemory(windowMs);
      fallbacks.push(fallback);
      return failOpen(shared, localStore(fallback), health);
    },
    async sweep() {},
    async close() {
      for (const store of fallbacks) store.shutdown();
      redis.disconnect();
    },
  };
}

/** Logs a shared store's outage once when it starts and once when it ends. */
class StoreHealth {
  #down = false;
  constructor(
    readonly kind: LimitStoreKind,
    private readonly logger: Logger,
  ) {}

  ok() {
    if (!this.#down) return;
    this.#down = false;
    this.logger.info({ store: this.kind }, 'rate-limit store answers again: budgets are shared by every process');
  }

  failed(error: unknown) {
    if (this.#down) return;
    this.#down = true;
    // The message only: a client library's error may carry the command and its key.
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(
      { store: this.kind, error: message },
      'rate-limit store unavailable: each process counts its own budgets until it answers (limits fail open to memory)',
    );
  }
}

class StoreTimeout extends Error {
  constructor() {
    super(`no answer within ${STORE_TIMEOUT_MS} ms`);
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeout()), STORE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Every call goes to `shared`; one that fails (or times out) is answered by `local` instead. */
function failOpen(shared: LimitStore, local: LimitStore, health: StoreHealth): LimitStore {
  const guarded =
    <A extends unknown[], R>(sharedCall: (...args: A) => R | Promise<R>, localCall: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await withTimeout(Promise.resolve(sharedCall(...args)));
        health.ok();
        return result;
      } catch (error) {
        health.failed(error);
        return localCall(...args);
      }
    };
  return {
    localKeys: false,
    get: guarded(shared.get, local.get),
    increment: guarded(shared.increment, local.increment),
    decrement: guarded(shared.decrement, local.decrement),
    resetKey: guarded(shared.resetKey, local.resetKey),
  };
}
