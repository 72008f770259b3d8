/**
 * Quote and policy records: info by number and by email, and their drivers,
 * vehicles and coverages; plus POST /quote/rate, which adds a quote. The two
 * families share their shape and differ in wording ("Quote X not found",
 * "Policy X not found"), exactly as the seed spells each.
 */
import { type Context, Hono } from 'hono';
import { badRequest } from './answers.ts';
import { checkRateRequest } from './rate-rules.ts';
import { ratedQuote } from './rated-quote.ts';
import type { PaceRecords, PolicyRecord, QuoteRecord } from './records.ts';
import type { VehicleCatalogue } from './vehicles.ts';

type Shelf = PaceRecords['quotes'] | PaceRecords['policies'];
type Wording = { noun: 'Quote' | 'Policy'; plural: 'quotes' | 'policies' };

/** A JSON body, or a documented-shape 400 when the body is not JSON. */
async function jsonBody(c: Context): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  try {
    return { ok: true, body: await c.req.json() };
  } catch {
    return { ok: false, response: badRequest('The request body is not valid JSON') };
  }
}

function recordRoutes(shelf: Shelf, { noun, plural }: Wording): Hono {
  const app = new Hono();
  const lower = noun.toLowerCase();
  const find = (c: Context) => shelf.get(c.req.param('policynumber') ?? '') as QuoteRecord | PolicyRecord | undefined;
  const missing = (c: Context) => badRequest(`${noun} ${c.req.param('policynumber')} not found`);

  app.post('/info/email', async (c) => {
    const read = await jsonBody(c);
    if (!read.ok) return read.response;
    const email = (read.body as { emailAddress?: unknown } | null)?.emailAddress;
    if (typeof email !== 'string' || email.trim() === '') return badRequest('emailAddress is required');
    const found = shelf.byEmail(email);
    return found.length > 0 ? c.json(found.map((r) => r.info)) : badRequest(`No ${plural} found tied to email ${email}`);
  });

  app.get('/:policynumber/info', (c) => {
    const record = find(c);
    return record ? c.json(record.info) : missing(c);
  });
  app.get('/:policynumber/drivers', (c) => {
    const record = find(c);
    if (!record) return missing(c);
    return record.drivers.length > 0 ? c.json(record.drivers) : badRequest(`No drivers found for ${lower} ${record.info.policyNumber}`);
  });
  app.get('/:policynumber/vehicles', (c) => {
    const record = find(c);
    if (!record) return missing(c);
    return record.vehicles.length > 0 ? c.json(record.vehicles) : badRequest(`No vehicles found for ${lower} ${record.info.policyNumber}`);
  });
  app.get('/:policynumber/coverages', (c) => {
    const record = find(c);
    if (!record) return missing(c);
    return record.coverages && record.vehicles.length > 0
      ? c.json(record.coverages)
      : badRequest(`No vehicles found on ${noun} ${record.info.policyNumber}`);
  });
  return app;
}

export function quoteRoutes(records: PaceRecords, catalogue: VehicleCatalogue, now: () => Date): Hono {
  const app = new Hono();
  app.post('/rate', async (c) => {
    const read = await jsonBody(c);
    if (!read.ok) return read.response;
    const checked = checkRateRequest(read.body, now(), catalogue);
    if (!checked.ok) return checked.response;
    const { answer, record } = ratedQuote(checked.value, now());
    records.quotes.put(record);
    return c.json(answer);
  });
  app.route('/', recordRoutes(records.quotes, { noun: 'Quote', plural: 'quotes' }));
  return app;
}

export const policyRoutes = (records: PaceRecords): Hono => recordRoutes(records.policies, { noun: 'Policy', plural: 'policies' });
