/**
 * <coverkit-contact-step>: the shopper's email, phone and home address.
 *
 * Rendered by <coverkit-widget> into its shadow root; theme it through the
 * widget's parts. The phone is typed however the shopper likes and sent in
 * E.164 (ten US digits become +1…).
 *
 * @csspart form - The step's form.
 * @csspart notice - The note that the dealer (or the shopper's current policy) pre-filled answers.
 * @csspart field - Each label + control + hint + error group.
 * @csspart label - Each label.
 * @csspart input - Each input and select.
 * @csspart checkbox - Each checkbox.
 * @csspart hint - Format hints under labels.
 * @csspart field-error - A field's error message.
 * @csspart error-summary - The list of problems that takes focus when a step cannot go on.
 */
import { html } from 'lit';
import type { Address } from '../../../contract/applicant.ts';
import { getAt } from '../../internal/draft.ts';
import { checkbox, entries, FormController, input, select } from '../../internal/form.ts';
import { formatPhone, toE164 } from '../../internal/format.ts';
import { StepElement } from '../../internal/step.ts';

export class CoverkitContactStep extends StepElement {
  readonly form = new FormController(this, 'contact');
  /** The phone as typed; the draft holds it in E.164. */
  #phoneText?: string;

  #handleSubmit(event: Event) {
    event.preventDefault();
    if (this.form.validate()) this.journey.nav.next();
  }

  override render() {
    const { t, form } = this;
    this.#phoneText ??= formatPhone(getAt(this.journey.answers.draft, 'contact.phone') as string | undefined);
    const dealer = this.journey.session?.dealer.name ?? '';
    const prefilled = Object.keys(this.journey.session?.prefill ?? {}).length > 0;
    const fields = html`
      <div class="grid">
        ${input(form, { path: 'contact.email', label: t.email, type: 'email', required: true, autocomplete: 'email', formatHint: t.emailHint })}
        ${input(form, {
          path: 'contact.phone',
          label: t.phone,
          type: 'tel',
          required: true,
          autocomplete: 'tel',
          hint: t.phoneHint,
          value: this.#phoneText,
          write: (raw) => {
            this.#phoneText = raw;
            form.set('contact.phone', toE164(raw) ?? raw);
          },
          check: (raw) => (toE164(raw) ? undefined : t.phoneInvalid),
        })}
        ${checkbox(form, { path: 'contact.smsConsent', label: t.sms })}
      </div>
      <fieldset part="fieldset">
        <legend>${t.address}</legend>
        <div class="grid">
          ${input(form, { path: 'address.line1', label: t.line1, required: true, autocomplete: 'address-line1', wide: true })}
          ${input(form, { path: 'address.line2', label: t.line2, autocomplete: 'address-line2', wide: true })}
          ${input(form, { path: 'address.city', label: t.city, required: true, autocomplete: 'address-level2' })}
          ${select(form, { path: 'address.state', label: t.state, required: true, autocomplete: 'address-level1', options: entries<Address['state']>(t.states) })}
          ${input(form, {
            path: 'address.postalCode',
            label: t.zip,
            required: true,
            autocomplete: 'postal-code',
            inputmode: 'numeric',
            pattern: '\\d{5}(-\\d{4})?',
            formatHint: t.zipHint,
          })}
        </div>
      </fieldset>
      <fieldset part="fieldset">
        <legend>${t.home}</legend>
        <div class="grid">
          ${select(form, { path: 'residence.ownership', label: t.ownershipOfHome, required: true, options: entries(t.residenceOwnership) })}
          ${select(form, { path: 'residence.type', label: t.residenceTypeLabel, required: true, options: entries(t.residenceType) })}
        </div>
      </fieldset>`;
    return html`${this.heading()}
      ${
        this.journey.answers.prefilledFrom
          ? html`<p class="notice" part="notice">${t.fromPolicy(this.journey.answers.prefilledFrom)}</p>`
          : prefilled
            ? html`<p class="notice" part="notice">${t.prefilled(dealer)}</p>`
            : ''
      }
      <form part="form" novalidate @submit=${this.#handleSubmit}>${form.summary()}${fields}${this.nav()}</form>`;
  }
}
