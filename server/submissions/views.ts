/**
 * What the API shows of a submission: its status, derived from its deliveries
 * (never stored twice, so it cannot disagree with them), the shopper's link,
 * and each target's delivery state in plain words.
 */
import { z } from '@hono/zod-openapi';
import { Quote, Submission, SubmissionCreated } from '../../contract/index.ts';
import type { DeliveryRecord, SubmissionRecord } from './store.ts';

export const DeliveryView = Submission.shape.deliveries.element.extend({
  /** When the next try is due (pending deliveries only). */
  nextAttemptAt: z.iso.datetime().optional(),
  /** The record the vendor made: AutoComplete's person id, AgencyZoom's lead (and lead quote) id. */
  vendorIds: z
    .object({ personId: z.string().optional(), leadId: z.number().int().optional(), leadQuoteId: z.number().int().optional() })
    .optional(),
});

export const SubmissionView = Submission.extend({
  /** The quote the shopper picked, as it was when they submitted. */
  selectedQuote: Quote.optional(),
  deliveries: z.array(DeliveryView),
}).openapi('Submission');

export const SubmissionPage = z
  .object({
    submissions: z.array(SubmissionView),
    /** More submissions follow: ask again with `since` = `nextSince`. */
    hasMore: z.boolean(),
    /** The last listed submission's createdAt, to pass as the next `since`. */
    nextSince: z.iso.datetime().optional(),
  })
  .openapi('SubmissionPage');

export type SubmissionStatus = SubmissionCreated['status'];
type DeliveryViewT = z.infer<typeof DeliveryView>;
type SubmissionViewT = z.infer<typeof SubmissionView>;

/** received (no try started) → delivering → delivered (every target) or failed (any target gave up). */
export function submissionStatus(deliveries: readonly DeliveryRecord[]): SubmissionStatus {
  if (deliveries.some((d) => d.status === 'failed')) return 'failed';
  if (deliveries.every((d) => d.status === 'delivered')) return 'delivered';
  if (deliveries.every((d) => d.attempts === 0)) return 'received';
  return 'delivering';
}

/** The shopper's personalised link, once AutoComplete has given it. */
export function flowUrl(deliveries: readonly DeliveryRecord[]): string | undefined {
  const url = deliveries.find((d) => d.target === 'autocomplete')?.state.flowUrl;
  return typeof url === 'string' ? url : undefined;
}

export function createdView(submissionId: string, deliveries: readonly DeliveryRecord[]): SubmissionCreated {
  const url = flowUrl(deliveries);
  return { submissionId, ...(url ? { flowUrl: url } : {}), status: submissionStatus(deliveries) };
}

function vendorIds(state: Record<string, unknown>): DeliveryViewT['vendorIds'] {
  const ids: NonNullable<DeliveryViewT['vendorIds']> = {};
  if (typeof state.personId === 'string') ids.personId = state.personId;
  if (typeof state.leadId === 'number') ids.leadId = state.leadId;
  if (typeof state.leadQuoteId === 'number') ids.leadQuoteId = state.leadQuoteId;
  return Object.keys(ids).length > 0 ? ids : undefined;
}

function deliveryView(d: DeliveryRecord): DeliveryViewT {
  const ids = vendorIds(d.state);
  return {
    target: d.target,
    status: d.status,
    attempts: d.attempts,
    ...(d.lastError ? { lastError: d.lastError } : {}),
    ...(d.deliveredAt ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
    ...(d.status === 'pending' ? { nextAttemptAt: d.nextAttemptAt.toISOString() } : {}),
    ...(ids ? { vendorIds: ids } : {}),
  };
}

export function submissionView(submission: SubmissionRecord, deliveries: readonly DeliveryRecord[]): SubmissionViewT {
  return {
    ...createdView(submission.id, deliveries),
    sessionId: submission.sessionId,
    ...(submission.externalRef ? { externalRef: submission.externalRef } : {}),
    createdAt: submission.createdAt.toISOString(),
    body: submission.body,
    ...(submission.selectedQuote ? { selectedQuote: submission.selectedQuote } : {}),
    deliveries: deliveries.map(deliveryView),
  };
}
