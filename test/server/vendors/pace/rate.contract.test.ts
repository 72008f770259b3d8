/**
 * Quote rating through real HTTP. The seed has no example of its own for
 * POST /quote/rate; its serialized quote and endorsement example carry the
 * same object, so those (dates moved into the valid window) must rate. Our
 * mapper's request for a realistic applicant must rate too, premiums must
 * follow the rating factors, and the program's rules answer in PACE's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, Quote, type QuoteRequestBody, usToday } from '../../../../contract/index.ts';
import { withCheckDigit } from '../../../../contract/vin.ts';
import { addMonths } from '../../../../server/vendors/pace/dates.ts';
import {
  type PaceRateRequest,
  PaceRateResponse,
  quoteWithPace,
  toCanonicalQuote,
  toPaceRateRequest,
} from '../../../../server/vendors/pace/index.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { applicant, baseApplicant } from './fixtures.ts';
import { documentedError, type PaceHarness, startPaceSandbox } from './harness.ts';
import { ERROR_EXAMPLES, EXAMPLES } from './seed-examples.ts';

let pace: PaceHarness;
beforeAll(async () => {
  pace = await startPaceSandbox();
});
afterAll(() => pace.close());

/** The seed's object with its dates moved into the valid window (it keeps the seed's date-time spelling). */
function movedIntoWindow<T extends { effectiveDate: string; expirationDate: string; term: number }>(example: T): T {
  const effective = addDays(usToday(), 5);
  return { ...structuredClone(example), effectiveDate: `${effective} 04:27:57`, expirationDate: addMonths(effective, example.term) };
}

const rate = (json: unknown) => pace.call('/api/v1/quote/rate', { method: 'POST', json });
const rateCanonical = (body: QuoteRequestBody) => pace.client.rateQuote(toPaceRateRequest(body, pace.config.program));
const coverageOf = (answer: PaceRateResponse, name: string, car = 1) =>
  answer.writtenByCoverage?.find((w) => w.name === name && w.carNumber === car)?.written ?? Number.NaN;

describe("the seed's own rate-shaped examples", () => {
  it.each([
    ['the endorsement quote example', EXAMPLES.endorsementQuoteRequest],
    ['the serialized quote example', EXAMPLES.serializedQuote],
  ])('rates %s and answers the documented pieces', async (_name, example) => {
    const res = await rate(movedIntoWindow(example));
    expect(res.status).toBe(200);
    const answer = PaceRateResponse.parse(res.body);
    expect(answer).toMatchObject({ status: 'QUOTE', ratedState: 'GA', term: 12, agencyCode: '4001-1' });
    expect(answer.policyNumber).toMatch(/^TQPSSGA\d{7}$/);
    const byCoverage = answer.writtenByCoverage ?? [];
    expect(new Set(byCoverage.map((w) => w.name))).toEqual(new Set(['ACQUEXP', 'BI', 'PD', 'UMBI', 'COMP', 'COLL']));
    expect(byCoverage.every((w) => w.carNumber === 3)).toBe(true);
    expect(answer.written).toBeCloseTo(
      byCoverage.reduce((s, w) => s + w.written, 0),
      2,
    );
    // The example asks for 8.3% down and 11 installments: that plan's schedule is the one answered.
    expect(answer.allInstallmentOptions?.map((o) => o.payPlanName)).toEqual(['Paid in full', '8.3% down / 11 installments']);
    expect(answer.installments).toHaveLength(12);
    expect(answer.downPayment).toBe(answer.installments?.[0]?.totalDue);
    expect(answer.estimatedMonthly).toBe(answer.installments?.[1]?.totalDue);
  });

  it('keeps the rated quote, so quote info finds it by number and by email', async () => {
    const answer = PaceRateResponse.parse((await rate(movedIntoWindow(EXAMPLES.endorsementQuoteRequest))).body);
    const info = await pace.client.quoteInfo(answer.policyNumber);
    expect(info).toMatchObject({
      policyNumber: answer.policyNumber,
      status: 'QUOTE',
      written: answer.written,
      insuredFirstName: 'DARTH',
      insuredDateOfBirth: '1996-03-05T00:00:00',
      emailAddress: 'INFO@PERIMETERSOFTWARESOLUTIONS.COM',
    });
    const byEmail = await pace.client.quoteInfoByEmail('info@perimetersoftwaresolutions.com');
    expect(byEmail.map((q) => q.policyNumber)).toContain(answer.policyNumber);
    expect((await pace.client.drivers('quote', answer.policyNumber))[0]).toMatchObject({ firstName: 'DARTH', relation: 'INSURED' });
  });

  it('is deterministic: the same request gets the same quote and premium', async () => {
    const request = movedIntoWindow(EXAMPLES.serializedQuote);
    const [first, second] = [PaceRateResponse.parse((await rate(request)).body), PaceRateResponse.parse((await rate(request)).body)];
    expect({ ...second, quotedDate: null }).toEqual({ ...first, quotedDate: null });
  });
});

describe("our mapper against the seed's example", () => {
  /** The seed's Darth Vader quote as our applicant (a 2019 car: our model starts at 1981, the seed's Mustang is a 1966). */
  const darth = (): QuoteRequestBody =>
    applicant((b) => {
      b.contact = { email: 'info@perimetersoftwaresolutions.com', phone: '+13333333333' };
      b.address = { line1: '100 MAIN STREET', city: 'WOODSTOCK', state: 'GA', postalCode: '30188' };
      b.residence = { ownership: 'rent' };
      b.drivers = [
        {
          firstName: 'DARTH',
          lastName: 'VADER',
          dateOfBirth: '1996-03-05',
          gender: 'male',
          maritalStatus: 'single',
          relationship: 'self',
          education: 'high_school',
          employment: 'employed',
          license: { number: 'RXXXXXXXXXXXXX', state: 'WI', status: 'valid', ageFirstLicensed: 14 },
        },
      ];
      b.vehicles = [
        { year: 2019, make: 'Ford', model: 'Mustang', ownership: 'owned', use: 'pleasure', annualMileage: 0, primaryDriver: 0 },
      ];
      b.incidents = [];
      b.priorInsurance = { carrier: 'Other', monthsInsured: 11 };
      b.coverage = {
        bodilyInjuryCents: { perPerson: 2_500_000, perAccident: 5_000_000 },
        propertyDamageCents: 1_000_000,
        uninsuredMotoristCents: { perPerson: 2_500_000, perAccident: 5_000_000 },
        vehicles: [{ comprehensiveDeductibleCents: 100_000, collisionDeductibleCents: 100_000 }],
      };
    });

  it('sends what the seed sends for the same applicant, and it rates', async () => {
    const twelveMonths = { ...pace.config.program, termMonths: 12 };
    const ours = toPaceRateRequest(darth(), twelveMonths);
    const seed = EXAMPLES.endorsementQuoteRequest;
    const pick = (r: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, r[k]]));
    const policyKeys = [
      'agencyCode',
      'term',
      'insuredFirstName',
      'insuredLastName',
      'emailAddress',
      'payPlan',
      'isPaperless',
      'isNonOwners',
      'hasPriorCoverage',
      'previousCompany',
      'priorMonthsInsured',
      'isGarageSameAsMailing',
      'isHomeOwner',
      'isMultiCarHouseHold',
      'ratedState',
    ];
    expect(pick(ours, policyKeys)).toEqual(pick(seed, policyKeys));
    expect(ours.phoneNumbers).toEqual(seed.phoneNumbers);
    const address = (a: { type: string }) => ({ ...a, type: a.type.toLowerCase() });
    expect(ours.addresses.map(address)).toEqual(seed.addresses.map(address));
    const driverKeys = [
      'driverNumber',
      'firstName',
      'lastName',
      'gender',
      'dob',
      'licenseNum',
      'licenseState',
      'licensedDate',
      'relation',
      'totalPoints',
      'violationCount',
      'isMarried',
      'isExcluded',
      'status',
      'licenseStatus',
      'violations',
    ];
    expect(pick(ours.drivers[0]!, driverKeys)).toEqual(pick(seed.drivers[0]!, driverKeys));
    const byName = (limits: ReadonlyArray<{ name: string; limit: string | number }>) =>
      Object.fromEntries(limits.map((l) => [l.name, String(l.limit)]));
    expect(byName(ours.limits)).toEqual(byName(seed.limits));
    expect(byName(ours.vehicles?.[0]?.coverageLimits ?? [])).toEqual(byName(seed.vehicles[0]!.coverageLimits));
    expect((await rate(ours)).status).toBe(200);
  });
});

describe('rating our applicant', () => {
  it('rates what toPaceRateRequest makes of the fixture, into a canonical Quote', async () => {
    const answer = await rateCanonical(baseApplicant());
    expect(answer).toMatchObject({ status: 'QUOTE', ratedState: 'TX', term: 6, mgaName: 'SANDBOX' });
    const quote = Quote.parse(toCanonicalQuote(answer, pace.config.program));
    expect(quote).toMatchObject({
      id: `pace-${answer.policyNumber}`,
      vendor: 'pace',
      carrierCode: 'PLMUT',
      carrierName: 'Pleasantville Mutual',
      status: 'complete',
      termMonths: 6,
    });
    const [inFull, monthly] = quote.payPlans ?? [];
    const writtenCents = Math.round(answer.written * 100);
    // Paid in full: the premium plus the $5 policy fee.
    expect(inFull).toEqual({
      name: 'Paid in full',
      downPaymentCents: writtenCents + 500,
      installmentCents: 0,
      installments: 0,
      totalPremiumCents: writtenCents + 500,
    });
    expect(monthly).toMatchObject({ name: '16.7% down / 5 installments', installments: 5 });
    // Five monthly installments of $5 fee each on top: the plan costs $25 more in all.
    expect(monthly?.totalPremiumCents).toBe(writtenCents + 500 + 5 * 500);
    expect(
      Math.abs((monthly?.downPaymentCents ?? 0) + 5 * (monthly?.installmentCents ?? 0) - (monthly?.totalPremiumCents ?? 0)),
    ).toBeLessThan(10);
  });

  it('quoteWithPace gives the fan-out a complete quote', async () => {
    const quote = await quoteWithPace(pace.client, pace.config.program, baseApplicant());
    expect(quote.status).toBe('complete');
    expect(quote.payPlans?.length).toBe(2);
  });

  it('charges more for a younger main driver', async () => {
    const base = await rateCanonical(baseApplicant());
    const young = await rateCanonical(
      applicant((b) => {
        const maria = b.drivers[0];
        if (maria) maria.dateOfBirth = addDays(usToday(), -19 * 366);
      }),
    );
    expect(coverageOf(young, 'BI')).toBeGreaterThan(coverageOf(base, 'BI') * 1.5);
    expect(coverageOf(young, 'BI', 2)).toBeGreaterThan(coverageOf(base, 'BI', 2));
  });

  it('charges more for more serious incidents, and less without any', async () => {
    const clean = await rateCanonical(
      applicant((b) => {
        b.incidents = [];
      }),
    );
    const speeding = await rateCanonical(baseApplicant());
    const dui = await rateCanonical(
      applicant((b) => {
        b.incidents = [{ type: 'dui', description: 'Arrested', date: '2025-02-01', driver: 1 }];
      }),
    );
    const claim = await rateCanonical(
      applicant((b) => {
        b.incidents = [{ type: 'claim', description: 'Hail', date: '2025-02-01', driver: 1 }];
      }),
    );
    expect(speeding.written).toBeGreaterThan(clean.written);
    expect(dui.written).toBeGreaterThan(speeding.written);
    // A claim is recorded but not chargeable.
    expect(claim.written).toBe(clean.written);
  });

  it('charges more for physical damage on a newer vehicle, not for its liability', async () => {
    const older = await rateCanonical(
      applicant((b) => {
        const v = b.vehicles[0];
        if (v) {
          v.year = 2015;
          delete v.vin;
        }
      }),
    );
    const newer = await rateCanonical(
      applicant((b) => {
        const v = b.vehicles[0];
        if (v) {
          v.year = 2025;
          delete v.vin;
        }
      }),
    );
    expect(coverageOf(newer, 'COLL')).toBeGreaterThan(coverageOf(older, 'COLL'));
    expect(coverageOf(newer, 'COMP')).toBeGreaterThan(coverageOf(older, 'COMP'));
    expect(coverageOf(newer, 'BI')).toBe(coverageOf(older, 'BI'));
  });

  it('charges more for higher limits and lower deductibles', async () => {
    const base = await rateCanonical(baseApplicant());
    const higher = await rateCanonical(
      applicant((b) => {
        b.coverage.bodilyInjuryCents = { perPerson: 10_000_000, perAccident: 30_000_000 };
      }),
    );
    const lowerDeductible = await rateCanonical(
      applicant((b) => {
        const v = b.coverage.vehicles[0];
        if (v) v.collisionDeductibleCents = 25_000;
      }),
    );
    expect(coverageOf(higher, 'BI')).toBeGreaterThan(coverageOf(base, 'BI'));
    expect(coverageOf(lowerDeductible, 'COLL')).toBeGreaterThan(coverageOf(base, 'COLL'));
  });

  it('prices territories by ZIP and rewards prior insurance', async () => {
    const austin = await rateCanonical(baseApplicant());
    const dallas = await rateCanonical(
      applicant((b) => {
        b.address = { ...b.address, city: 'Dallas', postalCode: '75201' };
      }),
    );
    const uninsured = await rateCanonical(
      applicant((b) => {
        delete b.priorInsurance;
      }),
    );
    expect(dallas.written).not.toBe(austin.written);
    expect(uninsured.written).toBeGreaterThan(austin.written);
  });

  it('buys no collision where the shopper declined it', async () => {
    const answer = await rateCanonical(baseApplicant());
    expect(
      answer.writtenByCoverage
        ?.filter((w) => w.carNumber === 2)
        .map((w) => w.name)
        .sort(),
    ).toEqual(['ACQUEXP', 'BI', 'COMP', 'MP', 'PD', 'UMBI']);
  });
});

describe("the program's rules, answered in PACE's error shape", () => {
  const mapped = (change?: (r: PaceRateRequest) => void) => {
    const request = toPaceRateRequest(baseApplicant(), pace.config.program);
    change?.(request);
    return request;
  };

  it('names each missing required field', async () => {
    const res = await rate({ drivers: [{ firstName: 'A' }] });
    expect(res.status).toBe(400);
    expect(res.body.exception).toBe('bad request');
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'agencyCode is required',
        'effectiveDate is required',
        'emailAddress is required',
        'payPlan is required',
        'drivers[0].lastName is required',
        'drivers[0].dob is required',
        'limits is required',
      ]),
    );
  });

  it('answers a pay plan the program does not have with the documented "pay plan not found"', async () => {
    const res = await rate(
      mapped((r) => {
        r.payPlan = { downPayment: 0.5, installments: 3 };
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual(documentedError(ERROR_EXAMPLES.payPlanNotFound, '0.5', '3', 'TX-2018-01'));
  });

  it('answers a state without a rate cycle', async () => {
    const res = await rate(
      mapped((r) => {
        r.ratedState = 'NY';
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      exception: 'bad request',
      message: [`Unable to locate rate cycle with state NY and date ${baseApplicant().effectiveDate}`],
    });
  });

  it('refuses a past effective date and limits the state does not offer', async () => {
    const res = await rate(
      mapped((r) => {
        r.effectiveDate = '2020-01-01';
      }),
    );
    expect(res.body.message).toContain('effectiveDate cannot be in the past');
    const limits = await rate(
      mapped((r) => {
        r.limits = [
          { type: 'POLICY', name: 'BI', limit: '15000/30000' },
          { type: 'POLICY', name: 'PD', limit: '50000' },
        ];
      }),
    );
    expect(limits.status).toBe(400);
    expect(limits.body.message).toEqual(['Limit 15000/30000 is not available for coverage BI in TX']);
  });

  it('refuses collision without comprehensive', async () => {
    const res = await rate(
      mapped((r) => {
        const car = r.vehicles?.[0];
        if (car) car.coverageLimits = [{ type: 'VEHICLE', carNumber: 1, name: 'COLL', limit: '500' }];
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['Car 1: COLL requires COMP']);
  });

  it('declines a vehicle the program does not write, through quoteWithPace', async () => {
    const gt = withCheckDigit('1FA6P8CF0L5123456');
    const body = applicant((b) => {
      b.vehicles[0] = { ...b.vehicles[0]!, vin: gt, year: 2020, make: 'Ford', model: 'Mustang' };
    });
    const error = await rateCanonical(body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).kind).toBe('rejected');
    const quote = await quoteWithPace(pace.client, pace.config.program, body);
    expect(quote).toMatchObject({
      status: 'declined',
      vendor: 'pace',
      messageCode: 'declined_for_profile',
      vendorMessage: `PACE: Vehicle ${gt} is unacceptable for this program`,
    });
  });

  it('declines what PACE cannot express without calling it', async () => {
    pace.knobs.set({ outage: true });
    try {
      const quote = await quoteWithPace(
        pace.client,
        pace.config.program,
        applicant((b) => {
          b.drivers[1]!.gender = 'non_binary';
        }),
      );
      // An outage would have made it an error quote: the mapper refused before any call.
      expect(quote).toMatchObject({
        status: 'declined',
        messageCode: 'declined_for_profile',
        vendorMessage: 'PACE has no way to record a non-binary gender',
      });
      const failed = await quoteWithPace(pace.client, pace.config.program, baseApplicant());
      expect(failed).toMatchObject({
        status: 'error',
        messageCode: 'temporarily_unavailable',
        vendorMessage: expect.stringMatching(/^PACE: /),
      });
    } finally {
      pace.knobs.set({ outage: false });
    }
  });
});
