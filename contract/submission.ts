/** The shopper's final answer, stored first and then delivered to the agency's systems. */
import { z } from 'zod';
import { QuoteRequestBody } from './applicant.ts';
import { text } from './primitives.ts';

export const SubmissionBody = z.object({
  applicant: QuoteRequestBody,
  /** The quote request the shopper chose from, and the quote they picked (if any). */
  quoteRequestId: text('Quote request', 64).optional(),
  selectedQuoteId: text('Selected quote', 128).optional(),
  /** A Trellis connection whose policies the shopper chose to share. */
  connectionId: text('Connection', 128).optional(),
  /** The shopper agreed to be contacted by the agency. */
  contactConsent: z.literal(true, { error: 'The shopper must agree to be contacted before submitting' }),
});

export const SUBMISSION_STATUSES = ['received', 'delivering', 'delivered', 'failed'] as const;
export const DELIVERY_TARGETS = ['autocomplete', 'agencyzoom'] as const;

export const SubmissionCreated = z.object({
  submissionId: z.string(),
  flowUrl: z.url().optional(),
  status: z.enum(SUBMISSION_STATUSES),
});

export const Submission = SubmissionCreated.extend({
  sessionId: z.string(),
  externalRef: z.string().optional(),
  createdAt: z.iso.datetime(),
  body: SubmissionBody,
  deliveries: z.array(
    z.object({
      target: z.enum(DELIVERY_TARGETS),
      status: z.enum(['pending', 'delivered', 'failed']),
      attempts: z.number().int(),
      lastError: z.string().optional(),
      deliveredAt: z.iso.datetime().optional(),
    }),
  ),
});

export type SubmissionBody = z.infer<typeof SubmissionBody>;
export type SubmissionCreated = z.infer<typeof SubmissionCreated>;
export type Submission = z.infer<typeof Submission>;
