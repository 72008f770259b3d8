/**
 * The sandbox's rating formula. Deterministic and simple, but shaped like a
 * real auto rating plan so premiums move the way a dealer developer expects:
 * younger and less experienced operators, points, newer vehicles (for physical
 * damage), higher limits, lower deductibles and pricier territories cost more;
 * prior insurance, home ownership, marriage, several cars and paperless
 * documents cost less. Every factor is a plain function of the request.
 */
import { ageOn } from '../dates.ts';
import type { PaceWrittenByCoverage } from '../schemas.ts';

export type RatedDriver = {
  driverNumber: number;
  dob: string;
  isMarried: boolean;
  licenseExpired: boolean;
  /** YYYY-MM-DD, when known. */
  licensedDate?: string;
  /** Chargeable violation points. */
  points: number;
  rated: boolean;
};

export type RatedVehicle = {
  carNumber: number;
  year: number;
  usageType?: string;
  annualMiles?: number;
  operator: number;
  /** Vehicle coverages carried (COMP, COLL, RENT, TOW) → limit. */
  limits: ReadonlyMap<string, string>;
};

export type RatingInput = {
  state: string;
  zip: string;
  effectiveDate: string;
  term: number;
  drivers: readonly RatedDriver[];
  vehicles: readonly RatedVehicle[];
  /** Policy coverages carried (BI, PD, UMBI, UMPD, MP, PIP) → limit. */
  limits: ReadonlyMap<string, string>;
  hasPriorCoverage: boolean;
  priorMonthsInsured: number;
  isHomeOwner: boolean;
  isPaperless: boolean;
};

/** Relative cost of a state's claims environment. */
const STATE_FACTORS: Readonly<Record<string, number>> = {
  AZ: 1.0,
  CA: 1.2,
  CO: 1.1,
  FL: 1.35,
  GA: 1.12,
  IL: 0.98,
  IN: 0.86,
  MO: 0.95,
  NV: 1.15,
  OH: 0.84,
  OK: 1.0,
  OR: 0.96,
  SC: 1.02,
  TN: 0.9,
  TX: 1.08,
  UT: 0.94,
  VA: 0.88,
  WI: 0.85,
};

/** Territory from the ZIP's first three digits: a fixed spread of 0.85–1.25 standing in for a territory table. */
function territoryFactor(zip: string): number {
  const zip3 = Number(zip.slice(0, 3));
  return 0.85 + ((zip3 * 37) % 41) / 100;
}

function operatorAgeFactor(age: number): number {
  if (age < 19) return 2.6;
  if (age < 21) return 2.1;
  if (age < 25) return 1.6;
  if (age < 30) return 1.2;
  if (age < 50) return 1.0;
  if (age < 65) return 0.92;
  if (age < 75) return 1.0;
  return 1.25;
}

const perPerson = (limit: string) => Number(limit.split('/')[0]);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Annual cost of a coverage at its limit, before driver, vehicle and territory factors. */
function coverageBase(name: string, limit: string): number | undefined {
  const amount = perPerson(limit);
  switch (name) {
    case 'BI':
      return 380 * (amount / 25_000) ** 0.3;
    case 'PD':
      return 240 * (amount / 25_000) ** 0.22;
    case 'UMBI':
      return 85 * (amount / 25_000) ** 0.3;
    case 'UMPD':
      return 35 * (amount / 10_000) ** 0.3;
    case 'MP':
      return 40 * (amount / 1_000) ** 0.35;
    case 'PIP':
      return 150 * (amount / 10_000) ** 0.3;
    case 'COMP':
      return 150 * (500 / amount) ** 0.35;
    case 'COLL':
      return 390 * (500 / amount) ** 0.35;
    case 'RENT':
      return amount >= 40 ? 38 : 30;
    case 'TOW':
      return amount >= 100 ? 15 : 10;
    default:
      return undefined;
  }
}

/** Acquisition expense PACE shows per car in writtenByCoverage (ACQUEXP), per six months. */
const ACQUISITION_EXPENSE = 15;

/** Written premium per car and coverage for the term, and their total. */
export function rate(input: RatingInput): { written: number; writtenByCoverage: PaceWrittenByCoverage[] } {
  const effectiveYear = Number(input.effectiveDate.slice(0, 4));
  const rated = input.drivers.filter((d) => d.rated);
  const ages = new Map(rated.map((d) => [d.driverNumber, ageOn(d.dob, input.effectiveDate)]));
  const points = rated.reduce((sum, d) => sum + d.points, 0);
  const household = Math.min(2.5, 1 + 0.12 * points);
  const discounts =
    (input.hasPriorCoverage ? (input.priorMonthsInsured >= 12 ? 0.9 : 0.95) : 1.15) *
    (input.isHomeOwner ? 0.93 : 1) *
    (input.vehicles.length > 1 ? 0.9 : 1) *
    (input.isPaperless ? 0.97 : 1);
  const territory = (STATE_FACTORS[input.state] ?? 1) * territoryFactor(input.zip);
  const termShare = input.term / 12;

  const writtenByCoverage: PaceWrittenByCoverage[] = [];
  for (const vehicle of input.vehicles) {
    const operator = rated.find((d) => d.driverNumber === vehicle.operator) ?? rated[0];
    const age = operator ? (ages.get(operator.driverNumber) ?? 40) : 40;
    const yearsLicensed = operator?.licensedDate ? ageOn(operator.licensedDate, input.effectiveDate) : undefined;
    // Other young drivers in the household borrow the car.
    const youngOthers = rated.filter((d) => d !== operator && (ages.get(d.driverNumber) ?? 40) < 25).length;
    const driver =
      operatorAgeFactor(age) *
      (operator?.isMarried ? 0.92 : 1) *
      (operator?.licenseExpired ? 1.3 : 1) *
      (yearsLicensed !== undefined && yearsLicensed < 3 ? 1.15 : 1) *
      (1 + 0.2 * youngOthers);
    const use = vehicle.usageType === 'COMMUTE' ? 1.08 : vehicle.usageType === 'PLEASURE' ? 0.94 : 1;
    const miles = vehicle.annualMiles ? Math.min(1.3, Math.max(0.8, (vehicle.annualMiles / 12_000) ** 0.2)) : 1;
    const vehicleAge = Math.max(0, effectiveYear - vehicle.year);
    const physicalDamage = Math.max(0.35, 1.3 - 0.06 * vehicleAge);
    const liabilityVehicle = vehicleAge > 15 ? 0.95 : 1;

    const add = (name: string, annual: number) =>
      writtenByCoverage.push({
        carNumber: vehicle.carNumber,
        name,
        written: round2(annual * termShare),
        perMile: 0,
        isUnusedCoverage: false,
      });

    add('ACQUEXP', ACQUISITION_EXPENSE * 2);
    for (const [name, limit] of input.limits) {
      const base = coverageBase(name, limit);
      if (base !== undefined) add(name, base * territory * driver * household * discounts * use * miles * liabilityVehicle);
    }
    for (const [name, limit] of vehicle.limits) {
      const base = coverageBase(name, limit);
      if (base === undefined) continue;
      if (name === 'COMP') add(name, base * Math.sqrt(territory) * physicalDamage * discounts);
      else if (name === 'COLL') add(name, base * territory * driver * household * discounts * use * miles * physicalDamage);
      else add(name, base);
    }
  }
  const written = round2(writtenByCoverage.reduce((sum, c) => sum + c.written, 0));
  return { written, writtenByCoverage };
}
