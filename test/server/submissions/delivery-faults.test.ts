/**
 * The outbox when vendors misbehave, with the sandboxes' own fault knobs: a
 * vendor that is down never fails a submission, deliveries resume when it is
 * back, a vendor's Retry-After is honoured, a slow AutoComplete only means the
 * link comes later, and a delivery that never gets through is failed and shown.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Submission } from '../../../contract/index.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { agencyZoom, delivery, FAST_DELIVERY, faults, household, settled, submissionBody, submit, waitForSubmission } from './helpers.ts';

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function start(env: Record<string, string> = {}) {
  const server = await startTestServer({ env: { ...FAST_DELIVERY, ...env } });
  servers.push(server);
  const { sessionToken } = await createSession(server.url);
  return { server, token: sessionToken };
}

describe('an AgencyZoom outage', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    ({ server, token } = await start());
  });
  afterEach(() => faults(server.url, 'agencyzoom', { outage: false }));

  it('leaves the submission delivering, retried with backoff, and delivers it once AgencyZoom is back', async () => {
    await faults(server.url, 'agencyzoom', { outage: true });
    const body = submissionBody();
    const res = await submit(server.url, token, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'delivering', flowUrl: expect.any(String) });
    expect(res.body.flowUrlPending).toBeUndefined();

    const during = await waitForSubmission(server.url, res.body.submissionId, (s) => delivery(s, 'agencyzoom').attempts >= 3);
    expect(during.status).toBe('delivering');
    expect(delivery(during, 'autocomplete')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(delivery(during, 'agencyzoom')).toMatchObject({
      status: 'pending',
      lastError: 'AgencyZoom was unavailable (HTTP 500)',
      nextAttemptAt: expect.any(String),
    });
    // A pending delivery's shape (nextAttemptAt) is the contract's too.
    expect(Submission.parse(during)).toEqual(during);

    await faults(server.url, 'agencyzoom', { outage: false });
    const after = await waitForSubmission(server.url, res.body.submissionId, settled);
    expect(after.status).toBe('delivered');
    expect(delivery(after, 'agencyzoom').status).toBe('delivered');
    expect(delivery(after, 'agencyzoom').nextAttemptAt).toBeUndefined();
    expect(await (await agencyZoom(server.url)).leadsByEmail(body.applicant.contact.email)).toHaveLength(1);
  });

  it('retries with growing delays, not in a tight loop', async () => {
    // Backoff from 400 ms doubling to 1.6 s, each delay between half and all of its step: the fourth
    // try cannot start before 200 + 400 + 800 ms have passed, however fast or busy the machine.
    const slow = await start({ COVERKIT_DELIVERY_BACKOFF_MS: '400', COVERKIT_DELIVERY_BACKOFF_MAX_MS: '1600' });
    await faults(slow.server.url, 'agencyzoom', { outage: true });
    const submittedAt = Date.now();
    const res = await submit(slow.server.url, slow.token, submissionBody());
    const fourth = await waitForSubmission(slow.server.url, res.body.submissionId, (s) => delivery(s, 'agencyzoom').attempts >= 4);
    expect(Date.now() - submittedAt).toBeGreaterThanOrEqual(1_400);
    expect(delivery(fourth, 'agencyzoom').status).toBe('pending');
  });
});

describe('a delivery that never gets through', () => {
  it('is failed after the configured number of tries and stays visible with its reason', async () => {
    const { server, token } = await start({ COVERKIT_DELIVERY_MAX_ATTEMPTS: '3' });
    await faults(server.url, 'agencyzoom', { outage: true });
    const res = await submit(server.url, token, submissionBody());
    const failed = await waitForSubmission(server.url, res.body.submissionId, settled);
    expect(failed.status).toBe('failed');
    expect(failed.flowUrl).toEqual(expect.any(String));
    expect(delivery(failed, 'agencyzoom')).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'AgencyZoom was unavailable (HTTP 500); gave up after 3 tries',
    });
    expect(delivery(failed, 'autocomplete').status).toBe('delivered');
  });
});

describe("AgencyZoom's rate limit", () => {
  it('is honoured: a 429 is tried again after its Retry-After, without a second lead', async () => {
    // Five calls per three seconds: the first delivery (login, three lookups, the lead) uses them all.
    const { server, token } = await start({ SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: '5', SANDBOX_AGENCYZOOM_RATE_WINDOW_SECONDS: '3' });
    const first = submissionBody();
    const second = submissionBody();
    const a = await submit(server.url, token, first);
    const b = await submit(server.url, token, second);
    expect([a.status, b.status]).toEqual([201, 201]);

    const limited = await waitForSubmission(server.url, b.body.submissionId, settled);
    expect(limited.status).toBe('delivered');
    const zoom = delivery(limited, 'agencyzoom');
    expect(zoom).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastError: expect.stringMatching(/^AgencyZoom asked us to slow down for \d+ s$/),
    });
    const retryAfterMs = Number(/for (\d+) s/.exec(zoom.lastError)![1]) * 1000;
    // Not before AgencyZoom said (both submissions were made within a second of each other).
    expect(Date.parse(zoom.deliveredAt) - Date.parse(limited.createdAt)).toBeGreaterThanOrEqual(retryAfterMs - 1000);
    expect(delivery(await waitForSubmission(server.url, a.body.submissionId, settled), 'agencyzoom')).toMatchObject({
      status: 'delivered',
      attempts: 1,
    });

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const crm = await agencyZoom(server.url);
    expect(await crm.leadsByEmail(first.applicant.contact.email)).toHaveLength(1);
    expect(await crm.leadsByEmail(second.applicant.contact.email)).toHaveLength(1);
  });
});

describe('a slow AutoComplete', () => {
  it('answers at once without the link, and the link shows up when AutoComplete answers', async () => {
    const { server, token } = await start({ COVERKIT_FLOW_URL_WAIT_MS: '300' });
    await faults(server.url, 'autocomplete', { latencyMs: 1_500 });
    const started = Date.now();
    const res = await submit(server.url, token, submissionBody(household()));
    expect(Date.now() - started).toBeLessThan(1_200);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('delivering');
    expect(res.body.flowUrl).toBeUndefined();
    expect(res.body.flowUrlPending).toBe(true);

    // The shopper's thank-you screen asks again with its session token, and gets the link once it has come.
    const asked = () => call(`${server.url}/v1/session/submissions/${res.body.submissionId}`, { headers: bearer(token) });
    const pending = await asked();
    expect(pending.status).toBe(200);
    expect(pending.body).toEqual({
      submissionId: res.body.submissionId,
      reference: res.body.reference,
      flowUrlPending: true,
      status: 'delivering',
    });
    await expect.poll(async () => (await asked()).body.flowUrl, { timeout: 10_000, interval: 200 }).toEqual(expect.any(String));
    const came = await asked();
    expect(came.body.flowUrlPending).toBeUndefined();

    const later = await waitForSubmission(server.url, res.body.submissionId, settled);
    expect(later).toMatchObject({ status: 'delivered', flowUrl: came.body.flowUrl });
    expect(delivery(later, 'autocomplete').attempts).toBe(1);

    // Another session (another shopper's) finds nothing there, as for an id that does not exist.
    const other = await createSession(server.url);
    const elsewhere = await call(`${server.url}/v1/session/submissions/${res.body.submissionId}`, { headers: bearer(other.sessionToken) });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe('not_found');
    const none = await call(`${server.url}/v1/session/submissions/sub_4cW2m0E8Yw9cQ7b3n5q1sA`, { headers: bearer(token) });
    expect(none.status).toBe(404);
  });
});

describe('a busy AutoComplete (one request a second)', () => {
  it('answers at once when the link’s call cannot leave within the wait, and the link comes to the session later', async () => {
    const { server, token } = await start({ COVERKIT_FLOW_URL_WAIT_MS: '600', AUTOCOMPLETE_MIN_INTERVAL_MS: '1500' });
    // The first submission's call leaves at once: its answer waits for the link, which comes in time.
    const first = await submit(server.url, token, submissionBody(household()));
    expect(first.body).toMatchObject({ status: expect.any(String), flowUrl: expect.any(String) });
    // The next one's call must wait its turn, longer than the answer would wait: the answer does not wait for it.
    const started = Date.now();
    const second = await submit(server.url, token, submissionBody(household((a) => (a.contact.email = 'luis.garcia@example.com'))));
    expect(Date.now() - started).toBeLessThan(600);
    expect(second.body).toMatchObject({ status: expect.stringMatching(/^(received|delivering)$/), flowUrlPending: true });
    expect(second.body.flowUrl).toBeUndefined();
    const asked = () => call(`${server.url}/v1/session/submissions/${second.body.submissionId}`, { headers: bearer(token) });
    await expect.poll(async () => (await asked()).body.flowUrl, { timeout: 10_000, interval: 200 }).toEqual(expect.any(String));
  });
});
