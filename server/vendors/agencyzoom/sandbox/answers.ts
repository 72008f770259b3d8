/**
 * How the simulated AgencyZoom says no. The seed documents each error only by
 * status and one line ("400 Invalid request parameter(s)", "500 Internal
 * processing error", "400 Invalid user name and/or password") and shows bodies
 * for successes alone, so errors use the API's own confirmation shape
 * `{ message, id, result }` with `result: false` and the documented line as
 * the message (a detail may follow it after a colon).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const MESSAGES = {
  invalidRequest: 'Invalid request parameter(s)',
  invalidLogin: 'Invalid user name and/or password',
  internal: 'Internal processing error',
  /** Not in the seed, which only says calls "need pass the token as HTTP header bearer token". */
  unauthorized: 'Unauthorized: log in and send the JWT as "Authorization: Bearer <token>"',
  /** Not in the seed either, beyond its "30 calls per minute" limit. */
  rateLimited: 'Rate limit exceeded',
  notFound: 'Not found',
} as const;

const errorBody = (message: string) => ({ message, id: 0, result: false });

export const fail = (c: Context, status: ContentfulStatusCode, message: string) => c.json(errorBody(message), status);

/** 400 with the documented line and, when known, which parameter was wrong. */
export const invalid = (c: Context, detail?: string) =>
  fail(c, 400, detail ? `${MESSAGES.invalidRequest}: ${detail}` : MESSAGES.invalidRequest);

export const serverError = () => Response.json(errorBody(MESSAGES.internal), { status: 500 });

export const rateLimited = (retryAfterSeconds: number) =>
  Response.json(errorBody(`${MESSAGES.rateLimited}: try again in ${retryAfterSeconds} s`), {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

/** A write's success: the documented confirmation naming the new record. */
export const confirmed = (c: Context, id: number, message: string) => c.json({ message, id, result: true });
