/**
 * Webhook deliveries are rows of the outbox, not timers: a server
 * (`node server/main.ts`) SIGKILLed while events wait for their retry leaves
 * them in its data folder, and the server started again sends every one,
 * once, with its webhook-id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/http.ts';
import { type ServerProcess, startProcess } from '../../helpers/process.ts';
import { startWebhookReceiver } from '../../helpers/webhook-receiver.ts';

const SECRET_KEY = 'sk_test_webhooks_restart_0123456789';
const dealer = { 'X-Client-Id': 'demo-dealer', 'X-Secret-Key': SECRET_KEY };
const cleanups: (() => Promise<unknown> | undefined)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await startProcess({
    COVERKIT_PUBLIC_URL: 'http://coverkit.test',
    COVERKIT_DEMO_SECRET_KEY: SECRET_KEY,
    COVERKIT_DATA_DIR: dataDir,
    COVERKIT_WEBHOOK_TARGETS: 'loopback',
    COVERKIT_WEBHOOK_POLL_MS: '50',
    // A first retry late enough to kill the server before it, then quick ones.
    COVERKIT_WEBHOOK_RETRY_SECONDS: '2,0.2,0.2',
  });
  cleanups.push(() => server.kill());
  return server;
}

describe('a server SIGKILLed with webhook deliveries waiting for a retry', () => {
  it('sends each of them after it is started again, none lost and none twice', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'coverkit-webhooks-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const first = await start(dataDir);
    const registered = await call(`${first.url}/v1/webhook-endpoints`, { method: 'POST', headers: dealer, json: { url: receiver.url } });
    expect(registered.status).toBe(201);

    const PINGS = 5;
    receiver.answer(...Array(PINGS).fill(503));
    const eventIds: string[] = [];
    for (let i = 0; i < PINGS; i++) {
      const sent = await call(`${first.url}/v1/webhook-endpoints/${registered.body.id}/test`, { method: 'POST', headers: dealer });
      expect(sent.status).toBe(202);
      eventIds.push(sent.body.eventId);
    }
    await receiver.waitFor(() => true, PINGS);
    // Every 503 recorded and its retry scheduled: the events wait in the outbox.
    const logOf = async (server: ServerProcess) =>
      (await call(`${server.url}/v1/webhook-endpoints/${registered.body.id}/deliveries`, { headers: dealer })).body.deliveries as any[];
    await expect
      .poll(async () => (await logOf(first)).filter((a) => a.statusCode === 503 && a.nextRetryAt).length, { timeout: 10_000 })
      .toBe(PINGS);
    await first.kill();
    expect(receiver.received.every((w) => w.answered === 503)).toBe(true);

    const second = await start(dataDir);
    const delivered = await receiver.waitFor((w) => w.answered === 200, PINGS);
    // Nothing more comes: each event got its one 2xx.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ok = receiver.received.filter((w) => w.answered === 200);
    expect(ok).toHaveLength(PINGS);
    expect(ok.map((w) => w.headers['webhook-id']).sort()).toEqual([...eventIds].sort());
    const verifier = new Webhook(registered.body.secret);
    for (const w of delivered) {
      verifier.verify(w.body, {
        'webhook-id': String(w.headers['webhook-id']),
        'webhook-timestamp': String(w.headers['webhook-timestamp']),
        'webhook-signature': String(w.headers['webhook-signature']),
      });
    }
    const log = await logOf(second);
    expect(log.filter((a) => a.statusCode === 200)).toHaveLength(PINGS);
    expect(log.filter((a) => a.statusCode === 503)).toHaveLength(PINGS);
  });
});
