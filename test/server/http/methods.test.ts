/** HTTP methods as RFC 9110 has them: 405 with Allow on a known path, OPTIONS answered, HEAD with the GET's length. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

describe('a known path asked with a method it does not answer', () => {
  it('answers 405 with Allow and the error body, on every documented path', async () => {
    const doc = (await call(`${server.url}/openapi.json`)).body as { paths: Record<string, Record<string, unknown>> };
    const checked: string[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      const path = template.replace(/\{[^}]+\}/g, 'x');
      const documented = METHODS.filter((m) => item[m.toLowerCase()]);
      const allow = [...documented, ...(documented.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].sort();
      for (const method of METHODS.filter((m) => !documented.includes(m))) {
        const res = await call(`${server.url}${path}`, { method });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('allow')?.split(', ').sort(), `${method} ${path}`).toEqual(allow);
        expect(res.body.error.code).toBe('method_not_allowed');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['POST /v1/session', 'GET /v1/sessions', 'DELETE /v1/quote-requests/x']));
  });

  it('still answers 404 for a path nothing serves, with the security headers', async () => {
    for (const path of ['/nothing-here', '/v1/nothing-here', '/demo/no-such-file.css', '/sandbox/nobody/x']) {
      const res = await call(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('allow'), path).toBeNull();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it("answers a route's own 404 (an unknown submission, session or quote request) with the security headers too", async () => {
    const { sessionToken } = await createSession(server.url);
    const asks: [string, RequestInit][] = [
      ['/v1/submissions/sub_unknown0123456789', { headers: secretKeyHeaders() }],
      ['/v1/sessions/ses_unknown0123456789/revoke', { method: 'POST', headers: secretKeyHeaders() }],
      ['/v1/quote-requests/qr_unknown0123456789', { headers: bearer(sessionToken) }],
    ];
    for (const [path, init] of asks) {
      const res = await call(`${server.url}${path}`, init);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code, path).toBe('not_found');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(res.headers.get('strict-transport-security'), path).toContain('max-age=');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});

describe('OPTIONS', () => {
  it('answers 204 with Allow on a known path, and 404 on an unknown one', async () => {
    const session = await fetch(`${server.url}/v1/session`, { method: 'OPTIONS' });
    expect(session.status).toBe(204);
    expect(session.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const submissions = await fetch(`${server.url}/v1/submissions`, { method: 'OPTIONS' });
    expect(submissions.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await fetch(`${server.url}/healthz`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await fetch(`${server.url}/v1/nothing-here`, { method: 'OPTIONS' })).status).toBe(404);
  });

  it('keeps answering CORS preflights from dealer pages', async () => {
    const preflight = await fetch(`${server.url}/v1/quote-requests`, {
      method: 'OPTIONS',
      headers: {
        Origin: TEST_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('HEAD', () => {
  it('answers with the headers and Content-Length of the GET, and no body', async () => {
    const { sessionToken } = await createSession(server.url);
    for (const [path, headers] of [
      ['/healthz', {}],
      ['/openapi.json', {}],
      ['/.well-known/jwks.json', {}],
      ['/v1/session', bearer(sessionToken)],
    ] as const) {
      const get = await fetch(`${server.url}${path}`, { headers });
      const length = new TextEncoder().encode(await get.text()).byteLength;
      const head = await fetch(`${server.url}${path}`, { method: 'HEAD', headers });
      expect(head.status, path).toBe(200);
      expect(head.headers.get('content-length'), path).toBe(String(length));
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect(await head.text(), path).toBe('');
    }
  });

  it('answers a HEAD on a path with no GET with 405', async () => {
    const res = await fetch(`${server.url}/v1/sessions`, { method: 'HEAD' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });
});
