/**
 * The three ways a request proves who it is, each a middleware factory in the
 * manner of Hono's own `jwt()`: built once with its dependencies, it verifies
 * and hands what it verified to handlers with `c.set(...)`, typed on the
 * middleware itself, so only a route that ran it can read it.
 *   - requireSecretKey(): a dealer's backend, X-Client-Id + X-Secret-Key.
 *   - requireSession(): the widget, `Authorization: Bearer <session token>`, for one journey.
 *   - requireTemporaryAccessKey(): X-Client-Id + X-Temporary-Access-Key for one connection.
 * Routes declare them through `auth` (guards.ts), which writes the OpenAPI
 * `security` of the same credential.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Product } from '../../contract/index.ts';
import type { NodeBindings, WithVariables } from '../http/env.ts';
import { forbidden, unauthorized } from '../http/errors.ts';
import { requestHeader } from '../http/headers.ts';
import type { Dealer, DealerRegistry } from './dealers.ts';
import { hashSecretKey, secretKeyMatches } from './secrets.ts';
import type { SessionRecord, SessionStore } from './sessions.ts';
import { AUDIENCES, SCOPES, type TokenClaims, type TokenService } from './tokens.ts';

export type AuthDeps = { dealers: DealerRegistry; tokens: TokenService; sessions: SessionStore };

/** What requireSecretKey hands on: the dealer whose key it was. */
export type DealerEnv = WithVariables<{ dealer: Dealer }>;
/** What requireSession hands on: the shopper's session, its dealer and the token's claims. */
export type SessionEnv = WithVariables<{ dealer: Dealer; session: SessionRecord; claims: TokenClaims }>;
/** What requireTemporaryAccessKey hands on: the key's dealer and claims. */
export type AccessKeyEnv = WithVariables<{ dealer: Dealer; claims: TokenClaims }>;

/** Compared against when the clientId is unknown, so both paths take the same time. */
const UNKNOWN_DEALER_HASH = hashSecretKey('no dealer has this key');

export function requireSecretKey({ dealers }: Pick<AuthDeps, 'dealers'>): MiddlewareHandler<DealerEnv> {
  return async (c, next) => {
    const clientId = requestHeader(c, 'x-client-id');
    const secretKey = requestHeader(c, 'x-secret-key');
    if (!clientId || !secretKey) throw unauthorized('Send your X-Client-Id and X-Secret-Key headers');
    const dealer = dealers.get(clientId);
    const matches = secretKeyMatches(secretKey, dealer?.secretKeySha256 ?? UNKNOWN_DEALER_HASH);
    if (!dealer || !matches) throw unauthorized('Unknown clientId or wrong secret key');
    c.set('dealer', dealer);
    await next();
  };
}

/**
 * A page origin the token may be used from. Browsers always send Origin on
 * cross-origin requests, so a token copied to another site is refused there;
 * requests without Origin (same-origin GETs, servers) rely on the token alone.
 */
function checkOrigin<E extends { Bindings: NodeBindings }>(c: Context<E>, claims: TokenClaims, dealer: Dealer) {
  const origin = requestHeader(c, 'origin');
  if (!origin) return;
  const allowed = claims.org ? origin === claims.org : dealer.allowedOrigins.includes(origin);
  if (!allowed) throw forbidden('This token cannot be used from this page origin');
}

function bearerToken<E extends { Bindings: NodeBindings }>(c: Context<E>): string {
  const header = requestHeader(c, 'authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw unauthorized('Send the session token as Authorization: Bearer <token>');
  return match[1];
}

export type SessionOptions = {
  /**
   * The journey the route serves: a session opens only the journeys its dealer
   * chose. `null` only for what every journey needs (reading the session itself).
   */
  product: Product | null;
};

export function requireSession({ dealers, tokens, sessions }: AuthDeps, { product }: SessionOptions): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const claims = await tokens.verify(bearerToken(c), { audience: AUDIENCES.widget, scope: SCOPES.session });
    const dealer = dealers.get(claims.dlr);
    if (!dealer) throw unauthorized('This dealer is no longer registered');
    checkOrigin(c, claims, dealer);
    const session = await sessions.get(claims.sub);
    if (!session || session.clientId !== dealer.clientId) throw unauthorized('The session has ended');
    if (product && !session.products.includes(product)) throw forbidden(`This session does not include the ${product} journey`);
    c.set('claims', claims);
    c.set('dealer', dealer);
    c.set('session', session);
    await next();
  };
}

/** For routes with a `:connectionId` parameter: the key must be for exactly that connection. */
export function requireTemporaryAccessKey({ dealers, tokens }: Pick<AuthDeps, 'dealers' | 'tokens'>): MiddlewareHandler<AccessKeyEnv> {
  return async (c, next) => {
    const clientId = requestHeader(c, 'x-client-id');
    const key = requestHeader(c, 'x-temporary-access-key');
    if (!clientId || !key) throw unauthorized('Send your X-Client-Id and X-Temporary-Access-Key headers');
    const claims = await tokens.verify(key, { audience: AUDIENCES.connection, scope: SCOPES.connectionRead });
    const dealer = dealers.get(claims.dlr);
    if (!dealer) throw unauthorized('This dealer is no longer registered');
    if (claims.dlr !== clientId) throw forbidden('This key belongs to another dealer');
    if (claims.sub !== c.req.param('connectionId')) throw forbidden('This key opens another connection');
    checkOrigin(c, claims, dealer);
    c.set('claims', claims);
    c.set('dealer', dealer);
    await next();
  };
}
