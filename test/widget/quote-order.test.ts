/** The quote list's order on its own: cards keep their place, new ones join at the end, one sort when all are in. */
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../contract/quote.ts';
import { lowestBy, QuoteOrder } from '../../widget/internal/quote-order.ts';

const offer = (id: string, monthlyCents: number, totalCents: number, termMonths = 12, downPaymentCents = monthlyCents): Quote => ({
  id,
  vendor: 'coverhound',
  carrierCode: id,
  carrierName: id,
  status: 'complete',
  price: {
    termMonths,
    totalCents,
    downPaymentCents,
    monthlyCents,
    installments: termMonths - 1,
    monthlyTotalCents: monthlyCents * termMonths,
  },
});
const ids = (quotes: Quote[]) => quotes.map((q) => q.id);

describe('QuoteOrder', () => {
  it('keeps shown offers in place, adds new ones at the end, and sorts once when all are in', () => {
    const order = new QuoteOrder();
    const b = offer('b', 200, 2400);
    const c = offer('c', 300, 3600);
    const a = offer('a', 100, 1200);
    expect(ids(order.arrange([c, b], false))).toEqual(['b', 'c']);
    expect(ids(order.arrange([c, b, a], false))).toEqual(['b', 'c', 'a']);
    expect(order.unsorted).toBe(1);
    expect(ids(order.arrange([c, b, a], true))).toEqual(['a', 'b', 'c']);
    expect(order.unsorted).toBe(0);
    // Sorted once: nothing moves on later renders.
    expect(ids(order.arrange([c, b, a], true))).toEqual(['a', 'b', 'c']);
  });

  it('does not re-sort at the end for a shopper who chose an order', () => {
    const order = new QuoteOrder();
    const early = [offer('x', 300, 3600, 12, 50), offer('y', 100, 1200, 12, 500)];
    order.arrange(early, false);
    order.sort(early, 'down');
    const late = offer('z', 50, 600, 12, 10);
    expect(ids(order.arrange([...early, late], true))).toEqual(['x', 'y', 'z']);
    expect(order.unsorted).toBe(1);
    order.sort([...early, late]);
    expect(ids(order.arrange([...early, late], true))).toEqual(['z', 'x', 'y']);
  });

  it('compares totals over different terms per month of cover', () => {
    const sixMonths = offer('six', 110, 660, 6);
    const year = offer('year', 100, 1200, 12);
    expect([...lowestBy([sixMonths, year], 'total')]).toEqual(['year']);
    expect([...lowestBy([year], 'total')]).toEqual([]);
  });
});
