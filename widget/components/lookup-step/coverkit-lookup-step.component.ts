/**
 * <coverkit-lookup-step>: the lookup journey. The shopper gives a quote or
 * policy number, or the email they gave the insurer, and their date of birth;
 * what is found is shown as policy cards (an auto one can pre-fill quotes).
 * Nothing found and "not your date of birth" read the same, by design; too
 * many tries are said plainly.
 *
 * Rendered by <coverkit-widget> into its shadow root; it uses the form parts
 * listed on <coverkit-contact-step>, the policy parts listed on
 * <coverkit-connect-step>, and `choice` (number or email).
 */
import { html } from 'lit';
import type { PolicyLookupBody } from '../../../contract/lookup.ts';
import type { Policy } from '../../../contract/policy.ts';
import { asApiError, type CoverkitApiError } from '../../api/client.ts';
import { usDate } from '../../internal/draft.ts';
import { FormController, input } from '../../internal/form.ts';
import { answersFromPolicy } from '../../internal/policies.ts';
import { StepElement } from '../../internal/step.ts';
import { policyList } from '../policy-list/policy-list.ts';
import { resultStyles } from '../result.styles.ts';

export class CoverkitLookupStep extends StepElement {
  static override styles = resultStyles;

  /** The server's field errors, by field. */
  #errors: Record<string, string[]> = {};
  readonly form = new FormController(this, () => this.#errors);
  #by: 'number' | 'email' = 'number';
  readonly #values = { policyNumber: '', email: '', dateOfBirth: '' };
  #sending = false;
  #problem?: CoverkitApiError;
  #found?: Policy[];

  async #handleSubmit(event: Event) {
    event.preventDefault();
    if (this.#sending || !this.form.validate()) return;
    const { policyNumber, email, dateOfBirth } = this.#values;
    const body: PolicyLookupBody =
      this.#by === 'number' ? { policyNumber: policyNumber.trim(), dateOfBirth } : { email: email.trim(), dateOfBirth };
    this.#sending = true;
    this.#problem = undefined;
    this.requestUpdate();
    try {
      this.#found = (await this.journey.api.findPolicies(body)).policies;
      this.journey.event('lookup_completed');
    } catch (error) {
      const apiError = asApiError(error);
      this.journey.event('error', { errorCode: apiError.code });
      if (apiError.status === 400 && Object.keys(apiError.fields).length) this.#errors = { ...apiError.fields };
      else this.#problem = apiError;
    } finally {
      this.#sending = false;
      this.journey.nav.refocus();
    }
  }

  #choose(by: 'number' | 'email') {
    this.#by = by;
    this.#problem = undefined;
    this.form.forget(by === 'number' ? 'email' : 'policyNumber');
  }

  #message(error: CoverkitApiError): string {
    const t = this.t;
    if (error.status === 404) return t.notFound;
    if (error.status === 429) return t.busy;
    if (error.status === 401) return t.sessionEnded;
    return t.lookupFailed;
  }

  override render() {
    const { t, form } = this;
    if (this.#found) {
      return html`${this.heading(t.foundTitle(this.#found.length))}
        ${policyList(this.#found, t, this.intl, this.journey.answers.insurers, (policy) =>
          this.journey.quoteFrom(answersFromPolicy(policy, this.journey.answers)),
        )}
        <div class="nav">
          <button type="button" part="button" @click=${() => {
            this.#found = undefined;
            this.journey.nav.refocus();
          }}>${t.searchAgain}</button>
        </div>`;
    }
    const values = this.#values;
    const mode = (value: 'number' | 'email', label: string) => html`<label class="choice-option">
      <input type="radio" name="lookup-by" .checked=${this.#by === value} @change=${() => this.#choose(value)} />
      ${label}
    </label>`;
    // The fields register before the summary renders, so each problem links to its field.
    const fields = html`<div class="grid">
          ${
            this.#by === 'number'
              ? input(form, {
                  path: 'policyNumber',
                  label: t.byNumber,
                  hint: t.numberHint,
                  required: true,
                  autocomplete: 'off',
                  value: values.policyNumber,
                  write: (raw) => (values.policyNumber = raw),
                })
              : input(form, {
                  path: 'email',
                  label: t.byEmail,
                  type: 'email',
                  required: true,
                  autocomplete: 'email',
                  formatHint: t.emailHint,
                  value: values.email,
                  write: (raw) => (values.email = raw),
                })
          }
          ${input(form, {
            path: 'dateOfBirth',
            label: t.dateOfBirth,
            type: 'date',
            required: true,
            min: '1900-01-01',
            max: usDate(),
            autocomplete: 'bday',
            value: values.dateOfBirth,
            write: (raw) => (values.dateOfBirth = raw),
          })}
        </div>`;
    return html`${this.heading()}
      <p>${t.lookupIntro}</p>
      <form part="form" novalidate @submit=${this.#handleSubmit}>
        ${
          this.#problem
            ? html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1"><p>${this.#message(this.#problem)}</p></div>`
            : form.summary()
        }
        <fieldset class="choice" part="choice">
          <legend>${t.findByLabel}</legend>
          ${mode('number', t.numberOption)} ${mode('email', t.emailOption)}
        </fieldset>
        ${fields}
        <p class="status" role="status">${this.#sending ? t.finding : ''}</p>
        ${this.nav(t.find, this.#sending)}
      </form>`;
  }
}
