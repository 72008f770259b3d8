/**
 * <coverkit-widget>: auto-insurance shopping embedded in a dealer's page.
 *
 * Starts a session (from `session-token` made by the dealer's backend, or from
 * `client-id` on an allow-listed page), reads what the session offers, and
 * greets the shopper with the journeys the dealer enabled.
 *
 * @event coverkit-event - Something happened the dealer may want to measure; `detail` is a WidgetEvent (no personal data).
 * @event coverkit-exit - The shopper left, or the widget could not go on; `detail` is an ExitPayload.
 * @event coverkit-success - The shopper submitted; `detail` is a SuccessPayload.
 *
 * @csspart panel - The card around the widget.
 * @csspart title - The heading.
 * @csspart button - Every button.
 * @csspart primary-button - The main call to action.
 *
 * @cssproperty --coverkit-color-primary - Buttons and links.
 * @cssproperty --coverkit-color-on-primary - Text on primary buttons.
 * @cssproperty --coverkit-color-text - Body text.
 * @cssproperty --coverkit-color-muted - Secondary text.
 * @cssproperty --coverkit-color-surface - Card background.
 * @cssproperty --coverkit-color-border - Card border.
 * @cssproperty --coverkit-color-danger - Error text.
 * @cssproperty --coverkit-color-focus - Keyboard focus ring.
 * @cssproperty --coverkit-font-family - Font.
 * @cssproperty --coverkit-radius - Card corner radius.
 * @cssproperty --coverkit-max-width - Widest the widget grows.
 */
import { LitElement, html, nothing } from 'lit';
import type { ExitPayload, SessionInfo, WidgetEvent, WidgetStep } from '../../../contract/index.ts';
import { DOM_EVENTS } from '../../../contract/dom-events.ts';
import { CoverkitApi, CoverkitApiError } from '../../api/client.ts';
import { emit } from '../../internal/emit.ts';
import { LocalizeController } from '../../internal/localize.ts';
import styles from './coverkit-widget.styles.ts';

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; session: SessionInfo }
  | { kind: 'failed'; error: CoverkitApiError };

export class CoverkitWidget extends LitElement {
  static override styles = styles;

  static override properties = {
    clientId: { type: String, attribute: 'client-id' },
    sessionToken: { type: String, attribute: 'session-token' },
    apiBase: { type: String, attribute: 'api-base' },
    locale: { type: String, reflect: true },
    state: { state: true },
  };

  /** The dealer's public client id; the widget starts its own session on allow-listed pages. */
  declare clientId?: string;
  /** A session token the dealer's backend created (takes precedence over client-id). */
  declare sessionToken?: string;
  /** Where the Coverkit API is; defaults to the origin the script was loaded from. */
  declare apiBase?: string;
  /** en or es; defaults to the page's lang. */
  declare locale?: string;
  declare state: LoadState;

  readonly #i18n = new LocalizeController(this);
  #api?: CoverkitApi;
  #step: WidgetStep = 'start';

  constructor() {
    super();
    this.state = { kind: 'idle' };
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.state.kind === 'idle') void this.start();
  }

  /** (Re)starts the widget: creates or adopts the session and loads what it offers. */
  async start() {
    this.state = { kind: 'loading' };
    const api = (this.#api = new CoverkitApi(this.apiBase ?? defaultApiBase()));
    try {
      if (this.sessionToken) api.useSessionToken(this.sessionToken);
      else if (this.clientId) await api.startPublicSession(this.clientId);
      else throw new CoverkitApiError(0, 'validation_failed', 'Set client-id or session-token on <coverkit-widget>');
      const session = await api.session();
      this.state = { kind: 'ready', session };
      this.#event('open');
      this.#event('step_view');
    } catch (error) {
      const apiError = error instanceof CoverkitApiError ? error : new CoverkitApiError(0, 'internal', String(error));
      this.state = { kind: 'failed', error: apiError };
      this.#event('error', { errorCode: apiError.code });
    }
  }

  /** Leaves the widget; the dealer page hears `coverkit-exit` (onExit). */
  exit(error: CoverkitApiError | null = null) {
    const detail: ExitPayload = {
      error: error ? { code: error.code, message: error.message } : null,
      metadata: { sessionId: this.state.kind === 'ready' ? this.state.session.sessionId : undefined, step: this.#step },
    };
    this.#event('exit');
    emit(this, DOM_EVENTS.exit, detail);
  }

  #event(name: WidgetEvent['name'], extra: Partial<WidgetEvent> = {}) {
    const detail: WidgetEvent = { name, step: this.#step, timestamp: new Date().toISOString(), ...extra };
    emit(this, DOM_EVENTS.event, detail);
  }

  #messageFor(error: CoverkitApiError): string {
    const t = this.#i18n.t;
    if (error.status === 403) return t.notAllowed;
    if (error.status === 401) return t.sessionEnded;
    return error.code === 'network_error' || error.status >= 500 ? t.startFailed : error.message;
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
        ${state.error.status === 403 ? nothing : html`<button part="button" @click=${() => this.start()}>${t.retry}</button>`}
      </div>`;
    }
    const { session } = state;
    const offers = session.products;
    return html`<section class="panel" part="panel" aria-labelledby="title" lang=${this.#i18n.lang}>
      <h2 id="title" part="title">${t.title}</h2>
      <p class="dealer">${t.offeredBy(session.dealer.name)}</p>
      <div class="actions">
        ${offers.includes('quote') ? html`<button class="primary" part="button primary-button">${t.startQuote}</button>` : nothing}
        ${offers.includes('connect') ? html`<button part="button">${t.connectPolicy}</button>` : nothing}
        ${offers.includes('lookup') ? html`<button part="button">${t.lookupPolicy}</button>` : nothing}
      </div>
    </section>`;
  }
}

/** The origin this script was served from: the Coverkit server that also answers the API. */
const scriptOrigin = (() => {
  const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
  try {
    return script?.src ? new URL(script.src).origin : undefined;
  } catch {
    return undefined;
  }
})();

function defaultApiBase(): string {
  return scriptOrigin ?? window.location.origin;
}
