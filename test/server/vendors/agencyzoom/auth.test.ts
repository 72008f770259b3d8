/** Login and bearer auth, as documented, and the client's cached login with one re-login on 401. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { get, manualClock, post, type Sandbox, send, startSandbox } from './harness.ts';

const UNAUTHORIZED = { message: expect.stringMatching(/^Unauthorized/), id: 0, result: false };

describe('sandbox authentication', () => {
  const clock = manualClock('2026-03-10T15:00:00Z');
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, tokenTtlSeconds: 600 });
  });
  afterAll(() => sandbox.close());

  it('a wrong password is 400 Invalid user name and/or password, and so is a missing one', async () => {
    for (const body of [
      { username: 'agent@pleasantville.example', password: 'wrong' },
      { username: 'agent@pleasantville.example' },
      { username: 'nobody@pleasantville.example', password: 'sandbox-password' },
    ]) {
      const res = await post(sandbox.url, '/v1/api/auth/login', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ message: 'Invalid user name and/or password', id: 0, result: false });
    }
  });

  it('the username is an email, matched without case', async () => {
    const res = await post(sandbox.url, '/v1/api/auth/login', { username: 'Agent@Pleasantville.example', password: 'sandbox-password' });
    expect(res.status).toBe(200);
  });

  it('a call without a token, with a garbage token or a non-bearer header is 401', async () => {
    expect(await get(sandbox.url, '/v1/api/employees')).toMatchObject({ status: 401, body: UNAUTHORIZED });
    expect(await get(sandbox.url, '/v1/api/employees', 'not.a.jwt')).toMatchObject({ status: 401, body: UNAUTHORIZED });
    const basic = await fetch(`${sandbox.url}/v1/api/employees`, { headers: { Authorization: 'Basic YWdlbnQ6cGFzcw==' } });
    expect(basic.status).toBe(401);
    expect(await post(sandbox.url, '/v1/api/leads/create', {})).toMatchObject({ status: 401, body: UNAUTHORIZED });
  });

  it('a token from another sandbox (another signing secret) is refused', async () => {
    const other = await startSandbox({ now: clock.now });
    try {
      const foreign = await other.login();
      expect((await get(sandbox.url, '/v1/api/employees', foreign)).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('the JWT expires after its lifetime, and logout ends it at once', async () => {
    const token = await sandbox.login();
    expect((await get(sandbox.url, '/v1/api/employees', token)).status).toBe(200);
    clock.advance(601_000);
    expect((await get(sandbox.url, '/v1/api/employees', token)).status).toBe(401);

    const fresh = await sandbox.login();
    const out = await send(sandbox.url, 'POST', '/v1/api/auth/logout', { token: fresh });
    expect(out).toMatchObject({ status: 200, body: { result: true } });
    expect((await get(sandbox.url, '/v1/api/employees', fresh)).status).toBe(401);
  });

  it('a body that is not JSON is 400 Invalid request parameter(s)', async () => {
    const res = await send(sandbox.url, 'POST', '/v1/api/auth/login', { body: '{"username": ' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Invalid request parameter(s): the body is not valid JSON', id: 0, result: false });
  });
});

describe('client login', () => {
  const clock = manualClock('2026-03-10T15:00:00Z');
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, tokenTtlSeconds: 600 });
  });
  afterAll(() => sandbox.close());

  const logins = () => sandbox.requests.filter((r) => r === 'POST /v1/api/auth/login').length;

  it('logs in once and reuses the JWT; concurrent first calls share one login', async () => {
    const client = sandbox.client({}, { now: clock.nowMs });
    const before = logins();
    await Promise.all([client.employees(), client.carriers(), client.leadSources()]);
    await client.productLines();
    expect(logins() - before).toBe(1);
  });

  it('logs in again, once, when AgencyZoom answers 401, and the call goes through', async () => {
    // The client's clock stands still while the sandbox's moves past the token's expiry: only the 401 tells.
    const client = sandbox.client({}, { now: () => Date.parse('2026-03-10T15:00:00Z'), lookupTtlMs: 0 });
    await client.employees();
    const before = logins();
    clock.advance(601_000);
    const employees = await client.employees();
    expect(employees.length).toBeGreaterThan(0);
    expect(logins() - before).toBe(1);
    expect(sandbox.requests.slice(-3)).toEqual(['GET /v1/api/employees', 'POST /v1/api/auth/login', 'GET /v1/api/employees']);
  });

  it('renews the JWT before it expires by its own clock, without a refused call', async () => {
    const client = sandbox.client({}, { now: clock.nowMs, lookupTtlMs: 0 });
    await client.carriers();
    clock.advance(590_000); // 10 s left: inside the renewal margin
    const count = sandbox.requests.length;
    await client.carriers();
    expect(sandbox.requests.slice(count)).toEqual(['POST /v1/api/auth/login', 'GET /v1/api/carriers']);
  });

  it('gives up after one re-login when AgencyZoom keeps answering 401', async () => {
    const client = sandbox.client({}, { now: clock.nowMs });
    sandbox.intercept((request) => {
      if (new URL(request.url).pathname.endsWith('/auth/login')) return request;
      const headers = new Headers(request.headers);
      headers.set('Authorization', 'Bearer tampered');
      return new Request(request, { headers });
    });
    try {
      const before = logins();
      const error = await client.getLead(1001).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VendorError);
      expect(error).toMatchObject({ kind: 'auth', details: { status: 401 } });
      expect(logins() - before).toBe(2);
    } finally {
      sandbox.intercept(undefined);
    }
  });

  it('a refused login is VendorError auth, and no secret is in its message', async () => {
    const client = sandbox.client({ password: 'hunter2-wrong' });
    const error = (await client.employees().catch((e: unknown) => e)) as VendorError;
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('AgencyZoom: refused the configured username or password');
    expect(error.message).not.toContain('hunter2');
  });
});
