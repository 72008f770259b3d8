/**
 * bench/limits: what a rate limit costs per request in each store it can count
 * in (server/http/limit-counters.ts), side by side in one run: the same Hono GET
 * behind Coverkit's rateLimit with its counters in the process's memory (the
 * embedded database), in PostgreSQL (DATABASE_URL) and in Redis (REDIS_URL),
 * and with no limit at all (the floor). Each server runs in its own process;
 * requests come from 1,000 clients (one key each), as a busy deployment's do.
 *   - one request at a time: p50 and p99 per request, and p50 as a ratio to memory's;
 *   - 32 connections as fast as they go: requests per second and the server's CPU per request.
 * Rounds alternate the stores, so drift in machine load hits each alike; medians are printed.
 * DATABASE_URL / REDIS_URL default to this machine's own servers (127.0.0.1:5432 / :6379);
 * a store whose server does not answer is reported as not measured.
 * BENCH_REQUESTS (default 3000) sets the one-at-a-time count, BENCH_SECONDS (default 5) the
 * length of a throughput run, BENCH_ROUNDS (default 2) the rounds.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { type Child, fmt, startChild } from './lib.ts';

const requests = Number(process.env.BENCH_REQUESTS ?? 3000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const CLIENTS = 1000;
const here = path.dirname(fileURLToPath(import.meta.url));
const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type Store = 'none' | 'memory' | 'postgres' | 'redis';
const STORES: Store[] = ['none', 'memory', 'postgres', 'redis'];

const servers = new Map<Store, Child<unknown>>();
for (const store of STORES) {
  try {
    servers.set(
      store,
      await startChild(path.join(here, 'servers/limited.ts'), {
        LIMIT_STORE: store,
        BENCH_DATABASE_URL: databaseUrl,
        BENCH_REDIS_URL: redisUrl,
      }),
    );
  } catch (error) {
    console.log(`${store}: not measured (${(error as Error).message})`);
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** `count` GETs one after another on one kept-alive connection, each from the next of CLIENTS clients: µs per request. */
async function oneAtATime(server: Child<unknown>, count: number): Promise<{ p50: number; p99: number }> {
  const pool = new Pool(server.url, { connections: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const res = await pool.request({ path: '/limited', method: 'GET', headers: { 'x-bench-client': `client-${i % CLIENTS}` } });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}: the measurement is void`);
      times.push((performance.now() - started) * 1000);
    }
  } finally {
    await pool.close();
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

/** 32 connections as fast as they go: requests per second and the server's CPU µs per request. */
async function flatOut(server: Child<unknown>, duration: number): Promise<{ rps: number; cpu: number }> {
  let next = 0;
  const cpuBefore = await server.cpuMicros();
  const result = await autocannon({
    url: `${server.url}/limited`,
    duration,
    connections: 32,
    requests: [
      {
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'x-bench-client': `client-${next++ % CLIENTS}` } }),
      },
    ],
  });
  const cpuAfter = await server.cpuMicros();
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx and ${result.errors} errors: the measurement is void`);
  return { rps: result.requests.average, cpu: (cpuAfter - cpuBefore) / result.requests.total };
}

const seen = new Map<Store, { p50: number[]; p99: number[]; rps: number[]; cpu: number[] }>();
// Warm-up: JIT, connections, the table's first rows.
for (const server of servers.values()) {
  await oneAtATime(server, 500);
  await flatOut(server, 1);
}
for (let round = 0; round < rounds; round++) {
  for (const [store, server] of servers) {
    const latency = await oneAtATime(server, requests);
    const throughput = await flatOut(server, seconds);
    const s = seen.get(store) ?? { p50: [], p99: [], rps: [], cpu: [] };
    s.p50.push(latency.p50);
    s.p99.push(latency.p99);
    s.rps.push(throughput.rps);
    s.cpu.push(throughput.cpu);
    seen.set(store, s);
  }
}
await Promise.all([...servers.values()].map((s) => s.stop()));

const figures = new Map(
  [...seen].map(([store, s]) => [store, { p50: median(s.p50), p99: median(s.p99), rps: median(s.rps), cpu: median(s.cpu) }]),
);
const memory = figures.get('memory');
const none = figures.get('none');
console.log(
  `\nbench:limits: one rate limit per request, ${fmt(requests)} requests one at a time and ${seconds} s at 32 connections, ${rounds} rounds (medians), ${CLIENTS} clients`,
);
console.log('store      p50 µs  p99 µs  p50 × memory  + per request vs no limit   req/s (32 conn)  × memory  server CPU µs/req');
for (const [store, f] of figures) {
  console.log(
    [
      store.padEnd(8),
      fmt(f.p50).padStart(8),
      fmt(f.p99).padStart(7),
      (memory ? `${fmt(f.p50 / memory.p50, 2)}×` : '—').padStart(13),
      (none ? `${fmt(f.p50 - none.p50)} µs` : '—').padStart(27),
      fmt(f.rps).padStart(18),
      (memory ? `${fmt(f.rps / memory.rps, 2)}×` : '—').padStart(9),
      fmt(f.cpu).padStart(19),
    ].join(' '),
  );
}
