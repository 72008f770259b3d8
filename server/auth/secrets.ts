/**
 * Dealer secret keys are long random strings, so a fast SHA-256 hash is the
 * right way to store them (a slow password hash protects guessable passwords
 * and would cap session creation at a few hundred per second). Comparison is
 * constant time so response timing says nothing about the stored hash.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_KEY_PREFIX = 'sk_';

/** A new secret key: 32 random bytes, URL-safe. */
export function generateSecretKey(): string {
  return SECRET_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a long random credential (a secret key, a refresh key, a resume link's code): what is stored of it. */
export function hashCredential(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('hex');
}

export function hashSecretKey(secretKey: string): string {
  return hashCredential(secretKey);
}

/** Compares a presented key with a stored SHA-256 hex digest in constant time. */
export function secretKeyMatches(presented: string, storedHashHex: string): boolean {
  const presentedHash = createHash('sha256').update(presented, 'utf8').digest();
  const stored = Buffer.from(storedHashHex, 'hex');
  return stored.length === presentedHash.length && timingSafeEqual(presentedHash, stored);
}
