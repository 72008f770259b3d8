/**
 * Delivers the outbox on the work runner. Each row is one submission for one
 * target, a leased job (delivery.ts): a process works on a row only while it
 * holds the row's lease, so a process that dies mid-delivery leaves a lease
 * that lapses and another process, or this one after a restart, takes the row
 * over. New submissions are delivered at once by the process that stored them
 * (the widget waits briefly for AutoComplete's link); retries and abandoned
 * rows are claimed by the runner's poller, skipping targets that asked us to wait.
 */

import type { Logger } from 'pino';
import type { BackoffOptions } from '../work/backoff.ts';
import { type WorkQueue, WorkRunner } from '../work/runner.ts';
import { deliveryTask, TargetPauses } from './delivery.ts';
import type { DeliveryJob, DeliveryRecord, DeliveryTarget, SubmissionRecord, SubmissionStore } from './store.ts';
import type { Target } from './targets/target.ts';

export type DeliveryWorkerOptions = {
  /** A try's lease; renewed at a third of it while the try runs. */
  leaseMs: number;
  /** How often due rows are looked for. */
  pollMs: number;
  /** Tries (rate-limited ones aside) before a row is failed. */
  maxAttempts: number;
  /** A row older than this is failed at its next failure instead of retried. */
  maxAgeMs: number;
  backoff: BackoffOptions;
  /** Tries running at once in this process. */
  concurrency: number;
  /**
   * How long stop() waits for vendor calls already sent and their results to
   * be recorded: the longest vendor timeout plus a margin (see
   * deliveryStopGraceMs); what is still out after it is left to its lease.
   */
  stopGraceMs: number;
};

/** Time, after a vendor call's own timeout, for its outcome to be written (persistently's retries included). */
const RECORD_MARGIN_MS = 2_000;

/** stop()'s wait: a call sent just before it can take the longest of the targets' vendor timeouts, then it is recorded. */
export function deliveryStopGraceMs(vendorTimeoutsMs: readonly number[]): number {
  return Math.max(0, ...vendorTimeoutsMs) + RECORD_MARGIN_MS;
}

const DELIVERY_DEFAULTS: DeliveryWorkerOptions = {
  leaseMs: 30_000,
  pollMs: 1_000,
  maxAttempts: 20,
  maxAgeMs: 24 * 3600_000,
  backoff: { baseMs: 2_000, maxMs: 15 * 60_000 },
  concurrency: 16,
  // The vendors' default timeout (10 s) plus the record margin; index.ts derives it from the configured timeouts.
  stopGraceMs: 12_000,
};

/** Outbox rows in submission_deliveries, as the work runner sees them. */
function deliveryQueue(store: SubmissionStore, targets: readonly DeliveryTarget[], pauses: TargetPauses): WorkQueue<DeliveryJob> {
  return {
    kind: 'submission delivery',
    key: (row) => `${row.submissionId}/${row.target}`,
    describe: (row) => ({ submissionId: row.submissionId, target: row.target, attempt: row.attempts }),
    claim: (owner, leaseMs, limit) => store.claimDue(owner, leaseMs, limit, pauses.paused(targets)),
    renew: (row, owner, leaseMs) => store.renewLease(row, owner, leaseMs),
    release: (row, owner) => store.release(row, owner),
  };
}

export class DeliveryWorker {
  readonly #byName: ReadonlyMap<DeliveryTarget, Target>;
  readonly #work: WorkRunner<DeliveryJob>;

  constructor(store: SubmissionStore, targets: readonly Target[], logger: Logger, options: Partial<DeliveryWorkerOptions> = {}) {
    const { leaseMs, pollMs, concurrency, stopGraceMs, ...policy } = { ...DELIVERY_DEFAULTS, ...options };
    const byName = new Map(targets.map((t) => [t.name, t]));
    const pauses = new TargetPauses();
    this.#byName = byName;
    this.#work = new WorkRunner(
      deliveryQueue(store, [...byName.keys()], pauses),
      deliveryTask({ store, targets: byName, pauses, logger, policy }),
      logger,
      // The first poll after one interval: a process starting up is not listening yet, and its sandboxes live there.
      { leaseMs, pollMs, pollAtStart: false, batchSize: concurrency, concurrency, stopGraceMs },
    );
  }

  get targets(): DeliveryTarget[] {
    return [...this.#byName.keys()];
  }

  /** How long a delivery to `target` started now would wait before its first vendor call (its rate limit), 0 when unknown. */
  waitBeforeCallMs(target: DeliveryTarget): number {
    return this.#byName.get(target)?.waitBeforeCallMs?.() ?? 0;
  }

  /** Identifies this worker's leases (one per worker, so two in one process never share a lease). */
  get owner() {
    return this.#work.owner;
  }

  get leaseMs() {
    return this.#work.leaseMs;
  }

  /** The longest stop() waits; shutdown gives the process at least this long (listen.ts). */
  get stopGraceMs() {
    return this.#work.stopGraceMs;
  }

  start() {
    this.#work.start();
  }

  /**
   * Delivers the rows of a submission this process has just stored (and
   * leased). Resolves per target when its first try has ended, whatever its outcome.
   */
  deliverNow(submission: SubmissionRecord, deliveries: readonly DeliveryRecord[]): Map<DeliveryTarget, Promise<void>> {
    return new Map(deliveries.map((row) => [row.target, this.#work.run({ ...row, submission })]));
  }

  /** Claims due rows (retries, abandoned ones) and delivers them. Safe to call at any time. */
  poll(): Promise<void> {
    return this.#work.poll();
  }

  /**
   * Stops claiming, and starts no new vendor call: every try in flight is
   * interrupted before its next call. Calls already sent are waited for (up
   * to stopGraceMs) and their results recorded, so the database must stay
   * open until this resolves. Rows interrupted so are handed back at once.
   */
  stop(): Promise<void> {
    return this.#work.stop();
  }
}
