import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { OTHER_ORIGIN, startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

afterAll(dropTestSchemas);

describe.each(testDatabases())('sessions on $name', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: database.options() });
  });
  afterAll(() => server?.close());

  it('a dealer backend creates a session with pre-fill and the widget reads it back', async () => {
    const prefill = { contact: { email: 'jane@example.com' }, drivers: [{ firstName: 'Jane', dateOfBirth: '1986-12-26' }] };
    const created = await createSession(server.url, { prefill, origin: TEST_ORIGIN, externalRef: 'deal-42', products: ['quote'] });
    expect(created.sessionId).toMatch(/^ses_/);
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(Date.parse(created.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const res = await call(`${server.url}/v1/session`, { headers: bearer(created.sessionToken, TEST_ORIGIN) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sessionId: created.sessionId,
      dealer: { name: 'Acme Motors' },
      insurers: expect.arrayContaining([{ id: 'geico', name: 'GEICO' }]),
      products: ['quote'],
      prefill,
      externalRef: 'deal-42',
      expiresAt: created.sessionExpiresAt,
    });
  });

  it('tells the widget which insurers the policy journey offers, each by its Trellis issuer id and its name', async () => {
    const created = await createSession(server.url, { origin: TEST_ORIGIN, products: ['connect'] });
    const res = await call(`${server.url}/v1/session`, { headers: bearer(created.sessionToken, TEST_ORIGIN) });
    expect(res.body.insurers).toEqual([
      { id: 'geico', name: 'GEICO' },
      { id: 'progressive', name: 'Progressive' },
      { id: 'statefarm', name: 'State Farm' },
      { id: 'allstate', name: 'Allstate' },
      { id: 'libertymutual', name: 'Liberty Mutual' },
      { id: 'farmers', name: 'Farmers' },
      { id: 'nationwide', name: 'Nationwide' },
      { id: 'usaa', name: 'USAA' },
    ]);
    // Each one is an insurer the sandbox signs in to (a session each: connections are rate-limited per session).
    for (const { id } of res.body.insurers) {
      const shopper = await createSession(server.url, { origin: TEST_ORIGIN, products: ['connect'] });
      const connected = await call(`${server.url}/v1/connections`, {
        method: 'POST',
        headers: bearer(shopper.sessionToken, TEST_ORIGIN),
        json: { issuerId: id, username: 'user_good', password: 'pass_good' },
      });
      expect(connected.status, id).toBe(201);
    }
  });

  it('refuses a wrong or missing secret key with 401 and the error body', async () => {
    const wrong = await call(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'X-Client-Id': TEST_DEALERS.acme.clientId, 'X-Secret-Key': 'sk_wrong' },
      json: {},
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    const missing = await call(`${server.url}/v1/sessions`, { method: 'POST', json: {} });
    expect(missing.status).toBe(401);
    const unknown = await call(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'X-Client-Id': 'nobody', 'X-Secret-Key': TEST_DEALERS.acme.secretKey },
      json: {},
    });
    expect(unknown.status).toBe(401);
  });

  it('reports each invalid pre-fill field by its path', async () => {
    const res = await call(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: secretKeyHeaders(),
      json: { prefill: { drivers: [{ dateOfBirth: '26/12/1986' }], contact: { phone: '555-1234' } }, products: ['travel'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toMatchObject({
      'prefill.drivers.0.dateOfBirth': ['Date of birth must be a date like 1986-12-26'],
      'prefill.contact.phone': ['Phone must be a number like +15551230000'],
      'products.0': [expect.stringContaining('Product must be one of')],
    });
  });

  it('refuses to bind a session to an origin the dealer has not allowed', async () => {
    const res = await call(`${server.url}/v1/sessions`, { method: 'POST', headers: secretKeyHeaders(), json: { origin: OTHER_ORIGIN } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('lets the widget start a public session only from an allow-listed origin', async () => {
    const ok = await call(`${server.url}/v1/sessions/public`, {
      method: 'POST',
      headers: { Origin: TEST_ORIGIN },
      json: { clientId: TEST_DEALERS.acme.clientId },
    });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    const info = await call(`${server.url}/v1/session`, { headers: bearer(ok.body.sessionToken, TEST_ORIGIN) });
    expect(info.body.prefill).toEqual({});

    const foreign = await call(`${server.url}/v1/sessions/public`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      json: { clientId: TEST_DEALERS.acme.clientId },
    });
    expect(foreign.status).toBe(403);
    // The page's developer can read why (CORS lets any page read this answer), and is told how to fix it.
    expect(foreign.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(foreign.body.error).toEqual({
      code: 'origin_not_allowed',
      message: expect.stringContaining(
        `The page origin https://evil.example is not on the allow-list of clientId ${TEST_DEALERS.acme.clientId}`,
      ),
    });
    const preflight = await call(`${server.url}/v1/sessions/public`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    // Only there: every other route keeps CORS to the dealers' origins.
    const elsewhere = await call(`${server.url}/v1/session`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    // An unknown clientId gets the same answer: no dealer list is given away.
    const unknown = await call(`${server.url}/v1/sessions/public`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      json: { clientId: 'no-such-dealer' },
    });
    expect(unknown.status).toBe(403);
    expect(unknown.body.error.code).toBe('origin_not_allowed');
    const noOrigin = await call(`${server.url}/v1/sessions/public`, { method: 'POST', json: { clientId: TEST_DEALERS.acme.clientId } });
    expect(noOrigin.status).toBe(403);
    // Another dealer's origin cannot start sessions for this dealer either.
    const crossDealer = await call(`${server.url}/v1/sessions/public`, {
      method: 'POST',
      headers: { Origin: OTHER_ORIGIN },
      json: { clientId: TEST_DEALERS.acme.clientId },
    });
    expect(crossDealer.status).toBe(403);
  });

  it('takes a pre-fill in the AutoComplete Person shape dealer systems export, and says what had no place', async () => {
    const res = await call(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: secretKeyHeaders(),
      json: {
        prefillPerson: {
          first_name: 'Jon',
          last_name: 'Snow',
          date_of_birth: '1986-12-26',
          gender: 'Male',
          marital_status: 'married',
          phone_numbers: [{ number: '+15551230000', type: 'mobile', sms_consent: true }],
          emails: [{ email: 'jon.snow@nightswatch.com', preferred: true }],
          dms_notes: 'prefers email',
        },
        prefill: { contact: { email: 'override@example.com' } },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.prefillUnmapped).toContain('dms_notes');
    const info = await call(`${server.url}/v1/session`, { headers: bearer(res.body.sessionToken) });
    expect(info.body.prefill.drivers[0]).toMatchObject({
      firstName: 'Jon',
      lastName: 'Snow',
      dateOfBirth: '1986-12-26',
      gender: 'male',
      maritalStatus: 'married',
    });
    // The canonical pre-fill wins where both speak.
    expect(info.body.prefill.contact).toEqual({ email: 'override@example.com' });
  });

  it('reports a malformed Person pre-fill by its field path', async () => {
    const res = await call(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: secretKeyHeaders(),
      json: { prefillPerson: { first_name: 'Jon', gender: 'robot' } },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toContain('prefillPerson.gender');
  });

  it('persists sessions in the database, so another process reading it finds them', async () => {
    const created = await createSession(server.url, { externalRef: 'ref-1' });
    const rows = await server.runtime.db.query<{ client_id: string; external_ref: string }>(
      'SELECT client_id, external_ref FROM sessions WHERE id = $1',
      [created.sessionId],
    );
    expect(rows).toEqual([{ client_id: 'acme-motors', external_ref: 'ref-1' }]);
  });
});
