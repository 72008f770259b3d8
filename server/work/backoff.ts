/**
 * When to try a job again. Exponential backoff with "equal jitter" (half the
 * delay fixed, half random), as pg-boss computes `retryBackoff` delays: many
 * jobs failed by one outage spread out instead of coming back together.
 */

export type BackoffOptions = {
  /** The first retry's delay; each further one doubles it. */
  baseMs: number;
  /** The longest delay between two tries. */
  maxMs: number;
};

export function backoffDelay(failures: number, { baseMs, maxMs }: BackoffOptions, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** The other side's Retry-After plus up to 10 % (at most a second) of jitter, so paused jobs do not return in one instant. */
export function rateLimitDelay(retryAfterMs: number, random: () => number = Math.random): number {
  return Math.round(retryAfterMs + random() * Math.min(1000, retryAfterMs / 10));
}
