/**
 * A session's saved progress does not outlive the journey: once the answers
 * are sent they are no longer a draft; once the session ends (its dealer ends
 * it, or it reaches its absolute lifetime) its draft row is deleted, whether
 * it held answers or only the revision of a draft the shopper discarded on
 * Close. Drafts of sessions still running are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { FAST_DELIVERY, submissionBody, submit } from '../submissions/helpers.ts';

const LIFETIME_SECONDS = 600;
/** The server's clock, which the test moves on past a session's lifetime. */
let clock = Date.now();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    now: () => clock,
    env: { ...FAST_DELIVERY, COVERKIT_SESSION_LIFETIME_SECONDS: String(LIFETIME_SECONDS), COVERKIT_SESSION_SWEEP_SECONDS: '1' },
  });
});
afterAll(() => server?.close());

const draftUrl = () => `${server.url}/v1/session/draft`;
const save = (token: string) =>
  call(draftUrl(), {
    method: 'PUT',
    headers: bearer(token),
    json: { revision: 0, step: 'contact', answers: { contact: garciaHousehold().contact } },
  });

/** The draft row of `sessionId` as stored: its revision and whether it holds answers; undefined when there is none. */
async function draftRow(sessionId: string) {
  const [row] = await server.runtime.db.query<{ revision: number; body: string | null }>(
    'SELECT revision, body FROM session_drafts WHERE session_id = $1',
    [sessionId],
  );
  return row && { revision: row.revision, answers: row.body !== null };
}

/** A session with a draft of step 1 saved. */
async function sessionWithDraft() {
  const session = await createSession(server.url);
  expect((await save(session.sessionToken)).status).toBe(200);
  expect(await draftRow(session.sessionId)).toEqual({ revision: 1, answers: true });
  return session;
}

describe('drafts of ended sessions', () => {
  it('are deleted at once when the dealer ends the session', async () => {
    const ended = await sessionWithDraft();
    const running = await sessionWithDraft();
    const revoked = await call(`${server.url}/v1/sessions/${ended.sessionId}/revoke`, { method: 'POST', headers: secretKeyHeaders() });
    expect(revoked.status).toBe(204);
    expect(await draftRow(ended.sessionId)).toBeUndefined();
    expect((await call(draftUrl(), { headers: bearer(ended.sessionToken) })).body.error.code).toBe('session_revoked');
    expect(await draftRow(running.sessionId)).toEqual({ revision: 1, answers: true });
  });

  it('hold no answers once they are sent: a reload does not reopen a sent journey', async () => {
    const { sessionId, sessionToken } = await sessionWithDraft();
    const sent = await submit(server.url, sessionToken, submissionBody());
    expect(sent.status).toBe(201);
    expect(await draftRow(sessionId)).toEqual({ revision: 2, answers: false });
    expect((await call(draftUrl(), { headers: bearer(sessionToken) })).status).toBe(204);
  });

  it('are purged by the sweep once the session is past its lifetime, the answers and what a discard left alike', async () => {
    const withAnswers = await sessionWithDraft();
    const discarded = await sessionWithDraft();
    expect((await call(draftUrl(), { method: 'DELETE', headers: bearer(discarded.sessionToken) })).status).toBe(204);
    expect(await draftRow(discarded.sessionId)).toEqual({ revision: 2, answers: false });

    // While the sessions run, the sweep leaves both: the discarded draft's revision still refuses a stale tab's save.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await draftRow(withAnswers.sessionId)).toEqual({ revision: 1, answers: true });
    expect((await save(discarded.sessionToken)).status).toBe(409);

    // A session made now still runs when the older two have ended.
    clock += (LIFETIME_SECONDS / 2) * 1000;
    const younger = await sessionWithDraft();
    clock += (LIFETIME_SECONDS / 2) * 1000 + 1000;
    await expect.poll(() => draftRow(withAnswers.sessionId), { timeout: 10_000 }).toBeUndefined();
    await expect.poll(() => draftRow(discarded.sessionId), { timeout: 10_000 }).toBeUndefined();
    expect(await draftRow(younger.sessionId)).toEqual({ revision: 1, answers: true });
    expect(server.logs.text).toContain('deleted what ended sessions left');
  });
});
