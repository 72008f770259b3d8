/**
 * bench/quotes: what Coverkit adds on top of the vendors' own time, measured in
 * one run, on the embedded database and on PostgreSQL side by side. The
 * vendors' sandboxes run in processes of their own (as real vendors would be
 * elsewhere), with known latencies, and Coverkit runs in live mode pointed at
 * them — only configuration differs from production:
 *   - PACE answers after PACE_MS (the fastest vendor), CoverHound's slowest
 *     carrier after SLOWEST_MS (the slowest vendor);
 *   - each shopper POSTs a quote request and reads its stream; overhead is the
 *     time to the first result minus what PACE takes when called directly (its
 *     PACE_MS plus the sandbox's own work), and to `done` minus SLOWEST_MS;
 *   - at 1 shopper at a time, with 50 and with 200 shopping at once (each doing
 *     several journeys back to back, first arrivals spread over 2 s); p50 and p99,
 *     and Coverkit's CPU time per journey (robust to what else the machine runs).
 * Goals: first-result overhead p99 ≤ 25 ms with 50 concurrent shoppers and
 * ≤ 50 ms with 200, Coverkit CPU ≤ 10 ms per journey, on both databases.
 * `done` also waits for CoverHound's polling interval (its protocol, not ours):
 * POLL_MS is printed with it.
 * Then 500 streams are held open on slow requests while the server's memory is
 * sampled: it should stay flat.
 *
 *   BENCH_DATABASES      which to measure: `pglite,postgres` (the default), or one of them
 *   BENCH_DATABASE_URL   the PostgreSQL (default the local `test` database; a private schema is made and dropped)
 *   BENCH_ROUNDS         journeys each concurrent shopper makes (default 3)
 *   BENCH_PROFILE_DIR    writes a CPU profile of each measured Coverkit process there (node --cpu-prof)
 *
 * BENCH_BASELINE_DIR=<another checkout> (a `git worktree add <dir> <commit>` with
 * its node_modules) measures this checkout and that one side by side instead:
 * both servers against the same vendor processes, one shopper at a time,
 * alternating between them, so a change's cost is a ratio taken in one run.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PaceClient, paceConfigFromEnv, toPaceRateRequest } from '../server/vendors/pace/index.ts';
import { garciaHousehold } from '../test/helpers/applicants.ts';
import { dropTestSchemas, privateSchemaUrl } from '../test/helpers/databases.ts';
import { readEvents } from '../test/helpers/sse.ts';
import { type Child, fmt, startChild } from './lib.ts';

const PACE_MS = 100;
const POLL_MS = 250; // the sandbox default
const DELAY_SCALE = 0.25; // CoverHound's carriers answer after 0.5–6 s × this
const SLOWEST_MS = 6_000 * DELAY_SCALE;
const SECRET = 'sk_bench_quotes_0123456789abcdefghijkl';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// The bench reuses the tests' private-schema helper, which drops what it made on TEST_DATABASE_URL.
process.env.TEST_DATABASE_URL = DATABASE_URL;
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((name) => name.trim());
const GOAL_50_MS = 25;
const GOAL_200_MS = 50;
const GOAL_CPU_MS = 10;

/** Where Coverkit keeps its data in one measurement: its own embedded database, or a private schema on PostgreSQL. */
type Database = { name: 'PGlite' | 'PostgreSQL'; env: () => Promise<Record<string, string>> };
const databases: Database[] = DATABASES.map((name) => {
  if (name === 'pglite') return { name: 'PGlite', env: async () => ({}) };
  if (name === 'postgres') return { name: 'PostgreSQL', env: async () => ({ DATABASE_URL: await privateSchemaUrl(DATABASE_URL) }) };
  throw new Error(`BENCH_DATABASES: ${name} is neither pglite nor postgres`);
});

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDirs: string[] = [];

/** A Coverkit process; `checkout` runs another checkout's server (the side-by-side baseline). */
async function startServer(env: Record<string, string>, execArgv: string[] = [], checkout = path.join(here, '..')) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-bench-quotes-'));
  dataDirs.push(dataDir);
  return startChild<{ secretKey: string }>(
    path.join(checkout, 'bench/servers/coverkit.ts'),
    {
      COVERKIT_DATA_DIR: dataDir,
      COVERKIT_DEMO_SECRET_KEY: SECRET,
      COVERKIT_SESSION_RATE_PER_CLIENT: '10000000',
      COVERKIT_SESSION_RATE_PER_IP: '10000000',
      COVERKIT_QUOTE_RATE_PER_SESSION: '10000000',
      COVERKIT_WIDGET_RATE_PER_IP: '10000000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    execArgv,
  );
}

async function session(server: Child<unknown>) {
  const res = await fetch(`${server.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'X-Client-Id': 'demo-dealer', 'X-Secret-Key': SECRET, 'Content-Type': 'application/json' },
    body: '{}',
  });
  return ((await res.json()) as { sessionToken: string }).sessionToken;
}

/**
 * PACE on its own, called the way Coverkit calls it (same client, same sandbox
 * process): what the vendor itself takes, so the overhead printed is Coverkit's alone.
 */
async function paceAlone(vendors: Child<unknown>, samples: number): Promise<number> {
  const config = paceConfigFromEnv({}, { sandboxBaseUrl: `${vendors.url}/sandbox/pace` });
  const client = new PaceClient(config);
  const times: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    const started = performance.now();
    await client.rateQuote(toPaceRateRequest(garciaHousehold(), config.program));
    if (i >= 3) times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

/** One shopper: POST, then the stream; times from just before the POST. */
async function shop(server: Child<unknown>, token: string) {
  const headers = { Authorization: `Bearer ${token}` };
  const started = performance.now();
  const res = await fetch(`${server.url}/v1/quote-requests`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(garciaHousehold()),
  });
  if (res.status !== 202) throw new Error(`quote request answered ${res.status}`);
  const { id } = (await res.json()) as { id: string };
  let firstResult = 0;
  const { events } = await readEvents(`${server.url}/v1/quote-requests/${id}/stream`, headers, {
    stopAfter: (event) => {
      if (!firstResult && event.event === 'quote' && event.data.status !== 'pending') firstResult = performance.now() - started;
      return event.event === 'done';
    },
    timeoutMs: 60_000,
  });
  if (events.at(-1)?.event !== 'done') throw new Error('stream ended without done');
  return { first: firstResult, done: performance.now() - started };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

function report(label: string, samples: { first: number; done: number }[], fastest: number) {
  const first = samples.map((s) => s.first - fastest);
  const done = samples.map((s) => s.done - SLOWEST_MS);
  console.log(
    `${label.padEnd(22)} first result overhead p50 ${fmt(percentile(first, 50), 1)} ms, p99 ${fmt(percentile(first, 99), 1)} ms` +
      ` | done overhead p50 ${fmt(percentile(done, 50), 1)} ms, p99 ${fmt(percentile(done, 99), 1)} ms  (${samples.length} shoppers)`,
  );
  return percentile(first, 99);
}

/**
 * Sandbox-mode processes standing in for the vendors — PACE in one, the others in
 * another, since real vendors do not share an event loop — and Coverkit in live
 * mode pointed at them.
 */
async function startWithRemoteVendors(vendorEnv: Record<string, string>, env: Record<string, string>) {
  const [vendors, paceVendor] = await Promise.all([startServer(vendorEnv), startServer(vendorEnv)]);
  const server = await startLiveCoverkit(vendors, paceVendor, env);
  return { server, vendors, paceVendor, stop: () => Promise.all([server.stop(), vendors.stop(), paceVendor.stop()]) };
}

/** Live mode needs a data key; one per benchmark run. */
const DATA_KEY = randomBytes(32).toString('base64');

/** Coverkit in live mode, pointed at the vendor processes. */
function startLiveCoverkit(vendors: Child<unknown>, paceVendor: Child<unknown>, env: Record<string, string>, checkout?: string) {
  const at = (vendor: string) => `${(vendor === 'pace' ? paceVendor : vendors).url}/sandbox/${vendor}`;
  return startServer(
    {
      COVERKIT_MODE: 'live',
      COVERKIT_DATA_KEY: DATA_KEY,
      COVERHOUND_BASE_URL: at('coverhound'),
      PACE_BASE_URL: at('pace'),
      TRELLIS_BASE_URL: at('trellis'),
      AUTOCOMPLETE_BASE_URL: at('autocomplete'),
      AGENCYZOOM_BASE_URL: at('agencyzoom'),
      // Live mode has no demo dealer: register the benchmark's.
      COVERKIT_DEALERS: JSON.stringify({
        dealers: [
          { clientId: 'demo-dealer', name: 'Benchmark Motors', secretKeySha256: createHash('sha256').update(SECRET).digest('hex') },
        ],
      }),
      ...env,
    },
    process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [],
    checkout,
  );
}

const LATENCY_VENDORS = { SANDBOX_PACE_LATENCY_MS: String(PACE_MS), SANDBOX_COVERHOUND_DELAY_SCALE: String(DELAY_SCALE) };
const LATENCY_ENV = { COVERHOUND_POLL_INTERVAL_MS: String(POLL_MS) };

/** Warm-up, not measured: the embedded database's WebAssembly and our code reach their fast tiers during the first few hundred requests. */
async function warmUp(server: Child<unknown>, tokens: string[]) {
  await Promise.all(tokens.map((t) => shop(server, t)));
  await Promise.all(tokens.map((t) => shop(server, t)));
}

type Sample = { first: number; done: number };
/** One concurrency level's journeys and what Coverkit spent on them. */
type Level = { label: string; samples: Sample[]; cpuMsPerJourney: number; coreShare: number; vendorShare: number };

/**
 * `tokens.length` shoppers at once, each going through `rounds` journeys back to back; their
 * first arrivals are spread over two seconds, as real shoppers' are, not fired in one instant.
 */
async function concurrently(
  servers: { server: Child<unknown>; vendors: Child<unknown>; paceVendor: Child<unknown> },
  tokens: string[],
  rounds: number,
) {
  const { server, vendors, paceVendor } = servers;
  const samples: Sample[] = [];
  const cpuBefore = await Promise.all([server.cpuMicros(), vendors.cpuMicros(), paceVendor.cpuMicros()]);
  const wallBefore = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 2_000) / tokens.length));
      for (let round = 0; round < rounds; round++) samples.push(await shop(server, token));
    }),
  );
  const wall = (performance.now() - wallBefore) * 1000;
  const cpuAfter = await Promise.all([server.cpuMicros(), vendors.cpuMicros(), paceVendor.cpuMicros()]);
  const used = (i: number) => (cpuAfter[i]! - cpuBefore[i]!) / wall;
  return {
    samples,
    cpuMsPerJourney: (cpuAfter[0]! - cpuBefore[0]!) / samples.length / 1000,
    coreShare: used(0),
    vendorShare: used(1) + used(2),
  };
}

/** Every concurrency level on one database; prints each as it is measured. */
async function latencies(database: Database): Promise<{ fastest: number; levels: Level[] }> {
  const env = { ...LATENCY_ENV, ...(await database.env()) };
  const servers = await startWithRemoteVendors(LATENCY_VENDORS, env);
  const { server, paceVendor, stop } = servers;
  try {
    const fastest = await paceAlone(paceVendor, 20);
    const tokens = await Promise.all(Array.from({ length: 200 }, () => session(server)));
    await warmUp(server, tokens.slice(0, 50));
    const one: Sample[] = [];
    for (let i = 0; i < 20; i++) one.push(await shop(server, tokens[i % tokens.length]!));
    const levels: Level[] = [
      // One at a time, the CPU per journey would be mostly the pollers' while the server waits on vendors: not counted.
      { label: '1 shopper at a time', samples: one, cpuMsPerJourney: Number.NaN, coreShare: 0, vendorShare: 0 },
      { label: '50 concurrent shoppers', ...(await concurrently(servers, tokens.slice(0, 50), ROUNDS)) },
      { label: '200 concurrent shoppers', ...(await concurrently(servers, tokens, ROUNDS)) },
    ];
    console.log(`${database.name}:`);
    for (const level of levels) {
      report(`  ${level.label}`, level.samples, fastest);
      if (level.coreShare > 0)
        console.log(
          `    Coverkit used ${fmt(level.coreShare * 100)}% of a core (${fmt(level.cpuMsPerJourney, 1)} ms CPU per journey), the vendor sandboxes ${fmt(level.vendorShare * 100)}%`,
        );
    }
    return { fastest, levels };
  } finally {
    await stop();
  }
}

/** Both databases in one table, with the goals. */
function sideBySideTable(results: { database: Database; fastest: number; levels: Level[] }[]) {
  const cell = (values: number[]) => `${fmt(percentile(values, 50), 1)} / ${fmt(percentile(values, 99), 1)}`.padEnd(22);
  console.log(
    `\nvendors: PACE answers after ${PACE_MS} ms (fastest); CoverHound carriers after ${fmt(500 * DELAY_SCALE)}–${fmt(SLOWEST_MS)} ms (slowest), polled every ${POLL_MS} ms`,
  );
  console.log(
    `overheads in ms, p50 / p99 (first result: over PACE called directly, ${results.map((r) => `${fmt(r.fastest, 1)} ms`).join(' / ')}; done: over the slowest carrier)`,
  );
  console.log(
    `${''.padEnd(26)}${results.map((r) => `${r.database.name} first`.padEnd(22) + `${r.database.name} done`.padEnd(22)).join('')}`,
  );
  const labels = results[0]?.levels.map((l) => l.label) ?? [];
  labels.forEach((label, i) => {
    const cells = results.map(({ levels, fastest }) => {
      const { samples } = levels[i]!;
      return cell(samples.map((s) => s.first - fastest)) + cell(samples.map((s) => s.done - SLOWEST_MS));
    });
    console.log(`${label.padEnd(26)}${cells.join('')}`);
  });
  console.log(
    `${'CPU per journey (ms)'.padEnd(26)}${results
      .map((r) =>
        r.levels
          .slice(1)
          .map((l) => fmt(l.cpuMsPerJourney, 1))
          .join(' / ')
          .padEnd(44),
      )
      .join('')}  (50 / 200 at once)`,
  );
  for (const { database, fastest, levels } of results) {
    const p99 = (i: number) =>
      percentile(
        levels[i]!.samples.map((s) => s.first - fastest),
        99,
      );
    const cpu = Math.max(levels[1]!.cpuMsPerJourney, levels[2]!.cpuMsPerJourney);
    const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
    console.log(
      `goals on ${database.name}: first-result p99 ≤ ${GOAL_50_MS} ms at 50 (${fmt(p99(1), 1)}) ${verdict(p99(1) <= GOAL_50_MS)}; ` +
        `≤ ${GOAL_200_MS} ms at 200 (${fmt(p99(2), 1)}) ${verdict(p99(2) <= GOAL_200_MS)}; CPU ≤ ${GOAL_CPU_MS} ms per journey (${fmt(cpu, 1)}) ${verdict(cpu <= GOAL_CPU_MS)}`,
    );
  }
}

/**
 * This checkout and BENCH_BASELINE_DIR's, side by side: the same vendor
 * processes, one shopper at a time, each round on both servers in turn (the
 * order alternating), so what the machine is doing meanwhile falls on both.
 */
async function sideBySide(baselineDir: string, database: Database, rounds = Number(process.env.BENCH_SIDE_ROUNDS ?? 60)) {
  const { server, vendors, paceVendor, stop } = await startWithRemoteVendors(LATENCY_VENDORS, {
    ...LATENCY_ENV,
    ...(await database.env()),
  });
  const baseline = await startLiveCoverkit(vendors, paceVendor, { ...LATENCY_ENV, ...(await database.env()) }, baselineDir);
  try {
    const fastest = await paceAlone(paceVendor, 20);
    const both = [
      { label: 'this checkout', server, samples: [] as { first: number; done: number }[], tokens: [] as string[] },
      { label: `baseline`, server: baseline, samples: [] as { first: number; done: number }[], tokens: [] as string[] },
    ];
    for (const side of both) {
      side.tokens = await Promise.all(Array.from({ length: 50 }, () => session(side.server)));
      await warmUp(side.server, side.tokens);
    }
    for (let i = 0; i < rounds; i++) {
      for (const side of i % 2 === 0 ? both : [...both].reverse()) side.samples.push(await shop(side.server, side.tokens[i % 50]!));
    }
    console.log(`${database.name}: side by side with ${baselineDir}, one shopper at a time, ${rounds} journeys each, alternating:`);
    const p50 = both.map((side) => {
      report(side.label, side.samples, fastest);
      return percentile(
        side.samples.map((s) => s.first - fastest),
        50,
      );
    });
    console.log(`first-result overhead p50, this checkout ÷ baseline: ${fmt(p50[0]! / p50[1]!, 2)}×`);
  } finally {
    await Promise.all([stop(), baseline.stop()]);
  }
}

async function memoryAcrossOpenStreams() {
  // Slow vendors and a long deadline keep every stream open while memory is sampled.
  const { server, stop } = await startWithRemoteVendors(
    { SANDBOX_PACE_LATENCY_MS: '60000', SANDBOX_COVERHOUND_DELAY_SCALE: '20' },
    { COVERHOUND_POLL_INTERVAL_MS: '2000', COVERKIT_QUOTE_DEADLINE_SECONDS: '120', COVERKIT_SSE_HEARTBEAT_SECONDS: '1' },
  );
  const controller = new AbortController();
  try {
    const token = await session(server);
    const headers = { Authorization: `Bearer ${token}` };
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${server.url}/v1/quote-requests`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(garciaHousehold()),
      });
      ids.push(((await res.json()) as { id: string }).id);
    }
    const before = await server.memory();
    // 5 streams on each of 100 requests: 500 open at once, each read to the end of its headers and then left open.
    const streams = ids.flatMap((id) =>
      Array.from({ length: 5 }, () =>
        fetch(`${server.url}/v1/quote-requests/${id}/stream`, { headers, signal: controller.signal })
          .then(async (r) => {
            const reader = r.body!.getReader();
            for (;;) if ((await reader.read()).done) break;
          })
          .catch(() => {}),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      samples.push((await server.memory()).heapUsed);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    const mb = (bytes: number) => fmt(bytes / 1048576, 1);
    const growth = samples.at(-1)! - samples[0]!;
    console.log(
      `memory, 500 open streams: heap ${mb(before.heapUsed)} MB before → ${samples.map(mb).join(', ')} MB over 12 s` +
        ` (${fmt((samples[0]! - before.heapUsed) / 500 / 1024, 1)} KB per stream; drift ${mb(growth)} MB) ${Math.abs(growth) < 5 * 1048576 ? 'FLAT' : 'GROWING'}`,
    );
    controller.abort();
    await Promise.all(streams);
  } finally {
    controller.abort();
    await stop();
  }
}

/** PostgreSQL may not be running here: that database is then left out, saying so. */
async function reachable(database: Database): Promise<boolean> {
  try {
    await database.env();
    return true;
  } catch (error) {
    console.log(`${database.name}: not measured (${(error as Error).message}); BENCH_DATABASE_URL names another`);
    return false;
  }
}

try {
  const measured: Database[] = [];
  for (const database of databases) if (await reachable(database)) measured.push(database);
  if (BASELINE_DIR) for (const database of measured) await sideBySide(path.resolve(BASELINE_DIR), database);
  else {
    const results = [];
    for (const database of measured) results.push({ database, ...(await latencies(database)) });
    sideBySideTable(results);
    await memoryAcrossOpenStreams();
  }
} finally {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  await dropTestSchemas();
}
