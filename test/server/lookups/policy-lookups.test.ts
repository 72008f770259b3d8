/**
 * POST /v1/policy-lookups through HTTP against the PACE sandbox's records:
 * found only with the right date of birth, and "wrong date of birth" is
 * indistinguishable from "no such record".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, call, createSession, type JsonResponse } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

/** The PACE sandbox's seed household (server/vendors/pace/README.md, Records). */
const VADER = { email: 'info@perimetersoftwaresolutions.com', dateOfBirth: '1996-03-05' };
const RIVERA = { email: 'sam.rivera@example.com', dateOfBirth: '1988-04-12', spouseDateOfBirth: '1986-09-30' };

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
// A session per test: each session may make only 10 lookups a minute.
beforeEach(async () => {
  token = (await createSession(server.url)).sessionToken;
});

const lookup = (json: unknown, sessionToken = token) =>
  call(`${server.url}/v1/policy-lookups`, { method: 'POST', headers: bearer(sessionToken), json });

async function timed(json: unknown, sessionToken?: string): Promise<JsonResponse & { ms: number }> {
  const started = performance.now();
  const res = await lookup(json, sessionToken);
  return { ...res, ms: performance.now() - started };
}

const newToken = async (body: Record<string, unknown> = {}) => (await createSession(server.url, body)).sessionToken;

describe('found with the right date of birth', () => {
  it('finds quote QPSSGA00001 by its number', async () => {
    const res = await lookup({ policyNumber: 'QPSSGA00001', dateOfBirth: VADER.dateOfBirth });
    expect(res.status).toBe(200);
    expect(res.body.policies).toHaveLength(1);
    const [quote] = res.body.policies;
    expect(quote).toMatchObject({
      policyNumber: 'QPSSGA00001',
      type: 'auto',
      issuer: 'Pleasantville Mutual',
      holder: { firstName: 'DARTH', lastName: 'VADER', dateOfBirth: '1996-03-05' },
      drivers: [{ firstName: 'DARTH', lastName: 'VADER', dateOfBirth: '1996-03-05', relationship: 'self' }],
      vehicles: [{ year: 1966, make: 'Ford', model: 'Mustang' }],
    });
    expect(quote.coverages.map((c: { type: string }) => c.type)).toEqual(
      expect.arrayContaining(['bodily_injury', 'property_damage', 'comprehensive', 'collision']),
    );
  });

  it('takes the number in lower case and with spaces around it', async () => {
    const res = await lookup({ policyNumber: ' qpssga00001 ', dateOfBirth: VADER.dateOfBirth });
    expect(res.status).toBe(200);
    expect(res.body.policies[0].policyNumber).toBe('QPSSGA00001');
  });

  it('finds every quote and policy of an email', async () => {
    const res = await lookup(VADER);
    expect(res.status).toBe(200);
    expect(res.body.policies.map((p: { policyNumber: string }) => p.policyNumber).sort()).toEqual([
      'PSSGA01118',
      'QPSSGA00001',
      'QPSSGA00002',
    ]);
  });

  it('accepts the date of birth of any driver on the record, not only the insured', async () => {
    const insured = await lookup({ email: RIVERA.email, dateOfBirth: RIVERA.dateOfBirth });
    const spouse = await lookup({ email: RIVERA.email, dateOfBirth: RIVERA.spouseDateOfBirth });
    expect(insured.status).toBe(200);
    expect(spouse.status).toBe(200);
    expect(spouse.body).toEqual(insured.body);
    expect(spouse.body.policies.map((p: { policyNumber: string }) => p.policyNumber).sort()).toEqual([
      'TFTX140000101-00',
      'TQPSSTX0000101',
    ]);
  });
});

describe('not found', () => {
  it('answers a wrong date of birth, an unknown number and an unknown email identically, in comparable time', async () => {
    const answers = {
      wrongBirthByNumber: await timed({ policyNumber: 'QPSSGA00001', dateOfBirth: '1996-03-06' }),
      wrongBirthByEmail: await timed({ email: VADER.email, dateOfBirth: '1970-01-01' }),
      unknownNumber: await timed({ policyNumber: 'QPSSGA99999', dateOfBirth: VADER.dateOfBirth }),
      unknownEmail: await timed({ email: 'nobody@example.com', dateOfBirth: VADER.dateOfBirth }),
    };
    for (const [name, res] of Object.entries(answers)) {
      expect(res.status, name).toBe(404);
      expect(res.body, name).toEqual({ error: { code: 'not_found', message: 'No quote or policy matches these details' } });
      expect(res.headers.get('content-type'), name).toBe(answers.unknownNumber.headers.get('content-type'));
      // Every 404 is held to the same target (at least 250 ms), whatever work it took.
      expect(res.ms, name).toBeGreaterThanOrEqual(240);
    }
    const times = Object.values(answers).map((a) => a.ms);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(150);
  });
});

describe('what a lookup must say', () => {
  it('needs exactly one of policy number and email, and a past date of birth', async () => {
    const both = await lookup({ policyNumber: 'QPSSGA00001', email: VADER.email, dateOfBirth: VADER.dateOfBirth });
    expect(both.status).toBe(400);
    expect(both.body.error.fields.policyNumber).toEqual(['Give either a policy number or an email, not both']);

    const neither = await lookup({ dateOfBirth: VADER.dateOfBirth });
    expect(neither.status).toBe(400);
    expect(Object.keys(neither.body.error.fields)).toEqual(['policyNumber']);

    const badDate = await lookup({ policyNumber: 'QPSSGA00001', dateOfBirth: '05/03/1996' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.fields.dateOfBirth).toEqual(['Date of birth must be a date like 1986-12-26']);

    const future = await lookup({ email: 'x@example.com', dateOfBirth: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.fields.dateOfBirth).toEqual(['Date of birth cannot be in the future']);

    const badEmail = await lookup({ email: 'not-an-email', dateOfBirth: VADER.dateOfBirth });
    expect(badEmail.status).toBe(400);
    expect(Object.keys(badEmail.body.error.fields)).toEqual(['email']);
  });

  it('needs a session token whose session includes the lookup journey', async () => {
    const anonymous = await call(`${server.url}/v1/policy-lookups`, {
      method: 'POST',
      json: { policyNumber: 'QPSSGA00001', dateOfBirth: VADER.dateOfBirth },
    });
    expect(anonymous.status).toBe(401);
    const quoteOnly = await lookup(
      { policyNumber: 'QPSSGA00001', dateOfBirth: VADER.dateOfBirth },
      await newToken({ products: ['quote'] }),
    );
    expect(quoteOnly.status).toBe(403);
    expect(quoteOnly.body.error.message).toMatch(/lookup journey/);
  });
});

describe('bounded guessing', () => {
  it('allows one session 10 lookups a minute', async () => {
    const session = await newToken();
    const first = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        lookup({ policyNumber: `TQLIMIT${String(i).padStart(6, '0')}`, dateOfBirth: '1990-01-01' }, session),
      ),
    );
    expect(first.map((r) => r.status)).toEqual(Array(10).fill(404));
    const eleventh = await lookup({ policyNumber: 'TQLIMIT000010', dateOfBirth: '1990-01-01' }, session);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error).toEqual({ code: 'rate_limited', message: 'Too many lookups from this session; try again in a minute' });
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another session is not held back by it.
    expect((await lookup({ policyNumber: 'TQLIMIT000010', dateOfBirth: '1990-01-01' }, await newToken())).status).toBe(404);
  });

  it('allows 10 lookups of one policy number or email per 15 minutes, across sessions', async () => {
    const sessions = await Promise.all([newToken(), newToken(), newToken()]);
    const guesses = Array.from({ length: 10 }, (_, i) =>
      lookup({ email: 'Target@Example.com', dateOfBirth: `1990-01-${String(i + 1).padStart(2, '0')}` }, sessions[i % 2]),
    );
    expect((await Promise.all(guesses)).map((r) => r.status)).toEqual(Array(10).fill(404));
    // The same address in other capitals is the same target.
    const next = await lookup({ email: 'target@example.com', dateOfBirth: '1990-01-11' }, sessions[2]);
    expect(next.status).toBe(429);
    expect(next.body.error.message).toBe('Too many lookups for these details; try again later');
    expect((await lookup({ email: 'someone.else@example.com', dateOfBirth: '1990-01-11' }, sessions[2])).status).toBe(404);
  });
});

describe('PACE failing', () => {
  it('answers 502 vendor_failed in plain words during an outage', async () => {
    const faults = (patch: Record<string, unknown>) => call(`${server.url}/sandbox/pace/_faults`, { method: 'PUT', json: patch });
    await faults({ outage: true });
    try {
      const res = await lookup({ policyNumber: 'QPSSGA00002', dateOfBirth: VADER.dateOfBirth });
      expect(res.status).toBe(502);
      expect(res.body.error).toEqual({
        code: 'vendor_failed',
        message: "The insurer's system cannot answer right now; please try again shortly",
      });
    } finally {
      await faults({ outage: false });
    }
    expect((await lookup({ policyNumber: 'QPSSGA00002', dateOfBirth: VADER.dateOfBirth })).status).toBe(200);
  });
});
