/**
 * The submission: the quote the shopper chose, their agreement to be
 * contacted about it, and sending it to the dealer. One Idempotency-Key per
 * answer, kept across retries (a double click, a dropped connection, "Try
 * again"), so it is stored once. On 201 the dealer page hears
 * `coverkit-success` (onSuccess).
 */
import type { Quote } from '../../../contract/quote.ts';
import type { SubmissionCreated } from '../../../contract/submission.ts';
import { CoverkitApiError } from '../../api/client.ts';
import { pinChunks } from '../chunks.ts';
import type { Journey, JourneyHost } from './journey.ts';

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
  /** One submission attempt: its Idempotency-Key, kept for every retry of the same body (send-submission.ts). */
  attempt?: { key: string; body: string };

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
    this.attempt = undefined;
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

  /** Sends the shopper's final answer (send-submission.ts: in the steps' chunk, as only the choice step sends). */
  async submit() {
    pinChunks('steps');
    const sending = await import('./send-submission.ts').catch(() => undefined);
    if (sending) return sending.send(this, this.journey, this.host);
    // Its code did not arrive (the network dropped): nothing was sent, and "Try again" asks again.
    this.sendError = new CoverkitApiError(0, 'network_error', 'The submission could not be sent');
    this.journey.changed();
  }
}
