/**
 * Sending the shopper's final answer: the applicant the quotes were asked for,
 * the quote request and the chosen quote (and the connection whose policy
 * pre-filled it). One Idempotency-Key per answer, kept across retries (a double
 * click, a dropped connection, "Try again"), so it is stored once. On 201 the
 * dealer page hears `coverkit-success` (onSuccess). In the steps' chunk: the
 * widget's first chunk holds only the submission's state (submission.ts).
 */
import { DOM_EVENTS } from '../../../contract/dom-events.ts';
import type { SuccessPayload } from '../../../contract/events.ts';
import type { SubmissionBody } from '../../../contract/submission.ts';
import { asApiError } from '../../api/client.ts';
import { emit } from '../emit.ts';
import type { Journey, JourneyHost } from './journey.ts';
import type { Submission } from './submission.ts';

/** A new Idempotency-Key: a random UUID (crypto.randomUUID needs a secure context; getRandomValues does not). */
function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Sends the shopper's final answer: the applicant the quotes were asked for,
 * the quote request and the chosen quote (and the connection whose policy
 * pre-filled it).
 */
export async function send(submission: Submission, journey: Journey, host: JourneyHost) {
  const { selected } = submission;
  const { stream, quoted } = journey.quotes;
  const session = journey.session;
  if (submission.sending || !selected || !stream || !quoted || !session) return;
  if (!submission.consent) {
    submission.consentMissing = true;
    journey.changed();
    return;
  }
  const connectionId = journey.answers.connectionId;
  const body: SubmissionBody = {
    applicant: quoted,
    quoteRequestId: stream.requestId,
    selectedQuoteId: selected.id,
    ...(connectionId ? { connectionId } : {}),
    contactConsent: true,
  };
  const text = JSON.stringify(body);
  if (submission.attempt?.body !== text) submission.attempt = { key: idempotencyKey(), body: text };
  submission.sending = true;
  submission.sendError = undefined;
  journey.changed();
  try {
    const created = await journey.api.submit(body, submission.attempt.key);
    submission.submitted = created;
    const payload: SuccessPayload = {
      sessionId: session.sessionId,
      submissionId: created.submissionId,
      reference: created.reference,
      ...(session.externalRef ? { externalRef: session.externalRef } : {}),
      quoteRequestId: stream.requestId,
      selectedQuote: selected,
      ...(created.flowUrl ? { flowUrl: created.flowUrl } : {}),
    };
    journey.event('submitted');
    emit(host, DOM_EVENTS.success, payload);
    // Sent: nothing is left to resume, and the answers are no longer kept under the session.
    void journey.progress.discard();
    journey.nav.go('done');
  } catch (error) {
    const apiError = asApiError(error);
    journey.event('error', { errorCode: apiError.code });
    // The key went with another answer (it cannot, but if it did): the next try is a new submission.
    if (apiError.status === 409) submission.attempt = undefined;
    const fields = apiError.status === 400 ? apiError.fields : {};
    const applicant: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(fields)) {
      if (path.startsWith('applicant.')) applicant[path.slice('applicant.'.length)] = messages;
    }
    if ('contactConsent' in fields) submission.consentMissing = true;
    if (!journey.showFieldErrors(applicant) && !submission.consentMissing) submission.sendError = apiError;
  } finally {
    submission.sending = false;
    journey.changed();
  }
}
