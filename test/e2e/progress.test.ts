/**
 * The shopper never loses work, on the demo page in Debian's Chromium: the
 * answers of step 1 and 2 survive a reload (the page opens on step 2 with
 * them), a second tab opens where the first one is, the browser's Back and
 * Forward move between steps, and Close asks before it discards the answers,
 * which then are gone from the server as from the page. The answers are kept
 * on the server, sealed; the browser's storage holds none of them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerContactStep, type DemoPage, startDemoPage } from '../helpers/demo-page.ts';

let demo: DemoPage;

beforeAll(async () => {
  demo = await startDemoPage();
}, 120_000);

afterAll(() => demo?.close());

const heading = (page: Page, name: string) => page.getByRole('heading', { name }).waitFor();

/** The drafts the server holds, as stored. */
const storedDrafts = () =>
  demo.server.runtime.db.query<{ revision: number; body: string | null }>('SELECT revision, body FROM session_drafts');

/** Everything the page keeps in the browser's storage. */
const browserStorage = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));

describe('progress on the demo page', () => {
  it('survives a reload and a second tab, moves with Back and Forward, and is gone once the shopper discards it on Close', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${demo.url}/`);
    const pageHistory = await page.evaluate(() => history.length);

    // Step 1, whole; step 2, in part.
    await page.getByRole('button', { name: 'Get quotes' }).click();
    await answerContactStep(page);
    await heading(page, 'Drivers');
    await page.getByLabel('First name').fill('Maria');
    await page.getByLabel('Last name').fill('Garcia');
    await page.getByLabel('Date of birth').fill('1982-03-14');

    // At once, before the half second after the last key: the page's own leaving saves it (keepalive).
    await page.reload();
    await heading(page, 'Drivers');
    expect(await page.getByLabel('First name').inputValue()).toBe('Maria');
    expect(await page.getByLabel('Last name').inputValue()).toBe('Garcia');
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('1982-03-14');

    // Kept on the server, sealed; in the browser only the session's token.
    const [stored] = await storedDrafts();
    expect(stored!.body).toMatch(/^ck1\./);
    const storage = await browserStorage(page);
    for (const answer of ['maria', 'Garcia', '1982-03-14', 'Red River', '5550147']) expect(storage).not.toContain(answer);

    // A second tab opens where the shopper is, with the same answers.
    const second = await context.newPage();
    await second.goto(`${demo.url}/`);
    await heading(second, 'Drivers');
    expect(await second.getByLabel('First name').inputValue()).toBe('Maria');
    await second.close();

    // The browser's Back goes to step 1, with its answers; Forward to step 2 again.
    await page.goBack();
    await heading(page, 'Contact and address');
    expect(await page.getByLabel('Email').inputValue()).toBe('maria.garcia@example.com');
    expect(await page.getByLabel('Street address').inputValue()).toBe('4801 Red River St');
    await page.goForward();
    await heading(page, 'Drivers');
    expect(await page.getByLabel('First name').inputValue()).toBe('Maria');

    // Close asks first; keeping the answers keeps the step.
    await page.getByRole('button', { name: 'Close' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Close and discard your answers?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep my answers' }).click();
    expect(await ask.count()).toBe(0);
    expect(await page.getByLabel('First name').inputValue()).toBe('Maria');

    // Discarding: the greeting, no draft on the server, no token in the browser, the page's history as it was.
    await page.getByRole('button', { name: 'Close' }).click();
    await ask.getByRole('button', { name: 'Discard my answers' }).click();
    await page.getByRole('button', { name: 'Get quotes' }).waitFor();
    await expect.poll(async () => (await storedDrafts()).map((d) => d.body)).toEqual([null]);
    expect(await browserStorage(page)).toBe('{}');
    await expect.poll(() => page.evaluate(() => (history.state as { coverkit?: unknown } | null)?.coverkit)).toBeUndefined();
    expect(await page.evaluate(() => history.length)).toBeGreaterThanOrEqual(pageHistory);

    // A reload starts afresh, and so does the journey: nothing of the discarded answers.
    await page.reload();
    await page.getByRole('button', { name: 'Get quotes' }).click();
    await heading(page, 'Contact and address');
    expect(await page.getByLabel('Email').inputValue()).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
