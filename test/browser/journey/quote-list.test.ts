/**
 * The quote list a shopper compares on, in real Chromium against a real
 * server: cards hold still while answers stream in and are sorted once when
 * all are in; the counter knows how many insurers were asked from the start;
 * prices are like for like with the term named; badges, sorting, the folded
 * declines; and a changed answer marks the prices out of date.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import {
  button,
  cleanUp,
  continueThroughPrefill,
  expectStep,
  field,
  focused,
  mount,
  press,
  root,
  sessionToken,
  tabTo,
  waitForAllQuotes,
} from './shopper.ts';

const apiBase = inject('apiBase');
afterEach(cleanUp);

/** The priced offers in the order shown. */
const offers = () =>
  [...root().querySelectorAll<HTMLElement>('[part~="quote-list"] > .quote')].map((card) => {
    const text = card.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const amount = (re: RegExp) => Number((re.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));
    const months = amount(/paid in full for (\d+) months/);
    return {
      carrier: card.querySelector('h3')?.textContent?.trim() ?? '',
      text,
      monthly: amount(/\$([\d,.]+) a month/),
      dueToday: amount(/\$([\d,.]+) due today/),
      totalPerMonth: amount(/\$([\d,.]+) paid in full/) / months,
      badges: [...card.querySelectorAll('[part~="quote-badge"]')].map((b) => b.textContent?.trim()),
    };
  });

const ascending = (values: number[]) => values.every((v, i) => i === 0 || (values[i - 1] as number) <= v);

/** Records what the shopper saw while answers streamed: the order of the offers at each change, and the status line. */
function watchList() {
  const seen = { orders: [] as string[][], statuses: new Set<string>() };
  const observer = new MutationObserver(() => {
    if (root().querySelector('.quotes-status.done')) return;
    const status = root().querySelector('.quotes-status')?.textContent?.trim();
    if (status) seen.statuses.add(status);
    const order = offers().map((o) => o.carrier);
    if (order.join() !== seen.orders.at(-1)?.join()) seen.orders.push(order);
  });
  observer.observe(root(), { subtree: true, childList: true, characterData: true });
  return { seen, stop: () => observer.disconnect() };
}

describe('the quote list', () => {
  it('keeps every card in its place while answers arrive, counts against every insurer asked, and sorts once when all are in', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
    await press(button('Get quotes'));
    const { seen, stop } = watchList();
    for (const step of ['Contact and address', 'Drivers', 'Vehicles', 'Coverage']) {
      await expectStep(step);
      if (step === 'Coverage') await expect.element(field(/^Bodily injury/)).toBeVisible();
      await press(button('Continue'));
    }
    await expectStep('Review and get quotes');
    await press(button('Get my quotes'));
    await expectStep('Your quotes');
    await waitForAllQuotes();
    stop();

    // While streaming, an offer once shown never moved: each order is the one before with offers added at the end.
    expect(seen.orders.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.orders.length; i++) {
      const before = seen.orders[i - 1] as string[];
      expect((seen.orders[i] as string[]).slice(0, before.length)).toEqual(before);
    }
    // The counter knew from the start that 14 insurers were asked.
    const asking = [...seen.statuses].filter((s) => s.startsWith('Asking insurers…'));
    expect(asking.length).toBeGreaterThan(0);
    for (const status of asking) expect(status).toMatch(/ \d+ of 14 answered\.$/);

    // All in: sorted once, by the month; the lowest monthly and the lowest total (per month of cover) are badged.
    const list = offers();
    expect(list.length).toBeGreaterThanOrEqual(5);
    expect(ascending(list.map((o) => o.monthly))).toBe(true);
    expect(list.filter((o) => o.badges.includes('Lowest monthly')).map((o) => o.carrier)).toEqual([list[0]?.carrier]);
    const cheapestTotal = Math.min(...list.map((o) => o.totalPerMonth));
    for (const offer of list.filter((o) => o.badges.includes('Lowest total'))) expect(offer.totalPerMonth).toBe(cheapestTotal);
    expect(list.some((o) => o.badges.includes('Lowest total'))).toBe(true);
    // The coverage every price is for, said once above the list.
    await expect.element(page.getByText(/^Priced for: \$100,000\/\$300,000 bodily injury, \$100,000 property damage/)).toBeVisible();
    // No "new offers" affordance is left once the list is sorted.
    expect(root().querySelector('.new-offers')).toBeNull();
  }, 60_000);

  it('sorts by what is due today or the total on request, and folds away the insurers that could not quote', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
    await continueThroughPrefill();
    await waitForAllQuotes();

    // On the keyboard: the arrow keys go through the orders, the select keeping focus.
    await tabTo(field('Sort by'));
    await userEvent.keyboard('{ArrowDown}');
    await expect.poll(() => root().querySelector('[aria-live="polite"]')?.textContent).toBe('Sorted by lowest total.');
    expect(ascending(offers().map((o) => o.totalPerMonth))).toBe(true);
    await userEvent.keyboard('{ArrowDown}');
    await expect.poll(() => root().querySelector('[aria-live="polite"]')?.textContent).toBe('Sorted by lowest due today.');
    expect(ascending(offers().map((o) => o.dueToday))).toBe(true);
    expect(focused()?.id).toBe('quote-sort');

    // Declines are folded: the reasons show when the shopper opens them.
    const summary = page.getByText('2 insurers could not quote');
    await expect.element(summary).toBeVisible();
    await expect.element(page.getByText(/This insurer does not offer cover for these answers/)).not.toBeVisible();
    await press(summary);
    await expect.element(page.getByText('Not offered: This insurer does not offer cover for these answers.')).toBeVisible();
  }, 60_000);

  it('marks the prices out of date when the shopper changes an answer, and asks again on request', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
    await continueThroughPrefill();
    await waitForAllQuotes();
    const before = offers().map((o) => o.carrier);

    // Unchanged answers: back to the same quotes, nothing asked again.
    await press(button('Change my answers'));
    await expectStep('Review and get quotes');
    await press(button('Back to quotes'));
    await expectStep('Your quotes');
    expect(offers().map((o) => o.carrier)).toEqual(before);
    expect(root().querySelector('[part~="choose-button"]:disabled')).toBeNull();

    await press(button('Change my answers'));
    await expectStep('Review and get quotes');
    await press(page.getByRole('button', { name: /^Edit \d{4} / }).first());
    await expectStep('Vehicles');
    const miles = page.getByLabelText('Miles driven a year').nth(0);
    await userEvent.fill(miles, '20000');
    // Editing from the review goes straight back to it.
    await press(button('Continue'));
    await expectStep('Review and get quotes');
    await press(button('Back to quotes'));
    await expectStep('Your quotes');
    await expect.element(page.getByText('You changed your answers: these prices are for your earlier answers.')).toBeVisible();
    // No price for other answers can be chosen.
    const chooses = [...root().querySelectorAll<HTMLButtonElement>('[part~="choose-button"]')];
    expect(chooses.length).toBeGreaterThan(0);
    expect(chooses.every((b) => b.disabled)).toBe(true);

    await press(button('Update my quotes'));
    await waitForAllQuotes();
    await expect.element(page.getByText(/these prices are for your earlier answers/)).not.toBeInTheDocument();
    expect(root().querySelector('[part~="choose-button"]:disabled')).toBeNull();
  }, 90_000);
});
