/**
 * AgencyZoom's own request and response bodies, in its spelling (seed:
 * agencyzoom-api.txt). Requests are what the sandbox validates and the client
 * sends; responses are what the client parses every answer with.
 *
 * Responses are lenient about absent values (`nullish`): the seed prints every
 * field of a sample but never says which may be missing, and a CRM record with
 * no middle name must not become a "malformed answer". Keys we rely on (ids)
 * stay required.
 */
import { z } from 'zod';

const integer = z.number().int();
const optionalText = z.string().optional();
const maybe = <T extends z.ZodType>(schema: T) => schema.nullish();

/** The seed never defines CustomField beyond "object" (its samples show `{}`). */
const CustomField = z.record(z.string(), z.unknown());

// ─── Authentication ─────────────────────────────────────────────────────────

export const LoginRequest = z.object({
  /** The user's email. */
  username: z.string().min(1),
  password: z.string().min(1),
  version: optionalText,
});

export const LoginResponse = z.object({
  jwt: z.string().min(1),
  ownerAgent: maybe(z.boolean()),
});

/**
 * The confirmation every write answers with: `id` is the new record's id.
 * The seed shows error answers only as "400 Invalid request parameter(s)" /
 * "500 Internal processing error" tabs without bodies, so the sandbox answers
 * errors in this same shape with `result: false` and the documented text as
 * `message`; the client reads `message` from any error body that has one.
 */
export const Confirmation = z.object({
  message: maybe(z.string()),
  id: maybe(integer),
  result: maybe(z.boolean()),
});

export const ErrorBody = z.object({ message: z.string() });

// ─── Leads ──────────────────────────────────────────────────────────────────

/** POST /v1/api/leads/create: "Create a personal lead". Required fields as the seed marks them. */
export const LeadCreateRequest = z.object({
  firstname: z.string().min(1),
  lastname: optionalText,
  email: z.string().min(1),
  phone: optionalText,
  secondaryEmail: optionalText,
  secondaryPhone: optionalText,
  notes: optionalText,
  pipelineId: integer,
  stageId: integer,
  contactDate: optionalText,
  soldDate: optionalText,
  leadSourceId: integer,
  assignmentGroupId: integer.optional(),
  /** The current policy's expiration ("X-date"); the seed's sample spells it 2019-01-01. */
  xDate: optionalText,
  quoteDate: optionalText,
  /** Producer/agent id (GET /v1/api/employees). */
  assignTo: integer,
  csrId: integer.optional(),
  streetAddress: optionalText,
  streetAddressLine2: optionalText,
  city: optionalText,
  state: optionalText,
  country: z.string().min(1),
  zip: optionalText,
  agencyNumber: optionalText,
  departmentCode: optionalText,
  groupCode: optionalText,
  customFields: z.array(CustomField).optional(),
  /** The seed says "mm/dd/yy" here and MM/dd/YYYY for customers; the sandbox accepts both. */
  birthday: optionalText,
  nickname: optionalText,
  /** An integer code whose values the seed does not list. */
  maritalStatus: integer.optional(),
  /** Several tags separated by ';'. */
  tagNames: optionalText,
  middlename: optionalText,
  nextExpirationDate: optionalText,
  otherProducers: z.array(integer).optional(),
  otherCsrs: z.array(integer).optional(),
});

/** Lead status codes, as documented for lead search. */
export const LEAD_STATUS = { NEW: 0, QUOTED: 1, WON: 2, LOST: 3, CONTACTED: 4, EXPIRED: 5 } as const;

export const LEAD_SORTS = ['firstname', 'lastname', 'lastEnterStageDate', 'lastActivityDate'] as const;

/** POST /v1/api/leads/list. Every filter is optional. */
export const LeadSearchRequest = z.object({
  pageSize: integer.min(1).max(100).optional(),
  page: integer.min(0).optional(),
  /** "not in enum, or empty, default value is lastEnterStageDate": any string is accepted. */
  sort: optionalText,
  order: z.enum(['asc', 'desc']).optional(),
  location: optionalText,
  id: integer.optional(),
  assignedTo: integer.optional(),
  creator: integer.optional(),
  /** 0 NEW, 1 QUOTED, 2 WON, 3 LOST, 4 CONTACTED, 5 EXPIRED. */
  status: integer.min(0).max(5).optional(),
  leadSourceId: integer.optional(),
  customerName: optionalText,
  customerEmail: optionalText,
  customerPhone: optionalText,
  /** Documented as strings, sampled as numbers (`[2834]`): both are accepted. */
  customerPhoneList: z.array(z.union([z.string(), z.number()])).optional(),
  startDate: optionalText,
  endDate: optionalText,
  soldPeriod: optionalText,
  workflowId: integer.optional(),
  /** Stage ids separated by '/', e.g. stg2/stg3. */
  workflowStageId: optionalText,
  lastActivityEarliestDate: optionalText,
  lastActivityLatestDate: optionalText,
});

export const LeadQuote = z.object({
  id: integer,
  carrierId: maybe(integer),
  standardCarrierCode: maybe(z.string()),
  productLineId: maybe(integer),
  standardProductLineCode: maybe(z.string()),
  status: maybe(integer),
  /** Whole dollars (see map.ts: the seed marks every amount in cents as such, and not this one). */
  premium: maybe(z.number()),
  items: maybe(integer),
  customFields: maybe(z.array(z.unknown())),
  propertyAddress: maybe(z.array(z.unknown())),
  sold: maybe(z.boolean()),
  carrierName: maybe(z.string()),
  productName: maybe(z.string()),
  potentialRevenue: maybe(z.number()),
  effectiveDate: maybe(z.string()),
});

/** POST /v1/api/leads/{leadId}/quotes. */
export const LeadQuoteCreateRequest = z
  .object({
    carrierId: integer.optional(),
    productLineId: integer.optional(),
    items: integer.min(0),
    premium: integer.min(0),
    customFields: z.array(CustomField).optional(),
    standardProductLineCode: optionalText,
    standardCarrierCode: optionalText,
  })
  .superRefine((quote, ctx) => {
    // "The ID of the carrier. Optional if standardCarrierCode is provided." (and the same for product lines)
    if (quote.carrierId === undefined && !quote.standardCarrierCode) {
      ctx.addIssue({ code: 'custom', path: ['carrierId'], message: 'carrierId is required unless standardCarrierCode is provided' });
    }
    if (quote.productLineId === undefined && !quote.standardProductLineCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['productLineId'],
        message: 'productLineId is required unless standardProductLineCode is provided',
      });
    }
  });

/** GET /v1/api/leads/{leadId}: "Lead Detailed Information". */
export const LeadDetails = z.object({
  id: integer,
  firstname: maybe(z.string()),
  middlename: maybe(z.string()),
  lastname: maybe(z.string()),
  leadType: maybe(z.string()),
  email: maybe(z.string()),
  phone: maybe(z.string()),
  secondaryEmail: maybe(z.string()),
  secondaryPhone: maybe(z.string()),
  streetAddress: maybe(z.string()),
  city: maybe(z.string()),
  state: maybe(z.string()),
  country: maybe(z.string()),
  zip: maybe(z.string()),
  comments: maybe(z.string()),
  status: maybe(integer),
  contactDate: maybe(z.string()),
  soldDate: maybe(z.string()),
  leadSourceId: maybe(integer),
  leadSourceName: maybe(z.string()),
  xDate: maybe(z.string()),
  quoteDate: maybe(z.string()),
  createDate: maybe(z.string()),
  premium: maybe(z.number()),
  quoted: maybe(z.number()),
  assignedTo: maybe(integer),
  assignToFirstname: maybe(z.string()),
  assignToLastname: maybe(z.string()),
  csrId: maybe(integer),
  csrFirstname: maybe(z.string()),
  csrLastname: maybe(z.string()),
  creditToFirstname: maybe(z.string()),
  creditToLastname: maybe(z.string()),
  taskCount: maybe(integer),
  contactFirstName: maybe(z.string()),
  contactLastName: maybe(z.string()),
  locationCode: maybe(z.string()),
  locationName: maybe(z.string()),
  departmentCode: maybe(z.string()),
  departmentName: maybe(z.string()),
  groupCode: maybe(z.string()),
  groupName: maybe(z.string()),
  workflowId: maybe(integer),
  workflowName: maybe(z.string()),
  workflowStageId: maybe(integer),
  workflowStageName: maybe(z.string()),
  lastActivityDate: maybe(z.string()),
  enterStageDate: maybe(z.string()),
  tagNames: maybe(z.array(z.union([z.string(), z.number()]))),
  convertedHouseholdId: maybe(integer),
  nextExpirationDate: maybe(z.string()),
  externalSystem: maybe(z.string()),
  externalId: maybe(z.string()),
  customFields: maybe(z.array(z.unknown())),
  opportunities: maybe(z.array(z.unknown())),
  otherProducers: maybe(z.array(z.unknown())),
  quotes: maybe(z.array(z.unknown())),
  totalOpportunityPremium: maybe(z.number()),
  totalQuotePremium: maybe(z.number()),
  totalPolicyPremium: maybe(z.number()),
  lossReason: maybe(z.string()),
  xDateType: maybe(z.string()),
  birthday: maybe(z.string()),
  nickname: maybe(z.string()),
  /** A string here, an integer code on create: the seed spells it both ways. */
  maritalStatus: maybe(z.union([z.string(), z.number()])),
  fein: maybe(z.string()),
  contactMiddleName: maybe(z.string()),
  businessEntity: maybe(z.string()),
  businessClassification: maybe(z.string()),
  businessClassificationId: maybe(integer),
  businessClassificationCode: maybe(z.string()),
  yearBusinessStarted: maybe(integer),
  numberOfEmployees: maybe(integer),
  annualRevenue: maybe(z.number()),
  payroll: maybe(z.number()),
});

/** A lead in search results: the seed's sample is `{}`, so nothing in it can be required. */
const LeadSummary = LeadDetails.partial();

export const LeadSearchResponse = z.object({
  totalCount: integer,
  page: integer,
  pageSize: integer,
  leads: z.array(LeadSummary),
  quoteAmount: maybe(z.number()),
});

// ─── Lookups ────────────────────────────────────────────────────────────────

/** Pipeline and stage ids are strings in the sample ("1") and integers on lead create. */
const lookupId = z.union([z.string().min(1), integer]);

/** Stages are sampled as `[]`; the sandbox spells them like the documented end stages. */
export const Stage = z.looseObject({
  id: lookupId,
  name: maybe(z.string()),
  seq: maybe(z.number()),
  status: maybe(z.number()),
});

export const Pipeline = z.object({
  id: lookupId,
  name: z.string(),
  type: maybe(z.string()),
  seq: maybe(z.number()),
  status: maybe(z.number()),
  stages: z.array(Stage),
});

export const LeadSource = z.object({
  id: integer,
  name: z.string(),
  excludeAsSales: maybe(z.boolean()),
  categoryId: maybe(integer),
});

export const Employee = z.object({
  id: integer,
  firstname: maybe(z.string()),
  lastname: maybe(z.string()),
  email: maybe(z.string()),
  phone: maybe(z.string()),
  isProducer: maybe(z.boolean()),
  isActive: maybe(z.boolean()),
  isOwner: maybe(z.boolean()),
  userId: maybe(integer),
  avatar: maybe(z.string()),
  externalSystem: maybe(z.string()),
  externalIds: maybe(z.array(z.unknown())),
});

export const Carrier = z.object({
  id: integer,
  name: z.string(),
  standardCarrierCode: maybe(z.string()),
});

export const ProductLine = z.object({
  id: integer,
  name: z.string(),
  productCategoryId: maybe(integer),
  standardProductLineCode: maybe(z.string()),
});

export const Pipelines = z.array(Pipeline);
export const LeadSources = z.array(LeadSource);
export const Employees = z.array(Employee);
export const Carriers = z.array(Carrier);
export const ProductLines = z.array(ProductLine);
export const LeadQuotes = z.array(LeadQuote);

export type LoginRequest = z.input<typeof LoginRequest>;
export type LoginResponse = z.output<typeof LoginResponse>;
export type Confirmation = z.output<typeof Confirmation>;
export type LeadCreateRequest = z.input<typeof LeadCreateRequest>;
export type LeadSearchRequest = z.input<typeof LeadSearchRequest>;
export type LeadQuoteCreateRequest = z.input<typeof LeadQuoteCreateRequest>;
export type LeadQuote = z.output<typeof LeadQuote>;
export type LeadDetails = z.output<typeof LeadDetails>;
export type LeadSearchResponse = z.output<typeof LeadSearchResponse>;
export type Stage = z.output<typeof Stage>;
export type Pipeline = z.output<typeof Pipeline>;
export type LeadSource = z.output<typeof LeadSource>;
export type Employee = z.output<typeof Employee>;
export type Carrier = z.output<typeof Carrier>;
export type ProductLine = z.output<typeof ProductLine>;
