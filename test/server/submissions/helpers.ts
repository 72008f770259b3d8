/**
 * What the submission tests share: a submission body, the calls the widget and
 * the dealer make, waiting for the outbox, and reading the two sandboxes the
 * way their READMEs say (AutoComplete's GET /people, AgencyZoom's login and
 * lead search), so a test sees what the vendor really received.
 */
import { randomUUID } from 'node:crypto';
import type { QuoteRequestBody } from '../../../contract/index.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { bearer, call, secretKeyHeaders } from '../../helpers/http.ts';
import { TEST_DEALERS } from '../../helpers/server.ts';

/**
 * Quick outbox timings for tests: retries within a fraction of a second,
 * leases of two seconds, and the sandboxes' per-second and per-minute limits
 * lifted (the rate-limit test sets its own).
 */
export const FAST_DELIVERY = {
  COVERKIT_DELIVERY_BACKOFF_MS: '100',
  COVERKIT_DELIVERY_BACKOFF_MAX_MS: '300',
  COVERKIT_DELIVERY_POLL_MS: '50',
  COVERKIT_DELIVERY_LEASE_SECONDS: '2',
  COVERKIT_FLOW_URL_WAIT_MS: '3000',
  COVERKIT_SUBMISSION_LIST_SETTLE_MS: '0',
  SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND: '0',
  SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: '10000',
  COVERKIT_SUBMISSION_RATE_PER_SESSION: '1000',
};

type Dealer = { clientId: string; secretKey: string };

/** The Garcia household with an email of its own, so a test finds its own records in the sandboxes. */
export function household(changes: (applicant: QuoteRequestBody) => void = () => {}): QuoteRequestBody {
  const applicant = garciaHousehold();
  applicant.contact.email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
  changes(applicant);
  return applicant;
}

export function submissionBody(applicant: QuoteRequestBody = household(), extra: Record<string, unknown> = {}) {
  return { applicant, contactConsent: true, ...extra };
}

export function submit(
  baseUrl: string,
  token: string,
  body: unknown,
  key: string | null = randomUUID(),
  headers: Record<string, string> = {},
) {
  return call(`${baseUrl}/v1/submissions`, {
    method: 'POST',
    headers: { ...bearer(token), ...(key === null ? {} : { 'Idempotency-Key': key }), ...headers },
    json: body,
  });
}

export function readSubmission(baseUrl: string, id: string, dealer: Dealer = TEST_DEALERS.acme) {
  return call(`${baseUrl}/v1/submissions/${id}`, { headers: secretKeyHeaders(dealer) });
}

export function listSubmissions(baseUrl: string, query: Record<string, string> = {}, dealer: Dealer = TEST_DEALERS.acme) {
  return call(`${baseUrl}/v1/submissions?${new URLSearchParams(query)}`, { headers: secretKeyHeaders(dealer) });
}

export const delivery = (submission: any, target: 'autocomplete' | 'agencyzoom') =>
  submission.deliveries.find((d: any) => d.target === target);

/** Reads the submission until `done` holds for it (or fails after `timeoutMs`). */
export async function waitForSubmission(
  baseUrl: string,
  id: string,
  done: (submission: any) => boolean,
  { timeoutMs = 60_000, dealer = TEST_DEALERS.acme as Dealer } = {},
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await readSubmission(baseUrl, id, dealer);
    if (res.status === 200 && done(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`submission ${id} did not get there in time: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const settled = (submission: any) => submission.status === 'delivered' || submission.status === 'failed';

/** Everyone AutoComplete's sandbox received, as its own GET /people lists them (`mountedAt` '' for one on its own port). */
export async function autoCompletePeople(baseUrl: string, mountedAt = '/sandbox/autocomplete'): Promise<any[]> {
  const res = await call(`${baseUrl}${mountedAt}/people`, {
    headers: { Authorization: `Basic ${Buffer.from('sandbox-api-key:sandbox-api-secret').toString('base64')}` },
  });
  if (res.status !== 200) throw new Error(`GET /people: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** AgencyZoom's sandbox, signed in with the sandbox account. */
export async function agencyZoom(baseUrl: string) {
  const base = `${baseUrl}/sandbox/agencyzoom/v1/api`;
  const login = await call(`${base}/auth/login`, {
    method: 'POST',
    json: { username: 'agent@pleasantville.example', password: 'sandbox-password' },
  });
  if (login.status !== 200) throw new Error(`AgencyZoom login: ${login.status} ${JSON.stringify(login.body)}`);
  const auth = { Authorization: `Bearer ${login.body.jwt}` };
  return {
    /** Leads whose email starts with `email` (AgencyZoom's search is a prefix match). */
    async leadsByEmail(email: string): Promise<any[]> {
      const res = await call(`${base}/leads/list`, { method: 'POST', headers: auth, json: { customerEmail: email } });
      if (res.status !== 200) throw new Error(`lead search: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.leads;
    },
    /** Every lead the sandbox holds, page by page (100 at a time, the documented maximum). */
    async allLeads(): Promise<any[]> {
      const leads: any[] = [];
      for (let page = 0; ; page++) {
        const res = await call(`${base}/leads/list`, { method: 'POST', headers: auth, json: { pageSize: 100, page } });
        if (res.status !== 200) throw new Error(`lead search: ${res.status} ${JSON.stringify(res.body)}`);
        leads.push(...res.body.leads);
        if (res.body.leads.length < 100) return leads;
      }
    },
    async lead(id: number): Promise<any> {
      const res = await call(`${base}/leads/${id}`, { headers: auth });
      if (res.status !== 200) throw new Error(`lead ${id}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

/** Turns a sandbox's fault knobs (PUT /sandbox/<vendor>/_faults). */
export async function faults(baseUrl: string, vendor: 'autocomplete' | 'agencyzoom', knobs: Record<string, unknown>) {
  const res = await call(`${baseUrl}/sandbox/${vendor}/_faults`, { method: 'PUT', json: knobs });
  if (res.status !== 200) throw new Error(`faults: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Asks for quotes for `applicant` in the session of `token` and waits for the first priced one. */
export async function pricedQuote(baseUrl: string, token: string, applicant: QuoteRequestBody) {
  const created = await call(`${baseUrl}/v1/quote-requests`, { method: 'POST', headers: bearer(token), json: applicant });
  if (created.status !== 202) throw new Error(`quote request: ${created.status} ${JSON.stringify(created.body)}`);
  const quoteRequestId: string = created.body.id;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const snapshot = await call(`${baseUrl}/v1/quote-requests/${quoteRequestId}`, { headers: bearer(token) });
    const quote = snapshot.body.quotes?.find((q: any) => q.status === 'complete' && q.payPlans?.length);
    if (quote) return { quoteRequestId, quote };
  }
  throw new Error(`no priced quote for ${quoteRequestId} in time`);
}

/** The Coverkit reference an AgencyZoom lead's notes name (the line every Coverkit lead carries), if any. */
export const leadReference = (lead: any): string | undefined => /^Coverkit reference: (.+)\.$/m.exec(String(lead.comments ?? ''))?.[1];

/** The AgencyZoom leads for the shopper's `email` whose notes name `reference`. */
export async function leadsForReference(crm: Awaited<ReturnType<typeof agencyZoom>>, email: string, reference: string) {
  return (await crm.leadsByEmail(email)).filter((lead) => leadReference(lead) === reference);
}
