/**
 * Session tokens and temporary access keys: ES256 JWTs that the browser holds
 * instead of any secret. Every verification pins the algorithm, issuer,
 * audience, expiry and scope. Verifying ES256 costs about five bare requests, so
 * tokens already verified are remembered (bounded, until they expire or their
 * signing key is retired); a cache hit repeats every claim check but the signature.
 */

import { decodeProtectedHeader, errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { newId } from '../db/ids.ts';
import { ApiError, forbidden, unauthorized } from '../http/errors.ts';
import { SIGNING_ALG, type SigningKeys } from './keys.ts';

export const AUDIENCES = {
  /** Session tokens: the widget acting for one shopper. */
  widget: 'coverkit-widget',
  /** Temporary access keys: read one connection's policies. */
  connection: 'coverkit-connection',
} as const;
export type Audience = (typeof AUDIENCES)[keyof typeof AUDIENCES];

export const SCOPES = { session: 'session', connectionRead: 'connection:read' } as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/** What our tokens claim; checked with this schema after the signature, so nothing else is trusted. */
const TokenClaimsSchema = z.object({
  iss: z.string(),
  aud: z.enum([AUDIENCES.widget, AUDIENCES.connection]),
  /** The session id (session token) or connection id (temporary access key). */
  sub: z.string(),
  /** The dealer's clientId. */
  dlr: z.string(),
  scp: z.enum([SCOPES.session, SCOPES.connectionRead]),
  /** The page origin the session is bound to, when it is bound to one. */
  org: z.string().optional(),
  /** The session a temporary access key was issued in. */
  sid: z.string().optional(),
  iat: z.number(),
  exp: z.number(),
  jti: z.string(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

export type IssuedToken = { token: string; expiresAt: Date };

/**
 * A genuine token of ours (signature, issuer and audience checked) whose time
 * is up. It carries the claims so the caller can say why: the session itself
 * may have ended (session_expired), which is more use to a developer than "expired".
 */
export class ExpiredTokenError extends ApiError {
  constructor(readonly claims: TokenClaims | undefined) {
    super(401, 'token_expired', 'The token has expired', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
}

type CachedClaims = { claims: TokenClaims; kid: string };

export type TokenServiceOptions = {
  issuer: string;
  /** Lifetime of every token; DESIGN.md caps it at 15 minutes. */
  ttlSeconds: number;
  cacheSize?: number;
  /** Allowed clock difference between processes, in seconds. */
  clockToleranceSeconds?: number;
  now?: () => number;
};

const MAX_TTL_SECONDS = 900;

export class TokenService {
  /** Verified tokens by their exact text, each kept until it expires. */
  readonly #cache: LRUCache<string, CachedClaims>;
  readonly #now: () => number;
  readonly #tolerance: number;

  constructor(
    private readonly keys: SigningKeys,
    private readonly options: TokenServiceOptions,
  ) {
    if (options.ttlSeconds > MAX_TTL_SECONDS) throw new Error(`Token lifetime is capped at ${MAX_TTL_SECONDS} s`);
    this.#cache = new LRUCache({ max: options.cacheSize ?? 50_000 });
    this.#now = options.now ?? Date.now;
    this.#tolerance = options.clockToleranceSeconds ?? 5;
  }

  issueSessionToken(input: { sessionId: string; clientId: string; origin?: string; expiresAt?: Date }): Promise<IssuedToken> {
    return this.#issue(
      { aud: AUDIENCES.widget, sub: input.sessionId, dlr: input.clientId, scp: SCOPES.session, org: input.origin },
      input.expiresAt,
    );
  }

  /**
   * A read-only key for one connection, which the host page or widget may hold.
   * It ends no later than the session it was issued in (`sessionExpiresAt`):
   * a key must not keep a finished journey's policies readable.
   */
  issueTemporaryAccessKey(input: {
    connectionId: string;
    clientId: string;
    sessionId: string;
    sessionExpiresAt: Date;
    origin?: string;
  }): Promise<IssuedToken> {
    return this.#issue(
      {
        aud: AUDIENCES.connection,
        sub: input.connectionId,
        dlr: input.clientId,
        scp: SCOPES.connectionRead,
        sid: input.sessionId,
        org: input.origin,
      },
      input.sessionExpiresAt,
    );
  }

  /**
   * Checks `token` for one use. Anything that is not a well-formed, unexpired
   * token of ours is 401; a genuine token presented for the wrong purpose is 403.
   */
  async verify(token: string, expect: { audience: Audience; scope: Scope }): Promise<TokenClaims> {
    const nowSeconds = Math.floor(this.#now() / 1000);
    let cached = this.#cache.get(token);
    if (cached && (cached.claims.exp <= nowSeconds || !this.keys.isVerifying(cached.kid))) {
      this.#cache.delete(token);
      cached = undefined;
    }
    if (!cached) {
      cached = await this.#verifySignature(token);
      this.#cache.set(token, cached);
    }
    const { claims } = cached;
    if (claims.aud !== expect.audience) throw unauthorized('This token is not valid here');
    if (claims.scp !== expect.scope) throw forbidden('This token does not allow this request');
    return claims;
  }

  async #issue(claims: Omit<TokenClaims, 'iss' | 'iat' | 'exp' | 'jti'>, expiresAt?: Date): Promise<IssuedToken> {
    const { kid, privateKey } = await this.keys.signingKey();
    const iat = Math.floor(this.#now() / 1000);
    const exp = Math.min(iat + this.options.ttlSeconds, expiresAt ? Math.floor(expiresAt.getTime() / 1000) : Infinity);
    const payload: JWTPayload = { dlr: claims.dlr, scp: claims.scp };
    if (claims.org) payload.org = claims.org;
    if (claims.sid) payload.sid = claims.sid;
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(claims.aud)
      .setSubject(claims.sub)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .setJti(newId('tok'))
      .sign(privateKey);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async #verifySignature(token: string): Promise<CachedClaims> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw unauthorized('The token is malformed');
    }
    if (!kid) throw unauthorized('The token has no key id');
    const key = await this.keys.verificationKey(kid);
    if (!key) throw unauthorized('The token was signed by an unknown or retired key');
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [SIGNING_ALG],
        issuer: this.options.issuer,
        audience: Object.values(AUDIENCES),
        requiredClaims: ['sub', 'exp', 'iat', 'nbf', 'jti', 'dlr', 'scp'],
        clockTolerance: this.#tolerance,
        maxTokenAge: MAX_TTL_SECONDS + this.#tolerance,
        currentDate: new Date(this.#now()),
      });
      return { claims: toClaims(payload), kid };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof errors.JWTExpired) throw new ExpiredTokenError(TokenClaimsSchema.safeParse(error.payload).data);
      if (error instanceof errors.JWTClaimValidationFailed) throw unauthorized(`The token's ${error.claim} claim is not valid here`);
      throw unauthorized('The token is not valid');
    }
  }
}

function toClaims(payload: JWTPayload): TokenClaims {
  const parsed = TokenClaimsSchema.safeParse(payload);
  if (!parsed.success) throw unauthorized('The token is not valid');
  return parsed.data;
}
