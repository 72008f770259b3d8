/**
 * Links from vendors are safe (issue 13, item 4): AutoComplete's shopping link
 * and CoverHound's purchase link reach the widget (`href`, `onSuccess`) and the
 * dealer (`GET /v1/submissions`), so each must be https: (http: in sandbox
 * mode only). The vendors here are their sandboxes on their own ports, told to
 * hand out `javascript:` and `http:` links, reached the way real vendors are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Quote, Submission } from '../../../contract/index.ts';
import { agencyZoomSandboxOptionsFromEnv, createAgencyZoomSandbox } from '../../../server/vendors/agencyzoom/index.ts';
import { autoCompleteSandboxOptionsFromEnv, createAutoCompleteSandbox } from '../../../server/vendors/autocomplete/index.ts';
import { coverHoundSandboxOptionsFromEnv, createCoverHoundSandbox } from '../../../server/vendors/coverhound/index.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { type StandIn, serveStandIn } from '../../helpers/stand-in.ts';
import {
  autoCompletePeople,
  delivery,
  FAST_DELIVERY,
  household,
  listSubmissions,
  submissionBody,
  submit,
  waitForSubmission,
} from '../submissions/helpers.ts';

const SCRIPT_LINK = 'javascript:alert(document.domain)//';

/** An AutoComplete whose shopping links start with `flowBaseUrl`. */
const autoComplete = (flowBaseUrl: string) =>
  createAutoCompleteSandbox({ ...autoCompleteSandboxOptionsFromEnv({}), rateLimitPerSecond: false, flowBaseUrl });

/** A CoverHound whose purchase links start with `purchaseBaseUrl`, carriers answering within a second. */
const coverHound = (purchaseBaseUrl: string) =>
  createCoverHoundSandbox({ ...coverHoundSandboxOptionsFromEnv({ SANDBOX_COVERHOUND_DELAY_SCALE: '0.1' }), purchaseBaseUrl });

type Vendors = { autocomplete: StandIn; coverhound: StandIn; agencyzoom: StandIn };

async function startVendors(): Promise<Vendors> {
  return {
    autocomplete: await serveStandIn(autoComplete('https://app.autocomplete.example/flows')),
    coverhound: await serveStandIn(coverHound('https://coverhound.example')),
    agencyzoom: await serveStandIn(
      createAgencyZoomSandbox(agencyZoomSandboxOptionsFromEnv({ SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: '10000' })),
    ),
  };
}

const vendorEnv = (vendors: Vendors) => ({
  ...FAST_DELIVERY,
  AUTOCOMPLETE_BASE_URL: vendors.autocomplete.url,
  COVERHOUND_BASE_URL: vendors.coverhound.url,
  AGENCYZOOM_BASE_URL: vendors.agencyzoom.url,
  // Not called here (quotes come from CoverHound alone), but live mode wants every vendor's address.
  PACE_BASE_URL: 'http://127.0.0.1:9',
  TRELLIS_BASE_URL: 'http://127.0.0.1:9',
  COVERKIT_QUOTE_VENDORS: 'coverhound',
  COVERHOUND_POLL_INTERVAL_MS: '50',
});

/** Submits, then reads the submission once both deliveries have settled. */
async function submitAndSettle(server: TestServer) {
  const { sessionToken } = await createSession(server.url);
  const body = submissionBody(household());
  const created = await submit(server.url, sessionToken, body);
  expect(created.status).toBe(201);
  const settledSubmission = await waitForSubmission(server.url, created.body.submissionId, (s) =>
    s.deliveries.every((d: any) => d.status !== 'pending'),
  );
  return { created: created.body, submission: settledSubmission, email: body.applicant.contact.email };
}

/** Asks CoverHound for quotes and reads them once every carrier has answered. */
async function quotes(server: TestServer): Promise<Quote[]> {
  const { sessionToken } = await createSession(server.url);
  const started = await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: garciaHousehold() });
  expect(started.status).toBe(202);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call(`${server.url}/v1/quote-requests/${started.body.id}`, { headers: bearer(sessionToken) });
    if (res.body.status !== 'pending') return res.body.quotes.map((q: unknown) => Quote.parse(q));
    if (Date.now() > deadline) throw new Error(`quotes did not settle: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** AutoComplete's people with this email, as its own GET /people lists them. */
async function peopleWith(standIn: StandIn, email: string) {
  const everyone = await autoCompletePeople(standIn.url, '');
  return everyone.filter((p) => p.emails?.some((e: any) => e.email === email));
}

function expectRefusedLink(submission: any, reason: RegExp) {
  // The submission is kept and shown, with why the shopper had no link; AgencyZoom has it all the same.
  expect(submission.status).toBe('failed');
  expect(submission.flowUrl).toBeUndefined();
  const refused = delivery(submission, 'autocomplete');
  expect(refused).toMatchObject({ status: 'failed', attempts: 1, vendorIds: { personId: expect.any(String) } });
  expect(refused.lastError).toMatch(/^AutoComplete took the submission but answered a shopping link we do not pass on: /);
  expect(refused.lastError).toMatch(reason);
  expect(refused.lastError).toMatch(/\(flow\.flow_url\); the shopper was not given it$/);
  expect(delivery(submission, 'agencyzoom').status).toBe('delivered');
  expect(Submission.parse(submission)).toEqual(submission);
}

describe('vendor links in sandbox mode', () => {
  let vendors: Vendors;
  let server: TestServer;
  beforeAll(async () => {
    vendors = await startVendors();
    server = await startTestServer({ env: vendorEnv(vendors) });
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all(Object.values(vendors ?? {}).map((v) => v.close()));
  });

  it('passes no javascript: shopping link on: the submission is kept, and its AutoComplete delivery fails with the reason, once', async () => {
    vendors.autocomplete.answerWith(autoComplete(SCRIPT_LINK));
    const { created, submission, email } = await submitAndSettle(server);
    expect(created.flowUrl).toBeUndefined();
    expectRefusedLink(submission, /it is a javascript: link, and only https: or http: links are passed on/);

    const listed = (await listSubmissions(server.url)).body.submissions.find((s: any) => s.submissionId === created.submissionId);
    expect(listed).toMatchObject({ status: 'failed' });
    expect(listed.flowUrl).toBeUndefined();
    expect(JSON.stringify(listed)).not.toContain('alert(');
    // Not retried: AutoComplete has the shopper once, under the id the dealer is shown.
    const people = await peopleWith(vendors.autocomplete, email);
    expect(people.map((p) => p.id)).toEqual([delivery(submission, 'autocomplete').vendorIds.personId]);
  });

  it('passes an http: shopping link on, in sandbox mode', async () => {
    vendors.autocomplete.answerWith(autoComplete('http://app.autocomplete.example/flows'));
    const { created, submission } = await submitAndSettle(server);
    expect(created.flowUrl).toMatch(/^http:\/\/app\.autocomplete\.example\/flows\/\w+$/);
    expect(submission).toMatchObject({ status: 'delivered', flowUrl: created.flowUrl });
  });

  it('shows no javascript: purchase link with a quote; the quote and its phone number stay', async () => {
    vendors.coverhound.answerWith(coverHound(SCRIPT_LINK));
    const complete = (await quotes(server)).filter((q) => q.status === 'complete');
    expect(complete.length).toBeGreaterThanOrEqual(5);
    for (const quote of complete) {
      expect(quote.purchaseUrl).toBeUndefined();
      expect(quote.purchasePhone).toMatch(/^\+1\d{10}$/);
    }
  });
});

describe('vendor links in live mode', () => {
  let vendors: Vendors;
  let server: TestServer;
  beforeAll(async () => {
    vendors = await startVendors();
    server = await startTestServer({ env: { ...vendorEnv(vendors), COVERKIT_MODE: 'live' } });
  });
  afterAll(async () => {
    await server?.close();
    await Promise.all(Object.values(vendors ?? {}).map((v) => v.close()));
  });

  it('passes no http: shopping link on, with the reason shown to the dealer', async () => {
    vendors.autocomplete.answerWith(autoComplete('http://app.autocomplete.example/flows'));
    const { created, submission } = await submitAndSettle(server);
    expect(created.flowUrl).toBeUndefined();
    expectRefusedLink(submission, /it is a http: link, and only https: links are passed on in live mode/);
  });

  it('passes an https: shopping link on, to the shopper and to the dealer', async () => {
    vendors.autocomplete.answerWith(autoComplete('https://app.autocomplete.example/flows'));
    const { created, submission } = await submitAndSettle(server);
    expect(created.flowUrl).toMatch(/^https:\/\/app\.autocomplete\.example\/flows\/\w+$/);
    expect(submission).toMatchObject({ status: 'delivered', flowUrl: created.flowUrl });
  });

  it('shows an https: purchase link with a quote, and no http: one', async () => {
    vendors.coverhound.answerWith(coverHound('http://coverhound.example'));
    const plain = (await quotes(server)).filter((q) => q.status === 'complete');
    expect(plain.length).toBeGreaterThanOrEqual(5);
    for (const quote of plain) expect(quote.purchaseUrl).toBeUndefined();

    vendors.coverhound.answerWith(coverHound('https://coverhound.example'));
    const secure = (await quotes(server)).filter((q) => q.status === 'complete');
    for (const quote of secure) expect(quote.purchaseUrl).toMatch(/^https:\/\/coverhound\.example\/resume\/[0-9a-f-]{36}\?source=202$/);
  });
});
