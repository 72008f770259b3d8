/**
 * The fault knobs on the CoverHound sandbox: outage, error rate, latency and
 * rate limit each answer the way CoverHound does (its documented 503 body; a
 * 429 in its status-and-message shape), and the client turns each into the
 * right VendorError kind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toCoverHoundQuoteRequest } from '../../../../server/vendors/coverhound/map.ts';
import { coverHoundSandboxOptionsFromEnv } from '../../../../server/vendors/coverhound/sandbox/index.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { walshHousehold } from './canonical.ts';
import { type SandboxHarness, startSandbox, thrown } from './harness.ts';
import { SEED_503, SEED_TOKEN_REQUEST } from './seed-examples.ts';

const request = () => toCoverHoundQuoteRequest(walshHousehold(), { userId: 'faults', carriers: ['GENRL'] });
const NO_FAULTS = { latencyMs: 0, latencyRate: 1, errorRate: 0, outage: false, rateLimitPerMinute: 0 };

describe('CoverHound sandbox fault knobs', () => {
  let sandbox: SandboxHarness;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox?.close());
  afterEach(() => sandbox.faults.set(NO_FAULTS));

  it('shows and changes the knobs at /_faults, refusing invalid settings', async () => {
    expect((await sandbox.call('/_faults')).body).toEqual(NO_FAULTS);
    const put = await sandbox.call('/_faults', { method: 'PUT', json: { errorRate: 0.5 } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...NO_FAULTS, errorRate: 0.5 });
    const bad = await sandbox.call('/_faults', { method: 'PUT', json: { errorRate: 2 } });
    expect(bad.status).toBe(400);
    expect(sandbox.faults.settings.errorRate).toBe(0.5);
  });

  it('an outage answers every endpoint with the documented 503, which the client reports as unavailable', async () => {
    const client = sandbox.client();
    await client.accessToken();
    await sandbox.call('/_faults', { method: 'PUT', json: { outage: true } });
    for (const [path, method] of [
      ['/api/oauth/access_token', 'POST'],
      ['/api/auto/quotes', 'POST'],
      ['/api/auto/quotes/x', 'GET'],
    ] as const) {
      const res = await sandbox.call(path, { method, json: method === 'POST' ? SEED_TOKEN_REQUEST : undefined });
      expect([path, res.status, res.body]).toEqual([path, 503, SEED_503]);
    }
    const error = await thrown(() => client.startQuote(request()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ kind: 'unavailable', message: `CoverHound: ${SEED_503.message}`, details: { status: 503 } });
  });

  it('an error rate of 0.5 fails every second request with the 503', async () => {
    const token = await sandbox.token();
    sandbox.faults.set({ errorRate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await sandbox.call('/api/auto/quotes/none', { headers: { 'Access-Token': token } })).status);
    }
    expect(statuses).toEqual([404, 503, 404, 503, 404, 503]);
  });

  it('under an error rate the client repeats polls (safe) but never a quote request', async () => {
    const client = sandbox.client({}, { retries: 2, backoffLimitMs: 5 });
    const { transactionId } = await client.startQuote(request());
    sandbox.faults.set({ errorRate: 0.5 });
    sandbox.requests.length = 0;
    // Two polls: one of their attempts meets the injected 503 and is retried.
    await client.pollQuotes(transactionId);
    await client.pollQuotes(transactionId);
    expect(sandbox.requests.filter((line) => line.startsWith('GET'))).toHaveLength(3);
    // A quote request that meets the 503 fails, once, unrepeated.
    sandbox.faults.set({ errorRate: 1 });
    sandbox.requests.length = 0;
    const error = await thrown(() => client.startQuote(request()));
    expect(error.kind).toBe('unavailable');
    expect(sandbox.requests).toEqual(['POST /api/auto/quotes']);
  });

  it('latency beyond the client timeout is reported as a timeout', async () => {
    const client = sandbox.client({ COVERHOUND_TIMEOUT_MS: '150' });
    await client.accessToken();
    sandbox.faults.set({ latencyMs: 400 });
    const error = await thrown(() => client.startQuote(request()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('timeout');
  });

  it('small latency only slows answers down', async () => {
    const client = sandbox.client();
    await client.accessToken();
    sandbox.faults.set({ latencyMs: 60 });
    const started = Date.now();
    const { transactionId } = await client.startQuote(request());
    expect(transactionId).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('a rate limit answers 429 with Retry-After, which the client reports as rate_limited', async () => {
    const client = sandbox.client();
    sandbox.faults.set({ rateLimitPerMinute: 2 });
    await client.startQuote(request()); // access token + quote: the two allowed this minute
    const res = await sandbox.call('/api/auto/quotes/none');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ status: 429, message: expect.stringMatching(/^Too many requests/) });
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    const error = await thrown(() => client.startQuote(request()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('reads the knobs and the carrier delay scale from SANDBOX_COVERHOUND_* variables', () => {
    const options = coverHoundSandboxOptionsFromEnv({
      SANDBOX_COVERHOUND_OUTAGE: 'true',
      SANDBOX_COVERHOUND_LATENCY_MS: '250',
      SANDBOX_COVERHOUND_DELAY_SCALE: '0.1',
    });
    expect(options.faults?.settings).toEqual({ ...NO_FAULTS, outage: true, latencyMs: 250 });
    expect(options.delayScale).toBe(0.1);
    expect(coverHoundSandboxOptionsFromEnv({}).delayScale).toBeUndefined();
    expect(() => coverHoundSandboxOptionsFromEnv({ SANDBOX_COVERHOUND_DELAY_SCALE: 'fast' })).toThrow(/SANDBOX_COVERHOUND_DELAY_SCALE/);
  });
});
