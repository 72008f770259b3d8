/**
 * Every quote as it is recorded: a priced one carries its like-for-like price
 * (all amounts for one term), and a declined or failed one carries a message
 * code the widget words in the shopper's language, plain English words for
 * API readers, and the insurer's or our own text kept apart for the dealer.
 * Vendors say what happened (a code and their own words); a quote that comes
 * without a code (a run that failed or ran out of time) gets the one its
 * status implies.
 */
import type { PayPlan, Quote, QuoteMessageCode, QuotePrice } from '../../contract/index.ts';

const ENGLISH: Record<QuoteMessageCode, (carrier: string) => string> = {
  declined_for_profile: (carrier) => `${carrier} does not offer a quote for these details.`,
  temporarily_unavailable: (carrier) => `${carrier} could not give a quote right now. Try again later.`,
  needs_information: (carrier) => `${carrier} needs a few more answers to give a quote.`,
};

/**
 * The least to pay for the term, the least to put down, and the monthly plan
 * (the one with the most installments) for a shopper who pays by the month.
 */
function priceOf(termMonths: number | undefined, plans: readonly PayPlan[] | undefined): QuotePrice | undefined {
  if (!termMonths || !plans || plans.length === 0) return undefined;
  const monthly = plans
    .filter((p) => p.installments > 0 && p.installmentCents > 0)
    .sort((a, b) => b.installments - a.installments || a.totalPremiumCents - b.totalPremiumCents)[0];
  return {
    termMonths,
    totalCents: Math.min(...plans.map((p) => p.totalPremiumCents)),
    downPaymentCents: Math.min(...plans.map((p) => p.downPaymentCents)),
    ...(monthly
      ? { monthlyCents: monthly.installmentCents, installments: monthly.installments, monthlyTotalCents: monthly.totalPremiumCents }
      : {}),
  };
}

export function forShopper(quote: Quote): Quote {
  if (quote.status === 'pending') return quote;
  if (quote.status === 'complete') {
    const price = priceOf(quote.termMonths, quote.payPlans);
    return price ? { ...quote, price } : quote;
  }
  const messageCode = quote.messageCode ?? (quote.status === 'declined' ? 'declined_for_profile' : 'temporarily_unavailable');
  // A message without a vendor message is ours or the vendor's own words (a run that timed out): the dealer's to read.
  const vendorMessage = quote.vendorMessage ?? quote.message;
  return {
    ...quote,
    messageCode,
    message: ENGLISH[messageCode](quote.carrierName),
    ...(vendorMessage ? { vendorMessage } : {}),
  };
}
