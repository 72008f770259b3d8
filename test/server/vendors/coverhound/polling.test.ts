/**
 * Polling and the carriers behind it: each carrier answers after its own
 * delay, one always declines, one always fails the way the documentation's
 * "integration issue" example does, and the client with the mapping turns
 * each answer into canonical quote fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, usToday } from '../../../../contract/primitives.ts';
import { QUOTING_CARRIER_CODES } from '../../../../server/vendors/coverhound/carriers.ts';
import { allSettled, quoteFieldsFor, toCoverHoundQuoteRequest } from '../../../../server/vendors/coverhound/map.ts';
import { SANDBOX_CARRIERS } from '../../../../server/vendors/coverhound/sandbox/carriers.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { garciaHousehold, walshHousehold } from './canonical.ts';
import { manualClock, type SandboxHarness, startSandbox, thrown } from './harness.ts';

const ALL = [...QUOTING_CARRIER_CODES, 'ESRNC' as const];

describe('CoverHound polling on a hand-moved clock', () => {
  const clock = manualClock();
  let sandbox: SandboxHarness;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, delayScale: 1 });
  });
  afterAll(() => sandbox?.close());

  it('shows each carrier started until its own delay has passed, then its outcome', async () => {
    const client = sandbox.client();
    const request = toCoverHoundQuoteRequest(garciaHousehold(), { userId: 'garcia-1', carriers: ALL });
    const { transactionId, userId } = await client.startQuote(request);
    expect(userId).toBe('garcia-1');

    const first = await client.pollQuotes(transactionId);
    expect(first.quotes.map((q) => q.carrierCode)).toEqual(ALL);
    expect(first.quotes.every((q) => q.status === 'started' && !q.payPlans && !q.error)).toBe(true);

    // The delays are all different, so the carriers land one at a time, fastest first.
    const byDelay = [...ALL].sort((a, b) => SANDBOX_CARRIERS[a].delayMs - SANDBOX_CARRIERS[b].delayMs);
    expect(new Set(ALL.map((code) => SANDBOX_CARRIERS[code].delayMs)).size).toBe(ALL.length);
    let elapsed = 0;
    for (const [i, code] of byDelay.entries()) {
      clock.advance(SANDBOX_CARRIERS[code].delayMs - elapsed);
      elapsed = SANDBOX_CARRIERS[code].delayMs;
      const answer = await client.pollQuotes(transactionId);
      const done = answer.quotes.filter((q) => q.status !== 'started').map((q) => q.carrierCode);
      expect(done.sort()).toEqual(byDelay.slice(0, i + 1).sort());
    }

    const final = await client.pollQuotes(transactionId);
    const fields = quoteFieldsFor(final, request.carriers, 'sandbox');
    expect(allSettled(fields)).toBe(true);
    const status = Object.fromEntries(fields.map((f) => [f.carrierCode, f.status]));
    expect(status).toMatchObject({ ACUIT: 'declined', KEMPR: 'error', ESRNC: 'complete', PROGR: 'complete', GENRL: 'complete' });
    expect(fields.filter((f) => f.status === 'complete')).toHaveLength(ALL.length - 2);
    expect(fields.find((f) => f.carrierCode === 'ACUIT')?.vendorMessage).toBe('Acuity does not wish to quote this risk type');
    expect(fields.find((f) => f.carrierCode === 'KEMPR')?.vendorMessage).toBe(
      'We are currently unable to provide a quote from Kemper for an unexpected reason. We will look to resolve shortly.',
    );
    for (const quote of fields.filter((f) => f.status === 'complete')) {
      expect(quote.termMonths).toBe(SANDBOX_CARRIERS[quote.carrierCode as keyof typeof SANDBOX_CARRIERS].termMonths);
      expect(quote.purchaseUrl).toMatch(/\/sandbox\/coverhound\/resume\//);
      expect(quote.purchasePhone).toBe('+18556419932');
      for (const plan of quote.payPlans ?? []) {
        expect(plan.downPaymentCents + plan.installments * plan.installmentCents).toBe(plan.totalPremiumCents);
      }
    }
    // Carriers price differently.
    const totals = fields.filter((f) => f.status === 'complete').map((f) => f.payPlans?.[0]?.totalPremiumCents);
    expect(new Set(totals).size).toBe(totals.length);
  });

  it('turns carriers an answer does not mention yet into pending quotes', async () => {
    const client = sandbox.client();
    const request = toCoverHoundQuoteRequest(walshHousehold(), { userId: 'walsh-2', carriers: ['GENRL', 'SAFEC'] });
    const { transactionId } = await client.startQuote(request);
    clock.advance(SANDBOX_CARRIERS.GENRL.delayMs);
    const answer = await client.pollQuotes(transactionId);
    const fields = quoteFieldsFor({ ...answer, quotes: answer.quotes.filter((q) => q.status !== 'started') }, request.carriers, 'sandbox');
    expect(fields.map((f) => [f.carrierCode, f.carrierName, f.status])).toEqual([
      ['GENRL', 'The General', 'complete'],
      ['SAFEC', 'Safeco', 'pending'],
    ]);
    expect(allSettled(fields)).toBe(false);
  });

  it('answers an unknown transactionId with 404, which the client reports as not_found', async () => {
    const error = await thrown(() => sandbox.client().pollQuotes('00000000-0000-0000-0000-000000000000'));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('not_found');
  });

  it('prices the same request the same way every time, under a new transaction each time', async () => {
    const client = sandbox.client();
    const request = toCoverHoundQuoteRequest(garciaHousehold(), { userId: 'garcia-2', carriers: ['PROGR', 'NTNWD'] });
    const [a, b] = await Promise.all([client.startQuote(request), client.startQuote(request)]);
    expect(a.transactionId).not.toBe(b.transactionId);
    clock.advance(10_000);
    const [answerA, answerB] = await Promise.all([client.pollQuotes(a.transactionId), client.pollQuotes(b.transactionId)]);
    expect(answerA.quotes.map((q) => q.payPlans)).toEqual(answerB.quotes.map((q) => q.payPlans));
    expect(answerA.customerId).toBe(answerB.customerId);
  });

  it('has preferred carriers decline a driver with a recent DUI while non-standard carriers quote', async () => {
    const client = sandbox.client();
    const body = garciaHousehold();
    body.incidents = [{ type: 'dui', description: 'DUI/DWI', date: addDays(usToday(), -300), driver: 0 }];
    const request = toCoverHoundQuoteRequest(body, { userId: 'garcia-dui', carriers: ['ESRNC', 'SAFEC', 'PROGR', 'GENRL', 'DAIRY'] });
    const { transactionId } = await client.startQuote(request);
    clock.advance(10_000);
    const fields = quoteFieldsFor(await client.pollQuotes(transactionId), request.carriers, 'sandbox');
    expect(Object.fromEntries(fields.map((f) => [f.carrierCode, f.status]))).toEqual({
      ESRNC: 'declined',
      SAFEC: 'declined',
      PROGR: 'complete',
      GENRL: 'complete',
      DAIRY: 'complete',
    });
  });

  it('serves the purchase link as a page listing the quotes', async () => {
    const client = sandbox.client();
    const request = toCoverHoundQuoteRequest(walshHousehold(), { userId: 'walsh-3', carriers: ['GENRL'] });
    const { transactionId } = await client.startQuote(request);
    clock.advance(10_000);
    const answer = await client.pollQuotes(transactionId);
    const page = await fetch(answer.purchaseUrl!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('The General');
    expect(html).toContain(`$${answer.quotes[0]?.payPlans?.[0]?.totalPremium}`);
  });
});

describe('CoverHound in real time (delays scaled down)', () => {
  let sandbox: SandboxHarness;
  beforeAll(async () => {
    sandbox = await startSandbox({ delayScale: 0.02 });
  });
  afterAll(() => sandbox?.close());

  it('a synchronous request waits for the slowest carrier and answers them all at once, without statuses', async () => {
    const request = toCoverHoundQuoteRequest(walshHousehold(), { userId: 'walsh-sync', carriers: ['GENRL', 'KEMPR', 'ACUIT'] });
    const started = Date.now();
    const answer = await sandbox.client().quote(request);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SANDBOX_CARRIERS.KEMPR.delayMs * 0.02 - 5);
    expect(answer.quotes.map((q) => [q.carrierCode, q.status, Boolean(q.payPlans), Boolean(q.error)])).toEqual([
      ['GENRL', undefined, true, false],
      ['KEMPR', undefined, false, true],
      ['ACUIT', undefined, false, true],
    ]);
    expect(quoteFieldsFor(answer, request.carriers, 'sandbox').map((f) => f.status)).toEqual(['complete', 'error', 'declined']);
  });

  it('polling every few milliseconds sees quotes arrive until every carrier has answered', async () => {
    const client = sandbox.client();
    const request = toCoverHoundQuoteRequest(garciaHousehold(), { userId: 'garcia-live' });
    const { transactionId } = await client.startQuote(request);
    const seen = new Set<number>();
    for (let polls = 0; polls < 200; polls++) {
      const fields = quoteFieldsFor(await client.pollQuotes(transactionId), request.carriers, 'sandbox');
      seen.add(fields.filter((f) => f.status !== 'pending').length);
      if (allSettled(fields)) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen.has(QUOTING_CARRIER_CODES.length)).toBe(true);
    // Quotes landed over several polls, not all at once.
    expect(seen.size).toBeGreaterThan(2);
  });
});
