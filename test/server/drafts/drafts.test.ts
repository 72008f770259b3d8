/**
 * The shopper's progress under their session (/v1/session/draft), as the
 * widget uses it: saved as they go, read back on a reload or in a second tab,
 * never overwritten by a stale tab, refused when malformed (naming the field),
 * out of reach of another session or a session without the quote journey,
 * sealed at rest, and gone once discarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFT_BYTES } from '../../../contract/index.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';
import { everyRow } from '../security/helpers.ts';

let server: TestServer;

const url = () => `${server.url}/v1/session/draft`;
const read = (token: string) => call(url(), { headers: bearer(token) });
const save = (token: string, json: unknown) => call(url(), { method: 'PUT', headers: bearer(token), json });
const discard = (token: string) => call(url(), { method: 'DELETE', headers: bearer(token) });

/** What a shopper has typed by the end of step 2: the whole first step, and part of the first driver. */
function stepTwoAnswers() {
  const applicant = garciaHousehold();
  const maria = applicant.drivers[0]!;
  return {
    contact: applicant.contact,
    address: applicant.address,
    residence: applicant.residence,
    drivers: [{ firstName: maria.firstName, lastName: maria.lastName, dateOfBirth: maria.dateOfBirth, license: { state: 'TX' } }],
    vehicles: [{ vin: applicant.vehicles[0]!.vin }],
  };
}

afterAll(() => dropTestSchemas());

// Its statements decide who wins a race: run on PGlite and on PostgreSQL alike.
describe.each(testDatabases())('the shopper’s draft on $name', (database) => {
  beforeAll(async () => {
    server = await startTestServer({ database: database.options() });
  });
  afterAll(() => server?.close());

  it('is absent at first, and after a save reads back whole with the step, for a reload or a second tab', async () => {
    const { sessionToken } = await createSession(server.url);
    expect((await read(sessionToken)).status).toBe(204);

    const answers = stepTwoAnswers();
    const saved = await save(sessionToken, { revision: 0, step: 'drivers', answers, insuredNow: true });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ revision: 1, step: 'drivers', answers, insuredNow: true });
    expect(Date.parse(saved.body.updatedAt)).toBeGreaterThan(Date.now() - 60_000);

    const again = await read(sessionToken);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(saved.body);

    const next = await save(sessionToken, { revision: 1, step: 'vehicles', answers: { ...answers, residence: { ownership: 'rent' } } });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ revision: 2, step: 'vehicles', answers: { residence: { ownership: 'rent' } } });
    // A save replaces the draft whole: what it leaves out is gone.
    expect(next.body.insuredNow).toBeUndefined();
  });

  it('refuses a save based on a stale revision with 409 and the current draft, so two tabs never overwrite each other silently', async () => {
    const { sessionToken } = await createSession(server.url);
    const answers = stepTwoAnswers();
    expect((await save(sessionToken, { revision: 0, step: 'contact', answers })).status).toBe(200);
    // Tab A and tab B both read revision 1; A saves first.
    const a = await save(sessionToken, { revision: 1, step: 'drivers', answers });
    expect(a.body.revision).toBe(2);
    const b = await save(sessionToken, { revision: 1, step: 'contact', answers: { contact: { email: 'other@example.com' } } });
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('conflict');
    expect(b.body.revision).toBe(2);
    expect(b.body.draft).toEqual(a.body);
    // A second first save is stale too.
    expect((await save(sessionToken, { revision: 0, step: 'contact', answers })).status).toBe(409);
    // B saves again on top of what it was shown.
    const retried = await save(sessionToken, {
      revision: b.body.revision,
      step: 'contact',
      answers: { contact: { email: 'other@example.com' } },
    });
    expect(retried.status).toBe(200);
    expect(retried.body.revision).toBe(3);
    expect((await read(sessionToken)).body.answers).toEqual({ contact: { email: 'other@example.com' } });
  });

  it('lets only one of many simultaneous saves on the same revision win', async () => {
    const { sessionToken } = await createSession(server.url);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        save(sessionToken, { revision: 0, step: 'contact', answers: { address: { line2: `Apt ${i}` } } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body;
    expect((await read(sessionToken)).body).toEqual(winner);
  });

  it('lets a tab’s later save replace its own earlier one on the same revision (a reload while a save is on its way), never another tab’s', async () => {
    const { sessionToken } = await createSession(server.url);
    const tab = (seq: number) => ({ id: 'tab-one-4f2a9c1d7e', seq });
    const other = { id: 'tab-two-8b3e6a0f1c', seq: 1 };
    const answers = stepTwoAnswers();
    expect((await save(sessionToken, { revision: 0, step: 'contact', answers, writer: tab(1) })).body.revision).toBe(1);
    // Save 2 arrives and is stored; save 3, sent as the page hid before 2's answer came, is based on revision 1 too.
    const second = await save(sessionToken, { revision: 1, step: 'drivers', answers, writer: tab(2) });
    expect(second.body).toMatchObject({ revision: 2, writer: tab(2) });
    const third = await save(sessionToken, { revision: 1, step: 'drivers', answers, insuredNow: true, writer: tab(3) });
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ revision: 3, insuredNow: true, writer: tab(3) });
    // The tab's older save arriving last does not undo its newer one: refused, with the newer one (its own) to carry on from.
    const late = await save(sessionToken, { revision: 1, step: 'contact', answers, writer: tab(2) });
    expect(late.status).toBe(409);
    expect(late.body.draft).toMatchObject({ revision: 3, insuredNow: true, writer: tab(3) });
    // Another tab based on an old revision is refused as ever, and a tab's later save never replaces another tab's.
    expect((await save(sessionToken, { revision: 2, step: 'contact', answers: {}, writer: other })).status).toBe(409);
    expect((await save(sessionToken, { revision: 3, step: 'contact', answers: {}, writer: other })).body.revision).toBe(4);
    expect((await save(sessionToken, { revision: 3, step: 'drivers', answers, writer: tab(4) })).status).toBe(409);
    // Nor brings back what was discarded.
    expect((await discard(sessionToken)).status).toBe(204);
    expect((await save(sessionToken, { revision: 4, step: 'contact', answers: {}, writer: { ...other, seq: 2 } })).status).toBe(409);
    expect((await read(sessionToken)).status).toBe(204);
    // A writer must look like one.
    const bad = await save(sessionToken, { revision: 5, step: 'contact', answers: {}, writer: { id: 'x', seq: 0 } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['writer.id', 'writer.seq']);
  });

  it('is gone once discarded, and a stale tab cannot bring it back on its old revision', async () => {
    const { sessionToken } = await createSession(server.url);
    expect((await save(sessionToken, { revision: 0, step: 'drivers', answers: stepTwoAnswers() })).status).toBe(200);
    const gone = await discard(sessionToken);
    expect(gone.status).toBe(204);
    expect((await read(sessionToken)).status).toBe(204);
    expect((await discard(sessionToken)).status).toBe(204);

    const stale = await save(sessionToken, { revision: 1, step: 'drivers', answers: stepTwoAnswers() });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ revision: 2, draft: null });
    const fresh = await save(sessionToken, { revision: 2, step: 'contact', answers: {} });
    expect(fresh.body).toMatchObject({ revision: 3, step: 'contact', answers: {} });
  });

  it('refuses malformed answers with 400 naming each field, and keeps what was saved', async () => {
    const { sessionToken } = await createSession(server.url);
    expect((await save(sessionToken, { revision: 0, step: 'contact', answers: { contact: { email: 'maria@example.com' } } })).status).toBe(
      200,
    );
    const cases: [unknown, string][] = [
      [{ revision: 1, step: 'contact', answers: { contact: { email: 'jane@example' } } }, 'answers.contact.email'],
      [{ revision: 1, step: 'contact', answers: { drivers: [{ dateOfBirth: '1982-02-30' }] } }, 'answers.drivers.0.dateOfBirth'],
      [{ revision: 1, step: 'contact', answers: { vehicles: [{ year: 1900 }] } }, 'answers.vehicles.0.year'],
      [
        { revision: 1, step: 'contact', answers: { coverage: { vehicles: [{ collisionDeductibleCents: -5 }] } } },
        'answers.coverage.vehicles.0.collisionDeductibleCents',
      ],
      [{ revision: 1, step: 'contact', answers: { drivers: Array.from({ length: 7 }, () => ({})) } }, 'answers.drivers'],
      [{ revision: 1, step: 'contact', answers: { nickname: 'M' } }, 'answers'],
      [{ revision: 1, step: 'payment', answers: {} }, 'step'],
      [{ revision: -1, step: 'contact', answers: {} }, 'revision'],
      [{ revision: 1.5, step: 'contact', answers: {} }, 'revision'],
      [{ step: 'contact', answers: {} }, 'revision'],
      [{ revision: 1, step: 'contact' }, 'answers'],
      [{ revision: 1, step: 'contact', answers: {}, extra: true }, 'body'],
      [{ revision: 1, step: 'contact', answers: {}, connectionId: 'not an id!' }, 'connectionId'],
    ];
    for (const [body, field] of cases) {
      const res = await save(sessionToken, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toContain(field);
    }
    const notJson = await call(url(), {
      method: 'PUT',
      headers: { ...bearer(sessionToken), 'Content-Type': 'application/json' },
      body: '{"revision":',
    });
    expect(notJson.status).toBe(400);
    expect((await read(sessionToken)).body).toMatchObject({ revision: 1, answers: { contact: { email: 'maria@example.com' } } });
    expect(server.logs.text).not.toContain('jane@example');
  });

  it(`refuses a draft over ${MAX_DRAFT_BYTES / 1024} KB with 413, while a full household fits`, async () => {
    const { sessionToken } = await createSession(server.url);
    const household = garciaHousehold();
    const full = await save(sessionToken, { revision: 0, step: 'review', answers: household });
    expect(full.status).toBe(200);
    expect(full.body.answers).toEqual(household);
    const padded = { revision: 1, step: 'review', answers: household, padding: 'x'.repeat(MAX_DRAFT_BYTES) };
    const res = await save(sessionToken, padded);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('belongs to its own session only: another session sees none, and a session without the quote journey is refused', async () => {
    const mine = await createSession(server.url);
    const theirs = await createSession(server.url);
    expect((await save(mine.sessionToken, { revision: 0, step: 'drivers', answers: stepTwoAnswers() })).status).toBe(200);
    expect((await read(theirs.sessionToken)).status).toBe(204);
    expect((await discard(theirs.sessionToken)).status).toBe(204);
    expect((await read(mine.sessionToken)).status).toBe(200);

    const lookupOnly = await createSession(server.url, { products: ['lookup'] });
    for (const res of [
      await read(lookupOnly.sessionToken),
      await save(lookupOnly.sessionToken, { revision: 0, step: 'contact', answers: {} }),
      await discard(lookupOnly.sessionToken),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('This session does not include the quote journey');
    }
    expect((await call(url())).status).toBe(401);
    expect((await call(url(), { method: 'PUT', json: { revision: 0, step: 'contact', answers: {} } })).status).toBe(401);
  });

  it('is refused from a page origin the session is not bound to, and allowed (with CORS) from its own', async () => {
    const { sessionToken } = await createSession(server.url, { origin: TEST_ORIGIN });
    const foreign = await call(url(), {
      method: 'PUT',
      headers: bearer(sessionToken, 'https://evil.example'),
      json: { revision: 0, step: 'contact', answers: {} },
    });
    expect(foreign.status).toBe(403);
    const preflight = await fetch(url(), {
      method: 'OPTIONS',
      headers: {
        Origin: TEST_ORIGIN,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
    const own = await call(url(), {
      method: 'PUT',
      headers: bearer(sessionToken, TEST_ORIGIN),
      json: { revision: 0, step: 'contact', answers: {} },
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
  });

  it('is sealed at rest: no row holds the answers in clear text, and nothing of them reaches the logs', async () => {
    const { sessionToken, sessionId } = await createSession(server.url);
    const answers = stepTwoAnswers();
    expect((await save(sessionToken, { revision: 0, step: 'drivers', answers })).status).toBe(200);
    const [row] = await server.runtime.db.query<{ body: string }>('SELECT body FROM session_drafts WHERE session_id = $1', [sessionId]);
    expect(row!.body).toMatch(/^ck1\.test0\./);
    const rows = await everyRow(server.runtime.db);
    for (const value of [
      answers.contact.email,
      answers.contact.phone.slice(2),
      answers.drivers[0]!.lastName,
      answers.drivers[0]!.dateOfBirth,
    ]) {
      expect(rows, `a row holds ${value}`).not.toContain(value);
      expect(server.logs.text, `the logs hold ${value}`).not.toContain(value);
    }
    // A sealed draft moved into another session's row does not open there.
    const other = await createSession(server.url);
    expect((await save(other.sessionToken, { revision: 0, step: 'contact', answers: {} })).status).toBe(200);
    await server.runtime.db.query('UPDATE session_drafts SET body = $1 WHERE session_id = $2', [row!.body, other.sessionId]);
    expect((await read(other.sessionToken)).status).toBe(500);
  });
});
