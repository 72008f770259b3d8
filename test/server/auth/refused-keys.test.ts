/**
 * Rate limits that cannot be turned against the dealer (issue 13, item 5 a–c):
 * wrong secret keys are throttled on every secret-key route, per address and
 * per clientId; only refusals count, so the right key is never refused, not in
 * a burst and not from an address that has been guessing. Addresses are set
 * with X-Forwarded-For, as the proxy in front of a real deployment does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, type TestServer } from '../../helpers/server.ts';

const PER_ADDRESS = 4;
const PER_CLIENT = 10;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      COVERKIT_TRUST_PROXY: 'true',
      COVERKIT_REFUSED_KEYS_PER_IP: String(PER_ADDRESS),
      COVERKIT_REFUSED_KEYS_PER_CLIENT: String(PER_CLIENT),
      // Public (widget) sessions' per-address budget, below the burst: it must not apply to a dealer's backend.
      COVERKIT_SESSION_RATE_PER_IP: '20',
      // The dealer's own session budget is not what this file is about.
      COVERKIT_SESSION_RATE_PER_CLIENT: '100000',
    },
  });
});
afterAll(() => server?.close());

let nextAddress = 1;
/** A client address no other test has used. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

type Route = { method: string; path: string };

const wrongKey = (clientId: string) => ({ 'X-Client-Id': clientId, 'X-Secret-Key': 'sk_live_guess_0123456789abcdefghijkl' });

function send(route: Route, address: string, headers: Record<string, string>) {
  const withBody = ['post', 'put', 'patch'].includes(route.method);
  return call(`${server.url}${route.path}`, {
    method: route.method.toUpperCase(),
    headers: { ...headers, 'X-Forwarded-For': address },
    ...(withBody ? { json: {} } : {}),
  });
}

const CREATE_SESSION: Route = { method: 'post', path: '/v1/sessions' };
const LIST_SUBMISSIONS: Route = { method: 'get', path: '/v1/submissions' };

/** Every operation the served document says takes a secret key, with made-up ids in its path. */
async function secretKeyRoutes(): Promise<Route[]> {
  const document = (await call(`${server.url}/openapi.json`)).body;
  const routes: Route[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      if (operation.security?.some((requirement: object) => 'secretKey' in requirement)) {
        routes.push({ method, path: path.replace(/\{[^}]+\}/g, 'x_unknown0123') });
      }
    }
  }
  return routes;
}

describe('wrong secret keys', () => {
  it('are answered 429 with Retry-After once an address has spent its budget, on every secret-key route', async () => {
    const routes = await secretKeyRoutes();
    // Sessions, submissions, webhook endpoints and a connection's policies, at least.
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(routes).toContainEqual({ method: 'get', path: '/v1/submissions/x_unknown0123' });
    for (const route of routes) {
      const address = freshAddress();
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof send>> | undefined;
      // An unknown clientId: counted against the address only.
      for (let i = 0; i < PER_ADDRESS + 2; i++) {
        last = await send(route, address, wrongKey('no-such-dealer'));
        statuses.push(last.status);
      }
      const expected = [...Array(PER_ADDRESS).fill(401), 429, 429];
      expect({ route, statuses }).toEqual({ route, statuses: expected });
      expect(last!.body.error).toEqual({
        code: 'rate_limited',
        message: expect.stringMatching(/^Too many refused secret keys from this address/),
      });
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('are answered 429 once a clientId has spent its budget, whichever addresses they come from', async () => {
    const dealer = TEST_DEALERS.other;
    const statuses: number[] = [];
    // One wrong key from each of many addresses: no address's budget is near spent.
    for (let i = 0; i < PER_CLIENT + 2; i++)
      statuses.push((await send(LIST_SUBMISSIONS, freshAddress(), wrongKey(dealer.clientId))).status);
    expect(statuses).toEqual([...Array(PER_CLIENT).fill(401), 429, 429]);
    const refused = await send(CREATE_SESSION, freshAddress(), wrongKey(dealer.clientId));
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/^Too many refused secret keys for this clientId/);
    // …and the dealer's own key still works, from anywhere.
    expect((await send(CREATE_SESSION, freshAddress(), secretKeyHeaders(dealer))).status).toBe(201);
    expect((await send(LIST_SUBMISSIONS, freshAddress(), secretKeyHeaders(dealer))).status).toBe(200);
  });

  it('from an address do not lock the right key out from that address', async () => {
    const shared = freshAddress();
    const guesses: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 1; i++)
      guesses.push((await send(LIST_SUBMISSIONS, shared, wrongKey(TEST_DEALERS.acme.clientId))).status);
    expect(guesses).toEqual([...Array(PER_ADDRESS).fill(401), 429]);
    // The dealer's backend behind the same address (a shared NAT, a cloud egress) goes on working.
    expect((await send(CREATE_SESSION, shared, secretKeyHeaders())).status).toBe(201);
    expect((await send(LIST_SUBMISSIONS, shared, secretKeyHeaders())).status).toBe(200);
    // The guesses are still refused.
    expect((await send(LIST_SUBMISSIONS, shared, wrongKey(TEST_DEALERS.acme.clientId))).status).toBe(429);
  });

  it('count an IPv6 network by its /64: the addresses of one subscriber share one budget', async () => {
    const inOne = (n: number) => `2001:db8:77:1::${n.toString(16)}`;
    const statuses: number[] = [];
    for (let i = 1; i <= PER_ADDRESS + 1; i++) statuses.push((await send(LIST_SUBMISSIONS, inOne(i), wrongKey('no-such-dealer'))).status);
    expect(statuses).toEqual([...Array(PER_ADDRESS).fill(401), 429]);
    expect((await send(LIST_SUBMISSIONS, '2001:db8:77:1:ffff:ffff:ffff:ffff', wrongKey('no-such-dealer'))).status).toBe(429);
    expect((await send(LIST_SUBMISSIONS, '2001:db8:77:2::1', wrongKey('no-such-dealer'))).status).toBe(401);
  });
});

describe('the right secret key', () => {
  it('is never refused by the refused-keys limit, however many requests are in flight at once', async () => {
    const address = freshAddress();
    const burst = (route: Route) => Promise.all(Array.from({ length: 300 }, () => send(route, address, secretKeyHeaders())));
    // Reads first, which also opens the connections, so the sessions then arrive together: enough at once that a
    // limiter charging each on arrival (and refunding it on success) refuses dozens.
    expect((await burst(LIST_SUBMISSIONS)).map((r) => r.status)).toEqual(Array(300).fill(200));
    expect((await burst(CREATE_SESSION)).map((r) => r.status)).toEqual(Array(300).fill(201));
  });
});
