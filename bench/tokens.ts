/**
 * bench/tokens: the token service against its floors, measured side by side in
 * one run on this machine (each server in its own process, autocannon here):
 *   (a) POST /v1/sessions  vs a bare Hono route that only signs a JWT with jose   goal ≥ 0.8
 *   (b) GET /v1/session    vs a bare Hono GET                                      goal ≥ 0.7
 *   (c) p99 of both at a fixed 1,000 req/s                                         goal < 10 ms
 *   (d) both against the peer a team would write without us (servers/peer.ts: Hono's own
 *       jwk, secure-headers and cors middleware, a pino access log, prom-client metrics,
 *       the same INSERT into the same embedded database)                          goal ≥ 1.0
 * Rounds alternate ours and the floor so drift in machine load hits both alike,
 * and each server reports the CPU time it spent per request: on a shared,
 * noisy machine that ratio is the steadier estimate of the same thing.
 * `BENCH_SECONDS` sets the length of one measurement (default 8).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, type LoadResult, load, startChild } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-bench-'));

const coverkit = await startChild<{ secretKey: string }>(path.join(here, 'servers/coverkit.ts'), {
  COVERKIT_DATA_DIR: dataDir,
  COVERKIT_SESSION_RATE_PER_CLIENT: '10000000',
  COVERKIT_SESSION_RATE_PER_IP: '10000000',
  LOG_LEVEL: 'info',
});
const bare = await startChild(path.join(here, 'servers/bare.ts'));
const peerDataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-bench-peer-'));
const peer = await startChild<{ secretKey: string }>(path.join(here, 'servers/peer.ts'), { PEER_DATA_DIR: peerDataDir });

const secretHeaders = { 'X-Client-Id': 'demo-dealer', 'X-Secret-Key': coverkit.message.secretKey, 'Content-Type': 'application/json' };
const body = JSON.stringify({ externalRef: 'bench' });
const created = await (await fetch(`${coverkit.url}/v1/sessions`, { method: 'POST', headers: secretHeaders, body })).json();
const sessionHeaders = { Authorization: `Bearer ${created.sessionToken}` };
const peerSecretHeaders = { 'X-Client-Id': 'demo-dealer', 'X-Secret-Key': peer.message.secretKey, 'Content-Type': 'application/json' };
const peerCreated = await (await fetch(`${peer.url}/v1/sessions`, { method: 'POST', headers: peerSecretHeaders, body })).json();
const peerSessionHeaders = { Authorization: `Bearer ${peerCreated.sessionToken}` };

const scenarios = {
  createSession: { server: coverkit, url: `${coverkit.url}/v1/sessions`, method: 'POST' as const, headers: secretHeaders, body },
  signFloor: { server: bare, url: `${bare.url}/sign`, method: 'POST' as const, headers: { 'Content-Type': 'application/json' }, body },
  readSession: { server: coverkit, url: `${coverkit.url}/v1/session`, headers: sessionHeaders },
  bareGet: { server: bare, url: `${bare.url}/bare` },
  peerCreateSession: { server: peer, url: `${peer.url}/v1/sessions`, method: 'POST' as const, headers: peerSecretHeaders, body },
  peerReadSession: { server: peer, url: `${peer.url}/v1/session`, headers: peerSessionHeaders },
};
const run = (name: keyof typeof scenarios, extra: { seconds: number; rate?: number }) => {
  const { server, ...load_ } = scenarios[name];
  return load({ ...load_, ...extra }, server);
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
function check(name: string, r: LoadResult) {
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors: the measurement is void`);
}

async function pair(ours: keyof typeof scenarios, floor: keyof typeof scenarios) {
  // A short warm-up of each, so JIT and caches are not measured.
  await run(ours, { seconds: 2 });
  await run(floor, { seconds: 2 });
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const oursRps: number[] = [];
  const floorRps: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const a = await run(ours, { seconds });
    const b = await run(floor, { seconds });
    check(ours, a);
    check(floor, b);
    oursRps.push(a.rps);
    floorRps.push(b.rps);
    ratios.push(a.rps / b.rps);
    cpuRatios.push(b.cpuPerRequest! / a.cpuPerRequest!);
  }
  return { ours: median(oursRps), floor: median(floorRps), ratio: median(ratios), cpuRatio: median(cpuRatios) };
}

try {
  console.log(`bench/tokens: ${rounds} alternating rounds of ${seconds} s, 32 connections, servers in their own processes`);
  const a = await pair('createSession', 'signFloor');
  console.log(
    `(a) POST /v1/sessions ${fmt(a.ours)} req/s vs sign-only floor ${fmt(a.floor)} req/s  ratio ${fmt(a.ratio, 2)}  (goal ≥ 0.80) ${a.ratio >= 0.8 ? 'MET' : 'MISSED'}; server CPU per request ratio ${fmt(a.cpuRatio, 2)}`,
  );
  const b = await pair('readSession', 'bareGet');
  console.log(
    `(b) GET /v1/session   ${fmt(b.ours)} req/s vs bare GET ${fmt(b.floor)} req/s  ratio ${fmt(b.ratio, 2)}  (goal ≥ 0.70) ${b.ratio >= 0.7 ? 'MET' : 'MISSED'}; server CPU per request ratio ${fmt(b.cpuRatio, 2)}`,
  );
  const pc = await pair('createSession', 'peerCreateSession');
  console.log(
    `(d) POST /v1/sessions ${fmt(pc.ours)} req/s vs the plain-stack peer ${fmt(pc.floor)} req/s  ratio ${fmt(pc.ratio, 2)}  (goal ≥ 1.00) ${pc.ratio >= 1 ? 'MET' : 'MISSED'}; server CPU per request ratio ${fmt(pc.cpuRatio, 2)}`,
  );
  const pd = await pair('readSession', 'peerReadSession');
  console.log(
    `(d) GET /v1/session   ${fmt(pd.ours)} req/s vs the plain-stack peer ${fmt(pd.floor)} req/s  ratio ${fmt(pd.ratio, 2)}  (goal ≥ 1.00) ${pd.ratio >= 1 ? 'MET' : 'MISSED'}; server CPU per request ratio ${fmt(pd.cpuRatio, 2)}`,
  );
  const fixedSeconds = Math.max(seconds, 10);
  const pa = await run('createSession', { seconds: fixedSeconds, rate: 1000 });
  const pb = await run('readSession', { seconds: fixedSeconds, rate: 1000 });
  check('createSession@1000', pa);
  check('readSession@1000', pb);
  for (const [name, r] of [
    ['POST /v1/sessions', pa],
    ['GET /v1/session  ', pb],
  ] as const) {
    console.log(
      `(c) ${name} at 1,000 req/s: p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms  (goal p99 < 10 ms) ${r.p99 < 10 ? 'MET' : 'MISSED'}`,
    );
  }
} finally {
  await Promise.all([coverkit.stop(), bare.stop(), peer.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(peerDataDir, { recursive: true, force: true });
}
