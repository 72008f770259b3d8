/**
 * Quote and policy info through real HTTP: the sandbox holds the seed's
 * example records and answers the documented lookups with the documented
 * bodies; the documented "not found" answers come back exactly; the client
 * tells not-found from other refusals; records map to canonical Policies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, Policy, usToday } from '../../../../contract/index.ts';
import {
  lookupPacePolicies,
  PaceCoverages,
  PaceDriverSummaries,
  PacePolicyInfo,
  PacePolicyInfos,
  PaceQuoteInfo,
  PaceQuoteInfos,
  PaceVehicleSummaries,
  toCanonicalPolicy,
} from '../../../../server/vendors/pace/index.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { documentedError, type PaceHarness, startPaceSandbox } from './harness.ts';
import { ERROR_EXAMPLES, EXAMPLES } from './seed-examples.ts';

let pace: PaceHarness;
beforeAll(async () => {
  pace = await startPaceSandbox();
});
afterAll(() => pace.close());

async function vendorError(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

describe('documented example answers parse with the client schemas', () => {
  it('quote info, by number and by email', () => {
    expect(PaceQuoteInfo.parse(EXAMPLES.quoteInfo)).toMatchObject({ policyNumber: 'TQMOR00001436', written: 789.88, term: 6 });
    expect(PaceQuoteInfos.parse(EXAMPLES.quoteInfoByEmail).map((q) => q.policyNumber)).toEqual(['TQMOR00001388', 'TQMOR00001392']);
  });

  it('policy info, by number and by email', () => {
    expect(PacePolicyInfo.parse(EXAMPLES.policyInfo)).toMatchObject({ policyNumber: 'TFILPS141000179-00', status: 'PENDING' });
    expect(PacePolicyInfos.parse(EXAMPLES.policyInfoByEmail)).toHaveLength(4);
  });

  it('drivers, vehicles and coverages of quotes and policies', () => {
    expect(PaceDriverSummaries.parse(EXAMPLES.quoteDrivers)[0]).toMatchObject({ driverNumber: 1, relation: 'INSURED' });
    expect(PaceDriverSummaries.parse(EXAMPLES.policyDrivers)[1]).toMatchObject({ relation: 'SPOUSE' });
    expect(PaceVehicleSummaries.parse(EXAMPLES.quoteVehicles)[1]).toMatchObject({ model: 'Captiva Sport', year: 2012 });
    expect(PaceVehicleSummaries.parse(EXAMPLES.policyVehicles)).toHaveLength(2);
    expect(PaceCoverages.parse(EXAMPLES.quoteCoverages).coverageLimits).toHaveLength(6);
    expect(PaceCoverages.parse(EXAMPLES.policyCoverages).writtenByCoverage).toHaveLength(11);
  });
});

describe('quote info', () => {
  it('answers the documented quote exactly as documented', async () => {
    const res = await pace.call('/api/v1/quote/TQMOR00001436/info');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(EXAMPLES.quoteInfo);
  });

  it("answers the documented email request with the seed's QPSSGA00001 quote for that address", async () => {
    const res = await pace.call('/api/v1/quote/info/email', { method: 'POST', json: EXAMPLES.quoteInfoByEmailRequest });
    expect(res.status).toBe(200);
    const quotes = PaceQuoteInfos.parse(res.body);
    expect(quotes.map((q) => [q.policyNumber, q.customerGuid, q.status])).toEqual([
      ['QPSSGA00001', 'D692C127-EA95-4AE3-A793-B82776A72AD8', 'ACTIVE'],
      ['QPSSGA00002', 'D1CC1ADA-23E2-494D-9269-741B56C183EA', 'EXPIRED'],
    ]);
    expect(quotes[0]).toMatchObject({
      effectiveDate: '2021-07-02',
      expirationDate: '2022-01-02',
      emailAddress: 'info@perimetersoftwaresolutions.com',
    });
  });

  it("answers the example response's own address with the documented records, whatever the case", async () => {
    const quotes = await pace.client.quoteInfoByEmail('dmwimbley0606@gmail.com');
    expect(quotes).toEqual(PaceQuoteInfos.parse(EXAMPLES.quoteInfoByEmail));
  });

  it('answers the documented drivers and coverages of the documented quote', async () => {
    expect((await pace.call('/api/v1/quote/TQMOR00001436/drivers')).body).toEqual(EXAMPLES.quoteDrivers);
    expect((await pace.call('/api/v1/quote/TQMOR00001436/coverages')).body).toEqual(EXAMPLES.quoteCoverages);
    const vehicles = await pace.client.vehicles('quote', 'TQMOR00001436');
    expect(vehicles).toEqual([expect.objectContaining({ carNumber: 1, vin: '2HGFA1F58A1111111', make: 'Honda', model: 'Civic' })]);
  });

  it('answers an unknown quote with the documented 400 "Quote … not found"', async () => {
    for (const tail of ['info', 'drivers', 'vehicles', 'coverages']) {
      const res = await pace.call(`/api/v1/quote/TQNOPE0001/${tail}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(documentedError(ERROR_EXAMPLES.quoteNotFound, 'TQNOPE0001'));
    }
  });

  it('answers an unknown email with the documented 400 "No quotes found tied to email"', async () => {
    const res = await pace.call('/api/v1/quote/info/email', { method: 'POST', json: { emailAddress: 'nobody@example.com' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(documentedError(ERROR_EXAMPLES.noQuotesForEmail, 'nobody@example.com'));
  });

  it('answers a quote without drivers or vehicles with the documented 400s', async () => {
    const drivers = await pace.call('/api/v1/quote/TQMOR00001388/drivers');
    expect(drivers.status).toBe(400);
    expect(drivers.body).toEqual(documentedError(ERROR_EXAMPLES.quoteDriversNotFound, 'TQMOR00001388'));
    const vehicles = await pace.call('/api/v1/quote/TQMOR00001388/vehicles');
    expect(vehicles.body).toEqual(documentedError(ERROR_EXAMPLES.quoteVehiclesNotFound, 'TQMOR00001388'));
    const coverages = await pace.call('/api/v1/quote/TQMOR00001388/coverages');
    expect(coverages.body).toEqual(documentedError(ERROR_EXAMPLES.quoteCoveragesNoVehicles, 'TQMOR00001388'));
  });

  it('refuses an email search without an email', async () => {
    const res = await pace.call('/api/v1/quote/info/email', { method: 'POST', json: {} });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ exception: 'bad request', message: ['emailAddress is required'] });
  });

  it('gives the client kind not_found for PACE\'s "not found" 400s, keeping PACE\'s words', async () => {
    const byNumber = await vendorError(pace.client.quoteInfo('TQNOPE0001'));
    expect(byNumber.kind).toBe('not_found');
    expect(byNumber.message).toBe('PACE: Quote TQNOPE0001 not found');
    expect((await vendorError(pace.client.quoteInfoByEmail('nobody@example.com'))).kind).toBe('not_found');
    expect((await vendorError(pace.client.drivers('quote', 'TQMOR00001388'))).kind).toBe('not_found');
  });
});

describe('policy info', () => {
  it('answers the documented policy exactly as documented', async () => {
    const res = await pace.call('/api/v1/policy/TFILPS141000179-00/info');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(EXAMPLES.policyInfo);
  });

  it('answers the documented email request with the policy the endorsement example endorses', async () => {
    const res = await pace.call('/api/v1/policy/info/email', { method: 'POST', json: EXAMPLES.policyInfoByEmailRequest });
    expect(res.status).toBe(200);
    expect(PacePolicyInfos.parse(res.body)).toEqual([
      expect.objectContaining({
        policyNumber: 'PSSGA01118',
        status: 'ACTIVE',
        ratedState: 'GA',
        term: 12,
        effectiveDate: '2025-03-30',
        expirationDate: '2026-03-30',
        insuredFirstName: 'DARTH',
        emailAddress: 'info@perimetersoftwaresolutions.com',
      }),
    ]);
  });

  it('answers the documented policies of an email exactly as documented', async () => {
    const res = await pace.call('/api/v1/policy/info/email', { method: 'POST', json: { emailAddress: 'DMWIMBLEY0606@GMAIL.COM' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(EXAMPLES.policyInfoByEmail);
  });

  it('answers the documented policy coverages under the documented policy', async () => {
    const coverages = await pace.client.recordCoverages('policy', 'TFILPS141000179-00');
    expect(coverages.coverageLimits).toEqual(PaceCoverages.parse(EXAMPLES.policyCoverages).coverageLimits);
  });

  it('answers an unknown policy and an unknown email with the documented 400s', async () => {
    const info = await pace.call('/api/v1/policy/TFNOPE-00/info');
    expect(info.status).toBe(400);
    expect(info.body).toEqual(documentedError(ERROR_EXAMPLES.policyNotFound, 'TFNOPE-00'));
    const byEmail = await pace.call('/api/v1/policy/info/email', { method: 'POST', json: { emailAddress: 'nobody@example.com' } });
    expect(byEmail.status).toBe(400);
    expect(byEmail.body).toEqual(documentedError(ERROR_EXAMPLES.noPoliciesForEmail, 'nobody@example.com'));
    const coverages = await pace.call('/api/v1/policy/TFGA140002065-00/coverages');
    expect(coverages.body).toEqual(documentedError(ERROR_EXAMPLES.policyCoveragesNoVehicles, 'TFGA140002065-00'));
  });

  it("answers a malformed body in PACE's error shape", async () => {
    const res = await pace.call('/api/v1/policy/info/email', {
      method: 'POST',
      body: '{"emailAddress":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ exception: 'bad request', message: ['The request body is not valid JSON'] });
  });
});

describe('canonical Policies for the lookup journey', () => {
  it('maps the documented quote (info, drivers, coverages) faithfully', () => {
    const policy = Policy.parse(
      toCanonicalPolicy(
        {
          kind: 'quote',
          info: PaceQuoteInfo.parse(EXAMPLES.quoteInfo),
          drivers: PaceDriverSummaries.parse(EXAMPLES.quoteDrivers),
          vehicles: [],
          coverages: PaceCoverages.parse(EXAMPLES.quoteCoverages),
        },
        pace.config.program,
        '2026-01-01',
      ),
    );
    expect(policy).toMatchObject({
      id: 'pace-quote-TQMOR00001436',
      policyNumber: 'TQMOR00001436',
      type: 'auto',
      active: false,
      effectiveDate: '2018-09-05',
      expirationDate: '2019-03-05',
      premiumCents: 78_988,
      holder: { firstName: 'DAVID', lastName: 'WIMBLEY', dateOfBirth: '1986-06-06' },
      drivers: [{ firstName: 'DAVID', lastName: 'WIMBLEY', dateOfBirth: '1986-06-06', relationship: 'self' }],
    });
    // The unused second UM/UIM row is left out; premiums come from writtenByCoverage.
    expect(policy.coverages).toEqual([
      {
        type: 'bodily_injury',
        name: 'Bodily Injury',
        perPersonLimitCents: 2_500_000,
        perAccidentLimitCents: 5_000_000,
        premiumCents: 24_834,
      },
      { type: 'property_damage', name: 'Property Damage', limitCents: 2_000_000, premiumCents: 19_167 },
      { type: 'personal_injury_protection', name: 'Personal Injury Protection', limitCents: 1_500_000, premiumCents: 20_746 },
      {
        type: 'uninsured_motorist_property_damage',
        name: 'Uninsured Motorist Property Damage',
        limitCents: 2_000_000,
        premiumCents: 2_238,
      },
      {
        type: 'uninsured_motorist_bodily_injury',
        name: 'UM/UIMBI',
        perPersonLimitCents: 2_500_000,
        perAccidentLimitCents: 5_000_000,
        premiumCents: 4_215,
      },
    ]);
  });

  it('maps vehicle coverages of the documented policy coverages to their vehicle', () => {
    const policy = toCanonicalPolicy(
      {
        kind: 'policy',
        info: PacePolicyInfo.parse(EXAMPLES.policyInfo),
        drivers: [],
        vehicles: PaceVehicleSummaries.parse(EXAMPLES.policyVehicles),
        coverages: PaceCoverages.parse(EXAMPLES.policyCoverages),
      },
      pace.config.program,
      '2022-07-01',
    );
    expect(policy.active).toBe(false); // PENDING is not in force yet
    expect(policy.vehicles[0]).toEqual({ vin: '2HGFA1F58A1111111', year: 2010, make: 'Honda', model: 'Civic' });
    expect(policy.coverages).toContainEqual({
      type: 'collision',
      name: 'Collision',
      deductibleCents: 100_000,
      premiumCents: 39_111,
      vehicle: 0,
    });
    expect(policy.coverages).toContainEqual({ type: 'towing', name: 'Towing', premiumCents: 250, vehicle: 0 });
    expect(policy.coverages).toContainEqual({ type: 'rental', name: 'Rental', limitCents: 375_000, premiumCents: 7_748, vehicle: 0 });
  });

  it('finds a policy by number through the client, with its drivers, vehicles and coverages', async () => {
    const [policy, ...others] = await lookupPacePolicies(pace.client, pace.config.program, { policyNumber: 'TFTX140000101-00' });
    expect(others).toEqual([]);
    expect(Policy.parse(policy)).toMatchObject({
      id: 'pace-policy-TFTX140000101-00',
      active: true,
      effectiveDate: addDays(usToday(), -45),
      holder: { firstName: 'SAMANTHA', lastName: 'RIVERA', dateOfBirth: '1988-04-12' },
      drivers: [
        { firstName: 'SAMANTHA', relationship: 'self' },
        { firstName: 'MARCO', relationship: 'spouse' },
      ],
      vehicles: [{ year: 2021, make: 'Honda', model: 'CR-V' }],
    });
    expect(policy?.coverages.map((c) => c.type)).toEqual([
      'bodily_injury',
      'property_damage',
      'uninsured_motorist_bodily_injury',
      'medical_payments',
      'comprehensive',
      'collision',
    ]);
  });

  it("finds a shopper's policies and quotes by email, policies first", async () => {
    const found = await lookupPacePolicies(pace.client, pace.config.program, { email: 'Sam.Rivera@example.com' });
    expect(found.map((p) => [p.id, p.active])).toEqual([
      ['pace-policy-TFTX140000101-00', true],
      ['pace-quote-TQPSSTX0000101', false],
    ]);
  });

  it("finds the seed's policy and quotes by the seed's email, ended ones inactive", async () => {
    const found = await lookupPacePolicies(pace.client, pace.config.program, { email: 'info@perimetersoftwaresolutions.com' });
    expect(found.map((p) => p.policyNumber)).toEqual(['PSSGA01118', 'QPSSGA00001', 'QPSSGA00002']);
    // ACTIVE in PACE, but their terms have ended.
    expect(found.map((p) => p.active)).toEqual([false, false, false]);
    expect(found.every((p) => p.holder.dateOfBirth === '1996-03-05')).toBe(true);
  });

  it('answers nothing found as an empty list, and records without details with empty lists', async () => {
    expect(await lookupPacePolicies(pace.client, pace.config.program, { policyNumber: 'NOPE-1' })).toEqual([]);
    const [bare] = await lookupPacePolicies(pace.client, pace.config.program, { policyNumber: 'TQMOR00001392' });
    expect(bare).toMatchObject({ drivers: [], vehicles: [], coverages: [], premiumCents: 75_820 });
  });

  it('does not hide a PACE failure as "not found"', async () => {
    pace.knobs.set({ outage: true });
    try {
      const error = await vendorError(lookupPacePolicies(pace.client, pace.config.program, { email: 'sam.rivera@example.com' }));
      expect(error.kind).toBe('unavailable');
    } finally {
      pace.knobs.set({ outage: false });
    }
  });
});
