/**
 * Our canonical applicant → PACE's rate request. Every value is converted or
 * refused: where PACE has no spelling for what the shopper told us, this
 * throws UnmappableError naming the field, and the PACE quote is declined with
 * that reason instead of being rated on a guess.
 */
import type { Driver, QuoteRequestBody, Vehicle } from '../../../../contract/index.ts';
import { UnmappableError } from '../../shared/errors.ts';
import { OCCUPATION_INDUSTRIES } from '../../shared/occupation-industries.ts';
import type { PaceProgram } from '../config.ts';
import { addMonths, ageOn } from '../dates.ts';
import type { PaceRateRequest } from '../schemas.ts';
import { limitDollars, PACE_VENDOR, splitLimit } from './money.ts';

type RateDriver = PaceRateRequest['drivers'][number];
type RateVehicle = NonNullable<PaceRateRequest['vehicles']>[number];
type RateLimit = PaceRateRequest['limits'][number];

const refuse = (field: string, reason: string): never => {
  throw new UnmappableError(PACE_VENDOR, field, reason);
};

const GENDERS: Readonly<Record<Driver['gender'], string | undefined>> = { male: 'M', female: 'F', non_binary: undefined };

/**
 * relationToInsuredOptions (CHILD, INSURED, OTHER, PARENT, RELATIVE) plus SPOUSE,
 * which the seed's own endorsement example sends. A domestic partner is not a
 * spouse or a relative to PACE, so OTHER is the true answer.
 */
const RELATIONS: Readonly<Record<Driver['relationship'], string>> = {
  self: 'INSURED',
  spouse: 'SPOUSE',
  domestic_partner: 'OTHER',
  child: 'CHILD',
  parent: 'PARENT',
  sibling: 'RELATIVE',
  other: 'OTHER',
};

/** occupationGroupOptions for the employment statuses that name a group outright. */
const OCCUPATION_GROUPS: Readonly<Partial<Record<Driver['employment'], string>>> = {
  unemployed: 'Unemployed',
  student: 'Student (full - time)',
  retired: 'Retired (full - time)',
  homemaker: 'Homemaker (full - time)',
};
/** PACE's own value for an occupation we were not told. */
const NOT_COLLECTED = 'Data Not Collected';

function occupationGroup(driver: Driver): string {
  const group = OCCUPATION_GROUPS[driver.employment];
  if (group) return group;
  const industry = driver.occupationIndustry?.toLowerCase();
  return OCCUPATION_INDUSTRIES.find((g) => g.toLowerCase() === industry) ?? NOT_COLLECTED;
}

/**
 * PACE records incidents as violations with points and rates on the points.
 * The seed gives no points schedule, so these follow the common one:
 * major (DUI) 6, at-fault accident 3, moving violation or speeding 2; a claim
 * is not a violation, so it is recorded but not chargeable.
 */
const INCIDENTS: Readonly<
  Record<NonNullable<QuoteRequestBody['incidents']>[number]['type'], { label: string; points: number; chargeable: boolean }>
> = {
  dui: { label: 'DUI', points: 6, chargeable: true },
  accident: { label: 'ACCIDENT', points: 3, chargeable: true },
  violation: { label: 'VIOLATION', points: 2, chargeable: true },
  speeding: { label: 'SPEEDING', points: 2, chargeable: true },
  claim: { label: 'CLAIM', points: 0, chargeable: false },
};

/** ratingVehicleMileageObject.usageType. Driving to school is commuting in personal auto rating. */
const USAGE: Readonly<Record<Vehicle['use'], string | undefined>> = {
  commute: 'COMMUTE',
  school: 'COMMUTE',
  pleasure: 'PLEASURE',
  business: undefined,
  farm: undefined,
};

const OWNERSHIP = { owned: 'OWNED', financed: 'FINANCED', leased: 'LEASED' } as const;

function mapDriver(body: QuoteRequestBody, driver: Driver, i: number): RateDriver {
  const field = `drivers.${i}`;
  const gender = GENDERS[driver.gender] ?? refuse(`${field}.gender`, 'PACE has no way to record a non-binary gender');
  if (driver.sr22) refuse(`${field}.sr22`, "PACE's API has no way to request an SR-22 filing");
  const status = driver.license.status;
  const neverLicensed = status === 'not_licensed';
  if (status !== 'valid' && status !== 'expired' && !neverLicensed) {
    refuse(`${field}.license.status`, `PACE rates only drivers with a valid or expired license, not a ${status} one`);
  }
  const violations = (body.incidents ?? [])
    .filter((incident) => incident.driver === i)
    .map((incident) => {
      const kind = INCIDENTS[incident.type];
      return {
        driverNumber: i + 1,
        description: `${kind.label}: ${incident.description}`,
        violationDate: incident.date,
        points: kind.points,
        isChargeable: kind.chargeable,
      };
    });
  return {
    driverNumber: i + 1,
    firstName: driver.firstName,
    middleInitial: driver.middleName?.[0] ?? null,
    lastName: driver.lastName,
    suffix: null,
    gender,
    dob: driver.dateOfBirth,
    age: String(ageOn(driver.dateOfBirth, body.effectiveDate)),
    licenseNum: driver.license.number ?? null,
    licenseState: driver.license.state,
    // The birthday on which the driver reached the age first licensed: years licensed are what rating uses.
    licensedDate: neverLicensed ? null : addMonths(driver.dateOfBirth, 12 * driver.license.ageFirstLicensed),
    relation: RELATIONS[driver.relationship],
    totalPoints: String(violations.filter((v) => v.isChargeable).reduce((sum, v) => sum + v.points, 0)),
    violationCount: violations.length,
    isMarried: driver.maritalStatus === 'married',
    isExcluded: false,
    // A household member who has never held a license is listed, not rated (listOnlyOptions NeverLicense).
    status: neverLicensed ? 'LIST' : 'RATED',
    listOnlyOption: neverLicensed ? 'NeverLicense' : null,
    licenseStatus: neverLicensed ? null : status === 'valid' ? 'ACTIVE' : 'EXPIRED',
    // educationCode has no documented list of codes: sent empty rather than guessed.
    educationCode: null,
    occupationGroup: occupationGroup(driver),
    occupationCode: null,
    flags: [],
    violations,
  };
}

function mapVehicle(body: QuoteRequestBody, vehicle: Vehicle, i: number): RateVehicle {
  const field = `vehicles.${i}`;
  const usageType = USAGE[vehicle.use] ?? refuse(`${field}.use`, `PACE rates pleasure and commute use only, not ${vehicle.use} use`);
  if (body.drivers[vehicle.primaryDriver]?.license.status === 'not_licensed') {
    refuse(`${field}.primaryDriver`, 'PACE needs a licensed driver as the main driver of each vehicle');
  }
  const chosen = body.coverage.vehicles[i];
  const deductible = (name: 'COMP' | 'COLL', cents: number | null | undefined, key: string): RateLimit[] =>
    cents === null || cents === undefined
      ? []
      : [{ type: 'VEHICLE', carNumber: i + 1, name, limit: limitDollars(cents, `coverage.vehicles.${i}.${key}`) }];
  return {
    carNumber: i + 1,
    vin: vehicle.vin ?? null,
    year: vehicle.year,
    make: vehicle.make,
    model: vehicle.model,
    bodyStyle: vehicle.bodyStyle ?? null,
    // 0 is PACE's "not given" (as in the seed's example): it prices the vehicle from its VIN symbols.
    costNew: 0,
    amountCustom: 0,
    annualMileage: vehicle.annualMileage,
    isIncludeAtRenewal: false,
    ownershipType: OWNERSHIP[vehicle.ownership],
    statedAmount: null,
    lengthOfOwnership: null,
    aebCode: null,
    blindSpotCode: null,
    restraintCode: null,
    mileage: { usageType, miles: vehicle.annualMileage },
    lienHolders: vehicle.lienholder ? [{ lienHolderNumber: 1, name: vehicle.lienholder, vin: vehicle.vin ?? null }] : null,
    coverageLimits: [
      ...deductible('COMP', chosen?.comprehensiveDeductibleCents, 'comprehensiveDeductibleCents'),
      ...deductible('COLL', chosen?.collisionDeductibleCents, 'collisionDeductibleCents'),
    ],
    flags: [],
    ratedOperator: vehicle.primaryDriver + 1,
  };
}

function policyLimits(coverage: QuoteRequestBody['coverage']): RateLimit[] {
  const limits: RateLimit[] = [
    { type: 'POLICY', name: 'BI', limit: splitLimit(coverage.bodilyInjuryCents, 'coverage.bodilyInjuryCents') },
    { type: 'POLICY', name: 'PD', limit: limitDollars(coverage.propertyDamageCents, 'coverage.propertyDamageCents') },
  ];
  // Zero means the shopper declines the coverage: PACE is told by leaving it out.
  const um = coverage.uninsuredMotoristCents;
  if (um && um.perPerson > 0) limits.push({ type: 'POLICY', name: 'UMBI', limit: splitLimit(um, 'coverage.uninsuredMotoristCents') });
  if (coverage.medicalPaymentsCents)
    limits.push({ type: 'POLICY', name: 'MP', limit: limitDollars(coverage.medicalPaymentsCents, 'coverage.medicalPaymentsCents') });
  return limits;
}

export function toPaceRateRequest(body: QuoteRequestBody, program: PaceProgram): PaceRateRequest {
  const { address, contact, drivers, vehicles, priorInsurance } = body;
  if (!program.states.includes(address.state)) refuse('address.state', `PACE does not write auto policies in ${address.state}`);
  const phone = /^\+1(\d{10})$/.exec(contact.phone)?.[1] ?? refuse('contact.phone', 'PACE takes US phone numbers only');
  const insured = drivers[0] as Driver;
  const term = program.termMonths;
  const street = {
    streetName: address.line2 ? `${address.line1} ${address.line2}` : address.line1,
    city: address.city,
    state: address.state,
    zip: address.postalCode.slice(0, 5),
    county: '',
  };
  const hasPriorCoverage = priorInsurance !== undefined && priorInsurance.monthsInsured > 0;

  return {
    mgaName: program.mgaName,
    leadSource: program.leadSource,
    rateCall: program.rateCall,
    agencyCode: program.agencyCode,
    username: program.username,
    ratedState: address.state,
    effectiveDate: body.effectiveDate,
    expirationDate: addMonths(body.effectiveDate, term),
    term,
    insuredFirstName: insured.firstName,
    insuredMiddleInitial: insured.middleName?.[0] ?? null,
    insuredLastName: insured.lastName,
    insuredSuffix: null,
    secondInsuredFirstName: null,
    secondInsuredMiddleInitial: null,
    secondInsuredLastName: null,
    secondInsuredSuffix: null,
    emailAddress: contact.email,
    // Our applicant has one address: where the shopper lives, gets mail and keeps the vehicles.
    addresses: [
      { type: 'Mailing', ...street },
      { type: 'Garaging', ...street },
    ],
    // The shopper gives the number to be texted about the quote (smsConsent): a mobile.
    phoneNumbers: [{ type: 'Mobile', number: phone }],
    // One month down, the rest monthly: the plan the program offers on every term.
    payPlan: { downPayment: Math.round((1 / term) * 1000) / 1000, installments: term - 1 },
    // Quotes bought online are delivered by email.
    isPaperless: true,
    isNonOwners: false,
    hasPriorCoverage,
    previousCompany: hasPriorCoverage ? priorInsurance.carrier : null,
    previousExpirationDate: hasPriorCoverage ? (priorInsurance.expirationDate ?? null) : null,
    priorMonthsInsured: hasPriorCoverage ? priorInsurance.monthsInsured : null,
    priorBiLimit:
      hasPriorCoverage && priorInsurance.bodilyInjuryLimitsCents
        ? splitLimit(priorInsurance.bodilyInjuryLimitsCents, 'priorInsurance.bodilyInjuryLimitsCents')
        : null,
    isGarageSameAsMailing: true,
    isHomeOwner: body.residence.ownership === 'own',
    // homeOwnerTypeOptions, estimatedCreditScoreOptions and lengthOfResidencyOptions are named
    // but not listed in the seed: left empty, as its own example does, rather than guessed.
    homeOwnerType: null,
    isMultiCarHouseHold: vehicles.length > 1,
    estimatedCreditScore: null,
    lengthOfResidency: null,
    tortOption: null,
    vehicles: vehicles.map((v, i) => mapVehicle(body, v, i)),
    drivers: drivers.map((d, i) => mapDriver(body, d, i)),
    limits: policyLimits(body.coverage),
    flags: [],
  };
}
