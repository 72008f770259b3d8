/**
 * The task of one outbox row: hand one submission to one target, then settle
 * the row as delivered, retried later or failed. Failures are retried with
 * exponential backoff and jitter; a vendor's Retry-After is honoured exactly
 * and pauses that target in this process meanwhile; after the configured
 * number of tries or age the row is failed, and stays visible to the dealer
 * with its reason. Leases, renewals and shutdown are the work runner's
 * (work/runner.ts): a target checks the try's signal before each vendor call,
 * and a call already sent is never cut off.
 */
import type { Logger } from 'pino';
import { UnmappableError, VendorError } from '../vendors/shared/errors.ts';
import { type BackoffOptions, backoffDelay, rateLimitDelay } from '../work/backoff.ts';
import { persistently } from '../work/persistently.ts';
import { type Task, WorkInterrupted } from '../work/runner.ts';
import { classifyFailure } from './failures.ts';
import type { DeliveryJob, DeliveryTarget, SubmissionStore } from './store.ts';
import { type Target, TargetConfigurationError } from './targets/target.ts';

export type DeliveryPolicy = {
  /** Tries (rate-limited ones aside) before a row is failed. */
  maxAttempts: number;
  /** A row older than this is failed at its next failure instead of retried. */
  maxAgeMs: number;
  backoff: BackoffOptions;
};

/** Targets that asked this process to wait (Retry-After), until when. */
export class TargetPauses {
  readonly #until = new Map<DeliveryTarget, number>();

  pause(target: DeliveryTarget, ms: number) {
    this.#until.set(target, Math.max(this.#until.get(target) ?? 0, Date.now() + ms));
  }

  /** How long `target` is still paused, ms (0: not paused). */
  remaining(target: DeliveryTarget): number {
    return Math.max(0, (this.#until.get(target) ?? 0) - Date.now());
  }

  paused(targets: readonly DeliveryTarget[]): DeliveryTarget[] {
    return targets.filter((t) => this.remaining(t) > 0);
  }
}

export function deliveryTask({
  store,
  targets,
  pauses,
  logger,
  policy,
}: {
  store: SubmissionStore;
  targets: ReadonlyMap<DeliveryTarget, Target>;
  pauses: TargetPauses;
  logger: Logger;
  policy: DeliveryPolicy;
}): Task<DeliveryJob> {
  async function settleFailure(job: DeliveryJob, target: Target, error: unknown, owner: string) {
    const failure = classifyFailure(error, target.displayName);
    const log = { submissionId: job.submissionId, target: job.target, attempt: job.attempts, failure: failure.kind };
    if (failure.kind === 'permanent') {
      logger.warn({ ...log, reason: failure.message }, 'submission delivery failed for good');
      await store.markFailed(job, owner, failure.message);
      return;
    }
    if (!(error instanceof VendorError || error instanceof UnmappableError || error instanceof TargetConfigurationError)) {
      logger.error({ ...log, err: error }, 'submission delivery try failed unexpectedly');
    }
    const failures = job.attempts - job.rateLimited - (failure.kind === 'rate_limited' ? 1 : 0);
    const age = Date.now() - job.submission.createdAt.getTime();
    if (failure.kind === 'retry' && failures >= policy.maxAttempts) {
      await store.markFailed(job, owner, `${failure.message}; gave up after ${failures} tries`);
      logger.warn(log, 'submission delivery gave up');
      return;
    }
    if (age >= policy.maxAgeMs) {
      const hours = Math.round((age / 3600_000) * 10) / 10;
      await store.markFailed(job, owner, `${failure.message}; gave up after ${hours} hours`);
      logger.warn(log, 'submission delivery gave up');
      return;
    }
    let delayMs: number;
    if (failure.kind === 'rate_limited') {
      const waitMs = failure.retryAfterMs ?? backoffDelay(Math.max(1, failures), policy.backoff);
      pauses.pause(job.target, waitMs);
      delayMs = rateLimitDelay(waitMs);
    } else {
      delayMs = backoffDelay(failures, policy.backoff);
    }
    logger.info({ ...log, delayMs, reason: failure.message }, 'submission delivery will be retried');
    await store.scheduleRetry(job, owner, { delayMs, error: failure.message, rateLimited: failure.kind === 'rate_limited' });
  }

  return async (claimed, { signal, owner, leaseMs }) => {
    let job = claimed;
    if (job.attempts === 0) {
      // Just stored by this process (leased when stored): its first try is counted here, unless its target asked us to wait.
      const paused = pauses.remaining(job.target);
      if (paused > 0) return store.release(job, owner, paused);
      const started = await store.beginAttempt(job, owner, leaseMs);
      if (!started) return;
      job = { ...started, submission: job.submission };
    }
    const log = { submissionId: job.submissionId, target: job.target, attempt: job.attempts };
    const target = targets.get(job.target);
    if (!target) {
      await store.markFailed(job, owner, `${job.target} is not a delivery target on this server`);
      return;
    }
    const failures = job.attempts - job.rateLimited;
    if (failures > 1) logger.info(log, 'retrying a submission delivery');
    if (failures > policy.maxAttempts) {
      // Taken over after its process died mid-try, once too often.
      const reason = job.lastError ?? `${target.displayName} could not be reached`;
      await store.markFailed(job, owner, `${reason}; gave up after ${failures - 1} tries`);
      return;
    }
    let result: Record<string, unknown>;
    try {
      signal.throwIfAborted();
      result = await target.deliver({
        submissionId: job.submissionId,
        reference: job.submission.reference,
        body: job.submission.body,
        selectedQuote: job.submission.selectedQuote,
        consent: job.submission.consent,
        state: job.state,
        signal,
        // What the vendor made must be recorded, or a retry would make it again: a database blip is waited out.
        saveState: (state) => persistently(() => store.saveState(job, state)),
      });
    } catch (error) {
      // Stopped between vendor calls: its progress is saved already, and the runner hands the row back or leaves it to its holder.
      if (error instanceof WorkInterrupted) throw error;
      await settleFailure(job, target, error, owner);
      return;
    }
    // Every call went through: that is the truth whoever holds the lease now.
    await persistently(() => store.markDelivered(job, result));
    logger.info(log, 'submission delivered');
  };
}
