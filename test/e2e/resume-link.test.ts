/**
 * From the showroom kiosk to the shopper's phone, on the demo page in
 * Debian's Chromium: on a desktop-wide screen the shopper fills step 1 and
 * part of step 2, asks to finish on their phone and gets a QR code and a
 * link; opened in another browser (no shared storage, as a phone is) at
 * 390 px, the link opens the same step with the same answers, leaves no code
 * in the address bar, and cannot be opened a second time. Screenshots of the
 * QR view and the phone's resumed view go to .test-results/resume-link/.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUME_PARAMETER } from '../../contract/index.ts';
import { answerContactStep, type DemoPage, startDemoPage } from '../helpers/demo-page.ts';

const SHOTS = '.test-results/resume-link';
let demo: DemoPage;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemoPage();
}, 120_000);

afterAll(() => demo?.close());

const heading = (page: Page, name: string) => page.getByRole('heading', { name }).waitFor();

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's WCAG 2.1 A/AA and best-practice violations inside the widget, as readable lines (its contexts bypass the demo's CSP to inject axe). */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const result = await axe.run(
      { include: [['coverkit-widget']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    );
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} — ${JSON.stringify(n.target)}`));
  });
}

describe('continuing on the phone', () => {
  it('carries the answers and the step from a desktop to a phone through a one-time link, shown as a QR code', async () => {
    const kiosk = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await kiosk.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${demo.url}/?stock=R4-2019`);
    await page.getByRole('button', { name: 'Get quotes' }).click();
    await answerContactStep(page);
    await heading(page, 'Drivers');
    await page.getByLabel('First name').fill('Maria');
    await page.getByLabel('Last name').fill('Garcia');

    // At once, before the half second after the last key: asking for the link saves the answers first.
    await page.getByRole('button', { name: 'Finish on your phone' }).click();
    const panel = page.getByRole('region', { name: 'Finish on your phone' });
    const qr = panel.getByRole('img', { name: 'QR code that opens your answers on your phone' });
    await qr.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: what the shopper reads: CSS hides the phone's label
    expect(await page.evaluate(() => (document.activeElement?.shadowRoot?.activeElement as HTMLElement | null)?.innerText)).toBe(
      'Finish on your phone',
    );
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(180);
    const url = await panel.getByLabel('Or send yourself this link').inputValue();
    expect(url).toMatch(new RegExp(`^${demo.url}/\\?stock=R4-2019&${RESUME_PARAMETER}=rsm_[A-Za-z0-9_-]{22}$`));
    await panel.getByText(/The link works once, until \d{1,2}:\d{2}/).waitFor();
    expect(await violations(page)).toEqual([]);
    await panel.screenshot({ path: `${SHOTS}/qr-desktop.png` });
    await page.screenshot({ path: `${SHOTS}/qr-desktop-page.png`, fullPage: true });

    // The phone: another browser, nothing of the kiosk's storage, 390 px wide.
    const phone = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true });
    const mobile = await phone.newPage();
    mobile.on('pageerror', (e) => problems.push(String(e)));
    await mobile.goto(url);
    await heading(mobile, 'Drivers');
    expect(await mobile.getByLabel('First name').inputValue()).toBe('Maria');
    expect(await mobile.getByLabel('Last name').inputValue()).toBe('Garcia');
    expect(mobile.url()).toBe(`${demo.url}/?stock=R4-2019`);
    await mobile.screenshot({ path: `${SHOTS}/phone-resumed.png`, fullPage: true });

    // Back on the phone goes to step 1, with the kiosk's answers; a reload of the phone carries on in the session.
    await mobile.getByRole('button', { name: 'Back' }).click();
    await heading(mobile, 'Contact and address');
    expect(await mobile.getByLabel('Street address').inputValue()).toBe('4801 Red River St');
    await mobile.reload();
    await heading(mobile, 'Contact and address');
    expect(await mobile.getByLabel('Email').inputValue()).toBe('maria.garcia@example.com');

    // On a phone it is for carrying on elsewhere: the panel offers the link to copy, and no QR code.
    expect(await mobile.getByRole('button', { name: 'Finish on your phone' }).count()).toBe(0);
    await mobile.getByRole('button', { name: 'Send to another device' }).click();
    const narrow = mobile.getByRole('region', { name: 'Send to another device' });
    await narrow.getByRole('button', { name: 'Copy link' }).waitFor();
    expect(await narrow.getByRole('img').count()).toBe(0);
    expect(await violations(mobile)).toEqual([]);
    await narrow.screenshot({ path: `${SHOTS}/link-phone.png` });

    // The link opens once: a second phone gets the greeting, and is told why.
    const second = await (await demo.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await second.goto(url);
    await second.getByText('That link was already used: each link opens once.', { exact: false }).waitFor();
    await second.getByRole('button', { name: 'Get quotes' }).waitFor();
    expect(second.url()).toBe(`${demo.url}/?stock=R4-2019`);

    expect(problems).toEqual([]);
    await Promise.all([kiosk.close(), phone.close(), second.context().close()]);
  }, 90_000);
});
