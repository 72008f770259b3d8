/**
 * No PII in logs, ever: when the database refuses a write, the error line names
 * the statement and a hash of its parameters, never the parameters themselves
 * (the whole applicant) nor the database's own echo of them (PostgreSQL's
 * "Failing row contains (…)"). Proven on PGlite and PostgreSQL by making the
 * writes of a session, a quote request and a submission fail.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

/** Every personal value of the household, as a log line could spell it. */
function personalValues(applicant: ReturnType<typeof garciaHousehold>): string[] {
  return [
    applicant.contact.email,
    applicant.contact.phone,
    applicant.contact.phone.slice(2),
    applicant.address.line1,
    applicant.address.postalCode,
    ...applicant.drivers.flatMap((d) => [d.firstName, d.lastName, d.dateOfBirth, d.license.number!]),
    ...applicant.vehicles.map((v) => v.vin!),
  ];
}

for (const database of testDatabases()) {
  describe(`a failed database write logs no PII (${database.name})`, () => {
    let server: TestServer;
    const applicant = garciaHousehold();

    beforeAll(async () => {
      server = await startTestServer({ database: database.options() });
      // From now on the database refuses every new session, quote request and submission, as a broken disk or a bad migration would.
      for (const table of ['sessions', 'quote_requests', 'submissions']) {
        await server.runtime.db.exec(`ALTER TABLE ${table} ADD CONSTRAINT refuse_writes CHECK (false) NOT VALID`);
      }
    });
    afterAll(async () => {
      await server?.close();
      await dropTestSchemas();
    });

    it('answers 500 without details and logs the statement and a parameter hash instead of the values', async () => {
      const session = await call(`${server.url}/v1/sessions`, {
        method: 'POST',
        headers: secretKeyHeaders(),
        json: { prefill: applicant, origin: TEST_ORIGIN },
      });
      expect(session.status).toBe(500);
      expect(JSON.stringify(session.body)).not.toMatch(/Garcia|sessions|constraint/);

      await server.runtime.db.exec('ALTER TABLE sessions DROP CONSTRAINT refuse_writes');
      const { sessionToken } = await createSession(server.url, { origin: TEST_ORIGIN });
      const quote = await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: applicant });
      expect(quote.status).toBe(500);
      const submission = await call(`${server.url}/v1/submissions`, {
        method: 'POST',
        headers: { ...bearer(sessionToken), 'Idempotency-Key': randomUUID() },
        json: { applicant, contactConsent: true },
      });
      expect(submission.status).toBe(500);

      const log = server.logs.text;
      for (const value of personalValues(applicant)) expect(log, `the log carries ${value}`).not.toContain(value);
      const failures = server.logs.lines.map((line) => JSON.parse(line)).filter((line) => line.err?.statement);
      expect(failures.map((line) => line.err.statement)).toEqual(
        expect.arrayContaining(
          ['INSERT INTO sessions', 'INSERT INTO quote_requests', 'INSERT INTO submissions'].map((name) => expect.stringContaining(name)),
        ),
      );
      for (const line of failures) {
        expect(line.err).toMatchObject({ code: '23514', constraint: 'refuse_writes' });
        expect(line.err.paramsHash).toMatch(/^[0-9a-f]{16}$/);
        expect(JSON.stringify(line)).not.toMatch(/Failing row|"params"|"detail"/);
      }
    });
  });
}
