/**
 * Quote state lives in the database, so any server process can answer for a
 * request another process started, and a request survives the death of the
 * process working on it. Real processes (`node server/main.ts`), real signals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { dropTestSchemas, privateSchemaUrl } from '../../helpers/databases.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { type ServerProcess, startProcess } from '../../helpers/process.ts';
import { readEvents, type SseEvent } from '../../helpers/sse.ts';

const SECRET_KEY = 'sk_test_multi_process_0123456789abcdef';
const demoDealer = { clientId: 'demo-dealer', secretKey: SECRET_KEY };
const databaseUrl = process.env.TEST_DATABASE_URL;
const processes: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  for (const cleanup of cleanups) await cleanup();
  await dropTestSchemas();
});

/**
 * A restarted server comes back on whatever port is free (another test file may
 * have taken the old one); one public address keeps the tokens it issued valid.
 */
async function start(env: Record<string, string>) {
  const server = await startProcess({
    COVERKIT_DEMO_SECRET_KEY: SECRET_KEY,
    COVERHOUND_POLL_INTERVAL_MS: '50',
    COVERKIT_PUBLIC_URL: 'http://coverkit.test',
    ...env,
  });
  processes.push(server);
  return server;
}

const finalQuotes = (events: SseEvent[]) => {
  const latest = new Map<string, any>();
  for (const e of events) if (e.event === 'quote') latest.set(e.data.id, e.data);
  return [...latest.values()];
};

/** No carrier result was shown twice: each (carrier, status) pair appears once. */
function expectEachResultOnce(events: SseEvent[]) {
  const pairs = events.filter((e) => e.event === 'quote').map((e) => `${e.data.id}/${e.data.status}`);
  expect(new Set(pairs).size).toBe(pairs.length);
}

describe.skipIf(!databaseUrl)('two server processes on one PostgreSQL', () => {
  it('a request made through one process streams through the other, every quote arriving once', async () => {
    const url = await privateSchemaUrl(databaseUrl!);
    // Behind one balancer every process has the same public address: the token issuer.
    // Carriers answer over 0.25–3 s: room, even on a busy machine, to tell a live stream from a replay.
    const env = { DATABASE_URL: url, SANDBOX_COVERHOUND_DELAY_SCALE: '0.5', COVERKIT_PUBLIC_URL: 'http://coverkit.test' };
    const [a, b] = await Promise.all([start(env), start(env)]);
    const { sessionToken } = await createSession(a.url, {}, demoDealer);
    const created = await call(`${a.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: garciaHousehold() });
    expect(created.status).toBe(202);

    let firstResultAt: number | undefined;
    const { status, events } = await readEvents(`${b.url}/v1/quote-requests/${created.body.id}/stream`, bearer(sessionToken), {
      stopAfter: (e) => {
        if (firstResultAt === undefined && e.event === 'quote' && e.data.status !== 'pending') firstResultAt = Date.now();
        return e.event === 'done';
      },
    });
    expect(status).toBe(200);
    expect(events.at(-1)?.event).toBe('done');
    expectEachResultOnce(events);
    const quotes = finalQuotes(events);
    expect(quotes.filter((q) => q.status === 'complete').map((q) => q.vendor)).toEqual(expect.arrayContaining(['coverhound', 'pace']));
    expect(quotes.every((q) => q.status !== 'pending')).toBe(true);
    // Live, not only replayed: B streamed a result while A was still working, well before the request was complete.
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const [{ completed_at: completedAt }] = (await db.query('SELECT completed_at FROM quote_requests WHERE id = $1', [created.body.id]))
      .rows;
    await db.end();
    expect(firstResultAt).toBeDefined();
    expect(firstResultAt!).toBeLessThan(new Date(completedAt).getTime() - 200);
    const snapshotFromB = await call(`${b.url}/v1/quote-requests/${created.body.id}`, { headers: bearer(sessionToken) });
    expect(snapshotFromB.body.quotes).toEqual(quotes);
  });

  it('a process killed mid-request: another process takes the work over and finishes it', async () => {
    const url = await privateSchemaUrl(databaseUrl!);
    const env = { DATABASE_URL: url, COVERKIT_QUOTE_LEASE_SECONDS: '2', COVERKIT_PUBLIC_URL: 'http://coverkit.test' };
    const [a, b] = await Promise.all([start(env), start(env)]);
    const { sessionToken } = await createSession(a.url, {}, demoDealer);
    const created = await call(`${a.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: garciaHousehold() });
    // Wait until A has shown some results, then crash it.
    const early = await readEvents(`${b.url}/v1/quote-requests/${created.body.id}/stream`, bearer(sessionToken), {
      stopAfter: (_e, all) => all.filter((x) => x.event === 'quote' && x.data.status !== 'pending').length >= 2,
    });
    await a.kill();
    const { events } = await readEvents(`${b.url}/v1/quote-requests/${created.body.id}/stream`, bearer(sessionToken), {
      stopAfter: (e) => e.event === 'done',
      timeoutMs: 30_000,
    });
    expect(early.events.length).toBeGreaterThan(0);
    expect(events.at(-1)?.event).toBe('done');
    expectEachResultOnce(events);
    expect(finalQuotes(events).every((q) => q.status !== 'pending')).toBe(true);
    expect(b.output()).toMatch(/taking over an abandoned quote run/);
  });
});

describe('a server restarted mid-request (embedded database)', () => {
  it('picks the unfinished work up again after the restart, and the stream finishes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-restart-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { COVERKIT_DATA_DIR: dataDir, COVERKIT_QUOTE_LEASE_SECONDS: '2' };
    const first = await start(env);
    const { sessionToken } = await createSession(first.url, {}, demoDealer);
    const created = await call(`${first.url}/v1/quote-requests`, {
      method: 'POST',
      headers: bearer(sessionToken),
      json: garciaHousehold(),
    });
    await readEvents(`${first.url}/v1/quote-requests/${created.body.id}/stream`, bearer(sessionToken), {
      stopAfter: (e) => e.event === 'quote' && e.data.status !== 'pending',
    });
    expect(await first.stop()).toBe(0);

    const second = await start(env);
    const { events } = await readEvents(`${second.url}/v1/quote-requests/${created.body.id}/stream`, bearer(sessionToken), {
      stopAfter: (e) => e.event === 'done',
      timeoutMs: 30_000,
    });
    expect(events.at(-1)?.event).toBe('done');
    expectEachResultOnce(events);
    const quotes = finalQuotes(events);
    expect(quotes.every((q) => q.status !== 'pending')).toBe(true);
    expect(quotes.filter((q) => q.vendor === 'coverhound' && q.status === 'complete').length).toBeGreaterThanOrEqual(5);
    expect(second.output()).toMatch(/taking over an abandoned quote run/);
  });
});
