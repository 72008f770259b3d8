/**
 * bench/load: the whole service under a steady stream of shoppers, the way it
 * runs at scale — two Coverkit processes on one PostgreSQL behind a (simulated)
 * balancer, the vendors' sandboxes in processes of their own, Coverkit in live
 * mode pointed at them. Shoppers arrive at a fixed rate (not as fast as the
 * server answers: an open-loop load, so a slow server shows up as latency and
 * backlog instead of hiding behind fewer requests). Each journey:
 *   session (the dealer's backend, secret key) → read it → VIN decode →
 *   coverage options → quote request → its stream to `done`, read through the
 *   *other* process → submission of the cheapest quote.
 * Steps alternate between the two processes as a balancer would spread them.
 * Printed: journeys per second, p50/p99 per step, errors (goal: none), each
 * process's memory at start and end (goal: flat), and the delivery backlog.
 *
 *   BENCH_LOAD_RATE     journeys started per second (default 8); a list (4,8,12) runs each in turn and
 *                       prints the highest the service kept up with
 *   BENCH_LOAD_SECONDS  how long shoppers keep arriving (default 60)
 *   BENCH_DATABASE_URL  the PostgreSQL to use (default the local `test` database; a private schema is made and dropped)
 *
 * Every shopper comes from this machine's one address, so the per-address and
 * per-dealer budgets are lifted; the vendors' own rate limits are lifted too
 * (the bench measures Coverkit, not the sandboxes' documented quotas).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { garciaHousehold } from '../test/helpers/applicants.ts';
import { dropTestSchemas, privateSchemaUrl } from '../test/helpers/databases.ts';
import { readEvents } from '../test/helpers/sse.ts';
import { type Child, fmt, startChild } from './lib.ts';

/** One or more rates, run in order on the same service: `BENCH_LOAD_RATE=4,8,12`. */
const RATES = (process.env.BENCH_LOAD_RATE ?? '8').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'sk_bench_load_0123456789abcdefghijklmn';
const DELAY_SCALE = 0.25; // CoverHound's carriers answer after 0.5–6 s × this
const STEPS = ['session', 'read session', 'VIN decode', 'coverages', 'quote request', 'stream to done', 'submission'] as const;
type Step = (typeof STEPS)[number];

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDirs: string[] = [];
// The bench reuses the tests' private-schema helper, which drops what it made on TEST_DATABASE_URL.
process.env.TEST_DATABASE_URL = DATABASE_URL;

const UNLIMITED = '10000000';

async function startServer(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-bench-load-'));
  dataDirs.push(dataDir);
  return startChild(path.join(here, 'servers/coverkit.ts'), {
    COVERKIT_DATA_DIR: dataDir,
    COVERKIT_DEMO_SECRET_KEY: SECRET,
    LOG_LEVEL: 'warn',
    ...env,
  });
}

async function startService() {
  const vendorEnv = {
    SANDBOX_COVERHOUND_DELAY_SCALE: String(DELAY_SCALE),
    SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND: '0',
    SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: '100000',
    // Live mode passes on https: shopping links only, as the real AutoComplete's are.
    SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL: 'https://app.autocomplete.example/flows',
  };
  const [vendors, paceVendor] = await Promise.all([startServer(vendorEnv), startServer(vendorEnv)]);
  const at = (vendor: string) => `${(vendor === 'pace' ? paceVendor : vendors).url}/sandbox/${vendor}`;
  const databaseUrl = await privateSchemaUrl(DATABASE_URL);
  const env = {
    COVERKIT_MODE: 'live',
    // One data key for every process: each opens what another sealed.
    COVERKIT_DATA_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: databaseUrl,
    // Behind one balancer every process has the same public address: the token issuer.
    COVERKIT_PUBLIC_URL: 'http://coverkit.bench',
    COVERHOUND_BASE_URL: at('coverhound'),
    PACE_BASE_URL: at('pace'),
    TRELLIS_BASE_URL: at('trellis'),
    AUTOCOMPLETE_BASE_URL: at('autocomplete'),
    AGENCYZOOM_BASE_URL: at('agencyzoom'),
    COVERKIT_DEALERS: JSON.stringify({
      dealers: [{ clientId: 'demo-dealer', name: 'Benchmark Motors', secretKeySha256: createHash('sha256').update(SECRET).digest('hex') }],
    }),
    COVERKIT_SESSION_RATE_PER_CLIENT: UNLIMITED,
    COVERKIT_SESSION_RATE_PER_IP: UNLIMITED,
    COVERKIT_WIDGET_RATE_PER_IP: UNLIMITED,
    COVERKIT_QUOTE_RATE_PER_SESSION: UNLIMITED,
    COVERKIT_SUBMISSION_RATE_PER_SESSION: UNLIMITED,
    // CoverHound is polled as often as against the sandbox (live mode's default is every 5 s): the busier case.
    COVERHOUND_POLL_INTERVAL_MS: '250',
  };
  // One after the other: the first creates the schema (migrations) the second then finds.
  const a = await startServer(env);
  const b = await startServer(env);
  return { coverkit: [a, b] as const, vendors: [vendors, paceVendor], databaseUrl };
}

class Timings {
  readonly byStep = new Map<Step, number[]>(STEPS.map((s) => [s, []]));
  readonly errors = new Map<string, number>();
  journeys = 0;

  async time<T>(step: Step, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await work();
      this.byStep.get(step)!.push(performance.now() - started);
      return result;
    } catch (error) {
      const key = `${step}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 160);
      this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
      throw error;
    }
  }
}

async function json(res: Response, expected: number) {
  const body = (await res.json().catch(() => ({}))) as Record<string, any>;
  if (res.status !== expected) throw new Error(`HTTP ${res.status} ${body.error?.code ?? ''}`.trim());
  return body;
}

/** One shopper's journey; `first` and `second` are the two processes, swapped per journey like a balancer would. */
async function journey(first: Child<unknown>, second: Child<unknown>, timings: Timings) {
  const applicant = garciaHousehold();
  applicant.contact.email = `load-${randomUUID().slice(0, 12)}@example.com`;
  const { state } = applicant.address;
  const { sessionToken } = await timings.time('session', async () =>
    json(
      await fetch(`${first.url}/v1/sessions`, {
        method: 'POST',
        headers: { 'X-Client-Id': 'demo-dealer', 'X-Secret-Key': SECRET, 'Content-Type': 'application/json' },
        body: JSON.stringify({ externalRef: 'bench-load' }),
      }),
      201,
    ),
  );
  const auth = { Authorization: `Bearer ${sessionToken}` };
  await timings.time('read session', async () => json(await fetch(`${second.url}/v1/session`, { headers: auth }), 200));
  const vin = applicant.vehicles[0]?.vin ?? '2T3RWRFV3KW021971';
  await timings.time('VIN decode', async () =>
    json(await fetch(`${first.url}/v1/lookups/vin/${vin}?state=${state}`, { headers: auth }), 200),
  );
  await timings.time('coverages', async () =>
    json(await fetch(`${second.url}/v1/lookups/coverages?state=${state}&effectiveDate=${applicant.effectiveDate}`, { headers: auth }), 200),
  );
  const { id } = await timings.time('quote request', async () =>
    json(
      await fetch(`${first.url}/v1/quote-requests`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(applicant),
      }),
      202,
    ),
  );
  const quotes = await timings.time('stream to done', async () => {
    const reading = await readEvents(`${second.url}/v1/quote-requests/${id}/stream`, auth, {
      stopAfter: (event) => event.event === 'done',
      timeoutMs: 90_000,
    });
    const latest = new Map<string, any>();
    for (const event of reading.events) if (event.event === 'quote') latest.set(event.data.id, event.data);
    return [...latest.values()];
  });
  const cheapest = quotes
    .filter((q) => q.status === 'complete' && q.payPlans?.length)
    .sort((x, y) => x.payPlans[0].totalPremiumCents - y.payPlans[0].totalPremiumCents)[0];
  await timings.time('submission', async () =>
    json(
      await fetch(`${first.url}/v1/submissions`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ applicant, quoteRequestId: id, selectedQuoteId: cheapest?.id, contactConsent: true }),
      }),
      201,
    ),
  );
  timings.journeys += 1;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const mb = (bytes: number) => fmt(bytes / 1048576, 1);

/** Submissions whose every delivery has settled, read back as the dealer would (GET /v1/submissions, paged). */
async function deliveryBacklog(server: Child<unknown>) {
  let since = '1970-01-01T00:00:00Z';
  let total = 0;
  let settled = 0;
  for (;;) {
    const page = await json(
      await fetch(`${server.url}/v1/submissions?since=${encodeURIComponent(since)}&limit=100`, {
        headers: { 'X-Client-Id': 'demo-dealer', 'X-Secret-Key': SECRET },
      }),
      200,
    );
    for (const submission of page.submissions) {
      total += 1;
      if (submission.status === 'delivered' || submission.status === 'failed') settled += 1;
    }
    if (!page.hasMore) return { total, settled };
    since = page.nextSince;
  }
}

type Phase = { rate: number; sustained: boolean; errors: number };

/** Shoppers arriving at `rate` per second for SECONDS; prints what they saw. */
async function phase(a: Child<unknown>, b: Child<unknown>, rate: number): Promise<Phase> {
  const memoryAtStart = await Promise.all([a.memory(), b.memory()]);
  const timings = new Timings();
  const cpuBefore = await Promise.all([a.cpuMicros(), b.cpuMicros()]);
  const started = performance.now();
  const total = Math.round(rate * SECONDS);
  const running: Promise<void>[] = [];
  /** Whole-journey times by arrival order: a service that keeps up takes as long for the last shoppers as for the first. */
  const durations: number[] = new Array(total);
  let late = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    else if (wait < -100) late += 1;
    const begun = performance.now();
    running.push(
      journey(i % 2 ? b : a, i % 2 ? a : b, timings).then(
        () => void (durations[i] = performance.now() - begun),
        () => {},
      ),
    );
  }
  const arrivalSeconds = (performance.now() - started) / 1000;
  await Promise.all(running);
  const cpuAfter = await Promise.all([a.cpuMicros(), b.cpuMicros()]);
  const memoryAtEnd = await Promise.all([a.memory(), b.memory()]);

  console.log(`\n${total} journeys arriving at ${rate}/s for ${SECONDS} s`);
  console.log(
    `  completed ${timings.journeys} of ${total}: ${fmt(timings.journeys / arrivalSeconds, 2)} journeys/s over the arrival window` +
      (late ? ` (the load generator started ${late} more than 100 ms late)` : ''),
  );
  for (const step of STEPS) {
    const samples = timings.byStep.get(step)!;
    console.log(
      `  ${step.padEnd(16)} p50 ${fmt(percentile(samples, 50), 1).padStart(8)} ms   p99 ${fmt(percentile(samples, 99), 1).padStart(8)} ms   (${samples.length})`,
    );
  }
  const quarter = Math.max(1, Math.floor(total / 4));
  const firstQuarter = percentile(durations.slice(0, quarter).filter(Number.isFinite), 50);
  const lastQuarter = percentile(durations.slice(-quarter).filter(Number.isFinite), 50);
  console.log(`  whole journey p50: first quarter of arrivals ${fmt(firstQuarter)} ms, last quarter ${fmt(lastQuarter)} ms`);
  const errors = [...timings.errors.values()].reduce((sum, n) => sum + n, 0);
  console.log(`  errors: ${errors}`);
  for (const [message, count] of timings.errors) console.log(`    ${count} × ${message}`);
  const cpuPerJourney = (cpuAfter[0]! - cpuBefore[0]! + cpuAfter[1]! - cpuBefore[1]!) / Math.max(1, timings.journeys) / 1000;
  console.log(`  Coverkit CPU per journey (both processes): ${fmt(cpuPerJourney, 1)} ms`);
  for (const [i, label] of ['process A', 'process B'].entries()) {
    const before = memoryAtStart[i]!;
    const after = memoryAtEnd[i]!;
    console.log(
      `  ${label}: heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB, rss ${mb(before.rss)} → ${mb(after.rss)} MB (after a collection)`,
    );
  }
  const heapGrowth = Math.max(...memoryAtEnd.map((m, i) => m.heapUsed - memoryAtStart[i]!.heapUsed));
  // Kept up: no errors, and the last shoppers waited no longer than half again what the first did (no growing backlog).
  const sustained = errors === 0 && timings.journeys === total && lastQuarter <= firstQuarter * 1.5;
  console.log(
    `  goal: no errors — ${errors === 0 ? 'MET' : 'MISSED'}; memory flat (heap growth under 20 MB) — ${heapGrowth < 20 * 1048576 ? 'MET' : 'MISSED'}; kept up — ${sustained ? 'yes' : 'no'}`,
  );
  return { rate, sustained, errors };
}

async function main() {
  const service = await startService();
  const [a, b] = service.coverkit;
  try {
    // Warm-up, not measured: compiled code and connection pools.
    const warm = new Timings();
    await Promise.all(Array.from({ length: 10 }, (_, i) => journey(i % 2 ? b : a, i % 2 ? a : b, warm)));
    console.log("bench:load — two Coverkit processes on PostgreSQL (live mode), the vendors' sandboxes in two processes of their own;");
    console.log(
      `CoverHound's carriers answer after ${fmt(500 * DELAY_SCALE)}–${fmt(6000 * DELAY_SCALE)} ms, PACE at once; 2 cores shared by all of them and the load generator`,
    );
    const phases: Phase[] = [];
    for (const rate of RATES) phases.push(await phase(a, b, rate));
    // Deliveries run behind the journeys (the outbox): how far behind once the last shopper is done, and 30 s later.
    const atEnd = await deliveryBacklog(a);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    const later = await deliveryBacklog(a);
    console.log(
      `\ndeliveries settled: ${atEnd.settled} of ${atEnd.total} submissions when the last journey ended, ${later.settled} of ${later.total} 30 s later`,
    );
    const best = phases.filter((p) => p.sustained).at(-1);
    console.log(best ? `sustained: ${best.rate} journeys/s with no errors` : `sustained: none of ${RATES.join(', ')} journeys/s`);
  } finally {
    await Promise.all([...service.coverkit, ...service.vendors].map((child) => child.stop()));
    await dropTestSchemas();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
