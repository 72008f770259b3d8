/**
 * The policy journey over HTTP against the Trellis sandbox: connect the
 * shopper's insurer, wait while it is read, get normalised policies — and
 * only the session, the connection's own key or its dealer may read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Policy } from '../../../contract/index.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { TEST_DEALERS, type TestServer, startTestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { SANDBOX_TRELLIS_READY_AFTER_MS: '400' } });
});
afterAll(() => server?.close());

async function connect(login: Record<string, string>, token?: string) {
  const sessionToken = token ?? (await createSession(server.url)).sessionToken;
  const res = await call(`${server.url}/v1/connections`, { method: 'POST', headers: bearer(sessionToken), json: login });
  return { res, sessionToken };
}

const good = { issuerId: 'geico', username: 'user_good', password: 'pass_good' };

async function policiesWhenReady(connectionId: string, headers: Record<string, string>) {
  for (let i = 0; i < 40; i++) {
    const res = await call(`${server.url}/v1/connections/${connectionId}/policies`, { headers });
    if (res.status !== 202) return res;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('never ready');
}

describe('connections', () => {
  it('connects an insurer, answers 202 while it is read, then the normalised policies', async () => {
    const { res, sessionToken } = await connect(good);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ connectionId: expect.stringMatching(/^con_/), temporaryAccessKey: expect.any(String), expiresAt: expect.any(String) });
    const first = await call(`${server.url}/v1/connections/${res.body.connectionId}/policies`, { headers: bearer(sessionToken) });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ status: 'not_ready' });
    expect(first.headers.get('retry-after')).toBe('2');

    const ready = await policiesWhenReady(res.body.connectionId, bearer(sessionToken));
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.issuer.id).toBe('geico');
    const types = ready.body.policies.map((p: Policy) => p.type).sort();
    expect(types).toEqual(['auto', 'home']);
    for (const policy of ready.body.policies) expect(Policy.safeParse(policy).success).toBe(true);
    const auto = ready.body.policies.find((p: Policy) => p.type === 'auto');
    expect(auto.vehicles.length).toBeGreaterThan(0);
    expect(auto.coverages.some((c: { type: string }) => c.type === 'bodily_injury')).toBe(true);
  });

  it('lets the host page read with its temporary access key, for that connection only', async () => {
    const a = (await connect(good)).res.body;
    const b = (await connect(good)).res.body;
    const asPage = (key: string, clientId: string = TEST_DEALERS.acme.clientId) => ({ 'X-Client-Id': clientId, 'X-Temporary-Access-Key': key });
    expect((await policiesWhenReady(a.connectionId, asPage(a.temporaryAccessKey))).status).toBe(200);
    const otherConnection = await call(`${server.url}/v1/connections/${b.connectionId}/policies`, { headers: asPage(a.temporaryAccessKey) });
    expect(otherConnection.status).toBe(403);
    const otherDealer = await call(`${server.url}/v1/connections/${a.connectionId}/policies`, { headers: asPage(a.temporaryAccessKey, TEST_DEALERS.other.clientId) });
    expect(otherDealer.status).toBe(403);
  });

  it("lets the dealer's backend read its shoppers' connections, and no other dealer's", async () => {
    const { connectionId } = (await connect(good)).res.body;
    expect((await policiesWhenReady(connectionId, secretKeyHeaders())).status).toBe(200);
    const other = await call(`${server.url}/v1/connections/${connectionId}/policies`, { headers: secretKeyHeaders(TEST_DEALERS.other) });
    expect(other.status).toBe(404);
  });

  it('tells another session the connection does not exist, and refuses no credentials', async () => {
    const { connectionId } = (await connect(good)).res.body;
    const stranger = (await createSession(server.url)).sessionToken;
    expect((await call(`${server.url}/v1/connections/${connectionId}/policies`, { headers: bearer(stranger) })).status).toBe(404);
    expect((await call(`${server.url}/v1/connections/${connectionId}/policies`)).status).toBe(401);
  });

  it('answers 404 when the insurer holds no policies, and 400 on the password for a refused login', async () => {
    const none = (await connect({ ...good, username: 'user_none' })).res.body;
    const res = await policiesWhenReady(none.connectionId, secretKeyHeaders());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/no policies/);
    const refused = await connect({ ...good, password: 'wrong' });
    expect(refused.res.status).toBe(400);
    expect(Object.keys(refused.res.body.error.fields)).toEqual(['password']);
  });

  it('never keeps or logs the insurer password', async () => {
    await connect({ ...good, password: 'pass_good' });
    const rows = await server.runtime.db.query('SELECT * FROM connections');
    expect(JSON.stringify(rows)).not.toContain('pass_good');
    expect(server.logs.text).not.toContain('pass_good');
  });

  it('refuses sessions without the connect journey, and a body that is neither form', async () => {
    const quoteOnly = (await createSession(server.url, { products: ['quote'] })).sessionToken;
    expect((await connect(good, quoteOnly)).res.status).toBe(403);
    const { res } = await connect({ issuerId: 'geico' });
    expect(res.status).toBe(400);
  });

  it('answers 502 in plain words when Trellis is down', async () => {
    const { connectionId } = (await connect(good)).res.body;
    await call(`${server.url}/sandbox/trellis/_faults`, { method: 'PUT', json: { outage: true } });
    try {
      const res = await call(`${server.url}/v1/connections/${connectionId}/policies`, { headers: secretKeyHeaders() });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe('vendor_failed');
    } finally {
      await call(`${server.url}/sandbox/trellis/_faults`, { method: 'PUT', json: { outage: false } });
    }
  });
});

describe('connections in live mode (the real Trellis is configuration)', () => {
  it("takes the connection id Trellis's widget gives, and refuses a login sent to us", async () => {
    // The sandboxed server stands in for the real Trellis; a live-mode server points at it.
    const at = (vendor: string) => `${server.url}/sandbox/${vendor}`;
    const live = await startTestServer({
      env: {
        COVERKIT_MODE: 'live', COVERHOUND_BASE_URL: at('coverhound'), PACE_BASE_URL: at('pace'), TRELLIS_BASE_URL: at('trellis'),
        AUTOCOMPLETE_BASE_URL: at('autocomplete'), AGENCYZOOM_BASE_URL: at('agencyzoom'),
      },
    });
    try {
      const login = await call(`${server.url}/sandbox/trellis/account`, {
        method: 'POST', headers: { 'X-API-Client-Id': 'sandbox-client-id', 'X-API-Secret-Key': 'sandbox-secret-key' }, json: good,
      });
      const sessionToken = (await createSession(live.url)).sessionToken;
      const created = await call(`${live.url}/v1/connections`, {
        method: 'POST', headers: bearer(sessionToken), json: { trellisConnectionId: login.body.connectionId },
      });
      expect(created.status).toBe(201);
      let res;
      for (let i = 0; i < 40 && (res = await call(`${live.url}/v1/connections/${created.body.connectionId}/policies`, { headers: bearer(sessionToken) })).status === 202; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(res!.status).toBe(200);
      const refused = await call(`${live.url}/v1/connections`, { method: 'POST', headers: bearer(sessionToken), json: good });
      expect(refused.status).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual(['trellisConnectionId']);
    } finally {
      await live.close();
    }
  });
});
