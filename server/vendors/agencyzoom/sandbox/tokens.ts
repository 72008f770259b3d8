/**
 * The sandbox's JWTs: HS256, signed with jose, one subject per account, with an
 * expiry. Verification pins the algorithm and issuer and reads the time from the
 * sandbox clock, so tests can let a token lapse without waiting.
 */
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'agencyzoom-sandbox';
/** The seed does not say how long AgencyZoom's JWT lives; an hour is a common choice. */
const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export type Account = { username: string; password: string };

export class SandboxTokens {
  readonly #secret: Uint8Array;
  readonly #revoked = new Set<string>();
  #issued = 0;

  constructor(private readonly options: { now: () => Date; ttlSeconds?: number; signingSecret?: string }) {
    // A random secret per sandbox unless the deployment shares one between processes.
    this.#secret = options.signingSecret ? new TextEncoder().encode(options.signingSecret) : randomBytes(32);
  }

  async issue(username: string): Promise<string> {
    const iat = Math.floor(this.options.now().getTime() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(username)
      .setJti(String(++this.#issued))
      .setIssuedAt(iat)
      .setExpirationTime(iat + (this.options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS))
      .sign(this.#secret);
  }

  /** The account a live token belongs to, or undefined for a bad, expired or logged-out token. */
  async verify(token: string): Promise<{ account: string; jti: string } | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.#secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        currentDate: this.options.now(),
        requiredClaims: ['sub', 'jti', 'exp'],
      });
      const { sub, jti } = payload as { sub: string; jti: string };
      return this.#revoked.has(jti) ? undefined : { account: sub, jti };
    } catch {
      return undefined;
    }
  }

  revoke(jti: string) {
    this.#revoked.add(jti);
  }
}

/** Usernames are emails: compared without case, like any login by email. */
export const accountKey = (username: string) => username.trim().toLowerCase();
