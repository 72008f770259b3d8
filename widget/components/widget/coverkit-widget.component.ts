/**
 * <coverkit-widget>: auto-insurance shopping embedded in a dealer's page.
 *
 * Starts a session (from `session-token` made by the dealer's backend, from the
 * `fetchSessionToken` property, which asks the dealer's backend, or from
 * `client-id` on an allow-listed page), keeps its token renewed for as long as
 * the session lasts (a new session from `fetchSessionToken` or `client-id` when
 * it cannot go on), reads what the session offers, and
 * greets the shopper with the journeys the dealer enabled:
 * - "Get quotes": contact and address → drivers → vehicles → coverage → review
 *   → live quotes → the chosen quote, sent to the dealer with the shopper's
 *   agreement to be contacted → thank you (`coverkit-success`).
 * - "Use my current policy": sign in to the current insurer (Trellis), see its
 *   policies, and get quotes pre-filled from the auto policy.
 * - "Find my quote or policy": by quote or policy number or email, verified by
 *   date of birth.
 * Every journey has a Close button: the dealer page hears `coverkit-exit` and
 * the widget returns to its greeting; when the shopper has given answers it
 * first asks, inside the widget, whether to discard them.
 *
 * Progress is kept: the answers and the step are saved under the session as
 * the shopper goes (internal/journey/progress.ts), and the session's token is
 * remembered for this page (api/session-memory.ts: the token and the
 * session's refresh key, never an answer), so a reload, a crash or a second
 * tab opens on the same step with the same answers, even once the kept token
 * has expired. "Finish on your phone" (components/handoff) shows a one-time link
 * to this page, and its QR code, that opens the same step with the same
 * answers on another device; the widget there redeems the link's
 * `coverkit_resume` code (with `client-id`) and takes it off the address
 * bar. The browser's Back and Forward move between steps
 * (internal/journey/step-history.ts). Each step is its own element (listed,
 * with what it owns, in components/steps.ts) rendered into this shadow root, so
 * every `::part` below reaches all of them; the steps reach the journey it
 * provides through @lit/context.
 *
 * @event coverkit-event - Something happened the dealer may want to measure; `detail` is a WidgetEvent (no personal data): open, step_view, quotes_requested, quote_received and quote_selected (vendor and carrierCode only), policy_connected (the insurer accepted the login), lookup_completed (something was found), submitted, error (errorCode; a lookup that found nothing is `not_found`), exit.
 * @event coverkit-exit - The shopper closed the widget (Close, or Done after submitting), or it could not go on; `detail` is an ExitPayload with the step they were on.
 * @event coverkit-success - The shopper's answer and chosen quote were stored for the dealer; `detail` is a SuccessPayload (sessionId, submissionId, quoteRequestId, selectedQuote, flowUrl when AutoComplete's link came in time).
 *
 * @csspart panel - The card around the widget.
 * @csspart title - The heading of the greeting and of each step.
 * @csspart step-count - "Step 2 of 5" above a step's title.
 * @csspart progress - The progress bar of the form steps.
 * @csspart button - Every button.
 * @csspart primary-button - The main call to action.
 * @csspart add-button - "Add a driver" / "Add a vehicle".
 * @csspart remove-button - "Remove driver 2" and the like.
 * @csspart edit-button - "Edit …" on the review.
 * @csspart choose-button - "Choose" on each priced quote.
 * @csspart purchase-link - The link to the chosen carrier's purchase page.
 * @csspart form - Each step's form.
 * @csspart fieldset - A group of fields (the address, a driver, a vehicle…).
 * @csspart field - Each label + control + hint + error group.
 * @csspart label - Each label.
 * @csspart input - Each text input and select.
 * @csspart checkbox - Each checkbox.
 * @csspart hint - Format hints under labels.
 * @csspart field-error - A field's error message.
 * @csspart error-summary - The list of problems that takes focus when a step cannot go on.
 * @csspart notice - The note that the dealer pre-filled answers.
 * @csspart choice - The "by VIN / by year, make and model" choice.
 * @csspart vehicle-status - What the VIN look-up found, or why it found nothing.
 * @csspart review-section - Each group of answers on the review.
 * @csspart alert - A problem with the whole step (the request could not be sent, the connection dropped).
 * @csspart quotes-status - "Asking insurers…" / "All quotes are in".
 * @csspart quote-list - The list of quotes.
 * @csspart quote-card - Each carrier's quote.
 * @csspart quote-price - The monthly price of a quote.
 * @csspart confirmation - The chosen quote's card.
 * @csspart close-button - "Close" at the top of every journey (Done on the thank-you): leaves it (coverkit-exit).
 * @csspart close-confirm - "Close and discard your answers?" with its two choices, shown by Close once the shopper has given answers.
 * @csspart discard-button - "Discard my answers" in the close confirmation.
 * @csspart changed-elsewhere - "Your answers were changed in another tab or window" with its two choices.
 * @csspart resume-refused - "That link was already used" (or has expired), on a page opened from a spent resume link.
 * @csspart handoff-button - "Finish on your phone" below the steps of the quote form (on pages with `client-id`).
 * @csspart handoff - The panel with the resume link to copy and, on screens at least 600 px wide, its QR code.
 * @csspart qr-code - The resume link's QR code.
 * @csspart consent - The "I agree to be contacted" checkbox and its label.
 * @csspart submit-button - "Send to <dealer>" on the chosen quote.
 * @csspart thank-you - The thank-you message after submitting.
 * @csspart flow-link - The link to the shopper's personalised offers (AutoComplete's flowUrl).
 * @csspart flow-pending - Said on the thank-you screen while that link is still on its way.
 * @csspart reading-status - "Reading your policies…" while the insurer is read.
 * @csspart policy-list - The list of the shopper's policies (policy journey and lookup).
 * @csspart policy-card - Each policy or quote found.
 * @csspart quote-from-policy-button - "Get quotes with these details" on an auto policy.
 *
 * @cssproperty --coverkit-color-primary - Buttons, links, the progress bar.
 * @cssproperty --coverkit-color-on-primary - Text on primary buttons.
 * @cssproperty --coverkit-color-text - Body text.
 * @cssproperty --coverkit-color-muted - Secondary text.
 * @cssproperty --coverkit-color-surface - Card background.
 * @cssproperty --coverkit-color-surface-alt - Background of fieldsets, quote cards and placeholders.
 * @cssproperty --coverkit-color-border - Card, fieldset and progress-bar borders.
 * @cssproperty --coverkit-color-control-border - Borders of inputs and selects.
 * @cssproperty --coverkit-color-danger - Error text and borders.
 * @cssproperty --coverkit-color-warning - Warnings (a VIN that may be mistyped).
 * @cssproperty --coverkit-color-success - "All quotes are in" and found vehicles.
 * @cssproperty --coverkit-color-focus - Keyboard focus ring.
 * @cssproperty --coverkit-font-family - Font.
 * @cssproperty --coverkit-font-size - Base font size (default 16px).
 * @cssproperty --coverkit-radius - Card corner radius.
 * @cssproperty --coverkit-radius-control - Corner radius of buttons and inputs.
 * @cssproperty --coverkit-max-width - Widest the widget grows.
 */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { DOM_EVENTS } from '../../../contract/dom-events.ts';
import type { ExitPayload, SessionInfo } from '../../../contract/index.ts';
import { asApiError, CoverkitApi, CoverkitApiError } from '../../api/client.ts';
import { SessionMemory } from '../../api/session-memory.ts';
import { pinChunks } from '../../internal/chunks.ts';
import { emit } from '../../internal/emit.ts';
import { hostOrigin } from '../../internal/host-origin.ts';
import { Journey } from '../../internal/journey/journey.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { takeResumeCode } from '../../internal/resume-code.ts';
import type { CoverkitWidgetElement } from '../../types.ts';
import { defineStep, FORM_STEPS, prefetchFormSteps, STEPS, type StepName } from '../steps.ts';
import styles from './coverkit-widget.styles.ts';

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; session: SessionInfo }
  | { kind: 'failed'; error: CoverkitApiError };

export class CoverkitWidget extends LitElement implements CoverkitWidgetElement {
  /** The steps render into this shadow root and add their styles to it (step.ts): the greeting paints with these alone. */
  static override styles = styles;

  static override properties = {
    clientId: { type: String, attribute: 'client-id' },
    sessionToken: { type: String, attribute: 'session-token' },
    apiBase: { type: String, attribute: 'api-base' },
    locale: { type: String, reflect: true },
    vin: { type: String },
    postalCode: { type: String, attribute: 'postal-code' },
    state: { state: true },
    confirmingClose: { state: true },
    resumeRefused: { state: true },
  };

  /** The dealer's public client id; the widget starts its own session on allow-listed pages. */
  declare clientId?: string;
  /** A session token the dealer's backend created (takes precedence over client-id). */
  declare sessionToken?: string;
  /** Where the Coverkit API is; defaults to the origin the script was loaded from. */
  declare apiBase?: string;
  /** en or es; defaults to the page's lang. */
  declare locale?: string;
  /** The VIN of the car the page is selling: the shopper starts with it, decoded, unless the session names vehicles. */
  declare vin?: string;
  /** The shopper's ZIP code, when the page knows it. */
  declare postalCode?: string;
  /**
   * Asks the dealer's backend for a new session token (it calls POST /v1/sessions with
   * its secret key): at start when `sessionToken` is not set, and whenever a new
   * session is needed (the session's lifetime is over, or it was ended). A property only.
   */
  fetchSessionToken?: () => Promise<string>;
  declare state: LoadState;
  /** Close was pressed with answers given: the widget asks whether to discard them. */
  declare confirmingClose: boolean;
  /** The resume link this page was opened from could not be used (spent, expired): said until the shopper goes on. */
  declare resumeRefused?: CoverkitApiError;
  #api?: CoverkitApi;

  readonly #i18n = new LocalizeController(this);
  readonly #journey = new Journey(this);

  constructor() {
    super();
    this.state = { kind: 'idle' };
    this.confirmingClose = false;
  }

  protected override firstUpdated() {
    // Every step renders into this shadow root: any change the shopper makes passes here on its way up.
    for (const type of ['input', 'change', 'click']) this.renderRoot.addEventListener(type, this.#handleAnswerChange);
  }

  #handleAnswerChange = () => {
    this.#journey.progress.changed();
    this.resumeRefused = undefined;
  };

  protected override updated(changed: PropertyValues<this>) {
    // The greeting (or the resumed step) is on screen: the rest of the form loads behind it.
    if (changed.has('state') && this.state.kind === 'ready' && changed.get('state')?.kind !== 'ready') prefetchFormSteps();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#api?.sessionKeeper.resume();
    if (this.state.kind !== 'idle') return;
    if (this.hasUpdated) void this.start();
    // Properties set before the element was defined (Coverkit.create() from the loader, before the widget's
    // code arrived) are Lit's to give back at the first update: start once they are.
    else
      void this.updateComplete.then(() => {
        if (this.state.kind === 'idle' && this.isConnected) void this.start();
      });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#api?.sessionKeeper.pause();
  }

  /** (Re)starts the widget: creates or adopts the session and loads what it offers. */
  async start() {
    this.state = { kind: 'loading' };
    this.#api?.sessionKeeper.pause();
    const { clientId, sessionToken, fetchSessionToken } = this;
    // Opened from a resume link (another device's "Finish on your phone"): redeemed with the public clientId.
    const resumeCode = clientId ? takeResumeCode() : undefined;
    const apiBase = this.apiBase ?? defaultApiBase();
    // A session the widget makes or asks for is remembered for this page, so a reload carries on in it; the page's own token is the page's to keep.
    const memory = sessionToken ? undefined : SessionMemory.for(apiBase, fetchSessionToken ? undefined : clientId);
    this.#journey.progress.memory = memory;
    const api: CoverkitApi = new CoverkitApi(apiBase, {
      // A dealer-made session is followed by another dealer-made one; a public one by another public one.
      newSession: fetchSessionToken
        ? () => this.#fetchSessionToken(fetchSessionToken)
        : !sessionToken && clientId
          ? async () => (await api.startPublicSession(clientId)).sessionToken
          : undefined,
      // The token expired while the device slept: the same session again, from the refresh key kept with it.
      sameSession: async (expired) => {
        const refreshKey = memory?.refreshKeyFor(expired);
        return refreshKey ? (await api.refreshSession(refreshKey)).sessionToken : undefined;
      },
      sessionReplaced: () => void this.#sessionReplaced(api),
      tokenAdopted: (token) => memory?.renewed(token),
    });
    this.#api = api;
    try {
      const resumed = clientId && resumeCode ? await this.#redeem(api, clientId, resumeCode) : false;
      const remembered = resumed ? undefined : memory?.recall();
      // The kept token expired (the page was closed a while): the session's refresh key carries on in it.
      const refreshed = remembered && 'refreshKey' in remembered ? await this.#refresh(api, remembered.refreshKey, memory) : false;
      // A resumed session is this device's from now on: a reload of the phone carries on in it.
      if (resumed || refreshed) memory?.remember(api.sessionKeeper.token);
      else if (sessionToken) api.useSessionToken(sessionToken);
      else if (remembered && 'token' in remembered) api.useSessionToken(remembered.token);
      else if (fetchSessionToken) api.useSessionToken(await this.#fetchSessionToken(fetchSessionToken));
      else if (clientId) await api.startPublicSession(clientId);
      else throw new CoverkitApiError(0, 'validation_failed', 'Set client-id, session-token or fetchSessionToken on <coverkit-widget>');
      const session = await api.session();
      this.#journey.begin(session, api);
      await this.#resume(session, api);
      this.state = { kind: 'ready', session };
      this.#journey.event('open');
      this.#journey.event('step_view');
    } catch (error) {
      const apiError = asApiError(error);
      // The shopper reads "not available on this page"; the page's developer reads which origin to allow, and how.
      if (apiError.code === 'origin_not_allowed') console.error(`Coverkit: ${apiError.message}`);
      this.state = { kind: 'failed', error: apiError };
      this.#journey.event('error', { errorCode: apiError.code });
    }
  }

  /** Takes a fresh token of the remembered session; false (and the session forgotten) when it cannot go on. */
  async #refresh(api: CoverkitApi, refreshKey: string, memory: SessionMemory | undefined): Promise<boolean> {
    try {
      api.useSessionToken((await api.refreshSession(refreshKey)).sessionToken);
      return true;
    } catch {
      // Ended, or the key is not this page's: a new session, as on a first visit.
      memory?.forget();
      return false;
    }
  }

  /** Takes the session of a resume link; false (and why, for the shopper) when it cannot be had. */
  async #redeem(api: CoverkitApi, clientId: string, code: string): Promise<boolean> {
    this.resumeRefused = undefined;
    try {
      await api.resumeSession({ clientId, code });
      return true;
    } catch (error) {
      this.resumeRefused = asApiError(error);
      return false;
    }
  }

  #resumeNotice() {
    const refused = this.resumeRefused;
    if (!refused) return nothing;
    const t = this.#i18n.t;
    const why =
      refused.code === 'resume_link_used' ? t.resumeUsed : refused.code === 'resume_link_expired' ? t.resumeExpired : t.resumeInvalid;
    return html`<div class="changed-elsewhere" part="notice resume-refused" role="status"><p>${why} ${t.resumeAgain}</p></div>`;
  }

  /** "Finish on your phone" below the quote form's steps, when a phone can redeem the link (with the page's clientId). */
  #handoff(step: StepName, session: SessionInfo) {
    if (!this.clientId || !session.products.includes('quote') || !(FORM_STEPS as StepName[]).includes(step)) return nothing;
    // Its code is in the steps' chunk, which the step showing has already brought.
    if (!customElements.get('coverkit-handoff')) {
      pinChunks('steps');
      import('../handoff/coverkit-handoff.component.ts').then(
        ({ CoverkitHandoff }) => customElements.get('coverkit-handoff') || customElements.define('coverkit-handoff', CoverkitHandoff),
        () => undefined, // no button this time; the step works without it
      );
    }
    return html`<coverkit-handoff></coverkit-handoff>`;
  }

  /** The shopper's saved progress, if the session has some: its answers and step, before the first step renders. */
  async #resume(session: SessionInfo, api: CoverkitApi) {
    if (!session.products.includes('quote')) return;
    try {
      const draft = await api.draft();
      if (draft) this.#journey.progress.resume(draft);
    } catch {
      // Not readable now: the shopper starts from the greeting, and their next answers are saved as usual.
    }
  }

  /** The dealer's fetchSessionToken, its failure said the way a network failure is. */
  async #fetchSessionToken(fetch: () => Promise<string>): Promise<string> {
    let token: unknown;
    try {
      token = await fetch();
    } catch {
      throw new CoverkitApiError(0, 'network_error', 'fetchSessionToken failed: no session token came from the dealer');
    }
    if (typeof token !== 'string' || token === '') {
      throw new CoverkitApiError(0, 'validation_failed', 'fetchSessionToken must resolve to the sessionToken of POST /v1/sessions');
    }
    return token;
  }

  /** A new session took over mid-journey: the answers stay; what the widget knows of the session is read again. */
  async #sessionReplaced(api: CoverkitApi) {
    if (this.#api !== api) return;
    try {
      const session = await api.session();
      this.#journey.session = session;
      if (this.state.kind === 'ready') this.state = { kind: 'ready', session };
      // The new session has no draft yet: it gets this tab's answers.
      this.#journey.progress.sessionChanged();
    } catch {
      // The next request says what is wrong, where the shopper is.
    }
  }

  /** Leaves the widget; the dealer page hears `coverkit-exit` (onExit), and the widget returns to its greeting. */
  exit(error: CoverkitApiError | null = null) {
    if (this.state.kind === 'ready') {
      this.#journey.leave(error);
      return;
    }
    const detail: ExitPayload = { error: error ? { code: error.code, message: error.message } : null, metadata: { step: 'start' } };
    this.#journey.event('exit');
    emit(this, DOM_EVENTS.exit, detail);
  }

  /** What Close does, for a page (or the modal's Escape) asking to close: it may ask the shopper first. */
  requestClose() {
    if (this.state.kind !== 'ready') this.exit(this.state.kind === 'failed' ? this.state.error : null);
    else if (this.confirmingClose) this.#handleKeepEditing();
    else this.#handleClose();
  }

  /**
   * Close: after asking whether to discard the answers when the shopper gave
   * some; at once when there are none of theirs (what was kept, the dealer's
   * pre-fill and the step, is discarded with the journey).
   */
  #handleClose() {
    if (this.#journey.progress.hasAnswers) {
      this.confirmingClose = true;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.close-confirm h3')?.focus());
      return;
    }
    void this.#journey.progress.discard();
    this.#journey.leave();
  }

  async #handleDiscard() {
    this.confirmingClose = false;
    await this.#journey.progress.discard();
    this.#journey.leave();
  }

  #handleKeepEditing() {
    this.confirmingClose = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.close')?.focus());
  }

  #closeConfirm() {
    const t = this.#i18n.t;
    return html`<div
      class="close-confirm"
      part="close-confirm"
      role="alertdialog"
      aria-labelledby="close-question"
      aria-describedby="close-explained"
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        // Escape answers the question (keep editing); in a modal it must not also close the dialog.
        e.preventDefault();
        this.#handleKeepEditing();
      }}
    >
      <h3 id="close-question" tabindex="-1">${t.closeQuestion}</h3>
      <p id="close-explained">${t.closeExplained}</p>
      <div class="actions">
        <button type="button" class="primary" part="button primary-button" @click=${() => this.#handleKeepEditing()}>${t.keepEditing}</button>
        <button type="button" part="button discard-button" @click=${() => this.#handleDiscard()}>${t.discardAnswers}</button>
      </div>
    </div>`;
  }

  #changedElsewhere() {
    const t = this.#i18n.t;
    const progress = this.#journey.progress;
    return html`<div class="changed-elsewhere" part="notice changed-elsewhere" role="alert">
      <p>${t.changedElsewhere}</p>
      <div class="actions">
        <button type="button" part="button" @click=${() => progress.useTheirs()}>${t.useTheirs}</button>
        <button type="button" part="button" @click=${() => progress.keepMine()}>${t.keepMine}</button>
      </div>
    </div>`;
  }

  #messageFor(error: CoverkitApiError): string {
    const t = this.#i18n.t;
    if (error.status === 403) return t.notAllowed;
    if (error.status === 401) return t.sessionEnded;
    return error.code === 'network_error' || error.status >= 500 ? t.startFailed : error.message;
  }

  /** The element of the step showing: made anew when the step changes, so each visit starts fresh. */
  #stepElement?: { step: StepName; element: HTMLElement };

  #step(step: StepName) {
    if (this.#stepElement?.step !== step) {
      const element = document.createElement(STEPS[step].tag);
      element.className = 'step';
      this.#stepElement = { step, element };
      // The step's code did not arrive (the network dropped): "Try again" starts over, and the saved draft reopens this step.
      defineStep(step).catch(() => {
        this.state = { kind: 'failed', error: new CoverkitApiError(0, 'network_error', `The ${step} step could not be loaded`) };
      });
    }
    return this.#stepElement.element;
  }

  override render() {
    const t = this.#i18n.t;
    const state = this.state;
    if (state.kind === 'idle' || state.kind === 'loading') {
      return html`<div class="panel" part="panel" aria-busy="true"><p class="status" role="status">${t.loading}</p></div>`;
    }
    if (state.kind === 'failed') {
      return html`<div class="panel" part="panel">
        <p class="error" role="alert">${this.#messageFor(state.error)}</p>
        <div class="actions">
          ${state.error.status === 403 ? nothing : html`<button part="button" @click=${() => this.start()}>${t.retry}</button>`}
          <button part="button close-button" @click=${() => this.exit(state.error)}>${t.close}</button>
        </div>
      </div>`;
    }
    const { session } = state;
    const journey = this.#journey;
    const step = journey.nav.step;
    if (step !== 'start') {
      const at = journey.nav.position;
      return html`<section class="panel" part="panel" lang=${this.#i18n.lang}>
        <div class="top">
          ${
            at
              ? html`<div class="progress" part="progress" aria-hidden="true">${Array.from({ length: at.of }, (_, i) => html`<span class=${i < at.n ? 'on' : ''}></span>`)}</div>`
              : nothing
          }
          ${
            step === 'done'
              ? nothing
              : html`<button type="button" class="close" part="button close-button" aria-expanded=${this.confirmingClose} @click=${() => this.#handleClose()}>
                <span aria-hidden="true">✕</span> ${t.close}
              </button>`
          }
        </div>
        ${this.confirmingClose ? this.#closeConfirm() : nothing}
        ${journey.progress.conflict ? this.#changedElsewhere() : nothing}
        ${this.#resumeNotice()}
        ${this.#step(step)}
        ${this.#handoff(step, session)}
      </section>`;
    }
    this.#stepElement = undefined;
    const offers = session.products;
    return html`<section class="panel step" part="panel" aria-labelledby="title" lang=${this.#i18n.lang}>
      <h2 id="title" part="title" tabindex="-1">${t.title}</h2>
      <p class="dealer">${t.offeredBy(session.dealer.name)}</p>
      ${this.#resumeNotice()}
      <div class="actions">
        ${
          offers.includes('quote')
            ? html`<button class="primary" part="button primary-button" @click=${() => journey.nav.go('contact')}>${t.startQuote}</button>`
            : nothing
        }
        ${offers.includes('connect') ? html`<button part="button" @click=${() => journey.nav.go('connect')}>${t.connectPolicy}</button>` : nothing}
        ${offers.includes('lookup') ? html`<button part="button" @click=${() => journey.nav.go('lookup')}>${t.lookupPolicy}</button>` : nothing}
      </div>
    </section>`;
  }
}

/** The Coverkit server the widget's code came from, else the page's own origin. */
function defaultApiBase(): string {
  return hostOrigin() ?? window.location.origin;
}
