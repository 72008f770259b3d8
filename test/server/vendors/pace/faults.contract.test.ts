/**
 * Authentication and the fault knobs through real HTTP: the sandbox refuses a
 * missing or wrong `pace-api-key`, each knob produces PACE's error body, and
 * the client turns each into the right VendorError kind without leaking the key.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPaceSandbox, PaceClient, paceConfigFromEnv, toPaceRateRequest } from '../../../../server/vendors/pace/index.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { FaultKnobs, faultSettingsFromEnv } from '../../../../server/vendors/shared/faults.ts';
import { baseApplicant } from './fixtures.ts';
import { type PaceHarness, startPaceSandbox } from './harness.ts';

let pace: PaceHarness;
beforeAll(async () => {
  pace = await startPaceSandbox();
});
afterAll(() => pace.close());
afterEach(() => pace.knobs.set({ latencyMs: 0, errorRate: 0, outage: false, rateLimitPerMinute: 0 }));

async function vendorError(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

const YEARS = '/api/v1/underwriting/lookups/vin/TX/years';
const PACE_ERROR = { exception: expect.any(String), message: [expect.any(String)] };

describe('pace-api-key', () => {
  it('is required on every PACE path', async () => {
    for (const path of [YEARS, '/api/v1/quote/TQMOR00001436/info', '/api/v1/policy/TFILPS141000179-00/info']) {
      const res = await pace.call(path, { headers: { 'pace-api-key': '' } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ exception: 'unauthorized', message: ['A valid pace-api-key header is required'] });
    }
  });

  it('must be the sandbox key', async () => {
    expect((await pace.call(YEARS, { headers: { 'pace-api-key': 'not-the-key' } })).status).toBe(401);
    expect((await pace.call(YEARS)).status).toBe(200);
  });

  it('refused, becomes kind auth, and no error message carries the key', async () => {
    const secret = 'live-key-that-must-not-leak-0123456789';
    const error = await vendorError(pace.clientWith({ PACE_API_KEY: secret }).years('TX'));
    expect(error.kind).toBe('auth');
    expect(error.details.status).toBe(401);
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('is not asked for by the fault settings, which are sandbox-only', async () => {
    const res = await pace.call('/_faults', { headers: { 'pace-api-key': '' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ latencyMs: 0, latencyRate: 1, errorRate: 0, outage: false, rateLimitPerMinute: 0 });
  });
});

describe('fault knobs', () => {
  it('are changed at runtime with PUT /_faults', async () => {
    const res = await pace.call('/_faults', { method: 'PUT', json: { outage: true } });
    expect(res.status).toBe(200);
    expect(res.body.outage).toBe(true);
    expect((await pace.call(YEARS)).status).toBe(500);
    expect((await pace.call('/_faults', { method: 'PUT', json: { errorRate: 3 } })).status).toBe(400);
  });

  it("outage: every call answers 500 in PACE's shape; the client says unavailable", async () => {
    pace.knobs.set({ outage: true });
    const res = await pace.call(YEARS);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ exception: 'internal server error', message: ['An unexpected error occurred. Please try again later.'] });
    const error = await vendorError(pace.client.quoteInfo('TQMOR00001436'));
    expect(error).toMatchObject({ kind: 'unavailable', details: { status: 500 } });
    expect(error.message).toBe('PACE: An unexpected error occurred. Please try again later.');
  });

  it('error rate: that share of calls fail, deterministically', async () => {
    pace.knobs.set({ errorRate: 0.5 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await pace.call(YEARS)).status);
    expect(statuses).toEqual([200, 500, 200, 500, 200, 500]);
  });

  it('error rate: lookups are retried past a failure; rating is never sent twice', async () => {
    const retrying = pace.clientWith({}, { retries: 2, backoffLimitMs: 10 });
    pace.knobs.set({ errorRate: 0.5 });
    for (let i = 0; i < 4; i++) expect(await retrying.years('TX')).toContain(2019);
    pace.knobs.set({ errorRate: 0.5 });
    const request = toPaceRateRequest(baseApplicant(), pace.config.program);
    await retrying.rateQuote(request);
    expect((await vendorError(retrying.rateQuote(request))).kind).toBe('unavailable');
  });

  it("latency: a slow PACE past the client's timeout is kind timeout", async () => {
    pace.knobs.set({ latencyMs: 150 });
    const error = await vendorError(pace.clientWith({ PACE_TIMEOUT_MS: '100' }).years('TX'));
    expect(error.kind).toBe('timeout');
    const started = Date.now();
    expect(await pace.client.years('TX')).toContain(2019);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rate limit: calls beyond it answer 429 with Retry-After; the client says rate_limited', async () => {
    pace.knobs.set({ rateLimitPerMinute: 2 });
    expect((await pace.call(YEARS)).status).toBe(200);
    expect((await pace.call(YEARS)).status).toBe(200);
    const limited = await pace.call(YEARS);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(PACE_ERROR);
    expect(limited.body.exception).toBe('too many requests');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const error = await vendorError(pace.client.makes('TX', 2019));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('are read from SANDBOX_PACE_* at start-up', async () => {
    const app = createPaceSandbox({ faults: new FaultKnobs(faultSettingsFromEnv('PACE', { SANDBOX_PACE_OUTAGE: 'true' })) });
    const res = await app.request(YEARS, { headers: { 'pace-api-key': 'sandbox-pace-key' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual(PACE_ERROR);
  });
});

describe('mounted under /sandbox/pace, as the server mounts it', () => {
  it('answers the documented paths, its fault settings and its own 404 under the prefix', async () => {
    const server = new Hono().route('/sandbox/pace', createPaceSandbox());
    const headers = { 'pace-api-key': 'sandbox-pace-key' };
    const years = await server.request('/sandbox/pace/api/v1/underwriting/lookups/vin/TX/years', { headers });
    expect(years.status).toBe(200);
    expect(await years.json()).toContain(2019);
    expect((await server.request('/sandbox/pace/_faults')).status).toBe(200);
    const unknown = await server.request('/sandbox/pace/api/v1/nowhere', { headers });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ exception: 'not found', message: ['No route for GET /sandbox/pace/api/v1/nowhere'] });
  });
});

describe('malformed answers', () => {
  it("an unknown route answers 404 in PACE's shape", async () => {
    const res = await pace.call('/api/v1/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ exception: 'not found', message: ['No route for GET /api/v1/nowhere'] });
  });

  it('an answer in an unexpected shape, or not JSON, becomes kind malformed, not a crash', async () => {
    // A PACE look-alike that answers in the wrong shapes.
    const impostor = new Hono();
    impostor.get('/api/v1/underwriting/lookups/vin/TX/years', (c) => c.json({ years: [2019] }));
    impostor.get('/api/v1/quote/Q1/info', (c) => c.text('<html>maintenance</html>'));
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: impostor.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new PaceClient(paceConfigFromEnv({}, { sandboxBaseUrl: url }), { retries: 0 });
      expect((await vendorError(client.years('TX'))).kind).toBe('malformed');
      expect((await vendorError(client.quoteInfo('Q1'))).kind).toBe('malformed');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
