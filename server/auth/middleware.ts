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
import type { LimitCounters } from '../http/limit-counters.ts';
import type { Dealer, DealerRegistry } from './dealers.ts';
import type { RefusedSecretKeys } from './refused-keys.ts';
import { hashSecretKey, secretKeyMatches } from './secrets.ts';
import type { SessionEnd, SessionRecord, SessionStore } from './sessions.ts';
import { AUDIENCES, ExpiredTokenError, SCOPES, type TokenClaims, type TokenService } from './tokens.ts';

export type AuthDeps = {
  dealers: DealerRegistry;
  tokens: TokenService;
  sessions: SessionStore;
  /** Throttles wrong secret keys; one per app, so every secret-key route spends the same budgets. */
  refusedKeys: RefusedSecretKeys;
  /** Where every rate limit counts (one per app: shared by every process on the same store). */
  limitCounters: LimitCounters;
};

/** What requireSecretKey hands on: the dealer whose key it was. */
export type DealerEnv = WithVariables<{ dealer: Dealer }>;
/** What requireSession hands on: the shopper's session, its dealer and the token's claims. */
export type SessionEnv = WithVariables<{ dealer: Dealer; session: SessionRecord; claims: TokenClaims }>;
/** What requireTemporaryAccessKey hands on: the key's dealer and claims. */
export type AccessKeyEnv = WithVariables<{ dealer: Dealer; claims: TokenClaims }>;

/** Compared against when the clientId is unknown, so both paths take the same time. */
const UNKNOWN_DEALER_HASH = hashSecretKey('no dealer has this key');

export function requireSecretKey({ dealers, refusedKeys }: Pick<AuthDeps, 'dealers' | 'refusedKeys'>): MiddlewareHandler<DealerEnv> {
  return async (c, next) => {
    const clientId = requestHeader(c, 'x-client-id');
    const secretKey = requestHeader(c, 'x-secret-key');
    if (!clientId || !secretKey) throw unauthorized('Send your X-Client-Id and X-Secret-Key headers');
    const dealer = dealers.get(clientId);
    const matches = secretKeyMatches(secretKey, dealer?.secretKeySha256 ?? UNKNOWN_DEALER_HASH);
    if (!dealer || !matches) {
      // Counted after the check, and only when refused: the right key is never throttled (refused-keys.ts).
      await refusedKeys.refuse(c, dealer?.clientId);
      throw unauthorized('Unknown clientId or wrong secret key');
    }
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

const ENDED_MESSAGES: Record<SessionEnd, string> = {
  expired: 'The session has reached the end of its lifetime; start a new session',
  revoked: 'The session was ended by the dealer; start a new session',
};

/** 401 session_expired or session_revoked when `session` has ended; nothing while it runs. */
export function assertSessionRuns(sessions: SessionStore, session: SessionRecord) {
  const end = sessions.endOf(session);
  if (end) throw unauthorized(ENDED_MESSAGES[end], end === 'expired' ? 'session_expired' : 'session_revoked');
}

/**
 * Verifies a token of `expect`; an expired one whose session has ended too is
 * answered with why the session ended, which says "start a new session" where
 * "token expired" would say "renew".
 */
async function verifyInSession(
  { tokens, sessions }: Pick<AuthDeps, 'tokens' | 'sessions'>,
  token: string,
  expect: Parameters<TokenService['verify']>[1],
  sessionOf: (claims: TokenClaims) => string | undefined,
): Promise<TokenClaims> {
  try {
    return await tokens.verify(token, expect);
  } catch (error) {
    const sessionId = error instanceof ExpiredTokenError && error.claims?.aud === expect.audience ? sessionOf(error.claims) : undefined;
    const session = sessionId ? await sessions.get(sessionId) : undefined;
    if (session && session.clientId === (error as ExpiredTokenError).claims?.dlr) assertSessionRuns(sessions, session);
    throw error;
  }
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
    const expect = { audience: AUDIENCES.widget, scope: SCOPES.session } as const;
    const claims = await verifyInSession({ tokens, sessions }, bearerToken(c), expect, (expired) => expired.sub);
    const dealer = dealers.get(claims.dlr);
    if (!dealer) throw unauthorized('This dealer is no longer registered');
    checkOrigin(c, claims, dealer);
    const session = await sessions.get(claims.sub);
    if (!session || session.clientId !== dealer.clientId) throw unauthorized('There is no such session');
    assertSessionRuns(sessions, session);
    if (product && !session.products.includes(product)) throw forbidden(`This session does not include the ${product} journey`);
    c.set('claims', claims);
    c.set('dealer', dealer);
    c.set('session', session);
    await next();
  };
}

/**
 * For routes with a `:connectionId` parameter: the key must be for exactly
 * that connection, and ends with the session it was issued in (its lifetime,
 * or its dealer ending it).
 */
export function requireTemporaryAccessKey({ dealers, tokens, sessions }: AuthDeps): MiddlewareHandler<AccessKeyEnv> {
  return async (c, next) => {
    const clientId = requestHeader(c, 'x-client-id');
    const key = requestHeader(c, 'x-temporary-access-key');
    if (!clientId || !key) throw unauthorized('Send your X-Client-Id and X-Temporary-Access-Key headers');
    const expect = { audience: AUDIENCES.connection, scope: SCOPES.connectionRead } as const;
    const claims = await verifyInSession({ tokens, sessions }, key, expect, (expired) => expired.sid);
    const dealer = dealers.get(claims.dlr);
    if (!dealer) throw unauthorized('This dealer is no longer registered');
    if (claims.dlr !== clientId) throw forbidden('This key belongs to another dealer');
    if (claims.sub !== c.req.param('connectionId')) throw forbidden('This key opens another connection');
    checkOrigin(c, claims, dealer);
    const session = claims.sid ? await sessions.get(claims.sid) : undefined;
    if (!session || session.clientId !== dealer.clientId) throw unauthorized('There is no such session');
    assertSessionRuns(sessions, session);
    c.set('claims', claims);
    c.set('dealer', dealer);
    await next();
  };
}
