/**
 * The checks the sandbox's rules engine runs on a rate request before rating:
 * the documented required fields (through the shared schema), then the
 * program's rules (rate cycle, drivers, vehicles, coverage options, pay plan).
 * All problems are reported together, one message each, in PACE's error body.
 */
import type { z } from 'zod';
import { usToday } from '../../../../contract/index.ts';
import { ageOn, fromPaceDate } from '../dates.ts';
import { PaceRateRequest, type PaceRateRequestParsed } from '../schemas.ts';
import { badRequest, paceError } from './answers.ts';
import { findPayPlan, type PayPlan } from './billing.ts';
import { coverageOptions, findRateCycle, type RateCycle, VEHICLE_COVERAGES } from './rate-cycles.ts';
import type { RatedDriver, RatedVehicle, RatingInput } from './rating.ts';
import type { VehicleCatalogue } from './vehicles.ts';

export type CheckedRateRequest = {
  request: PaceRateRequestParsed;
  cycle: RateCycle;
  expirationDate: string;
  plan: PayPlan;
  rating: RatingInput;
};

/** `drivers[0].dob` from a zod path. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || 'body';
}

function schemaMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const missing = !('input' in issue) || issue.input === undefined || issue.input === null || issue.input === '';
    return `${fieldName(issue.path)} ${missing ? 'is required' : 'is invalid'}`;
  });
}

const GENDERS = new Set(['M', 'F', 'MALE', 'FEMALE']);
const LICENSE_STATUSES = new Set(['ACTIVE', 'EXPIRED']);
const DRIVER_STATUSES = new Set(['RATED', 'LIST', 'REVIEW']);
const NOT_CARRIED = new Set(['', 'NONE']);
/** Coverages the state requires, at their lowest limit: added when a request leaves them out, as PACE's rules engine "bumps" coverages. */
const requiredCoverages = (cycle: RateCycle) => (cycle.pip?.length ? [['PIP', String(cycle.pip[0])] as const] : []);

export function checkRateRequest(
  body: unknown,
  now: Date,
  vehicles: VehicleCatalogue,
): { ok: true; value: CheckedRateRequest } | { ok: false; response: Response } {
  const parsed = PaceRateRequest.safeParse(body, { reportInput: true });
  if (!parsed.success) return { ok: false, response: badRequest(...schemaMessages(parsed.error)) };
  const request = parsed.data;
  const problems: string[] = [];

  if (request.mgaName && !/^[A-Z0-9_-]+$/.test(request.mgaName))
    problems.push(`mgaName ${request.mgaName} is not a program; program names are all capitals`);

  const effectiveDate = fromPaceDate(request.effectiveDate);
  const expirationDate = fromPaceDate(request.expirationDate);
  if (!effectiveDate) problems.push('effectiveDate is invalid');
  if (!expirationDate) problems.push('expirationDate is invalid');
  if (effectiveDate && effectiveDate < usToday(now)) problems.push('effectiveDate cannot be in the past');
  if (effectiveDate && expirationDate && expirationDate <= effectiveDate) problems.push('expirationDate must be after effectiveDate');
  if (request.term !== 6 && request.term !== 12) problems.push(`Term ${request.term} is not available; terms are 6 or 12 months`);

  const addressOf = (type: string) => request.addresses.find((a) => a.type.toLowerCase() === type);
  const garaging = addressOf('garaging') ?? (request.isGarageSameAsMailing ? addressOf('mailing') : undefined);
  if (!garaging) problems.push('A garaging address is required');
  else if (!/^\d{5}(-\d{4})?$/.test(garaging.zip)) problems.push(`Garaging zip ${garaging.zip} is invalid`);

  if (problems.length > 0 || !effectiveDate || !expirationDate || !garaging) return { ok: false, response: badRequest(...problems) };

  const state = (request.ratedState || garaging.state).toUpperCase();
  const cycle = findRateCycle(state, effectiveDate);
  if (!cycle) return { ok: false, response: badRequest(`Unable to locate rate cycle with state ${state} and date ${effectiveDate}`) };

  const drivers = checkDrivers(request, effectiveDate, problems);
  const ratedVehicles = checkVehicles(request, drivers, vehicles, problems);
  const limits = checkLimits(request, cycle, ratedVehicles, problems);
  if (problems.length > 0) return { ok: false, response: badRequest(...problems) };

  const plan = findPayPlan(request.term, request.payPlan.downPayment, request.payPlan.installments);
  if (!plan) {
    return {
      ok: false,
      response: paceError(
        400,
        'pay plan not found',
        `Pay plan not found with down payment ${request.payPlan.downPayment}, installment count ${request.payPlan.installments} in Rate cycle ${cycle.name}`,
      ),
    };
  }

  return {
    ok: true,
    value: {
      request,
      cycle,
      expirationDate,
      plan,
      rating: {
        state,
        zip: garaging.zip.slice(0, 5),
        effectiveDate,
        term: request.term,
        drivers,
        vehicles: ratedVehicles,
        limits,
        hasPriorCoverage: request.hasPriorCoverage,
        priorMonthsInsured: request.priorMonthsInsured ?? 0,
        isHomeOwner: request.isHomeOwner,
        isPaperless: request.isPaperless,
      },
    },
  };
}

function checkDrivers(request: PaceRateRequestParsed, effectiveDate: string, problems: string[]): RatedDriver[] {
  if (!request.drivers.some((d) => d.relation?.toUpperCase() === 'INSURED')) problems.push('A driver with relation INSURED is required');
  return request.drivers.map((d, i) => {
    const label = `Driver ${d.driverNumber ?? i + 1}`;
    const dob = fromPaceDate(d.dob);
    if (!dob) problems.push(`${label} dob ${d.dob} is invalid`);
    else if (ageOn(dob, effectiveDate) < 15) problems.push(`${label} must be at least 15 years old`);
    if (d.gender && !GENDERS.has(d.gender.toUpperCase())) problems.push(`${label} gender ${d.gender} is invalid`);
    if (d.licenseStatus && !LICENSE_STATUSES.has(d.licenseStatus.toUpperCase()))
      problems.push(`${label} licenseStatus ${d.licenseStatus} is invalid`);
    if (d.status && !DRIVER_STATUSES.has(d.status.toUpperCase())) problems.push(`${label} status ${d.status} is invalid`);
    const points = (d.violations ?? []).filter((v) => v.isChargeable).reduce((sum, v) => sum + v.points, 0);
    const licensedDate = fromPaceDate(d.licensedDate);
    return {
      driverNumber: d.driverNumber ?? i + 1,
      dob: dob ?? effectiveDate,
      isMarried: d.isMarried ?? false,
      licenseExpired: d.licenseStatus?.toUpperCase() === 'EXPIRED',
      ...(licensedDate ? { licensedDate } : {}),
      points,
      rated: (d.status ?? 'RATED').toUpperCase() === 'RATED',
    };
  });
}

function checkVehicles(
  request: PaceRateRequestParsed,
  drivers: RatedDriver[],
  catalogue: VehicleCatalogue,
  problems: string[],
): RatedVehicle[] {
  // A non-owners policy rates the driver alone: any vehicles sent are ignored, as documented.
  if (request.isNonOwners) return [];
  const vehicles = request.vehicles ?? [];
  if (vehicles.length === 0) problems.push('At least one vehicle is required');
  const firstRated = drivers.find((d) => d.rated)?.driverNumber ?? 1;
  return vehicles.map((v, i) => {
    const carNumber = v.carNumber ?? i + 1;
    const operator = v.ratedOperator ?? firstRated;
    if (!drivers.some((d) => d.driverNumber === operator))
      problems.push(`Car ${carNumber} ratedOperator ${operator} is not a driver on the quote`);
    if (v.vin) {
      const decoded = catalogue.decode(v.vin);
      if (decoded.outcome === 'decoded' && decoded.vehicle.isUnacceptable)
        problems.push(`Vehicle ${v.vin} is unacceptable for this program`);
    }
    const limits = new Map<string, string>();
    const own = [
      ...(v.coverageLimits ?? []),
      ...request.limits.filter((l) => l.type.toUpperCase() === 'VEHICLE' && (l.carNumber ?? l.indexNumber) === carNumber),
    ];
    for (const l of own) if (!NOT_CARRIED.has(l.limit.toUpperCase())) limits.set(l.name.toUpperCase(), l.limit);
    const annualMiles = v.mileage?.miles ?? v.annualMileage;
    return {
      carNumber,
      year: v.year,
      ...(v.mileage?.usageType ? { usageType: v.mileage.usageType.toUpperCase() } : {}),
      ...(annualMiles ? { annualMiles } : {}),
      operator,
      limits,
    };
  });
}

function checkLimits(request: PaceRateRequestParsed, cycle: RateCycle, vehicles: RatedVehicle[], problems: string[]): Map<string, string> {
  const offered = new Map<string, Set<string>>();
  for (const o of coverageOptions(cycle))
    (offered.get(o.coverage) ?? offered.set(o.coverage, new Set()).get(o.coverage))?.add(o.limitValue);
  const check = (name: string, limit: string) => {
    const options = offered.get(name);
    if (!options) problems.push(`Coverage ${name} is not offered in ${cycle.state}`);
    else if (!options.has(limit)) problems.push(`Limit ${limit} is not available for coverage ${name} in ${cycle.state}`);
  };

  const limits = new Map<string, string>(requiredCoverages(cycle));
  for (const l of request.limits) {
    if (l.type.toUpperCase() === 'VEHICLE' || NOT_CARRIED.has(l.limit.toUpperCase())) continue;
    const name = l.name.toUpperCase();
    check(name, l.limit);
    limits.set(name, l.limit);
  }
  for (const name of ['BI', 'PD']) if (!limits.has(name)) problems.push(`Coverage ${name} is required`);
  const bi = limits.get('BI');
  const umbi = limits.get('UMBI');
  if (bi && umbi && Number(umbi.split('/')[0]) > Number(bi.split('/')[0])) problems.push('UMBI limit cannot exceed BI limit');

  for (const v of vehicles) {
    for (const [name, limit] of v.limits) {
      if (!VEHICLE_COVERAGES.has(name)) problems.push(`Coverage ${name} is not a vehicle coverage`);
      else check(name, limit);
    }
    if (v.limits.has('COLL') && !v.limits.has('COMP')) problems.push(`Car ${v.carNumber}: COLL requires COMP`);
  }
  return limits;
}
