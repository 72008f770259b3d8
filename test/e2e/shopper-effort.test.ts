/**
 * What reaching a first quote costs a shopper on the demo page at phone width
 * (390 px), counted the way they would feel it: every field they fill and
 * every tap, from the page to the first quote on screen. A shopper answers
 * each question the widget requires that is still blank, top to bottom (what
 * the page or the dealer pre-filled is taken as it is), and reloads the page
 * on every step to find the answers still there. Session tokens live 60
 * seconds, and the shopper waits 75 s on the review before asking for quotes,
 * then sends the chosen one to the dealer.
 *
 * The counts may not grow past today's (CEILING); each run prints them and
 * whether the goal of issue 9 is met:
 *   npx vitest run --project e2e test/e2e/shopper-effort.test.ts
 * Phone screenshots of every step go to /tmp/steps/.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garciaHousehold } from '../helpers/applicants.ts';
import { type DemoPage, startDemoPage } from '../helpers/demo-page.ts';

/** Today's counts: a change that makes the shopper do more fails here. Lower them when the widget asks less. */
const CEILING = {
  pageCar: { fields: 18, taps: 32 },
  dealerPrefill: { fields: 3, taps: 11 },
} as const;
/** Issue 9's goal, reported as met or missed. */
const GOAL = { pageCar: { fields: 14 }, dealerPrefill: { fields: 5 } } as const;

const SCREENSHOTS = '/tmp/steps';
const TOKEN_TTL_SECONDS = 60;
const IDLE_ON_REVIEW_MS = 75_000;

/** What Maria Garcia answers, by the question's label. */
const ANSWERS: Record<string, string> = {
  Email: 'maria.garcia@example.com',
  Phone: '(512) 555-0147',
  'Street address': '4801 Red River St',
  City: 'Austin',
  State: 'TX',
  'ZIP code': '78751',
  'Do you own or rent?': 'own:home',
  'First name': 'Maria',
  'Last name': 'Garcia',
  'Date of birth': '1982-03-14',
  Gender: 'female',
  'Marital status': 'married',
  Education: 'masters',
  Employment: 'retired',
  'Driver’s license number': '12345678',
  'Age when first licensed': '16',
  'Do you own, finance or lease it?': 'financed',
  'Main use': 'pleasure',
  'Miles driven a year': '9000',
  'Insured without a break for': '36',
};

/** The widget's form controls, in order, as the shopper sees them (label, kind, value). */
const controls = (page: Page) =>
  page.evaluate(() =>
    [...(document.querySelector('coverkit-widget')?.shadowRoot?.querySelectorAll<HTMLInputElement>('input, select, textarea') ?? [])]
      .filter((el) => el.checkVisibility())
      .map((el) => ({
        label: el.labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        tag: el.tagName.toLowerCase(),
        type: el.type,
        value: el.value,
        checked: el.checked,
        required: el.required,
      })),
  );

/** A shopper on a phone: counts what they fill and tap, and photographs each step. */
class Shopper {
  /** The questions answered, by label. */
  readonly filled: string[] = [];
  taps = 0;
  #shots = 0;
  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  tap = async (name: string | RegExp) => {
    await this.page.getByRole('button', { name }).first().click();
    this.taps += 1;
  };

  /** The API calls of this shopper's page, for the report of a step that did not come. */
  readonly calls: string[] = [];
  #t0 = Date.now();

  watchCalls() {
    this.page.on('response', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/v1/'))
        this.calls.push(`${Date.now() - this.#t0} ms ${r.request().method()} ${url.pathname} ${r.status()}`);
    });
    this.page.on('framenavigated', () => this.calls.push(`${Date.now() - this.#t0} ms (re)loaded`));
  }

  async heading(name: string) {
    try {
      await this.page.getByRole('heading', { name }).waitFor();
    } catch (error) {
      await this.page.screenshot({ path: `${SCREENSHOTS}/${this.name}-failed.png`, fullPage: true });
      // What the widget holds (no more than the step's own answers about insurance) and the calls that led here.
      const held = await this.page.evaluate(() => {
        const step = document.querySelector('coverkit-widget')?.shadowRoot?.querySelector('.step') as
          | (HTMLElement & { journey?: { answers: { insuredNow?: boolean; draft: { priorInsurance?: unknown } } } })
          | null;
        const answers = step?.journey?.answers;
        return JSON.stringify({ step: step?.localName, insuredNow: answers?.insuredNow, priorInsurance: answers?.draft.priorInsurance });
      });
      console.error(`${this.name}: no "${name}"; the widget holds ${held}; its calls:\n${this.calls.slice(-40).join('\n')}`);
      throw error;
    }
  }

  /**
   * Answers every required question of the step that is still blank, top to
   * bottom, looking again after each (an answer may bring up another): a text
   * field costs a tap and the typing, a list a tap to open it and one to pick.
   */
  async answerStep() {
    for (;;) {
      const blank = (await controls(this.page)).find((c) => c.required && (c.type === 'checkbox' ? !c.checked : c.value === ''));
      if (!blank) return;
      const answer = ANSWERS[blank.label];
      if (answer === undefined) throw new Error(`the widget asks "${blank.label}", which this shopper has no answer for`);
      const field = this.page.getByLabel(blank.label, { exact: true });
      if (blank.tag === 'select') {
        await field.selectOption(answer);
        this.taps += 2;
      } else if (blank.type === 'checkbox') {
        await field.check();
        this.taps += 1;
      } else {
        await field.click();
        await field.fill(answer);
        // Leaving the field, as a shopper does on to the next one: its check runs then.
        await field.blur();
        this.taps += 1;
      }
      this.filled.push(blank.label);
    }
  }

  /**
   * The step's questions are on screen: its form, which the coverage step shows
   * only once the insurer's options for the state have come ("Loading…" before).
   * Answering or comparing before then would see no questions at all.
   */
  async questionsShown() {
    await this.page.locator('coverkit-widget form[part~="form"]').first().waitFor();
  }

  /** Reloads the page and finds the step and every answer on it as it was. */
  async reloadAndFind(step: string) {
    const before = await controls(this.page);
    await this.page.reload();
    await this.heading(step);
    await this.questionsShown();
    await expect.poll(() => controls(this.page), { timeout: 10_000 }).toEqual(before);
  }

  async screenshot(step: string) {
    this.#shots += 1;
    const file = `${SCREENSHOTS}/${this.name}-${String(this.#shots).padStart(2, '0')}-${step.toLowerCase().replace(/\W+/g, '-')}.png`;
    await this.page.locator('coverkit-widget').screenshot({ path: file });
  }

  /** Through the four steps of answers to the review, reloading on each. */
  async toReview() {
    for (const step of ['Contact and address', 'Drivers', 'Vehicles', 'Coverage']) {
      await this.heading(step);
      await this.questionsShown();
      await this.answerStep();
      await this.screenshot(step);
      await this.reloadAndFind(step);
      await this.tap('Continue');
    }
    await this.heading('Review and get quotes');
    await this.screenshot('Review');
    await this.reloadAndFind('Review and get quotes');
  }

  /** Asks for quotes and waits for the first one on screen: the figures are what it took until then. */
  async firstQuote() {
    await this.tap('Get my quotes');
    await this.heading('Your quotes');
    await this.page.locator('coverkit-widget .quote.complete').first().waitFor({ timeout: 30_000 });
    return { fields: this.filled.length, taps: this.taps, filled: [...this.filled] };
  }
}

function report(path: string, figures: { fields: number; taps: number; filled: string[] }, goal: number) {
  const verdict = figures.fields <= goal ? 'met' : 'missed';
  console.log(
    `shopper effort (${path}, 390 px): ${figures.fields} fields, ${figures.taps} taps to the first quote; goal ≤ ${goal} fields: ${verdict} (filled: ${figures.filled.join('; ')})`,
  );
}

let demo: DemoPage;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  demo = await startDemoPage({
    COVERKIT_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
    SANDBOX_COVERHOUND_DELAY_SCALE: '0.1',
    COVERHOUND_POLL_INTERVAL_MS: '50',
  });
}, 120_000);

afterAll(() => demo?.close());

const phone = async () => {
  const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
};

describe('what a first quote costs a shopper on the demo page', () => {
  // Under the whole suite's load this journey found the coverage step's "Insured without a break for" blank at its
  // Continue: the shopper had answered the step while it still said "Loading…" (no questions yet), so answered nothing
  // (questionsShown now waits). One retry stays, and the report above says what the widget held, should it come back.
  it('with the page’s car: counted, every step survives a reload, and 75 s idle on the review with 60 s tokens still ends in a sent quote', {
    retry: 1,
    timeout: 240_000,
  }, async () => {
    const { context, page, problems } = await phone();
    const renewals: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/v1/session/token') && r.request().method() === 'POST') renewals.push(r.status());
    });
    const shopper = new Shopper(page, 'page-car');
    shopper.watchCalls();
    await page.goto(`${demo.url}/`);
    await shopper.tap('Get quotes');
    await shopper.toReview();

    // Longer than a token lives: the widget renews it while the shopper waits.
    const renewedBefore = renewals.length;
    await page.waitForTimeout(IDLE_ON_REVIEW_MS);
    expect(renewals.length).toBeGreaterThan(renewedBefore);
    expect(renewals.every((status) => status === 200)).toBe(true);

    const figures = await shopper.firstQuote();
    report("the page's car", figures, GOAL.pageCar.fields);
    await page.locator('coverkit-widget .quotes-status.done').waitFor({ timeout: 30_000 });
    await shopper.screenshot('Quotes');

    await shopper.tap(/^Choose /);
    await shopper.heading('Your choice');
    await page.getByLabel('I agree to be contacted by Pleasantville Motors about this quote').check();
    await shopper.screenshot('Choice');
    await shopper.tap('Send to Pleasantville Motors');
    await shopper.heading('Thank you');
    // With the license number, AutoComplete made the shopper's personalised link, and the thank-you shows it.
    await page.getByRole('link', { name: 'See your personalised offers (opens in a new tab)' }).waitFor();
    await shopper.screenshot('Thank you');
    const log = (await page.locator('#events').textContent()) ?? '';
    expect(log).toMatch(/coverkit-success: \{"sessionId":"ses_[^"]+","submissionId":"sub_/);

    expect(figures.fields).toBeLessThanOrEqual(CEILING.pageCar.fields);
    expect(figures.taps).toBeLessThanOrEqual(CEILING.pageCar.taps);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('with a dealer pre-fill: the session the dealer’s backend made (secret key) with what it knows of the shopper, counted and reloaded on every step', async () => {
    const { context, page, problems } = await phone();
    // What a dealer's CRM knows of Maria (contact, address, herself as driver, her insurer); the car is the page's.
    const { drivers, contact, address, residence, priorInsurance } = garciaHousehold();
    const made: string[] = [];
    // The dealer's page: the demo page with the widget made by Coverkit.create({ fetchSessionToken }),
    // its backend making the session with the secret key.
    await page.route(`${demo.url}/`, async (route) => {
      const original = await (await route.fetch()).text();
      const embed = '<div id="dealer-widget"></div><script src="/dealer-embed.js" defer></script>';
      await route.fulfill({ contentType: 'text/html', body: original.replace(/<coverkit-widget[^>]*><\/coverkit-widget>/, embed) });
    });
    await page.route(`${demo.url}/dealer-embed.js`, (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `const fetchSessionToken = async () => (await (await fetch('/dealer-backend/session', { method: 'POST' })).json()).sessionToken;
          const vin = document.querySelector('.specs dd').textContent.trim();
          const mount = () => window.Coverkit
            ? Coverkit.create({ fetchSessionToken, vehicle: { vin }, container: document.getElementById('dealer-widget') }).open()
            : setTimeout(mount, 20); // the loader is async: it may come after this script
          mount();`,
      }),
    );
    await page.route(`${demo.url}/dealer-backend/session`, async (route) => {
      const session = await demo.dealerSession({ prefill: { contact, address, residence, drivers: [drivers[0]], priorInsurance } });
      made.push(session.sessionId);
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ sessionToken: session.sessionToken }) });
    });

    const shopper = new Shopper(page, 'dealer-prefill');
    await page.goto(`${demo.url}/`);
    await shopper.tap('Get quotes');
    await shopper.toReview();
    const figures = await shopper.firstQuote();
    report('a dealer pre-fill', figures, GOAL.dealerPrefill.fields);
    await shopper.screenshot('Quotes');
    // Every reload carried on in the one session the dealer made.
    expect(made).toHaveLength(1);

    expect(figures.fields).toBeLessThanOrEqual(CEILING.dealerPrefill.fields);
    expect(figures.taps).toBeLessThanOrEqual(CEILING.dealerPrefill.taps);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
