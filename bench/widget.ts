/**
 * What the widget costs a dealer page on the wire, measured in Debian's Chromium
 * (playwright-core, its own HTTP cache) against a real Coverkit server serving
 * the demo page:
 * - first paint: a new visitor opens the page until the widget's greeting is on
 *   screen; the bytes of widget code (the loader at /coverkit.js and what it
 *   loads from /widget/) and of the whole page, as the browser's network log
 *   counts them (headers included), with brotli (what Chromium asks for),
 *   gzip only, and no compression; the chunks the widget loads behind its
 *   greeting (steps, Spanish) are held until the greeting is on screen and
 *   counted apart, and the gzip body of the rest is held to the goal (≤ 20 KB);
 * - repeat visit: the same visitor comes back (a new tab, same profile): each
 *   widget file is answered from the cache or by a 304 revalidation, and the
 *   widget code's body bytes should be 0;
 * - Lighthouse's mobile performance score of the page, when the lighthouse
 *   package is installed (it runs the system Chromium: CHROME_PATH); otherwise
 *   it says how to install it.
 *
 *   npm run bench:widget
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { hashSecretKey } from '../server/auth/secrets.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../test/helpers/chromium.ts';
import { freePort, startTestServer } from '../test/helpers/server.ts';
import { fmt } from './lib.ts';

type Transfer = { url: string; status: number; from: string; wire: number; body: number; encoding: string; later: boolean };

/** The chunks the widget loads behind its greeting (the steps, Spanish): held until the greeting is on screen, so
 * what the first paint needed is measured apart from what the idle browser fetched next. */
const LATER = /\/widget\/(steps|spanish|rolldown-runtime)-[^/]+\.js$/;

const isWidgetCode = (url: string) => /\/coverkit\.js$|\/widget\/[^/]+\.js$/.test(new URL(url).pathname);

/** Records every response of the page as Chromium's network log has it, until `until` resolves. */
async function visit(
  context: BrowserContext,
  url: string,
  until: (page: Page) => Promise<unknown>,
  { hold }: { hold: boolean },
): Promise<Transfer[]> {
  const page = await context.newPage();
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  // (Playwright's routing turns the page's HTTP cache off: a repeat visit holds nothing back.)
  if (hold) {
    await page.route(LATER, async (route) => {
      await held;
      await route.continue();
    });
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Transfer & { headers: number }>();
  const revalidated = new Set<string>();
  cdp.on('Network.responseReceived', (e) => {
    const from = e.response.fromDiskCache ? 'disk cache' : e.response.fromPrefetchCache ? 'prefetch cache' : 'network';
    const encoding = Object.entries(e.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1] ?? '';
    seen.set(e.requestId, {
      url: e.response.url,
      status: e.response.status,
      from,
      wire: 0,
      body: 0,
      headers: e.response.encodedDataLength,
      encoding,
      later: LATER.test(new URL(e.response.url).pathname),
    });
  });
  // The status that came over the wire: a revalidated file is reported as its cached 200.
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    if (e.statusCode === 304) revalidated.add(e.requestId);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const entry = seen.get(e.requestId);
    if (entry) entry.from = 'memory cache';
  });
  cdp.on('Network.loadingFinished', (e) => {
    const entry = seen.get(e.requestId);
    if (!entry) return;
    entry.wire = e.encodedDataLength;
    entry.body = Math.max(0, e.encodedDataLength - entry.headers);
  });
  await page.goto(url);
  await until(page);
  // The greeting is on screen: the steps come behind it, as they would on an idle browser.
  release();
  await page.waitForFunction(() => customElements.get('coverkit-contact-step') !== undefined);
  // The network log's last events for what is already on screen.
  await page.waitForTimeout(300);
  await cdp.detach();
  await page.close();
  return [...seen.entries()].map(([id, { headers: _, ...t }]) =>
    revalidated.has(id)
      ? { ...t, status: 304, from: 'revalidated' }
      : t.from === 'network' && t.wire === 0
        ? { ...t, from: 'memory cache' }
        : t,
  );
}

const sum = (list: Transfer[], key: 'wire' | 'body') => list.reduce((total, t) => total + t[key], 0);
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;

/** Prints a visit's widget files; answers those the greeting needed (the first paint), apart from the later chunks. */
function report(title: string, transfers: Transfer[]) {
  const widget = transfers.filter((t) => isWidgetCode(t.url));
  console.log(`\n${title}`);
  for (const t of widget) {
    const path = new URL(t.url).pathname;
    console.log(
      `  ${path.padEnd(34)} ${String(t.status).padEnd(4)} ${t.from.padEnd(13)} ${(t.encoding || 'identity').padEnd(9)} wire ${kb(t.wire).padStart(9)}  body ${kb(t.body).padStart(9)}${t.later ? '  (behind the greeting)' : ''}`,
    );
  }
  const first = widget.filter((t) => !t.later);
  console.log(`  widget code for the first paint: ${kb(sum(first, 'wire'))} on the wire, ${kb(sum(first, 'body'))} of it body`);
  console.log(`  and behind the greeting:          ${kb(sum(widget, 'wire') - sum(first, 'wire'))} on the wire`);
  console.log(`  whole page:  ${kb(sum(transfers, 'wire'))} on the wire (${transfers.length} responses)`);
  return { first, all: widget };
}

async function lighthouse(url: string): Promise<string> {
  // Optional: not a dependency of the project (it is large); the name is not a literal so nothing installs it by accident.
  const name = 'lighthouse';
  type Audit = { numericValue?: number; details?: { overallSavingsBytes?: number } };
  type Result = { lhr: { categories: { performance: { score: number | null } }; audits: Record<string, Audit> } };
  let run: (url: string, flags: object, config?: object) => Promise<Result>;
  try {
    run = ((await import(name)) as { default: typeof run }).default;
  } catch {
    return 'not installed: npm i -E --no-save lighthouse@12.2.3 (13 needs Node 22), then run this again';
  }
  const { launch } = (await import('chrome-launcher' as string)) as {
    launch: (o: object) => Promise<{ port: number; kill: () => Promise<void> | void }>;
  };
  const chrome = await launch({ chromePath: process.env.CHROME_PATH ?? chromiumPath(), chromeFlags: CHROMIUM_ARGS });
  try {
    const result = await run(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const { categories, audits } = result.lhr;
    const score = categories.performance.score;
    if (score === null) return 'no score (the run failed)';
    const unused = audits['unused-javascript']?.details?.overallSavingsBytes ?? 0;
    const lcp = audits['largest-contentful-paint']?.numericValue ?? 0;
    return `${Math.round(score * 100)} (mobile, simulated throttling); LCP ${fmt(lcp / 1000, 1)} s, unused JavaScript ${kb(unused)}`;
  } finally {
    await chrome.kill();
  }
}

await promisify(execFile)(process.execPath, ['scripts/build-widget.mjs']);
const port = await freePort();
const server = await startTestServer({
  env: { PORT: String(port) },
  dealers: [
    {
      clientId: 'demo-dealer',
      name: 'Pleasantville Motors',
      secretKeySha256: hashSecretKey('sk_bench_demo_0123456789abcdefghijklmnop'),
      allowedOrigins: [`http://127.0.0.1:${port}`],
      products: ['quote', 'connect', 'lookup'],
    },
  ],
});
let browser: Browser | undefined;
try {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const greeting = (page: Page) => page.getByRole('button', { name: 'Get quotes' }).waitFor();
  const pageUrl = `${server.url}/`;
  console.log(`bench:widget — the demo page at ${pageUrl}, Chromium ${browser.version()}`);

  const results: Record<string, number> = {};
  for (const [label, acceptEncoding] of [
    ['brotli (as Chromium asks)', undefined],
    ['gzip only', 'gzip'],
    ['no compression', 'identity'],
  ] as const) {
    const context = await browser.newContext(acceptEncoding ? { extraHTTPHeaders: { 'Accept-Encoding': acceptEncoding } } : {});
    const first = report(
      `First visit, until the greeting is on screen — ${label}`,
      await visit(context, pageUrl, greeting, { hold: true }),
    );
    results[label] = sum(first.first, 'wire');
    results[`${label} body`] = sum(first.first, 'body');
    if (!acceptEncoding) {
      const again = report(
        'Repeat visit (same profile, new tab), until the greeting is on screen',
        await visit(context, pageUrl, greeting, { hold: false }),
      );
      results.repeatBody = sum(again.all, 'body');
      results.repeatWire = sum(again.all, 'wire');
    }
    await context.close();
  }
  console.log('\nSummary');
  console.log(
    `  widget code before the first paint: ${kb(results['brotli (as Chromium asks)']!)} brotli, ${kb(results['gzip only']!)} gzip, ${kb(results['no compression']!)} uncompressed (on the wire, headers included)`,
  );
  const gzipBody = results['gzip only body']!;
  console.log(
    `  JavaScript before the first paint, gzip: ${kb(gzipBody)} of body (goal ≤ 20 KB) ${gzipBody <= 20 * 1024 ? 'MET' : 'MISSED'}`,
  );
  console.log(
    `  repeat visit: ${fmt(results.repeatBody!)} bytes of widget code, the later chunks included (${fmt(results.repeatWire!)} bytes of headers for revalidation)`,
  );
  console.log(`  Lighthouse performance: ${await lighthouse(pageUrl)}`);
} finally {
  await browser?.close();
  await server.close();
}
process.exit(0);
