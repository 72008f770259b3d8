/**
 * A connection's temporary access key ends when the session that made it ends,
 * never later: the host page cannot keep reading a finished journey's policies.
 * The server runs on a clock the test moves, so "later" needs no waiting.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, type TestServer } from '../../helpers/server.ts';

let now = Date.now();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    now: () => now,
    env: { SANDBOX_TRELLIS_READY_AFTER_MS: '0', COVERKIT_SESSION_LIFETIME_SECONDS: '1200' },
  });
});
afterAll(() => server?.close());

it('caps the key at the end of its session, and refuses it once the session has ended', async () => {
  const session = await createSession(server.url);
  const sessionEnds = Date.parse(session.sessionExpiresAt);
  // Ten minutes before the session's end, the shopper connects an insurer.
  now = sessionEnds - 10 * 60_000;
  const connected = await call(`${server.url}/v1/connections`, {
    method: 'POST',
    headers: bearer(session.sessionToken),
    json: { issuerId: 'geico', username: 'user_good', password: 'pass_good' },
  });
  expect(connected.status).toBe(201);
  const { connectionId, temporaryAccessKey, expiresAt } = connected.body;
  expect(Date.parse(expiresAt)).toBeLessThanOrEqual(sessionEnds);
  expect((decodeJwt(temporaryAccessKey).exp as number) * 1000).toBeLessThanOrEqual(sessionEnds);

  const asPage = { 'X-Client-Id': TEST_DEALERS.acme.clientId, 'X-Temporary-Access-Key': temporaryAccessKey };
  const policies = `${server.url}/v1/connections/${connectionId}/policies`;
  expect([200, 202]).toContain((await call(policies, { headers: asPage })).status);

  // Past the session's end (and the 5 s allowed for clock differences), neither its token nor the key it made reads anything.
  now = sessionEnds + 10_000;
  const byKey = await call(policies, { headers: asPage });
  expect(byKey.status).toBe(401);
  expect(byKey.body.error.code).toBe('session_expired');
  const byToken = await call(policies, { headers: bearer(session.sessionToken) });
  expect(byToken.status).toBe(401);
  expect(byToken.body.error.code).toBe('session_expired');
});
