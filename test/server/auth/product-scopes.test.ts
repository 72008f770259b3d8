/**
 * A session opens only the journeys (products) its dealer chose. Every route a
 * session token may call says in /openapi.json which product it needs; this
 * walks every one of them from the served document, so a route added later is
 * held to the same rule: a session without that product gets 403, a session
 * with only that product gets past the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, type Product } from '../../../contract/index.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

/** The only routes every session may call, whatever its products: what the widget needs to start, and to renew its token. */
const ANY_JOURNEY = ['POST /v1/session/token', 'GET /v1/session'];

type Operation = { security?: Record<string, string[]>[] };

let server: TestServer;
let operations: { route: string; method: string; path: string; products: string[] }[];
const tokens = new Map<string, string>();

/** A session token whose session includes exactly `products`. */
async function sessionWith(products: readonly Product[]) {
  const key = [...products].sort().join(',');
  if (!tokens.has(key)) tokens.set(key, (await createSession(server.url, { products })).sessionToken);
  return tokens.get(key) as string;
}

function send(method: string, path: string, token: string) {
  // Any value fills a path id: the credential is checked before the request's own validation.
  const url = `${server.url}${path.replace(/\{[^}]+\}/g, 'x_1')}`;
  return call(url, { method: method.toUpperCase(), headers: bearer(token), ...(method === 'post' ? { json: {} } : {}) });
}

beforeAll(async () => {
  server = await startTestServer();
  const { body } = await call(`${server.url}/openapi.json`);
  operations = Object.entries(body.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, op]) => {
      const requirement = op.security?.find((r) => 'sessionToken' in r);
      return requirement ? [{ route: `${method.toUpperCase()} ${path}`, method, path, products: requirement.sessionToken ?? [] }] : [];
    }),
  );
});
afterAll(() => server?.close());

describe('product scopes on every route a session may call', () => {
  it('names one product for each route, but for the ones every journey needs', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((op) => op.products.length === 0).map((op) => op.route)).toEqual(ANY_JOURNEY);
    for (const op of operations) {
      if (op.products.length === 0) continue;
      expect(op.products, op.route).toHaveLength(1);
      expect(PRODUCTS, op.route).toContain(op.products[0]);
    }
    // The finding this guards against: submitting belongs to the quote journey.
    expect(operations.find((op) => op.route === 'POST /v1/submissions')?.products).toEqual(['quote']);
  });

  it('refuses with 403 a session without the route’s product, and lets a session with only that product past', async () => {
    for (const op of operations.filter((o) => o.products.length === 1)) {
      const product = op.products[0] as Product;
      const without = await send(op.method, op.path, await sessionWith(PRODUCTS.filter((p) => p !== product)));
      expect(without.status, `${op.route} without ${product}`).toBe(403);
      expect(without.body.error, op.route).toEqual({ code: 'forbidden', message: `This session does not include the ${product} journey` });
      const only = await send(op.method, op.path, await sessionWith([product]));
      expect([401, 403], `${op.route} with only ${product}: ${JSON.stringify(only.body)}`).not.toContain(only.status);
    }
  });

  it('lets a session of any single product read itself', async () => {
    for (const product of PRODUCTS) expect((await send('get', '/v1/session', await sessionWith([product]))).status).toBe(200);
  });
});
