/**
 * <coverkit-quotes-step>: every carrier's answer as it arrives — a placeholder
 * while pending, then its price (monthly and paid in full), or why it declined
 * or could not answer, in plain words — cheapest first, with a polite live
 * region announcing arrivals and a clear state once all quotes are in.
 *
 * Rendered by <coverkit-widget> into its shadow root.
 *
 * @csspart quote-list - The list of quotes.
 * @csspart quote-card - Each carrier's quote.
 * @csspart quote-price - The monthly price of a quote.
 * @csspart choose-button - "Choose" on each priced quote.
 * @csspart quotes-status - "Asking insurers… / All quotes are in".
 * @csspart alert - Connection problems.
 */
import { html, nothing } from 'lit';
import type { Quote } from '../../../contract/quote.ts';
import { money, monthlyCost, payPlans, sortQuotes } from '../../internal/format.ts';
import type { Messages } from '../../internal/localize.ts';
import { quoteReason } from '../../internal/quote-reasons.ts';
import { StepElement } from '../../internal/step.ts';

/** A priced quote's amounts: the monthly installment, what goes down first, and the pay-in-full total. */
export function priceOf(quote: Quote, t: Messages, intl: string) {
  const { full, monthly } = payPlans(quote);
  return html`<p class="price" part="quote-price"><strong>${money(monthlyCost(quote), intl)}</strong> ${t.perMonth}</p>
    <p class="plans">
      ${monthly ? html`<span>${t.monthlyPlan(money(monthly.downPaymentCents, intl), monthly.installments)}</span>` : nothing}
      ${full ? html`<span>${t.payInFull(money(full.totalPremiumCents, intl), quote.termMonths ?? 12)}</span>` : nothing}
    </p>`;
}

export class CoverkitQuotesStep extends StepElement {
  /** Quotes whose answer was already announced. */
  #announced = new Set<string>();
  #announcement = '';
  #timer?: ReturnType<typeof setTimeout>;
  #doneAnnounced = false;

  override connectedCallback() {
    super.connectedCallback();
    // Coming back to the list (from the confirmation) announces only what is new.
    for (const quote of this.journey.quotes.stream?.quotes.values() ?? []) if (quote.status !== 'pending') this.#announced.add(quote.id);
    this.#doneAnnounced = this.journey.quotes.stream?.status === 'done';
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  /** Arrivals are announced together, at most once a second, with the lowest price so far. */
  protected override willUpdate() {
    const stream = this.journey.quotes.stream;
    if (!stream) return;
    const t = this.t;
    const quotes = [...stream.quotes.values()];
    const fresh = quotes.filter((q) => q.status !== 'pending' && !this.#announced.has(q.id));
    if (stream.status === 'done' && !this.#doneAnnounced) {
      this.#doneAnnounced = true;
      clearTimeout(this.#timer);
      for (const q of fresh) this.#announced.add(q.id);
      this.#announcement = t.allIn(quotes.filter((q) => q.status === 'complete').length, quotes.length);
      return;
    }
    if (fresh.length === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const now = [...(this.journey.quotes.stream?.quotes.values() ?? [])];
      const arrived = now.filter((q) => q.status !== 'pending' && !this.#announced.has(q.id));
      if (arrived.length === 0 || this.#doneAnnounced) return;
      for (const q of arrived) this.#announced.add(q.id);
      const cheapest = sortQuotes(now)[0];
      const amount = cheapest?.status === 'complete' ? money(monthlyCost(cheapest), this.intl) : undefined;
      this.#announcement = this.t.arrived(arrived.length, amount);
      this.requestUpdate();
    }, 1000);
  }

  #card(quote: Quote) {
    const t = this.t;
    const body =
      quote.status === 'complete'
        ? html`${priceOf(quote, t, this.intl)}
            <button type="button" class="primary" part="button primary-button choose-button" @click=${() => this.journey.submission.choose(quote)}>
              ${t.chooseQuote}<span class="sr-only"> ${quote.carrierName}</span>
            </button>`
        : quote.status === 'pending'
          ? html`<p class="muted">${t.waiting}</p><div class="shimmer" aria-hidden="true"></div>`
          : html`<p class="reason">
              <strong>${quote.status === 'declined' ? t.declined : t.quoteFailed}:</strong> ${quoteReason(quote, t, this.journey.answers.draft)}
            </p>`;
    return html`<li class="quote ${quote.status}" part="quote-card" aria-busy=${quote.status === 'pending' ? 'true' : 'false'}>
      <h3>${quote.carrierName}</h3>
      ${body}
    </li>`;
  }

  override render() {
    const { t, journey } = this;
    const stream = journey.quotes.stream;
    const quotes = sortQuotes(stream?.quotes.values() ?? []);
    const answered = quotes.filter((q) => q.status !== 'pending').length;
    const priced = quotes.filter((q) => q.status === 'complete').length;
    const done = stream?.status === 'done';
    return html`${this.heading()}
      <p class="quotes-status ${done ? 'done' : ''}" part="quotes-status">
        ${done ? t.allIn(priced, quotes.length) : t.asking(answered, quotes.length)}
      </p>
      <div class="sr-only" aria-live="polite" aria-atomic="true">${this.#announcement}</div>
      ${stream?.status === 'reconnecting' ? html`<p class="alert" part="alert" role="status">${t.reconnecting}</p>` : nothing}
      ${
        stream?.status === 'failed'
          ? html`<div class="alert" part="alert" role="alert">
            <p>${stream.error?.status === 401 ? t.sessionEnded : t.streamFailed}</p>
            ${stream.error?.status === 401 ? nothing : html`<button type="button" part="button" @click=${() => stream.start()}>${t.retry}</button>`}
          </div>`
          : nothing
      }
      ${done && priced === 0 ? html`<p>${t.noPrices}</p>` : nothing}
      <ul class="quotes" part="quote-list">${quotes.map((quote) => this.#card(quote))}</ul>
      <div class="nav">
        <button type="button" part="button" @click=${() => journey.nav.go('review')}>${t.changeAnswers}</button>
      </div>`;
  }
}
