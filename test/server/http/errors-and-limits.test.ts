/** What every client gets when it sends something wrong: the one error body, the right status, never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const post = (path: string, init: RequestInit) => call(`${server.url}${path}`, { method: 'POST', ...init });

describe('errors', () => {
  it('answers an unknown route with 404 and the error body', async () => {
    const res = await call(`${server.url}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No route for GET /v1/nothing-here' } });
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await post('/v1/sessions', {
      headers: { ...secretKeyHeaders(), 'Content-Type': 'application/json' },
      body: '{"prefill": ',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
  });

  it('refuses a body that is not JSON instead of reading it as empty', async () => {
    const res = await post('/v1/sessions', {
      headers: { ...secretKeyHeaders(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'externalRef=deal-1',
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('answers a body over 256 KB with 413', async () => {
    const big = JSON.stringify({ externalRef: 'x'.repeat(300 * 1024) });
    const res = await post('/v1/sessions', { headers: { ...secretKeyHeaders(), 'Content-Type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('reports a wrong type by field path, never a 500', async () => {
    const res = await post('/v1/sessions', {
      headers: { ...secretKeyHeaders(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ prefill: 'yes', products: 'quote', origin: 'https://dealer.example/path' }),
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['origin', 'prefill', 'products']);
  });

  it('answers a JSON array or null body as a validation error', async () => {
    for (const body of ['[]', 'null', '42']) {
      const res = await post('/v1/sessions/public', { headers: { 'Content-Type': 'application/json', Origin: TEST_ORIGIN }, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('sets security headers on every answer, errors included', async () => {
    for (const path of ['/v1/nothing-here', '/healthz', '/.well-known/jwks.json']) {
      const res = await call(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
    // Tokens and shopper data must never sit in a cache; the public keys may.
    const created = await post('/v1/sessions', { headers: { ...secretKeyHeaders(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect((await call(`${server.url}/.well-known/jwks.json`)).headers.get('cache-control')).toBe('public, max-age=300');
  });
});

describe('CORS', () => {
  it('lets an allow-listed origin call the API from a browser and refuses others', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/v1/session`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
    const allowed = await preflight(TEST_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).not.toContain('x-secret-key');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limits on session creation', () => {
  it('answers 429 with Retry-After and the error body once a dealer exceeds its budget', async () => {
    const limited = await startTestServer({ env: { COVERKIT_SESSION_RATE_PER_CLIENT: '3' } });
    try {
      const create = (dealer: { clientId: string; secretKey: string } = TEST_DEALERS.acme) =>
        call(`${limited.url}/v1/sessions`, { method: 'POST', headers: secretKeyHeaders(dealer), json: {} });
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await create());
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 429, 429]);
      expect(results[4]!.body.error.code).toBe('rate_limited');
      expect(Number(results[4]!.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another dealer has its own budget.
      expect((await create(TEST_DEALERS.other)).status).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it("does not cap a dealer backend's sessions per address, only its refused attempts", async () => {
    const tight = await startTestServer({ env: { COVERKIT_REFUSED_KEYS_PER_IP: '2' } });
    try {
      const create = (headers: Record<string, string>) => call(`${tight.url}/v1/sessions`, { method: 'POST', headers, json: {} });
      for (let i = 0; i < 4; i++) expect((await create(secretKeyHeaders())).status).toBe(201);
      const wrong = { 'X-Client-Id': TEST_DEALERS.acme.clientId, 'X-Secret-Key': 'sk_guess' };
      expect([(await create(wrong)).status, (await create(wrong)).status, (await create(wrong)).status]).toEqual([401, 401, 429]);
    } finally {
      await tight.close();
    }
  });

  it('gives each address one budget across the shopper endpoints, whatever session it uses', async () => {
    const tight = await startTestServer({ env: { COVERKIT_WIDGET_RATE_PER_IP: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        // A fresh session each time: per-session limits alone would never trip.
        const token = (await call(`${tight.url}/v1/sessions`, { method: 'POST', headers: secretKeyHeaders(), json: {} })).body.sessionToken;
        statuses.push(
          (await call(`${tight.url}/v1/lookups/vehicles/years?state=TX`, { headers: { Authorization: `Bearer ${token}` } })).status,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await tight.close();
    }
  });

  it('counts an IPv6 address by its /64 on the shopper endpoints', async () => {
    const tight = await startTestServer({ env: { COVERKIT_WIDGET_RATE_PER_IP: '2', COVERKIT_TRUST_PROXY: 'true' } });
    try {
      const { sessionToken } = await createSession(tight.url);
      const years = (address: string) =>
        call(`${tight.url}/v1/lookups/vehicles/years?state=TX`, {
          headers: { Authorization: `Bearer ${sessionToken}`, 'X-Forwarded-For': address },
        });
      // Three addresses of one /64 (one subscriber's) share its budget; the next /64 has its own.
      const statuses = [];
      for (const address of ['2001:db8:7:1::1', '2001:db8:7:1::2', '2001:db8:7:1:ffff::9']) statuses.push((await years(address)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await years('2001:db8:7:2::1')).status).toBe(200);
    } finally {
      await tight.close();
    }
  });

  it('limits each client IP as well', async () => {
    const tight = await startTestServer({ env: { COVERKIT_SESSION_RATE_PER_IP: '2' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await call(`${tight.url}/v1/sessions/public`, {
          method: 'POST',
          headers: { Origin: TEST_ORIGIN },
          json: { clientId: TEST_DEALERS.acme.clientId },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([201, 201, 429]);
    } finally {
      await tight.close();
    }
  });
});
