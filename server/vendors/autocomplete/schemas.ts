/**
 * AutoComplete's own bodies, in its spelling (snake_case, its value lists).
 * One model serves three readers: the client parsing AutoComplete's answers,
 * the server reading a dealer's DMS export (the same Person shape) as a
 * pre-fill, and the sandbox checking what is submitted to `POST /people`.
 *
 * Objects are loose on purpose: a field the reference does not list is kept,
 * not stripped, so the pre-fill mapping can report it as unused instead of
 * dropping it unseen. Every message completes the sentence "Field 'x' …",
 * the sandbox's error voice (see sandbox/validate.ts).
 */
import { z } from 'zod';
import { isCalendarDate, isStorableText } from '../../../contract/primitives.ts';
import * as values from './enums.ts';
import { documentedSpelling } from './enums.ts';

const isMissing = (input: unknown) => input === undefined || input === null;

/** DMS exports write an unknown value as null or "": both mean "not given". */
const blankToUndefined = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);

/** A field that may be left out (or sent as null or ""). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const text = () =>
  z
    .string({ error: (issue) => (isMissing(issue.input) ? 'cannot be empty' : 'must be a string') })
    .refine(isStorableText, { error: 'contains a character that is not text (a NUL or a broken character)', abort: true })
    .trim()
    .min(1, { error: 'cannot be empty' });

const integer = () =>
  z.number({ error: (issue) => (isMissing(issue.input) ? 'cannot be empty' : 'must be an integer') }).int({ error: 'must be an integer' });

const count = () => integer().min(0, { error: 'cannot be negative' });

const boolean = () => z.boolean({ error: (issue) => (isMissing(issue.input) ? 'cannot be empty' : 'must be true or false') });

const date = () => text().refine(isCalendarDate, { error: 'must be a date in "YYYY-MM-DD" format' });

/** One of a documented value list, matched as documented and answered in the documented spelling. */
const choice = <const T extends readonly [string, ...string[]]>(list: T) =>
  text().transform((value, ctx): T[number] => {
    const spelling = documentedSpelling(list, value);
    if (spelling === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be one of: ${list.join(', ')}` });
      return z.NEVER;
    }
    return spelling;
  });

const postalState = () =>
  text()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: 'must be a two-letter postal abbreviation, e.g. "CA"' });

const postalCode = () => text().regex(/^\d{5}(-\d{4})?$/, { error: 'must be a ZIP code, e.g. "94105" or "94105-0907"' });

const phoneNumber = () =>
  text().regex(/^\+[1-9]\d{7,14}$/, { error: 'must be formatted as "+[Country Code][Number]", e.g. "+15551230000"' });

const emailAddress = () => text().pipe(z.email({ error: 'must be an email address, e.g. "john@gmail.com"' }));

const vin = () => text().regex(/^[A-Za-z0-9]{17}$/, { error: 'must be 17 alphanumeric characters' });

const uuid = () =>
  text().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    error: 'must be the UUID AutoComplete assigned to the dealer, e.g. "4119799d-215f-4f49-b38a-0b94c2448399"',
  });

const list = <T extends z.ZodType>(item: T) =>
  z.array(item, { error: (issue) => (isMissing(issue.input) ? 'cannot be empty' : 'must be a list') });

const nonEmptyList = <T extends z.ZodType>(item: T) => list(item).min(1, { error: 'cannot be empty' });

const object = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.looseObject(shape, { error: (issue) => (isMissing(issue.input) ? 'cannot be empty' : 'must be an object') });

/**
 * The reference contradicts itself: the Person model and the full example send
 * `drivers_license` as one object, the minimum example as a list. Both are
 * accepted, each checked with `item`, and kept in the form they came in.
 */
const oneOrList = <T extends z.ZodType>(item: T, listSchema: z.ZodType<z.output<T>[]> = list(item)) =>
  z.unknown().transform((value, ctx): z.output<T> | z.output<T>[] => {
    const parsed = (Array.isArray(value) ? listSchema : item).safeParse(value);
    if (parsed.success) return parsed.data as z.output<T> | z.output<T>[];
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });

const phoneShape = {
  number: phoneNumber(),
  type: optional(choice(values.PHONE_TYPES)),
  sms_consent: optional(boolean()),
};
export const PhoneNumber = object(phoneShape);

export const Email = object({
  email: emailAddress(),
  preferred: optional(boolean()),
});

const addressShape = {
  type: optional(choice(values.ADDRESS_TYPES)),
  address_1: optional(text()),
  address_2: optional(text()),
  city: optional(text()),
  state: optional(postalState()),
  postal_code: optional(postalCode()),
  country: optional(choice(values.COUNTRIES)),
  full_address: optional(text()),
};
export const Address = object(addressShape);

const licenseShape = {
  number: optional(text()),
  state: optional(postalState()),
  status: optional(choice(values.LICENSE_STATUSES)),
  issued_date: optional(date()),
  expiration_date: optional(date()),
};
export const DriversLicense = object(licenseShape);

export const Policy = object({
  type: optional(choice(values.POLICY_TYPES)),
  carrier: optional(choice(values.CARRIERS)),
  policy_number: optional(text()),
  effective_date: optional(date()),
  expiration_date: optional(date()),
});

const vehicleShape = {
  vin: optional(vin()),
  year: optional(integer()),
  make: optional(choice(values.VEHICLE_MAKES)),
  model: optional(text()),
  trim: optional(text()),
  ownership_start: optional(date()),
  ownership_type: optional(choice(values.VEHICLE_OWNERSHIP_TYPES)),
  /** Months. */
  lease_duration: optional(count()),
  /** Months. */
  finance_duration: optional(count()),
  annual_mileage: optional(count()),
  odometer: optional(count()),
  /** Cents. */
  cost_new: optional(count()),
  primary_use: optional(choice(values.VEHICLE_USES)),
  lienholder: optional(text()),
  anti_lock_brakes: optional(boolean()),
  anti_theft_device: optional(boolean()),
  rideshare: optional(boolean()),
  addresses: optional(list(Address)),
};
export const Vehicle = object(vehicleShape);

export const Flow = object({
  flow_identifier: text(),
  /** Any text here: whether it is a link we pass on is the contract's rule (map/from-created.ts), and the person exists either way. */
  flow_url: text(),
});

const sourceShape = {
  dealer_id: optional(uuid()),
  type: optional(choice(values.SOURCE_TYPES)),
  external_customer_number: optional(text()),
  external_deal_number: optional(text()),
};
export const Source = object(sourceShape);

/** Every Person field but `related_people`, whose elements are Persons too. */
const personShape = {
  id: optional(text()),
  first_name: optional(text()),
  middle_name: optional(text()),
  last_name: optional(text()),
  date_of_birth: optional(date()),
  gender: optional(choice(values.GENDERS)),
  marital_status: optional(choice(values.MARITAL_STATUSES)),
  relationship: optional(choice(values.RELATIONSHIPS)),
  education: optional(choice(values.EDUCATION_LEVELS)),
  employment_status: optional(choice(values.EMPLOYMENT_STATUSES)),
  residence_ownership_type: optional(choice(values.RESIDENCE_OWNERSHIP_TYPES)),
  age_first_licensed: optional(count()),
  phone_numbers: optional(list(PhoneNumber)),
  emails: optional(list(Email)),
  addresses: optional(list(Address)),
  drivers_license: optional(oneOrList(DriversLicense)),
  policies: optional(list(Policy)),
  /** Submitted only. */
  new_vehicles: optional(list(Vehicle)),
  /** Submitted only. */
  trade_ins: optional(list(Vehicle)),
  /** Read only: new vehicles and trade-ins together, told apart by ownership_type. */
  vehicles: optional(list(Vehicle)),
  flow: optional(Flow),
  source: optional(Source),
};

/**
 * A member of the household. "`relationship` is required when the Person is
 * an element of an array"; a related person's own related_people are not
 * modelled (the loose object keeps them, so they are reported, not lost).
 */
export const RelatedPerson = object({ ...personShape, relationship: choice(values.RELATIONSHIPS) });

/** The Person model as AutoComplete documents it: every field optional. A dealer's DMS export parses with this. */
export const Person = object({ ...personShape, related_people: optional(list(RelatedPerson)) });

/** An address AutoComplete can use: unparsed text, or the parsed parts a street address needs. */
function isCompleteAddress(address: z.output<typeof Address>): boolean {
  return Boolean(address.full_address || (address.address_1 && address.city && address.state && address.postal_code));
}

/** `POST /people`: the Person model with its documented minimum required fields. */
export const PersonSubmission = object({
  ...Person.shape,
  first_name: text(),
  last_name: text(),
  date_of_birth: date(),
  phone_numbers: nonEmptyList(PhoneNumber),
  addresses: nonEmptyList(Address).refine((addresses) => addresses.some(isCompleteAddress), {
    error: 'must contain at least one valid address: full_address, or address_1, city, state and postal_code',
  }),
  drivers_license: oneOrList(
    object({ ...licenseShape, number: text(), state: postalState() }),
    nonEmptyList(object({ ...licenseShape, number: text(), state: postalState() })),
  ),
  new_vehicles: nonEmptyList(object({ ...vehicleShape, vin: vin() })),
  source: object({ ...sourceShape, dealer_id: uuid() }),
});

/** The answer to `POST /people`: the person as stored, with its id and personalised shopping link. */
export const PersonRecord = object({ ...Person.shape, id: text(), flow: Flow });

/**
 * The answer to `GET /people`. The reference shows no example of it; the
 * sandbox answers a JSON array, and an envelope `{ people }` or `{ data }` is
 * read too so a real answer in either common form is not mistaken for garbage.
 */
const ListedPerson = object({ ...Person.shape, id: text() });
export const PeopleList = z.union([
  list(ListedPerson),
  z.object({ people: list(ListedPerson) }).transform((body) => body.people),
  z.object({ data: list(ListedPerson) }).transform((body) => body.data),
]);

/** Every error AutoComplete answers: `{ "status_code": 400, "message": "Field 'new_vehicles' cannot be empty." }`. */
export const ErrorBody = z.object({ status_code: z.number().int(), message: z.string() });

export type PhoneNumber = z.output<typeof PhoneNumber>;
export type Email = z.output<typeof Email>;
export type Address = z.output<typeof Address>;
export type DriversLicense = z.output<typeof DriversLicense>;
export type Policy = z.output<typeof Policy>;
export type Vehicle = z.output<typeof Vehicle>;
export type Flow = z.output<typeof Flow>;
export type Source = z.output<typeof Source>;
export type RelatedPerson = z.output<typeof RelatedPerson>;
export type Person = z.output<typeof Person>;
export type PersonSubmission = z.output<typeof PersonSubmission>;
export type PersonRecord = z.output<typeof PersonRecord>;
export type PeopleList = z.output<typeof PeopleList>;
export type ErrorBody = z.output<typeof ErrorBody>;
