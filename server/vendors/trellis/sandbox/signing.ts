/**
 * HMAC signatures for the sandbox's connection ids and temporary access keys.
 * Because everything a connection needs is inside its signed id, any server
 * process that shares the signing secret answers for a connection another
 * process created, with no shared memory or database.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export class SandboxSigner {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  /** Signature of `parts` for one `purpose`, so a connection id can never pass as an access key. */
  sign(purpose: string, parts: readonly string[]): string {
    return createHmac('sha256', this.#secret)
      .update([purpose, ...parts].join('\n'))
      .digest('base64url');
  }

  verify(purpose: string, parts: readonly string[], signature: string): boolean {
    return sameText(this.sign(purpose, parts), signature);
  }
}

/** Constant-time comparison, for signatures and the sandbox secret key alike. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
