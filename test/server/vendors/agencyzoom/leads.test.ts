/**
 * Leads and lead quotes through the client: what the sandbox receives is kept,
 * so a duplicate is visible through lead details and lead search, and each
 * documented error comes back as documented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyZoomClient } from '../../../../server/vendors/agencyzoom/client.ts';
import { toAgencyZoomLead, toAgencyZoomLeadQuote } from '../../../../server/vendors/agencyzoom/map.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { applicant, quote } from './fixtures.ts';
import { get, manualClock, post, type Sandbox, startSandbox } from './harness.ts';
import * as seed from './seed-examples.ts';

const INVALID = (detail: string) => ({ message: `Invalid request parameter(s): ${detail}`, id: 0, result: false });

describe('leads', () => {
  const clock = manualClock('2026-03-10T15:00:00Z');
  let sandbox: Sandbox;
  let client: AgencyZoomClient;
  let token: string;
  beforeAll(async () => {
    // The rate limit has its own tests; here it stays out of the way.
    sandbox = await startSandbox({ now: clock.now, rateLimit: { perMinute: 1000 } });
    client = sandbox.client({}, { now: clock.nowMs });
    token = await sandbox.login();
  });
  afterAll(() => sandbox.close());

  it('a mapped applicant becomes a lead routed as configured, with its quote attached', async () => {
    const refs = await client.leadRefs();
    const { leadId } = await client.createLead(toAgencyZoomLead(applicant, refs));
    const { quoteId } = await client.createLeadQuote(leadId, toAgencyZoomLeadQuote(quote, { items: applicant.vehicles.length }));

    const lead = await client.getLead(leadId);
    expect(lead).toMatchObject({
      id: leadId,
      firstname: 'Maria',
      middlename: 'Elena',
      lastname: 'Lopez',
      email: 'maria.lopez@example.com',
      phone: '(512) 555-0142',
      streetAddress: '4201 Speedway',
      city: 'Austin',
      state: 'TX',
      zip: '78751',
      country: 'US',
      birthday: '03/09/1988',
      xDate: applicant.priorInsurance!.expirationDate,
      workflowId: 1,
      workflowName: 'Personal Lines',
      workflowStageId: 11,
      workflowStageName: 'New Lead',
      leadSourceId: 101,
      leadSourceName: 'Dealer Website',
      assignedTo: 201,
      assignToFirstname: 'Pat',
      status: 1,
      createDate: '2026-03-10',
      quoteDate: '2026-03-10',
      totalQuotePremium: 1076,
      quoted: 1,
    });
    expect(lead.comments).toContain('2019 Toyota RAV4 XLE, VIN 2T3RWRFV3KW021971');
    expect(lead.quotes).toHaveLength(1);

    const quotes = await client.getLeadQuotes(leadId);
    expect(quotes).toEqual([
      expect.objectContaining({
        id: quoteId,
        carrierName: 'Progressive',
        standardCarrierCode: 'PROGR',
        productName: 'Personal Auto',
        standardProductLineCode: 'AUTOP',
        premium: 1076,
        items: 2,
      }),
    ]);
  });

  it('a lead sent twice is two leads, both found by lead search', async () => {
    const refs = await client.leadRefs();
    const email = 'twice.sent@example.com';
    const lead = { ...toAgencyZoomLead(applicant, refs), email };
    const first = await client.createLead(lead);
    const second = await client.createLead(lead);
    expect(second.leadId).not.toBe(first.leadId);

    const found = await client.searchLeads({ customerEmail: 'twice.sent@' });
    expect(found.totalCount).toBe(2);
    expect(found.leads.map((l) => l.id).sort()).toEqual([first.leadId, second.leadId].sort());
    expect((await client.getLead(second.leadId)).email).toBe(email);
  });

  it.each(seed.LEAD_REQUIRED_FIELDS)('create lead without %s: 400 naming it', async (field) => {
    const { [field]: _dropped, ...rest } = seed.leadCreateRequest;
    const res = await post(sandbox.url, '/v1/api/leads/create', rest, token);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(INVALID(`${field} is required`));
  });

  it('create lead with a wrongly typed or empty field: 400', async () => {
    const typed = await post(sandbox.url, '/v1/api/leads/create', { ...seed.leadCreateRequest, pipelineId: 'one' }, token);
    expect(typed).toMatchObject({ status: 400, body: INVALID('pipelineId must be a number') });
    const empty = await post(sandbox.url, '/v1/api/leads/create', { ...seed.leadCreateRequest, firstname: '' }, token);
    expect(empty).toMatchObject({ status: 400, body: INVALID('firstname is required') });
  });

  it("the client turns a refused lead into VendorError rejected with AgencyZoom's message, and sends it once", async () => {
    const { firstname: _f, ...noName } = seed.leadCreateRequest;
    const before = sandbox.requests.filter((r) => r === 'POST /v1/api/leads/create').length;
    const error = await client.createLead(noName as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({
      kind: 'rejected',
      message: 'AgencyZoom: Invalid request parameter(s): firstname is required',
      details: { status: 400 },
    });
    expect(sandbox.requests.filter((r) => r === 'POST /v1/api/leads/create').length - before).toBe(1);
  });

  it('an unknown or malformed lead id is 400 (the seed documents no 404)', async () => {
    expect(await get(sandbox.url, '/v1/api/leads/999999', token)).toMatchObject({
      status: 400,
      body: INVALID('lead 999999 does not exist'),
    });
    expect(await get(sandbox.url, '/v1/api/leads/abc/quotes', token)).toMatchObject({
      status: 400,
      body: INVALID('leadId must be an integer'),
    });
    const quoteOnNothing = await post(sandbox.url, '/v1/api/leads/999999/quotes', seed.leadQuoteCreateRequest, token);
    expect(quoteOnNothing.status).toBe(400);
    await expect(client.getLead(999999)).rejects.toMatchObject({ kind: 'rejected', details: { status: 400 } });
  });

  it('a lead quote needs a carrier and a product line (id or standard code), items and premium', async () => {
    const { leadId } = await client.createLead(toAgencyZoomLead(applicant, await client.leadRefs()));
    const path = `/v1/api/leads/${leadId}/quotes`;
    const noCarrier = await post(sandbox.url, path, { productLineId: 401, items: 1, premium: 300 }, token);
    expect(noCarrier).toMatchObject({ status: 400, body: INVALID('carrierId is required unless standardCarrierCode is provided') });
    const noLine = await post(sandbox.url, path, { standardCarrierCode: 'GEICO', items: 1, premium: 300 }, token);
    expect(noLine).toMatchObject({ status: 400, body: INVALID('productLineId is required unless standardProductLineCode is provided') });
    const noPremium = await post(sandbox.url, path, { carrierId: 324, productLineId: 401, items: 1 }, token);
    expect(noPremium).toMatchObject({ status: 400, body: INVALID('premium is required') });
    const byId = await post(sandbox.url, path, { carrierId: 324, productLineId: 401, items: 1, premium: 300 }, token);
    expect(byId.status).toBe(200);
    expect((await client.getLeadQuotes(leadId))[0]).toMatchObject({
      carrierName: 'Geico',
      standardCarrierCode: 'GEICO',
      productName: 'Personal Auto',
    });
  });
});

describe('lead search', () => {
  const clock = manualClock('2026-03-10T15:00:00Z');
  let sandbox: Sandbox;
  let client: AgencyZoomClient;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, rateLimit: { perMinute: 1000 } });
    client = sandbox.client({}, { now: clock.nowMs });
    const base = { pipelineId: 1, stageId: 11, leadSourceId: 101, assignTo: 201, country: 'US' };
    const people = [
      { key: 'ann', firstname: 'Ann', lastname: 'Zeller', email: 'ann@example.com', phone: '(512) 555-0100', leadSourceId: 102 },
      { key: 'bob', firstname: 'Bob', lastname: 'Young', email: 'bob@example.com', phone: '(737) 555-0101', soldDate: '2026-03-02' },
      { key: 'cy', firstname: 'Cy', lastname: 'Xu', email: 'cy@example.org', phone: '+447700900123', assignTo: 202, stageId: 12 },
    ];
    for (const { key, ...person } of people) {
      ids[key] = (await client.createLead({ ...base, ...person })).leadId;
      clock.advance(86_400_000); // one lead a day
    }
  });
  afterAll(() => sandbox.close());

  const idsOf = async (query: Parameters<AgencyZoomClient['searchLeads']>[0]) => (await client.searchLeads(query)).leads.map((l) => l.id);

  it('without filters: every lead, newest stage entry first, in the documented page shape', async () => {
    const page = await client.searchLeads();
    expect(page).toMatchObject({ totalCount: 3, page: 0, pageSize: 20, quoteAmount: 0 });
    expect(page.leads.map((l) => l.id)).toEqual([ids.cy, ids.bob, ids.ann]);
  });

  it('filters by name, email and phone prefix, phone list, ids, stage and dates', async () => {
    expect(await idsOf({ customerName: 'bo' })).toEqual([ids.bob]);
    expect(await idsOf({ customerName: 'ann zel' })).toEqual([ids.ann]);
    expect(await idsOf({ customerEmail: 'CY@' })).toEqual([ids.cy]);
    expect(await idsOf({ customerPhone: '(512) 555' })).toEqual([ids.ann]);
    expect(await idsOf({ customerPhoneList: ['7375550101', 2834] })).toEqual([ids.bob]);
    expect(await idsOf({ assignedTo: 202 })).toEqual([ids.cy]);
    expect(await idsOf({ leadSourceId: 102 })).toEqual([ids.ann]);
    expect(await idsOf({ workflowStageId: '12/13' })).toEqual([ids.cy]);
    expect(await idsOf({ startDate: '2026-03-11', endDate: '2026-03-11' })).toEqual([ids.bob]);
    expect(await idsOf({ creator: 201, status: 0, workflowId: 1 })).toHaveLength(3);
    expect(await idsOf({ soldPeriod: '2026-03-01|2026-03-05' })).toEqual([ids.bob]);
    expect(await idsOf({ soldPeriod: 'mtd' })).toEqual([ids.bob]);
    expect(await idsOf({ soldPeriod: 'lastyear' })).toEqual([]);
  });

  it('sorts by name either way and pages from 0', async () => {
    expect(await idsOf({ sort: 'firstname', order: 'asc' })).toEqual([ids.ann, ids.bob, ids.cy]);
    expect(await idsOf({ sort: 'lastname', order: 'asc' })).toEqual([ids.cy, ids.bob, ids.ann]);
    // "not in enum, or empty, default value is lastEnterStageDate"
    expect(await idsOf({ sort: 'nonsense', order: 'asc' })).toEqual([ids.ann, ids.bob, ids.cy]);
    const second = await client.searchLeads({ sort: 'firstname', order: 'asc', pageSize: 2, page: 1 });
    expect(second).toMatchObject({ totalCount: 3, page: 1, pageSize: 2 });
    expect(second.leads.map((l) => l.id)).toEqual([ids.cy]);
  });

  it('refuses what the seed rules out with 400', async () => {
    const token = await sandbox.login();
    for (const [query, detail] of [
      [{ pageSize: 101 }, 'pageSize is out of range'],
      [{ order: 'up' }, 'order is not valid'],
      [{ startDate: '03/01/2026' }, 'startDate must be a date like 2019-01-01'],
      [{ soldPeriod: 'someday' }, 'soldPeriod is not a known period'],
    ] as const) {
      const res = await post(sandbox.url, '/v1/api/leads/list', query, token);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body).toEqual(INVALID(detail));
    }
  });
});
