/**
 * The submission: the quote the shopper chose, their agreement to be
 * contacted about it, and sending it to the dealer. One Idempotency-Key per
 * answer, kept across retries (a double click, a dropped connection, "Try
 * again"), so it is stored once. On 201 the dealer page hears
 * `coverkit-success` (onSuccess).
 */
import { DOM_EVENTS } from '../../../contract/dom-events.ts';
import type { SuccessPayload } from '../../../contract/events.ts';
import type { Quote } from '../../../contract/quote.ts';
import type { SubmissionBody, SubmissionCreated } from '../../../contract/submission.ts';
import { asApiError, type CoverkitApiError } from '../../api/client.ts';
import { emit } from '../emit.ts';
import type { Journey, JourneyHost } from './journey.ts';

/** A new Idempotency-Key: a random UUID (crypto.randomUUID needs a secure context; getRandomValues does not). */
function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class Submission {
  selected?: Quote;
  /** The shopper ticked "I agree to be contacted by <dealer>". */
  consent = false;
  /** Submit was pressed without that agreement (or the server refused it). */
  consentMissing = false;
  /** The submission is on its way. */
  sending = false;
  /** Why the last submission failed, when it was not a field problem. */
  sendError?: CoverkitApiError;
  /** The server stored the submission. */
  submitted?: SubmissionCreated;
  /** The quote the consent checkbox was last shown for. */
  #agreedFor?: string;
  /** One submission attempt: its Idempotency-Key, kept for every retry of the same body. */
  #attempt?: { key: string; body: string };

  constructor(
    private readonly host: JourneyHost,
    private readonly journey: Journey,
  ) {}

  /** A new journey: nothing chosen, agreed or sent yet. */
  reset() {
    this.selected = undefined;
    this.sendError = undefined;
    this.submitted = undefined;
    this.consent = false;
    this.consentMissing = false;
    this.#agreedFor = undefined;
    this.#attempt = undefined;
  }

  /** The shopper ticked or cleared the agreement. */
  agree(consent: boolean) {
    this.consent = consent;
    if (consent) this.consentMissing = false;
    this.journey.changed();
  }

  /** The shopper picked a quote: say so (no premiums, no personal data) and ask to send it to the dealer. */
  choose(quote: Quote) {
    this.selected = quote;
    // The agreement is to be contacted about this quote: another quote asks again.
    if (quote.id !== this.#agreedFor) this.consent = false;
    this.#agreedFor = quote.id;
    this.consentMissing = false;
    this.sendError = undefined;
    this.journey.event('quote_selected', { vendor: quote.vendor, carrierCode: quote.carrierCode });
    this.journey.nav.go('confirmation');
  }

  /**
   * Sends the shopper's final answer: the applicant the quotes were asked for,
   * the quote request and the chosen quote (and the connection whose policy
   * pre-filled it).
   */
  async submit() {
    const { journey, selected } = this;
    const { stream, quoted } = journey.quotes;
    const session = journey.session;
    if (this.sending || !selected || !stream || !quoted || !session) return;
    if (!this.consent) {
      this.consentMissing = true;
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
    if (this.#attempt?.body !== text) this.#attempt = { key: idempotencyKey(), body: text };
    this.sending = true;
    this.sendError = undefined;
    journey.changed();
    try {
      const created = await journey.api.submit(body, this.#attempt.key);
      this.submitted = created;
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
      emit(this.host, DOM_EVENTS.success, payload);
      // Sent: nothing is left to resume, and the answers are no longer kept under the session.
      void journey.progress.discard();
      journey.nav.go('done');
    } catch (error) {
      const apiError = asApiError(error);
      journey.event('error', { errorCode: apiError.code });
      // The key went with another answer (it cannot, but if it did): the next try is a new submission.
      if (apiError.status === 409) this.#attempt = undefined;
      const fields = apiError.status === 400 ? apiError.fields : {};
      const applicant: Record<string, string[]> = {};
      for (const [path, messages] of Object.entries(fields)) {
        if (path.startsWith('applicant.')) applicant[path.slice('applicant.'.length)] = messages;
      }
      if ('contactConsent' in fields) this.consentMissing = true;
      if (!journey.showFieldErrors(applicant) && !this.consentMissing) this.sendError = apiError;
    } finally {
      this.sending = false;
      journey.changed();
    }
  }
}
