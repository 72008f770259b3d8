/**
 * The client against the sandbox over real HTTP: answers typed and parsed,
 * each failure turned into the right VendorError kind, submissions never
 * blindly resent, the vendor's one-request-per-second limit respected, and no
 * secret in any error.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AutoCompleteClient, DEFAULT_MIN_INTERVAL_MS } from '../../../../server/vendors/autocomplete/client.ts';
import { PersonSubmission } from '../../../../server/vendors/autocomplete/schemas.ts';
import { MemoryCallBuckets } from '../../../../server/vendors/shared/call-buckets.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { type Sandbox, startSandbox } from './harness.ts';
import { minimumSubmission } from './seed-examples.ts';

const minimum = PersonSubmission.parse(minimumSubmission);

/** The VendorError a call rejects with (fails the test if it resolves or throws anything else). */
async function vendorError(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

describe('AutoComplete client', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.faults.set({ latencyMs: 0, errorRate: 0, outage: false, rateLimitPerMinute: 0 }));
  afterAll(() => sandbox.close());

  it('creates a person and returns their flow link, then reads them back', async () => {
    const client = sandbox.client();
    const created = await client.createPerson(minimum);
    expect(created.flow.flow_url).toMatch(/^https:\/\/.+\/[A-Za-z]{6}$/);
    expect(created).toMatchObject({ first_name: 'Jon', last_name: 'Snow' });
    const people = await client.listPeople();
    expect(people.map((person) => person.id)).toContain(created.id);
  });

  it("turns a validation refusal into a `rejected` error carrying AutoComplete's message", async () => {
    const error = await vendorError(sandbox.client().createPerson({ ...minimum, new_vehicles: [] } as typeof minimum));
    expect(error.kind).toBe('rejected');
    expect(error.details.status).toBe(400);
    expect(error.message).toBe("AutoComplete: Field 'new_vehicles' cannot be empty.");
  });

  it('turns refused credentials into an `auth` error that never repeats the secret', async () => {
    const client = sandbox.client({}, { AUTOCOMPLETE_API_KEY: 'sandbox-api-key', AUTOCOMPLETE_API_SECRET: 'hunter2-very-secret' });
    const error = await vendorError(client.createPerson(minimum));
    expect(error.kind).toBe('auth');
    expect(error.details.status).toBe(401);
    expect(`${error.message} ${JSON.stringify(error)} ${error.stack}`).not.toContain('hunter2');
    expect((await vendorError(client.listPeople())).kind).toBe('auth');
  });

  it('turns an outage into `unavailable`', async () => {
    sandbox.faults.set({ outage: true });
    const error = await vendorError(sandbox.client({ retries: 0 }).createPerson(minimum));
    expect(error.kind).toBe('unavailable');
    expect(error.details.status).toBe(500);
    expect(error.message).toBe('AutoComplete: Internal server error. Please try again later.');
  });

  it('never resends a submission that met a server error (it may have been created), but retries a read', async () => {
    const client = sandbox.client();
    const before = (await client.listPeople()).length;
    // With an error rate of one half, requests alternate: pass, fail, pass, fail…
    sandbox.faults.set({ errorRate: 0.5 });
    await client.createPerson(minimum);
    const error = await vendorError(client.createPerson(minimum));
    expect(error.kind).toBe('unavailable');
    // This read's first attempt fails; the retry passes.
    expect(await client.listPeople()).toHaveLength(before + 1);
  });

  it('gives up with `timeout` when AutoComplete answers later than the configured timeout', async () => {
    sandbox.faults.set({ latencyMs: 400 });
    const client = sandbox.client({ retries: 0 }, { AUTOCOMPLETE_TIMEOUT_MS: '150' });
    const started = performance.now();
    const error = await vendorError(client.createPerson(minimum));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('returns `rate_limited` with the wait at once when the wait is longer than it will sit out', async () => {
    sandbox.faults.set({ rateLimitPerMinute: 1 });
    const client = sandbox.client({ retries: 0 });
    await client.createPerson(minimum);
    const started = performance.now();
    const error = await vendorError(client.createPerson(minimum));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBeGreaterThan(5);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("AutoComplete client and the vendor's one request per second", () => {
  const sandboxes: Sandbox[] = [];
  const documented = async () => {
    const sandbox = await startSandbox({}, { documentedRateLimit: true });
    sandboxes.push(sandbox);
    return sandbox;
  };
  afterEach(async () => {
    await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
  });

  it('spaces its own calls over a second apart by default, so none is refused', async () => {
    const sandbox = await documented();
    // No 429 retries: a refused call would fail this test.
    const client = sandbox.client({ minIntervalMs: DEFAULT_MIN_INTERVAL_MS, rateLimitRetries: 0 });
    const started = performance.now();
    await Promise.all([client.createPerson(minimum), client.createPerson(minimum)]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('keeps the one request a second across processes: two clients on one shared pace are spaced too, and one too far off is not sent', async () => {
    const sandbox = await documented();
    // Two server processes' clients, one store of paces (the database or Redis in a deployment).
    const buckets = new MemoryCallBuckets();
    const processA = sandbox.client({ minIntervalMs: DEFAULT_MIN_INTERVAL_MS, rateLimitRetries: 0, buckets });
    const processB = sandbox.client({ minIntervalMs: DEFAULT_MIN_INTERVAL_MS, rateLimitRetries: 0, buckets, maxPaceWaitMs: 1_500 });
    expect(processA.turnInMs()).toBe(0);
    const started = performance.now();
    await Promise.all([processA.createPerson(minimum), processB.createPerson(minimum)]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    // A call whose slot is further off than it may wait is refused here as rate limited (the outbox tries it later), unsent.
    const queued = processA.createPerson(minimum);
    const refused = await processB.createPerson(minimum).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(VendorError);
    expect((refused as VendorError).kind).toBe('rate_limited');
    expect(processB.turnInMs()).toBeGreaterThan(1000);
    await queued;
    expect(await processA.listPeople()).toHaveLength(3);
  });

  it('waits out a 429 and sends the submission again, creating it once', async () => {
    const sandbox = await documented();
    const unpaced = sandbox.client({ minIntervalMs: 0 });
    // Sent together, the second is refused with Retry-After: 1, waited out and resent.
    const [a, b] = await Promise.all([unpaced.createPerson(minimum), unpaced.createPerson(minimum)]);
    expect(a.id).not.toBe(b.id);
    const people = await unpaced.listPeople();
    expect(people.map((person) => person.id).sort()).toEqual([a.id, b.id].sort());
  });
});

describe('AutoComplete client against answers that break the documented shape', () => {
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    const app = new Hono();
    app.post('/people', (c) => c.json({ id: 'p1', first_name: 'Jon' }));
    app.get('/people', (c) => c.text('<html>maintenance</html>', 200));
    app.post('/broken/people', (c) => c.json({ error: 'teapot' }, 418));
    server = await new Promise<ServerType>((resolve) => {
      const started: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const clientFor = (baseUrl: string) =>
    new AutoCompleteClient(
      { baseUrl, apiKey: 'k', apiSecret: 's', timeoutMs: 2000, minIntervalMs: 0, dealerId: '4119799d-215f-4f49-b38a-0b94c2448399' },
      {
        minIntervalMs: 0,
        retries: 0,
      },
    );

  it('turns an answer without the flow into `malformed`, naming where', async () => {
    const error = await vendorError(clientFor(url).createPerson(minimum));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('flow');
  });

  it('turns a body that is not JSON into `malformed`', async () => {
    expect((await vendorError(clientFor(url).listPeople())).kind).toBe('malformed');
  });

  it('still reports an error body in an unknown shape, by its status', async () => {
    const error = await vendorError(clientFor(`${url}/broken`).createPerson(minimum));
    expect(error.kind).toBe('rejected');
    expect(error.message).toBe('AutoComplete: answered /people with HTTP 418');
  });

  it('turns an unreachable AutoComplete into `unavailable`', async () => {
    const error = await vendorError(clientFor('http://127.0.0.1:9').createPerson(minimum));
    expect(error.kind).toBe('unavailable');
  });
});
