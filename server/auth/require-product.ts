/**
 * A session opens only the journeys its dealer chose (`products`). Vehicle and
 * coverage lookups serve the quote journey; finding an existing policy is the
 * lookup journey. Runs after requireSession.
 */
import type { MiddlewareHandler } from 'hono';
import type { Product } from '../../contract/index.ts';
import type { AppEnv } from '../http/env.ts';
import { forbidden } from '../http/errors.ts';

export function requireProduct(product: Product): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('session').products.includes(product)) throw forbidden(`This session does not include the ${product} journey`);
    await next();
  };
}
