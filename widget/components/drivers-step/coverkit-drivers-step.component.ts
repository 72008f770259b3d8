/**
 * <coverkit-drivers-step>: one to six drivers; the first is the applicant,
 * whose license number is asked when a delivery target needs it (the dealer's
 * AutoComplete link does: it is then required, since the quotes must be given
 * for the very answers submitted), and offered otherwise. A driver's industry and occupation, or a student's grades, are asked only
 * when a quoting vendor needs them for that driver (CoverHound: employed
 * drivers, full-time students), the industry from the vendor's closed list.
 *
 * Rendered by <coverkit-widget> into its shadow root; it uses the parts listed
 * on <coverkit-contact-step> (form, field, label, input, hint, field-error,
 * error-summary) and these:
 *
 * @csspart fieldset - Each driver's group.
 * @csspart add-button - "Add a driver".
 * @csspart remove-button - "Remove" on each driver but the applicant.
 */
import { html, nothing } from 'lit';
import type { Address } from '../../../contract/applicant.ts';
import { type DriverDraft, MAX_ENTRIES, usDate } from '../../internal/draft.ts';
import { checkbox, entries, FormController, input, select } from '../../internal/form.ts';
import { NeedsController } from '../../internal/needs.ts';
import { StepElement } from '../../internal/step.ts';

export class CoverkitDriversStep extends StepElement {
  readonly form = new FormController(this, 'drivers');
  readonly needs = new NeedsController(this);
  #focusDriver?: number;

  get #drivers(): DriverDraft[] {
    return (this.journey.answers.draft.drivers ??= [{ relationship: 'self' }]);
  }

  override connectedCallback() {
    super.connectedCallback();
    for (const driver of this.#drivers) this.#withDefaults(driver);
  }

  /** A new driver's license is from the applicant's state and valid until the shopper says otherwise. */
  #withDefaults(driver: DriverDraft) {
    driver.license ??= {};
    driver.license.state ??= this.journey.answers.draft.address?.state;
    driver.license.status ??= 'valid';
    return driver;
  }

  #add() {
    this.#drivers.push(this.#withDefaults({}));
    this.#focusDriver = this.#drivers.length - 1;
    this.requestUpdate();
  }

  #remove(i: number) {
    this.#drivers.splice(i, 1);
    // Vehicles name their main driver by position: keep them pointing at the same people.
    for (const vehicle of this.journey.answers.draft.vehicles ?? []) {
      if (vehicle.primaryDriver === undefined) continue;
      if (vehicle.primaryDriver === i) delete vehicle.primaryDriver;
      else if (vehicle.primaryDriver > i) vehicle.primaryDriver--;
    }
    for (const path of Object.keys(this.journey.answers.serverErrors))
      if (path.startsWith('drivers.')) delete this.journey.answers.serverErrors[path];
    this.#focusDriver = i - 1;
    this.requestUpdate();
  }

  protected override updated() {
    if (this.#focusDriver === undefined) return;
    this.querySelector<HTMLElement>(`[id="d-${this.#focusDriver}"]`)?.focus();
    this.#focusDriver = undefined;
  }

  #handleSubmit(event: Event) {
    event.preventDefault();
    if (this.form.validate()) this.journey.nav.next();
  }

  /** What a vendor needs of this driver's work or studies: the industry (a closed list), the occupation, a student's grades. */
  #work(driver: DriverDraft, i: number) {
    const { t, form, needs } = this;
    const at = (field: string) => `drivers.${i}.${field}`;
    const industries = needs.choices('drivers.*.occupationIndustry');
    const employed = driver.employment === 'employed';
    return html`${
      needs.has(at('occupationIndustry'), { fallback: employed })
        ? industries
          ? select(form, {
              path: at('occupationIndustry'),
              label: t.industry,
              required: true,
              options: industries.map((v) => [v, v] as const),
            })
          : input(form, { path: at('occupationIndustry'), label: t.industry, required: true, hint: t.industryHint })
        : nothing
    }
      ${
        needs.has(at('occupation'), { fallback: employed })
          ? input(form, {
              path: at('occupation'),
              label: t.occupation,
              required: true,
              autocomplete: i === 0 ? 'organization-title' : 'off',
            })
          : nothing
      }
      ${needs.has(at('goodStudent'), { fallback: driver.employment === 'student' }) ? checkbox(form, { path: at('goodStudent'), label: t.goodStudent }) : nothing}`;
  }

  #licenseNumber() {
    const required = this.needs.has('drivers.0.license.number', { fallback: false });
    return input(this.form, {
      path: 'drivers.0.license.number',
      label: this.t.licenseNumber,
      hint: this.t.licenseNumberHint(this.journey.session?.dealer.name ?? ''),
      required,
      autocomplete: 'off',
    });
  }

  #driver(driver: DriverDraft, i: number) {
    const { t, form } = this;
    const at = (field: string) => `drivers.${i}.${field}`;
    const name = t.driverN(i + 1);
    const { self: _self, ...others } = t.relationship;
    form.group(name);
    return html`<fieldset part="fieldset">
      <legend id=${`d-${i}`} tabindex="-1">${name}${i === 0 ? ` (${t.you})` : nothing}</legend>
      <div class="grid">
        ${input(form, { path: at('firstName'), label: t.firstName, required: true, autocomplete: i === 0 ? 'given-name' : 'off' })}
        ${input(form, { path: at('lastName'), label: t.lastName, required: true, autocomplete: i === 0 ? 'family-name' : 'off' })}
        ${input(form, {
          path: at('dateOfBirth'),
          label: t.dateOfBirth,
          type: 'date',
          required: true,
          min: '1900-01-01',
          max: usDate(),
          autocomplete: i === 0 ? 'bday' : 'off',
        })}
        ${select(form, { path: at('gender'), label: t.genderLabel, required: true, options: entries(t.gender) })}
        ${select(form, { path: at('maritalStatus'), label: t.maritalLabel, required: true, options: entries(t.marital) })}
        ${i > 0 ? select(form, { path: at('relationship'), label: t.relationshipLabel, required: true, options: entries(others) }) : nothing}
        ${select(form, { path: at('education'), label: t.educationLabel, required: true, options: entries(t.education) })}
        ${select(form, { path: at('employment'), label: t.employmentLabel, required: true, options: entries(t.employment) })}
        ${this.#work(driver, i)}
        ${select(form, { path: at('license.state'), label: t.licenseState, required: true, options: entries<Address['state']>(t.states) })}
        ${select(form, { path: at('license.status'), label: t.licenseStatusLabel, required: true, options: entries(t.licenseStatus) })}
        ${i === 0 ? this.#licenseNumber() : nothing}
        ${input(form, { path: at('license.ageFirstLicensed'), label: t.ageLicensed, type: 'number', required: true, min: 14, max: 100 })}
      </div>
      ${
        i > 0
          ? html`<button type="button" class="link danger" part="button remove-button" @click=${() => this.#remove(i)}>${t.remove(name)}</button>`
          : nothing
      }
    </fieldset>`;
  }

  override render() {
    const { t, form } = this;
    const drivers = this.#drivers.map((driver, i) => this.#driver(driver, i));
    const full = this.#drivers.length >= MAX_ENTRIES;
    return html`${this.heading()}
      <form part="form" novalidate @submit=${this.#handleSubmit}>
        ${form.summary()}${drivers}
        <button type="button" class="add" part="button add-button" ?disabled=${full} @click=${() => this.#add()}>${t.addDriver}</button>
        ${full ? html`<p class="hint">${t.maxReached}</p>` : nothing}
        ${this.nav()}
      </form>`;
  }
}
