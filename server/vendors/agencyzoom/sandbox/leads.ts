/**
 * Lead routes: create, details, search, and a lead's quotes. The sandbox checks
 * what the seed documents (required fields and their types) and nothing it
 * does not: the seed's own examples send placeholder ids (`"pipelineId": 0`,
 * `"carrierId": 0`), so unknown ids are kept as given, with their names left
 * null in the answers.
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { LeadCreateRequest, LeadQuoteCreateRequest, LeadSearchRequest } from '../schemas.ts';
import { EMPLOYEES } from './agency.ts';
import { confirmed, invalid } from './answers.ts';
import type { SandboxEnv } from './auth.ts';
import { searchLeads, searchProblem } from './search.ts';
import type { LeadStore, StoredLead } from './store.ts';
import { check, readBody } from './validate.ts';
import { dateOf, leadView, quoteView } from './views.ts';

export function leadRoutes(store: LeadStore, now: () => Date): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.post('/v1/api/leads/create', async (c) => {
    const body = await readBody(c);
    const lead = body.ok ? check(LeadCreateRequest, body.data) : body;
    if (!lead.ok) return invalid(c, lead.detail);
    const creator = EMPLOYEES.find((e) => e.email?.toLowerCase() === c.get('account'))?.id ?? null;
    const created = store.create(lead.data, creator);
    return confirmed(c, created.id, 'Lead created');
  });

  app.post('/v1/api/leads/list', async (c) => {
    const body = await readBody(c);
    const query = body.ok ? check(LeadSearchRequest, body.data) : body;
    if (!query.ok) return invalid(c, query.detail);
    const today = dateOf(now());
    const problem = searchProblem(query.data, today);
    if (problem) return invalid(c, problem);
    return c.json(searchLeads(store.all(), query.data, today));
  });

  app.get('/v1/api/leads/:leadId', (c) => {
    const lead = findLead(c, store);
    return lead instanceof Response ? lead : c.json(leadView(lead));
  });

  app.get('/v1/api/leads/:leadId/quotes', (c) => {
    const lead = findLead(c, store);
    return lead instanceof Response ? lead : c.json(lead.quotes.map(quoteView));
  });

  app.post('/v1/api/leads/:leadId/quotes', async (c) => {
    const lead = findLead(c, store);
    if (lead instanceof Response) return lead;
    const body = await readBody(c);
    const quote = body.ok ? check(LeadQuoteCreateRequest, body.data) : body;
    if (!quote.ok) return invalid(c, quote.detail);
    // The answer carries the new quote's id (the seed's 2023.11.07 change log fixed its absence).
    return confirmed(c, store.addQuote(lead, quote.data).id, 'Quote created');
  });

  return app;
}

/** The lead named in the path, or the 400 AgencyZoom documents for a bad parameter (it documents no 404). */
function findLead(c: Context<SandboxEnv>, store: LeadStore): StoredLead | Response {
  const raw = c.req.param('leadId') ?? '';
  if (!/^\d{1,15}$/.test(raw)) return invalid(c, 'leadId must be an integer');
  return store.get(Number(raw)) ?? invalid(c, `lead ${raw} does not exist`);
}
