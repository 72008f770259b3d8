/**
 * Access tokens as documented (exchange, invalidate, the two X-Error-Detail
 * texts) and the client's handling of them: one exchange kept and shared,
 * one fresh sign-in when a token turns out to be invalidated, and no secret
 * in any error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toCoverHoundQuoteRequest } from '../../../../server/vendors/coverhound/map.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { walshHousehold } from './canonical.ts';
import { type SandboxHarness, startSandbox, thrown } from './harness.ts';
import { SEED_401, SEED_CREDENTIALS, SEED_TOKEN_REQUEST } from './seed-examples.ts';

const request = () => toCoverHoundQuoteRequest(walshHousehold(), { userId: 'walsh-1', carriers: ['PROGR'] });
const count = (log: string[], entry: string) => log.filter((line) => line === entry).length;

describe('CoverHound access tokens', () => {
  let sandbox: SandboxHarness;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => {
    sandbox.requests.length = 0;
    sandbox.intercept = undefined;
  });

  it('keeps one live token per key until it is invalidated', async () => {
    const first = await sandbox.token();
    expect(await sandbox.token()).toBe(first);
    const invalidated = await sandbox.call('/api/oauth/invalidate', { method: 'POST', json: { ...SEED_CREDENTIALS, accessToken: first } });
    expect(invalidated.status).toBe(204);
    const next = await sandbox.token();
    expect(next).toMatch(/^[0-9a-f]{32}$/);
    expect(next).not.toBe(first);
  });

  it('refuses wrong or missing credentials with 401 "Invalid credentials" and the Bad Key body', async () => {
    for (const json of [{ ...SEED_TOKEN_REQUEST, apiSecret: 'wrong' }, { grantType: 'credentials' }]) {
      const res = await sandbox.call('/api/oauth/access_token', { method: 'POST', json });
      expect(res.status).toBe(401);
      expect(res.headers.get('X-Error-Detail')).toBe('Invalid credentials');
      expect(res.body).toEqual(SEED_401);
    }
  });

  it('answers 400 with the errors object for a grant type other than credentials', async () => {
    const res = await sandbox.call('/api/oauth/access_token', { method: 'POST', json: { ...SEED_TOKEN_REQUEST, grantType: 'password' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      status: 400,
      message: 'grantType does not have a valid value',
      errors: { grantType: ['does not have a valid value'] },
    });
  });

  it('answers 401 "Invalid token." to invalidating a token that does not exist, and "Invalid credentials" to wrong credentials', async () => {
    const unknown = await sandbox.call('/api/oauth/invalidate', {
      method: 'POST',
      json: { ...SEED_CREDENTIALS, accessToken: 'f3657af5975b2fd1b148307570a4c2fe' },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('X-Error-Detail')).toBe('Invalid token.');
    const token = await sandbox.token();
    const wrong = await sandbox.call('/api/oauth/invalidate', {
      method: 'POST',
      json: { ...SEED_CREDENTIALS, apiSecret: 'nope', accessToken: token },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('X-Error-Detail')).toBe('Invalid credentials');
    // The token survived the refused invalidation.
    const poll = await sandbox.call('/api/auto/quotes/none', { headers: { 'Access-Token': token } });
    expect(poll.status).toBe(404);
  });

  it('refuses the polling endpoint without a token', async () => {
    const res = await sandbox.call('/api/auto/quotes/232c552e-3756-43a6-a641-be32755e28d3');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(SEED_401);
  });

  it('the client exchanges credentials once and keeps the token across calls', async () => {
    const client = sandbox.client();
    const started = await client.startQuote(request());
    await client.pollQuotes(started.transactionId);
    await client.startQuote(request());
    expect(count(sandbox.requests, 'POST /api/oauth/access_token')).toBe(1);
    expect(sandbox.requests.filter((line) => line.includes('/api/auto/quotes'))).toHaveLength(3);
  });

  it('concurrent first calls share one token exchange', async () => {
    const client = sandbox.client();
    await Promise.all([client.startQuote(request()), client.startQuote(request()), client.startQuote(request())]);
    expect(count(sandbox.requests, 'POST /api/oauth/access_token')).toBe(1);
  });

  it('signs in again once when its token was invalidated elsewhere, and the call succeeds', async () => {
    const client = sandbox.client();
    const token = await client.accessToken();
    await sandbox.call('/api/oauth/invalidate', { method: 'POST', json: { ...SEED_CREDENTIALS, accessToken: token } });
    sandbox.requests.length = 0;
    const started = await client.startQuote(request());
    expect(started.transactionId).toBeTruthy();
    expect(sandbox.requests).toEqual(['POST /api/auto/quotes', 'POST /api/oauth/access_token', 'POST /api/auto/quotes']);
    expect(await client.accessToken()).not.toBe(token);
  });

  it('gives up with an auth error when the fresh token is refused too (no sign-in loop)', async () => {
    sandbox.intercept = (req) =>
      new URL(req.url).pathname.endsWith('/api/auto/quotes')
        ? new Response(JSON.stringify(SEED_401), {
            status: 401,
            headers: { 'Content-Type': 'application/json', 'X-Error-Detail': 'Invalid token.' },
          })
        : undefined;
    const client = sandbox.client();
    const error = await thrown(() => client.startQuote(request()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({
      kind: 'auth',
      message: 'CoverHound: Bad Key (Invalid token.)',
      details: { status: 401, code: 'Invalid token.' },
    });
    expect(count(sandbox.requests, 'POST /api/auto/quotes')).toBe(2);
    expect(count(sandbox.requests, 'POST /api/oauth/access_token')).toBe(2);
  });

  it('does not sign in again when a quote call is refused for its credentials ("Invalid credentials")', async () => {
    const client = sandbox.client();
    await client.accessToken();
    sandbox.requests.length = 0;
    sandbox.intercept = (req) =>
      new URL(req.url).pathname.endsWith('/api/auto/quotes')
        ? new Response(JSON.stringify(SEED_401), {
            status: 401,
            headers: { 'Content-Type': 'application/json', 'X-Error-Detail': 'Invalid credentials' },
          })
        : undefined;
    const error = await thrown(() => client.startQuote(request()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({
      kind: 'auth',
      message: 'CoverHound: Bad Key (Invalid credentials)',
      details: { status: 401, code: 'Invalid credentials' },
    });
    expect(sandbox.requests).toEqual(['POST /api/auto/quotes']);
  });

  it('does not sign in again on the documented bare 401 "Bad Key" (no X-Error-Detail)', async () => {
    const client = sandbox.client();
    await client.accessToken();
    sandbox.requests.length = 0;
    sandbox.intercept = (req) =>
      req.method === 'GET'
        ? new Response(JSON.stringify(SEED_401), { status: 401, headers: { 'Content-Type': 'application/json' } })
        : undefined;
    const error = await thrown(() => client.pollQuotes('232c552e-3756-43a6-a641-be32755e28d3'));
    expect(error).toMatchObject({ kind: 'auth', message: 'CoverHound: Bad Key', details: { status: 401 } });
    expect(error.details.code).toBeUndefined();
    expect(sandbox.requests).toEqual(['GET /api/auto/quotes/232c552e-3756-43a6-a641-be32755e28d3']);
  });

  it("reads the token exchange's X-Error-Detail into the error: wrong credentials say so", async () => {
    const error = await thrown(() => sandbox.client({ COVERHOUND_API_SECRET: 'wrong' }).accessToken());
    expect(error).toMatchObject({
      kind: 'auth',
      message: 'CoverHound: Bad Key (Invalid credentials)',
      details: { status: 401, code: 'Invalid credentials' },
    });
  });

  it('reports wrong credentials as an auth error that carries no secret', async () => {
    const client = sandbox.client({ COVERHOUND_API_SECRET: 'super-secret-value-123' });
    const error = await thrown(() => client.startQuote(request()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('auth');
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)}`;
    expect(everything).not.toContain('super-secret-value-123');
    expect(everything).not.toContain(SEED_CREDENTIALS.apiKey);
    // The failed exchange is not kept: the next call tries again.
    await thrown(() => client.startQuote(request()));
    expect(count(sandbox.requests, 'POST /api/oauth/access_token')).toBe(2);
  });

  it('invalidateToken ends the token at CoverHound and the next call signs in afresh', async () => {
    const client = sandbox.client();
    const token = await client.accessToken();
    await client.invalidateToken();
    const poll = await sandbox.call('/api/auto/quotes/anything', { headers: { 'Access-Token': token } });
    expect(poll.status).toBe(401);
    expect(poll.headers.get('X-Error-Detail')).toBe('Invalid token.');
    await client.startQuote(request());
    expect(await client.accessToken()).not.toBe(token);
    expect(count(sandbox.requests, 'POST /api/oauth/invalidate')).toBe(1);
  });
});
