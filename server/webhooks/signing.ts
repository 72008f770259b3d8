/**
 * Signing by the Standard Webhooks specification: a secret is `whsec_` and
 * the base64 of its key; a message's signature is `v1,` and the base64
 * HMAC-SHA256, with that key, of `<webhook-id>.<webhook-timestamp>.<body>`.
 * During a secret rotation the header carries one signature per secret,
 * space-separated, and a receiver accepts any that matches.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret: 24 random bytes, as Svix and the spec's examples make them. */
export function newSigningSecret(): string {
  return PREFIX + randomBytes(24).toString('base64');
}

function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three webhook-* headers of one try, signed with every secret in force. */
export function signedHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signature(secret, id, timestamp, body)).join(' '),
  };
}
