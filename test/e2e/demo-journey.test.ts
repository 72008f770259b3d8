/**
 * The demo dealer page end to end: a real Coverkit server (sandbox vendors,
 * embedded database) serves the page under its strict CSP and the built
 * widget; Debian's Chromium opens it like a shopper would, gets live quotes,
 * sends the chosen one to the dealer and is thanked; the page hears
 * `coverkit-success`, and lists the dealer's webhooks, verified.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerContactStep, type DemoPage, startDemoPage } from '../helpers/demo-page.ts';

let demo: DemoPage;

beforeAll(async () => {
  demo = await startDemoPage({ SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' });
}, 120_000);

afterAll(() => demo?.close());

describe('the demo dealer page', () => {
  it('takes a shopper from the widget on the page to live quotes from both vendors, and sends the chosen one to the dealer', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));

    await page.goto(`${demo.url}/`);
    await page.getByRole('button', { name: 'Get quotes' }).click();

    await answerContactStep(page);

    await page.getByRole('heading', { name: 'Drivers' }).waitFor();
    await page.getByLabel('First name').fill('Maria');
    await page.getByLabel('Last name').fill('Garcia');
    await page.getByLabel('Date of birth').fill('1982-03-14');
    await page.getByLabel('Gender').selectOption('female');
    await page.getByLabel('Marital status').selectOption('married');
    await page.getByLabel('Education').selectOption('masters');
    await page.getByLabel('Employment').selectOption('retired');
    await page.getByLabel('Age when first licensed').fill('16');
    // The dealer's AutoComplete link needs it, so it is asked: with it, the thank-you links to the shopper's offers.
    await page.getByLabel('Driver’s license number').fill('12345678');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Vehicles' }).waitFor();
    // The car on the page is already the shopper's vehicle, decoded from the VIN the page passed: nothing to type.
    const vin = (await page.locator('.specs dd').first().textContent())!.trim();
    expect(await page.getByLabel('VIN (vehicle identification number)').inputValue()).toBe(vin);
    await page.getByText('Found: 2019 Toyota RAV4').waitFor();
    await page.getByLabel('Do you own, finance or lease it?').selectOption('financed');
    await page.getByLabel('Main use').selectOption('pleasure');
    await page.getByLabel('Miles driven a year').fill('9000');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Coverage' }).waitFor();
    await page.getByLabel('Insured without a break for').selectOption('36');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Review and get quotes' }).waitFor();
    await page.getByRole('button', { name: 'Get my quotes' }).click();

    await page.getByRole('heading', { name: 'Your quotes' }).waitFor();
    await page.locator('.quotes-status.done').waitFor({ timeout: 30_000 });
    const carriers = await page.locator('.quote.complete h3').allTextContents();
    expect(carriers).toContain('Pleasantville Mutual');
    expect(carriers.length).toBeGreaterThanOrEqual(5);
    expect(await page.locator('.quote.pending').count()).toBe(0);

    // The shopper chooses the cheapest, agrees to be contacted and sends it: thanked, with the link to their offers.
    await page
      .getByRole('button', { name: /^Choose / })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Your choice' }).waitFor();
    await page.getByRole('button', { name: 'Send to Pleasantville Motors' }).click();
    await page.getByText('Tick this box to send your quote', { exact: false }).waitFor();
    await page.getByLabel('I agree to be contacted by Pleasantville Motors about this quote').check();
    await page.getByRole('button', { name: 'Send to Pleasantville Motors' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    const offers = page.getByRole('link', { name: 'See your personalised offers (opens in a new tab)' });
    expect(await offers.getAttribute('href')).toMatch(/^https?:\/\//);

    // The dealer page heard the widget's events, free of personal data, and the success with the submission.
    const log = (await page.locator('#events').textContent()) ?? '';
    expect(log).toContain('"name":"quotes_requested"');
    expect(log).toMatch(/"name":"quote_received"[^}]*"vendor":"coverhound"/);
    expect(log).toMatch(/"name":"quote_received"[^}]*"vendor":"pace"/);
    expect(log).toContain('"name":"submitted"');
    expect(log).toMatch(
      /coverkit-success: \{"sessionId":"ses_[^"]+","submissionId":"sub_[^"]+","reference":"[0-9A-Z]{4}-[0-9A-Z]{4}","quoteRequestId":"qr_[^"]+","selectedQuote":\{/,
    );
    // In sandbox mode the page also lists the dealer's webhooks, as the demo receiver verified them.
    await page
      .locator('#events li', { hasText: /^webhook submission\.created ✓ verified: submissionId sub_/ })
      .waitFor({ state: 'attached' });
    for (const line of await page.locator('#events li').allTextContents()) {
      if (line.startsWith('coverkit-event')) expect(line).not.toMatch(/Garcia|maria|sub_|qr_/);
    }
    // Nothing the strict CSP refused, no script errors.
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('on a page whose origin is not allow-listed, tells the developer which origin to allow and the shopper plainly that it is not available', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    // A dealer page elsewhere (its own server, another origin), embedding the widget from ours: its origin is on no dealer's list.
    const shopPage = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><title>Shop</title><script src="${demo.url}/coverkit.js" async></script>
        <coverkit-widget client-id="demo-dealer" api-base="${demo.url}"></coverkit-widget>`);
    });
    await new Promise<void>((resolve) => shopPage.listen(0, '127.0.0.1', resolve));
    const shop = `http://127.0.0.1:${(shopPage.address() as AddressInfo).port}`;
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${shop}/`);
    await page.getByRole('alert').getByText('Insurance quotes are not available on this page.').waitFor();
    // No "Try again" that could never work.
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(consoleErrors.join('\n')).toContain(`Coverkit: The page origin ${shop} is not on the allow-list of clientId demo-dealer`);
    await context.close();
    shopPage.close();
  }, 60_000);
});
