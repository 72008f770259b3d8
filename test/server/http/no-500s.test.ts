/**
 * Whatever a client sends, the answer is never a 500: random JSON bodies to
 * every endpoint that takes one, random query values to every lookup, random
 * path ids — each answered with a 4xx and the error body (or a success).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      COVERKIT_WIDGET_RATE_PER_IP: '1000000',
      COVERKIT_QUOTE_RATE_PER_SESSION: '1000000',
      COVERKIT_SUBMISSION_RATE_PER_SESSION: '1000000',
    },
  });
  token = (await createSession(server.url, { origin: TEST_ORIGIN })).sessionToken;
});
afterAll(() => server?.close());

const json = fc.jsonValue({ maxDepth: 4 });

function expectHandled(res: { status: number; body: any }, what: string) {
  if (res.status >= 500 && res.status !== 502 && res.status !== 504)
    throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  if (res.status >= 400) expect(typeof res.body?.error?.message, what).toBe('string');
}

const POSTS: { path: string; headers: () => Record<string, string> }[] = [
  { path: '/v1/sessions', headers: () => secretKeyHeaders() },
  { path: '/v1/sessions/public', headers: () => ({ Origin: TEST_ORIGIN }) },
  { path: '/v1/quote-requests', headers: () => bearer(token) },
  { path: '/v1/policy-lookups', headers: () => bearer(token) },
  { path: '/v1/connections', headers: () => bearer(token) },
  { path: '/v1/submissions', headers: () => ({ ...bearer(token), 'Idempotency-Key': `fuzz-${Math.random()}` }) },
];

describe('no 500 for bad input', () => {
  for (const { path, headers } of POSTS) {
    it(`POST ${path} with random JSON`, async () => {
      await fc.assert(
        fc.asyncProperty(json, async (body) => {
          const res = await call(`${server.url}${path}`, { method: 'POST', headers: headers(), json: body });
          expectHandled(res, `POST ${path} ${JSON.stringify(body).slice(0, 200)}`);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('POST /v1/quote-requests and /v1/submissions with one part of a valid applicant replaced by anything', async () => {
    const valid = garciaHousehold();
    const leaves: string[][] = [];
    const walk = (value: unknown, path: string[]) => {
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      leaves.push(path);
    };
    walk(valid, []);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...leaves.filter((p) => p.length > 0)), json, fc.boolean(), async (path, replacement, submit) => {
        const body: any = structuredClone(valid);
        let target = body;
        for (const key of path.slice(0, -1)) target = target[key];
        target[path.at(-1)!] = replacement;
        const res = submit
          ? await call(`${server.url}/v1/submissions`, {
              method: 'POST',
              headers: { ...bearer(token), 'Idempotency-Key': `fuzz-${Math.random()}` },
              json: { applicant: body, contactConsent: true },
            })
          : await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(token), json: body });
        expectHandled(
          res,
          `${submit ? 'submission' : 'quote request'} with ${path.join('.')} = ${JSON.stringify(replacement).slice(0, 100)}`,
        );
      }),
      { numRuns: 80 },
    );
  });

  it('lookups with random query values', async () => {
    const paths = [
      '/v1/lookups/vehicles/years',
      '/v1/lookups/vehicles/makes',
      '/v1/lookups/vehicles/models',
      '/v1/lookups/vehicles/bodystyles',
      '/v1/lookups/vehicles/vins',
      '/v1/lookups/coverages',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.dictionary(fc.constantFrom('state', 'year', 'make', 'model', 'bodyStyle', 'effectiveDate'), fc.string({ maxLength: 30 })),
        async (path, query) => {
          const res = await call(`${server.url}${path}?${new URLSearchParams(query)}`, { headers: bearer(token) });
          expectHandled(res, `GET ${path}?${new URLSearchParams(query)}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('path ids of any shape', async () => {
    const templates = [
      '/v1/lookups/vin/%s?state=TX',
      '/v1/quote-requests/%s',
      '/v1/quote-requests/%s/stream',
      '/v1/connections/%s/policies',
      '/v1/submissions/%s',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...templates), fc.string({ minLength: 1, maxLength: 80 }), async (template, id) => {
        const useSecret = template.startsWith('/v1/submissions');
        const res = await call(`${server.url}${template.replace('%s', encodeURIComponent(id))}`, {
          headers: useSecret ? secretKeyHeaders() : bearer(token),
          signal: AbortSignal.timeout(5_000),
        });
        expectHandled(res, `GET ${template} ${JSON.stringify(id)}`);
      }),
      { numRuns: 60 },
    );
  });
});
