/** What an operator sees: health, readiness, metrics and logs that carry request ids but no secrets or PII. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer, TEST_DEALERS, type TestServer } from '../../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('health', () => {
  it('is alive and ready while the database answers, and not ready when shutting down', async () => {
    expect((await call(`${server.url}/healthz`)).body).toEqual({ status: 'ok' });
    expect((await call(`${server.url}/readyz`)).status).toBe(200);
    server.runtime.lifecycle.shuttingDown = true;
    try {
      const res = await call(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('unavailable');
    } finally {
      server.runtime.lifecycle.shuttingDown = false;
    }
  });

  it('is not ready when the database is gone', async () => {
    const doomed = await startTestServer();
    await doomed.runtime.db.close();
    const res = await call(`${doomed.url}/readyz`);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/database/);
    await new Promise<void>((resolve) => doomed.server.close(() => resolve()));
  });
});

describe('metrics', () => {
  it('counts requests by route pattern and status, with latency histograms', async () => {
    await createSession(server.url);
    await call(`${server.url}/v1/sessions`, { method: 'POST', headers: { 'X-Client-Id': 'x', 'X-Secret-Key': 'y' }, json: {} });
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/coverkit_http_requests_total\{method="POST",route="\/v1\/sessions",status="201"\} [1-9]/);
    expect(text).toMatch(/coverkit_http_requests_total\{method="POST",route="\/v1\/sessions",status="401"\} [1-9]/);
    expect(text).toMatch(/coverkit_http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/v1\/sessions",status="201"\}/);
    expect(text).toContain('coverkit_process_resident_memory_bytes');
    expect(text).toMatch(/coverkit_quote_streams_open \d+/);
  });
});

describe('logs', () => {
  it('writes one JSON line per request with its request id, echoing a caller-supplied id', async () => {
    const res = await call(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'req-abc-12345' } });
    expect(res.headers.get('x-request-id')).toBe('req-abc-12345');
    const line = server.logs.lines.map((l) => JSON.parse(l)).find((l) => l.requestId === 'req-abc-12345');
    expect(line).toMatchObject({ level: 'info', method: 'GET', route: '/healthz', status: 200, msg: 'request' });
    expect(typeof line.ms).toBe('number');
  });

  it('never logs secret keys, tokens or shopper details', async () => {
    const prefill = {
      contact: { email: 'leak-check@example.com', phone: '+15557654321' },
      drivers: [{ firstName: 'Zebulon', dateOfBirth: '1970-01-02' }],
    };
    const session = await createSession(server.url, { prefill });
    await call(`${server.url}/v1/session`, { headers: bearer(session.sessionToken) });
    await call(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: secretKeyHeaders(),
      json: { prefill: { contact: { email: 'not-an-email' } } },
    });
    // Even a careless log call with a whole body redacts PII and secrets.
    server.runtime.logger.info(
      { body: { prefill, secretKey: TEST_DEALERS.acme.secretKey, sessionToken: session.sessionToken } },
      'careless',
    );
    const text = server.logs.text;
    for (const secret of [
      TEST_DEALERS.acme.secretKey,
      session.sessionToken,
      'leak-check@example.com',
      '+15557654321',
      'Zebulon',
      '1970-01-02',
      'not-an-email',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});

describe('operator tokens', () => {
  it('close metrics and the sandbox fault knobs when configured, and leave shoppers alone', async () => {
    const closed = await startTestServer({
      env: { COVERKIT_METRICS_TOKEN: 'metrics-token-0123456789', COVERKIT_SANDBOX_ADMIN_TOKEN: 'sandbox-admin-0123456789' },
    });
    try {
      expect((await call(`${closed.url}/metrics`)).status).toBe(401);
      const scraped = await fetch(`${closed.url}/metrics`, { headers: { Authorization: 'Bearer metrics-token-0123456789' } });
      expect(scraped.status).toBe(200);
      expect((await call(`${closed.url}/sandbox/pace/_faults`, { method: 'PUT', json: { outage: true } })).status).toBe(401);
      expect((await call(`${closed.url}/sandbox/pace/_faults`)).status).toBe(200);
      const changed = await call(`${closed.url}/sandbox/pace/_faults`, {
        method: 'PUT',
        headers: { Authorization: 'Bearer sandbox-admin-0123456789' },
        json: { latencyMs: 5 },
      });
      expect(changed.body.latencyMs).toBe(5);
      expect((await call(`${closed.url}/healthz`)).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});
