/**
 * The shopper's journey as one reactive controller on <coverkit-widget>: the
 * answers (pre-filled from the session, or from a policy the shopper already
 * holds), which step is showing and where focus goes when it changes, the
 * quote request and its live stream, the chosen quote and its submission, the
 * way out, and the analytics events (names and codes only, never answers).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QuoteRequestBody } from '../../contract/applicant.ts';
import { DOM_EVENTS } from '../../contract/dom-events.ts';
import type { ExitPayload, SuccessPayload, WidgetEvent, WidgetStep } from '../../contract/events.ts';
import type { Policy } from '../../contract/policy.ts';
import type { Quote } from '../../contract/quote.ts';
import type { SessionInfo } from '../../contract/session.ts';
import type { SubmissionBody, SubmissionCreated } from '../../contract/submission.ts';
import { asApiError, type CoverkitApi, type CoverkitApiError } from '../api/client.ts';
import { QuoteStream } from '../api/quote-stream.ts';
import { type Draft, draftFrom, FORM_STEPS, type FormStep, type JourneyStep, owns, toRequestBody } from './draft.ts';
import { emit } from './emit.ts';
import { draftFromPolicy, issuerName } from './policies.ts';

export { asApiError };

type JourneyHost = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** How journey steps are named in analytics events (the contract's closed list). */
const EVENT_STEP: Record<JourneyStep, WidgetStep> = {
  start: 'start',
  contact: 'contact',
  drivers: 'drivers',
  vehicles: 'vehicles',
  coverage: 'coverage',
  review: 'coverage',
  quotes: 'quotes',
  confirmation: 'done',
  done: 'done',
  connect: 'connect',
  lookup: 'lookup',
};

/** A new Idempotency-Key: a random UUID (crypto.randomUUID needs a secure context; getRandomValues does not). */
function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
  /** The connection whose policy pre-filled these answers: submitted with them. */
  connectionId?: string;
  /** The insurer whose policy pre-filled these answers, for the note on the first step. */
  prefilledFrom?: string;
  /** Bumped on every change; steps re-render when it moves. */
  version = 0;
  session?: SessionInfo;
  #api?: CoverkitApi;
  #focusPending = false;
  /** The shopper is changing answers from the review (or fixing the server's problems): Continue leads back there. */
  #returning = false;
  /** The answers the current quotes were asked for: what is submitted with the chosen one. */
  #quoted?: QuoteRequestBody;
  /** The quote the consent checkbox was last shown for. */
  #agreedFor?: string;
  /** One submission attempt: its Idempotency-Key, kept for every retry of the same body. */
  #attempt?: { key: string; body: string };

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

  /** A session is ready (or the shopper left and starts again): the dealer's pre-fill becomes the first answers. */
  begin(session: SessionInfo, api: CoverkitApi) {
    this.stream?.stop();
    Object.assign(this, {
      session,
      step: 'start',
      serverErrors: {},
      stream: undefined,
      selected: undefined,
      submitError: undefined,
      consent: false,
      consentMissing: false,
      sendError: undefined,
      submitted: undefined,
      connectionId: undefined,
      prefilledFrom: undefined,
    });
    this.#api = api;
    this.#returning = false;
    this.#quoted = undefined;
    this.#attempt = undefined;
    this.#agreedFor = undefined;
    this.draft = draftFrom(session.prefill);
    this.insuredNow = session.prefill.priorInsurance ? true : undefined;
  }

  /**
   * The way out: the dealer page hears `coverkit-exit` (onExit) with the step
   * the shopper was on, and the widget goes back to its greeting, ready to start again.
   */
  leave(error: CoverkitApiError | null = null) {
    const detail: ExitPayload = {
      error: error ? { code: error.code, message: error.message } : null,
      metadata: { sessionId: this.session?.sessionId, step: this.eventStep },
    };
    this.event('exit');
    emit(this.host, DOM_EVENTS.exit, detail);
    if (this.session && this.#api) {
      this.begin(this.session, this.#api);
      this.refocus();
    }
  }

  /** The step changed what it shows (a new screen, a problem): focus its error summary or heading once it has rendered. */
  refocus() {
    this.#focusPending = true;
    this.changed();
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
      const applicant = toRequestBody(this.draft, this.insuredNow === true);
      const accepted = await this.api.createQuoteRequest(applicant);
      this.#quoted = applicant;
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
      if (!this.#showFieldErrors(apiError.status === 400 ? apiError.fields : {})) this.submitError = apiError;
    } finally {
      this.submitting = false;
      this.changed();
    }
  }

  /** Puts the server's answer problems on the steps that own them and opens the first; false when there are none. */
  #showFieldErrors(fields: Record<string, string[]>): boolean {
    const paths = Object.keys(fields);
    if (paths.length === 0) return false;
    this.serverErrors = { ...fields };
    this.#returning = true;
    this.go(FORM_STEPS.find((step) => paths.some((path) => owns(step, path))) ?? 'review');
    return true;
  }

  /** The shopper picked a quote: say so (no premiums, no personal data) and ask to send it to the dealer. */
  choose(quote: Quote) {
    this.selected = quote;
    // The agreement is to be contacted about this quote: another quote asks again.
    if (quote.id !== this.#agreedFor) this.consent = false;
    this.#agreedFor = quote.id;
    this.consentMissing = false;
    this.sendError = undefined;
    this.event('quote_selected', { vendor: quote.vendor, carrierCode: quote.carrierCode });
    this.go('confirmation');
  }

  /**
   * Sends the shopper's final answer: the applicant the quotes were asked for,
   * the quote request and the chosen quote (and the connection whose policy
   * pre-filled it). One Idempotency-Key per answer, kept across retries (a
   * double click, a dropped connection, "Try again"), so it is stored once.
   * On 201 the dealer page hears `coverkit-success` (onSuccess).
   */
  async submit() {
    const { selected, stream, session } = this;
    if (this.sending || !selected || !stream || !this.#quoted || !session) return;
    if (!this.consent) {
      this.consentMissing = true;
      this.changed();
      return;
    }
    const body: SubmissionBody = {
      applicant: this.#quoted,
      quoteRequestId: stream.requestId,
      selectedQuoteId: selected.id,
      ...(this.connectionId ? { connectionId: this.connectionId } : {}),
      contactConsent: true,
    };
    const text = JSON.stringify(body);
    if (this.#attempt?.body !== text) this.#attempt = { key: idempotencyKey(), body: text };
    this.sending = true;
    this.sendError = undefined;
    this.changed();
    try {
      const created = await this.api.submit(body, this.#attempt.key);
      this.submitted = created;
      const payload: SuccessPayload = {
        sessionId: session.sessionId,
        submissionId: created.submissionId,
        quoteRequestId: stream.requestId,
        selectedQuote: selected,
        ...(created.flowUrl ? { flowUrl: created.flowUrl } : {}),
      };
      this.event('submitted');
      emit(this.host, DOM_EVENTS.success, payload);
      this.go('done');
    } catch (error) {
      const apiError = asApiError(error);
      this.event('error', { errorCode: apiError.code });
      // The key went with another answer (it cannot, but if it did): the next try is a new submission.
      if (apiError.status === 409) this.#attempt = undefined;
      const fields = apiError.status === 400 ? apiError.fields : {};
      const applicant: Record<string, string[]> = {};
      for (const [path, messages] of Object.entries(fields)) {
        if (path.startsWith('applicant.')) applicant[path.slice('applicant.'.length)] = messages;
      }
      if ('contactConsent' in fields) this.consentMissing = true;
      if (!this.#showFieldErrors(applicant) && !this.consentMissing) this.sendError = apiError;
    } finally {
      this.sending = false;
      this.changed();
    }
  }

  /**
   * "Get quotes with these details": an auto policy (from the shopper's
   * insurer, or found by lookup) becomes the answers, and the quote journey
   * starts with them. A connection's id goes with the submission.
   */
  quoteFrom(policy: Policy, connectionId?: string) {
    const { draft, insuredNow } = draftFromPolicy(policy, this.draft);
    this.draft = draft;
    this.insuredNow = insuredNow || this.insuredNow;
    this.serverErrors = {};
    this.connectionId = connectionId;
    this.prefilledFrom = issuerName(policy.issuer);
    this.#returning = false;
    this.go('contact');
  }

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
