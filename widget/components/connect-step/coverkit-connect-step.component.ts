/**
 * <coverkit-connect-step>: the policy journey. The shopper chooses their
 * insurer and signs in (in sandbox mode this login stands in for Trellis's
 * widget; the password is sent once, never kept, logged or emitted); the
 * policies are read (polled, honouring Retry-After, with a visible "reading"
 * state) and shown; "Get quotes with these details" on the auto policy starts
 * the quote journey pre-filled from it, and the connection goes with the
 * submission. A refused login is said on the password; no policies, and a
 * failure to reach the insurer, are said plainly.
 *
 * Rendered by <coverkit-widget> into its shadow root; it uses the form parts
 * listed on <coverkit-contact-step> and these:
 *
 * @csspart reading-status - "Reading your policies…".
 * @csspart policy-list - The policies.
 * @csspart policy-card - Each policy.
 * @csspart quote-from-policy-button - "Get quotes with these details".
 * @csspart alert - The insurer could not be reached.
 */
import { html, nothing } from 'lit';
import type { CoverkitApiError } from '../../api/client.ts';
import { FormController, input, select } from '../../internal/form.ts';
import { answersFromPolicy, issuerName, PolicyConnection } from '../../internal/policies.ts';
import { StepElement } from '../../internal/step.ts';
import { policyList } from '../policy-list/policy-list.ts';
import { resultStyles } from '../result.styles.ts';

export class CoverkitConnectStep extends StepElement {
  static override styles = resultStyles;

  /** The server's field errors for the login (a refused password), by field. */
  #errors: Record<string, string[]> = {};
  readonly form = new FormController(this, () => this.#errors);
  /** What the shopper typed; the password is forgotten as soon as it is sent. */
  readonly #login = { issuerId: '', username: '', password: '' };
  #connection?: PolicyConnection;

  /** The insurers to sign in to: the server's list (GET /v1/session). */
  get #insurers() {
    return this.journey.answers.insurers;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#connection?.resume();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#connection?.stop();
  }

  async #handleSubmit(event: Event) {
    event.preventDefault();
    if (this.#connection?.status === 'connecting' || !this.form.validate()) return;
    const login = { ...this.#login };
    this.#login.password = '';
    this.#errors = {};
    const connection = new PolicyConnection(this.journey.api, login.issuerId, {
      change: (moved) => (moved ? this.journey.nav.refocus() : this.requestUpdate()),
      connected: () => this.journey.event('policy_connected'),
    });
    this.#connection = connection;
    this.requestUpdate();
    await connection.connect(login);
    const error = connection.error;
    if (connection !== this.#connection || connection.status !== 'failed' || connection.connectionId) return;
    this.journey.event('error', { errorCode: error?.code });
    if (error?.status === 400 && Object.keys(error.fields).length) {
      // A refused login is the shopper's to fix: said on the password, in their language.
      this.#errors = Object.fromEntries(
        Object.entries(error.fields).map(([path, messages]) => [path, path === 'password' ? [this.t.loginRefused] : messages]),
      );
      this.#connection = undefined;
      this.journey.nav.refocus();
    }
  }

  /** Back to the sign-in form (another insurer, or giving up on a slow one). */
  #restart() {
    this.#connection?.stop();
    this.#connection = undefined;
    this.journey.nav.refocus();
  }

  #message(error: CoverkitApiError): string {
    const t = this.t;
    if (error.status === 401) return t.sessionEnded;
    if (error.status === 429) return t.busy;
    return error.status === 0 || error.status >= 500 ? t.insurerFailed : error.message;
  }

  #signIn(connection?: PolicyConnection) {
    const { t, form } = this;
    const login = this.#login;
    const busy = connection?.status === 'connecting';
    const error = connection?.status === 'failed' ? connection.error : undefined;
    // The fields register before the summary renders, so each problem links to its field.
    const fields = html`<div class="grid">
          ${select(form, {
            path: 'issuerId',
            label: t.insurer,
            required: true,
            wide: true,
            options: this.#insurers.map((i) => [i.id, i.name] as [string, string]),
            value: login.issuerId,
            write: (raw) => (login.issuerId = raw),
          })}
          ${input(form, { path: 'username', label: t.username, required: true, autocomplete: 'off', value: login.username, write: (raw) => (login.username = raw) })}
          ${input(form, {
            path: 'password',
            label: t.password,
            type: 'password',
            required: true,
            autocomplete: 'off',
            value: login.password,
            write: (raw) => (login.password = raw),
          })}
        </div>`;
    return html`${this.heading()}
      <p>${t.connectIntro(this.journey.session?.dealer.name ?? '')}</p>
      <form part="form" novalidate @submit=${this.#handleSubmit}>
        ${form.summary()}
        ${error ? html`<p class="alert" part="alert" role="alert">${this.#message(error)}</p>` : nothing}
        ${fields}
        <p class="status" role="status">${busy ? t.connecting(issuerName(connection.issuerId, this.#insurers)) : ''}</p>
        ${this.nav(t.connect, busy)}
      </form>`;
  }

  override render() {
    const { t } = this;
    const connection = this.#connection;
    if (!connection || connection.status === 'connecting' || (connection.status === 'failed' && !connection.connectionId)) {
      return this.#signIn(connection);
    }
    const issuer = connection.result?.issuer.name ?? issuerName(connection.issuerId, this.#insurers);
    const policies = connection.result?.policies ?? [];
    if (connection.status === 'ready' && policies.length > 0) {
      return html`${this.heading(t.policiesTitle(issuer))}
        ${policyList(policies, t, this.intl, this.#insurers, (policy) =>
          this.journey.quoteFrom(answersFromPolicy(policy, this.journey.answers), connection.connectionId),
        )}
        <div class="nav"><button type="button" part="button" @click=${() => this.#restart()}>${t.otherInsurer}</button></div>`;
    }
    if (connection.status === 'ready' || connection.status === 'none') {
      return html`${this.heading(t.noPoliciesTitle)}
        <p>${t.noPolicies(issuer)}</p>
        <div class="nav">
          <button type="button" class="primary" part="button primary-button" @click=${() => this.journey.nav.go('contact')}>${t.startQuote}</button>
          <button type="button" part="button" @click=${() => this.#restart()}>${t.otherInsurer}</button>
        </div>`;
    }
    // Reading (or reading failed): the login was accepted, the policies are on their way.
    const error = connection.status === 'failed' ? connection.error : undefined;
    return html`${this.heading(t.readingTitle)}
      ${
        error
          ? html`<div class="alert" part="alert" role="alert">
            <p>${t.readFailed} ${this.#message(error)}</p>
            ${error.status === 401 ? nothing : html`<button type="button" part="button" @click=${() => connection.resume()}>${t.retry}</button>`}
          </div>`
          : html`<div class="reading" part="reading-status">
            <p class="status" role="status">${t.reading(issuer)}</p>
            <div class="shimmer" aria-hidden="true"></div>
          </div>`
      }
      <div class="nav"><button type="button" part="button" @click=${() => this.#restart()}>${t.cancel}</button></div>`;
  }
}
