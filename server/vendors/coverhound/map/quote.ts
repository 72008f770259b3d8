/**
 * One CoverHound carrier answer → the canonical Quote fields the shopper sees
 * (everything but the `id` and `vendor` the quote service assigns). CoverHound
 * reports a refusal to write the risk and a failure of its own in the same
 * `error` text; its refusals read "<carrier> does not wish to quote…", which
 * is how the two are told apart. The text itself is the dealer's to read
 * (`vendorMessage`): the shopper gets a message code, worded in their language.
 */
import { type LinkMode, vendorLinkOrNothing } from '../../../../contract/links.ts';
import type { PayPlan, Quote } from '../../../../contract/quote.ts';
import { VendorError } from '../../shared/errors.ts';
import { CARRIER_NAMES, isCarrierCode } from '../carriers.ts';
import { dollarsToCents } from '../money.ts';
import type { CoverHoundCarrierQuote, CoverHoundPayPlan, CoverHoundQuoteResponse } from '../schemas.ts';
import { COVERHOUND } from '../vendor.ts';

export type CoverHoundQuoteFields = Omit<Quote, 'id' | 'vendor'>;

/** What every carrier of one answer shares: where the shopper goes to buy. */
export type CoverHoundPurchase = Pick<CoverHoundQuoteResponse, 'purchaseUrl' | 'purchasePhone'>;

const DECLINED = /does not wish to (quote|write)/i;

/** `links`: the server's mode, which says which purchase links may reach the shopper (contract/links.ts). */
export function toQuoteFields(quote: CoverHoundCarrierQuote, purchase: CoverHoundPurchase, links: LinkMode): CoverHoundQuoteFields {
  const carrier = { carrierCode: quote.carrierCode, carrierName: quote.carrierName };
  // A synchronous answer carries no status: an error text or pay plans say how it went.
  const status = quote.status ?? (quote.error !== undefined ? 'error' : quote.payPlans ? 'complete' : 'started');
  if (status === 'started') return { ...carrier, status: 'pending' };
  if (status === 'error' || quote.error !== undefined) {
    // The carrier's own words go to the dealer; the shopper is told by code.
    const text = quote.error?.trim() || `${quote.carrierName} could not provide a quote right now`;
    return DECLINED.test(text)
      ? { ...carrier, status: 'declined', messageCode: 'declined_for_profile', vendorMessage: text }
      : { ...carrier, status: 'error', messageCode: 'temporarily_unavailable', vendorMessage: text };
  }
  const plans = quote.payPlans ?? [];
  if (plans.length === 0) {
    return {
      ...carrier,
      status: 'error',
      messageCode: 'temporarily_unavailable',
      vendorMessage: `${quote.carrierName} answered without a price`,
    };
  }
  return {
    ...carrier,
    status: 'complete',
    termMonths: plans[0]?.termLength,
    payPlans: plans.map(toPayPlan),
    // A link the rule refuses is left out: the shopper still has the phone number and the dealer.
    purchaseUrl: purchase.purchaseUrl ? vendorLinkOrNothing(purchase.purchaseUrl, links) : undefined,
    purchasePhone: purchase.purchasePhone ? e164(purchase.purchasePhone) : undefined,
  };
}

/**
 * The fields of every carrier asked, in the order asked: a carrier the answer
 * does not mention yet is pending (while polling, CoverHound adds quotes as
 * they complete). Carriers the answer adds unasked come after.
 */
export function quoteFieldsFor(
  answer: CoverHoundQuoteResponse,
  carriersAsked: readonly string[],
  links: LinkMode,
): CoverHoundQuoteFields[] {
  const byCode = new Map(answer.quotes.map((quote) => [quote.carrierCode, quote]));
  const asked = carriersAsked.map((code) => {
    const quote = byCode.get(code);
    if (quote) return toQuoteFields(quote, answer, links);
    return { carrierCode: code, carrierName: isCarrierCode(code) ? CARRIER_NAMES[code] : code, status: 'pending' as const };
  });
  const unasked = answer.quotes.filter((quote) => !carriersAsked.includes(quote.carrierCode));
  return [...asked, ...unasked.map((quote) => toQuoteFields(quote, answer, links))];
}

/** True once no carrier of the answer is still working. */
export const allSettled = (fields: readonly CoverHoundQuoteFields[]) => fields.every((q) => q.status !== 'pending');

function toPayPlan(plan: CoverHoundPayPlan): PayPlan {
  return {
    name: plan.payPlanName,
    downPaymentCents: cents(plan.downPayment),
    installmentCents: cents(plan.installment),
    installments: plan.numInstallments,
    totalPremiumCents: cents(plan.totalPremium),
  };
}

function cents(amount: string | number): number {
  const value = dollarsToCents(amount);
  // The response schema admits only amounts, so this is a contract breach, reported as one.
  if (value === undefined) throw new VendorError(COVERHOUND, 'malformed', 'answered a pay plan amount that is not a number');
  return value;
}

/** CoverHound's 10-digit US number ("8556419932") in our E.164 spelling; anything else is kept as sent. */
function e164(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return phone;
}
