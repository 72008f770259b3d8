/**
 * <coverkit-vehicles-step>: one to six vehicles, each found by its VIN
 * (decoded by the insurer, with its warning or refusal in plain words) or
 * chosen year → make → model → body style from the insurer's lists (typed in
 * where the lists do not cover the shopper's state); then how it is owned and
 * used, and who drives it most.
 *
 * Rendered by <coverkit-widget> into its shadow root; it uses the parts listed
 * on <coverkit-contact-step> and <coverkit-drivers-step> and these:
 *
 * @csspart vehicle-status - What the VIN look-up found (or why it found nothing).
 * @csspart choice - The "by VIN / by year, make and model" choice, or (`page-car`) "Is this the car you are insuring?" for the page's car.
 * @csspart notice - After a policy filled the answers: the page's car comes first, the policy's follow.
 */
import { html, nothing } from 'lit';
import type { DecodedVehicle, LookupList, VehicleYears } from '../../../contract/lookup.ts';
import { asApiError } from '../../api/client.ts';
import { MAX_ENTRIES, type VehicleDraft } from '../../internal/draft.ts';
import { entries, FormController, input, select } from '../../internal/form.ts';
import { LookupController } from '../../internal/lookups.ts';
import { StepElement } from '../../internal/step.ts';

const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

/** What the shopper sees about a vehicle that is not an answer: how it is being found. */
type VehicleUi = { mode: 'vin' | 'list'; decoding?: boolean; decoded?: DecodedVehicle; problem?: string };

const asOptions = (items: readonly (string | number)[] = []) => items.map((item) => [String(item), String(item)] as const);

export class CoverkitVehiclesStep extends StepElement {
  readonly form = new FormController(this, 'vehicles');
  readonly lookups = new LookupController(this);
  readonly #ui = new WeakMap<VehicleDraft, VehicleUi>();
  #focusVehicle?: number;

  get #vehicles(): VehicleDraft[] {
    return (this.journey.answers.draft.vehicles ??= [{}]);
  }

  get #state(): string {
    return this.journey.answers.draft.address?.state ?? '';
  }

  override connectedCallback() {
    super.connectedCallback();
    const drivers = this.journey.answers.draft.drivers?.length ?? 1;
    for (const [i, vehicle] of this.#vehicles.entries()) vehicle.primaryDriver ??= Math.min(i, drivers - 1);
    // A VIN known before the shopper got here (the dealer page's car, a policy) is decoded at once: year, make and model fill in.
    for (const [i, vehicle] of this.#vehicles.entries()) if (vehicle.vin && !vehicle.year) void this.#decode(vehicle, i);
  }

  #uiOf(vehicle: VehicleDraft): VehicleUi {
    let ui = this.#ui.get(vehicle);
    if (!ui) this.#ui.set(vehicle, (ui = { mode: vehicle.vin || !vehicle.year ? 'vin' : 'list' }));
    return ui;
  }

  #add() {
    const drivers = this.journey.answers.draft.drivers?.length ?? 1;
    this.#vehicles.push({ primaryDriver: Math.min(this.#vehicles.length, drivers - 1) });
    this.#focusVehicle = this.#vehicles.length - 1;
    this.requestUpdate();
  }

  #remove(i: number) {
    this.#vehicles.splice(i, 1);
    this.journey.answers.draft.coverage?.vehicles?.splice(i, 1);
    for (const path of Object.keys(this.journey.answers.serverErrors))
      if (path.startsWith('vehicles.')) delete this.journey.answers.serverErrors[path];
    this.#focusVehicle = i - 1;
    this.requestUpdate();
  }

  protected override updated() {
    if (this.#focusVehicle === undefined) return;
    this.querySelector<HTMLElement>(`[id="v-${this.#focusVehicle}"]`)?.focus();
    this.#focusVehicle = undefined;
  }

  #handleSubmit(event: Event) {
    event.preventDefault();
    if (this.form.validate()) this.journey.nav.next();
  }

  /** Asks the insurer what the VIN is; what it says fills year, make, model and body style. */
  async #decode(vehicle: VehicleDraft, i: number) {
    const vin = vehicle.vin ?? '';
    const ui = this.#uiOf(vehicle);
    if (!VIN.test(vin) || ui.decoding || ui.decoded?.vin === vin) return;
    Object.assign(ui, { decoding: true, decoded: undefined, problem: undefined });
    this.requestUpdate();
    try {
      const decoded = await this.journey.api.decodeVin(vin, this.#state);
      if (vehicle.vin !== vin) return;
      ui.decoded = decoded;
      Object.assign(vehicle, {
        year: decoded.year,
        make: decoded.make,
        model: decoded.model,
        bodyStyle: decoded.bodyStyle,
        trim: decoded.trim,
      });
      this.form.forget(`vehicles.${i}.vin`);
    } catch (error) {
      const apiError = asApiError(error);
      const { status } = apiError;
      ui.problem = apiError.fields.state
        ? this.t.vinUnavailable
        : status === 404
          ? this.t.vinUnknown
          : status === 0 || status >= 500
            ? this.t.networkError
            : apiError.message;
    } finally {
      ui.decoding = false;
      this.requestUpdate();
      // A VIN changed while it was being looked up: look up the new one.
      if (vehicle.vin !== vin) void this.#decode(vehicle, i);
    }
  }

  /** The shopper picked from the lists: a VIN that no longer describes the car is dropped, and the later choices reset. */
  #pick(vehicle: VehicleDraft, i: number, level: 'year' | 'make' | 'model' | 'bodyStyle') {
    const later = ['year', 'make', 'model', 'bodyStyle'].slice(['year', 'make', 'model', 'bodyStyle'].indexOf(level) + 1);
    for (const key of ['vin', 'trim', ...later] as const) delete vehicle[key as keyof VehicleDraft];
    const ui = this.#uiOf(vehicle);
    ui.decoded = undefined;
    ui.problem = undefined;
    for (const key of later) this.form.forget(`vehicles.${i}.${key}`);
  }

  /** Vehicle 1 is the car the dealer's page is selling, found by its VIN: the shopper confirms it rather than types it. */
  #isPageCar(vehicle: VehicleDraft, i: number, ui: VehicleUi): boolean {
    const { pageVin } = this.journey.answers;
    return i === 0 && !!pageVin && vehicle.vin === pageVin && ui.mode === 'vin' && !ui.problem && !ui.decoded?.unacceptable;
  }

  /** "No, another car": vehicle 1 is the shopper's to find, by VIN or from the lists. */
  #anotherCar(vehicle: VehicleDraft, i: number) {
    for (const key of ['vin', 'year', 'make', 'model', 'bodyStyle', 'trim'] as const) delete vehicle[key];
    this.#uiOf(vehicle).decoded = undefined;
    this.form.forget(`vehicles.${i}.vin`);
    this.#focusVehicle = i;
    this.requestUpdate();
  }

  #pageCarQuestion(vehicle: VehicleDraft, i: number) {
    const { t } = this;
    return html`<fieldset class="choice" part="choice page-car">
      <legend>${t.pageCarQuestion}</legend>
      <label class="choice-option"><input type="radio" name="page-car" checked /> ${t.pageCarYes}</label>
      <label class="choice-option"
        ><input type="radio" name="page-car" @change=${() => this.#anotherCar(vehicle, i)} /> ${t.pageCarNo}</label
      >
    </fieldset>`;
  }

  #byVin(vehicle: VehicleDraft, i: number, ui: VehicleUi, pageCar: boolean) {
    const { t, form } = this;
    const found = ui.decoded
      ? `${ui.decoded.year} ${ui.decoded.make} ${ui.decoded.model}${ui.decoded.bodyStyle ? ` (${ui.decoded.bodyStyle})` : ''}`
      : '';
    return html`
      ${input(form, {
        path: `vehicles.${i}.vin`,
        label: t.vin,
        hint: t.vinHint,
        required: true,
        wide: true,
        autocomplete: 'off',
        pattern: '[A-HJ-NPR-Za-hj-npr-z0-9]{17}',
        formatHint: t.vinHint,
        parse: (raw) => raw.trim().toUpperCase(),
        changed: () => void this.#decode(vehicle, i),
        check: () => (vehicle.year && vehicle.make && vehicle.model ? undefined : t.vinNeeded),
        readonly: pageCar,
      })}
      ${
        pageCar
          ? nothing
          : html`<div class="wide">
        <button type="button" part="button" ?disabled=${ui.decoding} @click=${() => void this.#decode(vehicle, i)}>${t.lookUp}</button>
      </div>`
      }
      <div class="wide vehicle-status" part="vehicle-status" role="status">
        ${ui.decoding ? html`<p>${t.lookingUp}</p>` : nothing}
        ${found ? html`<p class="found">${t.found(found)}</p>` : nothing}
        ${ui.decoded?.warning ? html`<p class="warning">${t.vinMistyped}</p>` : nothing}
        ${ui.decoded?.unacceptable ? html`<p class="danger">${ui.decoded.unacceptable}</p>` : nothing}
        ${ui.problem ? html`<p class="danger">${ui.problem}</p>` : nothing}
      </div>`;
  }

  #byList(vehicle: VehicleDraft, i: number) {
    const { t, form } = this;
    const at = (field: string) => `vehicles.${i}.${field}`;
    const state = this.#state;
    const { year, make, model } = vehicle;
    const years = state ? this.lookups.get<VehicleYears>('/v1/lookups/vehicles/years', { state }) : undefined;
    const list = (path: string, params: Record<string, string | number>) => this.lookups.get<LookupList>(path, { state, ...params });
    const makes = year ? list('/v1/lookups/vehicles/makes', { year }) : undefined;
    const models = year && make ? list('/v1/lookups/vehicles/models', { year, make }) : undefined;
    const bodies = year && make && model ? list('/v1/lookups/vehicles/bodystyles', { year, make, model }) : undefined;
    if (!years || [years, makes, models, bodies].some((entry) => entry?.error)) {
      // The insurer's lists do not cover this state (or cannot be had now): the shopper types the vehicle in.
      return html`<p class="hint wide">${t.listsUnavailable}</p>
        ${input(form, { path: at('year'), label: t.year, type: 'number', required: true, min: 1981, max: new Date().getFullYear() + 2 })}
        ${input(form, { path: at('make'), label: t.make, required: true })}
        ${input(form, { path: at('model'), label: t.model, required: true })}`;
    }
    return html`
      ${select(form, {
        path: at('year'),
        label: t.year,
        required: true,
        options: asOptions([...(years.value?.items ?? [])].reverse()),
        parse: Number,
        changed: () => this.#pick(vehicle, i, 'year'),
      })}
      ${select(form, { path: at('make'), label: t.make, required: true, options: asOptions(makes?.value?.items), changed: () => this.#pick(vehicle, i, 'make') })}
      ${select(form, { path: at('model'), label: t.model, required: true, options: asOptions(models?.value?.items), changed: () => this.#pick(vehicle, i, 'model') })}
      ${select(form, { path: at('bodyStyle'), label: t.bodyStyle, options: asOptions(bodies?.value?.items), changed: () => this.#pick(vehicle, i, 'bodyStyle') })}
      ${vehicle.vin ? nothing : html`<p class="hint wide">${t.vinForMore}</p>`}`;
  }

  #vehicle(vehicle: VehicleDraft, i: number) {
    const { t, form } = this;
    const at = (field: string) => `vehicles.${i}.${field}`;
    const ui = this.#uiOf(vehicle);
    const name = t.vehicleN(i + 1);
    form.group(name);
    const drivers = (this.journey.answers.draft.drivers ?? []).map(
      (d, n) => [String(n), [d.firstName, d.lastName].filter(Boolean).join(' ') || t.driverN(n + 1)] as const,
    );
    const mode = (value: VehicleUi['mode'], label: string) => html`<label class="choice-option">
      <input type="radio" name=${`mode-${i}`} .checked=${ui.mode === value}
        @change=${() => {
          ui.mode = value;
          this.requestUpdate();
        }} />
      ${label}
    </label>`;
    const pageCar = this.#isPageCar(vehicle, i, ui);
    return html`<fieldset part="fieldset">
      <legend id=${`v-${i}`} tabindex="-1">${name}</legend>
      ${
        pageCar
          ? this.#pageCarQuestion(vehicle, i)
          : html`<fieldset class="choice" part="choice">
        <legend>${t.findBy}</legend>
        ${mode('vin', t.byVin)} ${mode('list', t.byList)}
      </fieldset>`
      }
      <div class="grid">
        ${ui.mode === 'vin' ? this.#byVin(vehicle, i, ui, pageCar) : this.#byList(vehicle, i)}
        ${select(form, { path: at('ownership'), label: t.ownershipLabel, required: true, options: entries(t.ownership) })}
        ${select(form, {
          path: at('use'),
          label: t.useLabel,
          required: true,
          options: entries(t.use),
          changed: (use) => {
            if (use === 'commute') vehicle.commuteDaysPerWeek ??= 5;
          },
        })}
        ${input(form, { path: at('annualMileage'), label: t.mileage, type: 'number', required: true, min: 0, max: 200000 })}
        ${
          vehicle.use === 'commute'
            ? html`${input(form, { path: at('commuteMilesOneWay'), label: t.commuteMiles, type: 'number', required: true, min: 0, max: 500 })}
              ${input(form, { path: at('commuteDaysPerWeek'), label: t.commuteDays, type: 'number', required: true, min: 1, max: 7 })}`
            : nothing
        }
        ${select(form, { path: at('primaryDriver'), label: t.primaryDriver, required: true, options: drivers, parse: Number })}
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
    const vehicles = this.#vehicles.map((vehicle, i) => this.#vehicle(vehicle, i));
    const full = this.#vehicles.length >= MAX_ENTRIES;
    const { pageCarFirst, prefilledFrom } = this.journey.answers;
    return html`${this.heading()}
      ${pageCarFirst && prefilledFrom ? html`<p class="notice" part="notice">${t.pageCarFirst(prefilledFrom)}</p>` : nothing}
      <form part="form" novalidate @submit=${this.#handleSubmit}>
        ${form.summary()}${vehicles}
        <button type="button" class="add" part="button add-button" ?disabled=${full} @click=${() => this.#add()}>${t.addVehicle}</button>
        ${full ? html`<p class="hint">${t.maxReached}</p>` : nothing}
        ${this.nav()}
      </form>`;
  }
}
