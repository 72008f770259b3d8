/** The webhooks capability, built from configuration: store, event catch-up, the delivery runner and the endpoint service. */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Sealer } from '../security/sealer.ts';
import type { SubmissionStore } from '../submissions/store.ts';
import { EventCatchUp } from './catch-up.ts';
import { STANDARD_RETRY_SCHEDULE_MS } from './delivery.ts';
import { WebhookEndpoints } from './service.ts';
import { WebhookStore } from './store.ts';
import { webhookWorker } from './worker.ts';

export type WebhookServiceDeps = {
  db: Database;
  sealer: Sealer;
  config: Pick<Config, 'webhooks' | 'mode'>;
  logger: Logger;
  submissions: { store: Pick<SubmissionStore, 'deliveries'> };
};

export function createWebhookService({ db, sealer, config, logger, submissions }: WebhookServiceDeps) {
  const settings = config.webhooks;
  const store = new WebhookStore(db, sealer);
  const runner = webhookWorker(store, new EventCatchUp(db, submissions.store, settings.catchUpMs, config.mode), logger, {
    leaseMs: settings.leaseMs,
    pollMs: settings.pollMs,
    concurrency: 16,
    policy: {
      retryScheduleMs: settings.retryScheduleMs ?? STANDARD_RETRY_SCHEDULE_MS,
      timeoutMs: settings.timeoutMs,
      disableAfterMs: settings.disableAfterMs,
      targets: settings.targets,
    },
  });
  runner.start();
  const endpoints = new WebhookEndpoints(store, runner, settings.targets);
  return {
    endpoints,
    /** Sends nothing new; a try already sent is waited for (up to its deadline) and recorded. Close the database after. */
    close: () => runner.stop(),
    stopGraceMs: runner.stopGraceMs,
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
