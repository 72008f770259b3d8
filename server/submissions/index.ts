/** The submissions capability, built from configuration: store, delivery targets, the outbox worker and the service. */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { ConnectionStore } from '../policies/store.ts';
import type { QuoteStore } from '../quotes/store.ts';
import type { Sealer } from '../security/sealer.ts';
import type { Vendors } from '../vendors/index.ts';
import { Submissions } from './service.ts';
import { SubmissionStore } from './store.ts';
import { DeliveryWorker, deliveryStopGraceMs } from './worker.ts';

export type SubmissionServiceDeps = {
  db: Database;
  sealer: Sealer;
  vendors: Pick<Vendors, 'deliveryTargets'>;
  quotes: { store: Pick<QuoteStore, 'get' | 'quotes'> };
  config: Config;
  logger: Logger;
};

export function createSubmissionService({ db, sealer, vendors, quotes, config, logger }: SubmissionServiceDeps) {
  const settings = config.submissions;
  const targets = vendors.deliveryTargets(config);
  const store = new SubmissionStore(db, sealer);
  const worker = new DeliveryWorker(store, targets, logger, {
    leaseMs: settings.leaseMs,
    pollMs: settings.pollMs,
    maxAttempts: settings.maxAttempts,
    maxAgeMs: settings.maxAgeMs,
    backoff: { baseMs: settings.backoffMs, maxMs: settings.backoffMaxMs },
    // On shutdown a vendor call already sent is waited for: it ends within its client's timeout.
    stopGraceMs: deliveryStopGraceMs(targets.flatMap((t) => (t.callTimeoutMs === undefined ? [] : [t.callTimeoutMs]))),
  });
  worker.start();
  // The connections the shoppers made (policies/): a submission may name only one of its own session's.
  return new Submissions(store, worker, quotes.store, new ConnectionStore(db, sealer), {
    flowUrlWaitMs: settings.flowUrlWaitMs,
    listSettleMs: settings.listSettleMs,
    perSessionPerMinute: settings.perSessionPerMinute,
    links: config.mode,
  });
}

export type SubmissionService = Submissions;
