/**
 * The stores every rate limit counts in (server/http/limit-counters.ts), each
 * held to the same rules: hits count up within a window and start again at 1
 * once it ends, a refund never takes a count below zero, and (shared stores)
 * two processes' counters hitting one key at once count every hit exactly once.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../server/db/index.ts';
import { createLimitCounters, type LimitCounters } from '../../../server/http/limit-counters.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { LogCapture } from '../../helpers/server.ts';

const redisUrl = process.env.TEST_REDIS_URL;
const opened: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  // A database a test closed itself is closed again here: that second close may refuse.
  for (const thing of opened.reverse()) await thing.close().catch(() => {});
  await dropTestSchemas();
});

type Kind = { name: string; skip: boolean; open: () => Promise<{ a: LimitCounters; b: LimitCounters; dbs: Database[]; logs: LogCapture }> };

/** Two "processes" of counters on one store (for memory: one process, one set of counters). */
async function pair(options: () => Parameters<typeof openDatabase>[0], redis?: string) {
  const logs = new LogCapture();
  const logger = pino({ level: 'info' }, logs);
  const shared = options();
  // Two connections to one PostgreSQL; the embedded database (memory, or beside Redis) is opened once.
  const first = await openDatabase(shared);
  const dbs = [first, shared.driver === 'postgres' ? await openDatabase(shared) : first];
  opened.push(...new Set(dbs));
  const prefix = `test-${randomBytes(6).toString('hex')}:`;
  const a = await createLimitCounters({ db: dbs[0]!, logger, redisUrl: redis, redisPrefix: prefix });
  const b = await createLimitCounters({ db: dbs[1]!, logger, redisUrl: redis, redisPrefix: prefix });
  opened.push(a, b);
  return { a, b, dbs, logs };
}

const postgres = testDatabases().find((d) => d.name === 'postgres');
const kinds: Kind[] = [
  { name: 'memory (embedded database)', skip: false, open: () => pair(() => ({ driver: 'pglite' })) },
  { name: 'postgres', skip: !postgres, open: () => pair(() => postgres!.options()) },
  { name: 'redis', skip: !redisUrl, open: () => pair(() => ({ driver: 'pglite' }), redisUrl) },
];

for (const kind of kinds) {
  describe.skipIf(kind.skip)(`counters in ${kind.name}`, () => {
    it('count up within a window, start again at 1 once it has ended, and never refund below zero', async () => {
      const { a } = await kind.open();
      expect(a.kind).toBe(kind.name.split(' ')[0]);
      const store = a.store('window', 400);
      const hits = [];
      for (let i = 0; i < 3; i++) hits.push((await store.increment('client-1')).totalHits);
      expect(hits).toEqual([1, 2, 3]);
      const { resetTime } = await store.increment('client-1');
      expect(resetTime!.getTime() - Date.now()).toBeGreaterThan(0);
      expect(resetTime!.getTime() - Date.now()).toBeLessThanOrEqual(400);
      // Another key, and another limit with the same key, count on their own.
      expect((await store.increment('client-2')).totalHits).toBe(1);
      expect((await a.store('other-limit', 400).increment('client-1')).totalHits).toBe(1);

      for (let i = 0; i < 6; i++) await store.decrement('client-2');
      expect((await store.get('client-2'))?.totalHits ?? 0).toBe(0);
      expect((await store.increment('client-2')).totalHits).toBe(1);

      await sleep(500);
      expect((await store.increment('client-1')).totalHits).toBe(1);
    });

    it.skipIf(kind.name.startsWith('memory'))('count every hit once when two processes hit one key at the same moment', async () => {
      const { a, b } = await kind.open();
      const [storeA, storeB] = [a.store('burst', 60_000), b.store('burst', 60_000)];
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? storeA : storeB).increment('one-client')));
      expect(results.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    });
  });
}

describe.skipIf(!postgres)('counters in PostgreSQL', () => {
  it('delete ended windows when swept, and keep the running ones', async () => {
    const { a, dbs } = await kinds[1]!.open();
    await a.store('short', 100).increment('gone');
    await a.store('long', 60_000).increment('kept');
    await sleep(200);
    await a.sweep();
    const rows = await dbs[0]!.query<{ key: string }>('SELECT key FROM rate_limit_counters');
    expect(rows.map((r) => r.key.split(':')[0])).toEqual(['long']);
  });

  it('fail open to the process when the database is gone: hits are counted in memory, and the outage is logged once', async () => {
    const { a, dbs, logs } = await kinds[1]!.open();
    const store = a.store('outage', 60_000);
    expect((await store.increment('client')).totalHits).toBe(1);
    await dbs[0]!.close();
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push((await store.increment('client')).totalHits);
    // Counted afresh in memory: at most one more budget for this process, never none.
    expect(hits).toEqual([1, 2, 3]);
    expect(logs.lines.filter((l) => l.includes('rate-limit store unavailable'))).toHaveLength(1);
    expect(logs.text).toContain('"store":"postgres"');
  });
});
