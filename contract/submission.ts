/** The shopper's final answer, stored first and then delivered to the agency's systems. */
import { z } from 'zod';
import { QuoteRequestBody } from './applicant.ts';
import { ConsentGiven, ConsentRecord } from './consent.ts';
import { BrowserLink } from './links.ts';
import { text } from './primitives.ts';
import { Quote } from './quote.ts';

export const SubmissionBody = z
  .object({
    applicant: QuoteRequestBody,
    /** The quote request the shopper chose from, and the quote they picked (if any). */
    quoteRequestId: text('Quote request', 64).optional(),
    selectedQuoteId: text('Selected quote', 128).optional(),
    /** A Trellis connection whose policies the shopper chose to share. */
    connectionId: text('Connection', 128).optional(),
    /** The shopper agreed to be contacted by the agency. */
    contactConsent: z.literal(true, { error: 'The shopper must agree to be contacted before submitting' }),
    /**
     * How they agreed: the disclosure the widget showed (GET /v1/consent-disclosure), its language, the
     * page, and the ticked checkbox. Without it the consent is recorded as `contactConsent` only.
     */
    consent: ConsentGiven.optional(),
  })
  .meta({ id: 'SubmissionRequest' });

const SUBMISSION_STATUSES = ['received', 'delivering', 'delivered', 'failed'] as const;
export const DELIVERY_TARGETS = ['autocomplete', 'agencyzoom'] as const;
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** A submission's short reference, to read out on the phone: 8 characters of Crockford's base32 (no I, L, O, U). */
export const SubmissionReference = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, {
    error: 'reference must be the 8 letters and digits of a submission reference, e.g. 7KQ2-M9XD',
  })
  .meta({ example: '7KQ2-M9XD' });

export const SubmissionCreated = z
  .object({
    submissionId: z.string(),
    /** Short enough to read out on the phone; the dealer finds the submission with GET /v1/submissions?reference=… */
    reference: SubmissionReference,
    /** AutoComplete's shopping link for the shopper: https: (http: in sandbox mode), checked by the one link rule (links.ts). */
    flowUrl: BrowserLink.optional(),
    /**
     * True while the delivery that gives the shopper's link is still under way
     * (AutoComplete allows one request a second, so at busy times the link comes
     * after the answer): GET /v1/session/submissions/{id} answers it once it has come.
     */
    flowUrlPending: z.literal(true).optional(),
    status: z.enum(SUBMISSION_STATUSES),
  })
  .meta({ id: 'SubmissionCreated' });

/** One target's delivery of a submission, as GET /v1/submissions shows it. */
export const SubmissionDelivery = z
  .object({
    target: z.enum(DELIVERY_TARGETS),
    status: z.enum(DELIVERY_STATUSES),
    /** Tries started, rate-limited ones included. */
    attempts: z.number().int(),
    /** Why the last try failed, in plain words. */
    lastError: z.string().optional(),
    deliveredAt: z.iso.datetime().optional(),
    /** When the next try is due (pending deliveries only). */
    nextAttemptAt: z.iso.datetime().optional(),
    /** The record the vendor made: AutoComplete's person id, AgencyZoom's lead (and lead quote) id. */
    vendorIds: z
      .object({ personId: z.string().optional(), leadId: z.number().int().optional(), leadQuoteId: z.number().int().optional() })
      .optional(),
  })
  .meta({ id: 'SubmissionDelivery' });

/** A submission as its dealer reads it back (GET /v1/submissions/{id}, and each of a page). */
export const Submission = SubmissionCreated.extend({
  sessionId: z.string(),
  /** The dealer's own reference, from the session. */
  externalRef: z.string().optional(),
  createdAt: z.iso.datetime(),
  body: SubmissionBody,
  /** The quote the shopper picked, as it was when they submitted. */
  selectedQuote: Quote.optional(),
  /** Every insurer's answer in that quote request when they submitted, with the insurer's own words on declines (`vendorMessage`). */
  quotes: z.array(Quote).optional(),
  /** The consent to be contacted, as given: the exact disclosure shown, when, where and from which browser. */
  consent: ConsentRecord.optional(),
  deliveries: z.array(SubmissionDelivery),
}).meta({ id: 'Submission' });

/** GET /v1/submissions: a page, oldest first. */
export const SubmissionPage = z
  .object({
    submissions: z.array(Submission),
    /** More submissions follow: ask again with `since` = `nextSince`. */
    hasMore: z.boolean(),
    /** The last listed submission's createdAt, to pass as the next `since`. */
    nextSince: z.iso.datetime().optional(),
  })
  .meta({ id: 'SubmissionPage' });

export type SubmissionBody = z.infer<typeof SubmissionBody>;
export type SubmissionReference = z.infer<typeof SubmissionReference>;
export type SubmissionCreated = z.infer<typeof SubmissionCreated>;
export type SubmissionDelivery = z.infer<typeof SubmissionDelivery>;
export type Submission = z.infer<typeof Submission>;
export type SubmissionPage = z.infer<typeof SubmissionPage>;
