/**
 * Fault knobs on the Trellis sandbox: outage, error rate, latency and rate
 * limit, set at runtime through /sandbox/trellis/_faults or from the
 * environment, each answered with the sandbox's Trellis-style bodies and
 * turned by the client into the right VendorError kind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { trellisSandboxOptionsFromEnv } from '../../../../server/vendors/trellis/config.ts';
import { connect, getPolicies, type Sandbox, SECRET_HEADERS, startSandbox } from './harness.ts';

const TECHNICAL_DIFFICULTIES = {
  message: 'TECHNICAL_DIFFICULTIES',
  error: {
    errorType: 'TECHNICAL_DIFFICULTIES',
    errorCode: 'TECHNICAL_DIFFICULTIES',
    errorMessage: 'The issuer or Trellis was experiencing technical difficulties.',
  },
};

let sandbox: Sandbox;
let connectionId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ readyAfterMs: 0 });
  ({ connectionId } = await connect(sandbox.baseUrl));
});
afterAll(() => sandbox.close());
afterEach(async () => {
  await setFaults({ latencyMs: 0, errorRate: 0, outage: false, rateLimitPerMinute: 0 });
});

async function setFaults(patch: Record<string, unknown>) {
  const res = await fetch(`${sandbox.baseUrl}/_faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(patch),
  });
  return { status: res.status, body: await res.json() };
}

async function vendorError(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

describe('/_faults', () => {
  it('shows and changes the knobs at the sandbox root, and refuses bad values', async () => {
    const changed = await setFaults({ latencyMs: 5, errorRate: 0.25 });
    expect(changed).toEqual({ status: 200, body: { latencyMs: 5, latencyRate: 1, errorRate: 0.25, outage: false, rateLimitPerMinute: 0 } });
    const shown = await fetch(`${sandbox.baseUrl}/_faults`).then((r) => r.json());
    expect(shown).toEqual(changed.body);
    expect((await setFaults({ errorRate: 2 })).status).toBe(400);
  });
});

describe('outage', () => {
  it('answers every call 503 with the TECHNICAL_DIFFICULTIES details; the client sees unavailable', async () => {
    await setFaults({ outage: true });
    const res = await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS);
    expect(res.status).toBe(503);
    expect(res.body).toEqual(TECHNICAL_DIFFICULTIES);
    const loginRes = await fetch(`${sandbox.baseUrl}/account`, { method: 'POST', headers: SECRET_HEADERS, body: '{}' });
    expect(loginRes.status).toBe(503);

    const error = await vendorError(sandbox.client().getPolicies(connectionId));
    expect(error.kind).toBe('unavailable');
    expect(error.details.status).toBe(503);
    expect(error.message).toBe('Trellis: The issuer or Trellis was experiencing technical difficulties.');

    await setFaults({ outage: false });
    expect((await sandbox.client().getPolicies(connectionId)).status).toBe('ready');
  });
});

describe('error rate', () => {
  it('fails exactly that share of requests, deterministically', async () => {
    await setFaults({ errorRate: 0.5 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS)).status);
    expect(statuses).toEqual([200, 503, 200, 503, 200, 503]);
  });

  it('is ridden out by the retried policies GET, but not by the login, which is never repeated', async () => {
    await setFaults({ errorRate: 0.5 });
    const client = sandbox.client({ retries: 1 });
    for (let i = 0; i < 4; i++) expect((await client.getPolicies(connectionId)).status).toBe('ready');

    await setFaults({ errorRate: 0.5 });
    const login = { issuerId: 'geico', username: 'user_good', password: 'pass_good' };
    await client.createSandboxConnection(login);
    const error = await vendorError(client.createSandboxConnection(login));
    expect(error.kind).toBe('unavailable');
  });

  it('at 1, exhausts the retries and reports unavailable', async () => {
    await setFaults({ errorRate: 1 });
    const error = await vendorError(sandbox.client({ retries: 2 }).getPolicies(connectionId));
    expect(error.kind).toBe('unavailable');
  });
});

describe('latency', () => {
  it('delays answers by the set time', async () => {
    await setFaults({ latencyMs: 60 });
    const started = Date.now();
    expect((await sandbox.client().getPolicies(connectionId)).status).toBe('ready');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('beyond the client timeout becomes a timeout error', async () => {
    await setFaults({ latencyMs: 400 });
    const error = await vendorError(sandbox.client({ timeoutMs: 100 }).getPolicies(connectionId));
    expect(error.kind).toBe('timeout');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After beyond the limit; the client sees rate_limited with the wait', async () => {
    await setFaults({ rateLimitPerMinute: 2 });
    expect((await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS)).status).toBe(200);
    expect((await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS)).status).toBe(200);
    const limited = await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS);
    expect(limited.status).toBe(429);
    expect(limited.body).toBe('Too many requests.');
    const retryAfter = Number(limited.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const error = await vendorError(sandbox.client().getPolicies(connectionId));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});

describe('knobs from the environment', () => {
  it('SANDBOX_TRELLIS_* set the knobs and the readiness delays at start-up', async () => {
    const options = trellisSandboxOptionsFromEnv({
      SANDBOX_TRELLIS_OUTAGE: 'true',
      SANDBOX_TRELLIS_LATENCY_MS: '5',
      SANDBOX_TRELLIS_READY_AFTER_MS: '0',
    });
    expect(options.faults?.settings).toEqual({ latencyMs: 5, latencyRate: 1, errorRate: 0, outage: true, rateLimitPerMinute: 0 });
    const configured = await startSandbox(options);
    try {
      const res = await getPolicies(configured.baseUrl, connectionId, SECRET_HEADERS);
      expect(res.status).toBe(503);
      expect(res.body).toEqual(TECHNICAL_DIFFICULTIES);
      configured.faults.set({ outage: false });
      // The connection from the other sandbox is answered here too, and at once: readiness after 0 ms.
      expect((await getPolicies(configured.baseUrl, connectionId, SECRET_HEADERS)).status).toBe(200);
    } finally {
      await configured.close();
    }
  });
});
