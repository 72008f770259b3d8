/**
 * Configuration from the environment, validated once at start-up. Every knob has
 * an embedded default so `npm start` needs nothing; a bad value stops the
 * process with the variable's name instead of failing later.
 */
import path from 'node:path';
import { z } from 'zod';
import { QuoteVendor, fieldErrors } from '../contract/index.ts';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvSchema = z.object({
  PORT: int(0, 65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  /** sandbox: vendors are the simulators mounted under /sandbox; live: the real vendors. */
  COVERKIT_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
  COVERKIT_DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().url().optional(),
  /** The address shoppers' browsers reach this server at; the token issuer. */
  COVERKIT_PUBLIC_URL: z.string().url().optional(),
  /** Where the vendor clients reach this server's own sandboxes (sandbox mode); loopback by default. */
  COVERKIT_SANDBOX_URL: z.string().url().optional(),
  /** Path of the dealer registry (JSON); COVERKIT_DEALERS holds the same JSON inline. */
  COVERKIT_DEALERS_FILE: z.string().optional(),
  COVERKIT_DEALERS: z.string().optional(),
  /** The demo dealer's secret key in sandbox mode; generated and kept in the data folder when unset. */
  COVERKIT_DEMO_SECRET_KEY: z.string().min(24).optional(),
  COVERKIT_TOKEN_TTL_SECONDS: int(30, 900).default(900),
  /** How long a signing key signs before a new one takes over. */
  COVERKIT_KEY_ROTATION_HOURS: z.coerce.number().positive().default(24),
  /** Session creations allowed per minute, per dealer and per client IP. */
  COVERKIT_SESSION_RATE_PER_CLIENT: int(1, 10_000_000).default(600),
  COVERKIT_SESSION_RATE_PER_IP: int(1, 10_000_000).default(60),
  /** Trust X-Forwarded-For for the client IP (only behind a proxy you run). */
  COVERKIT_TRUST_PROXY: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The quoting vendors asked for every quote request. */
  COVERKIT_QUOTE_VENDORS: z
    .string()
    .default('coverhound,pace')
    .transform((list) => list.split(',').map((v) => v.trim()).filter(Boolean))
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
}).transform((e) => ({
    port: e.PORT,
    host: e.HOST,
    mode: e.COVERKIT_MODE,
    dataDir: path.resolve(e.COVERKIT_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.COVERKIT_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    sandboxUrl: (e.COVERKIT_SANDBOX_URL ?? `http://${loopbackFor(e.HOST)}:${e.PORT}/sandbox`).replace(/\/$/, ''),
    dealersFile: e.COVERKIT_DEALERS_FILE,
    dealersJson: e.COVERKIT_DEALERS,
    demoSecretKey: e.COVERKIT_DEMO_SECRET_KEY,
    tokenTtlSeconds: e.COVERKIT_TOKEN_TTL_SECONDS,
    keyRotationMs: e.COVERKIT_KEY_ROTATION_HOURS * 3600_000,
    sessionRatePerClient: e.COVERKIT_SESSION_RATE_PER_CLIENT,
    sessionRatePerIp: e.COVERKIT_SESSION_RATE_PER_IP,
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
}));

export type Config = z.output<typeof EnvSchema>;

/** An address of this host that reaches the server listening on `host`. */
function loopbackFor(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = Object.entries(fieldErrors(parsed.error)).map(([name, messages]) => `${name}: ${messages.join('; ')}`);
    throw new ConfigError(`Invalid configuration: ${problems.join(', ')}`);
  }
  return parsed.data;
}
