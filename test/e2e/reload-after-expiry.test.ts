/**
 * A shopper who closes the demo page and comes back after the token it kept
 * has expired (tokens live 10 s here; 15 min in production) carries on in the
 * same session, on the step they were on, with their answers: the widget
 * trades the session's refresh key for a fresh token instead of starting a
 * new session. The browser's storage holds the token and the key, no answer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerContactStep, type DemoPage, startDemoPage } from '../helpers/demo-page.ts';
import { call } from '../helpers/http.ts';

let demo: DemoPage;

beforeAll(async () => {
  demo = await startDemoPage({ COVERKIT_TOKEN_TTL_SECONDS: '10' });
}, 120_000);

afterAll(() => demo?.close());

const heading = (page: Page, name: string) => page.getByRole('heading', { name }).waitFor();
const kept = (page: Page, prefix: string) =>
  page.evaluate((p) => Object.entries(localStorage).find(([key]) => key.startsWith(p))?.[1], prefix);
const sessionIds = async () => (await demo.server.runtime.db.query<{ id: string }>('SELECT id FROM sessions')).map((s) => s.id);

describe('a reload after the kept token expired', () => {
  it('carries on in the same session, on the same step, with the answers', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${demo.url}/`);
    await page.getByRole('button', { name: 'Get quotes' }).click();
    await answerContactStep(page);
    await heading(page, 'Drivers');
    await page.getByLabel('First name').fill('Maria');
    await expect.poll(() => kept(page, 'coverkit.refresh:')).toBeTruthy();
    const [session] = await sessionIds();

    // The shopper closes the page; the token it kept expires, and the server no longer takes or renews it.
    const token = (await kept(page, 'coverkit.session:'))!;
    await page.close();
    const renew = () =>
      call(`${demo.url}/v1/session/token`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, Origin: demo.url } });
    await expect.poll(async () => (await renew()).body?.error?.code, { timeout: 30_000, interval: 1_000 }).toBe('token_expired');

    // Back on the page: the same step, the same answers, the same session.
    const again = await context.newPage();
    again.on('pageerror', (e) => problems.push(String(e)));
    await again.goto(`${demo.url}/`);
    await heading(again, 'Drivers');
    expect(await again.getByLabel('First name').inputValue()).toBe('Maria');
    expect(await sessionIds()).toEqual([session]);
    // The fresh token keeps the progress: what is typed now survives the next reload.
    await again.getByLabel('Last name').fill('Garcia');
    await again.reload();
    await heading(again, 'Drivers');
    expect(await again.getByLabel('Last name').inputValue()).toBe('Garcia');
    await again.getByRole('button', { name: 'Back' }).click();
    await heading(again, 'Contact and address');
    expect(await again.getByLabel('Email').inputValue()).toBe('maria.garcia@example.com');
    expect(await sessionIds()).toEqual([session]);

    // Kept in the browser: the token and the key, never an answer.
    const storage = await again.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    for (const answer of ['maria', 'Garcia', 'Red River', '5550147']) expect(storage).not.toContain(answer);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
