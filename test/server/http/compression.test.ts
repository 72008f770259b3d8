/**
 * Compression as a client negotiates it over HTTP: brotli or gzip when
 * Accept-Encoding offers them (`Vary: Accept-Encoding` either way), the same
 * bytes unencoded without it, and the quote stream never compressed, its
 * events arriving while it is still open. Raw node:http requests, so the
 * bytes on the wire are what is checked (fetch would decode them).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { decodedBody, type RawResponse, rawGet } from '../../helpers/raw-http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' } });
});
afterAll(() => server?.close());

const raw = (path: string, headers: Record<string, string> = {}) => rawGet(`${server.url}${path}`, headers);

const varies = (res: RawResponse) =>
  String(res.headers.vary ?? '')
    .split(/\s*,\s*/)
    .map((v) => v.toLowerCase());

describe('JSON answers', () => {
  it('are sent brotli, gzip or as they are, as Accept-Encoding asks, and decode to the same document', async () => {
    const { sessionToken } = await createSession(server.url);
    for (const [path, headers] of [
      ['/openapi.json', {}],
      ['/v1/lookups/coverages?state=TX', bearer(sessionToken)],
    ] as const) {
      const identity = await raw(path, headers);
      expect(identity.status, path).toBe(200);
      expect(identity.headers['content-encoding'], path).toBeUndefined();
      expect(identity.headers['content-length'], path).toBe(String(identity.body.byteLength));
      expect(identity.body.byteLength, `${path} is worth compressing`).toBeGreaterThan(1024);
      const document = JSON.parse(identity.body.toString('utf8'));

      for (const [accept, expected] of [
        ['gzip, deflate, br', 'br'],
        ['br;q=0.5, gzip', 'gzip'],
        ['gzip', 'gzip'],
        ['br', 'br'],
        ['identity', undefined],
        ['gzip;q=0, br;q=0', undefined],
      ] as const) {
        const res = await raw(path, { ...headers, 'Accept-Encoding': accept });
        expect(res.status, `${path} ${accept}`).toBe(200);
        expect(res.headers['content-encoding'], `${path} ${accept}`).toBe(expected);
        expect(varies(res), `${path} ${accept}`).toContain('accept-encoding');
        expect(JSON.parse(decodedBody(res).toString('utf8')), `${path} ${accept}`).toEqual(document);
        if (expected) {
          expect(res.body.byteLength, `${path} ${accept}`).toBeLessThan(identity.body.byteLength / 3);
          expect(res.headers['content-length'] ?? String(res.body.byteLength)).toBe(String(res.body.byteLength));
        }
      }
    }
  });

  it('under 1 KB are sent as they are', async () => {
    const res = await raw('/healthz', { 'Accept-Encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.body.byteLength).toBeLessThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(res.body.byteLength));
    expect(JSON.parse(res.body.toString('utf8'))).toBeTypeOf('object');
  });
});

describe('the quote stream', () => {
  it('is never compressed: its first event arrives as plain text while the stream is still open', async () => {
    const { sessionToken } = await createSession(server.url);
    const created = await call(`${server.url}/v1/quote-requests`, {
      method: 'POST',
      headers: bearer(sessionToken),
      json: garciaHousehold(),
    });
    expect(created.status).toBe(202);
    const first = await new Promise<{ headers: RawResponse['headers']; text: string; open: boolean }>((resolve, reject) => {
      const req = request(
        `${server.url}/v1/quote-requests/${created.body.id}/stream`,
        { headers: { ...bearer(sessionToken), 'Accept-Encoding': 'br, gzip, deflate', Accept: 'text/event-stream' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (/^event: /m.test(text)) {
              resolve({ headers: res.headers, text, open: !res.complete });
              req.destroy();
            }
          });
          res.on('end', () => reject(new Error(`the stream ended before an event: ${text}`)));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.text).toMatch(/^event: \w+$/m);
    expect(first.open).toBe(true);
  });
});
