/**
 * Our canonical applicant → CoverHound's quote request. Every enum is
 * respelled, dates become `mm-dd-yyyy`, cents become whole dollars. When
 * CoverHound has no spelling for what the shopper told us, or needs an answer
 * our applicant does not hold, this throws UnmappableError naming the field;
 * the caller shows CoverHound's quotes as declined with that reason. Nothing
 * is guessed.
 */
import type {
  Driver,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  GENDERS,
  INCIDENT_TYPES,
  LICENSE_STATUSES,
  MARITAL_STATUSES,
  QuoteRequestBody,
  RELATIONSHIPS,
  RESIDENCE_TYPES,
  VEHICLE_OWNERSHIPS,
  VEHICLE_USES,
} from '../../../../contract/applicant.ts';
import { UnmappableError } from '../../shared/errors.ts';
import { type CarrierCode, priorCarrierCode, QUOTING_CARRIER_CODES } from '../carriers.ts';
import { toMdy } from '../dates.ts';
import { centsToWholeDollars } from '../money.ts';
import type {
  CAREER_STATUSES,
  EDUCATION_LEVELS as CH_EDUCATION,
  GENDERS as CH_GENDERS,
  INCIDENT_TYPES as CH_INCIDENTS,
  LICENSE_STATUSES as CH_LICENSES,
  MARITAL_STATUSES as CH_MARITAL,
  VEHICLE_OWNERSHIPS as CH_OWNERSHIPS,
  RESIDENCE_TYPES as CH_RESIDENCES,
  VEHICLE_USES as CH_USES,
  CoverHoundApplicant,
  CoverHoundCoverages,
  CoverHoundDriver,
  CoverHoundIncident,
  CoverHoundPriorPolicy,
  CoverHoundQuoteInput,
  CoverHoundVehicle,
  RELATIONS,
} from '../schemas.ts';
import { COVERHOUND } from '../vendor.ts';
import { stateOfZip, UNQUOTED_STATES } from '../zip-states.ts';

/**
 * How each canonical value is spelled at CoverHound. `null` marks a value
 * CoverHound has no spelling for; the table's type makes every canonical
 * value appear, so a value added to the contract fails to compile here
 * instead of slipping through.
 */
type Spelling<Ours extends string, Theirs> = Record<Ours, Theirs | null>;
type Values<T extends readonly string[]> = T[number];

const GENDER: Spelling<Values<typeof GENDERS>, Values<typeof CH_GENDERS>> = { male: 'M', female: 'F', non_binary: null };
const MARITAL: Spelling<Values<typeof MARITAL_STATUSES>, Values<typeof CH_MARITAL>> = {
  single: 'Single',
  married: 'Married',
  divorced: 'Divorced',
  separated: 'Separated',
  widowed: 'Widowed',
  domestic_partner: 'Domestic Partner',
};
/** Law and medical degrees are graduate professional degrees; CoverHound keeps "Doctorate" for doctoral degrees. */
const EDUCATION: Spelling<Values<typeof EDUCATION_LEVELS>, Values<typeof CH_EDUCATION>> = {
  some_high_school: 'Some High School',
  high_school: 'High School',
  vocational_certificate: null,
  some_college: 'Some College',
  associates: '2 Year College',
  bachelors: '4 Year College',
  masters: 'Graduate Degree',
  law_school: 'Graduate Degree',
  medical_school: 'Graduate Degree',
  doctorate: 'Doctorate',
  other: null,
};
/** Our "student" is the full-time student the good-student question is asked of. */
const CAREER: Spelling<Values<typeof EMPLOYMENT_STATUSES>, Values<typeof CAREER_STATUSES>> = {
  employed: 'Employed',
  unemployed: 'Unemployed',
  student: 'Full-Time Student',
  retired: 'Retired',
  disabled: 'Disabled',
  homemaker: null,
};
/** CoverHound lists "Other" for every relation it does not name, so a sibling is "Other", as is our "other". */
const RELATION: Spelling<Values<typeof RELATIONSHIPS>, Values<typeof RELATIONS>> = {
  self: null,
  spouse: 'Spouse',
  domestic_partner: 'Domestic Partner',
  child: 'Child',
  parent: 'Parent',
  sibling: 'Other',
  other: 'Other',
};
/**
 * A suspension can end, a revocation may be permanent or not: CoverHound asks
 * "Cancelled" or "Permanently Revoked", and our "revoked" does not say which.
 */
const LICENSE: Spelling<Values<typeof LICENSE_STATUSES>, Values<typeof CH_LICENSES>> = {
  valid: 'Valid',
  permit: 'Permit',
  expired: 'Expired',
  suspended: 'Suspended',
  revoked: null,
  not_licensed: 'Not Licensed',
};
/** "Other" is CoverHound's word for a residence type it does not list, which is what an owned apartment is. */
const RESIDENCE: Spelling<Values<typeof RESIDENCE_TYPES>, Values<typeof CH_RESIDENCES>> = {
  home: 'Home',
  condo: 'Condo',
  townhouse: 'Townhouse',
  mobile_home: 'Mobile Home',
  apartment: 'Other',
  other: 'Other',
};
const OWNERSHIP: Spelling<Values<typeof VEHICLE_OWNERSHIPS>, Values<typeof CH_OWNERSHIPS>> = {
  owned: 'Paid in Full',
  financed: 'Financed',
  leased: 'Leased',
};
const USE: Spelling<Values<typeof VEHICLE_USES>, Values<typeof CH_USES>> = {
  commute: 'Commute',
  pleasure: 'Pleasure',
  business: 'Business',
  school: null,
  farm: null,
};
/**
 * CoverHound splits violations into moving and other; our "violation" is a
 * moving violation (contract/applicant.ts says so), so it is "Moving Violation".
 */
const INCIDENT: Spelling<Values<typeof INCIDENT_TYPES>, Values<typeof CH_INCIDENTS>> = {
  accident: 'Accident',
  claim: 'Claim',
  dui: 'DUI',
  speeding: 'Speeding',
  violation: 'Moving Violation',
};

const STATE_NAMES: Record<string, string> = { AK: 'Alaska', HI: 'Hawaii', MA: 'Massachusetts' };

function unmappable(field: string, reason: string): never {
  throw new UnmappableError(COVERHOUND, field, reason);
}

/** CoverHound needs an answer the shopper has not given (yet): the shopper is asked for `field`. */
function needs(field: string, reason: string): never {
  throw new UnmappableError(COVERHOUND, field, reason, 'missing');
}

function spell<Ours extends string, Theirs>(table: Spelling<Ours, Theirs>, value: Ours, field: string, reason: string): Theirs {
  return table[value] ?? unmappable(field, reason);
}

/** Whole dollars for a limit or deductible; CoverHound takes no cents. */
function dollars(cents: number, field: string): number {
  return centsToWholeDollars(cents) ?? unmappable(field, 'CoverHound takes limits and deductibles in whole dollars only');
}

export type CoverHoundRequestOptions = {
  /** The identifier CoverHound files this shopper under (ours, e.g. the quote request id). */
  userId: string;
  /** Carriers to ask; all the documented quoting carriers by default. */
  carriers?: readonly CarrierCode[];
};

export function toCoverHoundQuoteRequest(body: QuoteRequestBody, options: CoverHoundRequestOptions): CoverHoundQuoteInput {
  return {
    userId: options.userId,
    carriers: [...(options.carriers ?? QUOTING_CARRIER_CODES)],
    applicant: toApplicant(body),
    coverages: toCoverages(body),
  };
}

function toApplicant(body: QuoteRequestBody): CoverHoundApplicant {
  const zip = body.address.postalCode.slice(0, 5);
  const state =
    stateOfZip(zip) ?? unmappable('address.postalCode', `CoverHound does not recognise ${zip} as a ZIP code in one of the 50 states or DC`);
  for (const [field, where] of [
    ['address.postalCode', state],
    ['address.state', body.address.state],
  ] as const) {
    if (UNQUOTED_STATES.has(where)) unmappable(field, `CoverHound does not quote in ${STATE_NAMES[where]}`);
  }
  return {
    mailingAddress1: body.address.line1,
    mailingAddress2: body.address.line2,
    mailingZip: zip,
    phone1: usPhone(body.contact.phone),
    email: body.contact.email,
    effectiveDate: toMdy(body.effectiveDate),
    vehicles: body.vehicles.map((vehicle, i) => toVehicle(vehicle, i, state === 'PA')),
    drivers: body.drivers.map((driver, i) => toDriver(driver, i, body)),
    incidents: body.incidents?.map(toIncident),
    priorPolicy: toPriorPolicy(body),
  };
}

/**
 * CoverHound's phone fields take 10 US digits. The phone is optional there and
 * has no bearing on the price, so a non-US number is left out rather than the
 * shopper being refused a quote over it.
 */
function usPhone(e164: string): string | undefined {
  return /^\+1(\d{10})$/.exec(e164)?.[1];
}

function toVehicle(vehicle: QuoteRequestBody['vehicles'][number], i: number, inPennsylvania: boolean): CoverHoundVehicle {
  const at = `vehicles.${i}`;
  const use = spell(
    USE,
    vehicle.use,
    `${at}.use`,
    `CoverHound has no vehicle use for ${vehicle.use} driving; it quotes commute, pleasure and business use`,
  );
  const commute = use === 'Commute';
  return {
    vin: vehicle.vin ?? needs(`${at}.vin`, 'CoverHound needs the vehicle identification number (VIN) to quote a vehicle'),
    use,
    mileage: vehicle.annualMileage,
    commuteDistance: commute
      ? (vehicle.commuteMilesOneWay ??
        needs(`${at}.commuteMilesOneWay`, 'CoverHound needs the one-way distance to work for a commuting vehicle'))
      : undefined,
    commuteFrequency: commute
      ? (vehicle.commuteDaysPerWeek ??
        needs(`${at}.commuteDaysPerWeek`, 'CoverHound needs how many days a week a commuting vehicle is driven to work'))
      : undefined,
    ownership: spell(OWNERSHIP, vehicle.ownership, `${at}.ownership`, 'CoverHound has no spelling for this vehicle ownership'),
    commuteNyNj:
      vehicle.commutesToNyNj ??
      (inPennsylvania
        ? needs(
            `${at}.commutesToNyNj`,
            'CoverHound needs to know whether a Pennsylvania vehicle is driven to work in New York or New Jersey',
          )
        : undefined),
    primaryDriver: vehicle.primaryDriver,
  };
}

function toDriver(driver: Driver, i: number, body: QuoteRequestBody): CoverHoundDriver {
  const at = `drivers.${i}`;
  const careerStatus = spell(
    CAREER,
    driver.employment,
    `${at}.employment`,
    `CoverHound has no employment status for a ${driver.employment}; it takes employed, unemployed, full-time student, retired or disabled`,
  );
  const homeowner = body.residence.ownership === 'own';
  return {
    primaryApplicant: i === 0,
    primaryVehicle: primaryVehicleOf(i, driver, body),
    firstName: driver.firstName,
    middleName: driver.middleName,
    lastName: driver.lastName,
    birthDate: toMdy(driver.dateOfBirth),
    gender: spell(GENDER, driver.gender, `${at}.gender`, 'CoverHound can only quote a driver whose gender is recorded as male or female'),
    marital: spell(MARITAL, driver.maritalStatus, `${at}.maritalStatus`, 'CoverHound has no spelling for this marital status'),
    // dlState is only asked together with the licence number (the documentation: "Required if dlNum is given").
    dlNum: driver.license.number,
    dlState: driver.license.number ? driver.license.state : undefined,
    education: spell(
      EDUCATION,
      driver.education,
      `${at}.education`,
      'CoverHound has no education level for a vocational certificate or an unlisted level; it takes high school through doctorate',
    ),
    careerStatus,
    occupationIndustry:
      careerStatus === 'Employed'
        ? (driver.occupationIndustry ?? needs(`${at}.occupationIndustry`, 'CoverHound needs the industry an employed driver works in'))
        : driver.occupationIndustry,
    occupation:
      careerStatus === 'Employed'
        ? (driver.occupation ?? needs(`${at}.occupation`, 'CoverHound needs the occupation of an employed driver'))
        : driver.occupation,
    goodStudent:
      careerStatus === 'Full-Time Student'
        ? (driver.goodStudent ??
          needs(`${at}.goodStudent`, 'CoverHound needs to know whether a full-time student has a GPA of 3.0 or better'))
        : undefined,
    // CoverHound asks home ownership per driver; we record it once for the household, and the
    // documentation's own example gives every driver in the household the same answer.
    homeowner,
    residenceType: homeowner ? ownedResidenceType(body) : undefined,
    relationPrimary:
      i === 0
        ? undefined
        : spell(RELATION, driver.relationship, `${at}.relationship`, 'CoverHound cannot quote a second driver as the applicant'),
    // Asked of every driver but the applicant. When the shopper was not asked (livesWithApplicant
    // absent), we assume what our model implies: the drivers are the applicant's household, at the
    // one address we hold.
    addressPrimarySame: i === 0 ? undefined : (driver.livesWithApplicant ?? true),
    ageLicensed:
      driver.license.ageFirstLicensed >= 15
        ? driver.license.ageFirstLicensed
        : unmappable(`${at}.license.ageFirstLicensed`, 'CoverHound takes a first-licensed age of 15 or older'),
    licenseStatus: spell(
      LICENSE,
      driver.license.status,
      `${at}.license.status`,
      'CoverHound needs to know whether a revoked licence was cancelled or permanently revoked',
    ),
    // An SR-22 filing is an exception the shopper declares; not declared means none is required.
    sr22: driver.sr22 ?? false,
    // Every driver we send is one the shopper wants covered.
    excluded: false,
    // A household policy covers every listed driver on every listed vehicle.
    vehicles: body.vehicles.map((_, v) => v),
  };
}

function ownedResidenceType(body: QuoteRequestBody): CoverHoundDriver['residenceType'] {
  const type = body.residence.type ?? needs('residence.type', 'CoverHound needs the type of home the applicant owns');
  return spell(RESIDENCE, type, 'residence.type', 'CoverHound has no spelling for this type of home');
}

/**
 * CoverHound wants each driver's main vehicle. The driver's own answer
 * (`primaryVehicle`) wins; without it, we look at each vehicle's main driver:
 * a driver who is the main driver of a vehicle has that one; with a single
 * vehicle it can only be that one; otherwise we would be guessing.
 */
function primaryVehicleOf(i: number, driver: Driver, body: QuoteRequestBody): number {
  if (driver.primaryVehicle !== undefined) return driver.primaryVehicle;
  const own = body.vehicles.findIndex((vehicle) => vehicle.primaryDriver === i);
  if (own >= 0) return own;
  if (body.vehicles.length === 1) return 0;
  return needs(
    `drivers.${i}.primaryVehicle`,
    `CoverHound needs each driver's main vehicle, and ${driver.firstName} is not the main driver of any vehicle`,
  );
}

function toIncident(incident: NonNullable<QuoteRequestBody['incidents']>[number], i: number): CoverHoundIncident {
  return {
    incidentType: spell(INCIDENT, incident.type, `incidents.${i}.type`, 'CoverHound has no spelling for this incident type'),
    // CoverHound takes ACORD incident details; the shopper's description is passed as written.
    incidentDetails: incident.description,
    incidentDate: toMdy(incident.date),
    driverNum: incident.driver,
  };
}

function toPriorPolicy(body: QuoteRequestBody): CoverHoundPriorPolicy {
  const prior =
    body.priorInsurance ?? needs('priorInsurance', 'CoverHound needs to know how long the applicant has been continuously insured');
  const months = prior.monthsInsured;
  const limits = prior.bodilyInjuryLimitsCents;
  return {
    insuredDuration: insuredDuration(months),
    insuredDurationDetail: insuredDurationDetail(months),
    lapseDuration: months === 0 ? lapseDuration(prior.expirationDate, body.effectiveDate) : undefined,
    expirationDate: prior.expirationDate ? toMdy(prior.expirationDate) : undefined,
    priorBIPerson: limits ? dollars(limits.perPerson, 'priorInsurance.bodilyInjuryLimitsCents.perPerson') : undefined,
    priorBIAccident: limits ? dollars(limits.perAccident, 'priorInsurance.bodilyInjuryLimitsCents.perAccident') : undefined,
    // "Other" is CoverHound's documented code for a carrier its table does not list; the carrier is optional there.
    priorCarrier: prior.carrier === undefined ? undefined : (priorCarrierCode(prior.carrier) ?? 'OTHER'),
  };
}

const years = (n: number) => (n === 1 ? '1 year' : `${n} years`);

function insuredDuration(months: number): CoverHoundPriorPolicy['insuredDuration'] {
  if (months === 0) return 'Not Currently Insured';
  if (months < 6) return '0-6 months';
  if (months < 12) return '6-12 months';
  if (months >= 72) return '6+ years';
  return years(Math.floor(months / 12)) as CoverHoundPriorPolicy['insuredDuration'];
}

function insuredDurationDetail(months: number): string {
  if (months === 0) return 'Not Currently Insured';
  if (months < 12) return months === 1 ? '1 month' : `${months} months`;
  if (months >= 21 * 12) return '21+ years';
  return years(Math.floor(months / 12));
}

/**
 * How long an applicant with no current cover has been without it, measured
 * to the day the new policy would start. Without the old policy's end date we
 * cannot tell a lapse from never having been insured.
 */
function lapseDuration(expirationDate: string | undefined, effectiveDate: string): CoverHoundPriorPolicy['lapseDuration'] {
  if (!expirationDate) {
    return needs('priorInsurance.expirationDate', 'CoverHound needs to know when an applicant who is not insured now was last insured');
  }
  const days = (Date.parse(effectiveDate) - Date.parse(expirationDate)) / 86_400_000;
  return days <= 31 ? '< 1 Month' : '> 1 Month';
}

function toCoverages(body: QuoteRequestBody): CoverHoundCoverages {
  const c = body.coverage;
  return {
    policy: {
      biPerson: dollars(c.bodilyInjuryCents.perPerson, 'coverage.bodilyInjuryCents.perPerson'),
      biAccident: dollars(c.bodilyInjuryCents.perAccident, 'coverage.bodilyInjuryCents.perAccident'),
      // CoverHound requires every policy limit and writes "not bought" as 0; an optional cover the
      // shopper did not choose is one they are not buying.
      mp: c.medicalPaymentsCents === undefined ? 0 : dollars(c.medicalPaymentsCents, 'coverage.medicalPaymentsCents'),
      pd: dollars(c.propertyDamageCents, 'coverage.propertyDamageCents'),
      // Our model offers no uninsured-motorist property damage cover, so none is bought.
      umpd: 0,
      umbiPerson: c.uninsuredMotoristCents ? dollars(c.uninsuredMotoristCents.perPerson, 'coverage.uninsuredMotoristCents.perPerson') : 0,
      umbiAccident: c.uninsuredMotoristCents
        ? dollars(c.uninsuredMotoristCents.perAccident, 'coverage.uninsuredMotoristCents.perAccident')
        : 0,
    },
    vehicles: c.vehicles.map((vehicle, i) => ({
      coll: deductible(vehicle.collisionDeductibleCents, `coverage.vehicles.${i}.collisionDeductibleCents`),
      comp: deductible(vehicle.comprehensiveDeductibleCents, `coverage.vehicles.${i}.comprehensiveDeductibleCents`),
    })),
  };
}

/** CoverHound writes a declined cover as a 0 deductible, so a real $0 deductible has no spelling there. */
function deductible(cents: number | null, field: string): number {
  if (cents === null) return 0;
  if (cents === 0) return unmappable(field, 'CoverHound reads a $0 deductible as no cover; choose a deductible or decline the cover');
  return dollars(cents, field);
}
