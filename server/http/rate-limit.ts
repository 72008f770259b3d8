/**
 * Fixed-window rate limits (hono-rate-limiter) that answer with our error body
 * and `Retry-After`. Counters live in the shared store (limit-counters.ts), so
 * every process behind a balancer spends the same budget. Every request counts; a limit on refusals alone is auth/refused-keys.ts
 * (hono-rate-limiter's skipSuccessfulRequests charges a request on arrival and
 * refunds it on success, so a burst of right answers is refused meanwhile).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from './env.ts';
import { errorResponse } from './errors.ts';
import type { LimitCounters } from './limit-counters.ts';

export type RateLimitOptions<E extends AppEnv> = {
  /** Where the budgets are counted (one per app: every process on the same store shares them). */
  counters: LimitCounters;
  /** Which limit this is: its keys are kept apart from every other limit's in the store. */
  name: string;
  /** Requests allowed per window for one key. */
  limit: number;
  windowMs?: number;
  /** What one budget belongs to (a clientId, an IP); undefined skips the limit. */
  key: (c: Context<E>) => string | undefined | Promise<string | undefined>;
  message: string;
};

/** `E`: what the middleware before it set, when the key needs it (a limit per session runs after requireSession). */
export function rateLimit<E extends AppEnv = AppEnv>({
  counters,
  name,
  limit,
  windowMs = 60_000,
  key,
  message,
}: RateLimitOptions<E>): MiddlewareHandler<E> {
  return rateLimiter<E>({
    windowMs,
    limit,
    store: counters.store(name, windowMs),
    // No RateLimit-* headers on every answer: writing them per request costs the adapter's fast
    // path (see headers.ts). A refused request still says when to come back.
    standardHeaders: false,
    keyGenerator: async (c) => (await key(c)) ?? '',
    skip: async (c) => (await key(c)) === undefined,
    handler: (c) => {
      const info = c.get('rateLimit' as never) as { resetTime?: Date } | undefined;
      const seconds = info?.resetTime ? Math.max(1, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000);
      return errorResponse(c, 429, { code: 'rate_limited', message }, { 'Retry-After': String(seconds) });
    },
  }) as MiddlewareHandler<E>;
}
