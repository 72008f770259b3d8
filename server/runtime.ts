/**
 * Everything a running Coverkit needs, built from a Config: database, signing
 * keys, dealers, logger, metrics and the app. main.ts, the tests and the
 * benchmarks all start Coverkit through here, so they run the same thing.
 */
import { fileURLToPath } from 'node:url';
import type { DestinationStream } from 'pino';
import { createApp } from './app.ts';
import { type Dealer, DealerRegistry, loadDealers } from './auth/dealers.ts';
import { SigningKeys } from './auth/keys.ts';
import { RefreshKeyStore } from './auth/refresh-keys.ts';
import { RefusedSecretKeys } from './auth/refused-keys.ts';
import { SessionStore } from './auth/sessions.ts';
import { startEndedSessionSweep } from './auth/sweep.ts';
import { TokenService } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { type Database, type DatabaseOptions, openDatabase } from './db/index.ts';
import { openDemoWebhookLog } from './demo/webhook-log.ts';
import { DraftStore } from './drafts/store.ts';
import { createLimitCounters } from './http/limit-counters.ts';
import type { Lifecycle } from './ops/health.ts';
import { createLogger, flushLogs } from './ops/logger.ts';
import { Metrics } from './ops/metrics.ts';
import { readinessChecks } from './policies/readiness.ts';
import { ConnectionStore } from './policies/store.ts';
import { createQuoteService } from './quotes/index.ts';
import { ResumeLinkStore } from './resume/store.ts';
import { configuredDataKeys } from './security/data-keys.ts';
import { Sealer } from './security/sealer.ts';
import { createSubmissionService } from './submissions/index.ts';
import { createVendors } from './vendors/index.ts';
import { createCallBuckets } from './vendors/shared/call-buckets.ts';
import { createWebhookService } from './webhooks/index.ts';

/** Clock skew allowed between processes when deciding that a retired key's tokens are all expired. */
const KEY_RETAIN_SKEW_MS = 60_000;

export type RuntimeOptions = {
  /** Where vendor configuration is read from (process.env by default). */
  env?: Record<string, string | undefined>;
  /** Replaces the registry from config (tests). */
  dealers?: Dealer[];
  /** Replaces the database from config (tests pass an in-memory PGlite or a schema on PostgreSQL). */
  database?: DatabaseOptions;
  logDestination?: DestinationStream;
  now?: () => number;
};

/** The database configuration names: PostgreSQL when DATABASE_URL is set, else the embedded one in the data folder. */
export function databaseOptions(config: Config): DatabaseOptions {
  return config.databaseUrl ? { driver: 'postgres', url: config.databaseUrl } : { driver: 'pglite', dataDir: `${config.dataDir}/pglite` };
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}) {
  const logger = createLogger({ level: config.logLevel, destination: options.logDestination });
  const loaded = options.dealers ? { registry: new DealerRegistry(options.dealers) } : loadDealers(config);
  const sealer = new Sealer(configuredDataKeys(config));
  const db: Database = await openDatabase(options.database ?? databaseOptions(config));
  const keys = await SigningKeys.open(db, {
    sealer,
    rotationMs: config.keyRotationMs,
    retainMs: config.tokenTtlSeconds * 1000 + KEY_RETAIN_SKEW_MS,
    now: options.now,
  });
  const tokens = new TokenService(keys, { issuer: config.publicUrl, ttlSeconds: config.tokenTtlSeconds, now: options.now });
  const sessions = new SessionStore(db, sealer, { now: options.now });
  const drafts = new DraftStore(db, sealer, { now: options.now });
  const refreshKeys = new RefreshKeyStore(db, { now: options.now });
  const sweep = startEndedSessionSweep({ stores: { drafts, refreshKeys }, logger, intervalSeconds: config.sessionSweepSeconds });
  const resumeLinks = new ResumeLinkStore(db, { now: options.now });
  const limitCounters = await createLimitCounters({ db, logger, redisUrl: config.redisUrl, redisPrefix: config.redisPrefix });
  const refusedKeys = new RefusedSecretKeys(limitCounters, {
    perAddress: config.refusedKeysPerIp,
    perClient: config.refusedKeysPerClient,
    trustProxy: config.trustProxy,
  });
  // AgencyZoom's pace, shared by every process: in Redis when REDIS_URL is set, else in the database.
  const callBuckets = createCallBuckets({ db, redisUrl: config.redisUrl, redisPrefix: config.redisPrefix });
  const vendors = createVendors({
    callBuckets,
    mode: config.mode,
    env: options.env ?? process.env,
    sandboxUrl: config.sandboxUrl,
    publicUrl: config.publicUrl,
  });
  const quotes = await createQuoteService({ db, sealer, vendors, config, logger });
  const submissions = createSubmissionService({ db, sealer, vendors, quotes, config, logger });
  const webhooks = createWebhookService({ db, sealer, config, logger, submissions });
  const demoWebhooks = await openDemoWebhookLog({ config, dealers: loaded.registry, webhooks, logger });
  const connections = new ConnectionStore(db, sealer);
  // A connection nobody reads is still told ready; polled as often as webhook events are recorded.
  const readiness = readinessChecks({ store: connections, trellis: vendors.trellis, logger }, { pollMs: config.webhooks.pollMs });
  readiness.start();
  const metrics = new Metrics();
  metrics.gauge('coverkit_quote_streams_open', 'Quote streams open on this process', () => quotes.hub.openStreams);
  const lifecycle: Lifecycle = { shuttingDown: false };
  const drain = async () => {
    lifecycle.shuttingDown = true;
    await Promise.all([quotes.close(), submissions.close(), webhooks.close(), readiness.stop()]);
  };
  const app = createApp({
    config,
    db,
    logger,
    metrics,
    lifecycle,
    dealers: loaded.registry,
    keys,
    tokens,
    sessions,
    drafts,
    refreshKeys,
    resumeLinks,
    now: options.now,
    refusedKeys,
    limitCounters,
    vendors,
    quotes,
    connections,
    submissions,
    webhooks,
    demoWebhooks,
    paths: {
      demoDir: fileURLToPath(new URL('../demo/', import.meta.url)),
      widgetDir: fileURLToPath(new URL('../dist/widget/', import.meta.url)),
    },
  });
  return {
    app,
    config,
    db,
    sealer,
    logger,
    metrics,
    lifecycle,
    keys,
    tokens,
    sessions,
    refreshKeys,
    limitCounters,
    vendors,
    quotes,
    submissions,
    webhooks,
    dealers: loaded.registry,
    demoSecretKey: loaded.demoSecretKey,
    /**
     * Ends long-lived work before the server stops accepting: streams end, quote
     * runs are handed back, deliveries send nothing new and wait for the vendor
     * calls already sent (at most submissions.stopGraceMs) to be recorded.
     */
    drain,
    /** Drains, and only then closes the database: a delivery's result is never left unwritten by an early close. */
    async close() {
      await drain();
      sweep.stop();
      await limitCounters.close();
      await callBuckets.close();
      await db.close();
      await flushLogs(logger);
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
