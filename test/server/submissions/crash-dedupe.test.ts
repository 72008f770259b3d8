/**
 * A server SIGKILLed mid-delivery while AgencyZoom and AutoComplete answer
 * after our timeout: nothing lost, nothing made twice. The vendors' sandboxes
 * run in their own process (a sandbox-mode Coverkit, as bench/quotes does),
 * so what reached them outlives the kill and can be counted; Coverkit runs in
 * live mode pointed at them. Every second vendor call answers later than the
 * client waits (latencyRate 0.5), the vendor finishing its work anyway, so
 * tries time out at every step; the server is killed while deliveries are
 * under way, started again on the same database, and every submission ends
 * delivered with exactly one lead carrying one quote, and one person.
 * On the embedded database (same data folder) and on PostgreSQL (TEST_DATABASE_URL).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecretKey } from '../../../server/auth/secrets.ts';
import { dropTestSchemas, privateSchemaUrl } from '../../helpers/databases.ts';
import { createSession } from '../../helpers/http.ts';
import { type ServerProcess, startProcess } from '../../helpers/process.ts';
import { TEST_DATA_KEY } from '../../helpers/server.ts';
import {
  agencyZoom,
  autoCompletePeople,
  delivery,
  faults,
  household,
  leadReference,
  pricedQuote,
  readSubmission,
  settled,
  submissionBody,
  submit,
  waitForSubmission,
} from './helpers.ts';

const SUBMISSIONS = 30;
/** Short client timeouts, so a slow answer costs half a second instead of 10 s; the vendor answers 300 ms after it. */
const TIMEOUT_MS = 500;
const SLOW = { latencyMs: TIMEOUT_MS + 300, latencyRate: 0.5 };
const SECRET_KEY = 'sk_test_crash_dedupe_0123456789abcd';
const dealer = { clientId: 'demo-dealer', secretKey: SECRET_KEY };

const processes: ServerProcess[] = [];
const cleanups: (() => void)[] = [];
const temporaryDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'coverkit-crash-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  for (const cleanup of cleanups) cleanup();
  await dropTestSchemas();
});

let vendors: ServerProcess;
beforeAll(async () => {
  vendors = await startProcess({
    COVERKIT_PUBLIC_URL: 'http://vendors.test',
    COVERKIT_DATA_DIR: temporaryDir(),
    SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND: '0',
    SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: '100000',
    SANDBOX_COVERHOUND_DELAY_SCALE: '0.1',
    // Live mode passes on https: shopping links only, as the real AutoComplete's are.
    SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL: 'https://app.autocomplete.example/flows',
  });
  processes.push(vendors);
});

/** Coverkit in live mode against the vendors' process, with quick leases and retries. */
async function startCoverkit(database: Record<string, string>) {
  const at = (vendor: string) => `${vendors.url}/sandbox/${vendor}`;
  const server = await startProcess({
    ...database,
    COVERKIT_MODE: 'live',
    COVERKIT_PUBLIC_URL: 'http://coverkit.test',
    COVERKIT_DATA_KEY: TEST_DATA_KEY,
    COVERKIT_DEALERS: JSON.stringify({
      dealers: [{ clientId: dealer.clientId, name: 'Demo', secretKeySha256: hashSecretKey(SECRET_KEY) }],
    }),
    COVERHOUND_BASE_URL: at('coverhound'),
    PACE_BASE_URL: at('pace'),
    TRELLIS_BASE_URL: at('trellis'),
    AUTOCOMPLETE_BASE_URL: at('autocomplete'),
    AGENCYZOOM_BASE_URL: at('agencyzoom'),
    COVERHOUND_POLL_INTERVAL_MS: '50',
    AGENCYZOOM_TIMEOUT_MS: String(TIMEOUT_MS),
    AUTOCOMPLETE_TIMEOUT_MS: String(TIMEOUT_MS),
    // The sandbox's one-a-second limit is lifted above; so is the client's spacing.
    AUTOCOMPLETE_MIN_INTERVAL_MS: '0',
    COVERKIT_FLOW_URL_WAIT_MS: '0',
    COVERKIT_DELIVERY_LEASE_SECONDS: '2',
    COVERKIT_DELIVERY_POLL_MS: '100',
    COVERKIT_DELIVERY_BACKOFF_MS: '100',
    COVERKIT_DELIVERY_BACKOFF_MAX_MS: '400',
    COVERKIT_DELIVERY_MAX_ATTEMPTS: '1000',
    COVERKIT_QUOTE_RATE_PER_SESSION: '1000',
    COVERKIT_SUBMISSION_RATE_PER_SESSION: '1000',
  });
  processes.push(server);
  return server;
}

const databases = [
  { name: 'the embedded database', env: async () => ({ COVERKIT_DATA_DIR: temporaryDir() }) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'PostgreSQL', env: async () => ({ DATABASE_URL: await privateSchemaUrl(process.env.TEST_DATABASE_URL!) }) }]
    : []),
];

describe.each(databases)('a server SIGKILLed mid-delivery with slow vendors, on $name', ({ env }) => {
  it(`delivers all ${SUBMISSIONS} submissions after its restart: none lost, no duplicate lead or person, no lead with two quotes`, async () => {
    const database = await env();
    const first = await startCoverkit(database);
    const { sessionToken } = await createSession(first.url, {}, dealer);
    // Each shopper with an email of their own, so the vendors' records can be told apart.
    const applicants = Array.from({ length: SUBMISSIONS }, () => household((a) => (a.contact.email = `crash-${randomUUID()}@example.com`)));
    const chosen = await Promise.all(applicants.map((applicant) => pricedQuote(first.url, sessionToken, applicant)));

    await faults(vendors.url, 'agencyzoom', SLOW);
    await faults(vendors.url, 'autocomplete', SLOW);
    const submitted = await Promise.all(
      applicants.map(async (applicant, i) => {
        const { quoteRequestId, quote } = chosen[i]!;
        const res = await submit(first.url, sessionToken, submissionBody(applicant, { quoteRequestId, selectedQuoteId: quote.id }));
        expect(res.status).toBe(201);
        return { id: res.body.submissionId as string, reference: res.body.reference as string, email: applicant.contact.email };
      }),
    );
    const ours = new Set(submitted.map((s) => s.reference));
    const crm = await agencyZoom(vendors.url);
    const ourLeads = async () => (await crm.allLeads()).filter((lead) => ours.has(leadReference(lead) ?? ''));

    // Mid-delivery: AgencyZoom holds leads for some of the submissions, and some deliveries are still under way.
    await expect.poll(async () => (await ourLeads()).length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(5);
    const before = await Promise.all(submitted.map(async ({ id }) => (await readSubmission(first.url, id, dealer)).body));
    await first.kill();
    const unfinished = before.filter((s) => s.deliveries.some((d: any) => d.status === 'pending')).length;
    expect(unfinished).toBeGreaterThan(0);

    const second = await startCoverkit(database);
    const done = await Promise.all(submitted.map(({ id }) => waitForSubmission(second.url, id, settled, { dealer, timeoutMs: 240_000 })));
    await faults(vendors.url, 'agencyzoom', { latencyMs: 0 });
    await faults(vendors.url, 'autocomplete', { latencyMs: 0 });

    // None lost: every submission delivered to both vendors.
    expect(done.filter((s) => s.status !== 'delivered').map((s) => s.deliveries)).toEqual([]);
    // The vendors were slow enough to matter: tries timed out and were tried again, across the restart.
    expect(done.reduce((sum, s) => sum + delivery(s, 'agencyzoom').attempts, 0)).toBeGreaterThan(SUBMISSIONS);
    expect(second.output()).toMatch(/retrying a submission delivery/);

    // No duplicate lead: one per submission, the one its delivery names; no lead with two quotes.
    const leads = await ourLeads();
    const byReference = new Map<string, any[]>();
    for (const lead of leads) byReference.set(leadReference(lead)!, [...(byReference.get(leadReference(lead)!) ?? []), lead]);
    expect([...byReference.values()].filter((list) => list.length > 1).map((list) => list.map((l) => l.id))).toEqual([]);
    expect(leads).toHaveLength(SUBMISSIONS);
    const people = await autoCompletePeople(vendors.url);
    for (const [i, { reference, email }] of submitted.entries()) {
      const { leadId, leadQuoteId } = delivery(done[i], 'agencyzoom').vendorIds;
      expect(byReference.get(reference)?.map((l) => l.id)).toEqual([leadId]);
      expect((await crm.lead(leadId)).quotes.map((q: any) => q.id)).toEqual([leadQuoteId]);
      // No duplicate person: one per shopper, the one its delivery names.
      const persons = people.filter((p) => p.emails?.some((e: any) => e.email === email));
      expect(persons.map((p) => p.id)).toEqual([delivery(done[i], 'autocomplete').vendorIds.personId]);
    }
  }, 300_000);
});
