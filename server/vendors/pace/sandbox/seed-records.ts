/**
 * The records the sandbox starts with, so every documented lookup finds what
 * the seed shows, plus one household whose dates follow today's date for
 * trying the lookup journey end to end (README: personas).
 */
import { addDays, usToday } from '../../../../contract/index.ts';
import { withCheckDigit } from '../../../../contract/vin.ts';
import { addMonths } from '../dates.ts';
import type { PolicyRecord, QuoteRecord, RecordDetails } from './records.ts';
import {
  type CoveragesInput,
  POLICIES_BY_EMAIL_EXAMPLE,
  POLICY_COVERAGES_EXAMPLE,
  POLICY_INFO_EXAMPLE,
  QUOTE_COVERAGES_EXAMPLE,
  QUOTE_DRIVERS_EXAMPLE,
  QUOTE_INFO_EXAMPLE,
  QUOTE_VEHICLES_EXAMPLE,
  QUOTES_BY_EMAIL_EXAMPLE,
  type QuoteInfoInput,
} from './seed-examples.ts';

/** The seed's example insured of QPSSGA00001, whose other details the Serialize Quote example gives. */
const PERIMETER_EMAIL = 'info@perimetersoftwaresolutions.com';
const PERSONA_EMAIL = 'sam.rivera@example.com';
const PERSONA_VIN = withCheckDigit('7FARW2H50ME012345');

type Limit = readonly [name: string, limit: string, premium: number, car?: number];

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  BI: 'Bodily Injury',
  PD: 'Property Damage',
  UMBI: 'Uninsured Motorist Bodily Injury',
  MP: 'Medical Payments',
  COMP: 'Comprehensive',
  COLL: 'Collision',
};

/** Coverages and written premium of a hand-made record; car is the carNumber of a vehicle coverage. */
function coverages(owner: { customerGuid: string; policyNumber: string }, firstCar: number, limits: readonly Limit[]): CoveragesInput {
  return {
    ...owner,
    hasPriorCoverage: true,
    hasPriorBalance: false,
    previousCarrier: 'Other',
    previousExpirationDate: null,
    priorMonthsInsured: 11,
    priorBiLimit: 'NONE',
    coverageLimits: limits.map(([name, limit, , car]) => ({
      type: car ? 'VEHICLE' : 'POLICY',
      indexNumber: car ?? 0,
      name,
      description: DESCRIPTIONS[name] ?? name,
      limit,
      isUnusedCoverage: false,
    })),
    writtenByCoverage: [
      { carNumber: firstCar, name: 'ACQUEXP', written: 30, perMile: 0, isUnusedCoverage: false },
      ...limits.map(([name, , written, car]) => ({ carNumber: car ?? firstCar, name, written, perMile: 0, isUnusedCoverage: false })),
    ],
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const total = (c: CoveragesInput) => round2(c.writtenByCoverage.reduce((s, w) => s + w.written, 0));
/** Down payment and monthly installment of the six-month "16.7% down / 5 installments" plan, $5 fee each. */
const sixMonthPlan = (written: number) => {
  const down = round2(written * 0.167);
  return { downPayment: round2(down + 5), estimatedMonthly: round2(Math.floor(((written - down) / 5) * 100) / 100 + 5) };
};

/**
 * Darth Vader of Woodstock, GA (info@perimetersoftwaresolutions.com), as the
 * Serialize Quote and endorsement examples describe him: the insured of the
 * "does quote exist" quotes QPSSGA00001/2 and of the endorsed policy PSSGA01118.
 */
function perimeterRecord(owner: { customerGuid: string; policyNumber: string }, effectiveDate: string, term: number, status: string) {
  const cov = coverages(
    owner,
    3,
    [
      ['BI', '25000/50000', 188.4],
      ['PD', '10000', 121.75],
      ['UMBI', '25000/50000', 41.2],
      ['COMP', '1000', 38.9, 3],
      ['COLL', '1000', 96.15, 3],
    ].map(([name, limit, premium, car]) => [name, limit, round2((premium as number) * (term / 6)), car] as Limit),
  );
  const written = total(cov);
  const street = { streetName: '100 MAIN STREET', city: 'WOODSTOCK', state: 'GA', zip: '30188', county: 'CHEROKEE' };
  return {
    written,
    info: {
      ...owner,
      agencyCode: '4001-1',
      lob: 1,
      ratedState: 'GA',
      priorPolicyNumber: null,
      nextPolicyNumber: null,
      status,
      effectiveDate,
      expirationDate: addMonths(effectiveDate, term),
      cancelDate: null,
      quotedDate: `${effectiveDate}T11:42:44`,
      term,
      written,
      insuredFirstName: 'DARTH',
      insuredMiddleInitial: null,
      insuredLastName: 'VADER',
      insuredSuffix: null,
      insuredDateOfBirth: '1996-03-05T00:00:00',
      secondInsuredFirstName: null,
      secondInsuredMiddleInitial: null,
      secondInsuredLastName: null,
      secondInsuredSuffix: null,
      addresses: [
        { type: 'Mailing', ...street },
        { type: 'Garaging', ...street },
      ],
      phoneNumbers: [{ type: 'Mobile', number: '3333333333' }],
      emailAddress: PERIMETER_EMAIL,
      isPaperless: true,
      isNonOwners: false,
      attributes: [],
    },
    details: {
      drivers: [
        {
          ...owner,
          driverNumber: 1,
          firstName: 'DARTH',
          middleInitial: '',
          lastName: 'VADER',
          status: 'RATED',
          relation: 'INSURED',
          dob: '1996-03-05',
          isMarried: false,
          isExcluded: false,
          totalPoints: 0,
        },
      ],
      vehicles: [{ ...owner, carNumber: 3, vin: '100000000000000000', year: 1966, make: 'Ford', model: 'Mustang', bodyStyle: 'GT' }],
      coverages: cov,
    } satisfies RecordDetails,
  };
}

/** QPSSGA00001 and QPSSGA00002: the "does quote exist" examples' quotes, six months each. */
function perimeterQuote(policyNumber: string, customerGuid: string, effectiveDate: string, status: string): QuoteRecord {
  const { info, details, written } = perimeterRecord({ customerGuid, policyNumber }, effectiveDate, 6, status);
  return { info: { ...info, quoteNumber: policyNumber, ...sixMonthPlan(written), estimatedWritten: written }, ...details };
}

/** PSSGA01118: the policy the endorsement example endorses (12 months from 2025-03-30). */
function perimeterPolicy(): PolicyRecord {
  const owner = { customerGuid: 'A0B7E3F2-5C1D-4E8A-9B6F-2D4C8E1A7F35', policyNumber: 'PSSGA01118' };
  const { info, details } = perimeterRecord(owner, '2025-03-30', 12, 'ACTIVE');
  return { info: { ...info, quoteNumber: 'QPSSGA01118', binderNumber: null, flags: [] }, ...details };
}

/** The quote info example with its drivers and coverages examples (same quote), and the vehicles example's first car. */
function documentedQuote(): QuoteRecord {
  const { customerGuid, policyNumber } = QUOTE_INFO_EXAMPLE;
  const firstCar = QUOTE_VEHICLES_EXAMPLE[0];
  return {
    info: QUOTE_INFO_EXAMPLE,
    drivers: QUOTE_DRIVERS_EXAMPLE,
    vehicles: firstCar ? [{ ...firstCar, customerGuid, policyNumber }] : [],
    coverages: QUOTE_COVERAGES_EXAMPLE,
  };
}

/** The policy info example, carrying the policy coverages example (documented for another policy number). */
function documentedPolicy(): PolicyRecord {
  const owner = { customerGuid: POLICY_INFO_EXAMPLE.customerGuid ?? '', policyNumber: POLICY_INFO_EXAMPLE.policyNumber };
  return {
    info: POLICY_INFO_EXAMPLE,
    drivers: [
      {
        ...owner,
        driverNumber: 1,
        firstName: 'ELLIE',
        middleInitial: null,
        lastName: 'NOISE',
        status: 'RATED',
        relation: 'INSURED',
        dob: '1987-08-07',
        isMarried: false,
        isExcluded: false,
        totalPoints: 0,
      },
    ],
    vehicles: [
      { ...owner, carNumber: 1, vin: '2T3RWRFV3KW021971', year: 2019, make: 'Toyota', model: 'RAV4', bodyStyle: '4-cylinder | AWD' },
    ],
    coverages: { ...POLICY_COVERAGES_EXAMPLE, ...owner },
  };
}

/** Records the seed lists without drivers, vehicles or coverages: those endpoints answer their documented "not found". */
const bare = <I>(info: I) => ({ info, drivers: [], vehicles: [] });

/** Sam and Marco Rivera of Austin: an active policy and an open quote, dated from today. */
function personaHousehold(now: Date): { quote: QuoteRecord; policy: PolicyRecord } {
  const today = usToday(now);
  const started = addDays(today, -45);
  const street = { streetName: '2100 BARTON SPRINGS RD', city: 'AUSTIN', state: 'TX', zip: '78704', county: 'TRAVIS' };
  const shared = {
    agencyCode: '4001-1',
    lob: 1,
    ratedState: 'TX',
    priorPolicyNumber: null,
    nextPolicyNumber: null,
    cancelDate: null,
    term: 6,
    insuredFirstName: 'SAMANTHA',
    insuredMiddleInitial: 'J',
    insuredLastName: 'RIVERA',
    insuredSuffix: null,
    insuredDateOfBirth: '1988-04-12T00:00:00',
    secondInsuredFirstName: 'MARCO',
    secondInsuredMiddleInitial: null,
    secondInsuredLastName: 'RIVERA',
    secondInsuredSuffix: null,
    addresses: [
      { type: 'Mailing', ...street },
      { type: 'Garaging', ...street },
    ],
    phoneNumbers: [{ type: 'Mobile', number: '(512) 555-0142' }],
    emailAddress: PERSONA_EMAIL.toUpperCase(),
    isPaperless: true,
    isNonOwners: false,
    attributes: [],
  };
  const details = (owner: { customerGuid: string; policyNumber: string }): RecordDetails => ({
    drivers: [
      {
        ...owner,
        driverNumber: 1,
        firstName: 'SAMANTHA',
        middleInitial: 'J',
        lastName: 'RIVERA',
        status: 'RATED',
        relation: 'INSURED',
        dob: '1988-04-12',
        isMarried: true,
        isExcluded: false,
        totalPoints: 0,
      },
      {
        ...owner,
        driverNumber: 2,
        firstName: 'MARCO',
        middleInitial: null,
        lastName: 'RIVERA',
        status: 'RATED',
        relation: 'SPOUSE',
        dob: '1986-09-30',
        isMarried: true,
        isExcluded: false,
        totalPoints: 2,
      },
    ],
    vehicles: [{ ...owner, carNumber: 1, vin: PERSONA_VIN, year: 2021, make: 'Honda', model: 'CR-V', bodyStyle: '4-cylinder | AWD' }],
    coverages: coverages(owner, 1, [
      ['BI', '50000/100000', 264.1],
      ['PD', '50000', 151.35],
      ['UMBI', '50000/100000', 58.4],
      ['MP', '5000', 33.8],
      ['COMP', '500', 71.25, 1],
      ['COLL', '500', 193.6, 1],
    ]),
  });

  const policyOwner = { customerGuid: '6F1C2B0E-58A4-4C7D-9E21-3B7A9D4E8C10', policyNumber: 'TFTX140000101-00' };
  const policyDetails = details(policyOwner);
  const policyWritten = total(policyDetails.coverages as CoveragesInput);
  const policy: PolicyRecord = {
    info: {
      ...shared,
      ...policyOwner,
      binderNumber: 'TBMTX00000101',
      quoteNumber: 'TQPSSTX0000100',
      status: 'ACTIVE',
      effectiveDate: started,
      expirationDate: addMonths(started, 6),
      quotedDate: `${addDays(started, -2)}T10:15:00`,
      written: policyWritten,
      flags: [],
    },
    ...policyDetails,
  };

  const quoteOwner = { customerGuid: '6F1C2B0E-58A4-4C7D-9E21-3B7A9D4E8C10', policyNumber: 'TQPSSTX0000101' };
  const quoteDetails = details(quoteOwner);
  const quoteWritten = total(quoteDetails.coverages as CoveragesInput);
  const effectiveDate = addDays(today, 14);
  const quote: QuoteRecord = {
    info: {
      ...shared,
      ...quoteOwner,
      quoteNumber: quoteOwner.policyNumber,
      status: 'QUOTE',
      effectiveDate,
      expirationDate: addMonths(effectiveDate, 6),
      quotedDate: `${today}T09:30:00`,
      written: quoteWritten,
      ...sixMonthPlan(quoteWritten),
      estimatedWritten: quoteWritten,
    } satisfies QuoteInfoInput,
    ...quoteDetails,
  };
  return { quote, policy };
}

export function seedRecords(now: Date): { quotes: QuoteRecord[]; policies: PolicyRecord[] } {
  const persona = personaHousehold(now);
  return {
    quotes: [
      perimeterQuote('QPSSGA00001', 'D692C127-EA95-4AE3-A793-B82776A72AD8', '2021-07-02', 'ACTIVE'),
      perimeterQuote('QPSSGA00002', 'D1CC1ADA-23E2-494D-9269-741B56C183EA', '2020-07-02', 'EXPIRED'),
      documentedQuote(),
      ...QUOTES_BY_EMAIL_EXAMPLE.map(bare),
      persona.quote,
    ],
    policies: [perimeterPolicy(), documentedPolicy(), ...POLICIES_BY_EMAIL_EXAMPLE.map(bare), persona.policy],
  };
}
