/**
 * Runs quote requests on the work runner: every enabled vendor at once, each
 * its own leased job (vendor-run.ts) under the request's overall deadline.
 * The process that took the request starts its runs at once; a sweep takes
 * over runs whose process died (their lease lapsed) and completes requests
 * whose runs all ended, so no request stays pending forever.
 */

import type { Logger } from 'pino';
import type { QuoteVendor } from '../../contract/index.ts';
import { type WorkQueue, WorkRunner } from '../work/runner.ts';
import type { QuoteSource } from './sources/source.ts';
import type { QuoteRequestRecord, QuoteStore } from './store.ts';
import { type VendorRunJob, vendorRunTask } from './vendor-run.ts';

export type QuoteRunnerOptions = {
  /** How long a lease lasts; renewed at a third of it while the run is alive. */
  leaseMs: number;
  /** How often to look for abandoned runs and overdue requests. */
  sweepIntervalMs: number;
  /** A run taken over more often than this ends in an error instead of another try. */
  maxAttempts: number;
};

const DEFAULTS: QuoteRunnerOptions = { leaseMs: 15_000, sweepIntervalMs: 2_000, maxAttempts: 3 };

/** Vendor runs in quote_vendor_runs, as the work runner sees them. */
function vendorRunQueue(store: QuoteStore): WorkQueue<VendorRunJob> {
  return {
    kind: 'quote run',
    key: (run) => `${run.quoteRequestId}/${run.vendor}`,
    describe: (run) => ({ quoteRequestId: run.quoteRequestId, vendor: run.vendor, attempt: run.attempts }),
    claim: (owner, leaseMs, limit) => store.claimAbandoned(owner, leaseMs, limit),
    renew: (run, owner, leaseMs) => store.renewLease(run, owner, leaseMs),
    release: (run, owner) => store.releaseLease(run, owner),
    // A process that died between settling its last run and completing the request leaves it pending.
    tidy: async () => {
      for (const id of await store.settledButPending()) await store.completeIfSettled(id);
    },
  };
}

export class QuoteRunner {
  readonly #vendors: QuoteVendor[];
  readonly #work: WorkRunner<VendorRunJob>;

  constructor(store: QuoteStore, sources: readonly QuoteSource[], logger: Logger, options: Partial<QuoteRunnerOptions> = {}) {
    const { leaseMs, sweepIntervalMs, maxAttempts } = { ...DEFAULTS, ...options };
    const byVendor = new Map(sources.map((s) => [s.vendor, s]));
    this.#vendors = [...byVendor.keys()];
    this.#work = new WorkRunner(vendorRunQueue(store), vendorRunTask({ store, sources: byVendor, logger, maxAttempts }), logger, {
      leaseMs,
      pollMs: sweepIntervalMs,
      // A restarted process takes over what it (or a dead neighbour) left at once.
      pollAtStart: true,
    });
  }

  get vendors(): QuoteVendor[] {
    return [...this.#vendors];
  }

  /** Identifies this process's leases. */
  get owner() {
    return this.#work.owner;
  }

  get leaseMs() {
    return this.#work.leaseMs;
  }

  /** Starts every vendor of a request this process has just created (and leased). */
  start(request: QuoteRequestRecord) {
    for (const vendor of this.#vendors)
      void this.#work.run({ quoteRequestId: request.id, vendor, status: 'pending', state: {}, attempts: 1, request });
  }

  startSweeper() {
    this.#work.start();
  }

  /** Takes over abandoned runs and closes requests whose runs all finished. Safe to call at any time. */
  sweep(): Promise<void> {
    return this.#work.poll();
  }

  /** Stops every run without finishing it and lets go of its lease, so another process (or a restart) resumes it. */
  stop(): Promise<void> {
    return this.#work.stop();
  }
}
