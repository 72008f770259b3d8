/**
 * PACE's own request and response bodies, in PACE's spelling, as the seed
 * documents them. The client parses every answer with these, and the sandbox
 * parses every request with them, so both sides agree on one contract.
 *
 * The seed's tables and its examples disagree on types in places (booleans
 * and numbers documented as "string", fields documented as non-nullable that
 * the examples send as null), so schemas accept what either shows. Fields we
 * never read are optional: a real answer that omits one is not an error.
 */
import { z } from 'zod';

/** A number, also when sent as a numeric string (the tables type most numbers as "string"). */
const numberish = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
/** A boolean, also when sent as "true"/"false". */
const boolish = z.union([
  z.boolean(),
  z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE']).transform((v) => v.toLowerCase() === 'true'),
]);
const text = z.string().trim().min(1);
const optionalText = z.string().nullish();

/** Every documented failure: `{ "exception": "bad request", "message": ["Quote X not found"] }`. */
export const PaceErrorBody = z.object({ exception: z.string(), message: z.array(z.string()) });

// ---------------------------------------------------------------- lookups

export const PaceYears = z.array(z.number().int().nullable());
export const PaceNames = z.array(z.string());

/** vinLookupObject: `vin` is the squish VIN, not the one asked about. */
export const PaceVinLookup = z.object({
  vin: z.string(),
  year: z.number().int().nullish(),
  make: optionalText,
  model: optionalText,
  bodyStyle: optionalText,
  isUnacceptable: z.boolean().nullish(),
});
export const PaceVinLookups = z.array(PaceVinLookup);

/** ratingCoverageObject: one option of one coverage, e.g. BI 25000/50000. */
export const PaceRatingCoverage = z.object({
  coverage: z.string(),
  coverageDescription: z.string(),
  limitValue: z.string(),
  emptyLimitValue: z.string(),
  displayLimit: z.string(),
});
export const PaceRatingCoverages = z.array(PaceRatingCoverage);

// ------------------------------------------------------ shared objects

const PaceAddress = z.object({
  type: z.string(),
  streetName: z.string(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  county: optionalText,
});

const PacePhone = z.object({ type: z.string(), number: z.string() });

const PacePolicyAttribute = z.object({ name: z.string(), value: optionalText, level: optionalText });

const PaceFlag = z.object({
  name: z.string(),
  value: optionalText,
  description: optionalText,
  hasFlag: boolish.nullish(),
  /** Documented as a dictionary; the examples send an empty list. */
  attributes: z.unknown().optional(),
  indexNumber: numberish.nullish(),
});

/** coverageLimitObject as answered: policy-level coverages carry indexNumber 0. */
export const PaceCoverageLimit = z.object({
  type: z.string(),
  indexNumber: z.number().int().nullish(),
  name: z.string(),
  description: optionalText,
  limit: optionalText,
  isUnusedCoverage: z.boolean().nullish(),
});

export const PaceWrittenByCoverage = z.object({
  carNumber: z.number().int(),
  name: z.string(),
  written: z.number(),
  perMile: z.unknown().optional(),
  isUnusedCoverage: z.boolean().nullish(),
});

// ------------------------------------------- quote and policy records

const recordInfo = {
  customerGuid: optionalText,
  policyNumber: z.string(),
  quoteNumber: optionalText,
  agencyCode: optionalText,
  lob: z.number().nullish(),
  ratedState: optionalText,
  priorPolicyNumber: optionalText,
  nextPolicyNumber: optionalText,
  /** policyStatusOptions: ACTIVE, BINDER, CANCEL, EXPIRED, FUTURE, ISSUED, NOTICE, PENDING, QUOTE. */
  status: z.string(),
  effectiveDate: z.string(),
  expirationDate: z.string(),
  cancelDate: optionalText,
  quotedDate: optionalText,
  term: z.number().int().nullish(),
  written: z.number().nullish(),
  insuredFirstName: optionalText,
  insuredMiddleInitial: optionalText,
  insuredLastName: optionalText,
  insuredSuffix: optionalText,
  insuredDateOfBirth: optionalText,
  secondInsuredFirstName: optionalText,
  secondInsuredMiddleInitial: optionalText,
  secondInsuredLastName: optionalText,
  secondInsuredSuffix: optionalText,
  addresses: z.array(PaceAddress).nullish(),
  phoneNumbers: z.array(PacePhone).nullish(),
  emailAddress: optionalText,
  isPaperless: z.boolean().nullish(),
  isNonOwners: z.boolean().nullish(),
  attributes: z.array(PacePolicyAttribute).nullish(),
};

/** Quote info (GET /quote/{policynumber}/info and each item of POST /quote/info/email). */
export const PaceQuoteInfo = z.object({
  ...recordInfo,
  downPayment: z.number().nullish(),
  estimatedWritten: z.number().nullish(),
  estimatedMonthly: z.number().nullish(),
});
export const PaceQuoteInfos = z.array(PaceQuoteInfo);

/** Policy info (GET /policy/{policynumber}/info and each item of POST /policy/info/email). */
export const PacePolicyInfo = z.object({
  ...recordInfo,
  binderNumber: optionalText,
  flags: z.array(PaceFlag).nullish(),
});
export const PacePolicyInfos = z.array(PacePolicyInfo);

/** One item of GET /{quote|policy}/{policynumber}/drivers. */
export const PaceDriverSummary = z.object({
  customerGuid: optionalText,
  policyNumber: z.string(),
  driverNumber: z.number().int(),
  firstName: optionalText,
  middleInitial: optionalText,
  lastName: optionalText,
  status: optionalText,
  relation: optionalText,
  /** Documented as mm/dd/yyyy; the examples send yyyy-mm-dd. */
  dob: optionalText,
  isMarried: z.boolean().nullish(),
  isExcluded: z.boolean().nullish(),
  totalPoints: numberish.nullish(),
});
export const PaceDriverSummaries = z.array(PaceDriverSummary);

/** One item of GET /{quote|policy}/{policynumber}/vehicles (year is documented as a string, sent as a number). */
export const PaceVehicleSummary = z.object({
  customerGuid: optionalText,
  policyNumber: z.string(),
  carNumber: z.number().int(),
  vin: optionalText,
  year: numberish.nullish(),
  make: optionalText,
  model: optionalText,
  bodyStyle: optionalText,
});
export const PaceVehicleSummaries = z.array(PaceVehicleSummary);

/** GET /{quote|policy}/{policynumber}/coverages. */
export const PaceCoverages = z.object({
  customerGuid: optionalText,
  policyNumber: z.string(),
  hasPriorCoverage: z.boolean().nullish(),
  hasPriorBalance: z.boolean().nullish(),
  previousCarrier: optionalText,
  previousExpirationDate: optionalText,
  priorMonthsInsured: z.number().int().nullish(),
  priorBiLimit: optionalText,
  coverageLimits: z.array(PaceCoverageLimit),
  writtenByCoverage: z.array(PaceWrittenByCoverage),
});

// ------------------------------------------------------------ billing

const PaceInstallmentBreakDown = z.object({ name: z.string(), isFee: z.boolean(), amount: z.number() });

/** quoteRateInstallmentObject; installment 0 is the down payment. */
export const PaceRateInstallment = z.object({
  installmentNumber: z.number().nullish(),
  dueDate: z.string(),
  totalPremium: z.number().nullish(),
  totalFees: z.number().nullish(),
  totalDue: z.number().nullish(),
  estimatedTotal: z.number().nullish(),
  estimatedMonthly: z.number().nullish(),
  breakDown: z.array(PaceInstallmentBreakDown).nullish(),
});

/** payPlanResponseObject: one pay plan with its whole schedule. */
export const PacePayPlanOption = z.object({
  payPlanId: z.number().int(),
  payPlanName: z.string(),
  downPaymentPercent: z.number(),
  installmentCount: z.number().int(),
  installments: z.array(PaceRateInstallment),
});

// --------------------------------------------------------- rate quote

/** coverageLimitObject as sent: the examples give vehicle coverages a carNumber. */
const PaceLimit = z.object({
  type: text,
  carNumber: numberish.nullish(),
  indexNumber: numberish.nullish(),
  name: text,
  description: optionalText,
  limit: z.union([z.string(), z.number()]).transform(String),
  isUnusedCoverage: boolish.nullish(),
});

const PaceLienholder = z.object({
  lienHolderNumber: numberish.nullish(),
  name: optionalText,
  address: optionalText,
  city: optionalText,
  state: optionalText,
  zipCode: optionalText,
  phoneNumber: optionalText,
  faxNumber: optionalText,
  emailAddress: optionalText,
  vin: optionalText,
});

/** ownershipTypeOptions. */
const PACE_OWNERSHIP_TYPES = ['OWNED', 'FINANCED', 'LEASED'] as const;

const PaceRateVehicle = z.object({
  carNumber: numberish.nullish(),
  vin: optionalText,
  year: numberish,
  make: optionalText,
  model: optionalText,
  bodyStyle: optionalText,
  costNew: numberish.nullish(),
  amountCustom: numberish.nullish(),
  annualMileage: numberish.nullish(),
  isIncludeAtRenewal: boolish.nullish(),
  ownershipType: z.enum(PACE_OWNERSHIP_TYPES).nullish(),
  statedAmount: numberish.nullish(),
  lengthOfOwnership: optionalText,
  aebCode: optionalText,
  blindSpotCode: optionalText,
  restraintCode: optionalText,
  /** ratingVehicleMileageObject; usageType e.g. PLEASURE, COMMUTE. */
  mileage: z.object({ usageType: optionalText, miles: numberish.nullish() }).nullish(),
  lienHolders: z.array(PaceLienholder).nullish(),
  coverageLimits: z.array(PaceLimit).nullish(),
  flags: z.array(PaceFlag).nullish(),
  /** driverNumber of the driver rated on this vehicle. */
  ratedOperator: numberish.nullish(),
});

const PaceViolation = z.object({
  policyNumber: optionalText,
  driverNumber: numberish.nullish(),
  description: text,
  violationDate: text,
  points: numberish,
  isIncludeAtRenewal: boolish.nullish(),
  isChargeable: boolish,
});

const PaceRateDriver = z.object({
  driverNumber: numberish.nullish(),
  firstName: text,
  middleInitial: optionalText,
  lastName: text,
  suffix: optionalText,
  gender: optionalText,
  dob: text,
  age: numberish.nullish(),
  licenseNum: optionalText,
  licenseState: optionalText,
  licensedDate: optionalText,
  /** relationToInsuredOptions, plus SPOUSE as the seed's own example sends it. */
  relation: optionalText,
  totalPoints: numberish.nullish(),
  violationCount: numberish.nullish(),
  isIncludeAtRenewal: boolish.nullish(),
  isMarried: boolish.nullish(),
  isExcluded: boolish.nullish(),
  /** driverStatusOptions: LIST, RATED, REVIEW. */
  status: optionalText,
  /** EXPIRED or ACTIVE. */
  licenseStatus: optionalText,
  educationCode: optionalText,
  listOnlyOption: optionalText,
  occupationGroup: optionalText,
  occupationCode: optionalText,
  flags: z.array(PaceFlag).nullish(),
  violations: z.array(PaceViolation).nullish(),
});

/**
 * POST /quote/rate. The seed gives the field table but no example; the
 * Serialize Quote answer and the endorsement example carry the same object,
 * so that is the shape both sides use.
 */
export const PaceRateRequest = z.object({
  mgaName: optionalText,
  leadSource: optionalText,
  leadSourceBusinessName: optionalText,
  rateCall: optionalText,
  policyNumber: optionalText,
  agencyCode: text,
  username: optionalText,
  lob: numberish.nullish(),
  ratedState: optionalText,
  effectiveDate: text,
  expirationDate: text,
  term: numberish,
  insuredFirstName: text,
  insuredMiddleInitial: optionalText,
  insuredLastName: text,
  insuredSuffix: optionalText,
  secondInsuredFirstName: optionalText,
  secondInsuredMiddleInitial: optionalText,
  secondInsuredLastName: optionalText,
  secondInsuredSuffix: optionalText,
  emailAddress: text,
  addresses: z.array(PaceAddress).min(1),
  phoneNumbers: z.array(PacePhone),
  /** downPayment is the share paid up front (0.167 = 16.7 %), installments the count after it. */
  payPlan: z.object({ downPayment: numberish, installments: numberish }),
  isPaperless: boolish,
  isNonOwners: boolish,
  hasPriorCoverage: boolish,
  has131Lapse: boolish.nullish(),
  hasNoLapse: boolish.nullish(),
  hasGtr31Lapse: boolish.nullish(),
  previousCompany: optionalText,
  previousExpirationDate: optionalText,
  priorMonthsInsured: numberish.nullish(),
  priorBiLimit: optionalText,
  isEft: boolish.nullish(),
  isRecurringEft: boolish.nullish(),
  isGarageSameAsMailing: boolish,
  isHomeOwner: boolish,
  homeOwnerType: optionalText,
  isMultiCarHouseHold: boolish.nullish(),
  creditScore: numberish.nullish(),
  estimatedCreditScore: optionalText,
  rewriteReason: optionalText,
  renewalCount: numberish.nullish(),
  lengthOfResidency: optionalText,
  tortOption: optionalText,
  vehicles: z.array(PaceRateVehicle).nullish(),
  drivers: z.array(PaceRateDriver).min(1),
  limits: z.array(PaceLimit),
  flags: z.array(PaceFlag).nullish(),
});

/**
 * The rate answer. The seed documents no example of it; we answer with the
 * documented pieces it names elsewhere: the quote info fields, the rated
 * coverageLimits and writtenByCoverage, the chosen plan's installments
 * (quoteRateInstallmentObject) and every plan (payPlanResponseObject).
 */
export const PaceRateResponse = z.object({
  customerGuid: optionalText,
  policyNumber: z.string(),
  quoteNumber: optionalText,
  mgaName: optionalText,
  agencyCode: optionalText,
  ratedState: optionalText,
  status: z.string(),
  effectiveDate: z.string(),
  expirationDate: z.string(),
  quotedDate: optionalText,
  term: z.number().int(),
  written: z.number(),
  estimatedWritten: z.number().nullish(),
  downPayment: z.number().nullish(),
  estimatedMonthly: z.number().nullish(),
  coverageLimits: z.array(PaceCoverageLimit).nullish(),
  writtenByCoverage: z.array(PaceWrittenByCoverage).nullish(),
  installments: z.array(PaceRateInstallment).nullish(),
  allInstallmentOptions: z.array(PacePayPlanOption).nullish(),
});

export type PaceErrorBody = z.infer<typeof PaceErrorBody>;
export type PaceVinLookup = z.infer<typeof PaceVinLookup>;
export type PaceRatingCoverage = z.infer<typeof PaceRatingCoverage>;
export type PaceCoverageLimit = z.infer<typeof PaceCoverageLimit>;
export type PaceWrittenByCoverage = z.infer<typeof PaceWrittenByCoverage>;
export type PaceQuoteInfo = z.infer<typeof PaceQuoteInfo>;
export type PacePolicyInfo = z.infer<typeof PacePolicyInfo>;
export type PaceDriverSummary = z.infer<typeof PaceDriverSummary>;
export type PaceVehicleSummary = z.infer<typeof PaceVehicleSummary>;
export type PaceCoverages = z.infer<typeof PaceCoverages>;
export type PaceRateInstallment = z.infer<typeof PaceRateInstallment>;
export type PacePayPlanOption = z.infer<typeof PacePayPlanOption>;
/** What we send: the schema's input, so a mapper can only produce what the schema accepts. */
export type PaceRateRequest = z.input<typeof PaceRateRequest>;
/** What the sandbox rates: numbers and booleans normalised. */
export type PaceRateRequestParsed = z.output<typeof PaceRateRequest>;
export type PaceRateResponse = z.infer<typeof PaceRateResponse>;
