/**
 * <coverkit-quotes-step>: every insurer's answer as it arrives, in a list that
 * holds still under the shopper's finger. Priced offers keep their place once
 * shown and new ones join at the end (with a quiet "N new offers: sort"); the
 * list is sorted once when all are in, unless the shopper chose an order. Each
 * offer shows its price for a like-for-like comparison — by the month and in
 * all, the term named beside it, what is due today — the coverage it was
 * priced for and its badges. Insurers still answering wait below; those that
 * could not quote are folded away with their reasons in plain words. A polite
 * live region announces arrivals, and a changed answer marks the prices out
 * of date until the shopper asks again.
 *
 * Rendered by <coverkit-widget> into its shadow root.
 *
 * @csspart quote-list - The list of priced offers.
 * @csspart quote-card - Each insurer's quote.
 * @csspart quote-price - The monthly price of a quote.
 * @csspart quote-badge - "Lowest total" / "Lowest monthly" on an offer.
 * @csspart choose-button - "Choose" on each priced quote.
 * @csspart quotes-status - "Asking insurers… / All quotes are in".
 * @csspart sort - The "Sort by" control.
 * @csspart declines - "N insurers could not quote" and their reasons.
 * @csspart alert - Connection problems, and prices out of date.
 */
import { html, nothing } from 'lit';
import type { Coverage } from '../../../contract/applicant.ts';
import type { Quote } from '../../../contract/quote.ts';
import type { QuoteStream } from '../../api/quote-stream.ts';
import { money } from '../../internal/format.ts';
import type { Messages } from '../../internal/localize.ts';
import { lowestBy, monthlyAmount, QUOTE_SORTS, QuoteOrder, type QuoteSort } from '../../internal/quote-order.ts';
import { quoteReason } from '../../internal/quote-reasons.ts';
import { StepElement } from '../../internal/step.ts';
import { resultStyles } from '../result.styles.ts';

/** "Priced for: $100,000/$300,000 bodily injury, $100,000 property damage · $500 comprehensive, $500 collision deductible". */
function ratedFor(coverage: Coverage, t: Messages, intl: string): string {
  const whole = (cents: number) => money(cents, intl, true);
  const deductibles = new Set(
    coverage.vehicles.map((v) =>
      t.ratedDeductibles(
        v.comprehensiveDeductibleCents === null ? undefined : whole(v.comprehensiveDeductibleCents),
        v.collisionDeductibleCents === null ? undefined : whole(v.collisionDeductibleCents),
      ),
    ),
  );
  const { perPerson, perAccident } = coverage.bodilyInjuryCents;
  return t.ratedFor([t.ratedLiability(whole(perPerson), whole(perAccident), whole(coverage.propertyDamageCents)), ...deductibles]);
}

/** A priced quote's amounts, all for its one term: by the month, due today, and in all (by the month and paid in full). */
export function priceOf(quote: Quote, t: Messages, intl: string) {
  const price = quote.price;
  if (!price) return nothing;
  return html`<p class="price" part="quote-price">
      <strong>${money(monthlyAmount(price), intl)}</strong> ${t.perMonth} <span class="term">${t.policyTerm(price.termMonths)}</span>
    </p>
    <p class="plans">
      <span>${t.downPayment(money(price.downPaymentCents, intl))}</span>
      ${
        price.installments !== undefined && price.monthlyTotalCents !== undefined
          ? html`<span>${t.monthlyPlan(price.installments, money(price.monthlyTotalCents, intl))}</span>`
          : nothing
      }
      <span>${t.payInFull(money(price.totalCents, intl), price.termMonths)}</span>
    </p>`;
}

/**
 * The order each quote request's priced offers are shown in, by its stream: kept
 * while the shopper goes to a quote and back (this step's element is new on
 * each visit), and new with each request.
 */
const orders = new WeakMap<QuoteStream, QuoteOrder>();
function orderOf(stream: QuoteStream | undefined): QuoteOrder {
  if (!stream) return new QuoteOrder();
  let order = orders.get(stream);
  if (!order) orders.set(stream, (order = new QuoteOrder()));
  return order;
}

export class CoverkitQuotesStep extends StepElement {
  static override styles = resultStyles;

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

  /** Arrivals are announced together, at most once a second, with the lowest monthly price so far. */
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
      this.#announcement = t.allIn(
        quotes.filter((q) => q.status === 'complete').length,
        Math.max(quotes.length, this.journey.quotes.asked),
      );
      return;
    }
    if (fresh.length === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const now = [...(this.journey.quotes.stream?.quotes.values() ?? [])];
      const arrived = now.filter((q) => q.status !== 'pending' && !this.#announced.has(q.id));
      if (arrived.length === 0 || this.#doneAnnounced) return;
      for (const q of arrived) this.#announced.add(q.id);
      const monthly = now.flatMap((q) => (q.price ? [monthlyAmount(q.price)] : []));
      const amount = monthly.length > 0 ? money(Math.min(...monthly), this.intl) : undefined;
      this.#announcement = this.t.arrived(arrived.length, amount);
      this.requestUpdate();
    }, 1000);
  }

  /** Sorts the list; `fromButton` when the "new offers" button asked, which is gone once the list is sorted. */
  #sort(by: QuoteSort, fromButton = false) {
    orderOf(this.journey.quotes.stream).sort(this.#priced(), by);
    this.#announcement = this.t.sortedBy(this.t.sorts[by]);
    this.requestUpdate();
    // The button's focus would be lost with it: the shopper carries on from the top of the list. The
    // select keeps its focus, so arrow keys go on choosing.
    if (fromButton) void this.updateComplete.then(() => this.querySelector<HTMLElement>('.quotes')?.focus());
  }

  #priced(): Quote[] {
    return [...(this.journey.quotes.stream?.quotes.values() ?? [])].filter((q) => q.status === 'complete');
  }

  #offer(quote: Quote, badges: { total: Set<string>; monthly: Set<string> }, outOfDate: boolean, sharedCoverage: boolean) {
    const t = this.t;
    const earned = [badges.total.has(quote.id) ? t.lowestTotal : '', badges.monthly.has(quote.id) ? t.lowestMonthly : ''].filter(Boolean);
    return html`<li class="quote complete" part="quote-card">
      <h3>${quote.carrierName}</h3>
      ${earned.length > 0 ? html`<p class="badges">${earned.map((b) => html`<span class="badge" part="quote-badge">${b}</span>`)}</p>` : nothing}
      ${priceOf(quote, t, this.intl)}
      ${quote.coverage && !sharedCoverage ? html`<p class="rated">${ratedFor(quote.coverage, t, this.intl)}</p>` : nothing}
      <button type="button" class="primary" part="button primary-button choose-button" ?disabled=${outOfDate}
        @click=${() => this.journey.submission.choose(quote)}>
        ${t.chooseQuote}<span class="sr-only"> ${quote.carrierName}</span>
      </button>
    </li>`;
  }

  #unanswered(quote: Quote) {
    const t = this.t;
    if (quote.status === 'pending') {
      return html`<li class="quote pending" part="quote-card" aria-busy="true">
        <h3>${quote.carrierName}</h3>
        <div class="shimmer" aria-hidden="true"></div>
      </li>`;
    }
    return html`<li class="quote ${quote.status}" part="quote-card">
      <h3>${quote.carrierName}</h3>
      <p class="reason">
        <strong>${quote.status === 'declined' ? t.declined : t.quoteFailed}:</strong> ${quoteReason(quote, t, this.journey.answers.draft)}
      </p>
    </li>`;
  }

  #sortControl(order: QuoteSort) {
    const t = this.t;
    return html`<div class="sort" part="sort">
      <label for="quote-sort">${t.sortBy}</label>
      <select id="quote-sort" .value=${order} @change=${(e: Event) => this.#sort((e.target as HTMLSelectElement).value as QuoteSort)}>
        ${QUOTE_SORTS.map((by) => html`<option value=${by} ?selected=${by === order}>${t.sorts[by]}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const { t, journey } = this;
    const run = journey.quotes;
    const stream = run.stream;
    const all = [...(stream?.quotes.values() ?? [])];
    const done = stream?.status === 'done';
    const order = orderOf(stream);
    const offers = order.arrange(
      all.filter((q) => q.status === 'complete'),
      done,
    );
    const pending = all.filter((q) => q.status === 'pending').sort((a, b) => a.carrierName.localeCompare(b.carrierName));
    const declines = all
      .filter((q) => q.status === 'declined' || q.status === 'error')
      .sort((a, b) => a.carrierName.localeCompare(b.carrierName));
    // Insurers asked, from the moment the request was accepted, so the counter never reads "0 of 1".
    const asked = Math.max(all.length, run.asked);
    const answered = all.length - pending.length;
    const badges = { total: lowestBy(offers, 'total'), monthly: lowestBy(offers, 'monthly') };
    const outOfDate = run.outOfDate;
    // Every offer priced for the same coverage (the one asked for) says so once, above the list, not on each card.
    const rated = new Set(offers.map((q) => (q.coverage ? ratedFor(q.coverage, t, this.intl) : '')));
    const sharedCoverage = rated.size === 1 && !rated.has('') ? [...rated][0] : undefined;
    return html`${this.heading()}
      <p class="quotes-status ${done ? 'done' : ''}" part="quotes-status">
        ${done ? t.allIn(offers.length, asked) : t.asking(answered, asked)}
      </p>
      <div class="sr-only" aria-live="polite" aria-atomic="true">${this.#announcement}</div>
      ${
        outOfDate
          ? html`<div class="alert" part="alert" role="status">
            <p>${t.outOfDate}</p>
            <button type="button" class="primary" part="button primary-button" ?disabled=${run.submitting} @click=${() => run.request()}>
              ${t.requote}
            </button>
          </div>`
          : nothing
      }
      ${stream?.status === 'reconnecting' ? html`<p class="alert" part="alert" role="status">${t.reconnecting}</p>` : nothing}
      ${
        stream?.status === 'failed'
          ? html`<div class="alert" part="alert" role="alert">
            <p>${stream.error?.status === 401 ? t.sessionEnded : t.streamFailed}</p>
            ${stream.error?.status === 401 ? nothing : html`<button type="button" part="button" @click=${() => stream.start()}>${t.retry}</button>`}
          </div>`
          : nothing
      }
      ${done && offers.length === 0 ? html`<p>${t.noPrices}</p>` : nothing}
      ${offers.length > 1 ? this.#sortControl(order.by) : nothing}
      ${sharedCoverage ? html`<p class="rated">${sharedCoverage}</p>` : nothing}
      <ul class="quotes" part="quote-list" tabindex="-1" aria-label=${t.quotesTitle}>
        ${offers.map((quote) => this.#offer(quote, badges, outOfDate, !!sharedCoverage))}
      </ul>
      ${
        order.unsorted > 0
          ? html`<button type="button" class="link new-offers" part="button" @click=${() => this.#sort(order.by, true)}>
            ${t.newOffers(order.unsorted, t.sorts[order.by])}
          </button>`
          : nothing
      }
      ${
        pending.length > 0
          ? html`<h3 class="group">${t.waitingFor(pending.length)}</h3>
            <ul class="quotes waiting">${pending.map((quote) => this.#unanswered(quote))}</ul>`
          : nothing
      }
      ${
        declines.length > 0
          ? html`<details class="declines" part="declines">
            <summary>${t.couldNotQuote(declines.length)}</summary>
            <ul class="quotes">${declines.map((quote) => this.#unanswered(quote))}</ul>
          </details>`
          : nothing
      }
      <div class="nav">
        <button type="button" part="button" @click=${() => journey.nav.go('review')}>${t.changeAnswers}</button>
      </div>`;
  }
}
