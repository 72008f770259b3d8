/**
 * The seed document's own examples, through HTTP: its example request is
 * accepted and answered the documented way, its example responses parse with
 * the client's schemas, and each documented error is reproduced exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toQuoteFields } from '../../../../server/vendors/coverhound/map.ts';
import {
  CoverHoundPollingStarted,
  CoverHoundQuoteResponse,
  CoverHoundValidationError,
} from '../../../../server/vendors/coverhound/schemas.ts';
import { type SandboxHarness, startSandbox } from './harness.ts';
import {
  SEED_400,
  SEED_401,
  SEED_503,
  SEED_DECLINED_RESPONSE,
  SEED_INTEGRATION_ISSUE_RESPONSE,
  SEED_POLLING_STARTED,
  SEED_SUCCESS_RESPONSE,
  SEED_TOKEN_REQUEST,
  seedQuoteRequest,
} from './seed-examples.ts';

describe('CoverHound seed examples', () => {
  let sandbox: SandboxHarness;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await sandbox.token();
  });
  afterAll(() => sandbox?.close());

  it('exchanges the example credentials for a token answered as a bare JSON string', async () => {
    const res = await sandbox.call('/api/oauth/access_token', { method: 'POST', json: SEED_TOKEN_REQUEST });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers the example request, sent as printed, with a 201 quote from Esurance', async () => {
    const request = seedQuoteRequest();
    const res = await sandbox.call('/api/auto/quotes', { method: 'POST', headers: { 'Access-Token': token }, json: request });
    expect(res.status).toBe(201);
    const answer = CoverHoundQuoteResponse.parse(res.body);
    expect(answer.userId).toBe('john.walsh.id');
    expect(answer.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.customerId).toEqual(expect.any(Number));
    expect(answer.quotes).toHaveLength(1);
    const [quote] = answer.quotes;
    expect(quote).toMatchObject({ carrierCode: 'ESRNC', carrierName: 'Esurance' });
    // Synchronous answers carry no status, as in the documented examples.
    expect(quote).not.toHaveProperty('status');
    expect(quote?.payPlans?.map((plan) => plan.payPlanName)).toEqual(['Pay in Full', 'Monthly, Automatic Payments']);
    expect(quote?.payPlans?.[0]).toMatchObject({ termLength: 6, installment: '0.0', numInstallments: 0 });
    // "The same representation of coverages as in the request but with … default values".
    expect(answer.coverages).toEqual({
      policy: request.coverages.policy,
      vehicles: [{ coll: 0, comp: 0, tl: 0, rrDay: 0, rrMonth: 0 }],
    });
    expect(answer.purchaseUrl).toMatch(new RegExp(`^${sandbox.baseUrl}/resume/[0-9a-f-]{36}\\?source=202$`));
    expect(answer.purchasePhone).toBe('8556419932');
  });

  it('answers the example request with "usePolling": true with the documented userId and transactionId only', async () => {
    const res = await sandbox.call('/api/auto/quotes', {
      method: 'POST',
      headers: { 'Access-Token': token },
      json: { ...seedQuoteRequest(), usePolling: true },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['transactionId', 'userId']);
    expect(CoverHoundPollingStarted.parse(res.body).userId).toBe('john.walsh.id');
    const poll = await sandbox.call(`/api/auto/quotes/${res.body.transactionId}`, { headers: { 'Access-Token': token } });
    expect(poll.status).toBe(200);
    const answer = CoverHoundQuoteResponse.parse(poll.body);
    expect(answer.transactionId).toBe(res.body.transactionId);
    expect(['started', 'complete']).toContain(answer.quotes[0]?.status);
  });

  it('parses the documented successful quote and turns it into canonical quote fields in cents', () => {
    const answer = CoverHoundQuoteResponse.parse(SEED_SUCCESS_RESPONSE);
    expect(toQuoteFields(answer.quotes[0]!, answer, 'live')).toEqual({
      carrierCode: 'ESRNC',
      carrierName: 'Esurance',
      status: 'complete',
      termMonths: 6,
      payPlans: [
        { name: 'Pay in Full', downPaymentCents: 37690, installmentCents: 0, installments: 0, totalPremiumCents: 37690 },
        { name: 'Monthly, Automatic Payments', downPaymentCents: 12633, installmentCents: 6763, installments: 4, totalPremiumCents: 39685 },
      ],
      purchaseUrl: 'https://coverhound.com/resume/167565ae-83f4-45d5-b8e1-21032c29e41a?source=202',
      purchasePhone: '+18556419932',
    });
  });

  it('parses the documented "does not wish to write the risk" answer as a declined quote', () => {
    const answer = CoverHoundQuoteResponse.parse(SEED_DECLINED_RESPONSE);
    expect(toQuoteFields(answer.quotes[0]!, answer, 'live')).toEqual({
      carrierCode: 'ESRNC',
      carrierName: 'Esurance',
      status: 'declined',
      messageCode: 'declined_for_profile',
      vendorMessage: 'Esurance does not wish to quote this risk type',
    });
  });

  it('parses the documented "integration issue" answer as an error quote', () => {
    const answer = CoverHoundQuoteResponse.parse(SEED_INTEGRATION_ISSUE_RESPONSE);
    expect(toQuoteFields(answer.quotes[0]!, answer, 'live')).toMatchObject({
      status: 'error',
      messageCode: 'temporarily_unavailable',
      vendorMessage: expect.stringMatching(/^We are currently unable to provide a quote from Esurance/),
    });
  });

  it('parses the documented first polling answer', () => {
    expect(CoverHoundPollingStarted.parse(SEED_POLLING_STARTED)).toEqual(SEED_POLLING_STARTED);
  });

  it('reproduces the documented 400 for an ownership value not in the list, word for word', async () => {
    const request = seedQuoteRequest();
    request.applicant.vehicles[0]!.ownership = 'Owned';
    const res = await sandbox.call('/api/auto/quotes', { method: 'POST', headers: { 'Access-Token': token }, json: request });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(SEED_400);
    expect(CoverHoundValidationError.parse(res.body)).toEqual(SEED_400);
  });

  it('reproduces the documented 401 "Bad Key" for a missing and for an unknown token', async () => {
    const missing = await sandbox.call('/api/auto/quotes', { method: 'POST', json: seedQuoteRequest() });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual(SEED_401);
    const unknown = await sandbox.call('/api/auto/quotes', {
      method: 'POST',
      headers: { 'Access-Token': 'f3657af5975b2fd1b148307570a4c2fe' },
      json: seedQuoteRequest(),
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(SEED_401);
    expect(unknown.headers.get('X-Error-Detail')).toBe('Invalid token.');
  });

  it('reproduces the documented 503 body when the service is down', async () => {
    sandbox.faults.set({ outage: true });
    try {
      const res = await sandbox.call('/api/auto/quotes', { method: 'POST', headers: { 'Access-Token': token }, json: seedQuoteRequest() });
      expect(res.status).toBe(503);
      expect(res.body).toEqual(SEED_503);
    } finally {
      sandbox.faults.set({ outage: false });
    }
  });
});
