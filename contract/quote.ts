/** Quotes as the shopper sees them, whichever vendor and carrier they came from. */
import { z } from 'zod';
import { Coverage } from './applicant.ts';
import { BrowserLink } from './links.ts';
import { cents, text } from './primitives.ts';

/** The quoting vendors the server fans out to. */
const QUOTE_VENDORS = ['coverhound', 'pace'] as const;
export const QuoteVendor = z.enum(QUOTE_VENDORS);

const QUOTE_STATUSES = ['pending', 'complete', 'declined', 'error'] as const;

export const PayPlan = z
  .object({
    name: text('Pay plan name', 80),
    downPaymentCents: cents('Down payment'),
    installmentCents: cents('Installment'),
    installments: z.number().int().min(0),
    totalPremiumCents: cents('Total premium'),
  })
  .meta({ id: 'PayPlan' });

/**
 * Why a carrier gave no price, as one of a few codes a shopper understands;
 * the widget words each in the shopper's language. The insurer's own text is
 * kept apart (`vendorMessage`) for the dealer.
 */
const QUOTE_MESSAGE_CODES = [
  /** The carrier does not offer cover for this profile (a state it does not write, a risk outside its appetite). */
  'declined_for_profile',
  /** The carrier failed, timed out or is down: asking again later may work. */
  'temporarily_unavailable',
  /** The carrier needs an answer the shopper has not given: `neededFields` says which. */
  'needs_information',
] as const;
export const QuoteMessageCode = z.enum(QUOTE_MESSAGE_CODES);

/**
 * A priced quote summed up for a like-for-like comparison: every amount is
 * for the same term, `termMonths`, which the shopper is shown beside the price.
 */
export const QuotePrice = z
  .object({
    termMonths: z.number().int().positive(),
    /** The least the shopper can pay for the whole term (paying in full, where offered). */
    totalCents: cents('Total'),
    /** The least paid up front: the monthly plan's down payment, or the total when only paying in full is offered. */
    downPaymentCents: cents('Down payment'),
    /** Paying by the month: the regular installment, how many follow the down payment, and what it comes to over the term. */
    monthlyCents: cents('Monthly installment').optional(),
    installments: z.number().int().positive().optional(),
    monthlyTotalCents: cents('Total paying monthly').optional(),
  })
  .meta({ id: 'QuotePrice' });

export const Quote = z
  .object({
    id: z.string(),
    vendor: QuoteVendor,
    carrierCode: z.string(),
    carrierName: z.string(),
    status: z.enum(QUOTE_STATUSES),
    /** Why a quote is declined or in error (declined and error quotes), as a code the widget words in the shopper's language. */
    messageCode: QuoteMessageCode.optional(),
    /** With `needs_information`: the applicant fields the carrier needs answered, as paths (`drivers.0.occupation`). */
    neededFields: z.array(z.string()).optional(),
    /** `messageCode` in plain English words for a shopper. */
    message: z.string().optional(),
    /** The insurer's (or vendor's) own words about a declined or failed quote: for the dealer, never shown to the shopper. */
    vendorMessage: z.string().optional(),
    termMonths: z.number().int().positive().optional(),
    payPlans: z.array(PayPlan).optional(),
    /** Priced quotes: the amounts to compare offers by, all for the same term. */
    price: QuotePrice.optional(),
    /** Priced quotes: the coverage the price was rated for. */
    coverage: Coverage.optional(),
    /** Where the shopper buys from the insurer: https: (http: in sandbox mode), checked by the one link rule (links.ts). */
    purchaseUrl: BrowserLink.optional(),
    purchasePhone: z.string().optional(),
  })
  .meta({ id: 'Quote' });

const VENDOR_RUN_STATUSES = ['pending', 'complete', 'error'] as const;

/** How far one vendor has got with a quote request. */
export const VendorRun = z
  .object({
    vendor: QuoteVendor,
    status: z.enum(VENDOR_RUN_STATUSES),
    /** How many carriers this vendor was asked: known from the start, so "3 of 14 answered" is right from the first answer. */
    carriersAsked: z.number().int().min(0),
    message: z.string().optional(),
  })
  .meta({ id: 'VendorRun' });

/**
 * A quoting vendor that cannot quote the applicant as sent: the answers it
 * still needs (GET /v1/quote-requirements lists each vendor's rules), by path.
 * Its carriers will answer `needs_information`; ask again with these answered.
 */
export const VendorMissing = z
  .object({
    vendor: QuoteVendor,
    fields: z.array(z.object({ path: z.string(), reason: z.string() })).min(1),
  })
  .meta({ id: 'VendorMissing' });

const QuoteRequestProgress = z.object({
  id: z.string(),
  status: z.enum(['pending', 'complete']),
  vendors: z.array(VendorRun),
});

export const QuoteRequestAccepted = QuoteRequestProgress.extend({
  /** Each vendor that lacks answers it needs for this applicant, with their paths; empty when every vendor has what it needs. */
  missing: z.array(VendorMissing),
}).meta({ id: 'QuoteRequestAccepted' });

export const QuoteRequestState = QuoteRequestProgress.extend({
  quotes: z.array(Quote),
  createdAt: z.iso.datetime(),
  /** When the server stops waiting for vendors that have not answered. */
  deadlineAt: z.iso.datetime(),
}).meta({ id: 'QuoteRequestState' });

/** Server-Sent Events of `GET /v1/quote-requests/{id}/stream`, by event name. */
export const QuoteStreamEvents = {
  quote: Quote,
  done: z.object({ id: z.string(), status: z.literal('complete'), quoteCount: z.number().int() }).meta({ id: 'QuoteStreamDone' }),
} as const;

export type PayPlan = z.infer<typeof PayPlan>;
export type QuoteMessageCode = z.infer<typeof QuoteMessageCode>;
export type QuotePrice = z.infer<typeof QuotePrice>;
export type Quote = z.infer<typeof Quote>;
export type QuoteVendor = z.infer<typeof QuoteVendor>;
export type VendorRun = z.infer<typeof VendorRun>;
export type VendorMissing = z.infer<typeof VendorMissing>;
export type QuoteRequestAccepted = z.infer<typeof QuoteRequestAccepted>;
export type QuoteRequestState = z.infer<typeof QuoteRequestState>;
