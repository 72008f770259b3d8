/** What the data-at-rest tests share: the whole database as text, what must not be in it, a priced quote. */
import { expect } from 'vitest';
import type { QuoteRequestBody } from '../../../contract/index.ts';
import type { Database } from '../../../server/db/index.ts';
import { bearer, call } from '../../helpers/http.ts';

/** Every row of every table, as one string. */
export async function everyRow(db: Database): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['sessions', 'submissions', 'connections', 'webhook_endpoints']));
  const dump: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables) dump[table] = await db.query(`SELECT * FROM "${table}"`);
  return JSON.stringify(dump);
}

/** What must never be stored in clear text about this shopper. */
export function personalValues(applicant: QuoteRequestBody): string[] {
  return [
    applicant.contact.email,
    applicant.contact.phone!.slice(2),
    ...applicant.drivers.flatMap((d) => [d.lastName, d.dateOfBirth, d.license.number!]),
  ];
}

/** Asks for quotes and waits for a priced one. */
export async function pricedQuote(url: string, token: string, applicant: QuoteRequestBody) {
  const created = await call(`${url}/v1/quote-requests`, { method: 'POST', headers: bearer(token), json: applicant });
  expect(created.status).toBe(202);
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const snapshot = await call(`${url}/v1/quote-requests/${created.body.id}`, { headers: bearer(token) });
    const quote = snapshot.body.quotes.find((q: any) => q.status === 'complete' && q.payPlans?.length);
    if (quote) return { quoteRequestId: created.body.id as string, quote };
  }
  throw new Error('no priced quote in time');
}
