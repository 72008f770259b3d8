/**
 * The shared test harness itself (test/helpers/sse.ts and server.ts), which
 * the submission, quote and policy suites lean on: a stream that never gets
 * to what a test waits for fails that test, clearly; and closing a test
 * server drains it first, so a stream still open ends instead of holding the
 * close up (and the server's deliveries settle before its database closes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { garciaHousehold } from '../../helpers/applicants.ts';
import { bearer, call, createSession } from '../../helpers/http.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { readEvents } from '../../helpers/sse.ts';

/** CoverHound's carriers take 5 to 60 s, and the request waits for them: a stream that stays open. */
const SLOW_QUOTES = { SANDBOX_COVERHOUND_DELAY_SCALE: '10', COVERKIT_QUOTE_DEADLINE_SECONDS: '600' };

async function slowQuoteStream(server: TestServer) {
  const { sessionToken } = await createSession(server.url);
  const created = await call(`${server.url}/v1/quote-requests`, { method: 'POST', headers: bearer(sessionToken), json: garciaHousehold() });
  expect(created.status).toBe(202);
  return { url: `${server.url}/v1/quote-requests/${created.body.id}/stream`, headers: bearer(sessionToken) };
}

describe('readEvents', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: SLOW_QUOTES });
  });
  afterAll(() => server?.close());

  it('fails, saying so, when the stream times out before stopAfter holds', async () => {
    const stream = await slowQuoteStream(server);
    await expect(readEvents(stream.url, stream.headers, { stopAfter: (e) => e.event === 'done', timeoutMs: 3_000 })).rejects.toThrow(
      /timed out after 3000 ms before stopAfter held \(\d+ events/,
    );
  });

  it('says timedOut when it was only reading for a while', async () => {
    const stream = await slowQuoteStream(server);
    const reading = await readEvents(stream.url, stream.headers, { timeoutMs: 3_000 });
    expect(reading.status).toBe(200);
    expect(reading.timedOut).toBe(true);
    expect(reading.events.length).toBeGreaterThan(0);
  });
});

describe("a test server's close()", () => {
  it('ends the streams still open instead of waiting for them', async () => {
    const server = await startTestServer({ env: SLOW_QUOTES });
    const stream = await slowQuoteStream(server);
    let firstEvent = () => {};
    const streaming = new Promise<void>((resolve) => (firstEvent = resolve));
    const reading = readEvents(stream.url, stream.headers, { timeoutMs: 25_000, onEvent: () => firstEvent() });
    // The stream is open (its first events arrived) before the server is closed.
    await streaming;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      server.close().then(() => 'closed'),
      // Well before the stream would end by itself (25 s), even on a busy machine.
      new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting for the stream'), 15_000))),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('closed');
    expect(Date.now() - started).toBeLessThan(15_000);
    const ended = await reading;
    expect(ended.timedOut).toBe(false);
    expect(ended.events.some((e) => e.event === 'done')).toBe(false);
  });
});
