/**
 * <coverkit-contact-step>: the shopper's email, phone and home address.
 * The city and state fill in from the ZIP code (GET /v1/lookups/places/{zip})
 * and show once it is typed; whether the home is owned or rented and, when a
 * vendor needs it of an owner, its type are one question.
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
import { html, nothing } from 'lit';
import type { Address, Residence } from '../../../contract/applicant.ts';
import type { Place } from '../../../contract/lookup.ts';
import { getAt } from '../../internal/draft.ts';
import { checkbox, entries, FormController, input, select } from '../../internal/form.ts';
import { formatPhone, toE164 } from '../../internal/format.ts';
import { LookupController } from '../../internal/lookups.ts';
import { NeedsController } from '../../internal/needs.ts';
import { StepElement } from '../../internal/step.ts';

const ZIP = /^\d{5}(-\d{4})?$/;

export class CoverkitContactStep extends StepElement {
  readonly form = new FormController(this, 'contact');
  readonly lookups = new LookupController(this);
  readonly needs = new NeedsController(this);
  /** The phone as typed; the draft holds it in E.164. */
  #phoneText?: string;
  /** The shopper typed a new ZIP code: its city and state replace the old ones (otherwise they only fill blanks). */
  #zipTyped = false;

  /**
   * The place of the ZIP code: fills the city and state; `shown` once it is
   * known (or cannot be), or when they are answered already: before that they
   * are not asked, as the ZIP may answer them.
   */
  #place(): { shown: boolean } {
    const address = (this.journey.answers.draft.address ??= {});
    if (address.city || address.state) {
      if (!this.#zipTyped) return { shown: true };
    }
    const zip = address.postalCode ?? '';
    if (!ZIP.test(zip)) return { shown: Boolean(address.city || address.state) };
    const found = this.lookups.get<Place>(`/v1/lookups/places/${zip.slice(0, 5)}`, {});
    if (found.value) {
      this.#zipTyped = false;
      address.city = found.value.city;
      address.state = found.value.state;
      this.form.forget('address.city');
      this.form.forget('address.state');
    }
    return { shown: found.value !== undefined || found.error !== undefined || Boolean(address.city || address.state) };
  }

  /** Own or rent, and the type of an owned home when a vendor needs it: one choice. */
  #home() {
    const { t, form } = this;
    const draft = this.journey.answers.draft;
    const residence = draft.residence ?? {};
    const typeNeeded = this.needs.has('residence.type', { answers: { ...draft, residence: { ownership: 'own' } } });
    if (!typeNeeded) {
      return select(form, {
        path: 'residence.ownership',
        label: t.ownershipOfHome,
        required: true,
        options: entries(t.residenceOwnership),
      });
    }
    const owned = Object.entries(t.ownedHome).map(([type, label]) => [`own:${type}`, label] as const);
    const value = residence.ownership === 'rent' ? 'rent' : residence.ownership === 'own' && residence.type ? `own:${residence.type}` : '';
    return select(form, {
      path: 'residence.ownership',
      label: t.ownershipOfHome,
      required: true,
      value,
      options: [['rent', t.residenceOwnership.rent], ...owned],
      write: (raw) => {
        const [ownership, type] = raw.split(':') as [Residence['ownership'] | '', Residence['type']];
        draft.residence = ownership ? { ownership, ...(type ? { type } : {}) } : {};
        form.forget('residence');
      },
    });
  }

  #handleSubmit(event: Event) {
    event.preventDefault();
    if (this.form.validate()) this.journey.nav.next();
  }

  override render() {
    const { t, form } = this;
    this.#phoneText ??= formatPhone(getAt(this.journey.answers.draft, 'contact.phone') as string | undefined);
    const dealer = this.journey.session?.dealer.name ?? '';
    const prefilled = Object.keys(this.journey.session?.prefill ?? {}).length > 0;
    const place = this.#place();
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
          ${input(form, {
            path: 'address.postalCode',
            label: t.zip,
            required: true,
            autocomplete: 'postal-code',
            inputmode: 'numeric',
            pattern: '\\d{5}(-\\d{4})?',
            hint: place.shown ? undefined : t.zipFillsPlace,
            formatHint: t.zipHint,
            changed: () => {
              this.#zipTyped = true;
            },
          })}
          ${
            place.shown
              ? html`${input(form, { path: 'address.city', label: t.city, required: true, autocomplete: 'address-level2' })}
                ${select(form, { path: 'address.state', label: t.state, required: true, autocomplete: 'address-level1', options: entries<Address['state']>(t.states) })}`
              : nothing
          }
        </div>
      </fieldset>
      <fieldset part="fieldset">
        <legend>${t.home}</legend>
        <div class="grid">${this.#home()}</div>
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
