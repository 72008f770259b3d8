/**
 * Quotes of several requests recorded in the same turn of the event loop go
 * in one statement: each request still gets its own events, numbered from 1
 * in order, each stream is told of its own only, and a request whose write
 * fails does not take the others down with it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Quote } from '../../../contract/index.ts';
import { openDatabase } from '../../../server/db/index.ts';
import { type QuoteEvent, QuoteStore } from '../../../server/quotes/store.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { testSealer } from '../../helpers/server.ts';

afterAll(dropTestSchemas);

const pending = (requestId: string, carrierCode: string): Quote => ({
  id: `${requestId}:pace:${carrierCode}`,
  vendor: 'pace',
  carrierCode,
  carrierName: `Carrier ${carrierCode}`,
  status: 'pending',
});

describe.each(testDatabases())('quotes of several requests recorded at once ($name)', ({ options }) => {
  it('numbers each request on its own, tells each its own events, and keeps a failing one apart', async () => {
    const db = await openDatabase(options());
    try {
      const told: { requestId: string; events: QuoteEvent[] }[] = [];
      const store = new QuoteStore(db, testSealer(), (requestId, events) => told.push({ requestId, events }));
      const create = () =>
        store.create({
          sessionId: 'ses_test',
          clientId: 'acme',
          body: garciaHousehold(),
          vendors: ['pace'],
          deadlineAt: new Date(Date.now() + 60_000),
          owner: 'proc_test',
          leaseMs: 15_000,
        });
      const [a, b] = [await create(), await create()];
      await store.recordQuotes(a.id, [pending(a.id, 'A0')]);
      let statements = 0;
      const counting = db.prepared.bind(db);
      db.prepared = (name, sql, params) => {
        if (name.startsWith('quote_record')) statements++;
        return counting(name, sql, params);
      };
      // Same turn: one statement for both requests, and a second write of `a` waits its turn.
      const [firstOfA, ofB, secondOfA, ofNone] = await Promise.all([
        store.recordQuotes(a.id, [pending(a.id, 'A1'), pending(a.id, 'A2')]),
        store.recordQuotes(b.id, [pending(b.id, 'B1')]),
        store.recordQuotes(a.id, [pending(a.id, 'A3')]),
        // No such request: its events break a foreign key, and only its own write fails.
        store.recordQuotes('qr_missing', [pending('qr_missing', 'X')]).catch((error: Error) => error),
      ]);
      expect(firstOfA.map((e) => [e.n, e.payload.id])).toEqual([
        [2, `${a.id}:pace:A1`],
        [3, `${a.id}:pace:A2`],
      ]);
      expect(secondOfA.map((e) => e.n)).toEqual([4]);
      expect(ofB.map((e) => [e.n, e.payload.id])).toEqual([[1, `${b.id}:pace:B1`]]);
      expect(ofNone).toBeInstanceOf(Error);
      // The batch of three failed on the missing request, so its two good writes went again on their own; then `a`'s second.
      expect(statements).toBe(5);
      expect(told.filter((t) => t.requestId === b.id).flatMap((t) => t.events.map((e) => e.n))).toEqual([1]);
      expect((await store.eventsSince(a.id, 0)).map((e) => e.n)).toEqual([1, 2, 3, 4]);
      // Recorded again (a run resumed after a crash): nothing new, nothing told.
      expect(await store.recordQuotes(b.id, [pending(b.id, 'B1')])).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
