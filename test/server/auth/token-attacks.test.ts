/**
 * Forged and misused tokens, each sent through HTTP the way an attacker would.
 * Every one must be refused with 401 or 403 and the error body; none may reach a handler.
 */

import { createHmac } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningKeys } from '../../../server/auth/keys.ts';
import { TokenService } from '../../../server/auth/tokens.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { OTHER_ORIGIN, startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

let server: TestServer;
let token: string;
let header: Record<string, unknown>;
let claims: Record<string, unknown>;

beforeAll(async () => {
  server = await startTestServer();
  token = (await createSession(server.url, { origin: TEST_ORIGIN })).sessionToken;
  header = decodeProtectedHeader(token) as Record<string, unknown>;
  claims = decodeJwt(token) as Record<string, unknown>;
});
afterAll(() => server?.close());

async function expectRefused(candidate: string, status: 401 | 403 = 401, origin: string | undefined = TEST_ORIGIN, code?: string) {
  const res = await call(`${server.url}/v1/session`, { headers: bearer(candidate, origin) });
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code ?? (status === 401 ? 'unauthorized' : 'forbidden'));
  expect(typeof res.body.error.message).toBe('string');
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|stack/i);
  return res;
}

/** Signs `payload` with a key of our own making (what an attacker has), under the real kid. */
async function signWithAttackerKey(payload: Record<string, unknown>, kid = header.kid as string) {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey);
}

describe('token attacks on GET /v1/session', () => {
  it('accepts the genuine token (the baseline every attack is measured against)', async () => {
    const res = await call(`${server.url}/v1/session`, { headers: bearer(token, TEST_ORIGIN) });
    expect(res.status).toBe(200);
  });

  it('refuses alg: none', async () => {
    await expectRefused(`${b64({ alg: 'none', typ: 'JWT', kid: header.kid })}.${b64(claims)}.`);
  });

  it('refuses HS256 signed with the public key as the HMAC secret', async () => {
    const jwks = await call<{ keys: JWK[] }>(`${server.url}/.well-known/jwks.json`);
    const publicJwk = JSON.stringify(jwks.body.keys[0]);
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: header.kid })}.${b64(claims)}`;
    const signature = createHmac('sha256', publicJwk).update(signingInput).digest('base64url');
    await expectRefused(`${signingInput}.${signature}`);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await server.runtime.tokens.issueSessionToken({
      sessionId: claims.sub as string,
      clientId: TEST_DEALERS.acme.clientId,
      origin: TEST_ORIGIN,
      expiresAt: new Date((now - 60) * 1000),
    });
    const res = await expectRefused(expired.token, 401, TEST_ORIGIN, 'token_expired');
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('refuses a token that is not yet valid', async () => {
    const future = Math.floor(Date.now() / 1000) + 3600;
    // Only the real key can make a token the server would otherwise accept: sign one with it directly.
    const { privateKey, kid } = await server.runtime.keys.signingKey();
    const early = await new SignJWT({ ...claims, nbf: future, iat: future, exp: future + 600 })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .sign(privateKey);
    await expectRefused(early);
  });

  it('refuses a wrong issuer and a wrong audience, even when correctly signed', async () => {
    const { privateKey, kid } = await server.runtime.keys.signingKey();
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey);
    await expectRefused(await sign({ ...claims, iss: 'https://evil.example' }));
    await expectRefused(await sign({ ...claims, aud: 'someone-else' }));
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = token.split('.');
    await expectRefused(`${h}.${b64({ ...claims, dlr: TEST_DEALERS.other.clientId })}.${s}`);
  });

  it('refuses a token signed by a key we never issued, under a known or unknown kid', async () => {
    await expectRefused(await signWithAttackerKey(claims));
    await expectRefused(await signWithAttackerKey(claims, 'key_unknown'));
  });

  it('refuses garbage and a missing bearer', async () => {
    await expectRefused('not-a-token');
    const res = await call(`${server.url}/v1/session`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it("refuses one dealer's session token re-pointed at another dealer (signature breaks) and a genuine token from the wrong page origin", async () => {
    const other = await createSession(server.url, { origin: OTHER_ORIGIN }, TEST_DEALERS.other);
    // The other dealer's genuine token, used from the first dealer's page.
    await expectRefused(other.sessionToken, 403, TEST_ORIGIN);
    // Our token used from a page that is not its origin.
    await expectRefused(token, 403, 'https://evil.example');
    await expectRefused(token, 403, OTHER_ORIGIN);
  });

  it('refuses a temporary access key where a session token is required', async () => {
    const key = await server.runtime.tokens.issueTemporaryAccessKey({
      connectionId: 'con_1',
      clientId: TEST_DEALERS.acme.clientId,
      sessionId: claims.sub as string,
      sessionExpiresAt: new Date((claims.exp as number) * 1000),
    });
    await expectRefused(key.token);
  });

  it('refuses a session token whose session does not exist', async () => {
    const ghost = await server.runtime.tokens.issueSessionToken({ sessionId: 'ses_ghost', clientId: TEST_DEALERS.acme.clientId });
    await expectRefused(ghost.token);
  });

  it('refuses a correctly signed token whose scope is not session', async () => {
    const { privateKey, kid } = await server.runtime.keys.signingKey();
    const scoped = await new SignJWT({ ...claims, scp: 'connection:read' })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .sign(privateKey);
    await expectRefused(scoped, 403);
  });

  it('keeps the previous key verifying after rotation, and publishes both', async () => {
    let now = Date.now();
    const clocked = await startTestServer({ now: () => now, env: { COVERKIT_TOKEN_TTL_SECONDS: '60' } });
    try {
      const session = await createSession(clocked.url);
      const oldKid = decodeProtectedHeader(session.sessionToken).kid;
      await clocked.runtime.keys.rotate();
      const fresh = await createSession(clocked.url);
      expect(decodeProtectedHeader(fresh.sessionToken).kid).not.toBe(oldKid);
      expect((await call(`${clocked.url}/v1/session`, { headers: bearer(session.sessionToken) })).status).toBe(200);
      const jwks = await call<{ keys: JWK[] }>(`${clocked.url}/.well-known/jwks.json`);
      expect(jwks.body.keys.map((k) => k.kid)).toEqual([decodeProtectedHeader(fresh.sessionToken).kid, oldKid]);
      // Once every token the old key signed has expired (TTL + skew), it leaves the JWKS.
      now += 2 * 60_000 + 1_000;
      const after = await call<{ keys: JWK[] }>(`${clocked.url}/.well-known/jwks.json`);
      expect(after.body.keys.map((k) => k.kid)).toEqual([decodeProtectedHeader(fresh.sessionToken).kid]);
    } finally {
      await clocked.close();
    }
  });

  it('stops honouring a cached verification once its signing key is retired', async () => {
    // A token the real key signed with a far expiry stands for a leaked key: retirement must end it, cache or not.
    let now = Date.now();
    const clocked = await startTestServer({ now: () => now, env: { COVERKIT_TOKEN_TTL_SECONDS: '60' } });
    try {
      const { privateKey, kid } = await clocked.runtime.keys.signingKey();
      const iat = Math.floor(now / 1000);
      const longLived = await new SignJWT({ dlr: TEST_DEALERS.acme.clientId, scp: 'session' })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(clocked.runtime.config.publicUrl)
        .setAudience('coverkit-widget')
        .setSubject('ses_x')
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + 86_400)
        .setJti('tok_x')
        .sign(privateKey);
      const expect_ = { audience: 'coverkit-widget', scope: 'session' } as const;
      await expect(clocked.runtime.tokens.verify(longLived, expect_)).resolves.toMatchObject({ sub: 'ses_x' });
      await clocked.runtime.keys.rotate();
      await expect(clocked.runtime.tokens.verify(longLived, expect_)).resolves.toMatchObject({ sub: 'ses_x' });
      now += 2 * 60_000 + 1_000;
      await expect(clocked.runtime.tokens.verify(longLived, expect_)).rejects.toMatchObject({ status: 401 });
    } finally {
      await clocked.close();
    }
  });
});

describe('keys made by another process', () => {
  it('verifies a token signed with a key another process just made, even while forged key ids pour in', async () => {
    // A second SigningKeys on the same database stands in for another server process.
    const other = await SigningKeys.open(server.runtime.db, {
      sealer: server.runtime.sealer,
      rotationMs: 24 * 3600_000,
      retainMs: 16 * 60_000,
    });
    const otherTokens = new TokenService(other, { issuer: server.runtime.config.publicUrl, ttlSeconds: 900 });
    const session = await createSession(server.url);
    const sessionId = decodeJwt(session.sessionToken).sub as string;
    // An attacker's stream of made-up key ids must not keep a real new key from being looked up just after.
    await Promise.all(
      Array.from({ length: 20 }, async () => expectRefused(await signWithAttackerKey(claims, `key_forged_${Math.random()}`))),
    );
    await other.rotate();
    const fresh = await otherTokens.issueSessionToken({ sessionId, clientId: TEST_DEALERS.acme.clientId });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const res = await call(`${server.url}/v1/session`, { headers: bearer(fresh.token) });
    expect(res.status).toBe(200);
  });
});

describe('JWKS', () => {
  it('publishes only public EC keys with kid and alg', async () => {
    const res = await call<{ keys: JWK[] }>(`${server.url}/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    for (const key of res.body.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
      expect(key).not.toHaveProperty('d');
    }
    expect(res.body.keys.map((k) => k.kid)).toContain(header.kid);
    // A third party can verify our token with nothing but the JWKS.
    const { importJWK, jwtVerify } = await import('jose');
    const key = await importJWK(res.body.keys.find((k) => k.kid === header.kid)!, 'ES256');
    await expect(jwtVerify(token, key, { issuer: claims.iss as string, audience: 'coverkit-widget' })).resolves.toBeTruthy();
  });
});
