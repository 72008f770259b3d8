/**
 * CoverHound's own request and response bodies, in its spelling, as its
 * documentation describes them. The request schema is the shape the mapper
 * builds and the sandbox accepts (it checks structure and value lists; the
 * documented "required when…" rules are checked by the sandbox on top, since
 * they span fields). The response schemas are what the client parses every
 * answer with, lenient only where the documentation itself is loose.
 */
import { z } from 'zod';
import { US_STATES } from '../../../contract/primitives.ts';
import { CARRIER_CODES, PRIOR_CARRIER_CODES } from './carriers.ts';
import { isMdyDate } from './dates.ts';

// ── Value lists, exactly as documented ──────────────────────────────────────
export const VEHICLE_USES = ['Commute', 'Pleasure', 'Business'] as const;
export const VEHICLE_OWNERSHIPS = ['Paid in Full', 'Financed', 'Leased'] as const;
export const GENDERS = ['M', 'F'] as const;
export const MARITAL_STATUSES = ['Single', 'Married', 'Divorced', 'Separated', 'Widowed', 'Domestic Partner'] as const;
export const EDUCATION_LEVELS = [
  'Some High School',
  'High School',
  'Some College',
  '2 Year College',
  '4 Year College',
  'Graduate Degree',
  'Doctorate',
] as const;
export const CAREER_STATUSES = ['Employed', 'Unemployed', 'Full-Time Student', 'Retired', 'Disabled'] as const;
export const RESIDENCE_TYPES = ['Home', 'Condo', 'Townhouse', 'Mobile Home', 'Other'] as const;
export const RELATIONS = ['Spouse', 'Domestic Partner', 'Child', 'Parent', 'Other'] as const;
export const LICENSE_STATUSES = ['Valid', 'Permit', 'Expired', 'Suspended', 'Cancelled', 'Not Licensed', 'Permanently Revoked'] as const;
export const INCIDENT_TYPES = ['Accident', 'Claim', 'DUI', 'Moving Violation', 'Other Violation', 'Speeding'] as const;
const INSURED_DURATIONS = [
  'Not Currently Insured',
  '0-6 months',
  '6-12 months',
  '1 year',
  '2 years',
  '3 years',
  '4 years',
  '5 years',
  '6+ years',
] as const;
const INSURED_DURATION_DETAILS = [
  'Not Currently Insured',
  ...Array.from({ length: 11 }, (_, i) => (i === 0 ? '1 month' : `${i + 1} months`)),
  ...Array.from({ length: 20 }, (_, i) => (i === 0 ? '1 year' : `${i + 1} years`)),
  '21+ years',
] as [string, ...string[]];
const LAPSE_DURATIONS = ['Never Insured', '< 1 Month', '> 1 Month'] as const;
const QUOTE_STATUSES = ['started', 'complete', 'error'] as const;

// ── Building blocks ─────────────────────────────────────────────────────────
const mdyDate = z.string().refine(isMdyDate, { error: 'must be a date in mm-dd-yyyy format', abort: true });
const wholeNumber = z.number().int();
const count = wholeNumber.min(0);
const requiredText = z.string().trim().min(1);

/**
 * A full 17-character VIN, a Polk pattern (asterisks at positions 9 and
 * 11-17) or the 10-character pattern of positions 1-8 and 10-11. Position 10
 * (the model year) must be a year code, which excludes I, O, Q, U, Z and 0.
 */
const VIN_PATTERN =
  /^(?:[A-HJ-NPR-Z0-9]{8}[0-9X][A-HJ-NPR-TV-Y1-9][A-HJ-NPR-Z0-9]{7}|[A-HJ-NPR-Z0-9]{8}\*[A-HJ-NPR-TV-Y1-9]\*{7}|[A-HJ-NPR-Z0-9]{8}[A-HJ-NPR-TV-Y1-9][A-HJ-NPR-Z0-9])$/;
const vinOrPattern = z.string().regex(VIN_PATTERN, { error: 'must be a 17-character VIN or a documented VIN pattern' });

// ── Request ─────────────────────────────────────────────────────────────────
export const CoverHoundVehicle = z.object({
  vin: vinOrPattern,
  use: z.enum(VEHICLE_USES),
  mileage: count,
  commuteDistance: count.optional(),
  commuteFrequency: wholeNumber.min(1).max(7).optional(),
  purchaseDate: mdyDate.optional(),
  ownership: z.enum(VEHICLE_OWNERSHIPS),
  commuteNyNj: z.boolean().optional(),
  primaryDriver: count,
});

export const CoverHoundDriver = z.object({
  primaryApplicant: z.boolean(),
  firstName: requiredText,
  middleName: z.string().optional(),
  lastName: requiredText,
  birthDate: mdyDate,
  gender: z.enum(GENDERS),
  marital: z.enum(MARITAL_STATUSES),
  dlNum: z.string().optional(),
  dlState: z.enum(US_STATES).optional(),
  education: z.enum(EDUCATION_LEVELS),
  careerStatus: z.enum(CAREER_STATUSES),
  /** ACORD values; the documentation links a CSV of them we do not have, so any text is taken. */
  occupationIndustry: requiredText.optional(),
  occupation: requiredText.optional(),
  goodStudent: z.boolean().optional(),
  distantStudent: z.boolean().optional(),
  homeowner: z.boolean(),
  residenceType: z.enum(RESIDENCE_TYPES).optional(),
  relationPrimary: z.enum(RELATIONS).optional(),
  addressPrimarySame: z.boolean().optional(),
  ageLicensed: wholeNumber.min(15).max(100),
  licenseStatus: z.enum(LICENSE_STATUSES),
  sr22: z.boolean(),
  ssn: z.string().optional(),
  excluded: z.boolean(),
  vehicles: z.array(count),
  primaryVehicle: count,
});

export const CoverHoundIncident = z.object({
  incidentType: z.enum(INCIDENT_TYPES),
  /** ACORD incident details; as for occupations, any text is taken. */
  incidentDetails: requiredText,
  incidentDate: mdyDate,
  driverNum: count,
});

export const CoverHoundPriorPolicy = z.object({
  insuredDuration: z.enum(INSURED_DURATIONS),
  insuredDurationDetail: z.enum(INSURED_DURATION_DETAILS).optional(),
  lapseDuration: z.enum(LAPSE_DURATIONS).optional(),
  expirationDate: mdyDate.optional(),
  priorBIPerson: count.optional(),
  priorBIAccident: count.optional(),
  priorCarrier: z.enum(PRIOR_CARRIER_CODES).optional(),
});

export const CoverHoundApplicant = z.object({
  mailingAddress1: requiredText,
  mailingAddress2: z.string().optional(),
  mailingZip: z.string().regex(/^\d{5}$/, { error: 'must be a 5-digit ZIP code' }),
  phone1: z
    .string()
    .regex(/^\d{10}$/, { error: 'must be 10 digits, no punctuation' })
    .optional(),
  phone2: z
    .string()
    .regex(/^\d{10}$/, { error: 'must be 10 digits, no punctuation' })
    .optional(),
  email: z.email(),
  effectiveDate: mdyDate,
  vehicles: z.array(CoverHoundVehicle).min(1, { error: 'must list at least one vehicle' }),
  drivers: z.array(CoverHoundDriver).min(1, { error: 'must list at least one driver' }),
  incidents: z.array(CoverHoundIncident).optional(),
  priorPolicy: CoverHoundPriorPolicy,
});

/** Limits in whole dollars; the state-specific optional coverages (pip, uim, …) pass through untouched. */
const CoverHoundPolicyCoverages = z.looseObject({
  biPerson: count,
  biAccident: count,
  mp: count,
  pd: count,
  umpd: count,
  umbiPerson: count,
  umbiAccident: count,
});

/** Deductibles in whole dollars; 0 means the cover is not bought. */
const CoverHoundVehicleCoverages = z.looseObject({ coll: count, comp: count });

export const CoverHoundCoverages = z.object({
  policy: CoverHoundPolicyCoverages,
  vehicles: z.array(CoverHoundVehicleCoverages),
});

export const CoverHoundQuoteRequest = z.object({
  userId: requiredText,
  usePolling: z.boolean().optional(),
  carriers: z.array(z.enum(CARRIER_CODES)).min(1, { error: 'must list at least one carrier' }),
  applicant: CoverHoundApplicant,
  coverages: CoverHoundCoverages,
});

// ── Responses ───────────────────────────────────────────────────────────────
/** Dollar amounts arrive as decimal strings ("376.9"); a number is taken too rather than failing the quote. */
const amount = z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative()]);

export const CoverHoundPayPlan = z.object({
  payPlanName: z.string(),
  payPlanDesc: z.string().optional(),
  termLength: z.number().int().positive(),
  downPayment: amount,
  installment: amount,
  numInstallments: z.number().int().min(0),
  nextInstallment: z.string().optional(),
  totalPremium: amount,
});

/** One carrier's answer: pay plans when it quoted, an error text when it did not, a status when polling. */
export const CoverHoundCarrierQuote = z.object({
  carrierCode: z.string(),
  carrierName: z.string(),
  status: z.enum(QUOTE_STATUSES).optional(),
  payPlans: z.array(CoverHoundPayPlan).optional(),
  /** Documented as present on successful quotes, with no shape given. */
  discounts: z.array(z.unknown()).optional(),
  error: z.string().optional(),
});

export const CoverHoundQuoteResponse = z.object({
  userId: z.string(),
  transactionId: z.string().min(1),
  customerId: z.number().int().optional(),
  /** "The same representation of coverages as in the request but with eventual changes or default values." */
  coverages: z
    .object({
      policy: z.record(z.string(), z.unknown()),
      vehicles: z.array(z.record(z.string(), z.unknown())),
    })
    .optional(),
  /** While polling, quotes are added as they complete; an answer may have none yet. */
  quotes: z.array(CoverHoundCarrierQuote).default([]),
  purchaseUrl: z.string().optional(),
  purchasePhone: z.string().optional(),
});

/** The first answer to a `usePolling: true` request. */
export const CoverHoundPollingStarted = z.object({
  userId: z.string(),
  transactionId: z.string().min(1),
});

/** `POST /api/oauth/access_token` answers the token as a bare JSON string. */
export const CoverHoundAccessToken = z.string().min(1);

// ── Error bodies ────────────────────────────────────────────────────────────
/** 400: `errors` is present when the JSON was well formed. */
export const CoverHoundValidationError = z.object({
  status: z.literal(400),
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});

/** 401: a missing or invalid key or token. */
export const CoverHoundAuthError = z.object({ status: z.literal('Fail'), error_message: z.string() });

/** 503 (and the other statuses CoverHound answers with a status and a message). */
export const CoverHoundServiceError = z.object({ status: z.number().int(), message: z.string() });

export type CoverHoundVehicle = z.infer<typeof CoverHoundVehicle>;
export type CoverHoundDriver = z.infer<typeof CoverHoundDriver>;
export type CoverHoundIncident = z.infer<typeof CoverHoundIncident>;
export type CoverHoundPriorPolicy = z.infer<typeof CoverHoundPriorPolicy>;
export type CoverHoundApplicant = z.infer<typeof CoverHoundApplicant>;
export type CoverHoundCoverages = z.infer<typeof CoverHoundCoverages>;
export type CoverHoundQuoteRequest = z.infer<typeof CoverHoundQuoteRequest>;
/** What the client sends; it sets `usePolling` itself, by the method called. */
export type CoverHoundQuoteInput = Omit<CoverHoundQuoteRequest, 'usePolling'>;
export type CoverHoundPayPlan = z.infer<typeof CoverHoundPayPlan>;
export type CoverHoundCarrierQuote = z.infer<typeof CoverHoundCarrierQuote>;
export type CoverHoundQuoteResponse = z.infer<typeof CoverHoundQuoteResponse>;
export type CoverHoundPollingStarted = z.infer<typeof CoverHoundPollingStarted>;
