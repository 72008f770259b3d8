/**
 * The shopper's journey through live quotes, over HTTP against the real app
 * and both quoting sandboxes: one request fans out to CoverHound and PACE,
 * each carrier's answer streams in as it lands, and `done` closes the stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Quote } from '../../../contract/index.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { readEvents, type SseEvent } from '../../helpers/sse.ts';

afterAll(dropTestSchemas);

/** Carrier delays a tenth of the sandbox's (0.05–0.6 s): quick, yet still in a visible order. */
const FAST = { SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' };

async function startQuotes(server: TestServer, body: unknown = garciaHousehold(), token?: string) {
  const sessionToken = token ?? (await createSession(server.url)).sessionToken;
  const res = await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: body });
  return { res, sessionToken, id: res.body?.id as string };
}

const stream = (server: TestServer, id: string, token: string, lastEventId?: string) =>
  readEvents(`${server.url}/v1/quote-requests/${id}/stream`, bearer(token), { lastEventId, stopAfter: (e) => e.event === 'done' });

/** The last status each carrier reached in a stream. */
const finalQuotes = (events: SseEvent[]) => {
  const latest = new Map<string, any>();
  for (const e of events) if (e.event === 'quote') latest.set(e.data.id, e.data);
  return [...latest.values()];
};

describe.each(testDatabases())('live quotes on $name', (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: database.options(), env: FAST });
  });
  afterAll(() => server?.close());

  it('streams quotes from several carriers of both vendors as they land, then done', async () => {
    const { res, sessionToken, id } = await startQuotes(server);
    expect(res.status).toBe(202);
    // How many insurers are asked is known from the first answer: CoverHound's 13 quoting carriers and PACE's program.
    expect(res.body).toEqual({
      id: expect.stringMatching(/^qr_/),
      status: 'pending',
      vendors: [
        { vendor: 'coverhound', status: 'pending', carriersAsked: 13 },
        { vendor: 'pace', status: 'pending', carriersAsked: 1 },
      ],
      missing: [],
    });
    expect(res.headers.get('location')).toBe(`/v1/quote-requests/${id}`);
    const first = await call(`${server.url}/v1/quote-requests/${id}`, { headers: bearer(sessionToken) });
    expect(first.body.vendors.map((v: any) => v.carriersAsked)).toEqual([13, 1]);

    const { status, events } = await stream(server, id, sessionToken);
    expect(status).toBe(200);
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { id, status: 'complete' } });
    const quotes = finalQuotes(events);
    // Every insurer asked shows up, and each one shows as pending before its answer.
    expect(quotes).toHaveLength(14);
    for (const quote of quotes) {
      const seen = events.filter((e) => e.event === 'quote' && e.data.id === quote.id).map((e) => e.data.status);
      expect(seen[0]).toBe('pending');
    }
    const complete = quotes.filter((q) => q.status === 'complete');
    expect(new Set(complete.map((q) => q.vendor))).toEqual(new Set(['coverhound', 'pace']));
    expect(complete.filter((q) => q.vendor === 'coverhound').length).toBeGreaterThanOrEqual(5);
  });

  it('gives each priced quote its term, monthly, total and down payment for that term, and the coverage it was rated for', async () => {
    const body = garciaHousehold();
    const { sessionToken, id } = await startQuotes(server, body);
    const quotes = finalQuotes((await stream(server, id, sessionToken)).events).filter((q) => q.status === 'complete');
    expect(quotes.length).toBeGreaterThanOrEqual(5);
    // 6-month and 12-month offers both come back: the term is what makes them comparable.
    expect(new Set(quotes.map((q) => q.price.termMonths))).toEqual(new Set([6, 12]));
    for (const quote of quotes) {
      const plans = quote.payPlans as any[];
      const monthly = plans.find((p) => p.installments > 0)!;
      expect(quote.price).toEqual({
        termMonths: quote.termMonths,
        totalCents: Math.min(...plans.map((p) => p.totalPremiumCents)),
        downPaymentCents: monthly.downPaymentCents,
        monthlyCents: monthly.installmentCents,
        installments: monthly.installments,
        monthlyTotalCents: monthly.totalPremiumCents,
      });
      expect(quote.coverage).toEqual(body.coverage);
      expect(Quote.parse(quote)).toEqual(quote);
    }
  });

  it("words every decline and failure by code, keeping the insurer's own text for the dealer", async () => {
    const { sessionToken, id } = await startQuotes(server);
    const quotes = finalQuotes((await stream(server, id, sessionToken)).events);
    // The sandbox's Acuity always declines, and Kemper always fails with the documented "integration issue".
    expect(quotes.find((q) => q.carrierCode === 'ACUIT')).toMatchObject({
      status: 'declined',
      messageCode: 'declined_for_profile',
      message: 'Acuity does not offer a quote for these details.',
      vendorMessage: 'Acuity does not wish to quote this risk type',
    });
    expect(quotes.find((q) => q.carrierCode === 'KEMPR')).toMatchObject({
      status: 'error',
      messageCode: 'temporarily_unavailable',
      message: 'Kemper could not give a quote right now. Try again later.',
      vendorMessage: expect.stringMatching(/We will look to resolve shortly/),
    });
    for (const quote of quotes.filter((q) => q.status !== 'complete')) expect(quote.message).not.toMatch(/resolve shortly|wish to/);
  });

  it('names the PACE program as a carrier, never as a sandbox', async () => {
    const { sessionToken, id } = await startQuotes(server);
    const quotes = finalQuotes((await stream(server, id, sessionToken)).events);
    expect(quotes.find((q) => q.vendor === 'pace')).toMatchObject({
      id: `${id}:pace:PLMUT`,
      carrierCode: 'PLMUT',
      carrierName: 'Pleasantville Mutual',
    });
    // What the widget shows of any quote: names, codes and messages.
    const shown = quotes.flatMap((q) => [q.carrierName, q.carrierCode, q.message ?? '']);
    expect(shown.join(' ')).not.toMatch(/sandbox/i);
  });

  it('answers the snapshot with every quote, and replays a finished stream then ends it', async () => {
    const { sessionToken, id } = await startQuotes(server);
    const live = await stream(server, id, sessionToken);
    const snapshot = await call(`${server.url}/v1/quote-requests/${id}`, { headers: bearer(sessionToken) });
    expect(snapshot.status).toBe(200);
    expect(snapshot.body).toMatchObject({
      id,
      status: 'complete',
      vendors: [
        { vendor: 'coverhound', status: 'complete' },
        { vendor: 'pace', status: 'complete' },
      ],
    });
    expect(snapshot.body.quotes).toEqual(finalQuotes(live.events));
    const replay = await stream(server, id, sessionToken);
    expect(replay.events).toEqual(live.events);
  });

  it('resumes a stream after the Last-Event-ID it saw, with nothing repeated or lost', async () => {
    const { sessionToken, id } = await startQuotes(server);
    const full = await stream(server, id, sessionToken);
    const cut = full.events[4]!;
    const resumed = await stream(server, id, sessionToken, cut.id);
    expect(resumed.events).toEqual(full.events.slice(5));
  });

  it('answers 204 to a client that already has done, so it stops reconnecting', async () => {
    const { sessionToken, id } = await startQuotes(server);
    const full = await stream(server, id, sessionToken);
    const done = full.events.at(-1)!;
    for (const lastEventId of [done.id!, '999']) {
      const after = await readEvents(`${server.url}/v1/quote-requests/${id}/stream`, bearer(sessionToken), {
        lastEventId,
        timeoutMs: 3_000,
      });
      expect(after.status).toBe(204);
      expect(after.events).toEqual([]);
    }
    // Resuming before done still gets the rest, done included.
    const rest = await stream(server, id, sessionToken, full.events.at(-3)!.id);
    expect(rest.events).toEqual(full.events.slice(-2));
  });

  it('keeps a quote request to the session that made it: another session is told it does not exist', async () => {
    const { id } = await startQuotes(server);
    const stranger = (await createSession(server.url)).sessionToken;
    expect((await call(`${server.url}/v1/quote-requests/${id}`, { headers: bearer(stranger) })).status).toBe(404);
    expect((await stream(server, id, stranger)).status).toBe(404);
    expect((await call(`${server.url}/v1/quote-requests/qr_nope`, { headers: bearer(stranger) })).body.error.code).toBe('not_found');
  });

  it('rejects an invalid applicant with 400 and field paths, before asking any vendor', async () => {
    const body = garciaHousehold();
    body.drivers[1]!.dateOfBirth = '07/02/1980';
    body.vehicles[0]!.primaryDriver = 5;
    const { res } = await startQuotes(server, body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject({
      'drivers.1.dateOfBirth': ['Date of birth must be a date like 1986-12-26'],
      'vehicles.0.primaryDriver': [expect.stringContaining('Primary driver')],
    });
  });

  it('refuses sessions that do not offer quotes, and requests without a session', async () => {
    const lookupOnly = (await createSession(server.url, { products: ['lookup'] })).sessionToken;
    expect((await startQuotes(server, garciaHousehold(), lookupOnly)).res.status).toBe(403);
    const anonymous = await call(`${server.url}/v1/quote-requests`, { method: 'POST', json: garciaHousehold() });
    expect(anonymous.status).toBe(401);
  });
});

describe('when a vendor fails', () => {
  it('one vendor down: its quote says so plainly and the other vendor still answers', async () => {
    const server = await startTestServer({ env: { ...FAST, SANDBOX_PACE_OUTAGE: 'true' } });
    try {
      const { sessionToken, id } = await startQuotes(server);
      const { events } = await stream(server, id, sessionToken);
      expect(events.at(-1)?.event).toBe('done');
      const quotes = finalQuotes(events);
      const pace = quotes.filter((q) => q.vendor === 'pace');
      expect(pace).toHaveLength(1);
      expect(pace[0]).toMatchObject({
        status: 'error',
        messageCode: 'temporarily_unavailable',
        message: 'Pleasantville Mutual could not give a quote right now. Try again later.',
        vendorMessage: expect.stringMatching(/^PACE: /),
      });
      expect(quotes.filter((q) => q.vendor === 'coverhound' && q.status === 'complete').length).toBeGreaterThanOrEqual(5);
      const snapshot = await call(`${server.url}/v1/quote-requests/${id}`, { headers: bearer(sessionToken) });
      expect(snapshot.body.vendors).toContainEqual({ vendor: 'pace', status: 'error', carriersAsked: 1, message: expect.any(String) });
    } finally {
      await server.close();
    }
  });

  it('one vendor rejecting the applicant: a declined quote says why, the other vendor still quotes', async () => {
    // PACE writes only California here, so a Texas household is PACE's to decline.
    const server = await startTestServer({ env: { ...FAST, PACE_STATES: 'CA' } });
    try {
      const { sessionToken, id } = await startQuotes(server);
      const quotes = finalQuotes((await stream(server, id, sessionToken)).events);
      const pace = quotes.filter((q) => q.vendor === 'pace');
      expect(pace).toEqual([
        expect.objectContaining({
          status: 'declined',
          messageCode: 'declined_for_profile',
          vendorMessage: expect.stringMatching(/TX|Texas/),
        }),
      ]);
      expect(quotes.some((q) => q.vendor === 'coverhound' && q.status === 'complete')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a vendor that cannot express the applicant declines with the reason; nothing is guessed', async () => {
    const server = await startTestServer({ env: FAST });
    try {
      const body = garciaHousehold();
      body.drivers[1]!.gender = 'non_binary';
      const { sessionToken, id } = await startQuotes(server, body);
      const quotes = finalQuotes((await stream(server, id, sessionToken)).events);
      // Each of CoverHound's carriers is declined, so the shopper sees every insurer asked and why none could quote.
      const coverhound = quotes.filter((q) => q.vendor === 'coverhound');
      expect(coverhound).toHaveLength(13);
      for (const quote of coverhound)
        expect(quote).toMatchObject({
          status: 'declined',
          messageCode: 'declined_for_profile',
          vendorMessage: expect.stringMatching(/gender/i),
        });
    } finally {
      await server.close();
    }
  });

  it('a vendor needing an answer the shopper has not given says which field: needs_information', async () => {
    const server = await startTestServer({ env: FAST });
    try {
      const body = garciaHousehold();
      delete body.drivers[0]!.occupation;
      body.drivers[0]!.employment = 'employed';
      const { sessionToken, id } = await startQuotes(server, body);
      const quotes = finalQuotes((await stream(server, id, sessionToken)).events);
      const coverhound = quotes.filter((q) => q.vendor === 'coverhound');
      expect(coverhound).toHaveLength(13);
      for (const quote of coverhound)
        expect(quote).toMatchObject({
          status: 'declined',
          messageCode: 'needs_information',
          neededFields: ['drivers.0.occupation'],
          message: `${quote.carrierName} needs a few more answers to give a quote.`,
        });
    } finally {
      await server.close();
    }
  });

  it('the overall deadline ends the wait: carriers still working get an error, and done follows', async () => {
    // Carriers take 5–60 s; the request waits 1 s: done comes long before any carrier could answer, even on a busy machine.
    const server = await startTestServer({
      env: { COVERKIT_QUOTE_DEADLINE_SECONDS: '1', COVERHOUND_POLL_INTERVAL_MS: '50', SANDBOX_COVERHOUND_DELAY_SCALE: '10' },
    });
    try {
      const started = Date.now();
      const { sessionToken, id } = await startQuotes(server);
      const { events } = await stream(server, id, sessionToken);
      const elapsed = Date.now() - started;
      expect(events.at(-1)?.event).toBe('done');
      // Nowhere near the slowest carrier's minute.
      expect(elapsed).toBeLessThan(30_000);
      const quotes = finalQuotes(events);
      expect(quotes.every((q) => q.status !== 'pending')).toBe(true);
      // Every CoverHound carrier (the quickest needs 5 s) was still working when the wait ended.
      const coverhound = quotes.filter((q) => q.vendor === 'coverhound');
      expect(coverhound.length).toBeGreaterThan(0);
      for (const quote of coverhound)
        expect(quote).toMatchObject({
          status: 'error',
          messageCode: 'temporarily_unavailable',
          vendorMessage: expect.stringMatching(/did not answer in time|stopped waiting/i),
        });
      const snapshot = await call(`${server.url}/v1/quote-requests/${id}`, { headers: bearer(sessionToken) });
      expect(snapshot.body.vendors).toContainEqual({
        vendor: 'coverhound',
        status: 'error',
        carriersAsked: 13,
        message: 'We stopped waiting for CoverHound after 1 seconds',
      });
    } finally {
      await server.close();
    }
  });
});
