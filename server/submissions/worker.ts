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
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { UnmappableError, VendorError } from '../vendors/shared/errors.ts';
import { type BackoffOptions, backoffDelay, classifyFailure, rateLimitDelay } from './failures.ts';
import type { DeliveryJob, DeliveryKey, DeliveryRecord, DeliveryTarget, SubmissionRecord, SubmissionStore } from './store.ts';
import { type Target, TargetConfigurationError } from './targets/target.ts';

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
  /** How long stop() waits for tries in flight before leaving them to their leases. */
  stopGraceMs: number;
};

export const DELIVERY_DEFAULTS: DeliveryWorkerOptions = {
  leaseMs: 30_000,
  pollMs: 1_000,
  maxAttempts: 20,
  maxAgeMs: 24 * 3600_000,
  backoff: { baseMs: 2_000, maxMs: 15 * 60_000 },
  concurrency: 16,
  stopGraceMs: 5_000,
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
  readonly owner = `proc_${randomUUID()}`;
  readonly #targets: Map<DeliveryTarget, Target>;
  readonly #options: DeliveryWorkerOptions;
  readonly #active = new Map<string, Promise<void>>();
  /** Targets that asked this process to wait (Retry-After), until when. */
  readonly #pausedUntil = new Map<DeliveryTarget, number>();
  #poller?: NodeJS.Timeout;
  #polling = false;
  #stopped = false;

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
      tries.set(row.target, this.#launch(row, async () => {
        if (this.#stopped) return this.store.release(row, this.owner);
        const paused = this.#pausedFor(row.target);
        if (paused > 0) return this.store.release(row, this.owner, paused);
        const started = await this.store.beginAttempt(row, this.owner, this.#options.leaseMs);
        if (started) await this.#attempt({ ...started, submission });
      }));
    }
    return tries;
  }

  /** Claims due rows (retries, abandoned ones) and delivers them. Safe to call at any time. */
  async poll(): Promise<void> {
    if (this.#polling || this.#stopped) return;
    this.#polling = true;
    try {
      const room = this.#options.concurrency - this.#active.size;
      const paused = this.targets.filter((t) => this.#pausedFor(t) > 0);
      for (const job of await this.store.claimDue(this.owner, this.#options.leaseMs, room, paused)) {
        if (job.attempts - job.rateLimited > 1) {
          this.logger.info({ submissionId: job.submissionId, target: job.target, attempt: job.attempts }, 'retrying a submission delivery');
        }
        void this.#launch(job, () => this.#attempt(job));
      }
    } catch (error) {
      if (!this.#stopped) this.logger.error({ err: error }, 'submission delivery poll failed');
    } finally {
      this.#polling = false;
    }
  }

  /** Stops claiming and waits a little for tries in flight; the rest are left to their leases. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#poller) clearInterval(this.#poller);
    const inFlight = Promise.allSettled([...this.#active.values()]);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#options.stopGraceMs);
    });
    await Promise.race([inFlight, grace]);
    clearTimeout(timer);
  }

  #pausedFor(target: DeliveryTarget): number {
    const until = this.#pausedUntil.get(target) ?? 0;
    return Math.max(0, until - Date.now());
  }

  #launch(row: DeliveryKey, work: () => Promise<void>): Promise<void> {
    const key = keyOf(row);
    const running = this.#active.get(key);
    if (running) return running;
    const done = work()
      .catch((error: unknown) => {
        // Only the database can fail here (vendor failures are settled in #attempt); the lease will lapse and the row be retried.
        if (!this.#stopped) this.logger.error({ err: error, submissionId: row.submissionId, target: row.target }, 'submission delivery could not be recorded');
      })
      .finally(() => this.#active.delete(key));
    this.#active.set(key, done);
    return done;
  }

  /** One try of a leased row, settled as delivered, retried later or failed. */
  async #attempt(job: DeliveryJob): Promise<void> {
    const target = this.#targets.get(job.target);
    const log = { submissionId: job.submissionId, target: job.target, attempt: job.attempts };
    if (!target) {
      await this.store.markFailed(job, this.owner, `${job.target} is not a delivery target on this server`);
      return;
    }
    const failures = job.attempts - job.rateLimited;
    if (failures > this.#options.maxAttempts) {
      // Taken over after its process died mid-try, once too often.
      await this.store.markFailed(job, this.owner, `${job.lastError ?? `${target.displayName} could not be reached`}; gave up after ${failures - 1} tries`);
      return;
    }
    const renew = setInterval(() => {
      void this.store.renewLease(job, this.owner, this.#options.leaseMs).catch(() => false);
    }, this.#options.leaseMs / 3);
    let result: Record<string, unknown>;
    try {
      result = await target.deliver({
        submissionId: job.submissionId,
        body: job.submission.body,
        selectedQuote: job.submission.selectedQuote,
        state: job.state,
        // What the vendor made must be recorded, or a retry would make it again: a database blip is waited out.
        saveState: (state) => persistently(() => this.store.saveState(job, state)),
      });
    } catch (error) {
      await this.#settleFailure(job, target, error);
      return;
    } finally {
      clearInterval(renew);
    }
    await persistently(() => this.store.markDelivered(job, result));
    this.logger.info(log, 'submission delivered');
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
