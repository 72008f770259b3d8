/**
 * Our applicant → AutoComplete's Person, for `POST /people`. drivers[0] is the
 * Person; the other drivers are its `related_people`; our vehicles are the
 * deal's `new_vehicles`.
 *
 * A value AutoComplete has no spelling for, or a field it requires that the
 * applicant lacks, throws UnmappableError (the delivery fails with that
 * reason); a field AutoComplete has no place for at all (coverage, incidents,
 * commute distance, …) is listed in `unmapped`, so the caller can see what
 * the vendor did not receive. Nothing is guessed.
 */
import type { Driver, QuoteRequestBody } from '../../../../contract/applicant.ts';
import type { Quote } from '../../../../contract/quote.ts';
import { UnmappableError } from '../../shared/errors.ts';
import type { PersonSubmission, RelatedPerson } from '../schemas.ts';
import { VENDOR_NAME } from '../vendor.ts';
import { leftovers, UsedPaths } from './leftovers.ts';
import { findCarrier, findMake } from './names.ts';
import * as table from './values.ts';

export type ToPersonOptions = {
  /** The dealer of origin: `dealer_id` is AutoComplete's UUID of the dealer. */
  source: PersonSubmission['source'];
  /** The quote the shopper picked. AutoComplete's Person has no field for it (AutoComplete shops its own quotes). */
  selectedQuote?: Quote;
};

export type ToPersonResult = {
  person: PersonSubmission;
  /** Canonical paths of applicant values AutoComplete has no field for, e.g. `coverage`, `vehicles.0.commuteMilesOneWay`. */
  unmapped: string[];
};

const words = (value: string) => value.replaceAll('_', ' ');

/** Drops absent fields, so the body carries only what the applicant said. */
function compact<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** Looks `value` up in `table`; no entry means AutoComplete cannot express it. */
function spell<From extends string, To extends string>(
  lookup: Record<From, To | undefined>,
  value: From,
  path: string,
  reason: (value: string) => string,
): To {
  const spelled = lookup[value];
  if (spelled === undefined) throw new UnmappableError(VENDOR_NAME, path, reason(words(value)));
  return spelled;
}

/** The fields a driver and a related person share. */
function personFields(driver: Driver, at: string, used: UsedPaths) {
  const take = <T>(field: string, value: T) => used.take(`${at}.${field}`, value);
  const license = driver.license;
  return compact({
    first_name: take('firstName', driver.firstName),
    middle_name: take('middleName', driver.middleName),
    last_name: take('lastName', driver.lastName),
    date_of_birth: take('dateOfBirth', driver.dateOfBirth),
    gender: take(
      'gender',
      spell(table.GENDER, driver.gender, `${at}.gender`, (v) => `AutoComplete has no gender ${v}`),
    ),
    marital_status: take(
      'maritalStatus',
      spell(table.MARITAL_STATUS, driver.maritalStatus, `${at}.maritalStatus`, (v) => `AutoComplete has no marital status ${v}`),
    ),
    education: take(
      'education',
      spell(table.EDUCATION, driver.education, `${at}.education`, (v) => `AutoComplete has no education level for ${v}`),
    ),
    employment_status: take(
      'employment',
      spell(table.EMPLOYMENT, driver.employment, `${at}.employment`, (v) => `AutoComplete has no employment status ${v}`),
    ),
    age_first_licensed: take('license.ageFirstLicensed', license.ageFirstLicensed),
    drivers_license: compact({
      number: take('license.number', license.number),
      state: take('license.state', license.state),
      status: take(
        'license.status',
        spell(table.LICENSE_STATUS, license.status, `${at}.license.status`, (v) => `AutoComplete has no driver's license status ${v}`),
      ),
    }),
  });
}

function relatedPerson(driver: Driver, index: number, used: UsedPaths): RelatedPerson {
  const at = `drivers.${index}`;
  return {
    ...personFields(driver, at, used),
    relationship: used.take(
      `${at}.relationship`,
      spell(
        table.RELATIONSHIP,
        driver.relationship,
        `${at}.relationship`,
        (v) => `AutoComplete has no relationship ${v} for a household member`,
      ),
    ),
  };
}

function newVehicles(applicant: QuoteRequestBody, used: UsedPaths): PersonSubmission['new_vehicles'] {
  return applicant.vehicles.map((vehicle, i) => {
    const at = `vehicles.${i}`;
    const take = <T>(field: string, value: T) => used.take(`${at}.${field}`, value);
    // "Must contain at least one vehicle, with vin": a new vehicle is known to AutoComplete by its VIN.
    if (vehicle.vin === undefined) throw new UnmappableError(VENDOR_NAME, `${at}.vin`, 'AutoComplete needs the VIN of every vehicle');
    const make = findMake(vehicle.make);
    if (make === undefined) throw new UnmappableError(VENDOR_NAME, `${at}.make`, `AutoComplete has no vehicle make named ${vehicle.make}`);
    return compact({
      vin: take('vin', vehicle.vin),
      year: take('year', vehicle.year),
      make: take('make', make),
      model: take('model', vehicle.model),
      trim: take('trim', vehicle.trim),
      ownership_type: take('ownership', table.VEHICLE_OWNERSHIP[vehicle.ownership]),
      annual_mileage: take('annualMileage', vehicle.annualMileage),
      primary_use: take(
        'use',
        spell(table.VEHICLE_USE, vehicle.use, `${at}.use`, (v) => `AutoComplete has no vehicle use ${v}`),
      ),
      lienholder: take('lienholder', vehicle.lienholder),
    });
  });
}

function policies(applicant: QuoteRequestBody, used: UsedPaths): PersonSubmission['policies'] {
  const prior = applicant.priorInsurance;
  // A policy AutoComplete records is a carrier's: without the insurer's name there is none to record.
  if (!prior?.carrier) return undefined;
  const carrier = findCarrier(prior.carrier);
  if (carrier === undefined) {
    throw new UnmappableError(VENDOR_NAME, 'priorInsurance.carrier', `AutoComplete has no insurance carrier named ${prior.carrier}`);
  }
  // Our prior insurance is, by definition, the shopper's current auto policy.
  return [
    compact({
      type: 'auto' as const,
      carrier: used.take('priorInsurance.carrier', carrier),
      expiration_date: used.take('priorInsurance.expirationDate', prior.expirationDate),
    }),
  ];
}

function addresses(applicant: QuoteRequestBody, used: UsedPaths): PersonSubmission['addresses'] {
  const { line1, line2, city, state, postalCode } = applicant.address;
  used.add('address');
  const parsed = compact({ address_1: line1, address_2: line2, city, state, postal_code: postalCode });
  // Our one address is both where the shopper lives and where their mail goes.
  return [
    { type: 'physical', ...parsed },
    { type: 'mailing', ...parsed },
  ];
}

export function toAutoCompletePerson(applicant: QuoteRequestBody, options: ToPersonOptions): ToPersonResult {
  const used = new UsedPaths();
  const [primary, ...others] = applicant.drivers;
  if (!primary) throw new UnmappableError(VENDOR_NAME, 'drivers', 'AutoComplete needs the applicant as the first driver');
  // "drivers_license: Must include number and state".
  const licenseNumber = primary.license.number;
  if (licenseNumber === undefined) {
    throw new UnmappableError(VENDOR_NAME, 'drivers.0.license.number', "AutoComplete needs the applicant's driver's license number");
  }
  const primaryFields = personFields(primary, 'drivers.0', used);
  // drivers[0] is the applicant: that is what being the Person itself says.
  used.add('drivers.0.relationship');
  const { contact } = applicant;

  const person: PersonSubmission = compact({
    ...primaryFields,
    drivers_license: { ...primaryFields.drivers_license, number: licenseNumber },
    residence_ownership_type: used.take('residence.ownership', table.RESIDENCE_OWNERSHIP[applicant.residence.ownership]),
    phone_numbers: [
      compact({ number: used.take('contact.phone', contact.phone), sms_consent: used.take('contact.smsConsent', contact.smsConsent) }),
    ],
    emails: [{ email: used.take('contact.email', contact.email) }],
    addresses: addresses(applicant, used),
    new_vehicles: newVehicles(applicant, used),
    policies: policies(applicant, used),
    related_people: others.length > 0 ? others.map((driver, i) => relatedPerson(driver, i + 1, used)) : undefined,
    source: options.source,
  });

  const unmapped = leftovers(applicant, used);
  if (options.selectedQuote) unmapped.push('selectedQuote');
  return { person, unmapped };
}
