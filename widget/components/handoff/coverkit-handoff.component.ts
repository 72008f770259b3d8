/**
 * <coverkit-handoff>: "Finish on your phone", for a shopper at a showroom
 * kiosk or a laptop. It saves the answers, then asks the server for a one-time
 * link to this page in this session (POST /v1/session/resume-link) and shows
 * it: as a QR code a phone's camera opens, on screens at least 600 px wide,
 * and as a link to copy. Opened on the phone, the widget there carries on
 * where the shopper is. The link works once, for a few minutes; the panel
 * says until when.
 *
 * Rendered by <coverkit-widget> below the steps of the quote form, into its
 * shadow root (so the widget's styles and `::part`s reach it).
 *
 * @csspart handoff-button - "Finish on your phone".
 * @csspart handoff - The panel with the QR code and the link.
 * @csspart qr-code - The QR code (screens at least 600 px wide).
 */
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ResumeLinkCreated } from '../../../contract/resume.ts';
import { journeyContext } from '../../internal/journey/context.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { adoptInto } from '../../internal/step.ts';
import handoffStyles from './coverkit-handoff.styles.ts';

type HandoffState =
  | { kind: 'closed' }
  | { kind: 'making' }
  | { kind: 'shown'; link: ResumeLinkCreated; copied?: 'copied' | 'selected' }
  | { kind: 'failed' };

export class CoverkitHandoff extends LitElement {
  static override properties = { state: { state: true } };
  static override styles = handoffStyles;

  declare state: HandoffState;
  readonly #journey = new ContextConsumer(this, { context: journeyContext });
  readonly #i18n = new LocalizeController(this);

  constructor() {
    super();
    this.state = { kind: 'closed' };
  }

  /** en or es: the widget's. */
  get locale(): string | undefined {
    return this.#journey.value?.locale;
  }

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptInto(this.getRootNode(), CoverkitHandoff.elementStyles);
  }

  /** Saves the answers first: the phone opens on what the server holds. */
  async #handleOpen() {
    const journey = this.#journey.value;
    if (!journey) return;
    this.state = { kind: 'making' };
    this.#focus('.handoff h3');
    try {
      await journey.progress.save();
      const link = await journey.api.createResumeLink({ pageUrl: window.location.href });
      this.state = { kind: 'shown', link };
    } catch {
      this.state = { kind: 'failed' };
    }
    this.#focus('.handoff h3');
  }

  #handleClose() {
    this.state = { kind: 'closed' };
    this.#focus('.handoff-open');
  }

  async #handleCopy() {
    if (this.state.kind !== 'shown') return;
    const { link } = this.state;
    try {
      await navigator.clipboard.writeText(link.url);
      this.state = { kind: 'shown', link, copied: 'copied' };
    } catch {
      // No clipboard here (a page on http, a refused permission): the link is selected for the keyboard's copy.
      this.querySelector<HTMLInputElement>('.handoff input')?.select();
      this.state = { kind: 'shown', link, copied: 'selected' };
    }
  }

  #focus(selector: string) {
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(selector)?.focus());
  }

  override render() {
    const t = this.#i18n.t;
    const state = this.state;
    if (state.kind === 'closed') {
      return html`<button type="button" class="handoff-open" part="button handoff-button" @click=${() => this.#handleOpen()}>
<span class="on-wide">${t.handoffButton}</span><span class="on-narrow">${t.handoffElsewhere}</span></button>`;
    }
    const time = (iso: string) => new Intl.DateTimeFormat(this.#i18n.intl, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
    return html`<section
      class="handoff"
      part="handoff"
      aria-labelledby="handoff-title"
      aria-busy=${state.kind === 'making'}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        // Escape closes this panel; in a modal it must not also close the dialog.
        e.preventDefault();
        this.#handleClose();
      }}
    >
      <h3 id="handoff-title" tabindex="-1"><span class="on-wide">${t.handoffTitle}</span><span class="on-narrow">${t.handoffElsewhere}</span></h3>
      ${state.kind === 'making' ? html`<p role="status">${t.handoffMaking}</p>` : nothing}
      ${state.kind === 'failed' ? html`<p class="error" role="alert">${t.handoffFailed}</p>` : nothing}
      ${
        state.kind === 'shown'
          ? // The SVG is our server's own drawing of the link (resume/qr.ts), from the server this code came from.
            html`<div class="qr" part="qr-code" role="img" aria-label=${t.handoffQr}>${unsafeHTML(state.link.qrSvg)}</div>
            <p class="qr-hint">${t.handoffScan}</p>
            <label class="link-field" part="field">
              <span part="label">${t.handoffLink}</span>
              <input part="input" type="url" readonly .value=${state.link.url} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
            </label>
            <p class="hint">${t.handoffOnce(time(state.link.expiresAt))}</p>
            <p role="status" class="copied">${state.copied === 'copied' ? t.handoffCopied : state.copied === 'selected' ? t.handoffSelected : ''}</p>`
          : nothing
      }
      <div class="actions">
        ${
          state.kind === 'shown'
            ? html`<button type="button" class="primary" part="button primary-button" @click=${() => this.#handleCopy()}>${t.handoffCopy}</button>`
            : state.kind === 'failed'
              ? html`<button type="button" part="button" @click=${() => this.#handleOpen()}>${t.retry}</button>`
              : nothing
        }
        <button type="button" part="button" @click=${() => this.#handleClose()}>${t.handoffDone}</button>
      </div>
    </section>`;
  }
}
