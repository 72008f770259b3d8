/**
 * Webhook deliveries on the work runner, its third kind of work. Each poll
 * first records the events of facts that have none yet (catch-up.ts), then
 * claims due outbox rows (new ones, retries, and rows whose process died
 * mid-try) and sends them (delivery.ts).
 */
import type { Logger } from 'pino';
import { type WorkQueue, WorkRunner } from '../work/runner.ts';
import type { EventCatchUp } from './catch-up.ts';
import { type WebhookDeliveryPolicy, webhookTask } from './delivery.ts';
import type { WebhookJob, WebhookStore } from './store.ts';

export type WebhookWorkerOptions = {
  leaseMs: number;
  pollMs: number;
  concurrency: number;
  policy: WebhookDeliveryPolicy;
};

/** Time, after a try's own deadline, for its outcome to be written (persistently's retries included). */
const RECORD_MARGIN_MS = 2_000;

function webhookQueue(store: WebhookStore, catchUp: EventCatchUp): WorkQueue<WebhookJob> {
  return {
    kind: 'webhook delivery',
    key: (job) => `${job.eventId}/${job.endpointId}`,
    describe: (job) => ({ eventId: job.eventId, endpointId: job.endpointId, attempt: job.attempts }),
    claim: async (owner, leaseMs, limit) => {
      await store.recordEvents(await catchUp.pending());
      return store.claimDue(owner, leaseMs, limit);
    },
    renew: (job, owner, leaseMs) => store.renewLease(job, owner, leaseMs),
    release: (job, owner) => store.release(job, owner),
  };
}

export function webhookWorker(store: WebhookStore, catchUp: EventCatchUp, logger: Logger, options: WebhookWorkerOptions) {
  return new WorkRunner(webhookQueue(store, catchUp), webhookTask({ store, logger, policy: options.policy }), logger, {
    leaseMs: options.leaseMs,
    pollMs: options.pollMs,
    // Deliveries a dead process left are taken over at start-up.
    pollAtStart: true,
    batchSize: options.concurrency,
    concurrency: options.concurrency,
    // A try already sent is waited for, up to its deadline, and recorded: it is then never sent twice.
    stopGraceMs: options.policy.timeoutMs + RECORD_MARGIN_MS,
  });
}
