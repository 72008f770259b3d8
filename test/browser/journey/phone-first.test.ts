/**
 * Phone first, at 390 × 844 in real Chromium: every control a shopper taps is
 * at least 44 px each way (WCAG 2.5.5, Apple's and Google's guideline), on every
 * screen from the greeting to the thank-you; on the quotes screen at least two
 * priced offers are whole on screen without scrolling; and on every step
 * Continue is the first button Tab reaches and the visually primary one.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { button, cleanUp, dealerSession, expectStep, field, focused, mount, press, root, tabTo, waitForAllQuotes } from './shopper.ts';

afterEach(cleanUp);

const TARGET = 44;

/** Controls on screen smaller than a finger: their label and size. Checkboxes and radios count by their label, which is tappable too. */
function smallTargets(): string[] {
  const controls = root().querySelectorAll<HTMLElement>('button, a[href], select, input, textarea, summary');
  const small: string[] = [];
  for (const control of controls) {
    const { width, height } = control.getBoundingClientRect();
    if (width === 0 && height === 0) continue; // not shown
    const input = control as HTMLInputElement;
    const box =
      (input.type === 'checkbox' || input.type === 'radio') && input.labels?.[0]
        ? input.labels[0].getBoundingClientRect()
        : control.getBoundingClientRect();
    if (box.height < TARGET || box.width < TARGET) {
      const name = control.getAttribute('aria-label') ?? control.textContent?.replace(/\s+/g, ' ').trim() ?? control.id;
      small.push(
        `${control.tagName.toLowerCase()} "${name || control.outerHTML.slice(0, 60)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
      );
    }
  }
  return small;
}

/** In the step's actions Continue comes first in tab order (before Back), and no other button on screen looks like it. */
async function expectForwardFirst(name: string) {
  const forward = await button(name).findElement();
  const actions = [...root().querySelectorAll<HTMLButtonElement>('.nav button')];
  expect.soft(actions[0], "first of the step's actions").toBe(forward);
  const fill = getComputedStyle(forward).backgroundColor;
  const shown = [...root().querySelectorAll<HTMLButtonElement>('button')].filter(
    (b) => b !== forward && b.getBoundingClientRect().height > 0,
  );
  for (const other of shown)
    expect.soft(getComputedStyle(other).backgroundColor, `${other.textContent?.trim()} looks like ${name}`).not.toBe(fill);
}

describe('at 390 px', () => {
  it('has finger-sized controls on every screen, Continue first and primary, and two offers in view', async () => {
    await page.viewport(390, 844);
    const { sessionToken } = await dealerSession({ household: true });
    mount({ 'session-token': sessionToken, 'api-base': inject('apiBase') });
    await expect.element(button('Get quotes')).toBeVisible();
    expect.soft(smallTargets(), 'greeting').toEqual([]);
    await press(button('Get quotes'));
    for (const step of ['Contact and address', 'Drivers', 'Vehicles', 'Coverage']) {
      await expectStep(step);
      if (step === 'Coverage') await expect.element(field(/^Bodily injury/)).toBeVisible();
      expect.soft(smallTargets(), step).toEqual([]);
      await expectForwardFirst('Continue');
      await press(button('Continue'));
    }
    await expectStep('Review and get quotes');
    expect.soft(smallTargets(), 'review').toEqual([]);
    await press(button('Get my quotes'));
    await expectStep('Your quotes');
    await waitForAllQuotes();
    expect.soft(smallTargets(), 'quotes').toEqual([]);

    // Where the step puts the shopper (its heading in view): two whole offers fit on the screen.
    focused()?.scrollIntoView({ block: 'start' });
    const inView = [...root().querySelectorAll<HTMLElement>('[part~="quote-list"] > .quote')].filter((card) => {
      const box = card.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView.length, 'offers whole on a 390 × 844 screen').toBeGreaterThanOrEqual(2);

    await press(page.getByRole('button', { name: /^Choose / }).first());
    await expectStep('Your choice');
    expect.soft(smallTargets(), 'choice').toEqual([]);
    await tabTo(page.getByRole('checkbox'));
    await userEvent.keyboard(' ');
    await press(page.getByRole('button', { name: /^Send to / }));
    await expectStep('Thank you');
    expect.soft(smallTargets(), 'thank-you').toEqual([]);
  }, 90_000);
});
