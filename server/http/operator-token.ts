/**
 * Endpoints for operators rather than shoppers or dealers (metrics, the
 * sandboxes' fault knobs) can be closed with a bearer token from the
 * configuration. Unset, they stay open, which is what a laptop wants.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { unauthorized } from './errors.ts';
import { requestHeader } from './headers.ts';

export function requireOperatorToken(token: string | undefined, what: string): MiddlewareHandler<AppEnv> {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return async (c, next) => {
    if (expected) {
      const presented = Buffer.from(requestHeader(c, 'authorization') ?? '');
      if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
        throw unauthorized(`Send the operator token for ${what} as Authorization: Bearer <token>`);
      }
    }
    await next();
  };
}
