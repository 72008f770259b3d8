/**
 * Trellis policies → canonical Policy: the seed's examples field by field,
 * and what the mapper leaves out rather than invents.
 */
import { describe, expect, it } from 'vitest';
import { Policy } from '../../../../contract/index.ts';
import { UnmappableError } from '../../../../server/vendors/shared/errors.ts';
import { coverageType, mapTrellisPolicies, mapTrellisPolicy } from '../../../../server/vendors/trellis/map.ts';
import {
  SuccessfulResponse,
  type TrellisPolicy,
  TrellisPolicy as TrellisPolicySchema,
} from '../../../../server/vendors/trellis/schemas.ts';
import { seedExample } from './harness.ts';

const [seedAuto, seedHome] = SuccessfulResponse.parse(seedExample('response-200-ready')).policies!;

/** A policy with only what a test sets. */
const policy = (fields: Record<string, unknown>): TrellisPolicy =>
  TrellisPolicySchema.parse({
    id: 'p-1',
    issuer: 'progressive',
    policyNumber: 'N-1',
    policyType: 'PERSONAL_AUTO',
    effectiveDate: '2026-10-01',
    expirationDate: '2027-04-01',
    active: true,
    ...fields,
  });

describe("the seed's example policies", () => {
  it('the GEICO auto policy maps field by field', () => {
    expect(mapTrellisPolicy(seedAuto!)).toEqual({
      id: 'd290f1ee-6c54-4b01-90e6-d701748f0851',
      issuer: 'geico',
      policyNumber: '5232-11-255-22',
      type: 'auto',
      active: true,
      effectiveDate: '2019-01-01',
      expirationDate: '2019-07-01',
      premiumCents: 94200,
      // "John," loses its stray comma; the birth date is the primary operator's.
      holder: { firstName: 'John', lastName: 'Smith', dateOfBirth: '1985-08-29' },
      drivers: [{ firstName: 'John', lastName: 'Smith', dateOfBirth: '1985-08-29', licenseState: 'MA', relationship: 'self' }],
      vehicles: [{ vin: 'WBA2F7C55FVX55555', year: 2015, make: 'BMW', model: '228XI 2D 4X4' }],
      coverages: [
        {
          type: 'bodily_injury',
          name: 'Bodily Injury Liability',
          perPersonLimitCents: 20000,
          perAccidentLimitCents: 40000,
          deductibleCents: 1000,
          premiumCents: 7400,
          vehicle: 0,
        },
      ],
    });
  });

  it('the homeowners policy maps, its holder born as its Named Insured household member', () => {
    expect(mapTrellisPolicy(seedHome!)).toEqual({
      id: 'd290f1ee-6c54-4b01-90e6-d701748f0852',
      issuer: 'allstate',
      policyNumber: '5232-11-255-22',
      type: 'home',
      active: true,
      effectiveDate: '2019-01-01',
      expirationDate: '2019-07-01',
      premiumCents: 94200,
      holder: { firstName: 'John', lastName: 'Smith', dateOfBirth: '1985-08-29' },
      drivers: [],
      vehicles: [],
      coverages: [
        {
          type: 'personal_property',
          name: 'Personal Property',
          perPersonLimitCents: 50000000,
          limitCents: 10000000,
          deductibleCents: 50000,
          premiumCents: 50000,
        },
      ],
    });
  });

  it("the Policy schema's own example (strings where the 200 example has numbers) maps alike", () => {
    const mapped = mapTrellisPolicy(TrellisPolicySchema.parse(seedExample('schema-policy')));
    expect(mapped.vehicles).toEqual([{ vin: 'WBA2F7C55FVX55555', year: 2015, make: 'BMW', model: '228XI 2D 4X4' }]);
    // It carries both auto operators and a PropertyCoverage list: both are kept.
    expect(mapped.coverages.map((c) => c.type)).toEqual(['bodily_injury', 'personal_property']);
    expect(Policy.safeParse(mapped).success).toBe(true);
  });

  it('every mapped policy satisfies the canonical schema', () => {
    const { policies, skipped } = mapTrellisPolicies([seedAuto!, seedHome!]);
    expect(skipped).toEqual([]);
    for (const mapped of policies) expect(Policy.parse(mapped)).toEqual(mapped);
  });
});

describe('types and coverages', () => {
  it.each([
    ['PERSONAL_AUTO', 'auto'],
    ['HOMEOWNERS', 'home'],
    ['RENTERS', 'renters'],
    ['COMMERCIAL_AUTO', 'other'],
    [null, 'other'],
  ])('policyType %s is %s', (policyType, type) => {
    expect(mapTrellisPolicy(policy({ policyType })).type).toBe(type);
  });

  it('names coverages in lower_snake_case, ours where a quote uses the same cover', () => {
    expect(coverageType('Bodily Injury Liability')).toBe('bodily_injury');
    expect(coverageType('Property Damage Liability')).toBe('property_damage');
    expect(coverageType('Uninsured Motorist Bodily Injury')).toBe('uninsured_motorist');
    expect(coverageType('Comprehensive')).toBe('comprehensive');
    expect(coverageType('Loan/Lease Payoff')).toBe('loan_lease_payoff');
    expect(coverageType('Uninsured / Underinsured Motorist Property Damage')).toBe('uninsured_underinsured_motorist_property_damage');
    expect(coverageType('Unscheduled Personal Property (UPP)')).toBe('unscheduled_personal_property_upp');
  });

  it('leaves out declined coverages, says unlimited for the UNLIMITED marker, and puts each auto coverage on its vehicle', () => {
    const mapped = mapTrellisPolicy(
      policy({
        vehicles: [
          { vin: '1hgcm82633a004352', year: 2003, coverages: [{ name: 'Collision', deductibleCents: 50000 }] },
          {
            year: 'unknown',
            coverages: [
              { name: 'Collision', isDeclined: true, deductibleCents: 100000 },
              { name: 'Personal Injury Protection', perPersonLimitCents: 999999999999999, deductibleCents: 25000.4 },
              { premiumCents: 100 },
            ],
          },
        ],
      }),
    );
    expect(mapped.vehicles).toEqual([{ vin: '1HGCM82633A004352', year: 2003 }, {}]);
    expect(mapped.coverages).toEqual([
      { type: 'collision', name: 'Collision', deductibleCents: 50000, vehicle: 0 },
      { type: 'personal_injury_protection', name: 'Personal Injury Protection', unlimited: true, deductibleCents: 25000, vehicle: 1 },
    ]);
  });

  it('says unlimited for any UNLIMITED limit, keeps a limit the issuer did cap, and reads no marker as unlimited elsewhere', () => {
    const UNLIMITED = 999999999999999;
    const mapped = mapTrellisPolicy(
      policy({
        vehicles: [
          {
            coverages: [
              { name: 'Medical Payments', perAccidentLimitCents: UNLIMITED },
              { name: 'Personal Injury Protection', perPersonLimitCents: UNLIMITED, perAccidentLimitCents: 50000000 },
              { name: 'Bodily Injury Liability', perPersonLimitCents: 10000000, perAccidentLimitCents: 30000000 },
              // A deductible or premium is no limit: the marker there is unreadable, not "unlimited".
              { name: 'Collision', deductibleCents: UNLIMITED },
            ],
          },
        ],
        coverages: [
          { name: 'Personal Liability', perOccurrenceLimitCents: UNLIMITED },
          { name: 'Medical Payments to Others', perPersonLimitCents: UNLIMITED },
          { name: 'Dwelling', perOccurrenceLimitCents: 40000000 },
        ],
      }),
    );
    expect(mapped.coverages).toEqual([
      { type: 'medical_payments', name: 'Medical Payments', unlimited: true, vehicle: 0 },
      {
        type: 'personal_injury_protection',
        name: 'Personal Injury Protection',
        perAccidentLimitCents: 50000000,
        unlimited: true,
        vehicle: 0,
      },
      {
        type: 'bodily_injury',
        name: 'Bodily Injury Liability',
        perPersonLimitCents: 10000000,
        perAccidentLimitCents: 30000000,
        vehicle: 0,
      },
      { type: 'collision', name: 'Collision', vehicle: 0 },
      { type: 'personal_liability', name: 'Personal Liability', unlimited: true },
      { type: 'medical_payments_to_others', name: 'Medical Payments to Others', unlimited: true },
      { type: 'dwelling', name: 'Dwelling', limitCents: 40000000 },
    ]);
  });

  it("labels a property coverage with the issuer's rawName and falls back to it for the type", () => {
    const mapped = mapTrellisPolicy(
      policy({
        policyType: 'RENTERS',
        coverages: [
          { name: 'Loss of Use', rawName: 'Additional Living Expense', perOccurrenceLimitCents: 600000 },
          { rawName: 'Sewer Backup' },
          { name: 'Dwelling', isDeclined: true },
        ],
      }),
    );
    expect(mapped.coverages).toEqual([
      { type: 'loss_of_use', name: 'Additional Living Expense', limitCents: 600000 },
      { type: 'sewer_backup', name: 'Sewer Backup' },
    ]);
  });
});

describe('people', () => {
  it('maps operators without inventing what Trellis did not say', () => {
    const mapped = mapTrellisPolicy(
      policy({
        policyHolder: { name: { firstName: ' Ana ', lastName: 'Lopez,' } },
        operators: [
          {
            name: { firstName: 'Ana', lastName: 'Lopez' },
            relationship: 'Named Insured',
            birthday: '1990-02-03',
            driversLicenseState: 'tx',
          },
          { name: { firstName: 'Leo' }, relationship: 'Child', birthdayRange: { start: '2008-01-01', end: '2008-12-31' } },
          { name: { firstName: 'Sam' }, relationship: 'Roommate', birthday: 'sometime in 1980' },
        ],
      }),
    );
    expect(mapped.holder).toEqual({ firstName: 'Ana', lastName: 'Lopez', dateOfBirth: '1990-02-03' });
    expect(mapped.drivers).toEqual([
      { firstName: 'Ana', lastName: 'Lopez', dateOfBirth: '1990-02-03', licenseState: 'TX', relationship: 'self' },
      // A birthday range is a year, not a date of birth.
      { firstName: 'Leo', relationship: 'child' },
      { firstName: 'Sam' },
    ]);
  });

  it('takes the holder from the primary operator when policyHolder has no name', () => {
    const mapped = mapTrellisPolicy(
      policy({ operators: [{ name: { firstName: 'Kim', lastName: 'Ng' }, isPrimary: true, birthday: '1975-05-06' }] }),
    );
    expect(mapped.holder).toEqual({ firstName: 'Kim', lastName: 'Ng', dateOfBirth: '1975-05-06' });
  });
});

describe('dates, activity and missing essentials', () => {
  it('reads the deprecated issueDate and renewalDate when the current names are null', () => {
    const mapped = mapTrellisPolicy(
      policy({ effectiveDate: null, expirationDate: null, issueDate: '2026-01-15', renewalDate: '2026-07-15T00:00:00Z' }),
    );
    expect([mapped.effectiveDate, mapped.expirationDate]).toEqual(['2026-01-15', '2026-07-15']);
  });

  it('judges active from the dates only when Trellis leaves it null', () => {
    const today = '2026-11-22';
    expect(mapTrellisPolicy(policy({ active: null }), { today }).active).toBe(true);
    expect(mapTrellisPolicy(policy({ active: null, effectiveDate: '2027-04-01', expirationDate: '2027-10-01' }), { today }).active).toBe(
      false,
    );
    expect(mapTrellisPolicy(policy({ active: null, expirationDate: '2026-11-22' }), { today }).active).toBe(false);
    expect(mapTrellisPolicy(policy({ active: false }), { today }).active).toBe(false);
  });

  it("takes the connection's issuer for a policy that names none", () => {
    expect(mapTrellisPolicy(policy({ issuer: null }), { issuerId: 'usaa' }).issuer).toBe('usaa');
  });

  it('skips a policy without an id, number or dates, saying which field, and keeps the others', () => {
    const { policies, skipped } = mapTrellisPolicies(
      [policy({ id: null }), policy({ id: 'ok' }), policy({ policyNumber: '' }), policy({ effectiveDate: 'soon', issueDate: null })],
      { issuerId: 'progressive' },
    );
    expect(policies.map((p) => p.id)).toEqual(['ok']);
    expect(skipped).toHaveLength(3);
    for (const error of skipped) expect(error).toBeInstanceOf(UnmappableError);
    expect(skipped.map((e) => e.field)).toEqual(['policies.0.id', 'policies.2.policyNumber', 'policies.3.effectiveDate']);
    expect(skipped[0]!.reason).toBe('Trellis sent a policy without an id');
  });

  it('leaves out a premium Trellis sent as null', () => {
    expect('premiumCents' in mapTrellisPolicy(policy({ premiumCents: null }))).toBe(false);
  });
});
