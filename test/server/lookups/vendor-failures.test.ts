/**
 * The lookups' cache and what a shopper sees when PACE fails, driven through
 * the PACE sandbox's fault knobs (`PUT /sandbox/pace/_faults`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const PACE_TIMEOUT_MS = 500;

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ env: { PACE_TIMEOUT_MS: String(PACE_TIMEOUT_MS) } });
  token = (await createSession(server.url)).sessionToken;
});
afterAll(() => server?.close());

const get = (path: string) => call(`${server.url}${path}`, { headers: bearer(token) });
const faults = (patch: Record<string, unknown>) => call(`${server.url}/sandbox/pace/_faults`, { method: 'PUT', json: patch });
afterEach(async () => {
  await faults({ outage: false, latencyMs: 0, rateLimitPerMinute: 0, errorRate: 0 });
});

/** Calls the PACE sandbox has answered, read from the request log (the sandbox is served by the same process). */
const paceCallsSoFar = () => server.logs.lines.filter((l) => l.includes('"route":"/sandbox/pace/api/')).length;
const paceCallsSince = (mark: number) => paceCallsSoFar() - mark;

/** Nothing of PACE's own answer or our key to it reaches the browser. */
function expectPlainFailure(body: unknown) {
  const text = JSON.stringify(body);
  for (const leak of ['sandbox-pace-key', 'exception', 'An unexpected error occurred', 'PACE', '/api/v1']) expect(text).not.toContain(leak);
}

describe('lookup cache', () => {
  it('answers a cached question during a PACE outage, while an uncached one fails with 502', async () => {
    const first = await get('/v1/lookups/vehicles/makes?state=TX&year=2020');
    expect(first.status).toBe(200);
    const vin = await get('/v1/lookups/vin/2T3RWRFV3KW021971?state=OH');
    expect(vin.status).toBe(200);
    const coverages = await get('/v1/lookups/coverages?state=OH&effectiveDate=2026-12-01');
    expect(coverages.status).toBe(200);

    expect((await faults({ outage: true })).status).toBe(200);

    const cached = await get('/v1/lookups/vehicles/makes?state=TX&year=2020');
    expect(cached.status).toBe(200);
    expect(cached.body).toEqual(first.body);
    expect((await get('/v1/lookups/vin/2T3RWRFV3KW021971?state=OH')).body).toEqual(vin.body);
    expect((await get('/v1/lookups/coverages?state=OH&effectiveDate=2026-12-01')).body).toEqual(coverages.body);

    for (const path of [
      '/v1/lookups/vehicles/makes?state=TX&year=2021',
      '/v1/lookups/vin/2T3RWRFV3KW021971?state=TX',
      '/v1/lookups/coverages?state=OH&effectiveDate=2026-12-02',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(502);
      expect(res.body.error).toEqual({
        code: 'vendor_failed',
        message: "The insurer's system cannot answer right now; please try again shortly",
      });
      expectPlainFailure(res.body);
    }
    // Operators see what failed, without the vendor's words.
    expect(server.logs.text).toMatch(/"kind":"unavailable","vendorStatus":500,"status":502,"msg":"vendor call failed"/);
  });

  it('does not keep a failure: the same question succeeds once PACE is back', async () => {
    await faults({ outage: true });
    expect((await get('/v1/lookups/vehicles/makes?state=TX&year=2016')).status).toBe(502);
    await faults({ outage: false });
    const res = await get('/v1/lookups/vehicles/makes?state=TX&year=2016');
    expect(res.status).toBe(200);
    expect(res.body.items).toContain('Toyota');
  });

  it('shares one PACE call between identical questions asked at once, and makes none for a cached one', async () => {
    // Latency widens the window in which the five questions overlap.
    await faults({ latencyMs: 150 });
    const path = '/v1/lookups/vehicles/models?state=TX&year=2020&make=Honda';
    const mark = paceCallsSoFar();
    const answers = await Promise.all(Array.from({ length: 5 }, () => get(path)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0]?.body.items).toContain('Civic');
    expect(paceCallsSince(mark)).toBe(1);

    expect((await get(path)).status).toBe(200);
    expect(paceCallsSince(mark)).toBe(1);
  });

  it('passes PACE refusing for too many calls on as a vendor failure with its Retry-After', async () => {
    await faults({ rateLimitPerMinute: 1 });
    expect((await get('/v1/lookups/vehicles/models?state=TX&year=2020&make=Kia')).status).toBe(200);
    const refused = await get('/v1/lookups/vehicles/models?state=TX&year=2020&make=Ford');
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('vendor_failed');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expectPlainFailure(refused.body);
  });

  it('keys the cache by the normalised query: spacing and case of the VIN do not make new PACE calls', async () => {
    expect((await get('/v1/lookups/vehicles/bodystyles?state=TX&year=2020&make=Toyota&model=RAV4')).status).toBe(200);
    expect((await get('/v1/lookups/vin/JTMRWRFV5LD000001?state=TX')).status).toBe(200);
    await faults({ outage: true });
    const spaced = await get('/v1/lookups/vehicles/bodystyles?state=TX&year=02020&make=%20Toyota%20&model=RAV4%20');
    expect(spaced.status).toBe(200);
    expect(spaced.body.items).toEqual(['4-cylinder | 2WD', '4-cylinder | AWD']);
    expect((await get('/v1/lookups/vin/jtmrwrfv5ld000001?state=TX')).status).toBe(200);
  });

  it('answers questions again from PACE, not the cache, when they differ', async () => {
    const mark = paceCallsSoFar();
    expect((await get('/v1/lookups/vehicles/years?state=AZ')).status).toBe(200);
    expect((await get('/v1/lookups/vehicles/years?state=AZ')).status).toBe(200);
    expect((await get('/v1/lookups/vehicles/years?state=CO')).status).toBe(200);
    expect(paceCallsSince(mark)).toBe(2);
  });
});

describe('PACE too slow', () => {
  it('answers 504 vendor_timeout after PACE_TIMEOUT_MS, while cached answers stay fast', async () => {
    expect((await get('/v1/lookups/vehicles/years?state=GA')).status).toBe(200);
    await faults({ latencyMs: PACE_TIMEOUT_MS * 4 });

    const started = performance.now();
    const slow = await get('/v1/lookups/vehicles/makes?state=GA&year=2018');
    const elapsed = performance.now() - started;
    expect(slow.status).toBe(504);
    expect(slow.body.error).toEqual({ code: 'vendor_timeout', message: "The insurer's system did not answer in time; please try again" });
    // One attempt, not retried: a timeout is not worth repeating for a pick-list.
    expect(elapsed).toBeGreaterThanOrEqual(PACE_TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(PACE_TIMEOUT_MS * 3);

    const fastStart = performance.now();
    const cached = await get('/v1/lookups/vehicles/years?state=GA');
    expect(cached.status).toBe(200);
    expect(performance.now() - fastStart).toBeLessThan(PACE_TIMEOUT_MS);
  });
});
