/**
 * Idempotency of POST /v1/submissions. The widget sends an `Idempotency-Key`
 * with each submission and the same key again when it retries (a dropped
 * connection, a double tap). A key is scoped to the session and stored with
 * the submission in one statement, so a retry finds it in any process, even
 * after a restart; it is compared with a hash of the body's canonical JSON.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** 1–255 visible ASCII characters: a UUID, a ULID, or any token the client likes. */
export const IdempotencyKey = z
  .string({ error: 'Send an Idempotency-Key header: 1 to 255 visible characters, e.g. a UUID' })
  .regex(/^[\x21-\x7e]{1,255}$/, { error: 'The Idempotency-Key must be 1 to 255 visible characters, e.g. a UUID' });

/** JSON with object keys sorted at every depth: equal values give equal text, whatever order the keys came in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a key's body is compared by: SHA-256 of its canonical JSON, hex. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}
