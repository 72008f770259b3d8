/**
 * A standard EventSource client (the `eventsource` package, WHATWG-conformant)
 * reading a quote stream stops once it has had `done`: the server ends the
 * stream, the client reconnects as the spec makes it, and that reconnect is
 * answered 204, after which the client closes for good instead of reconnecting
 * every two seconds until its token expires.
 */
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { readEvents } from '../../helpers/sse.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { SANDBOX_COVERHOUND_DELAY_SCALE: '0.1', COVERHOUND_POLL_INTERVAL_MS: '50' } });
});
afterAll(() => server?.close());

async function quoteRequest() {
  const { sessionToken } = await createSession(server.url);
  const res = await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: garciaHousehold() });
  expect(res.status).toBe(202);
  return { sessionToken, url: `${server.url}/v1/quote-requests/${res.body.id}/stream` };
}

/** Follows the stream with EventSource until the client closes itself; every request it made, with its answer. */
function followUntilClosed(url: string, token: string) {
  const requests: { lastEventId: string | null; status: number }[] = [];
  const received: { event: string; id: string }[] = [];
  const source = new EventSource(url, {
    fetch: async (input, init) => {
      const response = await fetch(input, { ...init, headers: { ...init?.headers, ...bearer(token) } });
      requests.push({ lastEventId: new Headers(init?.headers).get('last-event-id'), status: response.status });
      return response;
    },
  });
  for (const event of ['quote', 'done']) source.addEventListener(event, (e) => received.push({ event, id: e.lastEventId }));
  return new Promise<{ requests: typeof requests; received: typeof received }>((resolve) => {
    // An error while CONNECTING is the client about to reconnect; CLOSED is the client giving up for good.
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) resolve({ requests, received });
    });
  });
}

describe('a quote stream read by a standard EventSource client', () => {
  it('follows the live stream to done, reconnects once, is answered 204 and stops', async () => {
    const { sessionToken, url } = await quoteRequest();
    const { requests, received } = await followUntilClosed(url, sessionToken);
    const done = received.at(-1)!;
    expect(done.event).toBe('done');
    expect(received.filter((e) => e.event === 'done')).toHaveLength(1);
    expect(requests).toEqual([
      { lastEventId: null, status: 200 },
      { lastEventId: done.id, status: 204 },
    ]);
  });

  it('is replayed a finished request once, then answered 204', async () => {
    const { sessionToken, url } = await quoteRequest();
    // Wait for the request to finish, reading it as the widget does.
    await readEvents(url, bearer(sessionToken), { stopAfter: (e) => e.event === 'done' });
    const { requests, received } = await followUntilClosed(url, sessionToken);
    expect(received.at(-1)?.event).toBe('done');
    expect(requests.map((r) => r.status)).toEqual([200, 204]);
    // A client that keeps no Last-Event-ID is not replayed the same finished request again either.
    const again = await readEvents(url, bearer(sessionToken), { timeoutMs: 3_000 });
    expect(again.status).toBe(204);
  });
});
