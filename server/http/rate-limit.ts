/**
 * Fixed-window rate limits (hono-rate-limiter) that answer with our error body
 * and `Retry-After`. Counters live in the process; with several processes each
 * enforces its share, which is what a per-process limit behind a balancer gives.
 * Every request counts; a limit on refusals alone is auth/refused-keys.ts
 * (hono-rate-limiter's skipSuccessfulRequests charges a request on arrival and
 * refunds it on success, so a burst of right answers is refused meanwhile).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from './env.ts';
import { errorResponse } from './errors.ts';

export type RateLimitOptions<E extends AppEnv> = {
  /** Requests allowed per window for one key. */
  limit: number;
  windowMs?: number;
  /** What one budget belongs to (a clientId, an IP); undefined skips the limit. */
  key: (c: Context<E>) => string | undefined | Promise<string | undefined>;
  message: string;
};

/** `E`: what the middleware before it set, when the key needs it (a limit per session runs after requireSession). */
export function rateLimit<E extends AppEnv = AppEnv>({
  limit,
  windowMs = 60_000,
  key,
  message,
}: RateLimitOptions<E>): MiddlewareHandler<E> {
  return rateLimiter<E>({
    windowMs,
    limit,
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
