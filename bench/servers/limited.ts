/**
 * A Hono GET behind Coverkit's own rate limit (server/http/rate-limit.ts) with
 * its counters in the store LIMIT_STORE names: none (no limit: the floor),
 * memory, postgres (BENCH_DATABASE_URL, a schema of its own) or redis
 * (BENCH_REDIS_URL). The budget is never spent; each request's key is its
 * X-Bench-Client header, so the store sees many clients, as in production.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';
import { type Database, openDatabase } from '../../server/db/index.ts';
import type { AppEnv } from '../../server/http/env.ts';
import { createLimitCounters } from '../../server/http/limit-counters.ts';
import { rateLimit } from '../../server/http/rate-limit.ts';
import './report-usage.ts';

const kind = process.env.LIMIT_STORE ?? 'none';
const schema = `bench_limits_${randomBytes(4).toString('hex')}`;
const db: Database =
  kind === 'postgres'
    ? await openDatabase({ driver: 'postgres', url: process.env.BENCH_DATABASE_URL!, schema })
    : await openDatabase({ driver: 'pglite' });
const counters = await createLimitCounters({
  db,
  logger: pino({ level: 'warn' }),
  redisUrl: kind === 'redis' ? process.env.BENCH_REDIS_URL : undefined,
  redisPrefix: `bench-${schema}:`,
});
if (kind !== 'none' && counters.kind !== kind) throw new Error(`asked for ${kind}, got ${counters.kind}`);

const app = new Hono<AppEnv>();
if (kind !== 'none') {
  app.use(
    '/limited',
    rateLimit({
      counters,
      name: 'bench',
      limit: 1_000_000_000,
      key: (c) => c.req.header('x-bench-client') ?? 'one',
      message: 'spent',
    }),
  );
}
app.get('/limited', (c) => c.json({ ok: true }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.send?.('ready'));
process.on('SIGTERM', () =>
  server.close(async () => {
    await counters.close();
    if (kind === 'postgres') await db.query(`DROP SCHEMA "${schema}" CASCADE`);
    await db.close();
    process.exit(0);
  }),
);
