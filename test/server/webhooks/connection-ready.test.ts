/**
 * connection.ready through real HTTP: a shopper's insurer connection is
 * recorded ready the first time its policies can be read (by the widget, by
 * the server's own check when nobody reads them, or already at connect time),
 * and the dealer's receiver on loopback gets one
 * signed event for it, verified with the `standardwebhooks` package, however
 * many times the policies are read.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '../../../contract/index.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.ts';

const good = { issuerId: 'geico', username: 'user_good', password: 'pass_good' };
const TRELLIS_SANDBOX_KEYS = { 'X-API-Client-Id': 'sandbox-client-id', 'X-API-Secret-Key': 'sandbox-secret-key' };

const isReady = (w: ReceivedWebhook) => JSON.parse(w.body).type === 'connection.ready';

function verified(secret: string, w: ReceivedWebhook): any {
  return new Webhook(secret).verify(w.body, {
    'webhook-id': String(w.headers['webhook-id']),
    'webhook-timestamp': String(w.headers['webhook-timestamp']),
    'webhook-signature': String(w.headers['webhook-signature']),
  });
}

afterAll(() => dropTestSchemas());

describe.each(testDatabases())('connection.ready ($name)', (database) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let secret: string;
  beforeAll(async () => {
    server = await startTestServer({
      database: database.options(),
      env: { COVERKIT_WEBHOOK_POLL_MS: '50', SANDBOX_TRELLIS_READY_AFTER_MS: '300' },
    });
    receiver = await startWebhookReceiver();
    const res = await call(`${server.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: secretKeyHeaders(),
      json: { url: receiver.url, events: ['connection.ready'] },
    });
    expect(res.status).toBe(201);
    secret = res.body.secret;
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  const policies = (connectionId: string, token: string) =>
    call(`${server.url}/v1/connections/${connectionId}/policies`, { headers: bearer(token) });

  async function readWhenReady(connectionId: string, token: string) {
    for (let i = 0; i < 200; i++) {
      const res = await policies(connectionId, token);
      if (res.status !== 202) return res;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('never ready');
  }

  const eventsFor = (connectionId: string) =>
    receiver.received.filter((w) => isReady(w) && JSON.parse(w.body).data.connectionId === connectionId);

  it('sends one signed connection.ready when the policies are first read, however often they are read', async () => {
    const { sessionToken } = await createSession(server.url, { externalRef: 'deal-77' });
    const made = await call(`${server.url}/v1/connections`, { method: 'POST', headers: bearer(sessionToken), json: good });
    expect(made.status).toBe(201);
    const { connectionId } = made.body;
    const first = await readWhenReady(connectionId, sessionToken);
    expect(first.status).toBe(200);

    const [got] = await receiver.waitFor((w) => isReady(w) && JSON.parse(w.body).data.connectionId === connectionId);
    const event = verified(secret, got!);
    expect(WEBHOOK_EVENTS['connection.ready'].parse(event)).toEqual(event);
    expect(event.data).toEqual({
      connectionId,
      sessionId: expect.stringMatching(/^ses_/),
      externalRef: 'deal-77',
      issuerId: 'geico',
      policyCount: first.body.policies.length,
    });
    expect(event.data.policyCount).toBeGreaterThan(0);
    // Thin: nothing of the login, nothing of the policies themselves.
    expect(got!.body).not.toContain('user_good');
    expect(got!.body).not.toContain(first.body.policies[0].policyNumber ?? 'no policy number');

    // Read again, and by the dealer's backend too: still the one event.
    expect((await policies(connectionId, sessionToken)).status).toBe(200);
    const asDealer = await call(`${server.url}/v1/connections/${connectionId}/policies`, { headers: secretKeyHeaders() });
    expect(asDealer.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(eventsFor(connectionId)).toHaveLength(1);
  });

  it('sends nothing while Trellis is still reading, and nothing for a login with no policies, read or not', async () => {
    const { sessionToken } = await createSession(server.url);
    const slow = await call(`${server.url}/v1/connections`, {
      method: 'POST',
      headers: bearer(sessionToken),
      json: { ...good, username: 'user_slow' },
    });
    const none = await call(`${server.url}/v1/connections`, {
      method: 'POST',
      headers: bearer(sessionToken),
      json: { ...good, username: 'user_none' },
    });
    const unread = await call(`${server.url}/v1/connections`, {
      method: 'POST',
      headers: bearer(sessionToken),
      json: { ...good, username: 'user_none' },
    });
    expect((await policies(slow.body.connectionId, sessionToken)).status).toBe(202);
    expect((await readWhenReady(none.body.connectionId, sessionToken)).status).toBe(404);
    // Long enough for the server's own checks of the unread one to have heard Trellis find nothing.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(eventsFor(slow.body.connectionId)).toHaveLength(0);
    expect(eventsFor(none.body.connectionId)).toHaveLength(0);
    expect(eventsFor(unread.body.connectionId)).toHaveLength(0);
  });

  it('sends connection.ready for a connection nobody reads: the server asks Trellis itself', async () => {
    const { sessionToken } = await createSession(server.url, { externalRef: 'deal-79' });
    const made = await call(`${server.url}/v1/connections`, { method: 'POST', headers: bearer(sessionToken), json: good });
    expect(made.status).toBe(201);
    // The page closed right after connecting: no read of its policies, ever.
    const [got] = await receiver.waitFor((w) => isReady(w) && JSON.parse(w.body).data.connectionId === made.body.connectionId, 1, 20_000);
    expect(verified(secret, got!).data).toMatchObject({ externalRef: 'deal-79', issuerId: 'geico', policyCount: 2 });
    // Read later: still the one event.
    expect((await readWhenReady(made.body.connectionId, sessionToken)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(eventsFor(made.body.connectionId)).toHaveLength(1);
  });

  it("sends connection.ready at connect time when Trellis's widget connection is ready already", async () => {
    // What Trellis's widget gives the page, for a connection whose policies Trellis has read by now.
    const login = await call(`${server.url}/sandbox/trellis/account`, { method: 'POST', headers: TRELLIS_SANDBOX_KEYS, json: good });
    expect(login.status).toBe(200);
    await expect
      .poll(
        async () =>
          (await call(`${server.url}/sandbox/trellis/account/${login.body.connectionId}/policies`, { headers: TRELLIS_SANDBOX_KEYS }))
            .status,
      )
      .toBe(200);
    const { sessionToken } = await createSession(server.url, { externalRef: 'deal-78' });
    const made = await call(`${server.url}/v1/connections`, {
      method: 'POST',
      headers: bearer(sessionToken),
      json: { trellisConnectionId: login.body.connectionId, trellisTemporaryAccessKey: login.body.temporaryAccessKey },
    });
    expect(made.status).toBe(201);
    // Never read through Coverkit, and still the dealer hears of it.
    const [got] = await receiver.waitFor((w) => isReady(w) && JSON.parse(w.body).data.connectionId === made.body.connectionId);
    expect(verified(secret, got!).data).toMatchObject({ externalRef: 'deal-78', issuerId: 'geico', policyCount: 2 });
  });
});
