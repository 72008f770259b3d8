/**
 * AutoComplete's Person → our Prefill. Dealer management systems export the
 * Person shape, so a dealer can hand it to `POST /v1/sessions` as is.
 *
 * Only what has a canonical home is mapped, and each value must pass our own
 * schema for that field (the Prefill is as strict as a quote request), so a
 * future birth date or a non-US ZIP is left out rather than shown to the
 * shopper. Everything not used, whatever the reason, is listed in `unmapped`
 * by its Person path (`new_vehicles.0.odometer`, `trade_ins`, `source`).
 */
import type { z } from 'zod';
import { Address, Contact, Driver, License, Prefill, PriorInsurance, Residence, Vehicle } from '../../../../contract/applicant.ts';
import * as enums from '../enums.ts';
import type { DriversLicense, Person, Address as PersonAddress, Vehicle as PersonVehicle, RelatedPerson } from '../schemas.ts';
import { parseFullAddress } from './full-address.ts';
import { leftovers, UsedPaths } from './leftovers.ts';
import * as table from './values.ts';

export type PrefillResult = { prefill: Prefill; unmapped: string[] };

/** A pre-filled driver: any part of a Driver, and any part of its License. */
type PrefillDriver = NonNullable<Prefill['drivers']>[number];
type PrefillLicense = NonNullable<PrefillDriver['license']>;

const back = {
  gender: table.reverse(table.GENDER, enums.GENDERS),
  maritalStatus: table.reverse(table.MARITAL_STATUS, enums.MARITAL_STATUSES),
  // Our `other` is the residual relationship, so their finer relations that we do not list land there.
  relationship: table.reverse(table.RELATIONSHIP, enums.RELATIONSHIPS, {
    other: 'other',
    parent_in_law: 'other',
    child_in_law: 'other',
    housemate: 'other',
  }),
  education: table.reverse(table.EDUCATION, enums.EDUCATION_LEVELS),
  employment: table.reverse(table.EMPLOYMENT, enums.EMPLOYMENT_STATUSES),
  licenseStatus: table.reverse(table.LICENSE_STATUS, enums.LICENSE_STATUSES),
  vehicleUse: table.reverse(table.VEHICLE_USE, enums.VEHICLE_USES),
  vehicleOwnership: table.reverse(table.VEHICLE_OWNERSHIP, enums.VEHICLE_OWNERSHIP_TYPES),
  residenceOwnership: table.reverse(table.RESIDENCE_OWNERSHIP, enums.RESIDENCE_OWNERSHIP_TYPES),
};

const MAX_DRIVERS = 6;
const MAX_VEHICLES = 6;

function compact<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const isEmpty = (fields: object) => Object.keys(fields).length === 0;

/** Looks an AutoComplete value up in a reverse table (undefined stays undefined). */
function lookup<From extends string, To extends string>(reversed: Record<From, To | undefined>, value: From | undefined): To | undefined {
  return value === undefined ? undefined : reversed[value];
}

/**
 * The value as our `schema` reads it, recording `path` as used; undefined when
 * absent or when our schema refuses it (then the path stays unused and is reported).
 */
function accept<S extends z.ZodType>(schema: S, value: unknown, path: string, used: UsedPaths): z.output<S> | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) return undefined;
  used.add(path);
  return parsed.data;
}

/** The first driver's license: the object form, or the first of the list form. */
function firstLicense(person: Person | RelatedPerson, at: string): { license: DriversLicense; at: string } | undefined {
  const given = person.drivers_license;
  if (given === undefined) return undefined;
  if (!Array.isArray(given)) return { license: given, at: `${at}drivers_license` };
  return given[0] ? { license: given[0], at: `${at}drivers_license.0` } : undefined;
}

/**
 * The license as far as the Person tells it: a pre-fill takes any part of our
 * License (dealer systems often know the number and state but not the status),
 * so each part is mapped on its own when our schema accepts it, and a part it
 * refuses is reported unused. `age_first_licensed` is the Person's own field
 * but lives on our License. Undefined when no part is usable.
 */
function licenseFrom(person: Person | RelatedPerson, at: string, used: UsedPaths): PrefillLicense | undefined {
  const found = firstLicense(person, at);
  const { shape } = License;
  const license = compact({
    number: found ? accept(shape.number, found.license.number, `${found.at}.number`, used) : undefined,
    state: found ? accept(shape.state, found.license.state, `${found.at}.state`, used) : undefined,
    status: found ? accept(shape.status, lookup(back.licenseStatus, found.license.status), `${found.at}.status`, used) : undefined,
    ageFirstLicensed: accept(shape.ageFirstLicensed, person.age_first_licensed, `${at}age_first_licensed`, used),
  });
  return isEmpty(license) ? undefined : license;
}

/** The driver fields of a Person or related person; `at` is its path prefix ("" or "related_people.0."). */
function driverFrom(person: Person | RelatedPerson, at: string, used: UsedPaths): PrefillDriver {
  const { shape } = Driver;
  return compact({
    firstName: accept(shape.firstName, person.first_name, `${at}first_name`, used),
    middleName: accept(shape.middleName, person.middle_name, `${at}middle_name`, used),
    lastName: accept(shape.lastName, person.last_name, `${at}last_name`, used),
    dateOfBirth: accept(shape.dateOfBirth, person.date_of_birth, `${at}date_of_birth`, used),
    gender: accept(shape.gender, lookup(back.gender, person.gender), `${at}gender`, used),
    maritalStatus: accept(shape.maritalStatus, lookup(back.maritalStatus, person.marital_status), `${at}marital_status`, used),
    education: accept(shape.education, lookup(back.education, person.education), `${at}education`, used),
    employment: accept(shape.employment, lookup(back.employment, person.employment_status), `${at}employment_status`, used),
    license: licenseFrom(person, at, used),
  });
}

/** drivers[0] is the customer; related people follow, as many as a quote takes. */
function driversFrom(person: Person, used: UsedPaths): PrefillDriver[] {
  const drivers: PrefillDriver[] = [];
  for (const [i, related] of (person.related_people ?? []).entries()) {
    if (drivers.length + 1 >= MAX_DRIVERS) break;
    const at = `related_people.${i}.`;
    const driver = driverFrom(related, at, used);
    const relationship = accept(Driver.shape.relationship, lookup(back.relationship, related.relationship), `${at}relationship`, used);
    if (!isEmpty(driver)) drivers.push({ ...driver, ...(relationship ? { relationship } : {}) });
  }
  const applicant = driverFrom(person, '', used);
  if (isEmpty(applicant) && drivers.length === 0) return [];
  // Position 0 is the applicant: that is what being the Person itself says.
  return [{ ...applicant, relationship: 'self' }, ...drivers];
}

function contactFrom(person: Person, used: UsedPaths): Partial<Contact> {
  const phones = person.phone_numbers ?? [];
  // A mobile number is the one a shopper can be texted at; otherwise the first listed.
  const p = Math.max(
    0,
    phones.findIndex((phone) => phone.type === 'mobile'),
  );
  const phone = accept(Contact.shape.phone, phones[p]?.number, `phone_numbers.${p}.number`, used);
  const smsConsent =
    phone === undefined ? undefined : accept(Contact.shape.smsConsent, phones[p]?.sms_consent, `phone_numbers.${p}.sms_consent`, used);

  const emails = person.emails ?? [];
  const e = Math.max(
    0,
    emails.findIndex((email) => email.preferred === true),
  );
  const email = accept(Contact.shape.email, emails[e]?.email, `emails.${e}.email`, used);
  // Our one email is the preferred one, so its `preferred` flag is said by where it goes.
  if (email !== undefined && emails[e]?.preferred !== undefined) used.add(`emails.${e}.preferred`);
  return compact({ email, phone, smsConsent });
}

/** Our address is where the shopper lives (and gets mail): physical first, then untyped, then mailing. */
function residenceAddressIndex(addresses: PersonAddress[]): number {
  for (const type of ['physical', undefined, 'mailing']) {
    const i = addresses.findIndex((address) => address.type === type);
    if (i >= 0) return i;
  }
  return -1;
}

function addressFrom(person: Person, used: UsedPaths): Partial<Address> {
  const addresses = person.addresses ?? [];
  const i = residenceAddressIndex(addresses);
  const given = addresses[i];
  if (!given) return {};
  const at = `addresses.${i}`;
  const { shape } = Address;
  let address: Partial<Address> = {};
  // "If both are submitted, the parsed fields will take precedence."
  if (given.address_1 || given.address_2 || given.city || given.state || given.postal_code) {
    address = compact({
      line1: accept(shape.line1, given.address_1, `${at}.address_1`, used),
      line2: accept(shape.line2, given.address_2, `${at}.address_2`, used),
      city: accept(shape.city, given.city, `${at}.city`, used),
      state: accept(shape.state, given.state, `${at}.state`, used),
      postalCode: accept(shape.postalCode, given.postal_code, `${at}.postal_code`, used),
    });
  } else if (given.full_address) {
    // All parts or none: a half-read address would drop a part without saying which.
    address = accept(Address, parseFullAddress(given.full_address), `${at}.full_address`, used) ?? {};
  }
  if (!isEmpty(address)) {
    used.take(`${at}.type`, given.type);
    // "The only supported country is United States", as it is ours.
    used.take(`${at}.country`, given.country);
  }
  return address;
}

function vehicleFrom(vehicle: PersonVehicle, at: string, used: UsedPaths): Partial<Vehicle> {
  const { shape } = Vehicle;
  return compact({
    vin: accept(shape.vin, vehicle.vin, `${at}.vin`, used),
    year: accept(shape.year, vehicle.year, `${at}.year`, used),
    make: accept(shape.make, vehicle.make, `${at}.make`, used),
    model: accept(shape.model, vehicle.model, `${at}.model`, used),
    trim: accept(shape.trim, vehicle.trim, `${at}.trim`, used),
    ownership: accept(shape.ownership, lookup(back.vehicleOwnership, vehicle.ownership_type), `${at}.ownership_type`, used),
    use: accept(shape.use, lookup(back.vehicleUse, vehicle.primary_use), `${at}.primary_use`, used),
    annualMileage: accept(shape.annualMileage, vehicle.annual_mileage, `${at}.annual_mileage`, used),
    lienholder: accept(shape.lienholder, vehicle.lienholder, `${at}.lienholder`, used),
  });
}

/** The vehicles to insure: the deal's new vehicles, and read-back vehicles that are not trade-ins. Never trade-ins. */
function vehiclesFrom(person: Person, used: UsedPaths): Partial<Vehicle>[] {
  const candidates = [
    ...(person.new_vehicles ?? []).map((vehicle, i) => ({ vehicle, at: `new_vehicles.${i}` })),
    ...(person.vehicles ?? []).map((vehicle, i) => ({ vehicle, at: `vehicles.${i}` })),
  ].filter(({ vehicle }) => vehicle.ownership_type !== 'trade_in');
  const vehicles: Partial<Vehicle>[] = [];
  for (const { vehicle, at } of candidates) {
    if (vehicles.length >= MAX_VEHICLES) break;
    const mapped = vehicleFrom(vehicle, at, used);
    if (!isEmpty(mapped)) vehicles.push(mapped);
  }
  return vehicles;
}

/** Our prior insurance is the shopper's current auto policy: the first policy of type auto. */
function priorInsuranceFrom(person: Person, used: UsedPaths): Partial<PriorInsurance> {
  const policies = person.policies ?? [];
  const i = policies.findIndex((policy) => policy.type === 'auto');
  const policy = policies[i];
  if (!policy) return {};
  const at = `policies.${i}`;
  const prior = compact({
    carrier: accept(PriorInsurance.shape.carrier, policy.carrier, `${at}.carrier`, used),
    expirationDate: accept(PriorInsurance.shape.expirationDate, policy.expiration_date, `${at}.expiration_date`, used),
  });
  if (!isEmpty(prior)) used.add(`${at}.type`);
  return prior;
}

export function personToPrefill(person: Person): PrefillResult {
  const used = new UsedPaths();
  const contact = contactFrom(person, used);
  const address = addressFrom(person, used);
  const ownership = accept(
    Residence.shape.ownership,
    lookup(back.residenceOwnership, person.residence_ownership_type),
    'residence_ownership_type',
    used,
  );
  const drivers = driversFrom(person, used);
  const vehicles = vehiclesFrom(person, used);
  const priorInsurance = priorInsuranceFrom(person, used);

  const prefill = Prefill.parse(
    compact({
      contact: isEmpty(contact) ? undefined : contact,
      address: isEmpty(address) ? undefined : address,
      residence: ownership ? { ownership } : undefined,
      drivers: drivers.length > 0 ? drivers : undefined,
      vehicles: vehicles.length > 0 ? vehicles : undefined,
      priorInsurance: isEmpty(priorInsurance) ? undefined : priorInsurance,
    }),
  );
  return { prefill, unmapped: leftovers(person, used) };
}
