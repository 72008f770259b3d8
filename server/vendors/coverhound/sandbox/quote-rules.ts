/**
 * The documented rules a quote request must meet beyond its shape: the
 * "required when…" fields, indexes that must point at real drivers and
 * vehicles, dates relative to the day of the request, and the states
 * CoverHound does not quote. Each is written the way the documentation states
 * it, with the documentation's words in the comment.
 */
import { addDays, usToday } from '../../../../contract/primitives.ts';
import { fromMdy } from '../dates.ts';
import { CoverHoundQuoteRequest } from '../schemas.ts';
import { stateOfZip, UNQUOTED_STATES } from '../zip-states.ts';
import { addError, type FieldErrors, type Parsed, parseVendorBody } from './field-errors.ts';

/** The request's shape, then its rules; the rules only run on a well-shaped request. */
export function quoteRequestErrors(body: unknown, now: Date): Parsed<CoverHoundQuoteRequest> {
  const parsed = parseVendorBody(CoverHoundQuoteRequest, body);
  if (!parsed.ok) return parsed;
  const errors = ruleErrors(parsed.data, now);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : parsed;
}

function ruleErrors(request: CoverHoundQuoteRequest, now: Date): FieldErrors {
  const errors: FieldErrors = {};
  const { applicant, coverages } = request;
  const problem = (path: PropertyKey[], message: string) => addError(errors, path, message);
  const required = (path: PropertyKey[]) => problem(path, 'is required');
  // "Today" is the latest today anywhere in the US, as our own model reckons it, so a
  // shopper's real tomorrow is never refused.
  const today = usToday(now);

  // effectiveDate: "Must be at least 1 day after the request."
  if ((fromMdy(applicant.effectiveDate) ?? '') < addDays(today, 1)) {
    problem(['applicant', 'effectiveDate'], 'must be at least 1 day after the request');
  }

  // mailingZip: "ZIPs within the 50 states and Washington DC, except for AK, HI, and MA."
  const state = stateOfZip(applicant.mailingZip);
  if (!state) problem(['applicant', 'mailingZip'], 'is not a ZIP code in the 50 states or Washington DC');
  else if (UNQUOTED_STATES.has(state)) problem(['applicant', 'mailingZip'], `is in ${state}, where we do not quote`);

  const driverCount = applicant.drivers.length;
  const vehicleCount = applicant.vehicles.length;

  applicant.vehicles.forEach((vehicle, i) => {
    const at = ['applicant', 'vehicles', i];
    // commuteDistance, commuteFrequency: "Required when use is "Commute"".
    if (vehicle.use === 'Commute') {
      if (vehicle.commuteDistance === undefined) required([...at, 'commuteDistance']);
      if (vehicle.commuteFrequency === undefined) required([...at, 'commuteFrequency']);
    }
    // commuteNyNj: "Required if the mailing address is located in Pennsylvania".
    if (state === 'PA' && vehicle.commuteNyNj === undefined) required([...at, 'commuteNyNj']);
    // primaryDriver: "The primary driver of this vehicle" (the documentation's "index in vehicles"
    // is a slip: a driver can only be found among the drivers).
    if (vehicle.primaryDriver >= driverCount) problem([...at, 'primaryDriver'], 'does not have a valid value');
  });

  if (applicant.drivers.filter((driver) => driver.primaryApplicant).length !== 1) {
    problem(['applicant', 'drivers', 'primaryApplicant'], 'must be true for exactly one driver');
  }
  applicant.drivers.forEach((driver, i) => {
    const at = ['applicant', 'drivers', i];
    if ((fromMdy(driver.birthDate) ?? '') >= today) problem([...at, 'birthDate'], 'must be in the past');
    // dlState: "Required if dlNum is given".
    if (driver.dlNum && !driver.dlState) required([...at, 'dlState']);
    // occupationIndustry, occupation: "Required if careerStatus = Employed".
    if (driver.careerStatus === 'Employed') {
      if (!driver.occupationIndustry) required([...at, 'occupationIndustry']);
      if (!driver.occupation) required([...at, 'occupation']);
    }
    // goodStudent: "Required if careerStatus = Full-Time Student".
    if (driver.careerStatus === 'Full-Time Student' && driver.goodStudent === undefined) required([...at, 'goodStudent']);
    // residenceType: "Required if homeowner = true".
    if (driver.homeowner && !driver.residenceType) required([...at, 'residenceType']);
    // relationPrimary, addressPrimarySame: "Required if the driver is not the primary applicant".
    if (!driver.primaryApplicant) {
      if (!driver.relationPrimary) required([...at, 'relationPrimary']);
      if (driver.addressPrimarySame === undefined) required([...at, 'addressPrimarySame']);
    }
    // vehicles, primaryVehicle: "0-based index in vehicles".
    if (driver.vehicles.some((v) => v >= vehicleCount)) problem([...at, 'vehicles'], 'does not have a valid value');
    if (driver.primaryVehicle >= vehicleCount) problem([...at, 'primaryVehicle'], 'does not have a valid value');
  });

  applicant.incidents?.forEach((incident, i) => {
    const at = ['applicant', 'incidents', i];
    // driverNum: "0-based index in drivers".
    if (incident.driverNum >= driverCount) problem([...at, 'driverNum'], 'does not have a valid value');
    if ((fromMdy(incident.incidentDate) ?? '') > today) problem([...at, 'incidentDate'], 'cannot be in the future');
  });

  // lapseDuration: "Required when insuredDuration = Not Currently Insured".
  const prior = applicant.priorPolicy;
  if (prior.insuredDuration === 'Not Currently Insured' && !prior.lapseDuration) {
    required(['applicant', 'priorPolicy', 'lapseDuration']);
  }

  // Vehicle coverages: "For each vehicle, in the same order as the vehicles attribute".
  if (coverages.vehicles.length !== vehicleCount) problem(['coverages', 'vehicles'], 'must list the coverages of each vehicle');
  const { policy } = coverages;
  if (policy.biAccident < policy.biPerson) problem(['coverages', 'policy', 'biAccident'], 'cannot be less than biPerson');
  if (policy.umbiAccident < policy.umbiPerson) problem(['coverages', 'policy', 'umbiAccident'], 'cannot be less than umbiPerson');

  return errors;
}
