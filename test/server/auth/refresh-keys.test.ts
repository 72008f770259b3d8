/**
 * A reload after the kept token expired carries on in the same session,
 * through HTTP as the widget does it: with a valid token it asks for a
 * refresh key (POST /v1/session/refresh-key); later, its token long expired
 * (an expired token is never renewed), it trades the key for a fresh token
 * of the same session (POST /v1/sessions/refresh), whose draft holds the
 * answers. The key works only from its page origin and only while the
 * session runs. The server runs on a clock the test moves.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefreshKeyCreated, SessionCreated } from '../../../contract/index.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { OTHER_ORIGIN, startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

const MINUTE = 60_000;
const LIFETIME_SECONDS = 3600;
let now = Date.now();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => now, env: { COVERKIT_SESSION_LIFETIME_SECONDS: String(LIFETIME_SECONDS) } });
});
afterAll(() => server?.close());

const mint = (token: string, origin: string | null = TEST_ORIGIN) =>
  call(`${server.url}/v1/session/refresh-key`, { method: 'POST', headers: origin === null ? bearer(token) : bearer(token, origin) });
const refresh = (refreshKey: unknown, origin: string | null = TEST_ORIGIN) =>
  call(`${server.url}/v1/sessions/refresh`, { method: 'POST', headers: origin === null ? {} : { Origin: origin }, json: { refreshKey } });
const renew = (token: string) => call(`${server.url}/v1/session/token`, { method: 'POST', headers: bearer(token, TEST_ORIGIN) });

/** A public session on the dealer's page with the shopper's answers saved, and the refresh key its widget asked for. */
async function shopperSession() {
  const res = await call(`${server.url}/v1/sessions/public`, {
    method: 'POST',
    headers: { Origin: TEST_ORIGIN },
    json: { clientId: TEST_DEALERS.acme.clientId },
  });
  expect(res.status).toBe(201);
  const session = res.body as SessionCreated;
  const saved = await call(`${server.url}/v1/session/draft`, {
    method: 'PUT',
    headers: bearer(session.sessionToken, TEST_ORIGIN),
    json: { revision: 0, step: 'drivers', answers: { contact: { email: 'maria.garcia@example.com' } } },
  });
  expect(saved.status).toBe(200);
  const minted = await mint(session.sessionToken);
  expect(minted.status).toBe(201);
  const key = RefreshKeyCreated.parse(minted.body);
  expect(key.sessionId).toBe(session.sessionId);
  expect(key.sessionExpiresAt).toBe(session.sessionExpiresAt);
  return { ...session, refreshKey: key.refreshKey };
}

describe('a reload after the token expired', () => {
  it('carries on in the same session with the refresh key, where renewing the expired token is refused', async () => {
    const session = await shopperSession();
    // The page was closed for 20 minutes: the kept token expired, and is not renewed.
    now += 20 * MINUTE;
    const refused = await renew(session.sessionToken);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('token_expired');

    const refreshed = await refresh(session.refreshKey);
    expect(refreshed.status).toBe(200);
    const answer = SessionCreated.parse(refreshed.body);
    expect(answer.sessionId).toBe(session.sessionId);
    expect(answer.sessionExpiresAt).toBe(session.sessionExpiresAt);
    // Bound as the first: this session, this dealer, this page origin; short-lived.
    const claims = decodeJwt(answer.sessionToken);
    expect(claims).toMatchObject({ sub: session.sessionId, dlr: TEST_DEALERS.acme.clientId, org: TEST_ORIGIN });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
    const draft = await call(`${server.url}/v1/session/draft`, { headers: bearer(answer.sessionToken, TEST_ORIGIN) });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ step: 'drivers', answers: { contact: { email: 'maria.garcia@example.com' } } });
    // The key does not rotate: another tab of the page that kept it carries on too.
    expect((await refresh(session.refreshKey)).body.sessionId).toBe(session.sessionId);
    // Only its hash is stored.
    const stored = await server.runtime.db.query<Record<string, unknown>>('SELECT * FROM session_refresh_keys');
    expect(JSON.stringify(stored)).not.toContain(session.refreshKey.slice(4));
  });

  it('is refused from another page origin, without an Origin, for a key no session has, and for a malformed key (naming it)', async () => {
    const { refreshKey, sessionToken } = await shopperSession();
    for (const origin of [OTHER_ORIGIN, null]) {
      const res = await refresh(refreshKey, origin);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('origin_not_allowed');
    }
    const unknown = await refresh(`rfk_${'A'.repeat(22)}`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('unauthorized');
    const malformed = await refresh('not-a-key');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields.refreshKey).toBeDefined();
    // A key is for a page: asked for without an Origin (a server), it is refused, naming the header.
    const fromServer = await mint(sessionToken, null);
    expect(fromServer.status).toBe(400);
    expect(fromServer.body.error.fields.Origin).toBeDefined();
  });

  it('is refused once the dealer ended the session, and once the session is past its lifetime: a new session is needed then', async () => {
    const dealerMade = await createSession(server.url, { origin: TEST_ORIGIN });
    const minted = await mint(dealerMade.sessionToken);
    expect(minted.status).toBe(201);
    expect(
      (await call(`${server.url}/v1/sessions/${dealerMade.sessionId}/revoke`, { method: 'POST', headers: secretKeyHeaders() })).status,
    ).toBe(204);
    const revoked = await refresh(minted.body.refreshKey);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('session_revoked');

    const session = await shopperSession();
    now += LIFETIME_SECONDS * 1000;
    const expired = await refresh(session.refreshKey);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');
    // The sweep deletes the keys of ended sessions.
    expect(await server.runtime.refreshKeys.purgeEnded()).toBeGreaterThanOrEqual(2);
    expect((await refresh(session.refreshKey)).body.error.code).toBe('unauthorized');
  });
});
