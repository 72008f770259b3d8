/**
 * The floors the token service is measured against: a bare Hono GET, and a
 * bare Hono POST that only parses its JSON body and signs an ES256 JWT with jose.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { generateKeyPair, SignJWT } from 'jose';
import './report-usage.ts';

const { privateKey } = await generateKeyPair('ES256');
const app = new Hono();
app.get('/bare', (c) => c.json({ ok: true }));
app.post('/sign', async (c) => {
  await c.req.json();
  const token = await new SignJWT({ scp: 'session' })
    .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
    .setIssuer('bench')
    .setAudience('bench')
    .setSubject('ses_bench')
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(privateKey);
  return c.json({ sessionToken: token }, 201);
});
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
