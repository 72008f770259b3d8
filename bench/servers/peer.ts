/**
 * The token service a team would write without Coverkit, as the peer bench/tokens
 * measures us against: Hono with its own middleware (`hono/secure-headers`,
 * `hono/cors`, `hono/jwk` verifying ES256 on every request), a pino access log
 * line per request, prom-client request metrics, and for session creation the
 * same row inserted into the same embedded database (PGlite, the `sessions`
 * table of our first migration), one INSERT per request.
 *   POST /v1/sessions  secret key checked (SHA-256, constant time), row inserted, ES256 token signed
 *   GET  /v1/session   token verified by hono/jwk, the session read back by id
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { jwk } from 'hono/jwk';
import type { JwtVariables } from 'hono/jwt';
import { secureHeaders } from 'hono/secure-headers';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pino from 'pino';
import { Histogram, Registry } from 'prom-client';
import './report-usage.ts';

const dataDir = process.env.PEER_DATA_DIR;
if (!dataDir) throw new Error('PEER_DATA_DIR is required');
const db = await PGlite.create(dataDir);
await db.exec(readFileSync(new URL('../../server/db/migrations/0001_foundation.sql', import.meta.url), 'utf8'));

const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
const publicJwk = { ...(await exportJWK(publicKey)), kid: 'peer', alg: 'ES256' };
const secretKey = process.env.PEER_SECRET_KEY ?? 'sk_bench_peer_0123456789abcdefghijkl';
const secretKeySha256 = createHash('sha256').update(secretKey).digest();

const log = pino({ level: 'info' }, pino.destination({ dest: 1, sync: false }));
const registry = new Registry();
const duration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Request latency',
  labelNames: ['method', 'route', 'status'],
  registers: [registry],
});

const app = new Hono<{ Variables: JwtVariables }>();
app.use('*', async (c, next) => {
  const started = performance.now();
  await next();
  const seconds = (performance.now() - started) / 1000;
  duration.observe({ method: c.req.method, route: c.req.routePath, status: String(c.res.status) }, seconds);
  log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: seconds * 1000 }, 'request');
});
app.use('*', secureHeaders());
app.use('/v1/*', cors({ origin: ['https://dealer.example'], allowHeaders: ['Authorization', 'Content-Type'] }));

app.post('/v1/sessions', async (c) => {
  const presented = createHash('sha256')
    .update(c.req.header('X-Secret-Key') ?? '')
    .digest();
  if (c.req.header('X-Client-Id') !== 'demo-dealer' || !timingSafeEqual(presented, secretKeySha256)) {
    return c.json({ error: { code: 'unauthorized', message: 'Bad credentials' } }, 401);
  }
  const body = await c.req.json<{ externalRef?: string }>();
  const id = `ses_${randomBytes(16).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + 900_000);
  await db.query(
    'INSERT INTO sessions (id, client_id, products, prefill, origin, external_ref, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, now(), $7)',
    [id, 'demo-dealer', '["quote","connect","lookup"]', '{}', null, body.externalRef ?? null, expiresAt],
  );
  const sessionToken = await new SignJWT({ scp: 'session', dlr: 'demo-dealer' })
    .setProtectedHeader({ alg: 'ES256', kid: 'peer', typ: 'JWT' })
    .setIssuer('peer')
    .setAudience('coverkit-widget')
    .setSubject(id)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(privateKey);
  return c.json({ sessionId: id, sessionToken, expiresAt: expiresAt.toISOString() }, 201);
});

app.get('/v1/session', jwk({ keys: [publicJwk], alg: ['ES256'] }), async (c) => {
  const payload = c.get('jwtPayload') as { sub: string };
  const { rows } = await db.query<{ id: string; products: string[]; prefill: unknown; expires_at: Date }>(
    'SELECT * FROM sessions WHERE id = $1',
    [payload.sub],
  );
  const session = rows[0];
  if (!session) return c.json({ error: { code: 'unauthorized', message: 'No such session' } }, 401);
  return c.json({
    sessionId: session.id,
    dealer: { name: 'Pleasantville Motors' },
    products: session.products,
    prefill: session.prefill,
    expiresAt: session.expires_at.toISOString(),
  });
});

app.get('/metrics', async (c) => c.text(await registry.metrics()));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () =>
  process.send?.({ ready: true, secretKey }),
);
process.on('SIGTERM', () => server.close(() => void db.close().then(() => process.exit(0))));
