/**
 * Pacing calls to a vendor below its documented limit, for every process of a
 * deployment at once: a token bucket per vendor account, kept in the app's
 * database (PostgreSQL: shared by every process; PGlite: the one process) or
 * in Redis when REDIS_URL is set. A bucket holds up to `burst` tokens and
 * refills at `perMinute`; each call takes one. Taking never fails: when the
 * bucket is empty the token goes negative, which promises the call the next
 * free slot, and the caller is told how long to wait for it. So a burst of
 * calls leaves at the pace, in order, instead of reaching the vendor at once
 * and drawing its 429s. Within any minute a bucket lets through at most
 * `burst + perMinute` calls: keep that below the vendor's limit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Queryable } from '../../db/index.ts';
import { VendorError } from './errors.ts';

export type BucketRate = { perMinute: number; burst: number };

export interface CallBuckets {
  /** Takes a token from bucket `key`; resolves to how long (ms) the call must wait for its slot (0: now). */
  take(key: string, rate: BucketRate): Promise<number>;
  /** Puts back a token taken for a call that is not made. */
  giveBack(key: string, rate: BucketRate): Promise<void>;
  close(): Promise<void>;
}

/** Tokens left after a take → the wait for the slot it promised. */
const waitFor = (tokens: number, rate: BucketRate) => (tokens >= 0 ? 0 : Math.ceil((-tokens / rate.perMinute) * 60_000));

/** Buckets in the database: one statement per take, so concurrent takes from any process queue on the row. */
export class DatabaseCallBuckets implements CallBuckets {
  constructor(private readonly db: Queryable) {}

  async take(key: string, rate: BucketRate): Promise<number> {
    const [row] = await this.db.query<{ tokens: number }>(
      `INSERT INTO call_buckets AS b (key, tokens, refilled_at) VALUES ($1, $2::float8 - 1, clock_timestamp())
       ON CONFLICT (key) DO UPDATE SET
         tokens = LEAST($2::float8, b.tokens + EXTRACT(EPOCH FROM clock_timestamp() - b.refilled_at)::float8 * $3::float8) - 1,
         refilled_at = clock_timestamp()
       RETURNING tokens`,
      [key, rate.burst, rate.perMinute / 60],
    );
    return waitFor(Number(row?.tokens ?? 0), rate);
  }

  async giveBack(key: string, rate: BucketRate): Promise<void> {
    await this.db.query('UPDATE call_buckets SET tokens = LEAST($2::float8, tokens + 1) WHERE key = $1', [key, rate.burst]);
  }

  async close(): Promise<void> {}
}

/** The same bucket as one Lua script (atomic in Redis), on Redis's own clock. */
const TAKE = `
local now = redis.call('TIME')
local at = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or burst
local last = tonumber(stored[2]) or at
tokens = math.min(burst, tokens + (at - last) * perMs) + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], 86400000)
return tostring(tokens)`;

export class RedisCallBuckets implements CallBuckets {
  readonly #redis: Redis;

  readonly #prefix: string;

  /** `prefix`: COVERKIT_REDIS_PREFIX, before every key. */
  constructor(url: string, prefix = 'coverkit:') {
    // A take fails after one reconnect while Redis is away: the delivery try fails and is retried.
    this.#redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    this.#prefix = prefix;
    this.#redis.on('error', () => {});
  }

  async #run(key: string, rate: BucketRate, change: number): Promise<number> {
    const tokens = await this.#redis.eval(TAKE, 1, `${this.#prefix}call-bucket:${key}`, rate.burst, rate.perMinute / 60_000, change);
    return Number(tokens);
  }

  async take(key: string, rate: BucketRate): Promise<number> {
    return waitFor(await this.#run(key, rate, -1), rate);
  }

  async giveBack(key: string, rate: BucketRate): Promise<void> {
    await this.#run(key, rate, 1);
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}

/** Buckets in this process only (a client built without shared ones, e.g. in tests of the registry). */
export class MemoryCallBuckets implements CallBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  async take(key: string, rate: BucketRate): Promise<number> {
    return waitFor(this.#change(key, rate, -1), rate);
  }

  async giveBack(key: string, rate: BucketRate): Promise<void> {
    this.#change(key, rate, 1);
  }

  #change(key: string, rate: BucketRate, change: number): number {
    const at = Date.now();
    const bucket = this.#buckets.get(key) ?? { tokens: rate.burst, at };
    bucket.tokens = Math.min(rate.burst, bucket.tokens + ((at - bucket.at) * rate.perMinute) / 60_000) + change;
    bucket.at = at;
    this.#buckets.set(key, bucket);
    return bucket.tokens;
  }

  async close(): Promise<void> {}
}

/** Redis when a URL is given (REDIS_URL), else the database's table. */
export function createCallBuckets({ db, redisUrl, redisPrefix }: { db: Queryable; redisUrl?: string; redisPrefix?: string }): CallBuckets {
  return redisUrl ? new RedisCallBuckets(redisUrl, redisPrefix) : new DatabaseCallBuckets(db);
}

/**
 * One vendor account's pace: waits for each call's slot, at most `maxWaitMs`.
 * A longer wait is not spent holding the caller: the token goes back and the
 * call fails as `rate_limited` with the seconds to wait, which the delivery
 * outbox honours as it does the vendor's own Retry-After, without the vendor
 * ever being asked.
 */
export class CallPacer {
  /** When the slot after the last one this process was promised comes (Date.now() time). */
  #freeAt = 0;

  constructor(
    private readonly buckets: CallBuckets,
    private readonly options: { vendor: string; key: string; rate: () => BucketRate; maxWaitMs: number },
  ) {}

  /**
   * About how long a call taken now would wait for its slot, as this process
   * last heard from the bucket (other processes' calls since are not counted):
   * for a caller deciding whether to wait for the call at all.
   */
  nextSlotInMs(): number {
    return Math.max(0, this.#freeAt - Date.now());
  }

  async take(): Promise<void> {
    const { buckets, options } = this;
    const rate = options.rate();
    const waitMs = await buckets.take(options.key, rate);
    this.#freeAt = Math.max(this.#freeAt, Date.now() + waitMs + 60_000 / rate.perMinute);
    if (waitMs > options.maxWaitMs) {
      await buckets.giveBack(options.key, rate);
      throw new VendorError(options.vendor, 'rate_limited', `is paced at ${rate.perMinute} calls a minute: the next slot is too far off`, {
        retryAfterSeconds: Math.ceil(waitMs / 1000),
        code: 'paced',
      });
    }
    if (waitMs > 0) await sleep(waitMs);
  }
}
