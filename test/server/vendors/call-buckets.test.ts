/**
 * The call buckets that pace AgencyZoom: a burst's first `burst` calls go at
 * once, each one after waits its slot at the pace, concurrent takes (as from
 * several processes) each get a slot of their own, and a token given back is
 * the next call's. In the database (PGlite; PostgreSQL with TEST_DATABASE_URL)
 * and in Redis (with TEST_REDIS_URL).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/index.ts';
import { type CallBuckets, DatabaseCallBuckets, RedisCallBuckets } from '../../../server/vendors/shared/call-buckets.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  await dropTestSchemas();
});

const stores: { name: string; open: () => Promise<CallBuckets> }[] = [
  ...testDatabases().map((database) => ({
    name: `the database (${database.name})`,
    open: async () => {
      const db = await openDatabase(database.options());
      closers.push(() => db.close());
      return new DatabaseCallBuckets(db);
    },
  })),
  ...(process.env.TEST_REDIS_URL
    ? [
        {
          name: 'Redis',
          open: async () => {
            const buckets = new RedisCallBuckets(process.env.TEST_REDIS_URL!);
            closers.push(() => buckets.close());
            return buckets;
          },
        },
      ]
    : []),
];

/** 10 calls a second: a slot every 100 ms. */
const RATE = { perMinute: 600, burst: 4 };

describe.each(stores)('call buckets in $name', ({ open }) => {
  it('lets a burst through, then promises each further call the next slot at the pace', async () => {
    const buckets = await open();
    const key = `test:${randomUUID()}`;
    const waits = [];
    for (let i = 0; i < 7; i++) waits.push(await buckets.take(key, RATE));
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    // The 5th waits up to one slot, the 6th two, the 7th three (less the time the takes took).
    for (const [i, wait] of waits.slice(4).entries()) expect(wait).toBeLessThanOrEqual((i + 1) * 100);
    expect(waits[4]).toBeGreaterThan(0);
    expect(waits[5]).toBeGreaterThan(waits[4]!);
    expect(waits[6]).toBeGreaterThan(waits[5]!);
  });

  it('gives each of many concurrent takes a slot of its own', async () => {
    const buckets = await open();
    const key = `test:${randomUUID()}`;
    const waits = (await Promise.all(Array.from({ length: 24 }, () => buckets.take(key, RATE)))).sort((a, b) => a - b);
    // 24 calls at 10 a second, 4 at once: the last waits about 2 s (less the time the takes took).
    expect(waits.at(-1)).toBeGreaterThan(1_000);
    for (let i = 1; i < waits.length; i++) expect(waits[i]! - waits[i - 1]!).toBeLessThan(150);
  });

  it('hands a token given back to the next call', async () => {
    const buckets = await open();
    const key = `test:${randomUUID()}`;
    for (let i = 0; i < RATE.burst; i++) await buckets.take(key, RATE);
    await buckets.giveBack(key, RATE);
    expect(await buckets.take(key, RATE)).toBe(0);
    expect(await buckets.take(key, RATE)).toBeGreaterThan(0);
  });
});
