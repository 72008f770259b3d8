/**
 * The widget's code in parts, on the demo page in Debian's Chromium: the
 * greeting paints from the first chunk alone, the steps' chunk comes after it,
 * pinned by the integrity the loader carries (a byte changed on the way and the
 * browser refuses it: the shopper reads "Try again", never a half-working
 * form), and a page whose Content-Security-Policy allows only its own and the
 * Coverkit host's scripts runs the widget without a single violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPage, startDemoPage } from '../helpers/demo-page.ts';

let demo: DemoPage;

beforeAll(async () => {
  demo = await startDemoPage();
}, 120_000);

afterAll(async () => {
  await demo?.close();
});

/** The widget files the page asked for, by name without its hash, in order. */
function widgetRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path === '/coverkit.js' || path.startsWith('/widget/')) seen.push(path.replace(/-[\w-]{8,}\.js$/, '.js'));
  });
  return seen;
}

describe('the widget in chunks', () => {
  it('paints the greeting from its first chunk, then loads the steps pinned by their integrity', async () => {
    const page = await demo.browser.newPage();
    const requests = widgetRequests(page);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text());
    });
    // The steps' chunk is held back: the greeting must paint without it.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/widget/steps-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(demo.url);
    const greeting = page.getByRole('button', { name: 'Get quotes' });
    await greeting.waitFor();
    expect(requests.slice(0, 2)).toEqual(['/coverkit.js', '/widget/coverkit.js']);
    release();

    // Behind the greeting, the steps arrive through a <link rel=modulepreload> with the integrity the loader carries.
    await page.waitForFunction(() => customElements.get('coverkit-contact-step') !== undefined);
    const pinned = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) => ({
        href: link.href,
        integrity: link.integrity,
      })),
    );
    const manifest = (await (await fetch(`${demo.url}/widget/manifest.json`)).json()) as { files: Record<string, string> };
    const steps = pinned.find((link) => /\/widget\/steps-/.test(link.href));
    expect(steps, 'the steps chunk is pinned').toBeDefined();
    expect(steps!.integrity).toBe(manifest.files[new URL(steps!.href).pathname]);
    expect(requests).not.toContain('/widget/spanish.js');

    await greeting.click();
    await page.getByRole('heading', { name: /Contact and address/ }).waitFor();
    expect(violations, 'the demo page (script-src self) reports no violation').toEqual([]);
    await page.close();
  });

  it('refuses a steps chunk whose bytes differ from its integrity, and says it could not go on', async () => {
    const page = await demo.browser.newPage();
    await page.route('**/widget/steps-*.js', async (route) => {
      const response = await route.fetch();
      const body = `${await response.text()}\n// changed on the way`;
      await route.fulfill({ response, body, headers: { ...response.headers(), 'content-length': String(Buffer.byteLength(body)) } });
    });
    await page.goto(demo.url);
    await page.getByRole('button', { name: 'Get quotes' }).click();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    expect(await page.evaluate(() => customElements.get('coverkit-contact-step'))).toBeUndefined();
    await page.close();
  });

  it('loads the Spanish strings, pinned too, before a Spanish page paints', async () => {
    const page = await demo.browser.newPage();
    const requests = widgetRequests(page);
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        document.documentElement.lang = 'es';
      });
    });
    await page.goto(demo.url);
    await page.getByRole('button', { name: 'Obtener cotizaciones' }).waitFor();
    expect(requests).toContain('/widget/spanish.js');
    const spanish = await page.evaluate(
      () => document.querySelector<HTMLLinkElement>('link[rel="modulepreload"][href*="/widget/spanish-"]')?.integrity,
    );
    expect(spanish).toMatch(/^sha384-/);
    await page.close();
  });
});
