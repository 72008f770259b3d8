/**
 * The quote runner against a real (embedded) database with stand-in sources,
 * for what the sandboxes cannot make happen on demand: a vendor answer that
 * does not fit our contract, and a database that fails while a run ends.
 */

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../server/db/index.ts';
import { QuoteRunner } from '../../../server/quotes/runner.ts';
import type { QuoteSource } from '../../../server/quotes/sources/source.ts';
import { QuoteStore } from '../../../server/quotes/store.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { testSealer } from '../../helpers/server.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ driver: 'pglite' });
});
afterAll(() => db?.close());

const silent = pino({ level: 'silent' });

function sourceAnswering(...quotes: Parameters<Parameters<QuoteSource['run']>[0]['report']>): QuoteSource {
  return {
    vendor: 'pace',
    displayName: 'PACE',
    carriersAsked: () => quotes.length,
    async run(context) {
      await context.report(...quotes);
      return { status: 'complete' };
    },
  };
}

async function runOnce(store: QuoteStore, runner: QuoteRunner) {
  const request = await store.create({
    sessionId: 'ses_test',
    clientId: 'acme',
    body: garciaHousehold(),
    vendors: runner.vendors,
    deadlineAt: new Date(Date.now() + 10_000),
    owner: runner.owner,
    leaseMs: runner.leaseMs,
  });
  runner.start(request);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return request;
}

describe('QuoteRunner', () => {
  it("shows a vendor answer that does not fit the contract as that carrier's error, and still finishes", async () => {
    const store = new QuoteStore(db, testSealer());
    const runner = new QuoteRunner(
      store,
      [
        sourceAnswering({
          carrierCode: 'ODD',
          carrierName: 'Odd Mutual',
          status: 'complete',
          termMonths: 6,
          payPlans: [{ name: '', downPaymentCents: 100, installmentCents: 100, installments: 5, totalPremiumCents: 600 }],
        }),
      ],
      silent,
    );
    const request = await runOnce(store, runner);
    const events = await store.eventsSince(request.id, 0);
    expect(events.map((e) => e.kind)).toEqual(['quote', 'done']);
    expect(events[0]!.payload).toMatchObject({
      carrierCode: 'ODD',
      status: 'error',
      messageCode: 'temporarily_unavailable',
      vendorMessage: 'Odd Mutual sent a quote we could not read',
    });
    await runner.stop();
  });

  it('survives the database failing while a run ends: nothing crashes, and the run is left for a sweep', async () => {
    const store = new QuoteStore(db, testSealer());
    const failing = Object.assign(Object.create(store), {
      settleRun: async () => {
        throw new Error('database went away');
      },
    }) as QuoteStore;
    const runner = new QuoteRunner(failing, [sourceAnswering({ carrierCode: 'P', carrierName: 'PACE', status: 'pending' })], silent);
    const request = await runOnce(failing, runner);
    // Still pending, still leased: a sweep (here or in another process) finishes it once the lease lapses.
    expect((await store.runs(request.id))[0]).toMatchObject({ status: 'pending' });
    await runner.stop();
  });

  it('hands work straight back once stopped instead of starting it', async () => {
    const store = new QuoteStore(db, testSealer());
    const runner = new QuoteRunner(store, [sourceAnswering({ carrierCode: 'P', carrierName: 'PACE', status: 'pending' })], silent);
    await runner.stop();
    const request = await runOnce(store, runner);
    expect(await store.eventsSince(request.id, 0)).toEqual([]);
    const [lease] = await db.query<{ lease_until: Date }>('SELECT lease_until FROM quote_vendor_runs WHERE quote_request_id = $1', [
      request.id,
    ]);
    expect(new Date(lease!.lease_until).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('a run out of tries ends every carrier it showed as pending with an error, so the request never ends with a quote still pending', async () => {
    const store = new QuoteStore(db, testSealer());
    // Shows one carrier as pending, then waits until it is stopped (a process that dies or hangs mid-run).
    const hanging: QuoteSource = {
      vendor: 'pace',
      displayName: 'PACE',
      carriersAsked: () => 1,
      async run(context) {
        await context.report({ carrierCode: 'P', carrierName: 'PACE', status: 'pending' });
        await new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason)));
        return { status: 'complete' };
      },
    };
    const first = new QuoteRunner(store, [hanging], silent);
    const request = await runOnce(store, first);
    await first.stop();

    // The next process to take the run over finds it out of tries.
    const next = new QuoteRunner(store, [hanging], silent, { maxAttempts: 1 });
    await next.sweep();
    await expect.poll(async () => (await store.eventsSince(request.id, 0)).map((e) => e.kind)).toEqual(['quote', 'quote', 'done']);
    const [, last] = await store.eventsSince(request.id, 0);
    expect(last!.payload).toMatchObject({ carrierCode: 'P', status: 'error', vendorMessage: 'PACE could not finish after 1 tries' });
    await next.stop();
  });
});
