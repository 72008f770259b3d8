/** Identifiers of what we store: random, URL-safe, with a prefix that says what they name. */
import { randomBytes } from 'node:crypto';

/** ses_…, qr_…, con_…: 128 random bits. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}
