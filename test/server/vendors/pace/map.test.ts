/**
 * Canonical ⇄ PACE mapping without HTTP: what toPaceRateRequest makes of a
 * realistic applicant, field by field; every value PACE cannot express is
 * refused with the canonical field path; the rate answer's documented pay
 * plan shapes become canonical pay plans in cents; configuration.
 */
import { describe, expect, it } from 'vitest';
import { addDays, type QuoteRequestBody, usToday } from '../../../../contract/index.ts';
import { addMonths, ageOn, fromPaceDate, toPacePathDate } from '../../../../server/vendors/pace/dates.ts';
import {
  PacePayPlanOption,
  PaceRateInstallment,
  PaceRateRequest,
  PaceRateResponse,
  paceConfigFromEnv,
  SANDBOX_PROGRAM,
  SANDBOX_STATES,
  toCanonicalQuote,
  toPaceRateRequest,
  toPayPlan,
} from '../../../../server/vendors/pace/index.ts';
import { UnmappableError } from '../../../../server/vendors/shared/errors.ts';
import { applicant, baseApplicant, F150_VIN, RAV4_VIN } from './fixtures.ts';
import { EXAMPLES } from './seed-examples.ts';

const map = (body: QuoteRequestBody) => toPaceRateRequest(body, SANDBOX_PROGRAM);

function refusal(change: (b: QuoteRequestBody) => void, program = SANDBOX_PROGRAM): UnmappableError {
  try {
    toPaceRateRequest(applicant(change), program);
  } catch (error) {
    expect(error).toBeInstanceOf(UnmappableError);
    return error as UnmappableError;
  }
  throw new Error('expected the mapping to refuse');
}

describe('toPaceRateRequest', () => {
  const body = baseApplicant();
  const request = map(body);

  it('produces a request the shared rate schema accepts', () => {
    expect(PaceRateRequest.safeParse(request).success).toBe(true);
  });

  it('fills the program fields from configuration', () => {
    expect(request).toMatchObject({
      mgaName: 'SANDBOX',
      agencyCode: '4001-1',
      username: 'coverkit',
      leadSource: '',
      rateCall: '',
      term: 6,
    });
  });

  it('writes the policy period, the insured and the contact as PACE spells them', () => {
    expect(request).toMatchObject({
      ratedState: 'TX',
      effectiveDate: body.effectiveDate,
      expirationDate: addMonths(body.effectiveDate, 6),
      insuredFirstName: 'Maria',
      insuredMiddleInitial: 'E',
      insuredLastName: 'Lopez',
      insuredSuffix: null,
      emailAddress: 'maria.lopez@example.com',
      phoneNumbers: [{ type: 'Mobile', number: '5125550187' }],
      payPlan: { downPayment: 0.167, installments: 5 },
      isPaperless: true,
      isNonOwners: false,
      isGarageSameAsMailing: true,
      isHomeOwner: false,
      isMultiCarHouseHold: true,
      homeOwnerType: null,
      estimatedCreditScore: null,
      lengthOfResidency: null,
    });
    expect(request.addresses).toEqual([
      { type: 'Mailing', streetName: '1500 E 6th St Apt 4', city: 'Austin', state: 'TX', zip: '78702', county: '' },
      { type: 'Garaging', streetName: '1500 E 6th St Apt 4', city: 'Austin', state: 'TX', zip: '78702', county: '' },
    ]);
  });

  it('converts prior insurance, limits in whole dollars, and leaves out declined coverages', () => {
    expect(request).toMatchObject({
      hasPriorCoverage: true,
      previousCompany: 'GEICO',
      previousExpirationDate: addDays(usToday(), 10),
      priorMonthsInsured: 36,
      priorBiLimit: '50000/100000',
    });
    expect(request.limits).toEqual([
      { type: 'POLICY', name: 'BI', limit: '50000/100000' },
      { type: 'POLICY', name: 'PD', limit: '50000' },
      { type: 'POLICY', name: 'UMBI', limit: '50000/100000' },
      { type: 'POLICY', name: 'MP', limit: '5000' },
    ]);
    const withoutExtras = map(
      applicant((b) => {
        b.coverage.medicalPaymentsCents = 0;
        delete b.coverage.uninsuredMotoristCents;
        delete b.priorInsurance;
      }),
    );
    expect(withoutExtras.limits.map((l) => l.name)).toEqual(['BI', 'PD']);
    expect(withoutExtras).toMatchObject({ hasPriorCoverage: false, previousCompany: null, priorMonthsInsured: null, priorBiLimit: null });
  });

  it('maps drivers: gender, relation, license, marriage, occupation and years licensed', () => {
    const [maria, diego] = request.drivers;
    expect(maria).toMatchObject({
      driverNumber: 1,
      firstName: 'Maria',
      middleInitial: 'E',
      lastName: 'Lopez',
      gender: 'F',
      dob: '1986-05-14',
      licenseNum: 'TX12345678',
      licenseState: 'TX',
      licensedDate: '2003-05-14',
      relation: 'INSURED',
      isMarried: true,
      status: 'RATED',
      licenseStatus: 'ACTIVE',
      occupationGroup: 'Information Technology',
      educationCode: null,
      totalPoints: '0',
      violationCount: 0,
      violations: [],
    });
    expect(Number(maria?.age)).toBeGreaterThanOrEqual(40);
    expect(diego).toMatchObject({
      driverNumber: 2,
      gender: 'M',
      relation: 'SPOUSE',
      licenseNum: null,
      occupationGroup: 'Data Not Collected',
    });
  });

  it('records incidents as violations with points on their driver', () => {
    const diego = map(
      applicant((b) => {
        b.incidents = [
          { type: 'speeding', description: '15 over on I-35', date: '2024-08-03', driver: 1 },
          { type: 'claim', description: 'Hail damage', date: '2025-04-10', driver: 1 },
        ];
      }),
    ).drivers[1];
    expect(diego?.violations).toEqual([
      { driverNumber: 2, description: 'SPEEDING: 15 over on I-35', violationDate: '2024-08-03', points: 2, isChargeable: true },
      { driverNumber: 2, description: 'CLAIM: Hail damage', violationDate: '2025-04-10', points: 0, isChargeable: false },
    ]);
    expect(diego).toMatchObject({ totalPoints: '2', violationCount: 2 });
  });

  it('lists a household member who never held a license instead of rating them', () => {
    const request = map(
      applicant((b) => {
        b.drivers.push({
          ...b.drivers[1]!,
          firstName: 'Lucia',
          dateOfBirth: '2012-02-02',
          relationship: 'child',
          license: { state: 'TX', status: 'not_licensed', ageFirstLicensed: 16 },
        });
      }),
    );
    expect(request.drivers[2]).toMatchObject({
      relation: 'CHILD',
      status: 'LIST',
      listOnlyOption: 'NeverLicense',
      licenseStatus: null,
      licensedDate: null,
    });
  });

  it('maps vehicles: ownership, usage, lienholder, deductibles and rated operator', () => {
    const [rav4, f150] = request.vehicles ?? [];
    expect(rav4).toMatchObject({
      carNumber: 1,
      vin: RAV4_VIN,
      year: 2019,
      make: 'Toyota',
      model: 'RAV4',
      bodyStyle: '4-cylinder | AWD',
      annualMileage: 12_000,
      ownershipType: 'FINANCED',
      mileage: { usageType: 'COMMUTE', miles: 12_000 },
      ratedOperator: 1,
      lienHolders: [{ lienHolderNumber: 1, name: 'Toyota Financial Services', vin: RAV4_VIN }],
      coverageLimits: [
        { type: 'VEHICLE', carNumber: 1, name: 'COMP', limit: '500' },
        { type: 'VEHICLE', carNumber: 1, name: 'COLL', limit: '500' },
      ],
    });
    expect(f150).toMatchObject({
      carNumber: 2,
      vin: F150_VIN,
      bodyStyle: null,
      ownershipType: 'OWNED',
      mileage: { usageType: 'PLEASURE', miles: 8_000 },
      ratedOperator: 2,
      lienHolders: null,
      coverageLimits: [{ type: 'VEHICLE', carNumber: 2, name: 'COMP', limit: '1000' }],
    });
  });

  it('treats driving to school as commuting', () => {
    expect(
      map(
        applicant((b) => {
          b.vehicles[1]!.use = 'school';
        }),
      ).vehicles?.[1]?.mileage?.usageType,
    ).toBe('COMMUTE');
  });

  it('rates twelve-month terms with the twelve-month plan when configured', () => {
    const program = paceConfigFromEnv({ PACE_TERM_MONTHS: '12' }, { sandboxBaseUrl: 'http://x' }).program;
    const twelve = toPaceRateRequest(baseApplicant(), program);
    expect(twelve).toMatchObject({ term: 12, payPlan: { downPayment: 0.083, installments: 11 } });
  });
});

describe('values PACE cannot express are refused, naming the field', () => {
  it.each<[string, (b: QuoteRequestBody) => void, string, string]>([
    [
      'a non-binary gender',
      (b) => {
        b.drivers[1]!.gender = 'non_binary';
      },
      'drivers.1.gender',
      'PACE has no way to record a non-binary gender',
    ],
    [
      'a state PACE does not write',
      (b) => {
        b.address.state = 'NY';
      },
      'address.state',
      'PACE does not write auto policies in NY',
    ],
    [
      'business use',
      (b) => {
        b.vehicles[0]!.use = 'business';
      },
      'vehicles.0.use',
      'PACE rates pleasure and commute use only, not business use',
    ],
    [
      'farm use',
      (b) => {
        b.vehicles[1]!.use = 'farm';
      },
      'vehicles.1.use',
      'PACE rates pleasure and commute use only, not farm use',
    ],
    [
      'a phone outside the US',
      (b) => {
        b.contact.phone = '+442071234567';
      },
      'contact.phone',
      'PACE takes US phone numbers only',
    ],
    [
      'a suspended license',
      (b) => {
        b.drivers[0]!.license.status = 'suspended';
      },
      'drivers.0.license.status',
      'PACE rates only drivers with a valid or expired license, not a suspended one',
    ],
    [
      "a learner's permit",
      (b) => {
        b.drivers[1]!.license.status = 'permit';
      },
      'drivers.1.license.status',
      'PACE rates only drivers with a valid or expired license, not a permit one',
    ],
    [
      'an SR-22 filing',
      (b) => {
        b.drivers[0]!.sr22 = true;
      },
      'drivers.0.sr22',
      "PACE's API has no way to request an SR-22 filing",
    ],
    [
      'an unlicensed main driver',
      (b) => {
        b.drivers[1]!.license.status = 'not_licensed';
      },
      'vehicles.1.primaryDriver',
      'PACE needs a licensed driver as the main driver of each vehicle',
    ],
    [
      'a limit with cents',
      (b) => {
        b.coverage.propertyDamageCents = 2_500_050;
      },
      'coverage.propertyDamageCents',
      'PACE takes coverage limits and deductibles in whole dollars only',
    ],
    [
      'a deductible with cents',
      (b) => {
        b.coverage.vehicles[0]!.collisionDeductibleCents = 50_050;
      },
      'coverage.vehicles.0.collisionDeductibleCents',
      'PACE takes coverage limits and deductibles in whole dollars only',
    ],
  ])('%s', (_case, change, field, reason) => {
    const error = refusal(change);
    expect(error).toMatchObject({ vendor: 'PACE', field, reason });
  });

  it('refuses a state the configured program does not write, though the sandbox does', () => {
    const program = paceConfigFromEnv({ PACE_STATES: 'GA,OR' }, { sandboxBaseUrl: 'http://x' }).program;
    expect(refusal(() => {}, program).field).toBe('address.state');
  });
});

describe('rate answer → canonical Quote', () => {
  it("turns the seed's documented pay plan (payPlanResponseObject) into cents", () => {
    const [option] = EXAMPLES.allInstallments.allInstallmentOptions.map((o) => PacePayPlanOption.parse(o));
    expect(toPayPlan(option!.payPlanName, option!.installments)).toEqual({
      name: '16.7% down / 5 installments',
      downPaymentCents: 6_442,
      installmentCents: 6_942,
      installments: 5,
      // 64.42 + 4 × 69.42 + 81.31: the last installment carries what the even split left over.
      totalPremiumCents: 42_341,
    });
  });

  it('reads the documented Update Payplan schedule (quoteRateInstallmentObject) the same way', () => {
    const schedule = EXAMPLES.updatePayplanResponse.map((i) => PaceRateInstallment.parse(i));
    expect(toPayPlan('Selected', schedule)).toMatchObject({ downPaymentCents: 10_885, installmentCents: 11_385 });
  });

  it('falls back to the chosen schedule, and to the configured program as carrier', () => {
    const answer = PaceRateResponse.parse({
      policyNumber: 'TQPSSTX0000001',
      status: 'QUOTE',
      effectiveDate: '2026-01-01',
      expirationDate: '2026-07-01',
      term: 6,
      written: 600,
      installments: [
        { installmentNumber: 0, dueDate: '2026-01-01', totalDue: 105 },
        { installmentNumber: 1, dueDate: '2026-02-01', totalDue: 505 },
      ],
    });
    expect(toCanonicalQuote(answer, SANDBOX_PROGRAM)).toEqual({
      id: 'pace-TQPSSTX0000001',
      vendor: 'pace',
      carrierCode: 'PLMUT',
      carrierName: 'Pleasantville Mutual',
      status: 'complete',
      termMonths: 6,
      payPlans: [
        { name: 'Selected pay plan', downPaymentCents: 10_500, installmentCents: 50_500, installments: 1, totalPremiumCents: 61_000 },
      ],
    });
  });
});

describe('paceConfigFromEnv', () => {
  it('defaults to the sandbox, its key and its program', () => {
    const config = paceConfigFromEnv({}, { sandboxBaseUrl: 'http://127.0.0.1:8787/sandbox/pace/' });
    expect(config).toEqual({
      baseUrl: 'http://127.0.0.1:8787/sandbox/pace',
      apiKey: 'sandbox-pace-key',
      timeoutMs: 15_000,
      program: {
        mgaName: 'SANDBOX',
        carrierName: 'Pleasantville Mutual',
        carrierCode: 'PLMUT',
        agencyCode: '4001-1',
        username: 'coverkit',
        termMonths: 6,
        states: [...SANDBOX_STATES],
        leadSource: '',
        rateCall: '',
      },
    });
    expect(SANDBOX_STATES).toEqual(expect.arrayContaining(['CA', 'GA', 'OR', 'TX', 'WI']));
  });

  it('points at a real PACE with variables only', () => {
    const config = paceConfigFromEnv(
      {
        PACE_BASE_URL: 'https://pace.example.com',
        PACE_API_KEY: 'k',
        PACE_MGA_NAME: 'ACME',
        PACE_CARRIER_NAME: 'Acme MGA',
        PACE_AGENCY_CODE: '33001-1',
        PACE_STATES: 'ga, or',
        PACE_TIMEOUT_MS: '5000',
      },
      { sandboxBaseUrl: 'http://ignored' },
    );
    expect(config).toMatchObject({ baseUrl: 'https://pace.example.com', apiKey: 'k', timeoutMs: 5000 });
    expect(config.program).toMatchObject({ mgaName: 'ACME', carrierName: 'Acme MGA', agencyCode: '33001-1', states: ['GA', 'OR'] });
  });

  it('names the variable that is wrong, never its value', () => {
    expect(() => paceConfigFromEnv({ PACE_MGA_NAME: 'acme' }, { sandboxBaseUrl: 'http://x' })).toThrow(/PACE_MGA_NAME/);
    expect(() => paceConfigFromEnv({ PACE_STATES: 'GA,XX' }, { sandboxBaseUrl: 'http://x' })).toThrow(/PACE_STATES/);
    expect(() => paceConfigFromEnv({ PACE_TERM_MONTHS: '7' }, { sandboxBaseUrl: 'http://x' })).toThrow(/PACE_TERM_MONTHS/);
    expect(() => paceConfigFromEnv({ PACE_API_KEY: '' }, { sandboxBaseUrl: 'http://x' })).toThrow(/PACE_API_KEY/);
  });
});

describe('PACE dates', () => {
  it.each([
    ['2018-09-05', '2018-09-05'],
    ['2018-09-05T02:01:46.957', '2018-09-05'],
    ['2021-07-02 11:42:44', '2021-07-02'],
    ['2022-01-02 12:01', '2022-01-02'],
    ['02-01-2022', '2022-02-01'],
    ['3/5/1996', '1996-03-05'],
  ])('reads %s as %s', (pace, iso) => {
    expect(fromPaceDate(pace)).toBe(iso);
  });

  it('rejects what is not a calendar date', () => {
    expect(fromPaceDate('2023-02-30')).toBeUndefined();
    expect(fromPaceDate('2021-6-1')).toBeUndefined();
    expect(fromPaceDate(null)).toBeUndefined();
  });

  it('writes the coverages path date as MM-DD-YYYY', () => {
    expect(toPacePathDate('2022-02-01')).toBe('02-01-2022');
  });

  it('adds months the way policy terms run, ending short months on their last day', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 12)).toBe('2027-11-30');
  });

  it('counts whole years of age', () => {
    expect(ageOn('1986-05-14', '2026-05-13')).toBe(39);
    expect(ageOn('1986-05-14', '2026-05-14')).toBe(40);
  });
});
