/**
 * The policy journey over HTTP against the Trellis sandbox: connect the
 * shopper's insurer, wait while it is read, get normalised policies — and
 * only the session, the connection's own key or its dealer may read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Policy } from '../../../contract/index.ts';
import { TRELLIS_CONNECTION_HASH } from '../../../server/policies/store.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, type JsonResponse, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  // user_slow's policies take 3 s: long enough that the first read comes before them even on a busy machine.
  server = await startTestServer({ env: { SANDBOX_TRELLIS_READY_AFTER_MS: '400', SANDBOX_TRELLIS_SLOW_READY_AFTER_MS: '3000' } });
});
afterAll(() => server?.close());
afterAll(dropTestSchemas);

async function connect(login: Record<string, string>, token?: string) {
  const sessionToken = token ?? (await createSession(server.url)).sessionToken;
  const res = await call(`${server.url}/v1/connections`, { method: 'POST', headers: bearer(sessionToken), json: login });
  return { res, sessionToken };
}

const good = { issuerId: 'geico', username: 'user_good', password: 'pass_good' };

async function policiesWhenReady(connectionId: string, headers: Record<string, string>) {
  for (let i = 0; i < 300; i++) {
    const res = await call(`${server.url}/v1/connections/${connectionId}/policies`, { headers });
    if (res.status !== 202) return res;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('never ready');
}

describe('connections', () => {
  it('connects an insurer, answers 202 while it is read, then the normalised policies', async () => {
    const { res, sessionToken } = await connect({ ...good, username: 'user_slow' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      connectionId: expect.stringMatching(/^con_/),
      temporaryAccessKey: expect.any(String),
      expiresAt: expect.any(String),
    });
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
    const asPage = (key: string, clientId: string = TEST_DEALERS.acme.clientId) => ({
      'X-Client-Id': clientId,
      'X-Temporary-Access-Key': key,
    });
    expect((await policiesWhenReady(a.connectionId, asPage(a.temporaryAccessKey))).status).toBe(200);
    const otherConnection = await call(`${server.url}/v1/connections/${b.connectionId}/policies`, {
      headers: asPage(a.temporaryAccessKey),
    });
    expect(otherConnection.status).toBe(403);
    const otherDealer = await call(`${server.url}/v1/connections/${a.connectionId}/policies`, {
      headers: asPage(a.temporaryAccessKey, TEST_DEALERS.other.clientId),
    });
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

/** What Trellis's widget hands the page in its onSuccess: here, from the sandbox's own login (POST /account). */
async function trellisWidgetLogin(
  sandboxUrl: string,
  login: Record<string, string> = good,
): Promise<{ connectionId: string; temporaryAccessKey: string }> {
  const res = await call(`${sandboxUrl}/sandbox/trellis/account`, {
    method: 'POST',
    headers: { 'X-API-Client-Id': 'sandbox-client-id', 'X-API-Secret-Key': 'sandbox-secret-key' },
    json: login,
  });
  if (res.status !== 200) throw new Error(`Trellis sandbox login: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const sendTrellis = (baseUrl: string, sessionToken: string, json: Record<string, string>) =>
  call(`${baseUrl}/v1/connections`, { method: 'POST', headers: bearer(sessionToken), json });

describe('connections in live mode (the real Trellis is configuration)', () => {
  let live: TestServer;
  beforeAll(async () => {
    // The sandboxed server stands in for the real Trellis; a live-mode server points at it.
    const at = (vendor: string) => `${server.url}/sandbox/${vendor}`;
    live = await startTestServer({
      env: {
        COVERKIT_MODE: 'live',
        COVERHOUND_BASE_URL: at('coverhound'),
        PACE_BASE_URL: at('pace'),
        TRELLIS_BASE_URL: at('trellis'),
        AUTOCOMPLETE_BASE_URL: at('autocomplete'),
        AGENCYZOOM_BASE_URL: at('agencyzoom'),
      },
    });
  });
  afterAll(() => live?.close());

  it("takes the connection id and temporary access key Trellis's widget gives, and refuses a login sent to us", async () => {
    const widget = await trellisWidgetLogin(server.url);
    const sessionToken = (await createSession(live.url)).sessionToken;
    const created = await sendTrellis(live.url, sessionToken, {
      trellisConnectionId: widget.connectionId,
      trellisTemporaryAccessKey: widget.temporaryAccessKey,
    });
    expect(created.status).toBe(201);
    let res: JsonResponse | undefined;
    for (
      let i = 0;
      i < 40 &&
      (res = await call(`${live.url}/v1/connections/${created.body.connectionId}/policies`, { headers: bearer(sessionToken) })).status ===
        202;
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(res!.status).toBe(200);
    expect(res!.body.issuer.id).toBe('geico');
    const refused = await call(`${live.url}/v1/connections`, { method: 'POST', headers: bearer(sessionToken), json: good });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields)).toEqual(['trellisConnectionId']);
  });

  it('refuses a Trellis connection id without its temporary access key, or with a key Trellis did not give for it', async () => {
    const widget = await trellisWidgetLogin(server.url);
    const another = await trellisWidgetLogin(server.url, { ...good, issuerId: 'progressive' });
    const sessionToken = (await createSession(live.url)).sessionToken;

    const bare = await sendTrellis(live.url, sessionToken, { trellisConnectionId: widget.connectionId });
    expect(bare.status).toBe(400);
    expect(bare.body.error.fields).toEqual({ trellisTemporaryAccessKey: ['Trellis temporary access key is required'] });

    // Another connection's key, and a key of the right shape Trellis never issued: Trellis refuses both.
    const forged = `tak.${Buffer.from(widget.connectionId).toString('base64url')}.${Date.now()}.${'A'.repeat(43)}`;
    for (const key of [another.temporaryAccessKey, forged]) {
      const res = await sendTrellis(live.url, sessionToken, { trellisConnectionId: widget.connectionId, trellisTemporaryAccessKey: key });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual({
        trellisTemporaryAccessKey: ['Trellis did not accept this temporary access key for this connection; connect again'],
      });
    }
    // Nothing was recorded for those attempts.
    const hash = live.runtime.sealer.lookupHash(widget.connectionId, TRELLIS_CONNECTION_HASH);
    expect(await live.runtime.db.query('SELECT 1 FROM connections WHERE trellis_connection_hash = $1', [hash])).toEqual([]);
  });

  it('checks the form and length of both values before asking Trellis', async () => {
    const widget = await trellisWidgetLogin(server.url);
    const cases: [Record<string, string>, string][] = [
      [{ trellisConnectionId: widget.connectionId, trellisTemporaryAccessKey: 'short' }, 'trellisTemporaryAccessKey'],
      [
        { trellisConnectionId: widget.connectionId, trellisTemporaryAccessKey: `${widget.temporaryAccessKey} <script>` },
        'trellisTemporaryAccessKey',
      ],
      [{ trellisConnectionId: widget.connectionId, trellisTemporaryAccessKey: 'k'.repeat(2049) }, 'trellisTemporaryAccessKey'],
      [{ trellisConnectionId: '../../secret', trellisTemporaryAccessKey: widget.temporaryAccessKey }, 'trellisConnectionId'],
      [{ trellisConnectionId: 'c'.repeat(201), trellisTemporaryAccessKey: widget.temporaryAccessKey }, 'trellisConnectionId'],
      [{ trellisConnectionId: '', trellisTemporaryAccessKey: widget.temporaryAccessKey }, 'trellisConnectionId'],
    ];
    for (const [json, field] of cases) {
      // A session each: five tries a minute per session.
      const res = await sendTrellis(live.url, (await createSession(live.url)).sessionToken, json);
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual([field]);
    }
  });

  it('never keeps or logs the Trellis temporary access key', async () => {
    const widget = await trellisWidgetLogin(server.url);
    const sessionToken = (await createSession(live.url)).sessionToken;
    const res = await sendTrellis(live.url, sessionToken, {
      trellisConnectionId: widget.connectionId,
      trellisTemporaryAccessKey: widget.temporaryAccessKey,
    });
    expect(res.status).toBe(201);
    expect(JSON.stringify(await live.runtime.db.query('SELECT * FROM connections'))).not.toContain(widget.temporaryAccessKey);
    expect(live.logs.text).not.toContain(widget.temporaryAccessKey);
  });
});

describe.each(testDatabases())('a Trellis connection claimed by one dealer, on $name', (database) => {
  let claims: TestServer;
  beforeAll(async () => {
    claims = await startTestServer({ database: database.options() });
  });
  afterAll(() => claims?.close());

  it('is refused (403) to another dealer, and taken again by the same dealer in another session', async () => {
    const widget = await trellisWidgetLogin(claims.url);
    const proof = { trellisConnectionId: widget.connectionId, trellisTemporaryAccessKey: widget.temporaryAccessKey };
    const acme = await sendTrellis(claims.url, (await createSession(claims.url)).sessionToken, proof);
    expect(acme.status).toBe(201);

    const other = await sendTrellis(claims.url, (await createSession(claims.url, {}, TEST_DEALERS.other)).sessionToken, proof);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');

    const again = await sendTrellis(claims.url, (await createSession(claims.url)).sessionToken, proof);
    expect(again.status).toBe(201);
    expect(again.body.connectionId).not.toBe(acme.body.connectionId);
    const owners = await claims.runtime.db.query<{ client_id: string }>(
      'SELECT client_id FROM connections WHERE trellis_connection_hash = $1',
      [claims.runtime.sealer.lookupHash(widget.connectionId, TRELLIS_CONNECTION_HASH)],
    );
    expect(owners.map((o) => o.client_id)).toEqual([TEST_DEALERS.acme.clientId, TEST_DEALERS.acme.clientId]);
  });

  it('goes to exactly one dealer when several claim it at once', async () => {
    const widget = await trellisWidgetLogin(claims.url);
    const proof = { trellisConnectionId: widget.connectionId, trellisTemporaryAccessKey: widget.temporaryAccessKey };
    const dealers = [TEST_DEALERS.acme, TEST_DEALERS.other, TEST_DEALERS.acme, TEST_DEALERS.other, TEST_DEALERS.acme, TEST_DEALERS.other];
    const tokens = await Promise.all(dealers.map(async (dealer) => (await createSession(claims.url, {}, dealer)).sessionToken));
    const answers = await Promise.all(tokens.map((token) => sendTrellis(claims.url, token, proof)));
    const winners = new Set(dealers.filter((_, i) => answers[i]!.status === 201).map((d) => d.clientId));
    expect(winners.size).toBe(1);
    for (const [i, answer] of answers.entries()) expect(answer.status).toBe(winners.has(dealers[i]!.clientId) ? 201 : 403);
  });
});
