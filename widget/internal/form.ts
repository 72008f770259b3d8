/**
 * FormController: what every form step shares. It writes answers into the
 * draft by path, checks them with native constraint validation (messages in
 * the shopper's language), shows the server's 400 field errors on the input
 * whose path they name (aria-invalid + aria-describedby), lists every problem
 * in a summary that takes focus, and forgets an error once its field changes.
 *
 * It runs on its host's lifecycle: before each render the fields are
 * forgotten and register again as they render; after a failed check the
 * summary takes focus. The field templates below render a labelled control
 * wired to the controller.
 */
import { html, nothing, type ReactiveController } from 'lit';
import { live } from 'lit/directives/live.js';
import { type FormStep, owns } from '../components/steps.ts';
import { getAt, setAt } from './draft.ts';
import { longDate } from './format.ts';
import type { StepElement } from './step.ts';

type Control = HTMLInputElement | HTMLSelectElement;

/** True when `path` is `field` or lies inside it. */
const within = (path: string, field: string) => path === field || path.startsWith(`${field}.`);

/** The id of the control showing `path`; ids stay unique because paths carry list positions. */
const controlId = (path: string) => `f-${path}`;

export class FormController implements ReactiveController {
  /** Problems found in the browser, by path. The server's are read from the journey. */
  readonly #errors = new Map<string, string>();
  /** Problems found as the shopper left a field: shown on the field only, the summary is for Continue. */
  readonly #leftErrors = new Map<string, string>();
  /** Labels of the controls rendered, in order, for the summary. */
  readonly #labels = new Map<string, string>();
  readonly #checks = new Map<string, (value: string) => string | undefined>();
  #focusSummary = false;
  #group?: string;

  /**
   * `step`: a quote-journey step, whose server errors are the journey's for the
   * paths it owns; or, for a form outside the quote journey (connect, lookup),
   * the record of server errors it shows, by field path.
   */
  constructor(
    readonly host: StepElement,
    private readonly step: FormStep | (() => Record<string, string[]>),
  ) {
    host.addController(this);
  }

  /** Where the server's errors for this form are kept. */
  get #source(): Record<string, string[]> {
    return typeof this.step === 'function' ? this.step() : this.host.journey.answers.serverErrors;
  }

  #owned(path: string) {
    return typeof this.step === 'function' || owns(this.step, path);
  }

  /** Before each render: the fields register themselves again as they render. */
  hostUpdate() {
    this.#labels.clear();
    this.#group = undefined;
  }

  hostUpdated() {
    if (!this.#focusSummary) return;
    this.#focusSummary = false;
    this.host.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  #serverErrors(): [string, string][] {
    return Object.entries(this.#source)
      .filter(([path]) => this.#owned(path))
      .map(([path, messages]) => [path, messages.join(' ')]);
  }

  /** The message for a field: the browser's check, else the server's for it and anything inside it (`coverage.bodilyInjuryCents.perPerson`). */
  error(path: string): string | undefined {
    const server = this.#serverErrors()
      .filter(([p]) => within(p, path))
      .map(([, message]) => message);
    return this.#errors.get(path) ?? this.#leftErrors.get(path) ?? (server.join(' ') || undefined);
  }

  /** Fields registered from now on belong to this group ("Driver 2"), which the summary names; undefined ends it. */
  group(name: string | undefined) {
    this.#group = name;
  }

  /** A field announces itself while rendering: its label (for the summary) and an extra check. */
  register(path: string, label: string, check?: (value: string) => string | undefined) {
    this.#labels.set(path, this.#group ? `${this.#group}: ${label}` : label);
    if (check) this.#checks.set(path, check);
    else this.#checks.delete(path);
  }

  /** The shopper changed a field: the draft takes the value and the field's error is forgotten. */
  set(path: string, value: unknown) {
    setAt(this.host.journey.answers.draft, path, value);
    this.forget(path);
  }

  /**
   * The shopper left a field: a value that cannot be right is said now, not when
   * they press Continue (an empty field waits for Continue, so tabbing through
   * the form does not scold).
   */
  checkLeft(control: Control) {
    if (control.value === '') return;
    const path = control.dataset.path as string;
    const message = this.#messageFor(control);
    if (message === this.#leftErrors.get(path)) return;
    if (message) this.#leftErrors.set(path, message);
    else this.#leftErrors.delete(path);
    this.host.requestUpdate();
  }

  forget(path: string) {
    this.#errors.delete(path);
    this.#leftErrors.delete(path);
    const source = this.#source;
    for (const p of Object.keys(source)) if (within(p, path)) delete source[p];
    this.host.requestUpdate();
  }

  /**
   * Checks every control of the step. The server's earlier messages for this
   * step have been shown; they are dropped here, and the server checks again
   * when the quotes are requested. True when the step can be left.
   */
  validate(): boolean {
    const source = this.#source;
    for (const [path] of this.#serverErrors()) delete source[path];
    this.#errors.clear();
    this.#leftErrors.clear();
    for (const control of this.host.querySelectorAll<Control>('[data-path]')) {
      const message = this.#messageFor(control);
      if (message) this.#errors.set(control.dataset.path as string, message);
    }
    this.host.requestUpdate();
    this.#focusSummary = this.#errors.size > 0;
    return this.#errors.size === 0;
  }

  #messageFor(control: Control): string | undefined {
    const { validity } = control;
    const t = this.host.t;
    const input = control as HTMLInputElement;
    const bound = (value: string) => (input.type === 'date' ? longDate(value, this.host.intl) : value);
    if (validity.valueMissing) return t.required;
    if (validity.badInput || validity.typeMismatch || validity.patternMismatch || validity.stepMismatch) {
      return control.dataset.hint || t.badFormat;
    }
    if (validity.rangeUnderflow) return (input.type === 'date' ? t.onOrAfter : t.atLeast)(bound(input.min));
    if (validity.rangeOverflow) return (input.type === 'date' ? t.onOrBefore : t.atMost)(bound(input.max));
    return this.#checks.get(control.dataset.path as string)?.(control.value);
  }

  #focus(path: string) {
    this.host.querySelector<HTMLElement>(`[id="${controlId(path)}"]`)?.focus();
  }

  /** Every problem on this step, linked to its field; rendered after the fields registered. */
  summary() {
    const items = new Map<string, string>();
    for (const [path, label] of this.#labels) {
      const message = this.#leftErrors.has(path) ? undefined : this.error(path);
      if (message) items.set(path, `${label} — ${message}`);
    }
    // Problems no field shows (a list as a whole, a hidden value) are listed without a link.
    for (const [path, message] of [...this.#errors, ...this.#serverErrors()]) {
      if (![...this.#labels.keys()].some((field) => within(path, field))) items.set(path, message);
    }
    if (items.size === 0) return nothing;
    return html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1">
      <h3>${this.host.t.problem}</h3>
      <ul>
        ${[...items].map(([path, text]) =>
          this.#labels.has(path)
            ? html`<li><button type="button" class="link" @click=${() => this.#focus(path)}>${text}</button></li>`
            : html`<li>${text}</li>`,
        )}
      </ul>
    </div>`;
  }
}

/** A record of option labels as select options, in their written order. */
export const entries = <K extends string>(record: Record<K, string>) => Object.entries(record) as [K, string][];

type FieldOptions = {
  path: string;
  label: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  /** Spans the whole row of the grid. */
  wide?: boolean;
  /** What the control shows, when it is not the draft's value as text. */
  value?: string;
  /** Turns what the shopper entered into the draft's value. */
  parse?: (raw: string) => unknown;
  /** Writes the value instead of the draft path (and forgets the error). */
  write?: (raw: string) => void;
  /** A check native validation cannot make, answering a message or undefined. */
  check?: (value: string) => string | undefined;
};

export type InputOptions = FieldOptions & {
  type?: 'text' | 'email' | 'tel' | 'date' | 'number' | 'password';
  inputmode?: string;
  pattern?: string;
  min?: string | number;
  max?: string | number;
  /** Shown as the format hint when the value does not fit `pattern` or `type`. */
  formatHint?: string;
  /** Called after every change (e.g. to look up a VIN once it is complete). */
  changed?: (raw: string) => void;
  /** Shown, not typed: a value the shopper confirms elsewhere (the page's car). */
  readonly?: boolean;
};

export type SelectOptions = FieldOptions & { options: Array<readonly [value: string, label: string]>; changed?: (raw: string) => void };

function frame(
  form: FormController,
  o: FieldOptions,
  control: (ids: { id: string; describedBy: string | typeof nothing; error?: string }) => unknown,
) {
  form.register(o.path, o.label, o.check);
  const id = controlId(o.path);
  const error = form.error(o.path);
  const describedBy = [o.hint ? `h-${id}` : '', error ? `e-${id}` : ''].filter(Boolean).join(' ') || nothing;
  return html`<div class="field ${o.wide ? 'wide' : ''}" part="field">
    <label for=${id} part="label">${o.label}${o.required ? nothing : html` <span class="optional">${form.host.t.optional}</span>`}</label>
    ${o.hint ? html`<p class="hint" id=${`h-${id}`} part="hint">${o.hint}</p>` : html`<span></span>`}
    ${control({ id, describedBy, error })}
    ${error ? html`<p class="field-error" id=${`e-${id}`} part="field-error">${error}</p>` : html`<span></span>`}
  </div>`;
}

function commit(form: FormController, o: FieldOptions, raw: string) {
  if (o.write) {
    o.write(raw);
    form.forget(o.path);
  } else {
    form.set(o.path, o.parse ? o.parse(raw) : raw);
  }
}

const current = (form: FormController, o: FieldOptions) => o.value ?? String(getAt(form.host.journey.answers.draft, o.path) ?? '');

/**
 * What an email address must look like: a dot in the domain, which the browser's
 * own `type=email` check does not ask for ("jane@example" passes it) but the server does.
 */
const EMAIL_PATTERN = '[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}';

/** A labelled input bound to a draft path. Numbers are stored as numbers. */
export function input(form: FormController, o: InputOptions) {
  const number = o.type === 'number';
  const parse = o.parse ?? (number ? (raw: string) => (raw === '' ? undefined : Number(raw)) : undefined);
  return frame(
    form,
    o,
    ({ id, describedBy, error }) => html`<input
    id=${id}
    part="input"
    data-path=${o.path}
    data-hint=${o.formatHint ?? nothing}
    type=${o.type ?? 'text'}
    .value=${live(current(form, o))}
    ?required=${o.required}
    ?readonly=${o.readonly}
    autocomplete=${o.autocomplete ?? nothing}
    inputmode=${o.inputmode ?? (number ? 'numeric' : nothing)}
    pattern=${o.pattern ?? (o.type === 'email' ? EMAIL_PATTERN : nothing)}
    min=${o.min ?? nothing}
    max=${o.max ?? nothing}
    aria-invalid=${error ? 'true' : nothing}
    aria-describedby=${describedBy}
    @input=${(e: Event) => {
      const raw = (e.target as HTMLInputElement).value;
      commit(form, { ...o, parse }, raw);
      o.changed?.(raw);
    }}
    @blur=${(e: Event) => form.checkLeft(e.target as HTMLInputElement)}
  />`,
  );
}

/** A labelled select bound to a draft path; an empty first choice until one is made. */
export function select(form: FormController, o: SelectOptions) {
  const value = current(form, o);
  return frame(
    form,
    o,
    ({ id, describedBy, error }) => html`<select
    id=${id}
    part="input"
    data-path=${o.path}
    ?required=${o.required}
    autocomplete=${o.autocomplete ?? nothing}
    aria-invalid=${error ? 'true' : nothing}
    aria-describedby=${describedBy}
    @change=${(e: Event) => {
      const raw = (e.target as HTMLSelectElement).value;
      commit(form, o, raw);
      o.changed?.(raw);
    }}
  >
    ${value === '' ? html`<option value="" selected>${form.host.t.choose}</option>` : nothing}
    ${(value === '' || o.options.some(([v]) => v === value) ? o.options : [...o.options, [value, value] as const]).map(
      ([v, label]) => html`<option value=${v} ?selected=${v === value}>${label}</option>`,
    )}
  </select>`,
  );
}

/** A checkbox bound to a boolean draft path. */
export function checkbox(form: FormController, o: { path: string; label: string }) {
  const id = controlId(o.path);
  const checked = getAt(form.host.journey.answers.draft, o.path) === true;
  return html`<div class="wide check" part="field">
    <input type="checkbox" id=${id} part="checkbox" .checked=${live(checked)}
      @change=${(e: Event) => form.set(o.path, (e.target as HTMLInputElement).checked)} />
    <label for=${id} part="label">${o.label}</label>
  </div>`;
}
