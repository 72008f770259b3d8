/**
 * The sandbox's rating formula: a six-month premium from the drivers, their
 * incidents, the vehicles, the ZIP and the chosen limits. Not any carrier's
 * filed rates, but it moves the way real prices do (a 19-year-old or a DUI
 * costs more, a ten-year-old car costs less to insure for collision, higher
 * limits cost more), so shoppers' quotes differ sensibly. Pure: the same
 * request always gives the same premium.
 */
import { addDays } from '../../../../contract/primitives.ts';
import { fromMdy } from '../dates.ts';
import type { CoverHoundDriver, CoverHoundIncident, CoverHoundQuoteRequest, CoverHoundVehicle } from '../schemas.ts';
import { stateOfZip } from '../zip-states.ts';

/** Incidents older than this no longer count. */
const LOOKBACK_YEARS = 5;

const INCIDENT_LOAD: Record<CoverHoundIncident['incidentType'], number> = {
  Accident: 1.3,
  Claim: 1.15,
  DUI: 1.9,
  'Moving Violation': 1.2,
  Speeding: 1.15,
  'Other Violation': 1.08,
};

const LICENSE_LOAD: Record<CoverHoundDriver['licenseStatus'], number> = {
  Valid: 1,
  Permit: 1.2,
  Expired: 1.3,
  Suspended: 1.6,
  Cancelled: 1.6,
  'Not Licensed': 1.6,
  'Permanently Revoked': 1.6,
};

/** Where claims cost more: a few states well known for it, and a few known for the opposite. */
const STATE_LOAD: Record<string, number> = {
  MI: 1.55,
  LA: 1.5,
  FL: 1.4,
  NY: 1.3,
  NJ: 1.3,
  DE: 1.2,
  NV: 1.2,
  RI: 1.2,
  CA: 1.2,
  GA: 1.15,
  MD: 1.15,
  TX: 1.12,
  DC: 1.15,
  ME: 0.78,
  VT: 0.8,
  ID: 0.8,
  NH: 0.82,
  OH: 0.85,
  IA: 0.85,
  WI: 0.85,
  NC: 0.88,
  VA: 0.9,
};

/** Whole years between two `YYYY-MM-DD` dates. */
function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

const iso = (mdy: string) => fromMdy(mdy) ?? mdy;

function ageLoad(age: number): number {
  if (age < 18) return 2.6;
  if (age < 21) return 2.1;
  if (age < 25) return 1.55;
  if (age < 30) return 1.2;
  if (age < 65) return 1;
  if (age < 75) return 1.08;
  return 1.3;
}

/** How much riskier than a clean middle-aged driver this driver is. */
function driverFactor(driver: CoverHoundDriver, incidents: readonly CoverHoundIncident[], effectiveDate: string): number {
  const age = yearsBetween(iso(driver.birthDate), effectiveDate);
  let factor = ageLoad(age);
  if (age - driver.ageLicensed < 3) factor *= 1.25;
  if (driver.marital === 'Married' || driver.marital === 'Domestic Partner') factor *= 0.93;
  if (driver.goodStudent) factor *= 0.9;
  if (driver.sr22) factor *= 1.35;
  factor *= LICENSE_LOAD[driver.licenseStatus];
  for (const incident of recentIncidents(incidents, effectiveDate)) factor *= INCIDENT_LOAD[incident.incidentType];
  return factor;
}

export function recentIncidents(incidents: readonly CoverHoundIncident[], effectiveDate: string) {
  const since = addDays(effectiveDate, -365 * LOOKBACK_YEARS);
  return incidents.filter((incident) => iso(incident.incidentDate) >= since);
}

/** A model year from the VIN's year code (position 10), the latest year the code can stand for. */
export function modelYear(vin: string, effectiveDate: string): number | undefined {
  const code = vin.length === 10 ? vin[8] : vin[9];
  const offset = 'ABCDEFGHJKLMNPRSTVWXY123456789'.indexOf(code ?? '');
  if (offset < 0) return undefined;
  const latestPossible = Number(effectiveDate.slice(0, 4)) + 1;
  let year = 1980 + offset;
  while (year + 30 <= latestPossible) year += 30;
  return year;
}

const log2 = (ratio: number) => Math.log2(Math.max(ratio, 1));

function vehiclePremium(
  vehicle: CoverHoundVehicle,
  coverage: CoverHoundQuoteRequest['coverages']['vehicles'][number] | undefined,
  policy: CoverHoundQuoteRequest['coverages']['policy'],
  effectiveDate: string,
): number {
  const liability = 210 * (1 + 0.3 * log2(policy.biPerson / 15_000)) * (1 + 0.06 * log2(policy.pd / 5_000));
  const medical = policy.mp > 0 ? 8 + (policy.mp / 1_000) * 1.5 : 0;
  const uninsured = (policy.umbiPerson > 0 ? 20 * (1 + 0.25 * log2(policy.umbiPerson / 15_000)) : 0) + (policy.umpd > 0 ? 12 : 0);

  const year = modelYear(vehicle.vin, effectiveDate) ?? Number(effectiveDate.slice(0, 4)) - 8;
  const vehicleAge = Math.max(0, Number(effectiveDate.slice(0, 4)) - year);
  const value = Math.max(0.35, 1.25 - 0.07 * vehicleAge);
  const collision = coverage && coverage.coll > 0 ? 190 * (500 / coverage.coll) ** 0.35 * value : 0;
  const comprehensive = coverage && coverage.comp > 0 ? 65 * (500 / coverage.comp) ** 0.25 * value : 0;

  const use = vehicle.use === 'Business' ? 1.15 : vehicle.use === 'Commute' ? ((vehicle.commuteDistance ?? 0) > 20 ? 1.1 : 1.05) : 0.92;
  const mileage = vehicle.mileage < 7_500 ? 0.9 : vehicle.mileage < 12_000 ? 1 : vehicle.mileage < 20_000 ? 1.08 : 1.18;
  return (liability + medical + uninsured + collision + comprehensive) * use * mileage;
}

/** ZIPs in one state still differ: a small spread by the third digit of the ZIP. */
function territoryFactor(zip: string): number {
  const state = stateOfZip(zip);
  const spread = 1 + ((Number(zip.slice(0, 3)) % 9) - 4) * 0.015;
  return (state ? (STATE_LOAD[state] ?? 1) : 1) * spread;
}

function priorInsuranceFactor(request: CoverHoundQuoteRequest): number {
  switch (request.applicant.priorPolicy.insuredDuration) {
    case 'Not Currently Insured':
      return 1.18;
    case '0-6 months':
      return 1.08;
    case '6+ years':
      return 0.92;
    default:
      return 1;
  }
}

/** The market six-month premium in cents, before any carrier's own price factor. */
export function marketPremiumCents(request: CoverHoundQuoteRequest): number {
  const { applicant, coverages } = request;
  const effectiveDate = iso(applicant.effectiveDate);
  const incidents = applicant.incidents ?? [];
  const covered = applicant.drivers.map((driver, i) => ({ driver, i })).filter(({ driver }) => !driver.excluded);
  const factorOf = new Map(
    covered.map(({ driver, i }) => [
      i,
      driverFactor(
        driver,
        incidents.filter((x) => x.driverNum === i),
        effectiveDate,
      ),
    ]),
  );

  // Each vehicle is rated on its main driver; drivers who are nobody's main driver load the policy.
  const vehicles = applicant.vehicles.reduce(
    (sum, vehicle, v) =>
      sum + vehiclePremium(vehicle, coverages.vehicles[v], coverages.policy, effectiveDate) * (factorOf.get(vehicle.primaryDriver) ?? 1),
    0,
  );
  const occasional = covered
    .filter(({ i }) => !applicant.vehicles.some((vehicle) => vehicle.primaryDriver === i))
    .reduce((sum, { i }) => sum + 0.1 * (factorOf.get(i) ?? 1), 0);
  const primary = applicant.drivers.find((driver) => driver.primaryApplicant);
  const homeowner = primary?.homeowner ? 0.95 : 1;

  const dollars = vehicles * (1 + occasional) * territoryFactor(applicant.mailingZip) * priorInsuranceFactor(request) * homeowner;
  return Math.round(dollars * 100);
}
