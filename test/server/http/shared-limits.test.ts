/**
 * Limits that hold at scale (issue 15, item 3): two real server processes on
 * one PostgreSQL, a client's requests alternated between them as a balancer
 * would, spend one budget, not two; counted in PostgreSQL itself, or in Redis
 * when REDIS_URL is set. A store that cannot be reached fails open to each
 * process's own memory, and says so in the log.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { NEW_SHOPPER_SESSIONS } from '../../../server/auth/public-session-budgets.ts';
import { dropTestSchemas, privateSchemaUrl } from '../../helpers/databases.ts';
import { call, type JsonResponse } from '../../helpers/http.ts';
import { type ServerProcess, startProcess } from '../../helpers/process.ts';
import { freePort, startTestServer, TEST_DATA_KEY, TEST_DEALERS, TEST_ORIGIN } from '../../helpers/server.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const PUBLIC_URL = 'http://coverkit.test';
const SESSIONS_PER_ADDRESS = 4;
const REFUSED_KEYS_PER_ADDRESS = 3;
const PER_ORIGIN = 6;

const processes: ServerProcess[] = [];
const dataDirs: string[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  await dropTestSchemas();
});

/** Two processes behind one public address, as behind a balancer, on the same database (and Redis, when given). */
async function twoProcesses(env: Record<string, string>): Promise<[ServerProcess, ServerProcess]> {
  const common = {
    COVERKIT_PUBLIC_URL: PUBLIC_URL,
    COVERKIT_DATA_KEY: TEST_DATA_KEY,
    COVERKIT_DEMO_SECRET_KEY: 'sk_test_shared_limits_0123456789abcdef',
    COVERKIT_TRUST_PROXY: 'true',
    COVERKIT_SESSION_RATE_PER_IP: String(SESSIONS_PER_ADDRESS),
    COVERKIT_REFUSED_KEYS_PER_IP: String(REFUSED_KEYS_PER_ADDRESS),
    ...env,
  };
  const started = await Promise.all(
    [0, 1].map(() => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-limits-'));
      dataDirs.push(dataDir);
      return startProcess({ ...common, COVERKIT_DATA_DIR: dataDir });
    }),
  );
  processes.push(...started);
  return started as [ServerProcess, ServerProcess];
}

let nextAddress = 1;
const freshAddress = () => `203.0.113.${nextAddress++}`;

/** `count` requests from one address, alternated between the processes (a, b, a, b, …). */
async function alternate(servers: ServerProcess[], count: number, send: (url: string) => Promise<JsonResponse>) {
  const responses: JsonResponse[] = [];
  for (let i = 0; i < count; i++) responses.push(await send(servers[i % servers.length]!.url));
  return responses;
}

const publicSession = (address: string) => (url: string) =>
  call(`${url}/v1/sessions/public`, {
    method: 'POST',
    headers: { Origin: PUBLIC_URL, 'X-Forwarded-For': address },
    json: { clientId: 'demo-dealer' },
  });

const wrongKey = (address: string) => (url: string) =>
  call(`${url}/v1/submissions`, {
    headers: { 'X-Client-Id': 'demo-dealer', 'X-Secret-Key': 'sk_live_guess_0123456789abcdefghijkl', 'X-Forwarded-For': address },
  });

function expectOneBudget(responses: JsonResponse[], served: number, allowed: number) {
  expect(responses.map((r) => r.status)).toEqual([...Array(allowed).fill(served), 429, 429]);
  const refused = responses.at(-1)!;
  expect(refused.body.error.code).toBe('rate_limited');
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
}

/** The keys the store holds after the test's requests: counted there, under hashes only (no client address). */
async function storedKeys(store: 'postgres' | 'redis', databaseUrlWithSchema: string, prefix: string): Promise<string[]> {
  if (store === 'redis') {
    const redis = new Redis(redisUrl!);
    try {
      return await redis.keys(`${prefix}*`);
    } finally {
      redis.disconnect();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrlWithSchema });
  await client.connect();
  try {
    return (await client.query<{ key: string }>('SELECT key FROM rate_limit_counters')).rows.map((r) => r.key);
  } finally {
    await client.end();
  }
}

const stores = [
  { name: 'PostgreSQL', store: 'postgres' as const, env: (): Record<string, string> => ({}), skip: false },
  {
    name: 'Redis (REDIS_URL)',
    store: 'redis' as const,
    env: (): Record<string, string> => ({ REDIS_URL: redisUrl!, COVERKIT_REDIS_PREFIX: `test-${randomBytes(6).toString('hex')}:` }),
    skip: !redisUrl,
  },
];

describe.skipIf(!databaseUrl)('two server processes on one PostgreSQL', () => {
  for (const store of stores) {
    describe.skipIf(store.skip)(`counting in ${store.name}`, () => {
      it('give one address one budget of public sessions and one of wrong keys, whichever process answers', async () => {
        const env: Record<string, string> = { DATABASE_URL: await privateSchemaUrl(databaseUrl!), ...store.env() };
        const servers = await twoProcesses(env);

        const sessions = await alternate(servers, SESSIONS_PER_ADDRESS + 2, publicSession(freshAddress()));
        expectOneBudget(sessions, 201, SESSIONS_PER_ADDRESS);
        expect(sessions.at(-1)!.body.error.message).toMatch(/Too many sessions from this address: its budget of 4 a minute/);
        // Each process answered both kinds: 201s and 429s came from A and from B.
        expect(sessions.filter((_, i) => i % 2 === 1).map((r) => r.status)).toEqual([201, 201, 429]);

        const refusals = await alternate(servers, REFUSED_KEYS_PER_ADDRESS + 2, wrongKey(freshAddress()));
        expectOneBudget(refusals, 401, REFUSED_KEYS_PER_ADDRESS);

        // Another address still has its own budget, on either process.
        expect((await publicSession(freshAddress())(servers[1].url)).status).toBe(201);

        // Sent all at once, half to each process: every request is counted, none twice, so exactly one budget is served.
        const address = freshAddress();
        const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => publicSession(address)(servers[i % 2]!.url)));
        expect(burst.filter((r) => r.status === 201)).toHaveLength(SESSIONS_PER_ADDRESS);
        expect(burst.filter((r) => r.status === 429)).toHaveLength(12 - SESSIONS_PER_ADDRESS);

        const keys = await storedKeys(store.store, env.DATABASE_URL!, env.COVERKIT_REDIS_PREFIX ?? '');
        expect(keys.some((key) => key.includes('public-sessions-per-ip:'))).toBe(true);
        expect(keys.some((key) => key.includes('refused-keys:'))).toBe(true);
        expect(keys.filter((key) => key.includes('203.0.113.'))).toEqual([]);
      });

      it("give a dealer's page origin one budget: once two processes together have served it, its spender is refused and a new shopper still served", async () => {
        const servers = await twoProcesses({
          DATABASE_URL: await privateSchemaUrl(databaseUrl!),
          ...store.env(),
          COVERKIT_SESSION_RATE_PER_IP: '100',
          COVERKIT_SESSION_RATE_PER_CLIENT: String(PER_ORIGIN),
        });
        const spender = await alternate(servers, PER_ORIGIN + 2, publicSession(freshAddress()));
        expectOneBudget(spender, 201, PER_ORIGIN);
        expect(spender.at(-1)!.body.error.message).toMatch(/page origin http:\/\/coverkit\.test: its budget of 6 a minute is spent/);
        // A new shopper: its own few sessions, on either process, then refused as well.
        const shopper = await alternate(servers, NEW_SHOPPER_SESSIONS + 1, publicSession(freshAddress()));
        expect(shopper.map((r) => r.status)).toEqual([...Array(NEW_SHOPPER_SESSIONS).fill(201), 429]);
      });
    });
  }
});

describe('a shared store that cannot be reached', () => {
  it('fails open to the process: requests are served, the budget is still counted here, and the outage is logged once', async () => {
    const server = await startTestServer({
      env: {
        // Nothing listens there.
        REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
        COVERKIT_TRUST_PROXY: 'true',
        COVERKIT_SESSION_RATE_PER_IP: String(SESSIONS_PER_ADDRESS),
      },
    });
    try {
      expect(server.runtime.limitCounters.kind).toBe('redis');
      const address = freshAddress();
      const responses: JsonResponse[] = [];
      for (let i = 0; i < SESSIONS_PER_ADDRESS + 1; i++) {
        responses.push(
          await call(`${server.url}/v1/sessions/public`, {
            method: 'POST',
            headers: { Origin: TEST_ORIGIN, 'X-Forwarded-For': address },
            json: { clientId: TEST_DEALERS.acme.clientId },
          }),
        );
      }
      expect(responses.map((r) => r.status)).toEqual([...Array(SESSIONS_PER_ADDRESS).fill(201), 429]);
      const outages = server.logs.lines.filter((line) => line.includes('rate-limit store unavailable'));
      expect(outages).toHaveLength(1);
      expect(JSON.parse(outages[0]!)).toMatchObject({ level: 'error', store: 'redis' });
      // No client address reaches the log with it.
      expect(outages[0]).not.toContain(address);
    } finally {
      await server.close();
    }
  });
});
