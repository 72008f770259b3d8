/**
 * Every screen of the quote journey checked by axe-core (Deque's accessibility
 * engine, which reads into open shadow roots) at a phone's and a desktop's
 * width: WCAG 2.1 A and AA and axe's best practices, no violation allowed. A
 * rule axe cannot decide (colour contrast over a gradient, say) is "incomplete",
 * not a violation; those are listed in the failure message of any violation.
 */
import axe from 'axe-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { button, cleanUp, dealerSession, expectStep, field, mount, press, sessionToken, tabTo, waitForAllQuotes } from './shopper.ts';

afterEach(cleanUp);

/** axe's verdict on the page as it is now, as readable lines: rule, impact, what to fix, where. */
async function violations(): Promise<string[]> {
  const result = await axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    // The test page is a bare document around the widget (no <main>, no <h1>): those page-level rules are the dealer's page's, not ours.
    rules: { region: { enabled: false }, 'page-has-heading-one': { enabled: false }, 'landmark-one-main': { enabled: false } },
  });
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  );
}

async function expectAccessible(screen: string) {
  expect(await violations(), `axe on "${screen}"`).toEqual([]);
}

for (const [width, height] of [
  [390, 844],
  [1280, 900],
] as const) {
  describe(`the quote journey at ${width} px`, () => {
    it('has no accessibility violation on any screen, from the greeting to the thank-you', async () => {
      await page.viewport(width, height);
      const { sessionToken } = await dealerSession({ household: true });
      mount({ 'session-token': sessionToken, 'api-base': inject('apiBase') });
      await expect.element(button('Get quotes')).toBeVisible();
      await expectAccessible('greeting');
      await press(button('Get quotes'));
      for (const step of ['Contact and address', 'Drivers', 'Vehicles', 'Coverage', 'Review and get quotes']) {
        await expectStep(step);
        if (step === 'Coverage') await expect.element(field(/^Bodily injury/)).toBeVisible();
        await expectAccessible(step);
        if (step !== 'Review and get quotes') await press(button('Continue'));
      }
      await press(button('Get my quotes'));
      await expectStep('Your quotes');
      await waitForAllQuotes();
      await expectAccessible('quotes');
      await press(page.getByRole('button', { name: /^Choose / }).first());
      await expectStep('Your choice');
      await expectAccessible('choice');
      const consent = page.getByRole('checkbox');
      await tabTo(consent);
      await userEvent.keyboard(' ');
      await expectAccessible('choice, agreed');
      await press(page.getByRole('button', { name: /^Send to / }));
      await expectStep('Thank you');
      await expectAccessible('thank-you');
    }, 90_000);
  });
}

describe('the other screens', () => {
  it('has no accessibility violation with problems shown, on the policy sign-in or on the lookup', async () => {
    await page.viewport(390, 844);
    mount({ 'session-token': await sessionToken('email'), 'api-base': inject('apiBase') });
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    await press(button('Continue'));
    await expect.element(page.getByRole('alert').first()).toBeVisible();
    await expectAccessible('contact, with problems');
    cleanUp();

    mount({ 'session-token': await sessionToken('email'), 'api-base': inject('apiBase') });
    await press(button('Use my current policy'));
    await expect.element(field('Insurer')).toBeVisible();
    await expectAccessible('policy sign-in');
    cleanUp();

    mount({ 'session-token': await sessionToken('email'), 'api-base': inject('apiBase') });
    await press(button('Find my quote or policy'));
    await expectStep('Find your quote or policy');
    await expectAccessible('lookup');
  }, 60_000);
});
