/**
 * The quote run: the answers sent as a quote request, and its live stream of
 * quotes (stopped while the widget is off the page, picked up where it
 * stopped when it is back). The server's field errors go back to the steps
 * that show each field.
 */
import type { ReactiveController } from 'lit';
import type { QuoteRequestBody } from '../../../contract/applicant.ts';
import { asApiError, type CoverkitApiError } from '../../api/client.ts';
import type { QuoteStream } from '../../api/quote-stream.ts';
import { pinChunks } from '../chunks.ts';
import { toRequestBody } from '../draft.ts';
import type { Journey, JourneyHost } from './journey.ts';

export class QuoteRun implements ReactiveController {
  /** The quote request is on its way. */
  submitting = false;
  /** Why the last quote request failed, when it was not a field problem. */
  submitError?: CoverkitApiError;
  stream?: QuoteStream;
  /** The answers the current quotes were asked for: what is submitted with the chosen one. */
  quoted?: QuoteRequestBody;
  /** How many insurers were asked, known from the moment the request is accepted. */
  asked = 0;

  constructor(
    host: JourneyHost,
    private readonly journey: Journey,
  ) {
    host.addController(this);
  }

  /** Back on the page: a stream that was still going picks up where it stopped. */
  hostConnected() {
    if (this.stream?.status !== 'done') this.stream?.start();
  }

  hostDisconnected() {
    this.stream?.stop();
  }

  reset() {
    this.stream?.stop();
    this.stream = undefined;
    this.submitError = undefined;
    this.quoted = undefined;
    this.asked = 0;
  }

  /** The shopper changed an answer since these quotes were asked for: their prices are for other answers. */
  get outOfDate(): boolean {
    const { answers } = this.journey;
    return !!this.quoted && JSON.stringify(toRequestBody(answers.draft, answers.insuredNow === true)) !== JSON.stringify(this.quoted);
  }

  /** Sends the answers and opens the quotes as they stream in. */
  async request() {
    const { journey } = this;
    if (this.submitting) return;
    this.submitting = true;
    this.submitError = undefined;
    journey.changed();
    try {
      const { answers } = journey;
      const applicant = toRequestBody(answers.draft, answers.insuredNow === true);
      // The stream's code is not in the widget's first chunk: it loads while the request is on its way.
      pinChunks('steps');
      const [accepted, { QuoteStream }] = await Promise.all([
        journey.api.createQuoteRequest(applicant),
        import('../../api/quote-stream.ts'),
      ]);
      this.quoted = applicant;
      this.asked = accepted.vendors.reduce((sum, vendor) => sum + vendor.carriersAsked, 0);
      this.stream?.stop();
      this.stream = new QuoteStream(journey.api, accepted.id, {
        quote: (quote, previous) => {
          if (quote.status !== 'pending' && previous?.status !== quote.status) {
            journey.event('quote_received', { vendor: quote.vendor, carrierCode: quote.carrierCode });
          }
        },
        change: () => journey.changed(),
      });
      journey.submission.selected = undefined;
      journey.event('quotes_requested');
      journey.nav.go('quotes');
      this.stream.start();
    } catch (error) {
      const apiError = asApiError(error);
      journey.event('error', { errorCode: apiError.code });
      if (!journey.showFieldErrors(apiError.status === 400 ? apiError.fields : {})) this.submitError = apiError;
    } finally {
      this.submitting = false;
      journey.changed();
    }
  }
}
