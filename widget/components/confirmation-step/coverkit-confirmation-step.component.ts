/**
 * <coverkit-confirmation-step>: the quote the shopper chose and its price, and
 * sending it to the dealer: a checkbox to agree to be contacted (required) and
 * the submit button. The answer goes once whatever the clicks and retries (see
 * Submission.submit); a problem with an answer sends the shopper to the step that
 * shows it, any other failure is said plainly with "Try again". The carrier's
 * own purchase page or phone, when the quote has them, stay on offer.
 *
 * Rendered by <coverkit-widget> into its shadow root.
 *
 * @csspart confirmation - The chosen quote's card.
 * @csspart purchase-link - The link to the carrier's purchase page.
 * @csspart consent - The "I agree to be contacted" checkbox and its label.
 * @csspart submit-button - "Send to <dealer>".
 * @csspart alert - Why the quote could not be sent.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatPhone } from '../../internal/format.ts';
import { StepElement } from '../../internal/step.ts';
import { priceOf } from '../quotes-step/coverkit-quotes-step.component.ts';
import { resultStyles } from '../result.styles.ts';

export class CoverkitConfirmationStep extends StepElement {
  static override styles = resultStyles;

  #focusConsent = false;

  #handleSubmit(event: Event) {
    event.preventDefault();
    void this.#send();
  }

  async #send() {
    await this.journey.submission.submit();
    // Not agreed: focus goes to the checkbox, whose description now says why.
    if (this.journey.submission.consentMissing) {
      this.#focusConsent = true;
      this.requestUpdate();
    }
  }

  #handleConsent(event: Event) {
    this.journey.submission.agree((event.target as HTMLInputElement).checked);
  }

  protected override updated() {
    if (!this.#focusConsent) return;
    this.#focusConsent = false;
    this.querySelector<HTMLElement>('#consent')?.focus();
  }

  #problem(): string | undefined {
    const error = this.journey.submission.sendError;
    if (!error) return undefined;
    const t = this.t;
    if (error.status === 401) return t.sessionEnded;
    if (error.status === 429) return t.submitBusy;
    if (error.status === 0 || error.status >= 500 || error.status === 409) return t.submitFailed;
    return `${t.submitProblem} ${error.message}`;
  }

  override render() {
    const { t, journey } = this;
    const quote = journey.submission.selected;
    if (!quote) return nothing;
    const dealer = journey.session?.dealer.name ?? '';
    const missing = journey.submission.consentMissing;
    const problem = this.#problem();
    const direct = quote.purchaseUrl || quote.purchasePhone;
    return html`${this.heading()}
      <div class="confirmation" part="confirmation">
        <h3>${t.chosen(quote.carrierName)}</h3>
        ${priceOf(quote, t, this.intl)}
        ${direct ? html`<p class="direct">${t.buyDirect}</p>` : nothing}
        ${
          quote.purchaseUrl
            ? html`<p><a class="button" part="button purchase-link" href=${quote.purchaseUrl} target="_blank" rel="noopener noreferrer"
              >${t.buyOnline(quote.carrierName)}<span class="sr-only"> ${t.opensNewTab}</span></a></p>`
            : nothing
        }
        ${quote.purchasePhone ? html`<p>${t.callToBuy} <a href=${`tel:${quote.purchasePhone}`}>${formatPhone(quote.purchasePhone)}</a></p>` : nothing}
      </div>
      <form class="submit-form" part="form" novalidate @submit=${this.#handleSubmit}>
        <h3>${t.sendTitle(dealer)}</h3>
        <p>${t.sendIntro(dealer)}</p>
        <div class="check consent" part="consent">
          <input type="checkbox" id="consent" part="checkbox" .checked=${live(journey.submission.consent)}
            aria-invalid=${missing ? 'true' : nothing} aria-describedby=${missing ? 'e-consent' : nothing}
            @change=${this.#handleConsent} />
          <label for="consent" part="label">${t.consent(dealer)}</label>
        </div>
        ${missing ? html`<p class="field-error" id="e-consent" part="field-error">${t.consentNeeded}</p>` : nothing}
        ${
          problem
            ? html`<div class="alert" part="alert" role="alert">
              <p>${problem}</p>
              ${journey.submission.sendError?.status === 401 ? nothing : html`<button type="button" part="button" @click=${() => void this.#send()}>${t.retry}</button>`}
            </div>`
            : nothing
        }
        <p class="status" role="status">${journey.submission.sending ? t.submitting : ''}</p>
        <div class="nav">
          <button type="submit" class="primary" part="button primary-button submit-button" aria-disabled=${journey.submission.sending ? 'true' : nothing}>
            ${t.submit(dealer)}
          </button>
          <button type="button" part="button" @click=${() => journey.nav.go('quotes')}>${t.backToQuotes}</button>
        </div>
      </form>`;
  }
}
