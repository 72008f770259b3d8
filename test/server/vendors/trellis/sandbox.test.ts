/**
 * The sandbox through raw HTTP, the way a dealer developer meets it with curl:
 * the seed's example request, the personas, each documented answer and error
 * body, both auth schemes, and connections that outlive the process that made them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, connect, getPolicies, login, type Sandbox, SECRET_HEADERS, START, seedExample, startSandbox } from './harness.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
afterEach(() => {
  sandbox.clock.now = START;
});

/** The seed's curl example, with the sandbox credentials in place of API_KEY. */
const CURL_EXAMPLE_HEADERS = { Accept: 'application/json', 'X-API-USE-CASE': 'FUTURE_POLICY', ...SECRET_HEADERS };

const GEICO = { issuerId: 'geico', issuerName: 'GEICO' };

/**
 * The seed's 200 example policy, adapted as the sandbox documents: lifecycle
 * dates moved forward by whole months (February 2019 → November 2026 is 93
 * months, the month of START) and the contradictory canceledDate left out.
 */
function adaptedSeedPolicy(index: 0 | 1) {
  const { canceledDate: _, ...policy } = seedExample('response-200-ready').policies[index];
  return {
    ...policy,
    issueDate: '2026-10-01',
    renewalDate: '2027-04-01',
    effectiveDate: '2026-10-01',
    expirationDate: '2027-04-01',
    dateRetrieved: '2026-11-01',
    documents: [{ ...policy.documents[0], urlExpiration: '2028-06-24' }],
    ...(policy.incidents ? { incidents: [{ ...policy.incidents[0], date: '2026-10-01' }] } : {}),
  };
}

describe("the seed's example request", () => {
  it('is answered 202 NOT_READY while retrieving, then 200 READY, as documented', async () => {
    const { connectionId } = await connect(sandbox.baseUrl);

    const first = await getPolicies(sandbox.baseUrl, connectionId, CURL_EXAMPLE_HEADERS);
    expect(first.status).toBe(202);
    expect(first.contentType).toMatch(/application\/json/);
    expect(first.body).toEqual(seedExample('response-202-not-ready'));

    sandbox.clock.advance(1_999);
    expect((await getPolicies(sandbox.baseUrl, connectionId, CURL_EXAMPLE_HEADERS)).status).toBe(202);

    sandbox.clock.advance(1);
    const ready = await getPolicies(sandbox.baseUrl, connectionId, CURL_EXAMPLE_HEADERS);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'READY', ...GEICO });
    expect(ready.body.policies.map((p: any) => p.policyType)).toEqual(['PERSONAL_AUTO', 'HOMEOWNERS', 'PERSONAL_AUTO']);
  });

  it('without its auth headers (the seed\'s raw HTTP example) is refused with 401 "Unauthorized."', async () => {
    const { connectionId } = await connect(sandbox.baseUrl);
    const res = await getPolicies(sandbox.baseUrl, connectionId, { 'X-API-USE-CASE': 'FUTURE_POLICY' });
    expect(res.status).toBe(401);
    expect(res.contentType).toMatch(/application\/json/);
    expect(res.body).toEqual(seedExample('response-401'));
  });
});

describe('user_good', () => {
  it("at GEICO holds the seed's GEICO auto policy and its homeowners policy, made current", async () => {
    const { connectionId } = await connect(sandbox.baseUrl);
    sandbox.clock.advance(2_000);
    const res = await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('READY');
    expect(res.body.policies).toEqual([adaptedSeedPolicy(0), adaptedSeedPolicy(1)]);
    const [auto] = res.body.policies;
    expect(auto.active).toBe(true);
    expect(auto.effectiveDate <= '2026-11-22' && '2026-11-22' < auto.expirationDate).toBe(true);
  });

  it('adds the next auto term only for X-API-USE-CASE: FUTURE_POLICY', async () => {
    const { connectionId } = await connect(sandbox.baseUrl);
    sandbox.clock.advance(2_000);
    const plain = await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS);
    const future = await getPolicies(sandbox.baseUrl, connectionId, { ...SECRET_HEADERS, 'X-API-USE-CASE': 'FUTURE_POLICY' });
    expect(plain.body.policies).toHaveLength(2);
    expect(future.body.policies).toHaveLength(3);
    expect(future.body.policies.slice(0, 2)).toEqual(plain.body.policies);
    expect(future.body.policies[2]).toMatchObject({
      id: 'd290f1ee-6c54-4b01-90e6-d701748f0853',
      policyType: 'PERSONAL_AUTO',
      effectiveDate: '2027-04-01',
      expirationDate: '2027-10-01',
      active: false,
    });
  });

  it.each(['progressive', 'statefarm', 'allstate', 'libertymutual'])(
    'at %s holds an auto and a homeowners policy of that issuer',
    async (issuerId) => {
      const { connectionId } = await connect(sandbox.baseUrl, issuerId);
      sandbox.clock.advance(2_000);
      const res = await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS);
      expect(res.status).toBe(200);
      expect(res.body.issuerId).toBe(issuerId);
      expect(res.body.issuerName).not.toBe('GEICO');
      const [auto, home] = res.body.policies;
      expect([auto.policyType, home.policyType]).toEqual(['PERSONAL_AUTO', 'HOMEOWNERS']);
      expect([auto.issuer, home.issuer]).toEqual([issuerId, issuerId]);
      expect(auto.policyNumber).not.toBe('5232-11-255-22');
      expect(auto.id).not.toBe(home.id);
      expect(auto.vehicles[0].vin).toBe('WBA2F7C55FVX55555');

      // Same issuer, same policies: ids are stable across logins.
      const again = await connect(sandbox.baseUrl, issuerId);
      sandbox.clock.advance(2_000);
      const second = await getPolicies(sandbox.baseUrl, again.connectionId, SECRET_HEADERS);
      expect(second.body.policies.map((p: any) => p.id)).toEqual([auto.id, home.id]);
    },
  );

  it('logs in whatever the case of the issuer id and username', async () => {
    const res = await login(sandbox.baseUrl, { issuerId: 'GEICO', username: 'User_Good', password: 'pass_good' });
    expect(res.status).toBe(200);
    expect(res.body.connectionId).toMatch(/^conn\.geico\.good\./);
  });
});

describe('user_slow and user_none', () => {
  it('user_slow stays NOT_READY for 15 seconds, then READY', async () => {
    const { connectionId } = await connect(sandbox.baseUrl, 'progressive', 'user_slow');
    sandbox.clock.advance(14_999);
    const waiting = await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS);
    expect(waiting.status).toBe(202);
    expect(waiting.body).toEqual({
      status: 'NOT_READY',
      issuerId: 'progressive',
      issuerName: 'Progressive',
      message: 'POLICIES NOT READY YET',
    });
    sandbox.clock.advance(1);
    const ready = await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS);
    expect(ready.status).toBe(200);
    expect(ready.body.policies).toHaveLength(2);
  });

  it("user_none finishes retrieving and answers the seed's 404 NO_POLICIES_FOUND, word for word", async () => {
    const { connectionId } = await connect(sandbox.baseUrl, 'geico', 'user_none');
    expect((await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS)).status).toBe(202);
    sandbox.clock.advance(2_000);
    const res = await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(seedExample('response-404-no-policies'));
  });
});

describe('the sandbox login (POST /account)', () => {
  it('answers { connectionId, temporaryAccessKey }, the same for the same login at the same instant', async () => {
    const body = { issuerId: 'statefarm', username: 'user_good', password: 'pass_good' };
    const first = await login(sandbox.baseUrl, body);
    const second = await login(sandbox.baseUrl, body);
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['connectionId', 'temporaryAccessKey']);
    expect(first.body.connectionId).toMatch(/^conn\.statefarm\.good\.\d+\.[\w-]+$/);
    expect(first.body.temporaryAccessKey).toMatch(/^tak\./);
    expect(second.body).toEqual(first.body);
  });

  it.each([
    ['a wrong password', { issuerId: 'geico', username: 'user_good', password: 'pass_bad' }],
    ['an unknown user', { issuerId: 'geico', username: 'someone', password: 'pass_good' }],
  ])('refuses %s with 400 and the documented UNFINISHED_LOGIN details', async (_, body) => {
    const res = await login(sandbox.baseUrl, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      ...GEICO,
      message: 'ACCOUNT_NOT_FOUND',
      error: {
        errorType: 'ACCOUNT_NOT_FOUND',
        errorCode: 'UNFINISHED_LOGIN',
        errorMessage: "User did not complete the issuer's login process.",
      },
    });
  });

  it('refuses an issuer it does not know with the documented UNSUPPORTED_ISSUER details', async () => {
    const res = await login(sandbox.baseUrl, { issuerId: 'acme-mutual', username: 'user_good', password: 'pass_good' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'ACCOUNT_NOT_FOUND',
      error: { errorType: 'ACCOUNT_NOT_FOUND', errorCode: 'UNSUPPORTED_ISSUER', errorMessage: 'Unsupported insurance issuer.' },
    });
  });

  it('refuses a body without its three fields, or not JSON, with 400', async () => {
    const missing = await login(sandbox.baseUrl, { issuerId: 'geico', username: 'user_good' } as never);
    expect(missing.status).toBe(400);
    expect(typeof missing.body).toBe('string');
    const garbled = await fetch(`${sandbox.baseUrl}/account`, { method: 'POST', headers: SECRET_HEADERS, body: '{not json' });
    expect(garbled.status).toBe(400);
  });

  it('needs the secret key: none, a wrong one or a temporary key is 401 "Unauthorized."', async () => {
    const body = { issuerId: 'geico', username: 'user_good', password: 'pass_good' };
    const { temporaryAccessKey } = await connect(sandbox.baseUrl);
    const cases: Record<string, string>[] = [
      {},
      { 'X-API-Client-Id': CLIENT_ID },
      { 'X-API-Client-Id': CLIENT_ID, 'X-API-Secret-Key': 'wrong' },
      { 'X-API-Client-Id': 'someone-else', 'X-API-Secret-Key': SECRET_HEADERS['X-API-Secret-Key'] },
      { 'X-API-Client-Id': CLIENT_ID, 'X-API-Temporary-Access-Key': temporaryAccessKey },
    ];
    for (const headers of cases) {
      const res = await login(sandbox.baseUrl, body, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.body).toBe('Unauthorized.');
    }
  });
});

describe('auth on GET /account/{connectionId}/policies', () => {
  it.each(['X-API-Temporary-Access-Key', 'X-Temporary-Access-Key'])(
    'opens its own connection with the temporary key in %s',
    async (header) => {
      const { connectionId, temporaryAccessKey } = await connect(sandbox.baseUrl);
      sandbox.clock.advance(2_000);
      const res = await getPolicies(sandbox.baseUrl, connectionId, { 'X-API-Client-Id': CLIENT_ID, [header]: temporaryAccessKey });
      expect(res.status).toBe(200);
      expect(res.body.policies).toHaveLength(2);
    },
  );

  it('refuses another connection with 403 and the documented body, even one that does not exist', async () => {
    const mine = await connect(sandbox.baseUrl);
    const theirs = await connect(sandbox.baseUrl, 'allstate');
    for (const target of [theirs.connectionId, 'conn.geico.good.1.nope']) {
      const res = await getPolicies(sandbox.baseUrl, target, {
        'X-API-Client-Id': CLIENT_ID,
        'X-API-Temporary-Access-Key': mine.temporaryAccessKey,
      });
      expect(res.status).toBe(403);
      expect(res.body).toEqual(seedExample('response-403'));
    }
  });

  it('refuses with 401 a wrong client id, a wrong secret, a forged, tampered or expired temporary key', async () => {
    const { connectionId, temporaryAccessKey } = await connect(sandbox.baseUrl);
    const [tag, encoded, issuedAt, signature] = temporaryAccessKey.split('.');
    const cases: Record<string, string>[] = [
      { 'X-API-Secret-Key': SECRET_HEADERS['X-API-Secret-Key'] },
      { 'X-API-Client-Id': 'someone-else', 'X-API-Secret-Key': SECRET_HEADERS['X-API-Secret-Key'] },
      { 'X-API-Client-Id': CLIENT_ID, 'X-API-Secret-Key': 'sandbox-secret-key-not' },
      // A wrong secret key is refused even beside a good temporary key.
      { 'X-API-Client-Id': CLIENT_ID, 'X-API-Secret-Key': 'wrong', 'X-API-Temporary-Access-Key': temporaryAccessKey },
      { 'X-API-Client-Id': 'someone-else', 'X-API-Temporary-Access-Key': temporaryAccessKey },
      { 'X-API-Client-Id': CLIENT_ID, 'X-API-Temporary-Access-Key': 'tak.Zm9v.1.bogus' },
      { 'X-API-Client-Id': CLIENT_ID, 'X-API-Temporary-Access-Key': [tag, encoded, Number(issuedAt) + 60_000, signature].join('.') },
      { 'X-API-Client-Id': CLIENT_ID, 'X-API-Temporary-Access-Key': connectionId },
    ];
    for (const headers of cases) {
      const res = await getPolicies(sandbox.baseUrl, connectionId, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.body).toBe('Unauthorized.');
    }

    sandbox.clock.advance(15 * 60_000 - 1);
    expect(
      (await getPolicies(sandbox.baseUrl, connectionId, { 'X-API-Client-Id': CLIENT_ID, 'X-API-Temporary-Access-Key': temporaryAccessKey }))
        .status,
    ).toBe(200);
    sandbox.clock.advance(1);
    const expired = await getPolicies(sandbox.baseUrl, connectionId, {
      'X-API-Client-Id': CLIENT_ID,
      'X-API-Temporary-Access-Key': temporaryAccessKey,
    });
    expect(expired.status).toBe(401);
    // The secret key still reads the connection: only the browser's key expired.
    expect((await getPolicies(sandbox.baseUrl, connectionId, SECRET_HEADERS)).status).toBe(200);
  });

  it('answers a connection id it never issued, or one edited, with 404 ACCOUNT_NOT_FOUND', async () => {
    const { connectionId } = await connect(sandbox.baseUrl, 'geico', 'user_none');
    const promoted = connectionId.replace('.none.', '.good.');
    for (const id of ['d290f1ee-6c54-4b01-90e6-d701748f0851', promoted, connectionId.replace(/\.\d+\./, '.1.')]) {
      const res = await getPolicies(sandbox.baseUrl, id, SECRET_HEADERS);
      expect(res.status, id).toBe(404);
      expect(res.body).toEqual({ status: 'READY', message: 'ACCOUNT_NOT_FOUND', error: { errorType: 'ACCOUNT_NOT_FOUND' } });
    }
  });
});

describe('connections without shared memory', () => {
  it('a connection made by one sandbox process is answered by another with the same signing secret', async () => {
    const signingSecret = 'a-deployment-wide-secret-0123456789';
    const a = await startSandbox({ signingSecret });
    const b = await startSandbox({ signingSecret });
    const other = await startSandbox({ signingSecret: 'some-other-secret-0123456789' });
    try {
      const { connectionId, temporaryAccessKey } = await connect(a.baseUrl, 'allstate');
      b.clock.advance(2_000);
      other.clock.advance(2_000);
      const res = await getPolicies(b.baseUrl, connectionId, {
        'X-API-Client-Id': CLIENT_ID,
        'X-Temporary-Access-Key': temporaryAccessKey,
      });
      expect(res.status).toBe(200);
      expect(res.body.issuerId).toBe('allstate');
      // Readiness is time since creation, not a per-process poll count: b answers 202 at a's clock.
      expect((await getPolicies(a.baseUrl, connectionId, SECRET_HEADERS)).status).toBe(202);

      expect((await getPolicies(other.baseUrl, connectionId, SECRET_HEADERS)).status).toBe(404);
      expect(
        (await getPolicies(other.baseUrl, connectionId, { 'X-API-Client-Id': CLIENT_ID, 'X-Temporary-Access-Key': temporaryAccessKey }))
          .status,
      ).toBe(401);
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });
});
