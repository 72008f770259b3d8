/**
 * Vendors slower than our timeout: a call that timed out may still make its
 * record at the vendor, and a blind retry would make a second one. Here
 * AgencyZoom and AutoComplete answer every second call later than the client
 * waits (the sandboxes' latencyRate), so tries time out at every step, the
 * vendor finishing the work anyway; each retry looks at the vendor first (lead
 * search, the lead's quotes, GET /people) and adopts what it finds. Every
 * submission ends delivered with exactly one lead carrying one quote, and one person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import {
  agencyZoom,
  autoCompletePeople,
  delivery,
  FAST_DELIVERY,
  faults,
  household,
  leadsForReference,
  pricedQuote,
  settled,
  submissionBody,
  submit,
  waitForSubmission,
} from './helpers.ts';

const SUBMISSIONS = 4;
/** A short client timeout, so a slow answer costs a fraction of a second instead of 10 s. */
const TIMEOUT_MS = 300;
const SLOW = { latencyMs: TIMEOUT_MS + 400, latencyRate: 0.5 };

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      ...FAST_DELIVERY,
      SANDBOX_COVERHOUND_DELAY_SCALE: '0.1',
      COVERHOUND_POLL_INTERVAL_MS: '50',
      AGENCYZOOM_TIMEOUT_MS: String(TIMEOUT_MS),
      AUTOCOMPLETE_TIMEOUT_MS: String(TIMEOUT_MS),
      COVERKIT_DELIVERY_MAX_ATTEMPTS: '100',
    },
  });
  ({ sessionToken: token } = await createSession(server.url));
});
afterAll(() => server?.close());

describe('vendors answering every second call after our timeout', () => {
  it('end with one AgencyZoom lead holding one quote, and one AutoComplete person, per submission', async () => {
    const applicants = Array.from({ length: SUBMISSIONS }, () => household());
    const chosen = await Promise.all(applicants.map((applicant) => pricedQuote(server.url, token, applicant)));
    // One delivered first, so the AgencyZoom client holds its login and lookups: what follows is leads, quotes and searches.
    const warm = await submit(server.url, token, submissionBody());
    await waitForSubmission(server.url, warm.body.submissionId, settled);

    await faults(server.url, 'agencyzoom', SLOW);
    await faults(server.url, 'autocomplete', SLOW);
    const submitted = await Promise.all(
      applicants.map(async (applicant, i) => {
        const { quoteRequestId, quote } = chosen[i]!;
        const res = await submit(server.url, token, submissionBody(applicant, { quoteRequestId, selectedQuoteId: quote.id }));
        expect(res.status).toBe(201);
        return { id: res.body.submissionId as string, reference: res.body.reference as string, applicant };
      }),
    );
    const done = await Promise.all(submitted.map(({ id }) => waitForSubmission(server.url, id, settled, { timeoutMs: 120_000 })));
    await faults(server.url, 'agencyzoom', { latencyMs: 0 });
    await faults(server.url, 'autocomplete', { latencyMs: 0 });

    // The vendors were slow enough to matter: tries timed out and were tried again.
    const tries = (target: 'agencyzoom' | 'autocomplete') => done.reduce((sum, s) => sum + delivery(s, target).attempts, 0);
    expect(tries('agencyzoom')).toBeGreaterThan(SUBMISSIONS);
    expect(tries('autocomplete')).toBeGreaterThan(SUBMISSIONS);
    expect(server.logs.text).toMatch(/did not answer in time/);

    const crm = await agencyZoom(server.url);
    const people = await autoCompletePeople(server.url);
    for (const [i, { reference, applicant }] of submitted.entries()) {
      const stored = done[i]!;
      expect(stored.status).toBe('delivered');
      const email = applicant.contact.email;
      const leads = await crm.leadsByEmail(email);
      expect(leads).toHaveLength(1);
      expect(await leadsForReference(crm, email, reference)).toHaveLength(1);
      const { leadId, leadQuoteId } = delivery(stored, 'agencyzoom').vendorIds;
      expect(leads[0].id).toBe(leadId);
      const lead = await crm.lead(leadId);
      expect(lead.quotes).toEqual([expect.objectContaining({ id: leadQuoteId })]);
      const persons = people.filter((p) => p.emails?.some((e: any) => e.email === email));
      expect(persons.map((p) => p.id)).toEqual([delivery(stored, 'autocomplete').vendorIds.personId]);
      expect(stored.flowUrl).toBe(persons[0].flow.flow_url);
    }
  });
});
