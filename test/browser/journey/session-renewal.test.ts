/**
 * Sessions that last the journey, in real Chromium against a server whose
 * session tokens live 10 seconds (the 15 minutes of production, shortened):
 * a shopper who waits on the review past their first token's life still gets
 * quotes, the widget having renewed its token on its own; a token that
 * expired unrenewed (the device slept) is followed by the same session again,
 * from its refresh key; and when the
 * session cannot go on (the dealer ended it), the widget asks the dealer's
 * `fetchSessionToken` for a new one and the shopper carries on.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { create } from '../../../widget/create.ts';
import {
  button,
  cleanUp,
  dealerSession,
  expectStep,
  interceptFetch,
  press,
  quoteCards,
  recordEvents,
  waitForAllQuotes,
} from './shopper.ts';

const apiBase = inject('shortTokenApiBase');

afterEach(cleanUp);

/** The dealer's fetchSessionToken: its backend makes a session with the household pre-filled; every session made is kept. */
function dealerBackendSessions() {
  const made: { sessionId: string; sessionToken: string }[] = [];
  const fetchSessionToken = async () => {
    const session = await dealerSession({ household: true }, { on: 'short-tokens' });
    made.push(session);
    return session.sessionToken;
  };
  return { made, fetchSessionToken };
}

/** Counts the widget's renewals (POST /v1/session/token) and what they answered. */
function watchRenewals() {
  const answers: number[] = [];
  interceptFetch((url, init, real) => {
    if (!url.endsWith('/v1/session/token') || init?.method !== 'POST') return undefined;
    return real(url, init).then((response) => {
      answers.push(response.status);
      return response;
    });
  });
  return answers;
}

/** What the server answers `token` now, asked from the page as the widget would. */
const statusOf = async (token: string) => (await fetch(`${apiBase}/v1/session`, { headers: { Authorization: `Bearer ${token}` } })).status;

/** From the greeting to the review, accepting the pre-filled household. */
async function toReview() {
  await press(button('Get quotes'));
  for (const step of ['Contact and address', 'Drivers', 'Vehicles', 'Coverage']) {
    await expectStep(step);
    await press(button('Continue'));
  }
  await expectStep('Review and get quotes');
}

describe('a session that lasts the journey', () => {
  it('renews the token while the shopper waits on the review past its lifetime, and the shopper still gets quotes', async () => {
    const { made, fetchSessionToken } = dealerBackendSessions();
    const renewals = watchRenewals();
    const events = recordEvents();
    create({ fetchSessionToken, apiBase }).open();
    await toReview();
    expect(made).toHaveLength(1);
    const first = made[0]!.sessionToken;

    // The shopper waits until the server refuses the token the widget started with (10 s, and the 5 s clock tolerance).
    await expect.poll(() => statusOf(first), { timeout: 30_000, interval: 1_000 }).toBe(401);
    expect(renewals.length).toBeGreaterThanOrEqual(2);
    expect(renewals.every((status) => status === 200)).toBe(true);

    await press(button('Get my quotes'));
    await expectStep('Your quotes');
    await waitForAllQuotes();
    expect(quoteCards().filter((card) => card.status === 'complete').length).toBeGreaterThan(0);
    // Renewal kept the one session: no new session was asked for, and nothing went wrong on the way.
    expect(made).toHaveLength(1);
    expect(events.filter((e) => e.name === 'error')).toEqual([]);
  });

  it('takes up the same session again with its refresh key when the token expired unrenewed (a sleeping device), and the shopper still gets quotes', async () => {
    const { made, fetchSessionToken } = dealerBackendSessions();
    const refreshes: number[] = [];
    interceptFetch((url, init, real) => {
      if (!url.endsWith('/v1/sessions/refresh')) return undefined;
      return real(url, init).then((response) => {
        refreshes.push(response.status);
        return response;
      });
    });
    const handle = create({ fetchSessionToken, apiBase });
    handle.open();
    await toReview();
    const kept = (prefix: string) => Object.entries(localStorage).find(([key]) => key.startsWith(prefix))?.[1];
    await expect.poll(() => kept('coverkit.refresh:')).toBeTruthy();

    // Off the page nothing renews the token (as on a sleeping laptop), until the server refuses it.
    handle.element.remove();
    const token = kept('coverkit.session:')!;
    await expect.poll(() => statusOf(token), { timeout: 30_000, interval: 1_000 }).toBe(401);
    document.body.append(handle.element);

    await press(button('Get my quotes'));
    await expectStep('Your quotes');
    await waitForAllQuotes();
    expect(quoteCards().filter((card) => card.status === 'complete').length).toBeGreaterThan(0);
    // The one session the dealer made goes on: taken up again, not replaced.
    expect(refreshes).toEqual([200]);
    expect(made).toHaveLength(1);
  });

  it("asks the dealer's fetchSessionToken for a new session when the dealer ended the one in use, and the shopper carries on", async () => {
    const { made, fetchSessionToken } = dealerBackendSessions();
    create({ fetchSessionToken, apiBase }).open();
    await toReview();
    expect(made).toHaveLength(1);
    const ended = await fetch(`${inject('dealerBackend')}/short-tokens/sessions/${made[0]!.sessionId}/revoke`, { method: 'POST' });
    expect(ended.status).toBe(200);
    expect(await statusOf(made[0]!.sessionToken)).toBe(401);

    await press(button('Get my quotes'));
    await expectStep('Your quotes');
    await waitForAllQuotes();
    expect(quoteCards().filter((card) => card.status === 'complete').length).toBeGreaterThan(0);
    expect(made).toHaveLength(2);
  });
});
