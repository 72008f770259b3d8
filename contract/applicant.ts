/**
 * The canonical applicant: who is to be insured, what they drive and what
 * cover they want. Ours, camelCase, a superset of what the vendors need; each
 * vendor's map.ts translates it, and says so when it cannot.
 */
import { z } from 'zod';
import { addDays, cents, e164Phone, email, index, isoDate, pastDate, postalCode, text, usState, usToday, vin } from './primitives.ts';

const choice = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `${label} must be one of: ${values.join(', ')}` });

export const GENDERS = ['male', 'female', 'non_binary'] as const;
export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'separated', 'widowed', 'domestic_partner'] as const;
export const RELATIONSHIPS = ['self', 'spouse', 'domestic_partner', 'child', 'parent', 'sibling', 'other'] as const;
export const EDUCATION_LEVELS = [
  'some_high_school',
  'high_school',
  'vocational_certificate',
  'some_college',
  'associates',
  'bachelors',
  'masters',
  'law_school',
  'medical_school',
  'doctorate',
  'other',
] as const;
export const EMPLOYMENT_STATUSES = ['employed', 'unemployed', 'student', 'retired', 'disabled', 'homemaker'] as const;
export const LICENSE_STATUSES = ['valid', 'permit', 'expired', 'suspended', 'revoked', 'not_licensed'] as const;
export const VEHICLE_OWNERSHIPS = ['owned', 'financed', 'leased'] as const;
export const VEHICLE_USES = ['commute', 'pleasure', 'business', 'school', 'farm'] as const;
/** 'violation' is a moving violation (a traffic offence while driving, other than speeding or a DUI). */
export const INCIDENT_TYPES = ['accident', 'claim', 'dui', 'violation', 'speeding'] as const;
export const RESIDENCE_OWNERSHIPS = ['own', 'rent'] as const;
export const RESIDENCE_TYPES = ['home', 'condo', 'townhouse', 'mobile_home', 'apartment', 'other'] as const;

export const Contact = z
  .object({
    email,
    phone: e164Phone,
    /** The shopper agreed to receive text messages about their quote. */
    smsConsent: z.boolean({ error: 'SMS consent must be true or false' }).optional(),
  })
  .meta({ id: 'Contact' });

export const Address = z
  .object({
    line1: text('Street address', 120),
    line2: text('Apartment or suite', 60).optional(),
    city: text('City', 60),
    state: usState(),
    postalCode,
  })
  .meta({ id: 'Address' });

export const Residence = z
  .object({
    ownership: choice('Home ownership', RESIDENCE_OWNERSHIPS),
    type: choice('Residence type', RESIDENCE_TYPES).optional(),
  })
  .meta({ id: 'Residence' });

export const License = z
  .object({
    number: text('License number', 30).optional(),
    state: usState('License state'),
    status: choice('License status', LICENSE_STATUSES),
    ageFirstLicensed: z
      .number({ error: 'Age first licensed must be a whole number of years' })
      .int({ error: 'Age first licensed must be a whole number of years' })
      .min(14, { error: 'Age first licensed must be at least 14' })
      .max(100, { error: 'Age first licensed must be at most 100' }),
  })
  .meta({ id: 'License' });

export const Driver = z
  .object({
    firstName: text('First name', 50),
    middleName: text('Middle name', 50).optional(),
    lastName: text('Last name', 50),
    dateOfBirth: pastDate('Date of birth'),
    gender: choice('Gender', GENDERS),
    maritalStatus: choice('Marital status', MARITAL_STATUSES),
    relationship: choice('Relationship to the applicant', RELATIONSHIPS),
    education: choice('Education', EDUCATION_LEVELS),
    employment: choice('Employment', EMPLOYMENT_STATUSES),
    /** Industry of the occupation (ACORD spelling where known), used by carriers that rate on it. */
    occupationIndustry: text('Occupation industry', 80).optional(),
    occupation: text('Occupation', 80).optional(),
    /** Full-time students with a GPA of 3.0 or better. */
    goodStudent: z.boolean({ error: 'Good student must be true or false' }).optional(),
    /** The driver must file an SR-22 certificate of financial responsibility. */
    sr22: z.boolean({ error: 'SR-22 must be true or false' }).optional(),
    license: License,
    /** The vehicle this driver drives most (index into vehicles), when it is not obvious from the vehicles' primary drivers. */
    primaryVehicle: index('Primary vehicle').optional(),
    /** Whether this driver lives at the applicant's address (asked of drivers other than the applicant). */
    livesWithApplicant: z.boolean({ error: 'Lives with the applicant must be true or false' }).optional(),
  })
  .meta({ id: 'Driver' });

export const Vehicle = z
  .object({
    vin: vin.optional(),
    year: z
      .number({ error: 'Vehicle year must be a year like 2019' })
      .int({ error: 'Vehicle year must be a year like 2019' })
      .min(1981, { error: 'Vehicle year must be 1981 or later (17-character VINs)' })
      .max(new Date().getUTCFullYear() + 2, { error: 'Vehicle year is too far in the future' }),
    make: text('Make', 40),
    model: text('Model', 60),
    trim: text('Trim', 60).optional(),
    bodyStyle: text('Body style', 60).optional(),
    ownership: choice('Vehicle ownership', VEHICLE_OWNERSHIPS),
    use: choice('Vehicle use', VEHICLE_USES),
    annualMileage: z
      .number({ error: 'Annual mileage must be a whole number of miles' })
      .int({ error: 'Annual mileage must be a whole number of miles' })
      .min(0, { error: 'Annual mileage cannot be negative' })
      .max(200_000, { error: 'Annual mileage must be at most 200,000' }),
    commuteMilesOneWay: z
      .number({ error: 'Commute distance must be a whole number of miles' })
      .int({ error: 'Commute distance must be a whole number of miles' })
      .min(0, { error: 'Commute distance cannot be negative' })
      .max(500, { error: 'Commute distance must be at most 500 miles' })
      .optional(),
    commuteDaysPerWeek: z
      .number({ error: 'Commute days must be a whole number from 1 to 7' })
      .int({ error: 'Commute days must be a whole number from 1 to 7' })
      .min(1, { error: 'Commute days must be a whole number from 1 to 7' })
      .max(7, { error: 'Commute days must be a whole number from 1 to 7' })
      .optional(),
    /** The vehicle is also used to commute to New York or New Jersey (asked in Pennsylvania). */
    commutesToNyNj: z.boolean({ error: 'Commutes to NY or NJ must be true or false' }).optional(),
    primaryDriver: index('Primary driver'),
    lienholder: text('Lienholder', 100).optional(),
  })
  .meta({ id: 'Vehicle' });

export const Incident = z
  .object({
    type: choice('Incident type', INCIDENT_TYPES),
    description: text('Incident description', 200),
    date: pastDate('Incident date'),
    driver: index('Incident driver'),
  })
  .meta({ id: 'Incident' });

const SplitLimit = (label: string) => z.object({ perPerson: cents(`${label} per person`), perAccident: cents(`${label} per accident`) });

export const PriorInsurance = z
  .object({
    /** Who insures (or last insured) the shopper: no quoting vendor needs it, the dealer may like to know. */
    carrier: text('Prior carrier', 80).optional(),
    monthsInsured: z
      .number({ error: 'Months insured must be a whole number' })
      .int({ error: 'Months insured must be a whole number' })
      .min(0, { error: 'Months insured cannot be negative' })
      .max(1200, { error: 'Months insured must be at most 1200' }),
    expirationDate: isoDate('Prior policy expiration date').optional(),
    bodilyInjuryLimitsCents: SplitLimit('Prior bodily injury limit').optional(),
  })
  .meta({ id: 'PriorInsurance' });

const VehicleCoverage = z.object({
  /** null means the shopper declines comprehensive cover on this vehicle. */
  comprehensiveDeductibleCents: cents('Comprehensive deductible').nullable(),
  collisionDeductibleCents: cents('Collision deductible').nullable(),
});

export const Coverage = z
  .object({
    bodilyInjuryCents: SplitLimit('Bodily injury limit'),
    propertyDamageCents: cents('Property damage limit'),
    medicalPaymentsCents: cents('Medical payments limit').optional(),
    uninsuredMotoristCents: SplitLimit('Uninsured motorist limit').optional(),
    vehicles: z.array(VehicleCoverage, { error: 'Vehicle coverages must be a list' }),
  })
  .meta({ id: 'Coverage' });

/** The earliest effective date we accept: tomorrow, as seen anywhere in the US. */
export const earliestEffectiveDate = (now?: Date) => addDays(usToday(now), 1);

/** The latest: a year from today. Insurers quote no further ahead, and a later date is a typo (9999-12-31). */
const latestEffectiveDate = (now?: Date) => addDays(usToday(now), 365);

const effectiveDate = isoDate('Effective date', {
  earliest: earliestEffectiveDate,
  tooEarly: () => 'Effective date must be tomorrow or later',
  latest: latestEffectiveDate,
  tooLate: () => `Effective date must be within a year: ${latestEffectiveDate()} or earlier`,
});

/** Fields shared by a quote request and a pre-fill: everything but the cross-list rules. */
const applicantShape = {
  effectiveDate,
  contact: Contact,
  address: Address,
  residence: Residence,
  drivers: z
    .array(Driver, { error: 'Drivers must be a list' })
    .min(1, { error: 'Add at least one driver' })
    .max(6, { error: 'At most 6 drivers can be quoted together' }),
  vehicles: z
    .array(Vehicle, { error: 'Vehicles must be a list' })
    .min(1, { error: 'Add at least one vehicle' })
    .max(6, { error: 'At most 6 vehicles can be quoted together' }),
  incidents: z.array(Incident, { error: 'Incidents must be a list' }).max(20, { error: 'At most 20 incidents' }).optional(),
  priorInsurance: PriorInsurance.optional(),
  coverage: Coverage,
};

/** A list from a body that may have failed its own validation: only its well-formed entries are checked. */
const entries = <T>(value: unknown): (T & object)[] =>
  Array.isArray(value) ? value.filter((v): v is T & object => typeof v === 'object' && v !== null) : [];
const isIndex = (value: unknown): value is number => Number.isInteger(value);

/**
 * Rules that span lists: indexes must point at real entries and lists must
 * line up. They run even when some field failed (see `when` below), so the
 * shopper sees every problem at once; that is why they read the body defensively.
 */
function checkCrossReferences(body: Record<string, unknown>, ctx: z.RefinementCtx) {
  const drivers = entries<Partial<Driver>>(body.drivers);
  const vehicles = entries<Partial<Vehicle>>(body.vehicles);
  const driverCount = Array.isArray(body.drivers) ? body.drivers.length : 0;
  const vehicleCount = Array.isArray(body.vehicles) ? body.vehicles.length : 0;
  if (drivers.length > 0 && drivers[0]?.relationship !== undefined && drivers[0].relationship !== 'self') {
    ctx.addIssue({
      code: 'custom',
      path: ['drivers', 0, 'relationship'],
      message: 'The first driver is the applicant: relationship must be self',
    });
  }
  drivers.forEach((driver, i) => {
    if (i > 0 && driver.relationship === 'self') {
      ctx.addIssue({ code: 'custom', path: ['drivers', i, 'relationship'], message: 'Only the first driver can be self' });
    }
    if (isIndex(driver.primaryVehicle) && vehicleCount > 0 && driver.primaryVehicle >= vehicleCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['drivers', i, 'primaryVehicle'],
        message: `Primary vehicle must be one of the ${vehicleCount} vehicle(s)`,
      });
    }
  });
  vehicles.forEach((vehicle, i) => {
    if (isIndex(vehicle.primaryDriver) && driverCount > 0 && vehicle.primaryDriver >= driverCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['vehicles', i, 'primaryDriver'],
        message: `Primary driver must be one of the ${driverCount} driver(s)`,
      });
    }
    if (vehicle.use === 'commute' && vehicle.commuteMilesOneWay === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['vehicles', i, 'commuteMilesOneWay'],
        message: 'Commute distance is required when the vehicle is used to commute',
      });
    }
  });
  entries<Partial<Incident>>(body.incidents).forEach((incident, i) => {
    if (isIndex(incident.driver) && driverCount > 0 && incident.driver >= driverCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['incidents', i, 'driver'],
        message: `Incident driver must be one of the ${driverCount} driver(s)`,
      });
    }
  });
  const coverage = body.coverage as { vehicles?: unknown } | undefined;
  if (coverage && Array.isArray(coverage.vehicles) && vehicleCount > 0 && coverage.vehicles.length !== vehicleCount) {
    ctx.addIssue({
      code: 'custom',
      path: ['coverage', 'vehicles'],
      message: `Choose deductibles for each of the ${vehicleCount} vehicle(s)`,
    });
  }
}

/** The rules checkCrossReferences holds an applicant to, as the document states them. */
const CROSS_FIELD_RULES = [
  'Besides each field’s own rules, an applicant must hold together (each broken rule is a 400 naming its field):',
  '- `drivers[0]` is the applicant: its `relationship` is `self`, and no other driver’s is;',
  '- `vehicles[i].primaryDriver`, `incidents[i].driver` are positions in `drivers`; `drivers[i].primaryVehicle` a position in `vehicles`;',
  '- a vehicle whose `use` is `commute` gives `commuteMilesOneWay`;',
  '- `coverage.vehicles` has one entry per vehicle, in the same order;',
  '- `effectiveDate` is tomorrow or later (as seen anywhere in the US) and within a year; dates of birth and incident dates are in the past, from 1900 on.',
].join('\n');

export const QuoteRequestBody = z
  .object(applicantShape)
  .check(
    z.superRefine((body, ctx) => checkCrossReferences(body as Record<string, unknown>, ctx), {
      when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
    }),
  )
  .meta({ id: 'Applicant', description: CROSS_FIELD_RULES });

/**
 * The parts of an applicant a pre-fill and a draft both take in part: each
 * field optional, each value present as strictly validated as in a quote request.
 */
const partialParts = {
  effectiveDate: applicantShape.effectiveDate,
  contact: Contact.partial(),
  address: Address.partial(),
  residence: Residence.partial(),
  // Dealer systems often know a license's number and state but not its status: every part is optional.
  drivers: z
    .array(Driver.partial().extend({ license: License.partial().optional() }), { error: 'Drivers must be a list' })
    .max(6, { error: 'At most 6 drivers' }),
  vehicles: z.array(Vehicle.partial(), { error: 'Vehicles must be a list' }).max(6, { error: 'At most 6 vehicles' }),
};

/**
 * What a dealer may pre-fill: any part of the applicant, each part as strictly
 * validated as in a quote request, so the widget never shows a malformed value.
 */
export const Prefill = z
  .object({
    ...partialParts,
    incidents: applicantShape.incidents,
    priorInsurance: PriorInsurance.partial(),
    coverage: Coverage.partial(),
  })
  .partial()
  .meta({
    id: 'Prefill',
    description: 'Any part of an Applicant, each part as strictly checked; what is missing the shopper is asked for.',
  });

/**
 * The answers while the shopper is still giving them (a saved draft): any
 * part of the applicant, down to each field, every value present as strictly
 * validated as in a quote request, so a resumed journey never shows a
 * malformed value. The cross-list rules wait for the quote request.
 */
export const DraftAnswers = z
  .strictObject(
    {
      ...partialParts,
      incidents: z.array(Incident.partial(), { error: 'Incidents must be a list' }).max(20, { error: 'At most 20 incidents' }),
      priorInsurance: PriorInsurance.partial().extend({
        bodilyInjuryLimitsCents: SplitLimit('Prior bodily injury limit').partial().optional(),
      }),
      coverage: Coverage.partial().extend({
        bodilyInjuryCents: SplitLimit('Bodily injury limit').partial().optional(),
        uninsuredMotoristCents: SplitLimit('Uninsured motorist limit').partial().optional(),
        vehicles: z
          .array(VehicleCoverage.partial(), { error: 'Vehicle coverages must be a list' })
          .max(6, { error: 'At most 6 vehicles' })
          .optional(),
      }),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}` : undefined) },
  )
  .partial();

export type Contact = z.infer<typeof Contact>;
export type Address = z.infer<typeof Address>;
export type Residence = z.infer<typeof Residence>;
export type License = z.infer<typeof License>;
export type Driver = z.infer<typeof Driver>;
export type Vehicle = z.infer<typeof Vehicle>;
export type Incident = z.infer<typeof Incident>;
export type PriorInsurance = z.infer<typeof PriorInsurance>;
export type Coverage = z.infer<typeof Coverage>;
export type QuoteRequestBody = z.infer<typeof QuoteRequestBody>;
export type Prefill = z.infer<typeof Prefill>;
export type DraftAnswers = z.infer<typeof DraftAnswers>;
