/**
 * Sessions that last the journey, through HTTP: the widget trades its session
 * token for a fresh one (POST /v1/session/token) before it expires, up to the
 * session's absolute lifetime; every token stays short-lived and bound to its
 * session, dealer and origin; renewal is refused, with a code that says why,
 * once the session has reached its end or its dealer has ended it. The server
 * runs on a clock the test moves, so hours pass without waiting.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionTokenRenewed } from '../../../contract/index.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { OTHER_ORIGIN, startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

const MINUTE = 60_000;
let now = Date.now();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => now, env: { SANDBOX_TRELLIS_READY_AFTER_MS: '0' } });
});
afterAll(() => server?.close());

const renew = (token: string, origin?: string) =>
  call(`${server.url}/v1/session/token`, { method: 'POST', headers: bearer(token, origin) });
const readSession = (token: string, origin?: string) => call(`${server.url}/v1/session`, { headers: bearer(token, origin) });
const endSession = (sessionId: string, dealer: { clientId: string; secretKey: string } = TEST_DEALERS.acme) =>
  call(`${server.url}/v1/sessions/${sessionId}/revoke`, { method: 'POST', headers: secretKeyHeaders(dealer) });

function expectRefused(res: { status: number; body: any; headers: Headers }, code: string) {
  expect(res.status).toBe(401);
  expect(res.body.error.code).toBe(code);
  expect(res.headers.get('www-authenticate')).toBe('Bearer');
}

describe('renewing the session token', () => {
  it('gives a fresh short-lived token for the same session, dealer and origin, and the session lives 4 hours', async () => {
    const created = await createSession(server.url, { origin: TEST_ORIGIN });
    const createdAt = decodeJwt(created.sessionToken).iat as number;
    expect(Date.parse(created.sessionExpiresAt)).toBe((createdAt + 4 * 3600) * 1000);
    expect(Date.parse(created.expiresAt)).toBe((createdAt + 900) * 1000);

    now += 12 * MINUTE;
    const res = await renew(created.sessionToken, TEST_ORIGIN);
    expect(res.status).toBe(200);
    expect(SessionTokenRenewed.parse(res.body)).toEqual(res.body);
    expect(res.body.sessionExpiresAt).toBe(created.sessionExpiresAt);
    const first = decodeJwt(created.sessionToken);
    const fresh = decodeJwt(res.body.sessionToken);
    expect(fresh).toMatchObject({
      sub: created.sessionId,
      dlr: TEST_DEALERS.acme.clientId,
      org: TEST_ORIGIN,
      aud: first.aud,
      scp: 'session',
    });
    expect(fresh.jti).not.toBe(first.jti);
    expect((fresh.exp as number) - (fresh.iat as number)).toBeLessThanOrEqual(900);
    expect(Date.parse(res.body.expiresAt)).toBe((fresh.exp as number) * 1000);

    // Past the first token's expiry, the renewed one is the one that works, and only from the session's origin.
    now += 10 * MINUTE;
    expectRefused(await readSession(created.sessionToken, TEST_ORIGIN), 'token_expired');
    const info = await readSession(res.body.sessionToken, TEST_ORIGIN);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ sessionId: created.sessionId, expiresAt: created.sessionExpiresAt });
    expect((await readSession(res.body.sessionToken, OTHER_ORIGIN)).status).toBe(403);
    expect((await renew(res.body.sessionToken, OTHER_ORIGIN)).status).toBe(403);
  });

  it('refuses a token that has already expired with token_expired: the widget must renew before, or start again', async () => {
    const created = await createSession(server.url);
    now += 16 * MINUTE;
    const res = await renew(created.sessionToken);
    expectRefused(res, 'token_expired');
    expect(res.body.error.message).toBe('The token has expired');
  });

  it('keeps a shopper going to the end of a configured lifetime, then refuses with session_expired', async () => {
    let clock = Date.now();
    const hourly = await startTestServer({ now: () => clock, env: { COVERKIT_SESSION_LIFETIME_SECONDS: '3600' } });
    try {
      const created = await createSession(hourly.url);
      const sessionEnds = Date.parse(created.sessionExpiresAt);
      expect(sessionEnds - Date.parse(created.expiresAt)).toBe(45 * MINUTE);
      let token = created.sessionToken;
      let renewals = 0;
      // Renew every 13 minutes, as the widget does before each token expires: the last token ends with the session.
      for (let expires = Date.parse(created.expiresAt); expires < sessionEnds; renewals++) {
        clock += 13 * MINUTE;
        const res = await call(`${hourly.url}/v1/session/token`, { method: 'POST', headers: bearer(token) });
        expect(res.status).toBe(200);
        expect(Date.parse(res.body.expiresAt)).toBeLessThanOrEqual(sessionEnds);
        ({ sessionToken: token } = res.body);
        expires = Date.parse(res.body.expiresAt);
        expect((await call(`${hourly.url}/v1/session`, { headers: bearer(token) })).status).toBe(200);
      }
      expect(renewals).toBe(4);
      expect((decodeJwt(token).exp as number) * 1000).toBe(sessionEnds);

      // Just after the end (within the clock tolerance the last token still has) and well after it: the session is over.
      clock = sessionEnds + 1_000;
      expectRefused(await call(`${hourly.url}/v1/session/token`, { method: 'POST', headers: bearer(token) }), 'session_expired');
      clock = sessionEnds + 30 * MINUTE;
      const late = await call(`${hourly.url}/v1/session/token`, { method: 'POST', headers: bearer(token) });
      expectRefused(late, 'session_expired');
      expect(late.body.error.message).toMatch(/start a new session/);
      expectRefused(await call(`${hourly.url}/v1/session`, { headers: bearer(token) }), 'session_expired');
    } finally {
      await hourly.close();
    }
  });
});

describe('ending a session early', () => {
  it("lets the dealer's backend end a session: its tokens, renewals and access keys are refused with session_revoked", async () => {
    const created = await createSession(server.url);
    const connected = await call(`${server.url}/v1/connections`, {
      method: 'POST',
      headers: bearer(created.sessionToken),
      json: { issuerId: 'geico', username: 'user_good', password: 'pass_good' },
    });
    expect(connected.status).toBe(201);
    const asPage = { 'X-Client-Id': TEST_DEALERS.acme.clientId, 'X-Temporary-Access-Key': connected.body.temporaryAccessKey };
    const policies = `${server.url}/v1/connections/${connected.body.connectionId}/policies`;
    expect([200, 202]).toContain((await call(policies, { headers: asPage })).status);

    // Another dealer cannot end it, nor learn that it exists.
    expect((await endSession(created.sessionId, TEST_DEALERS.other)).status).toBe(404);
    expect((await readSession(created.sessionToken)).status).toBe(200);

    const ended = await endSession(created.sessionId);
    expect(ended.status).toBe(204);
    expect((await endSession(created.sessionId)).status).toBe(204);
    expectRefused(await renew(created.sessionToken), 'session_revoked');
    expectRefused(await readSession(created.sessionToken), 'session_revoked');
    expectRefused(await call(policies, { headers: asPage }), 'session_revoked');
    // Even a token renewed a moment before is refused.
    const other = await createSession(server.url);
    const renewed = await renew(other.sessionToken);
    expect((await endSession(other.sessionId)).status).toBe(204);
    expectRefused(await readSession(renewed.body.sessionToken), 'session_revoked');
  });

  it('answers 404 for an unknown session, 400 naming a malformed id, and 401 without the secret key', async () => {
    expect((await endSession('ses_doesnotexist00000000')).status).toBe(404);
    const malformed = await endSession('not an id');
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.fields)).toEqual(['sessionId']);
    const created = await createSession(server.url);
    const withToken = await call(`${server.url}/v1/sessions/${created.sessionId}/revoke`, {
      method: 'POST',
      headers: bearer(created.sessionToken),
    });
    expect(withToken.status).toBe(401);
  });
});

describe('the documented endpoint', () => {
  it('is in /openapi.json with its answer schema and refusals', async () => {
    const { body } = await call(`${server.url}/openapi.json`);
    const op = body.paths['/v1/session/token'].post;
    expect(op.security).toEqual([{ sessionToken: [] }]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '429']));
    expect(op.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SessionTokenRenewed' });
    expect(Object.keys(body.components.schemas.SessionTokenRenewed.properties ?? {})).toEqual(
      expect.arrayContaining(['sessionToken', 'expiresAt', 'sessionExpiresAt']),
    );
    expect(op.description).toMatch(/session_expired/);
    expect(op.description).toMatch(/session_revoked/);
    expect(body.paths['/v1/sessions/{sessionId}/revoke'].post.security).toEqual([{ clientId: [], secretKey: [] }]);
  });
});
