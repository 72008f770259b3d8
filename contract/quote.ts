/** Quotes as the shopper sees them, whichever vendor and carrier they came from. */
import { z } from 'zod';
import { cents, text } from './primitives.ts';

/** The quoting vendors the server fans out to. */
const QUOTE_VENDORS = ['coverhound', 'pace'] as const;
export const QuoteVendor = z.enum(QUOTE_VENDORS);

const QUOTE_STATUSES = ['pending', 'complete', 'declined', 'error'] as const;

export const PayPlan = z.object({
  name: text('Pay plan name', 80),
  downPaymentCents: cents('Down payment'),
  installmentCents: cents('Installment'),
  installments: z.number().int().min(0),
  totalPremiumCents: cents('Total premium'),
});

export const Quote = z.object({
  id: z.string(),
  vendor: QuoteVendor,
  carrierCode: z.string(),
  carrierName: z.string(),
  status: z.enum(QUOTE_STATUSES),
  /** Why a quote is declined or in error, in words a shopper can read. */
  message: z.string().optional(),
  termMonths: z.number().int().positive().optional(),
  payPlans: z.array(PayPlan).optional(),
  purchaseUrl: z.url().optional(),
  purchasePhone: z.string().optional(),
});

const VENDOR_RUN_STATUSES = ['pending', 'complete', 'error'] as const;

/** How far one vendor has got with a quote request. */
export const VendorRun = z.object({
  vendor: QuoteVendor,
  status: z.enum(VENDOR_RUN_STATUSES),
  message: z.string().optional(),
});

export const QuoteRequestAccepted = z.object({
  id: z.string(),
  status: z.enum(['pending', 'complete']),
  vendors: z.array(VendorRun),
});

export const QuoteRequestState = QuoteRequestAccepted.extend({
  quotes: z.array(Quote),
  createdAt: z.iso.datetime(),
  /** When the server stops waiting for vendors that have not answered. */
  deadlineAt: z.iso.datetime(),
});

/** Server-Sent Events of `GET /v1/quote-requests/{id}/stream`, by event name. */
export const QuoteStreamEvents = {
  quote: Quote,
  done: z.object({ id: z.string(), status: z.literal('complete'), quoteCount: z.number().int() }),
} as const;

export type PayPlan = z.infer<typeof PayPlan>;
export type Quote = z.infer<typeof Quote>;
export type QuoteVendor = z.infer<typeof QuoteVendor>;
export type VendorRun = z.infer<typeof VendorRun>;
export type QuoteRequestAccepted = z.infer<typeof QuoteRequestAccepted>;
export type QuoteRequestState = z.infer<typeof QuoteRequestState>;
