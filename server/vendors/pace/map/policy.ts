/**
 * A PACE quote or policy (its info, drivers, vehicles and coverages) → our
 * Policy, for the lookup journey. Names stay as PACE stores them (capitals):
 * recasing "McDONALD" would change it. The caller compares the date of birth.
 */
import { type Policy, type PolicyCoverage, usToday } from '../../../../contract/index.ts';
import type { PaceProgram } from '../config.ts';
import { fromPaceDate } from '../dates.ts';
import type { PaceCoverages, PaceDriverSummary, PacePolicyInfo, PaceQuoteInfo, PaceVehicleSummary } from '../schemas.ts';
import { dollarsToCents, limitCents } from './money.ts';

export type PaceRecordKind = 'quote' | 'policy';

export type PaceRecord = {
  kind: PaceRecordKind;
  info: PaceQuoteInfo | PacePolicyInfo;
  drivers: readonly PaceDriverSummary[];
  vehicles: readonly PaceVehicleSummary[];
  coverages?: PaceCoverages;
};

const COVERAGE_TYPES: Readonly<Record<string, string>> = {
  BI: 'bodily_injury',
  PD: 'property_damage',
  UMBI: 'uninsured_motorist_bodily_injury',
  UMUIMBI: 'uninsured_motorist_bodily_injury',
  UMUIMBI2: 'uninsured_motorist_bodily_injury',
  UMPD: 'uninsured_motorist_property_damage',
  MP: 'medical_payments',
  PIP: 'personal_injury_protection',
  COMP: 'comprehensive',
  COLL: 'collision',
  RENT: 'rental',
  TOW: 'towing',
  GLASS: 'glass',
  LOAN: 'loan_lease_payoff',
};

/** Our lower_snake_case name of a PACE coverage code (unknown codes keep their own name, lower-cased). */
export const coverageType = (code: string) => COVERAGE_TYPES[code.toUpperCase()] ?? code.toLowerCase();

const RELATIONSHIPS: Readonly<Record<string, string>> = {
  INSURED: 'self',
  SPOUSE: 'spouse',
  CHILD: 'child',
  PARENT: 'parent',
  RELATIVE: 'other',
  OTHER: 'other',
};

/** policyStatusOptions under which cover is in force (a NOTICE policy is still in force until it cancels). */
const IN_FORCE = new Set(['ACTIVE', 'BINDER', 'ISSUED', 'NOTICE']);

const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };

function toCoverage(
  limit: PaceCoverages['coverageLimits'][number],
  coverages: PaceCoverages,
  vehicles: readonly PaceVehicleSummary[],
): PolicyCoverage {
  const type = coverageType(limit.name);
  const perCar = limit.type.toUpperCase() === 'VEHICLE';
  const amounts = limitCents(limit.limit);
  const written = coverages.writtenByCoverage.filter(
    (w) => w.name === limit.name && !w.isUnusedCoverage && (!perCar || w.carNumber === limit.indexNumber),
  );
  const vehicle = perCar ? vehicles.findIndex((v) => v.carNumber === limit.indexNumber) : -1;
  const amountFields =
    amounts.length === 2 && type.endsWith('bodily_injury')
      ? { perPersonLimitCents: amounts[0], perAccidentLimitCents: amounts[1] }
      : type === 'comprehensive' || type === 'collision'
        ? { deductibleCents: amounts[0] }
        : { limitCents: amounts.at(-1) };
  return {
    type,
    name: limit.description || limit.name,
    ...defined(amountFields),
    ...(written.length > 0 ? { premiumCents: written.reduce((sum, w) => sum + dollarsToCents(w.written), 0) } : {}),
    ...(vehicle >= 0 ? { vehicle } : {}),
  };
}

export function toCanonicalPolicy(record: PaceRecord, program: PaceProgram, today: string = usToday()): Policy {
  const { info, kind } = record;
  const expirationDate = fromPaceDate(info.expirationDate) ?? info.expirationDate;
  const vehicles = [...record.vehicles].sort((a, b) => a.carNumber - b.carNumber);
  const coverages = record.coverages;
  return {
    id: `pace-${kind}-${info.policyNumber}`,
    issuer: program.carrierName,
    policyNumber: info.policyNumber,
    type: 'auto',
    active: IN_FORCE.has(info.status.toUpperCase()) && expirationDate >= today,
    effectiveDate: fromPaceDate(info.effectiveDate) ?? info.effectiveDate,
    expirationDate,
    // An unrated quote shows 0.0 written: that is no premium, not a free policy.
    ...(info.written ? { premiumCents: dollarsToCents(info.written) } : {}),
    holder: defined({
      firstName: info.insuredFirstName,
      lastName: info.insuredLastName,
      dateOfBirth: fromPaceDate(info.insuredDateOfBirth),
    }),
    drivers: [...record.drivers]
      .sort((a, b) => a.driverNumber - b.driverNumber)
      .map((d) =>
        defined({
          firstName: d.firstName,
          lastName: d.lastName,
          dateOfBirth: fromPaceDate(d.dob),
          relationship: d.relation ? RELATIONSHIPS[d.relation.toUpperCase()] : undefined,
        }),
      ),
    vehicles: vehicles.map((v) => defined({ vin: v.vin, year: v.year ?? undefined, make: v.make, model: v.model })),
    coverages: coverages ? coverages.coverageLimits.filter((l) => !l.isUnusedCoverage).map((l) => toCoverage(l, coverages, vehicles)) : [],
  };
}
