/**
 * Trellis's own bodies, in Trellis's spelling (seed: trellis-connect-api.txt).
 *
 * Leniency is deliberate and follows the seed: every property is documented
 * "Required: false", issuers often send null, and the seed's own examples send
 * numbers where the property tables say string (address `number`, `zip`,
 * `plus4`, vehicle `year`, `caseNumber`). Enumerated values stay plain strings,
 * because a value Trellis adds later must not turn a good answer into a
 * "malformed" error; map.ts decides what it understands.
 */
import { z } from 'zod';

/** Absent, null or present: how Trellis sends an optional property. */
const opt = <S extends z.ZodType>(schema: S) => schema.nullish();

/** A string property the seed's examples also send as a number; read as a string. */
const stringish = z.union([z.string(), z.number()]).transform(String);

const date = z.string();

export const TrellisAddress = z.object({
  number: opt(stringish),
  street: opt(z.string()),
  type: opt(z.string()),
  sec_unit_type: opt(z.string()),
  sec_unit_num: opt(stringish),
  city: opt(z.string()),
  state: opt(z.string()),
  zip: opt(stringish),
  plus4: opt(stringish),
  suffix: opt(z.string()),
  prefix: opt(z.string()),
});

export const TrellisName = z.object({
  firstName: opt(z.string()),
  middleName: opt(z.string()),
  lastName: opt(z.string()),
});

const BirthdayRange = z.object({ start: opt(date), end: opt(date) });

export const TrellisDiscount = z.object({
  name: opt(z.string()),
  discountCents: opt(z.number()),
  rawName: opt(z.string()),
});

/** One coverage of a PERSONAL_AUTO vehicle. */
export const TrellisAutoCoverage = z.object({
  name: opt(z.string()),
  premiumCents: opt(z.number()),
  isDeclined: opt(z.boolean()),
  perPersonLimitCents: opt(z.number()),
  perAccidentLimitCents: opt(z.number()),
  deductibleCents: opt(z.number()),
  glassDeductibleCents: opt(z.number()),
  perDayLimitCents: opt(z.number()),
  perMonthLimitCents: opt(z.number()),
  perWeekLimitCents: opt(z.number()),
});

/** One coverage of a HOMEOWNERS or RENTERS policy. */
export const TrellisPropertyCoverage = z.object({
  name: opt(z.string()),
  rawName: opt(z.string()),
  perOccurrenceLimitCents: opt(z.number()),
  perPersonLimitCents: opt(z.number()),
  maxMonthsLimit: opt(z.number()),
  premiumCents: opt(z.number()),
  isDeclined: opt(z.boolean()),
  deductibleCents: opt(z.number()),
  hurricaneDeductibleCents: opt(z.number()),
  windstormDeductibleCents: opt(z.number()),
  earthquakeDeductibleCents: opt(z.number()),
});

export const TrellisFinancialResponsibilityCase = z.object({
  type: opt(z.string()),
  state: opt(z.string()),
  caseNumber: opt(stringish),
});

export const TrellisOperator = z.object({
  name: opt(TrellisName),
  gender: opt(z.string()),
  maritalStatus: opt(z.string()),
  occupation: opt(z.string()),
  education: opt(z.string()),
  rawEducation: opt(z.string()),
  relationship: opt(z.string()),
  rawRelationship: opt(z.string()),
  birthday: opt(date),
  birthdayRange: opt(BirthdayRange),
  ageLicensed: opt(z.number()),
  ageLicensedInternationally: opt(z.number()),
  isPrimary: opt(z.boolean()),
  driversLicenseState: opt(z.string()),
  driversLicenseStatus: opt(z.string()),
  driversLicenseNumber: opt(z.string()),
  hasFullDriversLicenseNumber: opt(z.boolean()),
  email: opt(z.string()),
  experienceInYears: opt(z.number()),
  addressRaw: opt(z.string()),
  address: opt(TrellisAddress),
  financialResponsibilityCases: opt(z.array(TrellisFinancialResponsibilityCase)),
});

export const TrellisVehicle = z.object({
  year: opt(stringish),
  inStorage: opt(z.boolean()),
  isRideSharing: opt(z.boolean()),
  vin: opt(z.string()),
  make: opt(z.string()),
  model: opt(z.string()),
  type: opt(z.string()),
  annualMileage: opt(z.number()),
  driver: opt(TrellisName),
  use: opt(z.string()),
  garagingLocationRaw: opt(z.string()),
  garagingLocation: opt(TrellisAddress),
  discounts: opt(z.array(TrellisDiscount)),
  discountTotalCents: opt(z.number()),
  purchaseDate: opt(date),
  antiTheftDevices: opt(z.boolean()),
  bodyStyle: opt(z.string()),
  ownershipStatus: opt(z.string()),
  lienHolder: opt(z.string()),
  lienHolderAddress: opt(TrellisAddress),
  lienHolderAddressRaw: opt(z.string()),
  premiumCents: opt(z.number()),
  coverages: opt(z.array(TrellisAutoCoverage)),
});

export const TrellisHouseholdMember = z.object({
  name: opt(TrellisName),
  gender: opt(z.string()),
  relationship: opt(z.string()),
  birthday: opt(date),
  birthdayRange: opt(BirthdayRange),
  occupation: opt(z.string()),
});

export const TrellisProperty = z.object({
  purchaseDate: opt(date),
  squareFeet: opt(z.number()),
  usage: opt(z.string()),
  numberOfStories: opt(z.number()),
  dwellingType: opt(z.string()),
  yearBuilt: opt(z.number()),
  constructionType: opt(z.string()),
  foundationType: opt(z.string()),
  composition: opt(
    z.array(
      z.object({
        type: opt(z.string()),
        shape: opt(z.string()),
        descriptionRaw: opt(z.string()),
        materials: opt(z.array(z.string())),
        percentage: opt(z.number()),
      }),
    ),
  ),
  numberOfKitchens: opt(z.number()),
  numberOfBathrooms: opt(z.number()),
  numberOfFireplaces: opt(z.number()),
  garages: opt(z.array(z.object({ type: opt(z.string()), capacity: opt(z.number()) }))),
  distanceToFireHydrantInFeet: opt(z.number()),
  distanceToFireDepartmentInMiles: opt(z.number()),
  features: opt(
    z.object({
      hasBurglarAlarm: opt(z.boolean()),
      hasFireAlarm: opt(z.boolean()),
      hasSupplementalHeating: opt(z.boolean()),
    }),
  ),
  addressRaw: opt(z.string()),
  ageOfRoofInYears: opt(z.number()),
  address: opt(TrellisAddress),
});

export const TrellisIncident = z.object({
  id: opt(z.string()),
  driverNameRaw: opt(z.string()),
  driver: opt(z.number()),
  descriptionRaw: opt(z.string()),
  date: opt(date),
  state: opt(z.string()),
  atFault: opt(z.string()),
  paidAmountCents: opt(z.number()),
  liabilityMedicalPaidAmountCents: opt(z.number()),
  type: opt(z.string()),
  typeDetails: opt(z.string()),
});

export const TrellisDocument = z.object({ url: opt(z.string()), urlExpiration: opt(date), type: opt(z.string()) });

export const TrellisMortgage = z.object({
  type: opt(z.string()),
  loanNumber: opt(z.string()),
  lienHolder: opt(z.string()),
  lienHolderAddress: opt(TrellisAddress),
  lienHolderAddressRaw: opt(z.string()),
});

const TrellisPolicyHolder = z.object({
  name: opt(TrellisName),
  address: opt(TrellisAddress),
  phoneNumber: opt(z.string()),
  email: opt(z.string()),
  isHomeOwner: opt(z.boolean()),
  isMilitary: opt(z.boolean()),
  residenceStatus: opt(z.string()),
  tenureInYears: opt(z.number()),
});

/**
 * One policy. `coverages` holds PropertyCoverage items (HOMEOWNERS, RENTERS);
 * auto coverages live on each vehicle. PropertyCoverage is a superset of the
 * fields a policy-level coverage can carry, so one schema reads both.
 */
export const TrellisPolicy = z.object({
  id: opt(z.string()),
  issuer: opt(z.string()),
  policyNumber: opt(z.string()),
  policyType: opt(z.string()),
  policyHolder: opt(TrellisPolicyHolder),
  policyTermMonths: opt(z.number()),
  paymentScheduleMonths: opt(z.number()),
  numberOfPayments: opt(z.number()),
  /** Deprecated by Trellis in favour of effectiveDate; read only as a fallback. */
  issueDate: opt(date),
  /** Deprecated by Trellis in favour of expirationDate; read only as a fallback. */
  renewalDate: opt(date),
  effectiveDate: opt(date),
  expirationDate: opt(date),
  active: opt(z.boolean()),
  hasAtFaultAccident: opt(z.string()),
  hasAtFaultClaim: opt(z.string()),
  canceledDate: opt(date),
  dateRetrieved: opt(date),
  premiumCents: opt(z.number()),
  operators: opt(z.array(TrellisOperator)),
  vehicles: opt(z.array(TrellisVehicle)),
  discounts: opt(z.array(TrellisDiscount)),
  property: opt(TrellisProperty),
  coverages: opt(z.array(TrellisPropertyCoverage)),
  householdMembers: opt(z.array(TrellisHouseholdMember)),
  mortgages: opt(z.array(TrellisMortgage)),
  documents: opt(z.array(TrellisDocument)),
  incidents: opt(z.array(TrellisIncident)),
});

/** 200: the policies are ready. */
export const SuccessfulResponse = z.object({
  status: z.enum(['READY', 'NOT_READY']),
  issuerId: opt(z.string()),
  issuerName: opt(z.string()),
  policies: opt(z.array(TrellisPolicy)),
});

/** 202: still retrieving; poll again. */
export const AcceptedResponse = z.object({
  status: z.literal('NOT_READY'),
  issuerId: opt(z.string()),
  issuerName: opt(z.string()),
  message: opt(z.string()),
});

/** What GET /account/{connectionId}/policies answers with a 2xx: ready (200) or still retrieving (202). */
export const PoliciesAnswer = z.union([SuccessfulResponse, AcceptedResponse]);

export const ErrorDetails = z.object({
  errorType: z.string(),
  errorCode: opt(z.string()),
  errorMessage: opt(z.string()),
});

/** 404 (NO_POLICIES_FOUND or ACCOUNT_NOT_FOUND), and the shape the sandbox reuses for its other refusals. */
export const NotFoundResponse = z.object({
  status: opt(z.string()),
  issuerId: opt(z.string()),
  issuerName: opt(z.string()),
  message: opt(z.string()),
  error: opt(ErrorDetails),
});

/** Every documented error body: the 401/403 bare strings or a NotFoundResponse-like object. */
export const TrellisErrorBody = z.union([z.string(), NotFoundResponse]);

/**
 * Sandbox stand-in for the Trellis widget's login (POST /account). Production
 * connections are made by Trellis's own widget; the seed names POST /account
 * as where connection ids come from but does not document its body.
 */
export const SandboxLoginBody = z.object({
  issuerId: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
});

export const SandboxConnection = z.object({
  connectionId: z.string().min(1),
  temporaryAccessKey: z.string().min(1),
});

export type TrellisAddress = z.infer<typeof TrellisAddress>;
export type TrellisName = z.infer<typeof TrellisName>;
export type TrellisAutoCoverage = z.infer<typeof TrellisAutoCoverage>;
export type TrellisPropertyCoverage = z.infer<typeof TrellisPropertyCoverage>;
export type TrellisOperator = z.infer<typeof TrellisOperator>;
export type TrellisVehicle = z.infer<typeof TrellisVehicle>;
export type TrellisPolicy = z.infer<typeof TrellisPolicy>;
export type SuccessfulResponse = z.infer<typeof SuccessfulResponse>;
export type AcceptedResponse = z.infer<typeof AcceptedResponse>;
export type PoliciesAnswer = z.infer<typeof PoliciesAnswer>;
export type NotFoundResponse = z.infer<typeof NotFoundResponse>;
export type SandboxLoginBody = z.infer<typeof SandboxLoginBody>;
export type SandboxConnection = z.infer<typeof SandboxConnection>;
