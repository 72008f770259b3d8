/**
 * The order a shopper sees priced offers in. A card keeps its place once it is
 * shown, so a tap meant for one insurer never lands on another while answers
 * stream in: new offers join at the end, and the list is sorted once, when all
 * are in, unless the shopper has chosen an order (or asked to sort) by then.
 *
 * Offers over different terms are compared per month of cover: a 6-month
 * policy's total is not "lower" than a 12-month one's for covering half the time.
 */
import type { Quote, QuotePrice } from '../../contract/quote.ts';

export const QUOTE_SORTS = ['monthly', 'total', 'down'] as const;
export type QuoteSort = (typeof QUOTE_SORTS)[number];

/** What a month of cover costs paid by the month: the installment, or the total spread over the term when only paying in full is offered. */
export const monthlyAmount = (price: QuotePrice) => price.monthlyCents ?? Math.round(price.totalCents / price.termMonths);

/** What an offer is compared by, for one way of sorting; offers without a price sort last. */
function sortValue(quote: Quote, by: QuoteSort): number {
  const price = quote.price;
  if (!price) return Number.POSITIVE_INFINITY;
  if (by === 'down') return price.downPaymentCents;
  if (by === 'total') return price.totalCents / price.termMonths;
  return monthlyAmount(price);
}

const compareBy =
  (by: QuoteSort) =>
  (a: Quote, b: Quote): number =>
    sortValue(a, by) - sortValue(b, by) || a.carrierName.localeCompare(b.carrierName);

/** The ids of the offers that are lowest by a measure (ties all win); none when fewer than two offers can be compared. */
export function lowestBy(quotes: readonly Quote[], by: QuoteSort): Set<string> {
  const priced = quotes.filter((q) => q.price);
  if (priced.length < 2) return new Set();
  const least = Math.min(...priced.map((q) => sortValue(q, by)));
  return new Set(priced.filter((q) => sortValue(q, by) === least).map((q) => q.id));
}

export class QuoteOrder {
  /** Ids of the priced offers, in the order shown. */
  #shown: string[] = [];
  /** The list was sorted when all answers were in (or the shopper sorted it before that). */
  #settled = false;
  /** How the list is (or will be) sorted. */
  by: QuoteSort = 'monthly';
  /** The shopper picked an order: answers that arrive later join at the end and wait for them to sort again. */
  chosen = false;
  /** Offers that joined at the end since the list was last sorted. */
  unsorted = 0;

  /** The priced offers in the order to show them: those shown keep their place, new ones join at the end (cheapest first among themselves). */
  arrange(priced: readonly Quote[], allIn: boolean): Quote[] {
    const shown = new Set(this.#shown);
    const fresh = priced.filter((q) => !shown.has(q.id)).sort(compareBy(this.by));
    if (fresh.length > 0) {
      if (this.#shown.length > 0) this.unsorted += fresh.length;
      this.#shown.push(...fresh.map((q) => q.id));
    }
    if (allIn && !this.#settled) {
      this.#settled = true;
      if (!this.chosen) this.#sort(priced);
    }
    const byId = new Map(priced.map((q) => [q.id, q]));
    return this.#shown.map((id) => byId.get(id)).filter((q): q is Quote => q !== undefined);
  }

  /** The shopper sorts the list: now, by `by`, and it is not re-sorted for them later. */
  sort(priced: readonly Quote[], by: QuoteSort = this.by) {
    this.by = by;
    this.chosen = true;
    this.#settled = true;
    this.#sort(priced);
  }

  #sort(priced: readonly Quote[]) {
    this.#shown = [...priced].sort(compareBy(this.by)).map((q) => q.id);
    this.unsorted = 0;
  }
}
