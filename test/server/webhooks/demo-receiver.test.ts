/**
 * The demo page's webhook log, through HTTP: in sandbox mode the demo dealer
 * has an endpoint at this server's own /demo/webhooks, which verifies each
 * delivery with the `standardwebhooks` package and lists it for the page. A
 * journey's events show up there verified; a body it cannot verify is refused
 * and listed nowhere; a restart keeps the one endpoint; live mode has none.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer } from '../../../server/auth/dealers.ts';
import { hashSecretKey } from '../../../server/auth/secrets.ts';
import type { DatabaseOptions } from '../../../server/db/index.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { freePort, startTestServer, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';
import { FAST_DELIVERY, household, settled, submissionBody, submit, waitForSubmission } from '../submissions/helpers.ts';

const DEMO = { clientId: 'demo-dealer', secretKey: 'sk_test_demo_0123456789abcdefghijklmnop' };
const DEMO_DEALERS: Dealer[] = [
  {
    clientId: DEMO.clientId,
    name: 'Pleasantville Motors',
    secretKeySha256: hashSecretKey(DEMO.secretKey),
    allowedOrigins: [TEST_ORIGIN],
    products: ['quote', 'connect', 'lookup'],
  },
];
const FAST_WEBHOOKS = { ...FAST_DELIVERY, COVERKIT_WEBHOOK_POLL_MS: '50', COVERKIT_WEBHOOK_RETRY_SECONDS: '0.2,0.2,0.2' };

const demoLog = async (server: TestServer, after = 0) => {
  const res = await call(`${server.url}/demo/webhooks?after=${after}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.body.events as any[];
};
const demoEndpoints = async (server: TestServer) =>
  (await call(`${server.url}/v1/webhook-endpoints`, { headers: secretKeyHeaders(DEMO) })).body.endpoints as any[];

afterAll(() => dropTestSchemas());

describe.each(testDatabases())('the demo webhook receiver ($name)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: database.options(), dealers: DEMO_DEALERS, env: FAST_WEBHOOKS });
  });
  afterAll(() => server?.close());

  it("lists a journey's events on the demo route, each verified, with no personal data", async () => {
    const [endpoint] = await demoEndpoints(server);
    expect(endpoint).toMatchObject({ url: `${server.url}/demo/webhooks`, status: 'enabled' });
    expect(endpoint.events).toContain('connection.ready');

    const { sessionToken } = await createSession(server.url, { externalRef: 'demo-7' }, DEMO);
    const applicant = household();
    expect((await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: applicant })).status).toBe(
      202,
    );
    const res = await submit(server.url, sessionToken, submissionBody(applicant));
    expect(res.status).toBe(201);
    await waitForSubmission(server.url, res.body.submissionId, settled, { dealer: DEMO });

    const wanted = ['submission.created', 'submission.delivered', 'quote_request.completed'];
    await expect
      .poll(
        async () =>
          (await demoLog(server))
            .map((e) => e.type)
            .filter((t) => wanted.includes(t))
            .sort(),
        { timeout: 90_000 },
      )
      .toEqual([...wanted].sort());
    const events = await demoLog(server);
    for (const event of events) {
      expect(event).toMatchObject({ seq: expect.any(Number), id: expect.stringMatching(/^msg_/), verified: true });
      expect(event.data.externalRef).toBe('demo-7');
      const text = JSON.stringify(event);
      for (const personal of [applicant.contact.email, applicant.contact.phone, applicant.drivers[0]!.lastName]) {
        expect(text).not.toContain(personal);
      }
    }
    expect(events.find((e) => e.type === 'submission.created').data.submissionId).toBe(res.body.submissionId);
    // The page asks for what came after the last it has.
    const last = events.at(-1)!.seq;
    expect(await demoLog(server, last)).toEqual([]);
    expect((await demoLog(server, events[0]!.seq)).map((e) => e.seq)).toEqual(events.slice(1).map((e) => e.seq));
    // Our deliveries to it were answered 2xx, each once.
    const deliveries = (await call(`${server.url}/v1/webhook-endpoints/${endpoint.id}/deliveries`, { headers: secretKeyHeaders(DEMO) }))
      .body.deliveries;
    expect(deliveries.every((d: any) => d.statusCode === 204)).toBe(true);
  }, 120_000);

  it('refuses a body it cannot verify and lists nothing of it', async () => {
    const before = await demoLog(server);
    const body = JSON.stringify({ type: 'submission.created', timestamp: new Date().toISOString(), data: { submissionId: 'sub_forged' } });
    const unsigned = await call(`${server.url}/demo/webhooks`, { method: 'POST', json: JSON.parse(body) });
    expect(unsigned.status).toBe(401);
    // Signed, but not with the demo endpoint's secret.
    const id = 'msg_forged0000000000000000';
    const stamp = new Date();
    const forged = await fetch(`${server.url}/demo/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(stamp.getTime() / 1000)),
        'webhook-signature': new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').sign(id, stamp, body),
      },
      body,
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const after = await demoLog(server);
    expect(after.filter((e) => !before.some((b) => b.seq === e.seq)).map((e) => e.data.submissionId)).not.toContain('sub_forged');
  });
});

describe.each(testDatabases())('the demo webhook receiver across a restart ($name)', (database) => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'coverkit-demo-webhooks-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps its one endpoint, and the restarted server verifies with its secret', async () => {
    const shared: DatabaseOptions = database.name === 'pglite' ? { driver: 'pglite', dataDir } : database.options();
    const env = { ...FAST_WEBHOOKS, PORT: String(await freePort()) };
    const first = await startTestServer({ database: shared, dealers: DEMO_DEALERS, env });
    const [made] = await demoEndpoints(first);
    await first.close();

    const again = await startTestServer({ database: shared, dealers: DEMO_DEALERS, env });
    try {
      const endpoints = await demoEndpoints(again);
      expect(endpoints.map((e) => e.id)).toEqual([made.id]);
      const ping = await call(`${again.url}/v1/webhook-endpoints/${made.id}/test`, { method: 'POST', headers: secretKeyHeaders(DEMO) });
      expect(ping.status).toBe(202);
      await expect
        .poll(async () => (await demoLog(again)).map((e) => [e.id, e.type, e.verified]))
        .toEqual([[ping.body.eventId, 'ping', true]]);
    } finally {
      await again.close();
    }
  });
});

describe('the demo webhook receiver in live mode', () => {
  let live: TestServer;
  beforeAll(async () => {
    // Live mode wants every vendor's address; nothing here calls them.
    const unused = 'http://127.0.0.1:9/unused';
    const vendors = ['COVERHOUND', 'PACE', 'TRELLIS', 'AUTOCOMPLETE', 'AGENCYZOOM'].map((v) => [`${v}_BASE_URL`, unused]);
    live = await startTestServer({ dealers: DEMO_DEALERS, env: { COVERKIT_MODE: 'live', ...Object.fromEntries(vendors) } });
  });
  afterAll(() => live?.close());

  it('does not exist: no endpoint is made for the demo dealer and the route takes nothing', async () => {
    expect(await demoEndpoints(live)).toEqual([]);
    expect((await call(`${live.url}/demo/webhooks`)).status).toBe(404);
    const posted = await call(`${live.url}/demo/webhooks`, { method: 'POST', json: { type: 'ping' } });
    expect(posted.status).toBeGreaterThanOrEqual(400);
  });
});
