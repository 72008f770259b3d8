/**
 * Configuration from the environment, validated once at start-up. Every knob has
 * an embedded default so `npm start` needs nothing; a bad value stops the
 * process with the variable's name instead of failing later.
 */
import path from 'node:path';
import { z } from 'zod';
import { fieldErrors, QuoteVendor } from '../contract/index.ts';
import { DATA_KEY_HINT, parseDataKeys } from './security/data-keys.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvSchema = z
  .object({
    PORT: int(0, 65535).default(8787),
    HOST: z.string().default('0.0.0.0'),
    /** sandbox: vendors are the simulators mounted under /sandbox; live: the real vendors. */
    COVERKIT_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
    COVERKIT_DATA_DIR: z.string().default('data'),
    /**
     * The keys that seal shopper data at rest, current first (security/data-keys.ts). Required in live mode;
     * in sandbox mode, when unset (or blank), one is generated and kept in the data folder.
     */
    COVERKIT_DATA_KEY: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .transform((text, ctx) => {
          const keys = parseDataKeys(text);
          if (typeof keys !== 'string') return keys;
          ctx.issues.push({ code: 'custom', message: keys, input: '' });
          return z.NEVER;
        })
        .optional(),
    ),
    DATABASE_URL: z.string().url().optional(),
    /**
     * When set (redis://host:port), every rate limit is counted in this Redis, shared by every process that uses it;
     * else in PostgreSQL when DATABASE_URL is set; else in the process (the embedded database is one process).
     */
    REDIS_URL: z.string().url().optional(),
    /** Prepended to Coverkit's Redis keys, so several deployments can share one Redis. */
    COVERKIT_REDIS_PREFIX: z.string().min(1).max(100).default('coverkit:'),
    /** The address shoppers' browsers reach this server at; the token issuer. */
    COVERKIT_PUBLIC_URL: z.string().url().optional(),
    /** Where the vendor clients reach this server's own sandboxes (sandbox mode); loopback by default. */
    COVERKIT_SANDBOX_URL: z.string().url().optional(),
    /** Path of the dealer registry (JSON); COVERKIT_DEALERS holds the same JSON inline. */
    COVERKIT_DEALERS_FILE: z.string().optional(),
    COVERKIT_DEALERS: z.string().optional(),
    /** The demo dealer's secret key in sandbox mode; generated and kept in the data folder when unset. */
    COVERKIT_DEMO_SECRET_KEY: z.string().min(24).optional(),
    /** Session tokens and temporary access keys live this long (at most 15 min); the widget renews its token before it expires. Short values are for tests. */
    COVERKIT_TOKEN_TTL_SECONDS: int(10, 900).default(900),
    /** A session's absolute lifetime: its tokens are renewed until then, never after (default 4 h). */
    COVERKIT_SESSION_LIFETIME_SECONDS: int(60, 86_400).default(14_400),
    /** How long a resume link (POST /v1/session/resume-link) works if it is not used (default 10 min; never past the session's end). */
    COVERKIT_RESUME_LINK_SECONDS: int(30, 3600).default(600),
    /** How often what ended sessions leave (drafts, refresh keys) is deleted (default every 5 min). */
    COVERKIT_SESSION_SWEEP_SECONDS: int(1, 86_400).default(300),
    /** How long a signing key signs before a new one takes over. */
    COVERKIT_KEY_ROTATION_HOURS: z.coerce.number().positive().default(24),
    /**
     * Session creations per minute: a dealer's backend's, per dealer; public (widget) sessions', per dealer and page
     * origin (past it only new shoppers are served) and per client address (IPv6: its /64).
     */
    COVERKIT_SESSION_RATE_PER_CLIENT: int(1, 10_000_000).default(600),
    COVERKIT_SESSION_RATE_PER_IP: int(1, 10_000_000).default(60),
    /** Public sessions per minute for one dealer across all its origins and addresses: nobody is served past it (default: 5 × COVERKIT_SESSION_RATE_PER_CLIENT). */
    COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT: int(1, 10_000_000).optional(),
    /** Wrong secret keys per minute, from one client address (an IPv6 /64) and for one clientId; the right key is never limited. */
    COVERKIT_REFUSED_KEYS_PER_IP: int(1, 10_000_000).default(30),
    COVERKIT_REFUSED_KEYS_PER_CLIENT: int(1, 10_000_000).default(300),
    /** Requests per minute one client IP may make to the shopper endpoints (quotes, lookups, connections, submissions). */
    COVERKIT_WIDGET_RATE_PER_IP: int(1, 10_000_000).default(600),
    /** When set, GET /metrics needs `Authorization: Bearer <this>` (metrics reveal traffic; keep them to your scraper). */
    COVERKIT_METRICS_TOKEN: z.string().min(16).optional(),
    /** When set, changing the sandboxes' fault knobs needs `Authorization: Bearer <this>` (a shared demo server). */
    COVERKIT_SANDBOX_ADMIN_TOKEN: z.string().min(16).optional(),
    /** Trust X-Forwarded-For for the client IP (only behind a proxy you run). */
    COVERKIT_TRUST_PROXY: z.stringbool().default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The quoting vendors asked for every quote request. */
    COVERKIT_QUOTE_VENDORS: z
      .string()
      .default('coverhound,pace')
      .transform((list) =>
        list
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      )
      .pipe(z.array(QuoteVendor).min(1)),
    /** How long a quote request waits for its slowest vendor. */
    COVERKIT_QUOTE_DEADLINE_SECONDS: int(1, 600).default(60),
    COVERKIT_QUOTE_RATE_PER_SESSION: int(1, 10_000_000).default(30),
    /** A process working on a vendor run holds a lease this long (renewed while alive); another takes over when it lapses. */
    COVERKIT_QUOTE_LEASE_SECONDS: int(2, 600).default(15),
    /** How often CoverHound's polling transaction is polled: 5 s against the real vendor, short against the sandbox. */
    COVERHOUND_POLL_INTERVAL_MS: int(20, 60_000).optional(),
    /** Quote streams send a keep-alive comment (and look for missed events) this often. */
    COVERKIT_SSE_HEARTBEAT_SECONDS: z.coerce.number().positive().max(300).default(15),
    /** How long POST /v1/submissions waits for AutoComplete's shopping link before answering `delivering` without it. */
    COVERKIT_FLOW_URL_WAIT_MS: int(0, 10_000).default(2_500),
    /** Delivery tries of one submission to one vendor (rate-limited ones aside) before it is failed; and its age limit. */
    COVERKIT_DELIVERY_MAX_ATTEMPTS: int(1, 1_000).default(20),
    COVERKIT_DELIVERY_MAX_AGE_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(24),
    /** Retry backoff: the first delay, doubling (with jitter) up to the longest. */
    COVERKIT_DELIVERY_BACKOFF_MS: int(10, 3_600_000).default(2_000),
    COVERKIT_DELIVERY_BACKOFF_MAX_MS: int(10, 86_400_000).default(900_000),
    /** A delivery try's lease (renewed while alive); another process takes the row over once it lapses. */
    COVERKIT_DELIVERY_LEASE_SECONDS: int(2, 600).default(30),
    /** How often each process looks for deliveries that are due. */
    COVERKIT_DELIVERY_POLL_MS: int(20, 60_000).default(1_000),
    COVERKIT_SUBMISSION_RATE_PER_SESSION: int(1, 10_000_000).default(10),
    /** GET /v1/submissions lists a submission only once it is this old, so a page's `since` never skips one still committing. */
    COVERKIT_SUBMISSION_LIST_SETTLE_MS: int(0, 60_000).default(1_000),
    /**
     * Where webhooks may go: public (https, public addresses only; live mode's default), any (http or https,
     * any address; sandbox mode's default, for a local receiver) or loopback (localhost only, no DNS: tests).
     */
    COVERKIT_WEBHOOK_TARGETS: z.enum(['public', 'any', 'loopback']).optional(),
    /** The waits between webhook tries, in seconds, comma-separated: the Standard Webhooks schedule by default. */
    COVERKIT_WEBHOOK_RETRY_SECONDS: z
      .string()
      .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, { error: 'Comma-separated seconds, like 5,300,1800' })
      .transform((list) => list.split(',').map((s) => Math.round(Number(s) * 1000)))
      .optional(),
    /** A webhook try's deadline. */
    COVERKIT_WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(10_000),
    /** An endpoint whose every try failed for this long is disabled. */
    COVERKIT_WEBHOOK_DISABLE_AFTER_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(120),
    COVERKIT_WEBHOOK_LEASE_SECONDS: int(2, 600).default(30),
    /** How often each process records new events and looks for webhook deliveries that are due. */
    COVERKIT_WEBHOOK_POLL_MS: int(20, 60_000).default(1_000),
    /** How far back a poll looks for facts with no event yet (after an outage of every process). */
    COVERKIT_WEBHOOK_CATCH_UP_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(72),
  })
  .superRefine((e, ctx) => {
    if (
      e.COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT !== undefined &&
      e.COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT < e.COVERKIT_SESSION_RATE_PER_CLIENT
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT'],
        message: "must be at least COVERKIT_SESSION_RATE_PER_CLIENT (the ceiling is above every origin's budget)",
      });
    }
    if (e.COVERKIT_MODE === 'live' && !e.COVERKIT_DATA_KEY) {
      ctx.addIssue({ code: 'custom', path: ['COVERKIT_DATA_KEY'], message: `is required in live mode: ${DATA_KEY_HINT}` });
    }
  })
  .transform((e) => ({
    port: e.PORT,
    host: e.HOST,
    mode: e.COVERKIT_MODE,
    dataDir: path.resolve(e.COVERKIT_DATA_DIR),
    /** Undefined in sandbox mode when unset: the runtime keeps a generated one in the data folder. */
    dataKeys: e.COVERKIT_DATA_KEY,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.COVERKIT_REDIS_PREFIX,
    publicUrl: (e.COVERKIT_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    sandboxUrl: (e.COVERKIT_SANDBOX_URL ?? `http://${loopbackFor(e.HOST)}:${e.PORT}/sandbox`).replace(/\/$/, ''),
    dealersFile: e.COVERKIT_DEALERS_FILE,
    dealersJson: e.COVERKIT_DEALERS,
    demoSecretKey: e.COVERKIT_DEMO_SECRET_KEY,
    tokenTtlSeconds: e.COVERKIT_TOKEN_TTL_SECONDS,
    sessionLifetimeSeconds: e.COVERKIT_SESSION_LIFETIME_SECONDS,
    sessionSweepSeconds: e.COVERKIT_SESSION_SWEEP_SECONDS,
    resumeLinkSeconds: e.COVERKIT_RESUME_LINK_SECONDS,
    keyRotationMs: e.COVERKIT_KEY_ROTATION_HOURS * 3600_000,
    sessionRatePerClient: e.COVERKIT_SESSION_RATE_PER_CLIENT,
    sessionRatePerIp: e.COVERKIT_SESSION_RATE_PER_IP,
    publicSessionCeilingPerClient: e.COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT ?? 5 * e.COVERKIT_SESSION_RATE_PER_CLIENT,
    widgetRatePerIp: e.COVERKIT_WIDGET_RATE_PER_IP,
    refusedKeysPerIp: e.COVERKIT_REFUSED_KEYS_PER_IP,
    refusedKeysPerClient: e.COVERKIT_REFUSED_KEYS_PER_CLIENT,
    metricsToken: e.COVERKIT_METRICS_TOKEN,
    sandboxAdminToken: e.COVERKIT_SANDBOX_ADMIN_TOKEN,
    trustProxy: e.COVERKIT_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    quotes: {
      vendors: e.COVERKIT_QUOTE_VENDORS,
      deadlineMs: e.COVERKIT_QUOTE_DEADLINE_SECONDS * 1000,
      perSessionPerMinute: e.COVERKIT_QUOTE_RATE_PER_SESSION,
      leaseMs: e.COVERKIT_QUOTE_LEASE_SECONDS * 1000,
      coverHoundPollMs: e.COVERHOUND_POLL_INTERVAL_MS ?? (e.COVERKIT_MODE === 'sandbox' ? 250 : 5_000),
      heartbeatMs: e.COVERKIT_SSE_HEARTBEAT_SECONDS * 1000,
    },
    submissions: {
      flowUrlWaitMs: e.COVERKIT_FLOW_URL_WAIT_MS,
      maxAttempts: e.COVERKIT_DELIVERY_MAX_ATTEMPTS,
      maxAgeMs: e.COVERKIT_DELIVERY_MAX_AGE_HOURS * 3600_000,
      backoffMs: e.COVERKIT_DELIVERY_BACKOFF_MS,
      backoffMaxMs: Math.max(e.COVERKIT_DELIVERY_BACKOFF_MS, e.COVERKIT_DELIVERY_BACKOFF_MAX_MS),
      leaseMs: e.COVERKIT_DELIVERY_LEASE_SECONDS * 1000,
      pollMs: e.COVERKIT_DELIVERY_POLL_MS,
      perSessionPerMinute: e.COVERKIT_SUBMISSION_RATE_PER_SESSION,
      listSettleMs: e.COVERKIT_SUBMISSION_LIST_SETTLE_MS,
    },
    webhooks: {
      targets: e.COVERKIT_WEBHOOK_TARGETS ?? (e.COVERKIT_MODE === 'live' ? ('public' as const) : ('any' as const)),
      retryScheduleMs: e.COVERKIT_WEBHOOK_RETRY_SECONDS,
      timeoutMs: e.COVERKIT_WEBHOOK_TIMEOUT_MS,
      disableAfterMs: e.COVERKIT_WEBHOOK_DISABLE_AFTER_HOURS * 3600_000,
      leaseMs: Math.max(e.COVERKIT_WEBHOOK_LEASE_SECONDS * 1000, e.COVERKIT_WEBHOOK_TIMEOUT_MS * 2),
      pollMs: e.COVERKIT_WEBHOOK_POLL_MS,
      catchUpMs: e.COVERKIT_WEBHOOK_CATCH_UP_HOURS * 3600_000,
    },
  }));

export type Config = z.output<typeof EnvSchema>;

/** An address of this host that reaches the server listening on `host`. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/**
 * Environment variables read with their schema: the server's own and every
 * vendor's. A bad value throws ConfigError naming each variable and the rule
 * it breaks, never the value (it may be a password). `blankIsUnset`: a
 * variable set to the empty string counts as unset, as in most deployment tools.
 */
export function readEnv<S extends z.ZodType>(
  schema: S,
  env: Env,
  { what, blankIsUnset = false }: { what: string; blankIsUnset?: boolean },
): z.output<S> {
  const given = blankIsUnset ? Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')) : env;
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = Object.entries(fieldErrors(parsed.error)).map(([name, messages]) => `${name} ${messages.join('; ')}`);
    throw new ConfigError(`Invalid ${what}: ${problems.join(', ')}`);
  }
  return parsed.data;
}

export function loadConfig(env: Env = process.env): Config {
  return readEnv(EnvSchema, env, { what: 'configuration' });
}
