/** The one error body every failing response carries, and how zod issues become it. */
import { z } from 'zod';

const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unauthorized',
  /** The session token (or temporary access key) has expired: renew it before it does (POST /v1/session/token), or start a new session. */
  'token_expired',
  /** The session has reached its absolute lifetime: no token of it is honoured or renewed; start a new session. */
  'session_expired',
  /** The dealer ended the session (POST /v1/sessions/{sessionId}/revoke): no token of it is honoured or renewed. */
  'session_revoked',
  'forbidden',
  /** A widget on a page whose origin the dealer has not allow-listed: the message names the origin and how to allow it. */
  'origin_not_allowed',
  'not_found',
  /** A resume link that was already opened: each opens once; make a new one on the first device. */
  'resume_link_used',
  /** A resume link past its end (10 minutes by default): make a new one on the first device. */
  'resume_link_expired',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'vendor_failed',
  'vendor_timeout',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      /** Field path (dot separated, list positions as numbers) → messages a shopper can read. */
      fields: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .meta({
    id: 'Error',
    description: 'The one error body every failing answer carries: a code to branch on, words for people, and per field what is wrong',
  });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `drivers.0.dateOfBirth`; the body itself is `body`. */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? 'body' : path.map(String).join('.');
}

/** Groups zod issues by field path, keeping each path's messages in order. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = fieldPath(issue.path);
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}
