/**
 * Fidelity to the seed: its example responses parse with the client's
 * schemas, and its example requests, sent as printed, get the documented kind
 * of answer from the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Carriers,
  Confirmation,
  Employees,
  LeadDetails,
  LeadQuotes,
  LeadSearchResponse,
  LeadSources,
  LoginResponse,
  Pipelines,
  ProductLines,
} from '../../../../server/vendors/agencyzoom/schemas.ts';
import { get, post, type Sandbox, startSandbox } from './harness.ts';
import * as seed from './seed-examples.ts';

describe("the seed's example responses parse with the client schemas", () => {
  it.each([
    ['login', LoginResponse, seed.loginResponse],
    ['confirmation', Confirmation, seed.confirmationResponse],
    ['lead details', LeadDetails, seed.leadDetailsResponse],
    ['lead search', LeadSearchResponse, seed.leadSearchResponse],
    ['lead quotes', LeadQuotes, seed.leadQuotesResponse],
    ['pipelines and stages', Pipelines, seed.pipelinesResponse],
    ['lead sources', LeadSources, seed.leadSourcesResponse],
    ['employees', Employees, seed.employeesResponse],
    ['carriers', Carriers, seed.carriersResponse],
    ['product lines', ProductLines, seed.productLinesResponse],
  ] as const)('%s', (_name, schema, example) => {
    const parsed = schema.safeParse(example);
    expect(parsed.success, parsed.error?.message).toBe(true);
  });

  it('and a body that is not the documented shape does not parse', () => {
    expect(LeadDetails.safeParse({ firstname: 'no id' }).success).toBe(false);
    expect(LoginResponse.safeParse({ token: 'x' }).success).toBe(false);
    expect(LeadSearchResponse.safeParse({ leads: 'none' }).success).toBe(false);
  });
});

describe("the seed's example requests, sent as printed, get the documented answers", () => {
  let sandbox: Sandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await sandbox.login();
  });
  afterAll(() => sandbox.close());

  it("log in: 200 { jwt, ownerAgent } for the sandbox account (the sample's version field included)", async () => {
    const res = await post(sandbox.url, '/v1/api/auth/login', {
      ...seed.loginRequest,
      username: 'agent@pleasantville.example',
      password: 'sandbox-password',
    });
    expect(res.status).toBe(200);
    expect(LoginResponse.parse(res.body)).toEqual({ jwt: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), ownerAgent: true });
  });

  it("log in with the sample's placeholder credentials: 400 Invalid user name and/or password", async () => {
    const res = await post(sandbox.url, '/v1/api/auth/login', seed.loginRequest);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Invalid user name and/or password', id: 0, result: false });
  });

  it('create lead: 200 confirmation with the new lead id, and the lead reads back as sent', async () => {
    const res = await post(sandbox.url, '/v1/api/leads/create', seed.leadCreateRequest, token);
    expect(res.status).toBe(200);
    const confirmation = Confirmation.parse(res.body);
    expect(confirmation).toMatchObject({ result: true, id: expect.any(Number) });

    const details = await get(sandbox.url, `/v1/api/leads/${confirmation.id}`, token);
    expect(details.status).toBe(200);
    const lead = LeadDetails.parse(details.body);
    expect(lead).toMatchObject({
      id: confirmation.id,
      firstname: 'string',
      email: 'string',
      country: 'string',
      workflowId: 0,
      workflowStageId: 0,
      leadSourceId: 0,
      assignedTo: 0,
      xDate: '2019-01-01',
      soldDate: '2019-01-01',
      comments: 'string',
      tagNames: ['string'],
      status: 0,
      quotes: [],
    });
    // Every key of the documented lead-details sample is in the answer.
    expect(Object.keys(details.body).sort()).toEqual(Object.keys(seed.leadDetailsResponse).sort());
  });

  it('search leads: 200 with the documented page shape', async () => {
    const res = await post(sandbox.url, '/v1/api/leads/list', seed.leadSearchRequest, token);
    expect(res.status).toBe(200);
    const page = LeadSearchResponse.parse(res.body);
    // The sample filters on placeholder values no lead has, so the page is empty.
    expect(page).toEqual({ totalCount: 0, page: 0, pageSize: 20, leads: [], quoteAmount: 0 });
  });

  it('create a lead quote: 200 confirmation with the quote id; get lead quotes lists it', async () => {
    const created = await post(sandbox.url, '/v1/api/leads/create', seed.leadCreateRequest, token);
    const leadId = created.body.id as number;
    const res = await post(sandbox.url, `/v1/api/leads/${leadId}/quotes`, seed.leadQuoteCreateRequest, token);
    expect(res.status).toBe(200);
    const confirmation = Confirmation.parse(res.body);
    expect(confirmation.result).toBe(true);

    const list = await get(sandbox.url, `/v1/api/leads/${leadId}/quotes`, token);
    expect(list.status).toBe(200);
    const quotes = LeadQuotes.parse(list.body);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ id: confirmation.id, carrierId: 0, productLineId: 0, items: 1, premium: 300 });
    expect(Object.keys(list.body[0]).sort()).toEqual(Object.keys(seed.leadQuotesResponse[0]!).sort());
  });

  it.each([
    ['/v1/api/pipelines-and-stages', Pipelines, seed.pipelinesResponse],
    ['/v1/api/lead-sources', LeadSources, seed.leadSourcesResponse],
    ['/v1/api/employees', Employees, seed.employeesResponse],
    ['/v1/api/carriers', Carriers, seed.carriersResponse],
    ['/v1/api/product-lines', ProductLines, seed.productLinesResponse],
  ] as const)('GET %s: a non-empty list in the documented shape', async (path, schema, example) => {
    const res = await get(sandbox.url, path, token);
    expect(res.status).toBe(200);
    const list = schema.parse(res.body);
    expect(list.length).toBeGreaterThan(0);
    expect(Object.keys(res.body[0]).sort()).toEqual(Object.keys(example[0]!).sort());
  });
});
