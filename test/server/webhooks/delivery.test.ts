/**
 * Signed webhooks through real HTTP to a receiver on loopback, verified the
 * way a dealer verifies them: with the `standardwebhooks` npm package and the
 * secret the endpoint was registered with. A real journey (a quote request,
 * a submission delivered to both agency systems) sends its events; a failing
 * receiver is retried with the same webhook-id; 410 Gone disables the
 * endpoint; a rotated secret signs beside the old one for a day.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS, WebhookAttemptList, type WebhookEventType } from '../../../contract/index.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.ts';
import { FAST_DELIVERY, faults, household, settled, submissionBody, submit, waitForSubmission } from '../submissions/helpers.ts';

const FAST_WEBHOOKS = { ...FAST_DELIVERY, COVERKIT_WEBHOOK_POLL_MS: '50', COVERKIT_WEBHOOK_RETRY_SECONDS: '0.2,0.2,0.2' };

const headersOf = (w: ReceivedWebhook) => ({
  'webhook-id': String(w.headers['webhook-id']),
  'webhook-timestamp': String(w.headers['webhook-timestamp']),
  'webhook-signature': String(w.headers['webhook-signature']),
});

/** What a dealer's receiver does: verify with the library, then read the event. */
function verified(secret: string, w: ReceivedWebhook): any {
  return new Webhook(secret).verify(w.body, headersOf(w));
}

const ofType = (type: WebhookEventType) => (w: ReceivedWebhook) => JSON.parse(w.body).type === type;

afterAll(() => dropTestSchemas());

describe.each(testDatabases())('webhook deliveries ($name)', (database) => {
  let server: TestServer;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    server = await startTestServer({ database: database.options(), env: FAST_WEBHOOKS });
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  async function endpoint(events?: WebhookEventType[]) {
    const receiver = await startWebhookReceiver();
    receivers.push(receiver);
    const res = await call(`${server.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: secretKeyHeaders(),
      json: { url: receiver.url, ...(events ? { events } : {}) },
    });
    expect(res.status).toBe(201);
    return { receiver, id: res.body.id as string, secret: res.body.secret as string };
  }

  const ping = (id: string) => call(`${server.url}/v1/webhook-endpoints/${id}/test`, { method: 'POST', headers: secretKeyHeaders() });
  const log = async (id: string) => {
    const res = await call(`${server.url}/v1/webhook-endpoints/${id}/deliveries`, { headers: secretKeyHeaders() });
    expect(res.status).toBe(200);
    expect(WebhookAttemptList.parse(res.body)).toEqual(res.body);
    return res.body.deliveries as any[];
  };

  it('sends a signed ping that the standardwebhooks package verifies, and logs the attempt', async () => {
    const { receiver, id, secret } = await endpoint(['ping']);
    const sent = await ping(id);
    expect(sent.status).toBe(202);
    const [got] = await receiver.waitFor(ofType('ping'));
    const event = verified(secret, got!);
    expect(WEBHOOK_EVENTS.ping.parse(event)).toEqual(event);
    expect(event).toMatchObject({ type: 'ping', data: { endpointId: id, externalRef: null } });
    expect(got!.headers['webhook-id']).toBe(sent.body.eventId);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers.cookie).toBeUndefined();
    expect(got!.headers.authorization).toBeUndefined();
    // Another secret does not verify it.
    expect(() => verified('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', got!)).toThrow();

    await expect.poll(async () => (await log(id))[0]?.deliveryStatus).toBe('delivered');
    const [attempt] = await log(id);
    expect(attempt).toMatchObject({ eventId: sent.body.eventId, eventType: 'ping', statusCode: 200, latencyMs: expect.any(Number) });
    expect(attempt.nextRetryAt).toBeUndefined();
  });

  it("sends a real journey's events, verified, with the session's externalRef and no personal data", async () => {
    const { receiver, secret } = await endpoint();
    const { sessionToken } = await createSession(server.url, { externalRef: 'deal-4242' });
    const applicant = household();
    const quoteRequest = await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: applicant });
    expect(quoteRequest.status).toBe(202);
    const res = await submit(server.url, sessionToken, submissionBody(applicant));
    expect(res.status).toBe(201);
    const submissionId = res.body.submissionId;
    await waitForSubmission(server.url, submissionId, settled);

    const [created] = await receiver.waitFor(ofType('submission.created'));
    const [delivered] = await receiver.waitFor(ofType('submission.delivered'));
    const [completed] = await receiver.waitFor(ofType('quote_request.completed'), 1, 90_000);
    for (const w of [created!, delivered!, completed!]) {
      const event = verified(secret, w);
      expect(WEBHOOK_EVENTS[event.type as WebhookEventType].parse(event)).toEqual(event);
      expect(event.data.externalRef).toBe('deal-4242');
      // Thin events: none of the shopper's answers.
      for (const personal of [applicant.contact.email, applicant.contact.phone, applicant.drivers[0]!.lastName, applicant.address.line1]) {
        expect(w.body).not.toContain(personal);
      }
    }
    expect(verified(secret, created!).data).toEqual({ submissionId, sessionId: expect.any(String), externalRef: 'deal-4242' });
    const deliveredEvent = verified(secret, delivered!);
    expect(deliveredEvent.data).toMatchObject({ submissionId, status: 'delivered', flowUrl: expect.any(String) });
    expect(deliveredEvent.data.deliveries.map((d: any) => [d.target, d.status, Object.keys(d.vendorIds ?? {}).length > 0])).toEqual([
      ['agencyzoom', 'delivered', true],
      ['autocomplete', 'delivered', true],
    ]);
    expect(verified(secret, completed!).data).toMatchObject({
      quoteRequestId: quoteRequest.body.id,
      status: 'complete',
      quoteCount: expect.any(Number),
      lowestTotalCents: expect.any(Number),
    });
    // Each fact once, however many polls saw it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.filter(ofType('submission.created'))).toHaveLength(1);
    expect(receiver.received.filter(ofType('submission.delivered'))).toHaveLength(1);
  });

  it('tells of a delivery that failed for good, with the reason', async () => {
    const failing = await startTestServer({ database: database.options(), env: { ...FAST_WEBHOOKS, COVERKIT_DELIVERY_MAX_ATTEMPTS: '1' } });
    try {
      const receiver = await startWebhookReceiver();
      receivers.push(receiver);
      const registered = await call(`${failing.url}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: secretKeyHeaders(),
        json: { url: receiver.url, events: ['submission.delivery_failed'] },
      });
      await faults(failing.url, 'agencyzoom', { outage: true });
      const { sessionToken } = await createSession(failing.url);
      const res = await submit(failing.url, sessionToken, submissionBody());
      const [got] = await receiver.waitFor(ofType('submission.delivery_failed'));
      expect(verified(registered.body.secret, got!).data).toMatchObject({
        submissionId: res.body.submissionId,
        target: 'agencyzoom',
        status: 'failed',
        reason: expect.stringContaining('AgencyZoom was unavailable'),
      });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });

  it('retries a 503 with the same webhook-id and a fresh signature, and shows both tries', async () => {
    const { receiver, id, secret } = await endpoint(['ping']);
    receiver.answer(503);
    const sent = await ping(id);
    const tries = await receiver.waitFor(ofType('ping'), 2);
    expect(tries.map((t) => t.answered)).toEqual([503, 200]);
    expect(tries.map((t) => t.headers['webhook-id'])).toEqual([sent.body.eventId, sent.body.eventId]);
    expect(tries[1]!.body).toBe(tries[0]!.body);
    for (const t of tries) verified(secret, t);
    await expect.poll(async () => (await log(id)).map((a) => a.statusCode)).toEqual([200, 503]);
    const [second, first] = await log(id);
    expect(first).toMatchObject({ statusCode: 503, error: 'Answered 503' });
    expect(second).toMatchObject({ statusCode: 200, deliveryStatus: 'delivered' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received).toHaveLength(2);
  });

  it('gives up after the last try of the schedule', async () => {
    const { receiver, id } = await endpoint(['ping']);
    receiver.answer(500, 500, 500, 500);
    await ping(id);
    await receiver.waitFor(ofType('ping'), 4);
    await expect.poll(async () => (await log(id))[0]?.deliveryStatus).toBe('failed');
    const attempts = await log(id);
    // The first try and one per wait of the schedule (three here), then it gave up.
    expect(attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 500]);
    expect(attempts.every((a) => a.nextRetryAt === undefined)).toBe(true);
  });

  it('shows when the next try is due while one is', async () => {
    // A minute's wait after the first failure: the delivery is pending for the whole test.
    const patient = await startTestServer({
      database: database.options(),
      env: { ...FAST_WEBHOOKS, COVERKIT_WEBHOOK_RETRY_SECONDS: '60' },
    });
    try {
      const receiver = await startWebhookReceiver();
      receivers.push(receiver);
      receiver.answer(500);
      const registered = await call(`${patient.url}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: secretKeyHeaders(),
        json: { url: receiver.url, events: ['ping'] },
      });
      const sentAt = Date.now();
      await call(`${patient.url}/v1/webhook-endpoints/${registered.body.id}/test`, { method: 'POST', headers: secretKeyHeaders() });
      const read = async () =>
        (await call(`${patient.url}/v1/webhook-endpoints/${registered.body.id}/deliveries`, { headers: secretKeyHeaders() })).body
          .deliveries[0];
      await expect.poll(read).toMatchObject({ statusCode: 500, deliveryStatus: 'pending', nextRetryAt: expect.any(String) });
      const due = Date.parse((await read()).nextRetryAt);
      expect(due - sentAt).toBeGreaterThanOrEqual(59_000);
      expect(due - Date.now()).toBeLessThanOrEqual(61_000);
    } finally {
      await patient.close();
    }
  });

  it('disables an endpoint that answers 410 Gone', async () => {
    const { receiver, id } = await endpoint(['ping']);
    receiver.answer(410);
    await ping(id);
    await receiver.waitFor(ofType('ping'));
    await expect
      .poll(async () =>
        (await call(`${server.url}/v1/webhook-endpoints`, { headers: secretKeyHeaders() })).body.endpoints.find((e: any) => e.id === id),
      )
      .toMatchObject({ status: 'disabled', disabledReason: 'The endpoint answered 410 Gone' });
    const again = await ping(id);
    expect(again.status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received).toHaveLength(1);
  });

  it('disables an endpoint whose every try failed for the configured time (5 days by default)', async () => {
    // About a second of failing here, tries 0.3 s apart.
    const failing = await startTestServer({
      database: database.options(),
      env: {
        ...FAST_WEBHOOKS,
        COVERKIT_WEBHOOK_RETRY_SECONDS: '0.3,0.3,0.3,0.3,0.3,0.3,0.3',
        COVERKIT_WEBHOOK_DISABLE_AFTER_HOURS: '0.0003',
      },
    });
    try {
      const receiver = await startWebhookReceiver();
      receivers.push(receiver);
      receiver.answer(...Array(20).fill(500));
      const registered = await call(`${failing.url}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: secretKeyHeaders(),
        json: { url: receiver.url, events: ['ping'] },
      });
      await call(`${failing.url}/v1/webhook-endpoints/${registered.body.id}/test`, { method: 'POST', headers: secretKeyHeaders() });
      const endpointNow = async () =>
        (await call(`${failing.url}/v1/webhook-endpoints`, { headers: secretKeyHeaders() })).body.endpoints.find(
          (e: any) => e.id === registered.body.id,
        );
      await expect.poll(endpointNow, { timeout: 15_000 }).toMatchObject({ status: 'disabled' });
      expect((await endpointNow()).disabledReason).toMatch(/^Every try failed for 1.1 seconds \(last: Answered 500\)$/);
      // Not at the first failure: once the failures had lasted the configured time (however slow the machine).
      const tries = [...receiver.received];
      expect(tries.length).toBeGreaterThanOrEqual(2);
      expect(tries.at(-1)!.at - tries[0]!.at).toBeGreaterThanOrEqual(1_000);
      // And nothing is sent to it after.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(receiver.received).toHaveLength(tries.length);
    } finally {
      await failing.close();
    }
  });

  it('signs with the old and the new secret for a day after a rotation', async () => {
    const { receiver, id, secret: old } = await endpoint(['ping']);
    const rotated = await call(`${server.url}/v1/webhook-endpoints/${id}/rotate-secret`, { method: 'POST', headers: secretKeyHeaders() });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(old);
    const hours = (Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    await ping(id);
    const [got] = await receiver.waitFor(ofType('ping'));
    expect(String(got!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(rotated.body.secret, got!).type).toBe('ping');
    expect(verified(old, got!).type).toBe('ping');
  });
});
