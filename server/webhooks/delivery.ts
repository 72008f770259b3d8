/**
 * The task of one webhook outbox row: sign the event and POST it to the
 * endpoint, then settle the row. A 2xx delivers it (never sent again); a 410
 * Gone disables the endpoint; any other answer, a timeout or a connection
 * failure is retried on the Standard Webhooks schedule (immediately, 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), with the same webhook-id on every try
 * and a fresh timestamp and signature; after the last one the row fails. An
 * endpoint that has failed every try for `disableAfterMs` is disabled.
 * Leases, renewals and shutdown are the work runner's (work/runner.ts).
 */
import type { Logger } from 'pino';
import { rateLimitDelay } from '../work/backoff.ts';
import { persistently } from '../work/persistently.ts';
import type { Task } from '../work/runner.ts';
import { type SendResult, sendWebhook } from './send.ts';
import { signedHeaders } from './signing.ts';
import type { WebhookJob, WebhookStore } from './store.ts';
import type { TargetPolicy } from './target-policy.ts';

export type WebhookDeliveryPolicy = {
  /** The waits after each failed try; one try more than there are waits. */
  retryScheduleMs: readonly number[];
  /** A try's deadline (the spec's 10 s). */
  timeoutMs: number;
  /** An endpoint failing every try for this long is disabled (5 days). */
  disableAfterMs: number;
  targets: TargetPolicy;
};

/** The spec's schedule: after the first (immediate) try, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const STANDARD_RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;

const describeAnswer = (result: SendResult) =>
  result.answered
    ? result.statusCode >= 300 && result.statusCode < 400
      ? `Answered ${result.statusCode} (redirects are not followed)`
      : `Answered ${result.statusCode}`
    : result.error;

/** 5 days, 3 hours, 2 seconds: how long an endpoint kept failing. */
function inWords(ms: number): string {
  const [unit, size] = ms >= 86_400_000 ? ['day', 86_400_000] : ms >= 3600_000 ? ['hour', 3600_000] : ['second', 1000];
  const count = Math.round((ms / (size as number)) * 10) / 10;
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export function webhookTask({
  store,
  logger,
  policy,
}: {
  store: WebhookStore;
  logger: Logger;
  policy: WebhookDeliveryPolicy;
}): Task<WebhookJob> {
  return async (job, { signal, owner }) => {
    const log = { eventId: job.eventId, endpointId: job.endpointId, type: job.eventType, attempt: job.attempts };
    const maxTries = policy.retryScheduleMs.length + 1;
    if (job.attempts > maxTries) {
      // Taken over after its process died mid-try, once too often.
      await store.markFailed(job, owner, `Gave up after ${maxTries} tries`);
      return;
    }
    signal.throwIfAborted();
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await sendWebhook(job.url, signedHeaders(job.secrets, job.eventId, timestamp, job.body), job.body, {
      policy: policy.targets,
      timeoutMs: policy.timeoutMs,
    });
    const ok = result.answered && result.statusCode >= 200 && result.statusCode < 300;
    await persistently(() =>
      store.recordAttempt(job, {
        ...(result.answered ? { statusCode: result.statusCode } : {}),
        latencyMs: result.latencyMs,
        ...(ok ? {} : { error: describeAnswer(result) }),
      }),
    );
    if (ok) {
      // Whoever holds the lease now: the endpoint has it, and it is never sent again.
      await persistently(() => store.markDelivered(job));
      logger.info(log, 'webhook delivered');
      return;
    }
    if (result.answered && result.statusCode === 410) {
      await store.disable(job.endpointId, 'The endpoint answered 410 Gone');
      logger.warn(log, 'webhook endpoint answered 410 Gone and was disabled');
      return;
    }
    const reason = describeAnswer(result);
    const failingSince = await store.noteFailure(job.endpointId);
    if (failingSince && Date.now() - failingSince.getTime() >= policy.disableAfterMs) {
      await store.disable(job.endpointId, `Every try failed for ${inWords(policy.disableAfterMs)} (last: ${reason})`);
      logger.warn(log, 'webhook endpoint kept failing and was disabled');
      return;
    }
    const wait = policy.retryScheduleMs[job.attempts - 1];
    if (wait === undefined) {
      await store.markFailed(job, owner, `${reason}; gave up after ${job.attempts} tries`);
      logger.warn(log, 'webhook delivery gave up');
      return;
    }
    // The spec's wait plus a little jitter, so an endpoint's backlog after an outage does not return in one instant.
    const delayMs = rateLimitDelay(wait);
    logger.info({ ...log, delayMs, reason }, 'webhook delivery will be retried');
    await store.scheduleRetry(job, owner, delayMs, reason);
  };
}
