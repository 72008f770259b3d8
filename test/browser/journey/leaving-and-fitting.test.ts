/**
 * The way out of every journey (Close → onExit with the step, then the
 * greeting again; a widget that could not start says why), and the new
 * screens on a 320 px phone.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ExitPayload } from '../../../contract/index.ts';
import { create } from '../../../widget/create.ts';
import {
  button,
  cleanUp,
  continueThroughPrefill,
  dealerSession,
  expectFocusOn,
  expectStep,
  field,
  focused,
  interceptFetch,
  press,
  recordEvents,
  tabTo,
  type,
  waitForAllQuotes,
} from './shopper.ts';

const apiBase = inject('apiBase');

afterEach(cleanUp);

function open(options: { sessionToken?: string; clientId?: string; locale?: string } = {}) {
  const exits: Array<{ error: ExitPayload['error']; metadata: ExitPayload['metadata'] }> = [];
  create({ clientId: 'acme-motors', ...options, apiBase, onExit: (error, metadata) => exits.push({ error, metadata }) }).open();
  return exits;
}

/** Close sits just before the step's heading: Shift+Tab from the heading reaches it. */
async function closeByKeyboard() {
  await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
  expect(focused()?.textContent?.trim()).toMatch(/Close$/);
  await userEvent.keyboard('{Enter}');
}

describe('leaving', () => {
  it('Close on a quote step asks first, then calls onExit with that step and brings the greeting back, answers discarded', async () => {
    const events = recordEvents();
    const exits = open();
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    await userEvent.fill(field('Email'), 'someone@example.com');
    await press(button('Continue'));
    await expect.element(page.getByRole('alert')).toBeVisible();
    await userEvent.click(page.getByRole('heading', { name: /Contact and address/ }));
    await closeByKeyboard();
    // Answers given: the widget asks, inside itself, with focus on the question; Escape keeps them.
    const ask = page.getByRole('alertdialog', { name: 'Close and discard your answers?' });
    await expect.element(ask).toBeVisible();
    await expectFocusOn('Close and discard your answers?');
    await userEvent.keyboard('{Escape}');
    await expect.element(ask).not.toBeInTheDocument();
    expect(exits).toEqual([]);
    await expect.element(field('Email')).toHaveValue('someone@example.com');
    await press(button('Close'));
    await press(button('Discard my answers'));
    // The answers are deleted on the server first, then the page hears onExit.
    await expect.poll(() => exits).toEqual([{ error: null, metadata: { sessionId: expect.stringMatching(/^ses_/), step: 'contact' } }]);
    expect(events.at(-1)).toMatchObject({ name: 'exit', step: 'contact' });
    await expectFocusOn('Insurance for your next car');
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    await expect.element(field('Email')).toHaveValue('');
  });

  it('Close while the policies are being read stops asking for them', async () => {
    let polls = 0;
    interceptFetch((url) => {
      if (/\/policies$/.test(url)) polls++;
      return undefined;
    });
    const exits = open();
    await press(button('Use my current policy'));
    await type(field('Insurer'), 'Allstate');
    await type(field('Username'), 'user_slow');
    await type(field('Password'), 'pass_good');
    await press(button('Connect'));
    await expectFocusOn('Reading your policies');
    await expect.poll(() => polls).toBeGreaterThan(0);
    await closeByKeyboard();
    expect(exits).toEqual([{ error: null, metadata: { sessionId: expect.stringMatching(/^ses_/), step: 'connect' } }]);
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(polls).toBe(after);
  });

  it('Close on the lookup calls onExit with step lookup', async () => {
    const exits = open({ locale: 'es' });
    await press(button('Buscar mi cotización o póliza'));
    await expectStep('Buscar tu cotización o póliza');
    await press(button(/Cerrar$/));
    expect(exits).toEqual([{ error: null, metadata: { sessionId: expect.stringMatching(/^ses_/), step: 'lookup' } }]);
    await expectFocusOn('Seguro para tu próximo auto');
  });

  it('a widget that cannot start says why, and Close reports the error', async () => {
    const exits = open({ clientId: 'unknown-dealer' });
    await expect.element(page.getByRole('alert')).toHaveTextContent('Insurance quotes are not available on this page.');
    await press(button('Close'));
    expect(exits).toEqual([{ error: { code: 'origin_not_allowed', message: expect.any(String) }, metadata: { step: 'start' } }]);
  });
});

describe('on a 320 px phone', () => {
  const fits = () => expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);

  it('the policy and lookup journeys, the confirmation and the thank-you fit', async () => {
    await page.viewport(320, 640);
    try {
      const { sessionToken } = await dealerSession({ household: true });
      open({ sessionToken });
      await press(button('Use my current policy'));
      await expectStep('Use your current policy');
      fits();
      await type(field('Insurer'), 'Liberty');
      await type(field('Username'), 'user_good');
      await type(field('Password'), 'pass_good');
      await press(button('Connect'));
      await expectFocusOn('Your policies with Liberty Mutual');
      fits();
      await press(button('Close'));

      await press(button('Find my quote or policy'));
      await expectStep('Find your quote or policy');
      fits();
      await type(field('Quote or policy number'), 'QPSSGA00001');
      await type(field('Date of birth'), '03051996');
      await press(button('Find'));
      await expectFocusOn('We found your quote or policy');
      fits();
      await press(button('Close'));

      await continueThroughPrefill();
      await waitForAllQuotes();
      await press(page.getByRole('button', { name: /^Choose / }).first());
      await expectStep('Your choice');
      fits();
      await tabTo(field('I agree to be contacted by Acme Motors about this quote'));
      await userEvent.keyboard(' ');
      await press(button('Send to Acme Motors'));
      await expectStep('Thank you');
      fits();
    } finally {
      await page.viewport(414, 896);
    }
  }, 60_000);
});
