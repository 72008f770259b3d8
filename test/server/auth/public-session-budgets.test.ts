/**
 * A dealer's public-session budget cannot be turned against its shoppers
 * (issue 13, item 5 d): a handful of addresses spending it no longer refuses
 * every new shopper. Addresses are set with X-Forwarded-For, as the proxy in
 * front of a real deployment does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dealer } from '../../../server/auth/dealers.ts';
import { NEW_SHOPPER_SESSIONS } from '../../../server/auth/public-session-budgets.ts';
import { hashSecretKey } from '../../../server/auth/secrets.ts';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { call, type JsonResponse } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

const publicSession = (server: TestServer, address: string, origin: string, clientId: string = TEST_DEALERS.acme.clientId) =>
  call(`${server.url}/v1/sessions/public`, {
    method: 'POST',
    headers: { Origin: origin, 'X-Forwarded-For': address },
    json: { clientId },
  });

const statuses = (responses: JsonResponse[]) => responses.map((r) => r.status);

async function many(count: number, send: () => Promise<JsonResponse>): Promise<JsonResponse[]> {
  const responses: JsonResponse[] = [];
  for (let i = 0; i < count; i++) responses.push(await send());
  return responses;
}

function expectRefused(res: JsonResponse, says: RegExp) {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('rate_limited');
  expect(res.body.error.message).toMatch(says);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
}

describe('with the default budgets (60 a minute per address, 600 per origin)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { COVERKIT_TRUST_PROXY: 'true' } });
  });
  afterAll(() => server?.close());

  it('11 addresses × 60 sessions leave a new shopper from a 12th address served, and refuse an address past its own budget', async () => {
    // Half IPv4, half IPv6 (each its own /64).
    const addresses = Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? `198.51.100.${i + 1}` : `2001:db8:${i}::1`));
    const byAddress: JsonResponse[][] = [];
    for (const address of addresses) byAddress.push(await many(60, () => publicSession(server, address, TEST_ORIGIN)));

    // The first ten spend the origin's 600, every one served; the eleventh still gets a new shopper's share, then 429.
    for (const seen of byAddress.slice(0, 10)) expect(statuses(seen)).toEqual(Array(60).fill(201));
    const eleventh = byAddress[10]!;
    expect(statuses(eleventh)).toEqual([...Array(NEW_SHOPPER_SESSIONS).fill(201), ...Array(60 - NEW_SHOPPER_SESSIONS).fill(429)]);
    expectRefused(
      eleventh.at(-1)!,
      /page origin https:\/\/dealer\.example: its budget of 600 a minute is spent.*new shoppers are still served/,
    );

    // The twelfth address: a new shopper, served.
    const shopper = await publicSession(server, '203.0.113.12', TEST_ORIGIN);
    expect(shopper.status).toBe(201);
    expect(shopper.body.sessionToken).toEqual(expect.any(String));

    // An address past its own 60 is refused by its own budget; another address of the same IPv6 /64 shares it.
    expectRefused(await publicSession(server, addresses[0]!, TEST_ORIGIN), /from this address: its budget of 60 a minute is spent/);
    expectRefused(await publicSession(server, '2001:db8:1::ffff', TEST_ORIGIN), /from this address/);
    // …and another dealer's shoppers never noticed.
    expect((await publicSession(server, '203.0.113.13', TEST_DEALERS.other.origin, TEST_DEALERS.other.clientId)).status).toBe(201);
  });

  it('documents its 429: which budgets there are, and Retry-After', async () => {
    const document = (await call(`${server.url}/openapi.json`)).body;
    const tooMany = document.paths['/v1/sessions/public'].post.responses['429'];
    expect(tooMany.description).toMatch(/Each address \(an IPv6 address by its \/64\)/);
    expect(tooMany.description).toMatch(/allow-listed page origins/);
    expect(tooMany.description).toMatch(/ceiling per clientId/);
    expect(tooMany.headers['Retry-After']).toMatchObject({ required: true, schema: { type: 'integer', minimum: 1 } });
    // The one error body, as on the route's other errors.
    const errorBody = document.paths['/v1/sessions/public'].post.responses['403'].content['application/json'].schema;
    expect(tooMany.content['application/json'].schema).toEqual(errorBody);
  });
});

describe('counted per origin, under a ceiling per dealer', () => {
  const PER_ORIGIN = 10;
  const CEILING = 27;
  const ORIGIN_A = TEST_ORIGIN;
  const ORIGIN_B = 'https://second-site.dealer.example';
  const dealer: Dealer = {
    clientId: 'two-sites',
    name: 'Two Sites Motors',
    secretKeySha256: hashSecretKey('sk_test_two_sites_0123456789abcdefghij'),
    allowedOrigins: [ORIGIN_A, ORIGIN_B],
    products: ['quote', 'connect', 'lookup'],
  };
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      dealers: [dealer],
      env: {
        COVERKIT_TRUST_PROXY: 'true',
        COVERKIT_SESSION_RATE_PER_IP: '100',
        COVERKIT_SESSION_RATE_PER_CLIENT: String(PER_ORIGIN),
        COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT: String(CEILING),
      },
    });
  });
  afterAll(() => server?.close());

  const send = (address: string, origin: string) => publicSession(server, address, origin, dealer.clientId);

  it("spends nothing on pages not on the allow-list; refuses the addresses that spent an origin's budget, serves new shoppers there and every shopper of its other origin, up to the ceiling", async () => {
    // A page not on the list, forty times: refused, and none of it counts against the dealer (what follows is served as if it had not been).
    const foreign = await many(40, () => send('192.0.2.66', 'https://evil.example'));
    expect(new Set(statuses(foreign))).toEqual(new Set([403]));
    expect(foreign[0]!.body.error.code).toBe('origin_not_allowed');

    // Two addresses spend origin A's budget: the second had started only two when it was spent, so it gets one more, as a new shopper would.
    const first = await many(8, () => send('192.0.2.1', ORIGIN_A));
    const second = await many(8, () => send('192.0.2.2', ORIGIN_A));
    expect(statuses(first)).toEqual(Array(8).fill(201));
    expect(statuses(second)).toEqual([...Array(NEW_SHOPPER_SESSIONS).fill(201), ...Array(8 - NEW_SHOPPER_SESSIONS).fill(429)]);
    expectRefused(
      second.at(-1)!,
      /page origin https:\/\/dealer\.example: its budget of 10 a minute is spent, and this address has started 3/,
    );
    expectRefused(await send('192.0.2.1', ORIGIN_A), /this address has started 8/);

    // A new shopper on A is served (a few sessions, as a page reloaded), then refused like the others.
    expect(statuses(await many(NEW_SHOPPER_SESSIONS + 1, () => send('192.0.2.3', ORIGIN_A)))).toEqual([
      ...Array(NEW_SHOPPER_SESSIONS).fill(201),
      429,
    ]);

    // Origin B has its own budget, whoever spent A's: even the addresses refused on A are served there.
    expect(statuses(await many(5, () => send('192.0.2.1', ORIGIN_B)))).toEqual(Array(5).fill(201));
    expect(statuses(await many(5, () => send('192.0.2.4', ORIGIN_B)))).toEqual(Array(5).fill(201));
    expect((await send('192.0.2.1', ORIGIN_B)).status).toBe(429);

    // 11 + 3 on A and 10 on B started so far; a new shopper fills the ceiling of 27, and past it nobody of this dealer is served.
    expect(statuses(await many(3, () => send('192.0.2.5', ORIGIN_B)))).toEqual(Array(3).fill(201));
    const past = await send('192.0.2.6', ORIGIN_A);
    expectRefused(past, /clientId two-sites from all its pages: its ceiling of 27 a minute is spent/);
    expect((await send('192.0.2.7', ORIGIN_B)).status).toBe(429);
  });
});

describe('configuration', () => {
  it('refuses a ceiling below the per-origin budget, naming the variable', () => {
    expect(() => loadConfig({ COVERKIT_SESSION_RATE_PER_CLIENT: '600', COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT: '100' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT: '100' })).toThrow(
      /COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT must be at least/,
    );
    expect(loadConfig({ COVERKIT_SESSION_RATE_PER_CLIENT: '40' }).publicSessionCeilingPerClient).toBe(200);
    expect(() => loadConfig({ COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT: 'lots' })).toThrow(/COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT/);
  });
});
