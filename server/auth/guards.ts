/**
 * How a route says who may call it: `...auth.session('quote', perSession)` in
 * its createRoute gives both the OpenAPI `security` and the middleware that
 * enforces it, followed by the route's own (rate limits run after the
 * credential, so they can count per session or per dealer).
 */
import type { Product } from '../../contract/index.ts';
import { guard, SECURITY } from '../http/openapi.ts';
import { type AuthDeps, requireSecretKey, requireSession } from './middleware.ts';

type After = Parameters<typeof guard>[1][];

export function guards(deps: AuthDeps) {
  const secretKey = requireSecretKey(deps);
  return {
    /** The widget's session token, for a session that includes `product` (null: any session). */
    session: <const M extends After>(product: Product | null, ...after: M) =>
      guard(SECURITY.session(product), requireSession(deps, { product }), ...after),
    /** A dealer's backend: X-Client-Id + X-Secret-Key (wrong keys are throttled: refused-keys.ts). */
    secretKey: <const M extends After>(...after: M) => guard(SECURITY.secretKey, secretKey, ...after),
  };
}
