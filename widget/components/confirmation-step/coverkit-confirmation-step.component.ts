/**
 * <coverkit-confirmation-step>: the quote the shopper chose, its price, and
 * how to buy it (the carrier's page or phone when the quote has them, else the
 * dealer). Nothing is submitted from here yet: see Journey.submitSelection.
 *
 * Rendered by <coverkit-widget> into its shadow root.
 *
 * @csspart confirmation - The chosen quote's card.
 * @csspart purchase-link - The link to the carrier's purchase page.
 */
import { html, nothing } from 'lit';
import { formatPhone } from '../../internal/format.ts';
import { StepElement } from '../../internal/step.ts';
import { priceOf } from '../quotes-step/coverkit-quotes-step.component.ts';

export class CoverkitConfirmationStep extends StepElement {
  override render() {
    const { t, journey } = this;
    const quote = journey.selected;
    if (!quote) return nothing;
    return html`${this.heading(t.chosenTitle)}
      <div class="confirmation" part="confirmation">
        <h3>${t.chosen(quote.carrierName)}</h3>
        ${priceOf(quote, t, this.intl)}
        ${quote.purchaseUrl
          ? html`<p><a class="button primary" part="button primary-button purchase-link" href=${quote.purchaseUrl} target="_blank" rel="noopener noreferrer"
              >${t.buyOnline(quote.carrierName)}<span class="sr-only"> ${t.opensNewTab}</span></a></p>`
          : nothing}
        ${quote.purchasePhone ? html`<p>${t.callToBuy} <a href=${`tel:${quote.purchasePhone}`}>${formatPhone(quote.purchasePhone)}</a></p>` : nothing}
        ${quote.purchaseUrl || quote.purchasePhone ? nothing : html`<p>${t.dealerNext(journey.session?.dealer.name ?? '')}</p>`}
      </div>
      <div class="nav">
        <button type="button" part="button" @click=${() => journey.go('quotes')}>${t.backToQuotes}</button>
      </div>`;
  }
}
