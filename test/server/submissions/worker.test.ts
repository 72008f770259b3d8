/**
 * The outbox worker against a real store (in-memory PGlite) and scripted
 * targets whose vendor calls the test releases one by one, so the moments that
 * matter are exact: the lease lost while a call is out, stop() while a call is
 * out, a poll still claiming when stop() begins. In every case a call already
 * sent finishes and is recorded, and no further call is sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Quote, SubmissionBody } from '../../../contract/index.ts';
import { type Database, openDatabase } from '../../../server/db/index.ts';
import { createLogger } from '../../../server/ops/logger.ts';
import { SubmissionStore } from '../../../server/submissions/store.ts';
import type { DeliveryAttempt, Target } from '../../../server/submissions/targets/target.ts';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../../../server/submissions/worker.ts';
import { AgencyZoomTarget } from '../../../server/vendors/agencyzoom/delivery-target.ts';
import type { AgencyZoomClient } from '../../../server/vendors/agencyzoom/index.ts';
import { LogCapture, testSealer } from '../../helpers/server.ts';
import { submissionBody } from './helpers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise the test resolves when it chooses: a vendor call still out. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/**
 * A target with two vendor calls, like AgencyZoom's lead then lead quote: the
 * first waits for the test's gate, its result is saved, and the signal is
 * checked before the second, as the real targets do.
 */
class TwoCallTarget implements Target {
  readonly name = 'agencyzoom' as const;
  readonly displayName = 'Scripted';
  readonly calls: string[] = [];
  readonly firstCall = gate();
  firstSent = gate();

  async deliver({ state, saveState, signal }: DeliveryAttempt) {
    if (state.firstId === undefined) {
      signal?.throwIfAborted();
      this.calls.push('first');
      this.firstSent.open();
      await this.firstCall.opened;
      await saveState({ firstId: 1 });
    }
    signal?.throwIfAborted();
    this.calls.push('second');
    return { firstId: 1, secondId: 2 };
  }
}

let db: Database;
let store: SubmissionStore;
let logs: LogCapture;
const workers: DeliveryWorker[] = [];

beforeEach(async () => {
  db = await openDatabase({ driver: 'pglite' });
  store = new SubmissionStore(db, testSealer());
  logs = new LogCapture();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await db.close();
});

function worker(target: Target, options: Partial<DeliveryWorkerOptions> = {}, useStore: SubmissionStore = store) {
  const w = new DeliveryWorker(useStore, [target], createLogger({ level: 'info', destination: logs }), {
    leaseMs: 600,
    pollMs: 50,
    backoff: { baseMs: 50, maxMs: 50 },
    stopGraceMs: 3_000,
    ...options,
  });
  workers.push(w);
  return w;
}

/** Stores a submission leased to `w`, as POST /v1/submissions does. */
async function stored(w: DeliveryWorker, selectedQuote?: Quote) {
  const created = await store.create({
    sessionId: 'ses_test',
    clientId: 'acme-motors',
    body: submissionBody() as SubmissionBody,
    selectedQuote,
    idempotencyKey: crypto.randomUUID(),
    requestHash: 'h',
    targets: w.targets,
    owner: w.owner,
    leaseMs: w.leaseMs,
  });
  return created!;
}

async function row(submissionId: string) {
  const [r] = await db.query<{
    status: string;
    attempts: number;
    state: Record<string, unknown>;
    lease_owner: string | null;
    next_attempt_at: Date;
  }>('SELECT status, attempts, state, lease_owner, next_attempt_at FROM submission_deliveries WHERE submission_id = $1', [submissionId]);
  return r!;
}

describe('a try whose lease is lost while a vendor call is out', () => {
  it('records what the call made and sends nothing more; the row stays with its new holder', async () => {
    const target = new TwoCallTarget();
    const w = worker(target);
    const { submission, deliveries } = await stored(w);
    const tried = w.deliverNow(submission, deliveries).get('agencyzoom')!;
    await target.firstSent.opened;

    // Another process takes the row over (its lease lapsed during a long pause, say).
    await db.query(
      `UPDATE submission_deliveries SET lease_owner = 'proc_other', lease_until = now() + interval '1 hour' WHERE submission_id = $1`,
      [submission.id],
    );
    await sleep(500); // more than a renewal interval (200 ms)
    target.firstCall.open();
    await tried;

    expect(target.calls).toEqual(['first']);
    expect(await row(submission.id)).toMatchObject({ status: 'pending', lease_owner: 'proc_other', state: { firstId: 1 } });
    expect(logs.text).toMatch(/lost its lease/);
  });

  it('stops too when renewals fail for a whole lease (the lease may have lapsed)', async () => {
    const target = new TwoCallTarget();
    const failing = Object.assign(Object.create(store) as SubmissionStore, {
      renewLease: () => Promise.reject(new Error('database unreachable')),
    });
    const w = worker(target, {}, failing);
    const { submission, deliveries } = await stored(w);
    const tried = w.deliverNow(submission, deliveries).get('agencyzoom')!;
    await target.firstSent.opened;
    await sleep(800); // the 600 ms lease, never renewed
    target.firstCall.open();
    await tried;

    expect(target.calls).toEqual(['first']);
    expect((await row(submission.id)).state).toEqual({ firstId: 1 });
    expect(logs.text).toMatch(/not renewed in time/);
  });

  it('goes on as before while the lease holds', async () => {
    const target = new TwoCallTarget();
    const w = worker(target);
    const { submission, deliveries } = await stored(w);
    const tried = w.deliverNow(submission, deliveries).get('agencyzoom')!;
    await target.firstSent.opened;
    await sleep(900); // several renewals
    target.firstCall.open();
    await tried;
    expect(target.calls).toEqual(['first', 'second']);
    expect(await row(submission.id)).toMatchObject({ status: 'delivered', state: { firstId: 1, secondId: 2 } });
  });
});

describe('stop() while a vendor call is out', () => {
  it('waits for the call, records it, sends nothing more and hands the row back', async () => {
    const target = new TwoCallTarget();
    const w = worker(target);
    const { submission, deliveries } = await stored(w);
    const tried = w.deliverNow(submission, deliveries).get('agencyzoom')!;
    await target.firstSent.opened;

    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await sleep(300);
    // The database must stay open: the call's result is not recorded yet.
    expect(stopped).toBe(false);
    target.firstCall.open();
    await stopping;
    await tried;

    expect(target.calls).toEqual(['first']);
    const after = await row(submission.id);
    expect(after).toMatchObject({ status: 'pending', attempts: 1, lease_owner: null, state: { firstId: 1 } });
    expect(after.next_attempt_at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(logs.text).toMatch(/handed back while shutting down/);
  });

  it('gives up waiting after stopGraceMs, and says so', async () => {
    const target = new TwoCallTarget();
    const w = worker(target, { stopGraceMs: 400 });
    const { submission, deliveries } = await stored(w);
    void w.deliverNow(submission, deliveries);
    await target.firstSent.opened;
    const started = Date.now();
    await w.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(logs.text).toMatch(/stopping with work still running/);
    target.firstCall.open();
    await sleep(100);
    expect(target.calls).toEqual(['first']);
  });

  it('sends nothing for rows a poll was still claiming, and hands them back', async () => {
    const target = new TwoCallTarget();
    const w = worker(target);
    const { submission } = await stored(w);
    // Due and unleased, as a retry is.
    await db.query('UPDATE submission_deliveries SET lease_owner = NULL, lease_until = NULL WHERE submission_id = $1', [submission.id]);
    const polling = w.poll();
    await w.stop();
    await polling;
    await sleep(200);
    expect(target.calls).toEqual([]);
    expect(await row(submission.id)).toMatchObject({ status: 'pending', lease_owner: null });
  });
});

describe('AgencyZoom when the delivery cannot be marked delivered', () => {
  it('saves the lead quote id at once, so the retry attaches no second quote', async () => {
    const calls: string[] = [];
    const client = {
      leadRefs: async () => ({ pipelineId: 1, stageId: 2, leadSourceId: 3, assignTo: 4 }),
      createLead: async () => (calls.push('lead'), { leadId: 1001 }),
      createLeadQuote: async (leadId: number) => (calls.push(`quote on ${leadId}`), { quoteId: 5000 + calls.length }),
    } as unknown as AgencyZoomClient;
    // The database refuses the "delivered" write of the first try (three writes: persistently's retries).
    let refusals = 3;
    const flaky = Object.assign(Object.create(store) as SubmissionStore, {
      markDelivered: (...args: Parameters<SubmissionStore['markDelivered']>) =>
        refusals-- > 0 ? Promise.reject(new Error('connection lost')) : store.markDelivered(...args),
    });
    const w = worker(new AgencyZoomTarget(client), {}, flaky);
    const quote: Quote = {
      id: 'qr_test:pace:PACE',
      vendor: 'pace',
      carrierCode: 'PACE',
      carrierName: 'PACE',
      status: 'complete',
      payPlans: [{ name: 'Paid in full', downPaymentCents: 120_000, installmentCents: 0, installments: 0, totalPremiumCents: 120_000 }],
    };
    const { submission, deliveries } = await stored(w, quote);
    await w.deliverNow(submission, deliveries).get('agencyzoom');
    expect(logs.text).toMatch(/could not be recorded/);

    // The lease lapses and the poller tries again.
    w.start();
    for (const deadline = Date.now() + 10_000; (await row(submission.id)).status === 'pending' && Date.now() < deadline; ) await sleep(50);
    expect(await row(submission.id)).toMatchObject({ status: 'delivered', attempts: 2, state: { leadId: 1001, leadQuoteId: 5002 } });
    expect(calls).toEqual(['lead', 'quote on 1001']);
  });
});
