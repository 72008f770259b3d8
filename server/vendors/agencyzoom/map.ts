/**
 * Our canonical model → AgencyZoom's lead and lead quote. AgencyZoom is the
 * agency's CRM: it gets the shopper as a personal lead and the quote they
 * picked as a lead quote. Dates, phone spelling and dollars vs cents are
 * converted here and nowhere else.
 */
import type { ConsentRecord, Quote, QuoteRequestBody } from '../../../contract/index.ts';
import { UnmappableError } from '../shared/errors.ts';
import { describeApplicant } from './lead-notes.ts';
import type { LeadRefs } from './refs.ts';
import type { LeadCreateRequest, LeadQuoteCreateRequest } from './schemas.ts';
import { VENDOR } from './vendor.ts';

/**
 * AgencyZoom's "standard code" for the personal auto product line: the ACORD
 * line-of-business code, which the sandbox's product lines use. Sent instead of
 * an agency-specific productLineId, as the seed allows.
 */
const PERSONAL_AUTO_LINE = 'AUTOP';

/** Our address model is US-only (`state` is a US state), so the country is never a guess. */
const COUNTRY = 'US';

/** `reference`: the submission's, written into the notes so the lead can be found by it. */
export function toAgencyZoomLead(
  applicant: QuoteRequestBody,
  refs: LeadRefs,
  { consent, reference }: { consent?: ConsentRecord; reference?: string } = {},
): LeadCreateRequest {
  const primary = applicant.drivers[0];
  if (!primary) throw new UnmappableError(VENDOR, 'drivers', 'AgencyZoom needs the applicant: add the first driver');
  const { contact, address } = applicant;
  return {
    firstname: primary.firstName,
    middlename: primary.middleName,
    lastname: primary.lastName,
    email: contact.email,
    phone: toAgencyZoomPhone(contact.phone),
    streetAddress: address.line1,
    streetAddressLine2: address.line2,
    city: address.city,
    state: address.state,
    zip: address.postalCode,
    country: COUNTRY,
    birthday: toAgencyZoomDate(primary.dateOfBirth),
    // The X-date is when the shopper's current policy runs out: the date an agency works a lead towards.
    xDate: applicant.priorInsurance?.expirationDate,
    notes: describeApplicant(applicant, consent, reference),
    // maritalStatus is left out on purpose: AgencyZoom takes an integer code whose values the seed never lists.
    pipelineId: refs.pipelineId,
    stageId: refs.stageId,
    leadSourceId: refs.leadSourceId,
    assignTo: refs.assignTo,
  };
}

/**
 * The quote the shopper picked, as a lead quote. `items` is AgencyZoom's count
 * of insured items (documented default 1); pass the number of vehicles when
 * the agency counts auto items per vehicle.
 */
export function toAgencyZoomLeadQuote(quote: Quote, options: { items?: number } = {}): LeadQuoteCreateRequest {
  if (quote.status !== 'complete') {
    const why = quote.message ? `: ${quote.message}` : '';
    throw new UnmappableError(
      VENDOR,
      'status',
      `AgencyZoom records priced quotes only; the ${quote.carrierName} quote is ${quote.status}${why}`,
    );
  }
  const totals = (quote.payPlans ?? []).map((plan) => plan.totalPremiumCents);
  if (totals.length === 0) {
    throw new UnmappableError(VENDOR, 'payPlans', `AgencyZoom needs a premium and the ${quote.carrierName} quote has no pay plan`);
  }
  return {
    standardCarrierCode: quote.carrierCode,
    standardProductLineCode: PERSONAL_AUTO_LINE,
    items: options.items ?? 1,
    // The term premium: plans differ only by installment fees, so the lowest total is the premium itself.
    premium: toAgencyZoomPremium(Math.min(...totals)),
  };
}

/**
 * Lead quote premiums are whole dollars: every amount in cents is marked "in
 * cents" in the seed (policy premium, broker fee, premium change) and this one
 * is not, and its sample (300) reads as dollars. AgencyZoom takes integers, so
 * cents round to the nearest dollar.
 */
export function toAgencyZoomPremium(cents: number): number {
  return Math.round(cents / 100);
}

/**
 * North American numbers in the seed's own spelling, "(123) 456-7890" (its lead
 * search sample), so AgencyZoom's prefix phone search finds them. Any other
 * country's number stays in E.164: the field is free text and reformatting it
 * would be a guess.
 */
export function toAgencyZoomPhone(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}

/**
 * YYYY-MM-DD → MM/dd/yyyy. The lead docs say "mm/dd/yy" for the birthday but
 * the customer docs MM/dd/YYYY ("12/31/1990"); a two-digit year would make a
 * 1925 birthday read as 2025, so the four-digit spelling is sent.
 */
export function toAgencyZoomDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${month}/${day}/${year}`;
}
