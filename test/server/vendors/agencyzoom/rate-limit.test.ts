/**
 * AgencyZoom's own limit: 30 calls a minute per account by day, 60 from 10PM
 * to 4AM Central; 429 with Retry-After beyond it, which the client surfaces as
 * VendorError rate_limited with retryAfterSeconds, without retrying.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCentralNight } from '../../../../server/vendors/agencyzoom/vendor.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { get, manualClock, post, type Sandbox, startSandbox } from './harness.ts';

/** 13:00 in Chicago (CDT, UTC−5). */
const DAYTIME = '2026-03-10T18:00:00Z';
/** 23:30 in Chicago. */
const NIGHT = '2026-03-11T04:30:00Z';

/** Calls GET /v1/api/carriers until one is refused; returns how many got through and the refusal. */
async function spend(url: string, token: string, max: number) {
  for (let ok = 0; ok < max; ok++) {
    const res = await get(url, '/v1/api/carriers', token);
    if (res.status !== 200) return { ok, refused: res };
  }
  return { ok: max, refused: undefined };
}

describe('the documented default: 30 calls a minute per account', () => {
  const clock = manualClock(DAYTIME);
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now });
  });
  afterAll(() => sandbox.close());

  it('the login and 29 more calls pass; the 31st is 429 with Retry-After; a minute later calls pass again', async () => {
    const token = await sandbox.login(); // call 1
    const { ok, refused } = await spend(sandbox.url, token, 40);
    expect(ok).toBe(29);
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('Retry-After')).toBe('60');
    expect(refused?.body).toEqual({ message: 'Rate limit exceeded: try again in 60 s', id: 0, result: false });

    clock.advance(45_000);
    const still = await get(sandbox.url, '/v1/api/carriers', token);
    expect(still.status).toBe(429);
    expect(still.headers.get('Retry-After')).toBe('15');

    clock.advance(15_000);
    expect((await get(sandbox.url, '/v1/api/carriers', token)).status).toBe(200);
  });
});

describe('60 calls a minute from 10PM to 4AM Central', () => {
  it('knows Central night, daylight saving included', () => {
    expect(isCentralNight(new Date('2026-01-15T04:30:00Z'))).toBe(true); // 22:30 CST
    expect(isCentralNight(new Date('2026-01-15T03:30:00Z'))).toBe(false); // 21:30 CST
    expect(isCentralNight(new Date('2026-07-15T03:30:00Z'))).toBe(true); // 22:30 CDT
    expect(isCentralNight(new Date('2026-07-15T09:30:00Z'))).toBe(false); // 04:30 CDT
  });

  it('lets 60 calls through at night', async () => {
    const clock = manualClock(NIGHT);
    const sandbox = await startSandbox({ now: clock.now });
    try {
      const token = await sandbox.login();
      const { ok, refused } = await spend(sandbox.url, token, 70);
      expect(ok).toBe(59);
      expect(refused?.status).toBe(429);
    } finally {
      await sandbox.close();
    }
  });
});

describe('limit and window are sandbox options', () => {
  it('counts per account, and a short window lets calls through again soon', async () => {
    const sandbox = await startSandbox({
      rateLimit: { perMinute: 3, windowMs: 300 },
      accounts: [
        { username: 'agent@pleasantville.example', password: 'sandbox-password' },
        { username: 'riley@pleasantville.example', password: 'other-password' },
      ],
    });
    try {
      const token = await sandbox.login();
      const { ok, refused } = await spend(sandbox.url, token, 5);
      expect(ok).toBe(2);
      expect(refused?.headers.get('Retry-After')).toBe('1');

      const other = await post(sandbox.url, '/v1/api/auth/login', { username: 'riley@pleasantville.example', password: 'other-password' });
      expect(other.status).toBe(200);
      expect((await get(sandbox.url, '/v1/api/carriers', other.body.jwt)).status).toBe(200);

      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await get(sandbox.url, '/v1/api/carriers', token)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the client and the rate limit', () => {
  const clock = manualClock(DAYTIME);
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, rateLimit: { perMinute: 3 } });
  });
  afterAll(() => sandbox.close());

  it('surfaces 429 as rate_limited with retryAfterSeconds, and sends a lead only once', async () => {
    const client = sandbox.client({}, { now: clock.nowMs });
    await client.carriers(); // login + 1
    clock.advance(20_000);
    await client.productLines(); // 3: the budget is spent
    const sent = () => sandbox.requests.filter((r) => r === 'POST /v1/api/leads/create').length;

    const lead = {
      firstname: 'Ann',
      email: 'ann@example.com',
      pipelineId: 1,
      stageId: 11,
      leadSourceId: 101,
      assignTo: 201,
      country: 'US',
    };
    const error = (await client.createLead(lead).catch((e: unknown) => e)) as VendorError;
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('rate_limited');
    // The first two calls leave the window 60 s after they were made, 40 s from now.
    expect(error.details).toEqual({ status: 429, retryAfterSeconds: 40 });
    expect(sent()).toBe(1);

    const lookup = (await client.employees().catch((e: unknown) => e)) as VendorError;
    expect(lookup).toMatchObject({ kind: 'rate_limited', details: { retryAfterSeconds: 40 } });
    expect(sandbox.requests.filter((r) => r === 'GET /v1/api/employees')).toHaveLength(1);

    clock.advance(40_000);
    await expect(client.createLead(lead)).resolves.toEqual({ leadId: expect.any(Number) });
  });
});
