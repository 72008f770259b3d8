/**
 * What the journey's steps have in common: they are views of the one Journey
 * (passed down by <coverkit-widget>), speak through a LocalizeController, and
 * render into the widget's own shadow root rather than one of their own, so a
 * single stylesheet and one set of `::part`s theme every step.
 */
import { html, LitElement, nothing } from 'lit';
import { FORM_STEPS, type FormStep } from './draft.ts';
import type { Journey } from './journey.ts';
import { LocalizeController } from './localize.ts';

export class StepElement extends LitElement {
  static override properties = {
    journey: { attribute: false },
    locale: { type: String },
    version: { type: Number },
  };

  /** The shopper's journey: answers, navigation, quotes. */
  declare journey: Journey;
  /** en or es, from the widget. */
  declare locale?: string;
  /** Bumped by the journey on every change, so the step re-renders. */
  declare version: number;

  readonly i18n = new LocalizeController(this);

  get t() {
    return this.i18n.t;
  }

  get intl() {
    return this.i18n.intl;
  }

  protected override createRenderRoot() {
    return this;
  }

  /** The step's heading: focused when the step opens, so screen readers start here. */
  protected heading(title: string, step?: FormStep) {
    const n = step ? FORM_STEPS.indexOf(step) + 1 : 0;
    return html`<h2 class="step-title" part="title" tabindex="-1">${
      n ? html`<span class="eyebrow" part="step-count">${this.t.stepOf(n, FORM_STEPS.length)}</span> ` : nothing
    }${title}</h2>`;
  }

  /** Continue (submits the step's form) and Back; Continue comes first for keyboard users. */
  protected nav(primary = this.t.continue, busy = false) {
    return html`<div class="nav">
      <button type="submit" class="primary" part="button primary-button" ?disabled=${busy}>${primary}</button>
      <button type="button" part="button" @click=${() => this.journey.back()}>${this.t.back}</button>
    </div>`;
  }
}
