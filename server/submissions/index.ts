/** The submissions capability, built from configuration: store, delivery targets, the outbox worker and the service. */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { ConnectionStore } from '../policies/store.ts';
import type { QuoteStore } from '../quotes/store.ts';
import { agencyZoomConfigFromEnv } from '../vendors/agencyzoom/index.ts';
import { autoCompleteConfigFromEnv } from '../vendors/autocomplete/index.ts';
import type { Vendors } from '../vendors/index.ts';
import { Submissions } from './service.ts';
import { SubmissionStore } from './store.ts';
import { AgencyZoomTarget } from './targets/agencyzoom.ts';
import { AutoCompleteTarget } from './targets/autocomplete.ts';
import { DeliveryWorker, deliveryStopGraceMs } from './worker.ts';

export type SubmissionServiceDeps = {
  db: Database;
  vendors: Pick<Vendors, 'autocomplete' | 'agencyzoom'>;
  quotes: { store: Pick<QuoteStore, 'get' | 'quotes'> };
  config: Config;
  logger: Logger;
  /** Where vendor configuration is read from (AutoComplete's dealer id). */
  env: Record<string, string | undefined>;
};

export function createSubmissionService({ db, vendors, quotes, config, logger, env }: SubmissionServiceDeps) {
  const settings = config.submissions;
  // Validated already when the vendors were built; read again here for what the clients do not expose (dealer id, timeouts).
  const autocomplete = autoCompleteConfigFromEnv(env, { sandboxBaseUrl: `${config.sandboxUrl}/autocomplete` });
  const agencyzoom = agencyZoomConfigFromEnv(env, { sandboxBaseUrl: `${config.sandboxUrl}/agencyzoom` });
  const { dealerId } = autocomplete;
  const store = new SubmissionStore(db);
  const worker = new DeliveryWorker(
    store,
    [new AutoCompleteTarget(vendors.autocomplete, dealerId, config.mode), new AgencyZoomTarget(vendors.agencyzoom)],
    logger,
    {
      leaseMs: settings.leaseMs,
      pollMs: settings.pollMs,
      maxAttempts: settings.maxAttempts,
      maxAgeMs: settings.maxAgeMs,
      backoff: { baseMs: settings.backoffMs, maxMs: settings.backoffMaxMs },
      // On shutdown a vendor call already sent is waited for: it ends within its client's timeout.
      stopGraceMs: deliveryStopGraceMs([autocomplete.timeoutMs, agencyzoom.timeoutMs]),
    },
  );
  worker.start();
  // The connections the shoppers made (policies/): a submission may name only one of its own session's.
  return new Submissions(store, worker, quotes.store, new ConnectionStore(db), {
    flowUrlWaitMs: settings.flowUrlWaitMs,
    listSettleMs: settings.listSettleMs,
    perSessionPerMinute: settings.perSessionPerMinute,
    links: config.mode,
  });
}

export type SubmissionService = Submissions;
