/**
 * Delivers the outbox. Each row is one submission for one target; a process
 * works on a row only while it holds the row's lease (renewed while the try
 * runs), so a process that dies mid-delivery leaves a lease that lapses and
 * another process, or this one after a restart, takes the row over.
 *
 * New submissions are delivered at once by the process that stored them (the
 * widget waits briefly for AutoComplete's link). Everything else (retries,
 * rows abandoned by a dead process) is found by a poller that claims due rows
 * with FOR UPDATE SKIP LOCKED. Failures are retried with exponential backoff
 * and jitter; a vendor's Retry-After is honoured exactly and pauses that
 * target in this process meanwhile; after the configured number of tries or
 * age the row is failed, and stays visible to the dealer with its reason.
 *
 * Each try has an AbortController, which targets check between vendor calls:
 * it is aborted when a lease renewal finds the lease gone (or the lease may
 * have lapsed because renewals failed), so a row taken over by another process
 * is not sent on from here too; and by stop(), which starts no new vendor call
 * but waits for the calls already sent, so their outcome is recorded before
 * the database closes. A call already sent is never cut off: it finishes and
 * what it made is saved.
 */

import type { Logger } from 'pino';
import { newId } from '../db/ids.ts';
import { UnmappableError, VendorError } from '../vendors/shared/errors.ts';
import { type BackoffOptions, backoffDelay, classifyFailure, rateLimitDelay } from './failures.ts';
import type { DeliveryJob, DeliveryKey, DeliveryRecord, DeliveryTarget, SubmissionRecord, SubmissionStore } from './store.ts';
import { DeliveryInterrupted, type Target, TargetConfigurationError } from './targets/target.ts';

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

const keyOf = (row: DeliveryKey) => `${row.submissionId}/${row.target}`;

/** Runs a database write up to three times, a quarter and half a second apart. */
async function persistently<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 2) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
  }
}

export class DeliveryWorker {
  /** Identifies this process's leases. */
  /** Identifies this worker's leases (one per worker, so two in one process never share a lease). */
  readonly owner = newId('proc');
  readonly #targets: Map<DeliveryTarget, Target>;
  readonly #options: DeliveryWorkerOptions;
  /** Tries running in this process, with what interrupts each. */
  readonly #active = new Map<string, { done: Promise<void>; controller: AbortController }>();
  /** Targets that asked this process to wait (Retry-After), until when. */
  readonly #pausedUntil = new Map<DeliveryTarget, number>();
  #poller?: NodeJS.Timeout;
  /** The poll under way (it may be launching tries it claimed). */
  #polling?: Promise<void>;
  #stopped = false;
  /** stop() has resolved: the database may be closed. */
  #stopDone = false;

  constructor(
    private readonly store: SubmissionStore,
    targets: readonly Target[],
    private readonly logger: Logger,
    options: Partial<DeliveryWorkerOptions> = {},
  ) {
    this.#targets = new Map(targets.map((t) => [t.name, t]));
    this.#options = { ...DELIVERY_DEFAULTS, ...options };
  }

  get targets(): DeliveryTarget[] {
    return [...this.#targets.keys()];
  }

  get leaseMs() {
    return this.#options.leaseMs;
  }

  /** The longest stop() waits; shutdown gives the process at least this long (listen.ts). */
  get stopGraceMs() {
    return this.#options.stopGraceMs;
  }

  /** Polls every pollMs, the first time after one interval (a process starting up is not listening yet, and its sandboxes live there). */
  start() {
    this.#poller = setInterval(() => void this.poll(), this.#options.pollMs);
    this.#poller.unref();
  }

  /**
   * Delivers the rows of a submission this process has just stored (and
   * leased). Resolves per target when its first try has ended, whatever its outcome.
   */
  deliverNow(submission: SubmissionRecord, deliveries: readonly DeliveryRecord[]): Map<DeliveryTarget, Promise<void>> {
    const tries = new Map<DeliveryTarget, Promise<void>>();
    for (const row of deliveries) {
      tries.set(
        row.target,
        this.#launch(row, async (controller) => {
          if (controller.signal.aborted) return this.store.release(row, this.owner);
          const paused = this.#pausedFor(row.target);
          if (paused > 0) return this.store.release(row, this.owner, paused);
          const leasedAt = Date.now();
          const started = await this.store.beginAttempt(row, this.owner, this.#options.leaseMs);
          if (started) await this.#attempt({ ...started, submission }, controller, leasedAt);
        }),
      );
    }
    return tries;
  }

  /** Claims due rows (retries, abandoned ones) and delivers them. Safe to call at any time. */
  poll(): Promise<void> {
    if (this.#polling || this.#stopped) return this.#polling ?? Promise.resolve();
    this.#polling = this.#claimAndLaunch().finally(() => {
      this.#polling = undefined;
    });
    return this.#polling;
  }

  async #claimAndLaunch(): Promise<void> {
    try {
      const room = this.#options.concurrency - this.#active.size;
      const paused = this.targets.filter((t) => this.#pausedFor(t) > 0);
      const leasedAt = Date.now();
      for (const job of await this.store.claimDue(this.owner, this.#options.leaseMs, room, paused)) {
        if (job.attempts - job.rateLimited > 1 && !this.#stopped) {
          this.logger.info({ submissionId: job.submissionId, target: job.target, attempt: job.attempts }, 'retrying a submission delivery');
        }
        // Claimed while stop() began: launched aborted, so the row is handed straight back.
        void this.#launch(job, (controller) => this.#attempt(job, controller, leasedAt));
      }
    } catch (error) {
      if (!this.#stopped) this.logger.error({ err: error }, 'submission delivery poll failed');
    }
  }

  /**
   * Stops claiming, and starts no new vendor call: every try in flight is
   * interrupted before its next call. Calls already sent are waited for (up
   * to stopGraceMs) and their results recorded, so the database must stay
   * open until this resolves. Rows interrupted so are handed back at once.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#poller) clearInterval(this.#poller);
    const deadline = Date.now() + this.#options.stopGraceMs;
    for (;;) {
      for (const { controller } of this.#active.values()) {
        if (!controller.signal.aborted) controller.abort(new DeliveryInterrupted('stopping'));
      }
      const pending = [...this.#active.values()].map((a) => a.done);
      if (this.#polling) pending.push(this.#polling);
      const left = deadline - Date.now();
      if (pending.length === 0 || left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(pending), new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
    this.#stopDone = true;
    if (this.#active.size > 0) {
      this.logger.warn(
        { deliveries: [...this.#active.keys()] },
        'stopping with submission deliveries still waiting on a vendor; their leases will lapse and they will be retried',
      );
    }
  }

  #pausedFor(target: DeliveryTarget): number {
    const until = this.#pausedUntil.get(target) ?? 0;
    return Math.max(0, until - Date.now());
  }

  #launch(row: DeliveryKey, work: (controller: AbortController) => Promise<void>): Promise<void> {
    const key = keyOf(row);
    const running = this.#active.get(key);
    if (running) return running.done;
    const controller = new AbortController();
    if (this.#stopped) controller.abort(new DeliveryInterrupted('stopping'));
    const done = work(controller)
      .catch((error: unknown) => {
        // Only the database can fail here (vendor failures are settled in #attempt); the lease will lapse and the row be retried.
        // After stop() has given up waiting the database may be closed: that is expected, and said by stop() already.
        if (!this.#stopDone)
          this.logger.error(
            { err: error, submissionId: row.submissionId, target: row.target },
            'submission delivery could not be recorded',
          );
      })
      .finally(() => this.#active.delete(key));
    this.#active.set(key, { done, controller });
    return done;
  }

  /**
   * Keeps the lease while a try runs, renewing it every third of its length,
   * and aborts the try when the lease is gone (another process may have taken
   * the row over) or may have lapsed (renewals failed for a whole lease).
   * Returns the function that ends the watch.
   */
  #holdLease(job: DeliveryJob, controller: AbortController, leasedAt: number): () => void {
    const { leaseMs } = this.#options;
    let watching = true;
    const lose = (why: string) => {
      if (!watching || (controller.signal.reason as DeliveryInterrupted | undefined)?.why === 'lease_lost') return;
      this.logger.warn(
        { submissionId: job.submissionId, target: job.target, attempt: job.attempts, why },
        'submission delivery lost its lease; no further vendor calls from this try',
      );
      controller.abort(new DeliveryInterrupted('lease_lost'));
    };
    let lapse: NodeJS.Timeout | undefined;
    const lapseAt = (at: number) => {
      if (!watching) return;
      clearTimeout(lapse);
      lapse = setTimeout(() => lose('not renewed in time'), Math.max(0, at - Date.now()));
      lapse.unref();
    };
    lapseAt(leasedAt + leaseMs);
    const renew = setInterval(() => {
      const sentAt = Date.now();
      this.store.renewLease(job, this.owner, leaseMs).then(
        (held) => (held ? lapseAt(sentAt + leaseMs) : lose('held by another process or settled')),
        // Not known to be lost: the lapse timer decides if renewals keep failing.
        () => {},
      );
    }, leaseMs / 3);
    renew.unref();
    return () => {
      watching = false;
      clearInterval(renew);
      clearTimeout(lapse);
    };
  }

  /** One try of a leased row, settled as delivered, retried later or failed; or left alone when interrupted. */
  async #attempt(job: DeliveryJob, controller: AbortController, leasedAt: number): Promise<void> {
    const { signal } = controller;
    const target = this.#targets.get(job.target);
    const log = { submissionId: job.submissionId, target: job.target, attempt: job.attempts };
    if (!target) {
      await this.store.markFailed(job, this.owner, `${job.target} is not a delivery target on this server`);
      return;
    }
    const failures = job.attempts - job.rateLimited;
    if (failures > this.#options.maxAttempts) {
      // Taken over after its process died mid-try, once too often.
      await this.store.markFailed(
        job,
        this.owner,
        `${job.lastError ?? `${target.displayName} could not be reached`}; gave up after ${failures - 1} tries`,
      );
      return;
    }
    const release = this.#holdLease(job, controller, leasedAt);
    let result: Record<string, unknown>;
    try {
      signal.throwIfAborted();
      result = await target.deliver({
        submissionId: job.submissionId,
        body: job.submission.body,
        selectedQuote: job.submission.selectedQuote,
        state: job.state,
        signal,
        // What the vendor made must be recorded, or a retry would make it again: a database blip is waited out.
        saveState: (state) => persistently(() => this.store.saveState(job, state)),
      });
    } catch (error) {
      if (error instanceof DeliveryInterrupted) {
        await this.#interrupted(job, error, log);
        return;
      }
      await this.#settleFailure(job, target, error);
      return;
    } finally {
      release();
    }
    // Every call went through: that is the truth whoever holds the lease now.
    await persistently(() => this.store.markDelivered(job, result));
    this.logger.info(log, 'submission delivered');
  }

  /** A try stopped between vendor calls: its progress is saved already. */
  async #interrupted(job: DeliveryJob, interruption: DeliveryInterrupted, log: Record<string, unknown>) {
    if (interruption.why === 'lease_lost') {
      // Whoever holds the row now carries on; nothing here may touch it.
      this.logger.info(log, 'submission delivery left to the process holding its lease');
      return;
    }
    // Shutting down: hand the row back, due at once, for another process or the restart.
    await persistently(() => this.store.release(job, this.owner));
    this.logger.info(log, 'submission delivery handed back while shutting down');
  }

  async #settleFailure(job: DeliveryJob, target: Target, error: unknown) {
    const failure = classifyFailure(error, target.displayName);
    const log = { submissionId: job.submissionId, target: job.target, attempt: job.attempts, failure: failure.kind };
    if (failure.kind === 'permanent') {
      this.logger.warn({ ...log, reason: failure.message }, 'submission delivery failed for good');
      await this.store.markFailed(job, this.owner, failure.message);
      return;
    }
    if (!(error instanceof VendorError || error instanceof UnmappableError || error instanceof TargetConfigurationError)) {
      this.logger.error({ ...log, err: error }, 'submission delivery try failed unexpectedly');
    }
    const failures = job.attempts - job.rateLimited - (failure.kind === 'rate_limited' ? 1 : 0);
    const age = Date.now() - job.submission.createdAt.getTime();
    if (failure.kind === 'retry' && failures >= this.#options.maxAttempts) {
      await this.store.markFailed(job, this.owner, `${failure.message}; gave up after ${failures} tries`);
      this.logger.warn(log, 'submission delivery gave up');
      return;
    }
    if (age >= this.#options.maxAgeMs) {
      const hours = Math.round((age / 3600_000) * 10) / 10;
      await this.store.markFailed(job, this.owner, `${failure.message}; gave up after ${hours} hours`);
      this.logger.warn(log, 'submission delivery gave up');
      return;
    }
    let delayMs: number;
    if (failure.kind === 'rate_limited') {
      const waitMs = failure.retryAfterMs ?? backoffDelay(Math.max(1, failures), this.#options.backoff);
      this.#pausedUntil.set(job.target, Math.max(this.#pausedUntil.get(job.target) ?? 0, Date.now() + waitMs));
      delayMs = rateLimitDelay(waitMs);
    } else {
      delayMs = backoffDelay(failures, this.#options.backoff);
    }
    this.logger.info({ ...log, delayMs, reason: failure.message }, 'submission delivery will be retried');
    await this.store.scheduleRetry(job, this.owner, { delayMs, error: failure.message, rateLimited: failure.kind === 'rate_limited' });
  }
}
