/**
 * What the API shows of a submission: its status, derived from its deliveries
 * (never stored twice, so it cannot disagree with them), the shopper's link,
 * and each target's delivery state in plain words. The shapes are the
 * contract's (Submission, SubmissionPage): what is served is what is documented.
 */
import {
  type LinkMode,
  type Submission,
  type SubmissionCreated,
  type SubmissionDelivery,
  vendorLinkOrNothing,
} from '../../contract/index.ts';
import { deliveryResult, SHOPPER_WAITS_FOR } from '../vendors/index.ts';
import type { DeliveryRecord, SubmissionRecord } from './store.ts';

type SubmissionStatus = SubmissionCreated['status'];

/** received (no try started) → delivering → delivered (every target) or failed (any target gave up). */
function submissionStatus(deliveries: readonly DeliveryRecord[]): SubmissionStatus {
  if (deliveries.some((d) => d.status === 'failed')) return 'failed';
  if (deliveries.every((d) => d.status === 'delivered')) return 'delivered';
  if (deliveries.every((d) => d.attempts === 0)) return 'received';
  return 'delivering';
}

/**
 * The shopper's personalised link, once the target that gives it has. Checked
 * again as it is shown, by the same rule as when it was stored: a row written
 * before the rule, or in sandbox mode, shows no link the rule now refuses.
 */
export function flowUrl(deliveries: readonly DeliveryRecord[], links: LinkMode): string | undefined {
  for (const d of deliveries) {
    const { shopperLink } = deliveryResult(d.target, d.state);
    if (shopperLink !== undefined) return vendorLinkOrNothing(shopperLink, links);
  }
  return undefined;
}

/** A target that gives the shopper's link has not delivered yet, and has not given up. */
const linkStillComing = (deliveries: readonly DeliveryRecord[]) =>
  deliveries.some((d) => SHOPPER_WAITS_FOR.includes(d.target) && d.status === 'pending');

export function createdView(
  submission: Pick<SubmissionRecord, 'id' | 'reference'>,
  deliveries: readonly DeliveryRecord[],
  links: LinkMode,
): SubmissionCreated {
  const url = flowUrl(deliveries, links);
  return {
    submissionId: submission.id,
    reference: submission.reference,
    ...(url ? { flowUrl: url } : {}),
    ...(!url && linkStillComing(deliveries) ? { flowUrlPending: true as const } : {}),
    status: submissionStatus(deliveries),
  };
}

export function deliveryView(d: DeliveryRecord): SubmissionDelivery {
  const ids = deliveryResult(d.target, d.state).vendorIds;
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

export function submissionView(submission: SubmissionRecord, deliveries: readonly DeliveryRecord[], links: LinkMode): Submission {
  return {
    ...createdView(submission, deliveries, links),
    sessionId: submission.sessionId,
    ...(submission.externalRef ? { externalRef: submission.externalRef } : {}),
    createdAt: submission.createdAt.toISOString(),
    body: submission.body,
    ...(submission.selectedQuote ? { selectedQuote: submission.selectedQuote } : {}),
    ...(submission.quotes ? { quotes: submission.quotes } : {}),
    ...(submission.consent ? { consent: submission.consent } : {}),
    deliveries: deliveries.map(deliveryView),
  };
}
