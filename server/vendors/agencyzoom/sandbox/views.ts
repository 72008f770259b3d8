/**
 * Stored leads and quotes as AgencyZoom answers them: every field of the
 * documented samples, names filled in from the agency's lookups, `null` where
 * the sandbox holds no value.
 */
import type { LeadDetails, LeadQuote } from '../schemas.ts';
import { CARRIERS, EMPLOYEES, LEAD_SOURCES, PIPELINES, PRODUCT_LINES, resolve } from './agency.ts';
import type { StoredLead, StoredQuote } from './store.ts';

/** "2019-01-01", as the samples spell dates. */
export const dateOf = (at: Date) => at.toISOString().slice(0, 10);
/** "2019-01-01 10:12:30", as the samples spell timestamps. */
const timestampOf = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');

export function quoteView(quote: StoredQuote): LeadQuote {
  const carrier = resolve(CARRIERS, quote.carrierId, quote.standardCarrierCode, (c) => c.standardCarrierCode);
  const line = resolve(PRODUCT_LINES, quote.productLineId, quote.standardProductLineCode, (p) => p.standardProductLineCode);
  return {
    id: quote.id,
    carrierId: carrier?.id ?? quote.carrierId ?? null,
    standardCarrierCode: carrier?.standardCarrierCode ?? quote.standardCarrierCode ?? null,
    productLineId: line?.id ?? quote.productLineId ?? null,
    standardProductLineCode: line?.standardProductLineCode ?? quote.standardProductLineCode ?? null,
    status: 0,
    premium: quote.premium,
    items: quote.items,
    customFields: quote.customFields ?? [],
    propertyAddress: [],
    sold: false,
    carrierName: carrier?.name ?? null,
    productName: line?.name ?? null,
    potentialRevenue: 0,
    effectiveDate: null,
  };
}

export function leadView(lead: StoredLead): LeadDetails {
  const pipeline = PIPELINES.find((p) => String(p.id) === String(lead.pipelineId));
  const stage = pipeline?.stages.find((s) => String(s.id) === String(lead.stageId));
  const source = LEAD_SOURCES.find((s) => s.id === lead.leadSourceId);
  const producer = EMPLOYEES.find((e) => e.id === lead.assignTo);
  const csr = EMPLOYEES.find((e) => e.id === lead.csrId);
  const quotes = lead.quotes.map(quoteView);
  const totalQuotePremium = lead.quotes.reduce((sum, q) => sum + q.premium, 0);
  return {
    id: lead.id,
    firstname: lead.firstname,
    middlename: lead.middlename ?? null,
    lastname: lead.lastname ?? null,
    leadType: 'Personal',
    email: lead.email,
    phone: lead.phone ?? null,
    secondaryEmail: lead.secondaryEmail ?? null,
    secondaryPhone: lead.secondaryPhone ?? null,
    streetAddress: lead.streetAddress ?? null,
    city: lead.city ?? null,
    state: lead.state ?? null,
    country: lead.country,
    zip: lead.zip ?? null,
    comments: lead.notes ?? null,
    status: lead.status,
    contactDate: lead.contactDate ?? null,
    soldDate: lead.soldDate ?? null,
    leadSourceId: lead.leadSourceId,
    leadSourceName: source?.name ?? null,
    xDate: lead.xDate ?? null,
    quoteDate: lead.quoteDate ?? null,
    createDate: dateOf(lead.createdAt),
    premium: totalQuotePremium,
    quoted: lead.quotes.length,
    assignedTo: lead.assignTo,
    assignToFirstname: producer?.firstname ?? null,
    assignToLastname: producer?.lastname ?? null,
    csrId: lead.csrId ?? null,
    csrFirstname: csr?.firstname ?? null,
    csrLastname: csr?.lastname ?? null,
    creditToFirstname: producer?.firstname ?? null,
    creditToLastname: producer?.lastname ?? null,
    taskCount: 0,
    contactFirstName: lead.firstname,
    contactLastName: lead.lastname ?? null,
    locationCode: lead.agencyNumber ?? null,
    locationName: null,
    departmentCode: lead.departmentCode ?? null,
    departmentName: null,
    groupCode: lead.groupCode ?? null,
    groupName: null,
    workflowId: lead.pipelineId,
    workflowName: pipeline?.name ?? null,
    workflowStageId: lead.stageId,
    workflowStageName: stage?.name ?? null,
    lastActivityDate: timestampOf(lead.lastActivityAt),
    enterStageDate: timestampOf(lead.enterStageAt),
    tagNames: lead.tagNames
      ? lead.tagNames
          .split(';')
          .map((t) => t.trim())
          .filter(Boolean)
      : [],
    convertedHouseholdId: null,
    nextExpirationDate: lead.nextExpirationDate ?? null,
    externalSystem: null,
    externalId: null,
    customFields: lead.customFields ?? [],
    opportunities: [],
    otherProducers: (lead.otherProducers ?? []).map((id) => ({ id })),
    quotes,
    totalOpportunityPremium: 0,
    totalQuotePremium,
    totalPolicyPremium: 0,
    lossReason: null,
    xDateType: null,
    birthday: lead.birthday ?? null,
    nickname: lead.nickname ?? null,
    maritalStatus: lead.maritalStatus === undefined ? null : String(lead.maritalStatus),
    fein: null,
    contactMiddleName: lead.middlename ?? null,
    businessEntity: null,
    businessClassification: null,
    businessClassificationId: null,
    businessClassificationCode: null,
    yearBusinessStarted: null,
    numberOfEmployees: null,
    annualRevenue: null,
    payroll: null,
  };
}
