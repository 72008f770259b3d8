/**
 * The shopper submits, through HTTP against the real app: the submission is
 * stored, delivered to AutoComplete and AgencyZoom (checked in the sandboxes
 * themselves), the shopper's link comes back, retries are idempotent, and the
 * dealer reads its own submissions back with its secret key.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentDisclosure, type QuoteRequestBody, Submission, SubmissionPage } from '../../../contract/index.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, type TestServer } from '../../helpers/server.ts';
import {
  agencyZoom,
  autoCompletePeople,
  delivery,
  FAST_DELIVERY,
  household,
  listSubmissions,
  readSubmission,
  settled,
  submissionBody,
  submit,
  waitForSubmission,
} from './helpers.ts';

afterAll(dropTestSchemas);

const FAST_QUOTES = { SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' };

describe.each(testDatabases())('submissions on $name', (database) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ database: database.options(), env: { ...FAST_DELIVERY, ...FAST_QUOTES } });
    ({ sessionToken: token } = await createSession(server.url, { externalRef: 'deal-42' }));
  });
  afterAll(() => server?.close());

  it("stores the submission, delivers it to AutoComplete and AgencyZoom, and answers the shopper's link", async () => {
    const body = submissionBody();
    const res = await submit(server.url, token, body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      submissionId: expect.stringMatching(/^sub_/),
      reference: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
      flowUrl: expect.stringMatching(/^https?:\/\//),
      status: expect.stringMatching(/^(delivering|delivered)$/),
    });
    expect(res.headers.get('location')).toBe(`/v1/submissions/${res.body.submissionId}`);

    const stored = await waitForSubmission(server.url, res.body.submissionId, settled);
    expect(stored).toMatchObject({
      submissionId: res.body.submissionId,
      status: 'delivered',
      flowUrl: res.body.flowUrl,
      externalRef: 'deal-42',
      body,
    });
    for (const target of ['autocomplete', 'agencyzoom'] as const) {
      expect(delivery(stored, target)).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: expect.any(String) });
      expect(delivery(stored, target).lastError).toBeUndefined();
    }

    // What AutoComplete received: the shopper, once, with the link we answered.
    const person = (await autoCompletePeople(server.url)).filter((p) =>
      p.emails?.some((e: any) => e.email === body.applicant.contact.email),
    );
    expect(person).toHaveLength(1);
    expect(person[0]).toMatchObject({
      id: delivery(stored, 'autocomplete').vendorIds.personId,
      first_name: 'Maria',
      last_name: 'Garcia',
      flow: { flow_url: res.body.flowUrl },
    });

    // What AgencyZoom received: one lead, found by the shopper's email.
    const crm = await agencyZoom(server.url);
    const leads = await crm.leadsByEmail(body.applicant.contact.email);
    expect(leads).toHaveLength(1);
    expect(leads[0].id).toBe(delivery(stored, 'agencyzoom').vendorIds.leadId);
    const lead = await crm.lead(leads[0].id);
    expect(lead).toMatchObject({ firstname: 'Maria', lastname: 'Garcia', email: body.applicant.contact.email });
  });

  it('copies the quote the shopper picked and attaches it to the AgencyZoom lead', async () => {
    const applicant = household();
    const { quoteRequestId, quote } = await pricedQuote(applicant);

    const res = await submit(server.url, token, submissionBody(applicant, { quoteRequestId, selectedQuoteId: quote.id }));
    expect(res.status).toBe(201);
    const stored = await waitForSubmission(server.url, res.body.submissionId, settled);
    expect(stored.status).toBe('delivered');
    expect(stored.selectedQuote).toMatchObject({ id: quote.id, carrierCode: quote.carrierCode, status: 'complete' });
    // Every insurer's answer goes with it, the insurer's own words on a decline kept for the dealer.
    expect(stored.quotes.map((q: any) => q.id)).toContain(quote.id);
    const { leadId, leadQuoteId } = delivery(stored, 'agencyzoom').vendorIds;
    expect(leadQuoteId).toEqual(expect.any(Number));
    const lead = await (await agencyZoom(server.url)).lead(leadId);
    const lowest = Math.min(...quote.payPlans.map((p: any) => p.totalPremiumCents));
    expect(lead.quotes).toEqual([expect.objectContaining({ id: leadQuoteId, premium: Math.round(lowest / 100) })]);

    // What is served is the contract's Submission, field for field: parsing it through the contract loses nothing.
    expect(Submission.parse(stored)).toEqual(stored);
    const page = await listSubmissions(server.url, { since: new Date(Date.parse(stored.createdAt) - 1).toISOString(), limit: '1' });
    expect(page.body.submissions[0].submissionId).toBe(stored.submissionId);
    expect(SubmissionPage.parse(page.body)).toEqual(page.body);
  });

  /** Asks for quotes for `applicant` and waits for the first priced one. */
  async function pricedQuote(applicant: QuoteRequestBody) {
    const created = await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(token), json: applicant });
    expect(created.status).toBe(202);
    const quoteRequestId: string = created.body.id;
    let quote: any;
    for (const deadline = Date.now() + 15_000; !quote && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      const snapshot = await call(`${server.url}/v1/quote-requests/${quoteRequestId}`, { headers: bearer(token) });
      quote = snapshot.body.quotes.find((q: any) => q.status === 'complete' && q.payPlans?.length);
    }
    expect(quote).toBeDefined();
    return { quoteRequestId, quote };
  }

  it('refuses a quote given for other answers: 400 naming selectedQuoteId and the changed answer, nothing stored', async () => {
    const applicant = household();
    const { quoteRequestId, quote } = await pricedQuote(applicant);
    // The shopper changed an answer after the quotes came, and the old price would go with the new answers.
    const edited = structuredClone(applicant);
    edited.vehicles[0]!.annualMileage += 1000;
    const stale = await submit(server.url, token, submissionBody(edited, { quoteRequestId, selectedQuoteId: quote.id }));
    expect(stale.status).toBe(400);
    expect(stale.body.error).toEqual({
      code: 'validation_failed',
      message: 'The answers changed after these quotes were given: ask for quotes again',
      fields: {
        selectedQuoteId: ['These quotes were given for other answers; ask for quotes with the answers you submit, then choose again'],
        'applicant.vehicles.0.annualMileage': ['Differs from the answer the quotes were given for'],
      },
    });
    // Naming only the request is checked the same way.
    const requestOnly = await submit(server.url, token, submissionBody(edited, { quoteRequestId }));
    expect(Object.keys(requestOnly.body.error.fields)).toEqual(['quoteRequestId', 'applicant.vehicles.0.annualMileage']);
    expect(await (await agencyZoom(server.url)).leadsByEmail(applicant.contact.email)).toHaveLength(0);

    // The same answers, whatever order their keys come in, are the answers quoted.
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const reordered = reversed(applicant) as QuoteRequestBody;
    const fresh = await submit(server.url, token, submissionBody(reordered, { quoteRequestId, selectedQuoteId: quote.id }));
    expect(fresh.status).toBe(201);
  });

  it("keeps every insurer's answer with the submission, declines in the insurer's own words, for the dealer", async () => {
    const applicant = household();
    const { quoteRequestId, quote } = await pricedQuote(applicant);
    let snapshot: any;
    for (
      const deadline = Date.now() + 15_000;
      snapshot?.status !== 'complete' && Date.now() < deadline;
      await new Promise((r) => setTimeout(r, 100))
    )
      snapshot = (await call(`${server.url}/v1/quote-requests/${quoteRequestId}`, { headers: bearer(token) })).body;
    const res = await submit(server.url, token, submissionBody(applicant, { quoteRequestId, selectedQuoteId: quote.id }));
    const stored = (await readSubmission(server.url, res.body.submissionId)).body;
    expect(stored.quotes).toHaveLength(14);
    expect(stored.quotes.find((q: any) => q.carrierCode === 'ACUIT')).toMatchObject({
      status: 'declined',
      messageCode: 'declined_for_profile',
      vendorMessage: 'Acuity does not wish to quote this risk type',
    });
  });

  it("serves the consent disclosure in the shopper's language, versioned, with the dealer's name", async () => {
    const es = await call(`${server.url}/v1/consent-disclosure?locale=es`, { headers: bearer(token) });
    expect(es.status).toBe(200);
    expect(ConsentDisclosure.parse(es.body)).toEqual(es.body);
    expect(es.body).toMatchObject({
      version: expect.stringMatching(/^contact-/),
      locale: 'es',
      checkboxLabel: 'Acepto que Acme Motors me contacte sobre esta cotización',
      text: expect.stringContaining('aceptas que Acme Motors'),
    });
    const en = await call(`${server.url}/v1/consent-disclosure`, { headers: bearer(token) });
    expect(en.body).toMatchObject({
      version: es.body.version,
      locale: 'en',
      checkboxLabel: 'I agree to be contacted by Acme Motors about this quote',
    });
    const bad = await call(`${server.url}/v1/consent-disclosure?locale=fr`, { headers: bearer(token) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['locale']);
    expect((await call(`${server.url}/v1/consent-disclosure`)).status).toBe(401);
  });

  it('records the consent as given — the exact words shown, the ticked checkbox, time, page, address and browser — and shows it to the dealer', async () => {
    const shown = (await call(`${server.url}/v1/consent-disclosure?locale=es`, { headers: bearer(token) })).body;
    const before = Date.now();
    const consent = { disclosureVersion: shown.version, locale: 'es', checked: true, pageUrl: 'https://dealer.example/cars/rav4?stock=42' };
    const res = await submit(server.url, token, submissionBody(household(), { consent }), undefined, {
      'User-Agent': 'Mozilla/5.0 (Shopper phone)',
    });
    expect(res.status).toBe(201);
    const stored = (await readSubmission(server.url, res.body.submissionId)).body;
    expect(stored.consent).toEqual({
      method: 'disclosure',
      disclosureVersion: shown.version,
      locale: 'es',
      checkboxLabel: shown.checkboxLabel,
      text: shown.text,
      checked: true,
      agreedAt: expect.any(String),
      pageUrl: 'https://dealer.example/cars/rav4?stock=42',
      ipAddress: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'Mozilla/5.0 (Shopper phone)',
    });
    expect(Date.parse(stored.consent.agreedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(stored.consent.agreedAt)).toBeLessThanOrEqual(Date.now());
    expect(Submission.parse(stored)).toEqual(stored);
    // The agency's CRM gets it with the lead, word for word: what was ticked, when, on which page, from where.
    const delivered = await waitForSubmission(server.url, res.body.submissionId, settled);
    const leadId = delivery(delivered, 'agencyzoom').vendorIds.leadId;
    const notes: string = (await (await agencyZoom(server.url)).lead(Number(leadId))).comments;
    expect(notes).toContain(`Consent to be contacted: the shopper ticked "${shown.checkboxLabel}" at ${stored.consent.agreedAt}`);
    expect(notes).toContain('on https://dealer.example/cars/rav4?stock=42 from ');
    expect(notes).toContain('(Mozilla/5.0 (Shopper phone))');
    expect(notes).toContain(`Disclosure shown (version ${shown.version}, es): ${shown.text}`);

    // `contactConsent: true` alone is still taken (the public API is unchanged): recorded as that, with no words of ours.
    const plain = await submit(server.url, token, submissionBody());
    expect((await readSubmission(server.url, plain.body.submissionId)).body.consent).toEqual({
      method: 'contact_consent',
      checked: true,
      agreedAt: expect.any(String),
      ipAddress: expect.any(String),
      userAgent: expect.any(String),
    });
  });

  it("refuses a consent it cannot record as shown: an unknown disclosure, an unticked box, a page not the dealer's", async () => {
    const shown = (await call(`${server.url}/v1/consent-disclosure`, { headers: bearer(token) })).body;
    const consent = { disclosureVersion: shown.version, locale: 'en', checked: true, pageUrl: 'https://dealer.example/' };
    for (const [change, field] of [
      [{ disclosureVersion: 'contact-1999-01' }, 'consent.disclosureVersion'],
      [{ checked: false }, 'consent.checked'],
      [{ pageUrl: 'https://elsewhere.example/' }, 'consent.pageUrl'],
      [{ pageUrl: 'javascript:alert(1)' }, 'consent.pageUrl'],
      [{ locale: 'fr' }, 'consent.locale'],
    ] as const) {
      const applicant = household();
      const refused = await submit(server.url, token, submissionBody(applicant, { consent: { ...consent, ...change } }));
      expect(refused.status, field).toBe(400);
      expect(Object.keys(refused.body.error.fields), field).toEqual([field]);
      expect(await (await agencyZoom(server.url)).leadsByEmail(applicant.contact.email)).toHaveLength(0);
    }
  });

  it("refuses a selected quote that is not this session's, not in the request, or without its request", async () => {
    const other = await createSession(server.url);
    const theirs = await call(`${server.url}/v1/quote-requests`, {
      method: 'POST',
      headers: bearer(other.sessionToken),
      json: household(),
    });
    const foreign = await submit(
      server.url,
      token,
      submissionBody(household(), { quoteRequestId: theirs.body.id, selectedQuoteId: `${theirs.body.id}:pace:PACE` }),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual({ quoteRequestId: ['No such quote request in this session'] });

    const mine = await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(token), json: household() });
    const unknown = await submit(server.url, token, submissionBody(household(), { quoteRequestId: mine.body.id, selectedQuoteId: 'nope' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({ selectedQuoteId: ['No such quote in this quote request'] });

    const orphan = await submit(server.url, token, submissionBody(household(), { selectedQuoteId: 'nope' }));
    expect(orphan.status).toBe(400);
    expect(Object.keys(orphan.body.error.fields)).toEqual(['quoteRequestId']);
  });

  it("takes a connection made in this session, and refuses another session's or an unknown one on connectionId", async () => {
    const connect = (sessionToken: string) =>
      call(`${server.url}/v1/connections`, {
        method: 'POST',
        headers: bearer(sessionToken),
        json: { issuerId: 'geico', username: 'user_good', password: 'pass_good' },
      });
    const mine = await connect(token);
    expect(mine.status).toBe(201);
    const ok = await submit(server.url, token, submissionBody(household(), { connectionId: mine.body.connectionId }));
    expect(ok.status).toBe(201);
    expect((await readSubmission(server.url, ok.body.submissionId)).body.body.connectionId).toBe(mine.body.connectionId);

    const other = await createSession(server.url);
    const theirs = await connect(other.sessionToken);
    expect(theirs.status).toBe(201);
    for (const connectionId of [theirs.body.connectionId, 'con_nope']) {
      const applicant = household();
      const refused = await submit(server.url, token, submissionBody(applicant, { connectionId }));
      expect(refused.status, connectionId).toBe(400);
      expect(refused.body.error.fields).toEqual({ connectionId: ['No such connection in this session'] });
      // Nothing stored, nothing delivered.
      expect(await (await agencyZoom(server.url)).leadsByEmail(applicant.contact.email)).toHaveLength(0);
    }
  });

  it('replays the first answer for the same key and body, and answers 409 for the same key with another body', async () => {
    const key = randomUUID();
    const body = submissionBody();
    const first = await submit(server.url, token, body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    // The same body with its keys in another order is the same body.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await submit(server.url, token, reordered, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const changed = await submit(server.url, token, { ...body, connectionId: 'con_other' }, key);
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('conflict');

    // Keys belong to the session: another session's same key is a new submission.
    const otherSession = await createSession(server.url);
    const elsewhere = await submit(server.url, otherSession.sessionToken, body, key);
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.submissionId).not.toBe(first.body.submissionId);

    // One submission per key: AgencyZoom got the shopper twice (two sessions), not three times.
    await waitForSubmission(server.url, first.body.submissionId, settled);
    await waitForSubmission(server.url, elsewhere.body.submissionId, settled);
    expect(await (await agencyZoom(server.url)).leadsByEmail(body.applicant.contact.email)).toHaveLength(2);
  });

  it('stores one submission when the same key arrives several times at once', async () => {
    const key = randomUUID();
    const body = submissionBody();
    const answers = await Promise.all([1, 2, 3].map(() => submit(server.url, token, body, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.submissionId)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    await waitForSubmission(server.url, answers[0]!.body.submissionId, settled);
    expect(await (await agencyZoom(server.url)).leadsByEmail(body.applicant.contact.email)).toHaveLength(1);
  });

  it('answers 400 with field paths for a bad key or body, storing nothing', async () => {
    const missingKey = await submit(server.url, token, submissionBody(), null);
    expect(missingKey.status).toBe(400);
    expect(Object.keys(missingKey.body.error.fields)).toEqual(['idempotency-key']);

    for (const key of ['has space', 'x'.repeat(256), 'ümlaut']) {
      const res = await submit(server.url, token, submissionBody(), key);
      expect(res.status, key).toBe(400);
      expect(res.body.error.fields['idempotency-key']).toEqual(['The Idempotency-Key must be 1 to 255 visible characters, e.g. a UUID']);
    }

    const applicant = household((a) => {
      a.drivers[0]!.dateOfBirth = '1982-02-30';
    });
    const res = await submit(server.url, token, { applicant, contactConsent: false });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields).toMatchObject({
      'applicant.drivers.0.dateOfBirth': [expect.stringContaining('date')],
      contactConsent: ['The shopper must agree to be contacted before submitting'],
    });
    const page = await listSubmissions(server.url, { limit: '200' });
    expect(page.body.submissions.some((s: any) => s.body.applicant.contact.email === applicant.contact.email)).toBe(false);
  });

  it('answers 401 without a valid token or key, and 403 from a page origin the token is not for', async () => {
    const noToken = await call(`${server.url}/v1/submissions`, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'k1' },
      json: submissionBody(),
    });
    expect(noToken.status).toBe(401);
    const forged = await submit(server.url, `${token.slice(0, -4)}AAAA`, submissionBody());
    expect(forged.status).toBe(401);
    const otherOrigin = await submit(server.url, token, submissionBody(), randomUUID(), { Origin: TEST_DEALERS.other.origin });
    expect(otherOrigin.status).toBe(403);

    expect((await call(`${server.url}/v1/submissions`)).status).toBe(401);
    expect(
      (
        await call(`${server.url}/v1/submissions/sub_x`, {
          headers: { 'X-Client-Id': 'acme-motors', 'X-Secret-Key': 'sk_wrong_0123456789abcdefghij' },
        })
      ).status,
    ).toBe(401);
    // A session token is not a dealer's key.
    expect((await call(`${server.url}/v1/submissions`, { headers: bearer(token) })).status).toBe(401);
  });

  it('fails only the target that cannot take the applicant, with the reason, and delivers the other', async () => {
    const applicant = household((a) => {
      a.drivers[0]!.employment = 'homemaker';
    });
    const res = await submit(server.url, token, submissionBody(applicant));
    expect(res.status).toBe(201);
    expect(res.body.flowUrl).toBeUndefined();
    const stored = await waitForSubmission(server.url, res.body.submissionId, (s) => delivery(s, 'agencyzoom').status !== 'pending');
    expect(stored.status).toBe('failed');
    expect(delivery(stored, 'autocomplete')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'AutoComplete cannot take this applicant: AutoComplete has no employment status homemaker (drivers.0.employment)',
    });
    expect(delivery(stored, 'agencyzoom')).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await (await agencyZoom(server.url)).leadsByEmail(applicant.contact.email)).toHaveLength(1);
  });

  it("lets the dealer read its own submissions back, page by page, and no other dealer's", async () => {
    const dealerSession = await createSession(server.url, { externalRef: 'deal-77' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submit(server.url, dealerSession.sessionToken, submissionBody())).body.submissionId);

    const own = await readSubmission(server.url, ids[0]!);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      submissionId: ids[0],
      sessionId: dealerSession.sessionId,
      externalRef: 'deal-77',
      createdAt: expect.any(String),
    });
    expect(own.body.deliveries.map((d: any) => d.target)).toEqual(['agencyzoom', 'autocomplete']);

    const theirs = await readSubmission(server.url, ids[0]!, TEST_DEALERS.other);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('not_found');
    expect((await listSubmissions(server.url, {}, TEST_DEALERS.other)).body).toEqual({ submissions: [], hasMore: false });

    // Every page in createdAt order; the last createdAt of a page is the next page's `since`.
    const seen: string[] = [];
    let since: string | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const page = await listSubmissions(server.url, { limit: '2', ...(since ? { since } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.body.submissions.map((s: any) => s.submissionId));
      const times = page.body.submissions.map((s: any) => s.createdAt);
      expect([...times].sort()).toEqual(times);
      if (!page.body.hasMore) break;
      since = page.body.nextSince;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(-3)).toEqual(ids);

    const after = await listSubmissions(server.url, { since: (await readSubmission(server.url, ids[1]!)).body.createdAt });
    expect(after.body.submissions.map((s: any) => s.submissionId)).toEqual([ids[2]]);

    const bad = await listSubmissions(server.url, { since: 'yesterday', limit: '0' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['limit', 'since']);
  });

  it('finds a submission by the short reference its shopper reads out, however it is typed back, and only for its dealer', async () => {
    const created = (await submit(server.url, token, submissionBody())).body;
    const reference: string = created.reference;
    expect((await readSubmission(server.url, created.submissionId)).body.reference).toBe(reference);
    // Lower case, no dash, O for 0 and L for 1: the same submission.
    const typed = reference.toLowerCase().replace('-', '').replace(/0/g, 'o').replace(/1/g, 'l');
    for (const query of [reference, typed, ` ${reference.slice(0, 4)} ${reference.slice(5)} `]) {
      const found = await listSubmissions(server.url, { reference: query });
      expect(found.status, query).toBe(200);
      expect(found.body.hasMore).toBe(false);
      expect(found.body.submissions.map((s: any) => s.submissionId)).toEqual([created.submissionId]);
    }
    expect((await listSubmissions(server.url, { reference }, TEST_DEALERS.other)).body.submissions).toEqual([]);
    expect((await listSubmissions(server.url, { reference: 'ZZZZ-ZZZZ' })).body).toEqual({ submissions: [], hasMore: false });
    for (const wrong of ['7KQ2', 'UUUU-UUUU', '7KQ2-M9XD-1']) {
      const refused = await listSubmissions(server.url, { reference: wrong });
      expect(refused.status, wrong).toBe(400);
      expect(Object.keys(refused.body.error.fields)).toEqual(['reference']);
    }
  });
});

describe('listing a submission only once it has settled', () => {
  it('leaves a submission out of GET /v1/submissions for its first three seconds, and lists it after', async () => {
    const server = await startTestServer({ env: { ...FAST_DELIVERY, COVERKIT_SUBMISSION_LIST_SETTLE_MS: '3000' } });
    try {
      const { sessionToken } = await createSession(server.url);
      const res = await submit(server.url, sessionToken, submissionBody());
      const stored = await readSubmission(server.url, res.body.submissionId);
      expect(stored.status).toBe(200);
      const createdAt = Date.parse(stored.body.createdAt);
      // Asked within its first three seconds (checked, so a slow machine cannot make this pass vacuously).
      const firstList = await listSubmissions(server.url);
      expect(Date.now() - createdAt).toBeLessThan(3_000);
      expect(firstList.body.submissions).toEqual([]);
      // Listed once it is three seconds old, and not before: the moment it first shows is at least three seconds after it was made.
      let listed: any[] = [];
      while (listed.length === 0) {
        listed = (await listSubmissions(server.url)).body.submissions;
        if (listed.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(Date.now() - createdAt).toBeGreaterThanOrEqual(3_000);
      expect(listed.map((s: any) => s.submissionId)).toEqual([res.body.submissionId]);
    } finally {
      await server.close();
    }
  });
});
