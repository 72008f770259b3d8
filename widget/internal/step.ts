/**
 * What the journey's steps have in common: they are views of the one Journey,
 * which they consume from <coverkit-widget> through @lit/context (subscribed:
 * a change to the journey renders the step again), speak through a
 * LocalizeController in the widget's language, and render into the widget's
 * own shadow root rather than one of their own, so a single stylesheet and one
 * set of `::part`s theme every step.
 */
import { ContextConsumer } from '@lit/context';
import { type CSSResultOrNative, html, LitElement, nothing, type PropertyValues } from 'lit';
import formStyles from './form.styles.ts';
import { journeyContext } from './journey/context.ts';
import type { Journey } from './journey/journey.ts';
import { LocalizeController } from './localize.ts';

export class StepElement extends LitElement {
  /** Added to the widget's shadow root when the step is shown (a step's own list starts with these). */
  static override styles: CSSResultOrNative | CSSResultOrNative[] = formStyles;

  readonly #journey = new ContextConsumer(this, { context: journeyContext, subscribe: true });
  readonly i18n = new LocalizeController(this);

  /** The shopper's journey: answers, navigation, quotes, submission. */
  get journey(): Journey {
    const journey = this.#journey.value;
    if (!journey) throw new Error(`<${this.localName}> is shown only inside <coverkit-widget>`);
    return journey;
  }

  /** en or es: the widget's. */
  get locale(): string | undefined {
    return this.#journey.value?.locale;
  }

  get t() {
    return this.i18n.t;
  }

  get intl() {
    return this.i18n.intl;
  }

  /** A step the shopper has just left renders no more: it would show (and default) answers that are no longer its own. */
  protected override shouldUpdate(_changed: PropertyValues) {
    return this.#journey.value?.nav.tag === this.localName;
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptInto(this.getRootNode(), (this.constructor as typeof LitElement).elementStyles);
  }

  /** The step's heading (its title from the step registry unless given): focused when the step opens, so screen readers start here. */
  protected heading(title = this.journey.nav.title(this.t)) {
    const at = this.journey.nav.position;
    return html`<h2 class="step-title" part="title" tabindex="-1">${
      at ? html`<span class="eyebrow" part="step-count">${this.t.stepOf(at.n, at.of)}</span> ` : nothing
    }${title}</h2>`;
  }

  /** Continue (submits the step's form) and Back; Continue comes first for keyboard users. */
  protected nav(primary = this.t.continue, busy = false) {
    return html`<div class="nav">
      <button type="submit" class="primary" part="button primary-button" ?disabled=${busy}>${primary}</button>
      <button type="button" part="button" @click=${() => this.journey.nav.back()}>${this.t.back}</button>
    </div>`;
  }
}

/** A step (or a part of one) renders into the widget's shadow root, so its own `static styles` are added there, once, after the widget's. */
export function adoptInto(root: Node, styles: CSSResultOrNative[]) {
  if (!(root instanceof ShadowRoot)) return;
  const sheets = styles
    .map((style) => (style instanceof CSSStyleSheet ? style : style.styleSheet))
    .filter((sheet): sheet is CSSStyleSheet => sheet !== undefined && !root.adoptedStyleSheets.includes(sheet));
  if (sheets.length > 0) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
}
