/**
 * Shopper data at rest: after a shopper's whole journey through the API
 * (a pre-filled session, quotes, a connected insurer, a submission with its
 * consent) and a dealer's webhook endpoint, no row of any table holds the
 * shopper's e-mail, phone, last name, birth date or licence number, the Trellis
 * connection id, the webhook secret or a signing key's private part in clear
 * text, and the API still reads all of it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { FAST_DELIVERY, household, readSubmission, settled, submissionBody, submit, waitForSubmission } from '../submissions/helpers.ts';
import { everyRow, personalValues, pricedQuote } from './helpers.ts';

for (const database of testDatabases()) {
  describe(`shopper data at rest (${database.name})`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ database: database.options(), env: FAST_DELIVERY });
    });
    afterAll(async () => {
      await server?.close();
      await dropTestSchemas();
    });

    it('stores none of it in clear text, and the API reads every part back', async () => {
      const applicant = household((a) => {
        a.drivers[0]!.license.number = '48213957';
      });
      const { sessionToken: token } = await createSession(server.url, { prefill: applicant });
      const { quoteRequestId, quote } = await pricedQuote(server.url, token, applicant);
      const connection = await call(`${server.url}/v1/connections`, {
        method: 'POST',
        headers: bearer(token),
        json: { issuerId: 'geico', username: 'user_good', password: 'pass_good' },
      });
      expect(connection.status).toBe(201);
      const endpoint = await call(`${server.url}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: secretKeyHeaders(),
        json: { url: 'http://127.0.0.1:9/hooks' },
      });
      expect(endpoint.status).toBe(201);
      const disclosure = (await call(`${server.url}/v1/consent-disclosure`, { headers: bearer(token) })).body;
      const consent = { disclosureVersion: disclosure.version, locale: 'en', checked: true, pageUrl: 'https://dealer.example/cars/rav4' };
      const res = await submit(server.url, token, submissionBody(applicant, { quoteRequestId, selectedQuoteId: quote.id, consent }));
      expect(res.status).toBe(201);
      await waitForSubmission(server.url, res.body.submissionId, settled);

      const rows = await everyRow(server.runtime.db);
      for (const value of personalValues(applicant)) expect(rows, `a row holds ${value}`).not.toContain(value);
      expect(rows).not.toContain(applicant.contact.email.split('@')[0]);
      expect(rows).not.toContain(endpoint.body.secret.replace(/^whsec_/, ''));
      expect(rows).not.toContain('"d":');
      // The Trellis connection id is inside the access key we answered (its subject): not in any row.
      const [trellis] = await server.runtime.db.query<{ trellis_connection_id: string; trellis_connection_hash: string }>(
        'SELECT trellis_connection_id, trellis_connection_hash FROM connections WHERE id = $1',
        [connection.body.connectionId],
      );
      expect(trellis!.trellis_connection_id).toMatch(/^ck1\.test0\./);
      expect(trellis!.trellis_connection_hash).toMatch(/^test0\.[0-9a-f]{64}$/);
      const [stored] = await server.runtime.db.query<Record<string, string>>(
        'SELECT body, selected_quote, quotes, consent FROM submissions WHERE id = $1',
        [res.body.submissionId],
      );
      for (const column of Object.values(stored!)) expect(column).toMatch(/^ck1\.test0\./);

      // Everything still reads: the dealer's view of the submission, the widget's session, the quotes, the policies.
      const read = (await readSubmission(server.url, res.body.submissionId)).body;
      expect(read.body.applicant).toEqual(applicant);
      expect(read.selectedQuote).toMatchObject({ id: quote.id });
      expect(read.quotes.map((q: any) => q.id)).toContain(quote.id);
      expect(read.consent).toMatchObject({ disclosureVersion: disclosure.version, checked: true, pageUrl: consent.pageUrl });
      const session = await call(`${server.url}/v1/session`, { headers: bearer(token) });
      expect(session.body.prefill.contact.email).toBe(applicant.contact.email);
      const snapshot = await call(`${server.url}/v1/quote-requests/${quoteRequestId}`, { headers: bearer(token) });
      expect(snapshot.status).toBe(200);
      const policies = await call(`${server.url}/v1/connections/${connection.body.connectionId}/policies`, { headers: secretKeyHeaders() });
      expect([200, 202]).toContain(policies.status);
    });
  });
}
