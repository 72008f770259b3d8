/**
 * A dealer manages its webhook endpoints with its secret key: register (the
 * signing secret shown once), list (never the secret), delete; bad input is a
 * 400 naming the field, another dealer's endpoint looks like none, and a
 * session token gets nowhere. In live mode the target must be https and on
 * the public internet: loopback, private, link-local and metadata addresses
 * are refused, by literal or by a name that resolves to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookEndpointCreated, WebhookEndpointList } from '../../../contract/index.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, type TestServer } from '../../helpers/server.ts';
import { startWebhookReceiver } from '../../helpers/webhook-receiver.ts';

const endpoints = (server: TestServer) => `${server.url}/v1/webhook-endpoints`;

function register(server: TestServer, json: unknown, dealer: { clientId: string; secretKey: string } = TEST_DEALERS.acme) {
  return call(endpoints(server), { method: 'POST', headers: secretKeyHeaders(dealer), json });
}

afterAll(() => dropTestSchemas());

describe.each(testDatabases())('webhook endpoints ($name)', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: database.options() });
  });
  afterAll(() => server?.close());

  it('registers an endpoint, shows its secret once, lists it without the secret, and deletes it', async () => {
    const created = await register(server, { url: 'http://localhost:9/hooks', events: ['submission.delivered', 'ping'] });
    expect(created.status).toBe(201);
    expect(WebhookEndpointCreated.parse(created.body)).toEqual(created.body);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^we_/),
      url: 'http://localhost:9/hooks',
      events: ['submission.delivered', 'ping'],
      status: 'enabled',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    expect(created.headers.get('location')).toBe(`/v1/webhook-endpoints/${created.body.id}`);

    const all = await register(server, { url: 'http://127.0.0.1:9/all' });
    expect(all.body.events).toEqual([
      'submission.created',
      'submission.delivered',
      'submission.delivery_failed',
      'quote_request.completed',
      'connection.ready',
      'ping',
    ]);
    expect(all.body.secret).not.toBe(created.body.secret);

    const list = await call(endpoints(server), { headers: secretKeyHeaders() });
    expect(list.status).toBe(200);
    expect(WebhookEndpointList.parse(list.body)).toEqual(list.body);
    expect(list.body.endpoints.map((e: any) => e.id)).toEqual(expect.arrayContaining([created.body.id, all.body.id]));
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    // Another dealer sees none of them and cannot touch them.
    const theirs = await call(endpoints(server), { headers: secretKeyHeaders(TEST_DEALERS.other) });
    expect(theirs.body.endpoints).toEqual([]);
    const foreign = await call(`${endpoints(server)}/${created.body.id}`, {
      method: 'DELETE',
      headers: secretKeyHeaders(TEST_DEALERS.other),
    });
    expect(foreign.status).toBe(404);

    const deleted = await call(`${endpoints(server)}/${created.body.id}`, { method: 'DELETE', headers: secretKeyHeaders() });
    expect(deleted.status).toBe(204);
    const again = await call(`${endpoints(server)}/${created.body.id}`, { method: 'DELETE', headers: secretKeyHeaders() });
    expect(again.status).toBe(404);
    const after = await call(endpoints(server), { headers: secretKeyHeaders() });
    expect(after.body.endpoints.map((e: any) => e.id)).not.toContain(created.body.id);
  });

  it('answers 400 naming the field for a bad URL or an unknown event', async () => {
    const notUrl = await register(server, { url: 'not a url' });
    expect(notUrl.status).toBe(400);
    expect(Object.keys(notUrl.body.error.fields)).toEqual(['url']);
    const ftp = await register(server, { url: 'ftp://localhost/hooks' });
    expect(ftp.body.error.fields.url).toEqual(['URL must start with https:// or http://']);
    const withPassword = await register(server, { url: 'http://user:pw@localhost/hooks' });
    expect(withPassword.body.error.fields.url).toEqual(['URL must not carry a user name or password']);
    const unknownEvent = await register(server, { url: 'http://localhost/hooks', events: ['submission.created', 'policy.sold'] });
    expect(unknownEvent.status).toBe(400);
    expect(Object.keys(unknownEvent.body.error.fields)).toEqual(['events.1']);
    const none = await register(server, { url: 'http://localhost/hooks', events: [] });
    expect(Object.keys(none.body.error.fields)).toEqual(['events']);
    const missing = await register(server, {});
    expect(Object.keys(missing.body.error.fields)).toEqual(['url']);
    // This test server sends to loopback only (the test helpers' setting): a public host is refused before any DNS query.
    const elsewhere = await register(server, { url: 'https://hooks.dealer.example/coverkit' });
    expect(elsewhere.body.error.fields.url).toEqual(['This server sends webhooks to localhost only']);
  });

  it('refuses a session token and a missing or wrong secret key', async () => {
    const { sessionToken } = await createSession(server.url);
    const withToken = await call(endpoints(server), { method: 'POST', headers: bearer(sessionToken), json: { url: 'http://localhost/x' } });
    expect(withToken.status).toBe(401);
    const listWithToken = await call(endpoints(server), { headers: bearer(sessionToken) });
    expect(listWithToken.status).toBe(401);
    const wrongKey = await call(endpoints(server), {
      headers: { 'X-Client-Id': TEST_DEALERS.acme.clientId, 'X-Secret-Key': 'sk_wrong_0123456789abcdef' },
    });
    expect(wrongKey.status).toBe(401);
  });
});

describe('webhook targets in live mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    const vendor = 'http://127.0.0.1:9/unused';
    server = await startTestServer({
      env: {
        COVERKIT_MODE: 'live',
        // The live rule itself, not the test helpers' loopback-only one.
        COVERKIT_WEBHOOK_TARGETS: 'public',
        COVERHOUND_BASE_URL: vendor,
        PACE_BASE_URL: vendor,
        TRELLIS_BASE_URL: vendor,
        AUTOCOMPLETE_BASE_URL: vendor,
        AGENCYZOOM_BASE_URL: vendor,
      },
    });
  });
  afterAll(() => server?.close());

  it.each([
    ['http://127.0.0.1/hooks', 'URL must start with https://'],
    ['http://10.0.0.1/hooks', 'URL must start with https://'],
    ['http://169.254.169.254/latest/meta-data', 'URL must start with https://'],
  ])('refuses %s (not https)', async (url, message) => {
    const res = await register(server, { url });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.url).toEqual([message]);
  });

  it.each([
    'https://127.0.0.1/hooks',
    'https://10.0.0.1/hooks',
    'https://172.16.4.2/hooks',
    'https://192.168.1.10/hooks',
    'https://169.254.169.254/latest/meta-data',
    'https://100.100.100.200/hooks',
    'https://[::1]/hooks',
    'https://[fd00:ec2::254]/hooks',
    'https://[::ffff:127.0.0.1]/hooks',
    'https://2130706433/hooks',
    'https://0x7f.1/hooks',
    // A name: refused for what it resolves to (localhost is 127.0.0.1 and ::1 from /etc/hosts, no DNS query).
    'https://localhost/hooks',
  ])('refuses %s (not a public address)', async (url) => {
    const res = await register(server, { url });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.url).toEqual([
      'URL must reach a public internet address, not a loopback, private, link-local or metadata one',
    ]);
  });

  it('checks the address again when a try connects: a name that now resolves to loopback gets nothing', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const res = await register(server, { url: 'https://93.184.215.14/hooks', events: ['ping'] });
      expect(res.status).toBe(201);
      // DNS rebinding: the registered name resolves elsewhere by the time we send (here: the row now names localhost).
      const port = new URL(receiver.url).port;
      await server.runtime.db.query('UPDATE webhook_endpoints SET url = $1 WHERE id = $2', [
        `https://localhost:${port}/hooks`,
        res.body.id,
      ]);
      const ping = await call(`${endpoints(server)}/${res.body.id}/test`, { method: 'POST', headers: secretKeyHeaders() });
      expect(ping.status).toBe(202);
      await expect
        .poll(
          async () => (await call(`${endpoints(server)}/${res.body.id}/deliveries`, { headers: secretKeyHeaders() })).body.deliveries[0],
        )
        .toMatchObject({ eventType: 'ping', error: 'localhost resolves to no address webhooks may reach' });
      expect(receiver.received).toEqual([]);
      await call(`${endpoints(server)}/${res.body.id}`, { method: 'DELETE', headers: secretKeyHeaders() });
    } finally {
      await receiver.close();
    }
  });

  it('takes a public https address (nothing is sent to it: no event happens here)', async () => {
    const res = await register(server, { url: 'https://93.184.215.14/hooks', events: ['ping'] });
    expect(res.status).toBe(201);
    await call(`${endpoints(server)}/${res.body.id}`, { method: 'DELETE', headers: secretKeyHeaders() });
  });
});
