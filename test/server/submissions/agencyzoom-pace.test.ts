/**
 * A burst of 100 submissions draws no 429 from AgencyZoom: every call (logins
 * and lookups too) waits for its slot in the account's token bucket, kept in
 * the database, so the deployment's processes together stay below the limit.
 * The sandbox's limit is scaled to a six-second window (60 calls in any 6 s)
 * and our pace with it (480 a minute, 4 in a burst: at most 52 in any 6 s, room
 * for calls that leave a little late and arrive together),
 * so the burst takes seconds instead of minutes. On PostgreSQL two server
 * processes share the bucket and one AgencyZoom account; on the embedded
 * database, one process; with TEST_REDIS_URL, two processes each on its own
 * embedded database share the bucket in Redis (REDIS_URL).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { agencyZoom, delivery, FAST_DELIVERY, household, settled, submissionBody, submit, waitForSubmission } from './helpers.ts';

const SUBMISSIONS = 100;
const PACED = {
  ...FAST_DELIVERY,
  SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: '60',
  SANDBOX_AGENCYZOOM_NIGHT_CALLS_PER_MINUTE: '60',
  SANDBOX_AGENCYZOOM_RATE_WINDOW_SECONDS: '6',
  AGENCYZOOM_CALLS_PER_MINUTE: '480',
  AGENCYZOOM_NIGHT_CALLS_PER_MINUTE: '480',
  AGENCYZOOM_CALL_BURST: '4',
  AUTOCOMPLETE_MIN_INTERVAL_MS: '0',
  COVERKIT_DELIVERY_MAX_ATTEMPTS: '1000',
};

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await dropTestSchemas();
});

/** Counts the 429s a server's AgencyZoom sandbox answers. */
function count429s(server: TestServer) {
  const seen = { count: 0 };
  (server.server as Server).on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/sandbox/agencyzoom/')) return;
    res.on('finish', () => {
      if (res.statusCode === 429) seen.count++;
    });
  });
  return seen;
}

const redisUrl = process.env.TEST_REDIS_URL;
const setups = [
  ...testDatabases().map((database) => ({ name: database.name, database, redis: undefined as string | undefined })),
  ...(redisUrl ? [{ name: 'pglite with the bucket in Redis', database: testDatabases()[0]!, redis: redisUrl }] : []),
];

describe.each(setups)('a burst of submissions on $name', ({ database, redis }) => {
  it(`delivers ${SUBMISSIONS} submissions to AgencyZoom at its pace, without one 429`, async () => {
    // A prefix of its own, so no other run's bucket is this one's.
    const env = redis ? { ...PACED, REDIS_URL: redis, COVERKIT_REDIS_PREFIX: `test-${randomUUID()}:` } : PACED;
    const options = database.options();
    const a = await startTestServer({ database: options, env });
    servers.push(a);
    const limited = count429s(a);
    // A second process shares the bucket (in PostgreSQL, or in Redis) and A's AgencyZoom account.
    const b =
      database.name === 'postgres' || redis
        ? await startTestServer({ database: options, env: { ...env, AGENCYZOOM_BASE_URL: `${a.url}/sandbox/agencyzoom` } })
        : undefined;
    if (b) servers.push(b);
    const entries = await Promise.all(
      [a, b ?? a].map(async (server) => ({ server, token: (await createSession(server.url)).sessionToken })),
    );

    const started = Date.now();
    const submitted = await Promise.all(
      Array.from({ length: SUBMISSIONS }, async (_, i) => {
        const { server, token } = entries[i % entries.length]!;
        const body = submissionBody(household());
        const res = await submit(server.url, token, body);
        expect(res.status).toBe(201);
        return { server, id: res.body.submissionId as string, email: body.applicant.contact.email };
      }),
    );
    const done = await Promise.all(submitted.map(({ server, id }) => waitForSubmission(server.url, id, settled, { timeoutMs: 120_000 })));
    const elapsed = Date.now() - started;

    expect(done.filter((s) => delivery(s, 'agencyzoom').status !== 'delivered')).toEqual([]);
    expect(limited.count).toBe(0);
    // Paced: 100 leads (and a login and lookups per process) at 480 a minute take more than 12 s.
    expect(elapsed).toBeGreaterThan(12_000);
    // One lead per submission (read once the sandbox's window has passed, so the reading is not refused).
    await new Promise((resolve) => setTimeout(resolve, 6_100));
    const leads = await (await agencyZoom(a.url)).allLeads();
    for (const { email } of submitted) expect(leads.filter((lead) => lead.email === email)).toHaveLength(1);
  }, 240_000);
});
