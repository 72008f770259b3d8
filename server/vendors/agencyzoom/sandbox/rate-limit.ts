/**
 * AgencyZoom's own limit: "30 calls per minute during the day, 60 calls per
 * minutes from 10PM CT to 4AM CT", per account. A sliding window per account,
 * on the sandbox clock; Retry-After is when the oldest counted call leaves the
 * window, so a caller that waits exactly that long gets through. Refused calls
 * are not counted, or a caller retrying too early would never get in.
 */
import { DOCUMENTED_NIGHT_PER_MINUTE, DOCUMENTED_PER_MINUTE, isCentralNight } from '../vendor.ts';

export type RateLimitOptions = {
  /** Calls per window by day (documented: 30). */
  perMinute?: number;
  /** Calls per window from 10PM to 4AM Central (documented: 60). Defaults to perMinute when only that is set. */
  nightPerMinute?: number;
  /** Window length; tests shorten it. */
  windowMs?: number;
};

export class AccountRateLimiter {
  readonly #calls = new Map<string, number[]>();
  readonly #day: number;
  readonly #night: number;
  readonly #windowMs: number;

  constructor(
    options: RateLimitOptions,
    private readonly now: () => Date,
  ) {
    this.#day = options.perMinute ?? DOCUMENTED_PER_MINUTE;
    this.#night = options.nightPerMinute ?? options.perMinute ?? DOCUMENTED_NIGHT_PER_MINUTE;
    this.#windowMs = options.windowMs ?? 60_000;
  }

  /** Counts a call for `account`; returns the seconds to wait instead when the account is over its limit. */
  take(account: string): { retryAfterSeconds: number } | undefined {
    const at = this.now();
    const t = at.getTime();
    const recent = (this.#calls.get(account) ?? []).filter((call) => call > t - this.#windowMs);
    const limit = isCentralNight(at) ? this.#night : this.#day;
    if (recent.length >= limit) {
      this.#calls.set(account, recent);
      const oldest = recent[recent.length - limit] ?? t;
      return { retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.#windowMs - t) / 1000)) };
    }
    recent.push(t);
    this.#calls.set(account, recent);
    return undefined;
  }
}
