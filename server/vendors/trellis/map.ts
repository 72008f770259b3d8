/**
 * Trellis policies → our canonical Policy (contract/policy.ts). Only what
 * Trellis said is carried over; a value we cannot read is left out, never
 * guessed. A policy lacking something the canonical model requires (an id, a
 * number, dates) is skipped with the reason, so one odd policy does not hide
 * the shopper's others.
 */
import {
  isCalendarDate,
  type Policy,
  type PolicyCoverage,
  type PolicyDriver,
  type PolicyPerson,
  type PolicyVehicle,
  usToday,
} from '../../../contract/index.ts';
import { UnmappableError } from '../shared/errors.ts';
import { UNLIMITED_CENTS, VENDOR } from './documented.ts';
import type {
  TrellisAutoCoverage,
  TrellisName,
  TrellisOperator,
  TrellisPolicy,
  TrellisPropertyCoverage,
  TrellisVehicle,
} from './schemas.ts';

export type MapContext = {
  /** The connection's issuer, for a policy that does not name its own. */
  issuerId?: string;
  /** Today (YYYY-MM-DD), to judge `active` when Trellis leaves it null. */
  today?: string;
};

export type MappedPolicies = { policies: Policy[]; skipped: UnmappableError[] };

export function mapTrellisPolicies(policies: readonly TrellisPolicy[], context: MapContext = {}): MappedPolicies {
  const result: MappedPolicies = { policies: [], skipped: [] };
  policies.forEach((policy, index) => {
    try {
      result.policies.push(mapTrellisPolicy(policy, context, `policies.${index}`));
    } catch (error) {
      if (!(error instanceof UnmappableError)) throw error;
      result.skipped.push(error);
    }
  });
  return result;
}

const POLICY_TYPES: Record<string, Policy['type']> = {
  PERSONAL_AUTO: 'auto',
  HOMEOWNERS: 'home',
  RENTERS: 'renters',
};

export function mapTrellisPolicy(policy: TrellisPolicy, context: MapContext = {}, path = 'policy'): Policy {
  const required = (value: string | null | undefined, field: string, words: string) => {
    if (!value) throw new UnmappableError(VENDOR, `${path}.${field}`, `Trellis sent a policy without ${words}`);
    return value;
  };
  const id = required(policy.id, 'id', 'an id');
  const issuer = required(policy.issuer ?? context.issuerId, 'issuer', 'an issuer');
  const policyNumber = required(policy.policyNumber, 'policyNumber', 'a policy number');
  // issueDate and renewalDate are Trellis's deprecated names for the same dates.
  const effectiveDate = required(date(policy.effectiveDate) ?? date(policy.issueDate), 'effectiveDate', 'an effective date');
  const expirationDate = required(date(policy.expirationDate) ?? date(policy.renewalDate), 'expirationDate', 'an expiration date');
  const today = context.today ?? usToday();

  const operators = policy.operators ?? [];
  const vehicles = policy.vehicles ?? [];
  const premiumCents = cents(policy.premiumCents);
  return {
    id,
    issuer,
    policyNumber,
    type: POLICY_TYPES[policy.policyType ?? ''] ?? 'other',
    // When Trellis does not say, the policy's own dates do.
    active: policy.active ?? (effectiveDate <= today && today < expirationDate),
    effectiveDate,
    expirationDate,
    ...(premiumCents === undefined ? {} : { premiumCents }),
    holder: holderOf(policy),
    drivers: operators.map(mapOperator),
    vehicles: vehicles.map(mapVehicle),
    coverages: [
      ...vehicles.flatMap((vehicle, index) => (vehicle.coverages ?? []).flatMap((c) => mapAutoCoverage(c, index))),
      ...(policy.coverages ?? []).flatMap(mapPropertyCoverage),
    ],
  };
}

/**
 * The holder's name from policyHolder; the birth date from the person Trellis
 * marks as the policyholder among the operators (isPrimary, or "Named
 * Insured") or household members, since policyHolder itself carries none.
 */
function holderOf(policy: TrellisPolicy): PolicyPerson {
  const named = (p: { relationship?: string | null }) => p.relationship === 'Named Insured';
  const operator = policy.operators?.find((o) => o.isPrimary) ?? policy.operators?.find(named);
  const member = policy.householdMembers?.find(named);
  return compact({
    ...splitName(policy.policyHolder?.name ?? operator?.name ?? member?.name),
    dateOfBirth: date(operator?.birthday) ?? date(member?.birthday),
  });
}

const RELATIONSHIPS: Record<string, string> = { 'Named Insured': 'self', Spouse: 'spouse', Child: 'child', Other: 'other' };

function mapOperator(operator: TrellisOperator): PolicyDriver {
  return compact({
    ...splitName(operator.name),
    // Only an exact birthday: a birthdayRange is a year or an age, not a date of birth.
    dateOfBirth: date(operator.birthday),
    licenseState: operator.driversLicenseState?.trim().toUpperCase() || undefined,
    relationship: RELATIONSHIPS[operator.relationship ?? ''],
  });
}

function mapVehicle(vehicle: TrellisVehicle): PolicyVehicle {
  const year = /^\d{4}$/.test(vehicle.year?.trim() ?? '') ? Number(vehicle.year) : undefined;
  return compact({
    vin: vehicle.vin?.trim().toUpperCase() || undefined,
    year,
    make: vehicle.make?.trim() || undefined,
    model: vehicle.model?.trim() || undefined,
  });
}

/**
 * Our names for the coverages a quote also asks about; every other Trellis
 * coverage name becomes its lower_snake_case spelling (e.g. "Loan/Lease
 * Payoff" → loan_lease_payoff), which keeps it recognisable without a table
 * of a hundred names.
 */
const COVERAGE_TYPES: Record<string, string> = {
  'Bodily Injury Liability': 'bodily_injury',
  'Property Damage Liability': 'property_damage',
  'Medical Payments': 'medical_payments',
  'Uninsured Motorist Bodily Injury': 'uninsured_motorist',
  'Underinsured Motorist Bodily Injury': 'underinsured_motorist',
  'Uninsured / Underinsured Motorist Bodily Injury': 'uninsured_underinsured_motorist',
  Comprehensive: 'comprehensive',
  Collision: 'collision',
  'Car Rental & Travel Expenses': 'rental_reimbursement',
  'Emergency Road Service': 'roadside_assistance',
};

export function coverageType(name: string): string {
  return (
    COVERAGE_TYPES[name] ??
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
  );
}

/** Declined coverages are left out: the shopper does not have them. */
function mapAutoCoverage(coverage: TrellisAutoCoverage, vehicle: number): PolicyCoverage[] {
  const name = coverage.name?.trim();
  if (!name || coverage.isDeclined) return [];
  return [
    compact({
      type: coverageType(name),
      name,
      perPersonLimitCents: cents(coverage.perPersonLimitCents),
      perAccidentLimitCents: cents(coverage.perAccidentLimitCents),
      unlimited: unlimited(coverage.perPersonLimitCents, coverage.perAccidentLimitCents),
      deductibleCents: cents(coverage.deductibleCents),
      premiumCents: cents(coverage.premiumCents),
      vehicle,
    }),
  ];
}

function mapPropertyCoverage(coverage: TrellisPropertyCoverage): PolicyCoverage[] {
  const name = coverage.name?.trim() || coverage.rawName?.trim();
  if (!name || coverage.isDeclined) return [];
  return [
    compact({
      type: coverageType(name),
      // The issuer's own label is rawName; name is Trellis's normalised one.
      name: coverage.rawName?.trim() || name,
      perPersonLimitCents: cents(coverage.perPersonLimitCents),
      limitCents: cents(coverage.perOccurrenceLimitCents),
      unlimited: unlimited(coverage.perPersonLimitCents, coverage.perOccurrenceLimitCents),
      deductibleCents: cents(coverage.deductibleCents),
      premiumCents: cents(coverage.premiumCents),
    }),
  ];
}

/**
 * Trellis's name parts, tidied: the seed's own example shows issuers sending
 * "John," with a stray trailing comma, which is punctuation, not name.
 */
function splitName(name: TrellisName | null | undefined): Pick<PolicyPerson, 'firstName' | 'lastName'> {
  const tidy = (part: string | null | undefined) => part?.trim().replace(/[\s,]+$/, '') || undefined;
  return { firstName: tidy(name?.firstName), lastName: tidy(name?.lastName) };
}

/**
 * `true` when Trellis wrote one of a coverage's limits as UNLIMITED (its
 * 999999999999999 marker), so the canonical coverage says `unlimited: true`
 * instead of showing $9,999,999,999,999.99; otherwise undefined (left out).
 * The marked limit itself is left out by `cents`; a limit the issuer did cap
 * (say a per-accident cap beside an unlimited per-person one) is kept.
 */
function unlimited(...limits: Array<number | null | undefined>): true | undefined {
  return limits.some((limit) => limit === UNLIMITED_CENTS) || undefined;
}

/**
 * Whole cents, or undefined. Trellis's UNLIMITED marker is not an amount (it
 * becomes `unlimited: true`, see above), and anything at or beyond it is no
 * amount either, so both are left out.
 */
function cents(value: number | null | undefined): number | undefined {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0 || value >= UNLIMITED_CENTS) return undefined;
  return Math.round(value);
}

/** A YYYY-MM-DD date, also read from the date part of a timestamp. */
function date(value: string | null | undefined): string | undefined {
  const day = value?.slice(0, 10);
  return day && isCalendarDate(day) && (value!.length === 10 || value![10] === 'T') ? day : undefined;
}

/** Drops undefined properties, so a mapped object holds only what Trellis said. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
