/**
 * The demo dealer page for end-to-end tests: the widget built from today's
 * sources, a real Coverkit server (sandbox vendors, embedded database) serving
 * the page, its dealer allow-listing the server's own origin, and Debian's
 * Chromium to open it as a shopper would.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { hashSecretKey } from '../../server/auth/secrets.ts';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { createSession } from './http.ts';
import { freePort, startTestServer, type TestServer } from './server.ts';

/** The demo page's dealer: its clientId is the one the page's `<coverkit-widget>` names. */
const DEMO_DEALER = { clientId: 'demo-dealer', name: 'Pleasantville Motors', secretKey: 'sk_e2e_demo_0123456789abcdefghijklmnop' };

export type DemoPage = {
  server: TestServer;
  browser: Browser;
  /** The page origin, which the demo dealer allow-lists. */
  url: string;
  /** A session made by the demo dealer's backend (secret key), bound to the page origin. */
  dealerSession: (body?: Record<string, unknown>) => Promise<{ sessionId: string; sessionToken: string }>;
  close: () => Promise<void>;
};

/** Starts it all; `env` is passed on to the server (e.g. a short token lifetime, fast sandbox quotes). */
export async function startDemoPage(env: Record<string, string> = {}): Promise<DemoPage> {
  // The page loads the built widget: build it (the build skips what was built from the same sources).
  await promisify(execFile)(process.execPath, ['scripts/build-widget.mjs']);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startTestServer({
    env: { PORT: String(port), ...env },
    dealers: [
      {
        clientId: DEMO_DEALER.clientId,
        name: DEMO_DEALER.name,
        secretKeySha256: hashSecretKey(DEMO_DEALER.secretKey),
        allowedOrigins: [url],
        products: ['quote', 'connect', 'lookup'],
      },
    ],
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    url,
    dealerSession: (body = {}) => createSession(url, { origin: url, ...body }, DEMO_DEALER),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Step 1 of the quote form as Maria Garcia answers it, from its heading to Continue. */
export async function answerContactStep(page: Page) {
  await page.getByRole('heading', { name: 'Contact and address' }).waitFor();
  await page.getByLabel('Email').fill('maria.garcia@example.com');
  await page.getByLabel('Phone').fill('(512) 555-0147');
  await page.getByLabel('Street address').fill('4801 Red River St');
  await page.getByLabel('ZIP code').fill('78751');
  // The city and state fill in from the ZIP code.
  await expect.poll(() => page.getByLabel('City').inputValue()).toBe('Austin');
  expect(await page.getByLabel('State', { exact: true }).inputValue()).toBe('TX');
  await page.getByLabel('Do you own or rent?').selectOption('own:home');
  await page.getByRole('button', { name: 'Continue' }).click();
}
