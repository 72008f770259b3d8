/**
 * The quote journey as one reactive controller on <coverkit-widget>: the
 * shopper's answers (pre-filled from the session), which step is showing and
 * where focus goes when it changes, the quote request and its live stream, the
 * chosen quote, and the analytics events (names and codes only, never answers).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Quote } from '../../contract/quote.ts';
import type { SessionInfo } from '../../contract/session.ts';
import type { WidgetEvent, WidgetStep } from '../../contract/events.ts';
import { DOM_EVENTS } from '../../contract/dom-events.ts';
import { type CoverkitApi, CoverkitApiError } from '../api/client.ts';
import { QuoteStream } from '../api/quote-stream.ts';
import { type Draft, FORM_STEPS, type FormStep, type JourneyStep, draftFrom, owns, toRequestBody } from './draft.ts';
import { emit } from './emit.ts';

type JourneyHost = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** How journey steps are named in analytics events (the contract's closed list). */
const EVENT_STEP: Record<JourneyStep, WidgetStep> = {
  start: 'start', contact: 'contact', drivers: 'drivers', vehicles: 'vehicles', coverage: 'coverage',
  review: 'coverage', quotes: 'quotes', confirmation: 'done',
};

export const asApiError = (error: unknown) =>
  error instanceof CoverkitApiError ? error : new CoverkitApiError(0, 'internal', String(error));

export class Journey implements ReactiveController {
  step: JourneyStep = 'start';
  draft: Draft = {};
  /** The server's field errors from the last quote request, by path, until the shopper changes that field. */
  serverErrors: Record<string, string[]> = {};
  /** The answer to "Do you have car insurance now?"; undefined until answered. */
  insuredNow?: boolean;
  submitting = false;
  /** Why the last quote request failed, when it was not a field problem. */
  submitError?: CoverkitApiError;
  stream?: QuoteStream;
  selected?: Quote;
  /** Bumped on every change; steps re-render when it moves. */
  version = 0;
  session?: SessionInfo;
  #api?: CoverkitApi;
  #focusPending = false;
  /** The shopper is changing answers from the review (or fixing the server's problems): Continue leads back there. */
  #returning = false;

  constructor(private readonly host: JourneyHost) {
    host.addController(this);
  }

  hostDisconnected() {
    this.stream?.stop();
  }

  /** Back on the page: a stream that was still going picks up where it stopped. */
  hostConnected() {
    if (this.stream?.status !== 'done') this.stream?.start();
  }

  hostUpdated() {
    if (!this.#focusPending) return;
    this.#focusPending = false;
    void this.#focusStep();
  }

  get api(): CoverkitApi {
    if (!this.#api) throw new Error('The journey has not started');
    return this.#api;
  }

  get eventStep(): WidgetStep {
    return EVENT_STEP[this.step];
  }

  /** A session is ready: the dealer's pre-fill becomes the first answers. */
  begin(session: SessionInfo, api: CoverkitApi) {
    this.stream?.stop();
    Object.assign(this, { session, step: 'start', serverErrors: {}, stream: undefined, selected: undefined, submitError: undefined });
    this.#api = api;
    this.draft = draftFrom(session.prefill);
    this.insuredNow = session.prefill.priorInsurance ? true : undefined;
  }

  changed() {
    this.version++;
    this.host.requestUpdate();
  }

  go(step: JourneyStep) {
    this.step = step;
    this.#focusPending = true;
    this.changed();
    this.event('step_view');
  }

  /** Opens a step from the review to change its answers. */
  edit(step: FormStep) {
    this.#returning = true;
    this.go(step);
  }

  next() {
    if (this.#returning) {
      // Straight back to the review, by way of any step the server still has problems with.
      const pending = FORM_STEPS.find((step) => Object.keys(this.serverErrors).some((path) => owns(step, path)));
      this.#returning = pending !== undefined;
      this.go(pending ?? 'review');
      return;
    }
    const i = FORM_STEPS.indexOf(this.step as FormStep);
    this.go(FORM_STEPS[i + 1] ?? 'review');
  }

  back() {
    this.#returning = false;
    const i = FORM_STEPS.indexOf(this.step as FormStep);
    this.go(i > 0 ? (FORM_STEPS[i - 1] as FormStep) : 'start');
  }

  /** Sends the answers; the server's field errors go back to the step that shows each field. */
  async requestQuotes() {
    if (this.submitting) return;
    this.submitting = true;
    this.submitError = undefined;
    this.changed();
    try {
      const accepted = await this.api.createQuoteRequest(toRequestBody(this.draft, this.insuredNow === true));
      this.stream?.stop();
      this.stream = new QuoteStream(this.api, accepted.id, {
        quote: (quote, previous) => {
          if (quote.status !== 'pending' && previous?.status !== quote.status) {
            this.event('quote_received', { vendor: quote.vendor, carrierCode: quote.carrierCode });
          }
        },
        change: () => this.changed(),
      });
      this.selected = undefined;
      this.event('quotes_requested');
      this.go('quotes');
      this.stream.start();
    } catch (error) {
      const apiError = asApiError(error);
      this.event('error', { errorCode: apiError.code });
      const paths = Object.keys(apiError.fields);
      if (apiError.status === 400 && paths.length > 0) {
        this.serverErrors = { ...apiError.fields };
        this.#returning = true;
        this.go(FORM_STEPS.find((step) => paths.some((path) => owns(step, path))) ?? 'review');
      } else {
        this.submitError = apiError;
      }
    } finally {
      this.submitting = false;
      this.changed();
    }
  }

  /** The shopper picked a quote: say so (no premiums, no personal data) and show what to do next. */
  choose(quote: Quote) {
    this.selected = quote;
    this.event('quote_selected', { vendor: quote.vendor, carrierCode: quote.carrierCode });
    this.submitSelection(quote);
    this.go('confirmation');
  }

  /**
   * SEAM (submissions): when the server's POST /v1/submissions lands, send the
   * shopper's final answer from here (quote request id + chosen quote id, with
   * an Idempotency-Key), then emit `coverkit-success` with the SuccessPayload
   * the server returns. Until then nothing is submitted and `coverkit-success`
   * (onSuccess) is never emitted: there is no success to report yet.
   */
  submitSelection(_quote: Quote) {}

  event(name: WidgetEvent['name'], extra: Partial<WidgetEvent> = {}) {
    const detail: WidgetEvent = { name, step: this.eventStep, timestamp: new Date().toISOString(), ...extra };
    emit(this.host, DOM_EVENTS.event, detail);
  }

  /** After a step change: focus its error summary if it has one, else its heading. */
  async #focusStep() {
    const step = this.host.renderRoot.querySelector('.step') as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    if (!step) return;
    await step.updateComplete;
    (step.querySelector<HTMLElement>('.error-summary') ?? step.querySelector<HTMLElement>('h2'))?.focus();
  }
}
