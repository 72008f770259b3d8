/**
 * The readiness check, a kind of work on the work runner (work/README.md): a
 * connection is ready when its policies can first be read, and the shopper may
 * never read them (the page closed while Trellis was still reading). So, for
 * dealers listening for connection.ready, each new connection is asked about
 * with our own Trellis credentials until Trellis answers ready (recorded once,
 * as a read would: store.markReady), finds no policies, or the connection is
 * older than Trellis takes (it says up to 5 minutes). A read by the widget in
 * the meantime records it first and ends the checks. A check only reads, so a
 * process that dies mid-check loses nothing: the lease lapses and another asks.
 */
import type { Logger } from 'pino';
import { VendorError } from '../vendors/shared/errors.ts';
import type { TrellisClient } from '../vendors/trellis/index.ts';
import { backoffDelay } from '../work/backoff.ts';
import { type Task, untilAborted, type WorkQueue, WorkRunner } from '../work/runner.ts';
import { readyFact } from './connections.ts';
import type { ConnectionStore, ReadinessCheck } from './store.ts';

export type ReadinessOptions = {
  /** How often each process looks for checks that are due. */
  pollMs: number;
  /** The wait after the first "still reading", doubled after each, up to 30 s. */
  baseMs?: number;
  /** Connections older than this are not checked any more. */
  maxAgeMs?: number;
};

const DEFAULTS = { baseMs: 2_000, maxMs: 30_000, maxAgeMs: 10 * 60_000, leaseMs: 30_000 };
/** Checks under way in one process at most: each is one Trellis GET. */
const CONCURRENCY = 8;

function readinessQueue(store: ConnectionStore, maxAgeMs: number): WorkQueue<ReadinessCheck> {
  return {
    kind: 'connection readiness check',
    key: (job) => job.id,
    describe: (job) => ({ connectionId: job.id, check: job.checks }),
    claim: (owner, leaseMs, limit) => store.claimReadinessChecks(owner, leaseMs, limit, maxAgeMs),
    renew: (job, owner, leaseMs) => store.renewReadinessCheck(job.id, owner, leaseMs),
    release: async (job, owner) => {
      await store.scheduleReadinessCheck(job.id, owner, 0);
    },
    tidy: () => store.endStaleReadinessChecks(maxAgeMs),
  };
}

function readinessTask(store: ConnectionStore, trellis: Pick<TrellisClient, 'getPolicies'>, baseMs: number): Task<ReadinessCheck> {
  const later = (job: ReadinessCheck, owner: string) =>
    store.scheduleReadinessCheck(job.id, owner, backoffDelay(job.checks, { baseMs, maxMs: Math.max(baseMs, DEFAULTS.maxMs) }));
  return async (job, { signal, owner }) => {
    let answer: Awaited<ReturnType<TrellisClient['getPolicies']>>;
    try {
      answer = await untilAborted(trellis.getPolicies(job.trellisConnectionId), signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      // Trellis no longer knows it, or refuses us for it: asking again would not change that.
      if (error instanceof VendorError && (error.kind === 'not_found' || error.kind === 'auth')) {
        return store.endReadinessCheck(job.id, owner);
      }
      await later(job, owner);
      return;
    }
    if (answer.status === 'ready') return store.markReady(job.id, readyFact(answer, job.issuerId));
    if (answer.status === 'none') return store.endReadinessCheck(job.id, owner);
    await later(job, owner);
  };
}

export function readinessChecks(
  deps: { store: ConnectionStore; trellis: Pick<TrellisClient, 'getPolicies'>; logger: Logger },
  options: ReadinessOptions,
) {
  const maxAgeMs = options.maxAgeMs ?? DEFAULTS.maxAgeMs;
  return new WorkRunner(
    readinessQueue(deps.store, maxAgeMs),
    readinessTask(deps.store, deps.trellis, options.baseMs ?? DEFAULTS.baseMs),
    deps.logger,
    {
      leaseMs: DEFAULTS.leaseMs,
      pollMs: options.pollMs,
      pollAtStart: true,
      batchSize: CONCURRENCY,
      concurrency: CONCURRENCY,
      // Nothing is lost by stopping a read: it is handed back and asked again.
      stopGraceMs: 1_000,
    },
  );
}
