/**
 * Submissions survive their process: a real server (`node server/main.ts`)
 * killed while it is delivering leaves the outbox row leased, and the server
 * started again on the same data folder takes the row over once the lease
 * lapses and delivers it. On PostgreSQL, a second process takes it over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecretKey } from '../../../server/auth/secrets.ts';
import { dropTestSchemas, privateSchemaUrl } from '../../helpers/databases.ts';
import { createSession } from '../../helpers/http.ts';
import { type ServerProcess, startProcess } from '../../helpers/process.ts';
import { requestArrives, startTestServer, TEST_DATA_KEY } from '../../helpers/server.ts';
import { agencyZoom, delivery, faults, settled, submissionBody, submit, waitForSubmission } from './helpers.ts';

const SECRET_KEY = 'sk_test_submissions_restart_0123456789';
const demoDealer = { clientId: 'demo-dealer', secretKey: SECRET_KEY };
const databaseUrl = process.env.TEST_DATABASE_URL;
const processes: ServerProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  for (const cleanup of cleanups) await cleanup();
  await dropTestSchemas();
});

/** Short leases and quick polling; AgencyZoom answers every call 4 s late, so a delivery is in flight long enough to kill. */
const SLOW_AGENCYZOOM = {
  COVERKIT_DEMO_SECRET_KEY: SECRET_KEY,
  COVERKIT_DELIVERY_LEASE_SECONDS: '2',
  COVERKIT_DELIVERY_POLL_MS: '100',
  COVERKIT_DELIVERY_BACKOFF_MS: '100',
  SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND: '0',
  SANDBOX_AGENCYZOOM_LATENCY_MS: '4000',
};

/**
 * A restarted server comes back on whatever port is free (another test file may
 * have taken the old one); one public address keeps the tokens it issued valid.
 */
async function start(env: Record<string, string>) {
  const server = await startProcess({ COVERKIT_PUBLIC_URL: 'http://coverkit.test', ...env });
  processes.push(server);
  return server;
}

/** Submits, then waits until AgencyZoom's delivery is under way (its first try started, not finished). */
async function submitAndCatchInFlight(server: ServerProcess) {
  const { sessionToken } = await createSession(server.url, {}, demoDealer);
  const body = submissionBody();
  const res = await submit(server.url, sessionToken, body);
  expect(res.status).toBe(201);
  expect(res.body.flowUrl).toEqual(expect.any(String));
  const inFlight = await waitForSubmission(server.url, res.body.submissionId, (s) => delivery(s, 'agencyzoom').attempts === 1, {
    dealer: demoDealer,
  });
  expect(delivery(inFlight, 'agencyzoom')).toMatchObject({ status: 'pending', attempts: 1 });
  return { id: res.body.submissionId as string, body };
}

async function expectTakenOver(server: ServerProcess, id: string, email: string) {
  const done = await waitForSubmission(server.url, id, settled, { dealer: demoDealer });
  expect(done.status).toBe('delivered');
  // The try the dead process started counts; the process that took over made the second.
  expect(delivery(done, 'agencyzoom')).toMatchObject({ status: 'delivered', attempts: 2 });
  expect(delivery(done, 'autocomplete')).toMatchObject({ status: 'delivered', attempts: 1 });
  expect(server.output()).toMatch(/retrying a submission delivery/);
  expect(await (await agencyZoom(server.url)).leadsByEmail(email)).toHaveLength(1);
}

describe('a server killed mid-delivery (embedded database)', () => {
  it('delivers the submission after it is started again on the same data folder', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-submissions-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await start({ ...SLOW_AGENCYZOOM, COVERKIT_DATA_DIR: dataDir });
    const { id, body } = await submitAndCatchInFlight(first);
    await first.kill();

    const second = await start({ ...SLOW_AGENCYZOOM, COVERKIT_DATA_DIR: dataDir, SANDBOX_AGENCYZOOM_LATENCY_MS: '0' });
    await expectTakenOver(second, id, body.applicant.contact.email);
  });
});

describe('a server stopped with SIGTERM while AgencyZoom is creating the lead (live mode)', () => {
  it('waits for the call already sent and records the lead, so the restart makes no second one', async () => {
    // The vendors run elsewhere (this test's own sandboxed server), as real ones do: the app's shutdown cannot hold them up.
    // Live mode passes on https: shopping links only (contract/links.ts), as the real AutoComplete's are.
    const vendors = await startTestServer({
      env: {
        SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND: '0',
        SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: '10000',
        SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL: 'https://app.autocomplete.example/flows',
      },
    });
    cleanups.push(() => vendors.close());
    const at = (vendor: string) => `${vendors.url}/sandbox/${vendor}`;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-submissions-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = {
      ...SLOW_AGENCYZOOM,
      SANDBOX_AGENCYZOOM_LATENCY_MS: '0',
      COVERKIT_DATA_DIR: dataDir,
      COVERKIT_MODE: 'live',
      COVERKIT_DATA_KEY: TEST_DATA_KEY,
      COVERHOUND_BASE_URL: at('coverhound'),
      PACE_BASE_URL: at('pace'),
      TRELLIS_BASE_URL: at('trellis'),
      AUTOCOMPLETE_BASE_URL: at('autocomplete'),
      AGENCYZOOM_BASE_URL: at('agencyzoom'),
      // Live mode has no demo dealer: the same one, registered.
      COVERKIT_DEALERS: JSON.stringify({
        dealers: [{ clientId: demoDealer.clientId, name: 'Demo', secretKeySha256: hashSecretKey(SECRET_KEY) }],
      }),
    };
    const first = await start(env);
    const { sessionToken } = await createSession(first.url, {}, demoDealer);
    // A first submission logs in and reads the lookups, so the next one's first AgencyZoom call is the lead itself.
    const warm = await submit(first.url, sessionToken, submissionBody());
    await waitForSubmission(first.url, warm.body.submissionId, settled, { dealer: demoDealer });

    await faults(vendors.url, 'agencyzoom', { latencyMs: 8_000 });
    const body = submissionBody();
    const leadSent = requestArrives(vendors.server, 'POST', '/sandbox/agencyzoom/v1/api/leads/create');
    const res = await submit(first.url, sessionToken, body);
    expect(res.status).toBe(201);
    await leadSent;
    // createLead is out, and takes longer than a short shutdown wait.
    expect(await first.stop()).toBe(0);
    expect(first.output()).not.toMatch(/stopping with work still running/);
    await faults(vendors.url, 'agencyzoom', { latencyMs: 0 });

    const second = await start(env);
    const done = await waitForSubmission(second.url, res.body.submissionId, settled, { dealer: demoDealer });
    expect(done.status).toBe('delivered');
    expect(delivery(done, 'agencyzoom')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await (await agencyZoom(vendors.url)).leadsByEmail(body.applicant.contact.email)).toHaveLength(1);
  });
});

describe.skipIf(!databaseUrl)('two server processes on one PostgreSQL', () => {
  it('the other process takes over a delivery whose process was killed', async () => {
    const url = await privateSchemaUrl(databaseUrl!);
    const shared = { DATABASE_URL: url, COVERKIT_PUBLIC_URL: 'http://coverkit.test' };
    const a = await start({ ...SLOW_AGENCYZOOM, ...shared });
    const b = await start({ ...SLOW_AGENCYZOOM, ...shared, SANDBOX_AGENCYZOOM_LATENCY_MS: '0' });
    const { id, body } = await submitAndCatchInFlight(a);
    await a.kill();
    // Each process delivers to its own sandboxes: B's AgencyZoom holds the lead B delivered.
    await expectTakenOver(b, id, body.applicant.contact.email);
  });
});
