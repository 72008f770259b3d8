/**
 * CoverHound's error answers, with the documented statuses and bodies. Built
 * as plain Responses so the fault knobs (which run before any handler) can
 * answer with them too.
 */

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** The two details the documentation gives for a 401 in `X-Error-Detail`. */
export type AuthFailure = 'Invalid credentials' | 'Invalid token.';

/** 401: `{ "status":"Fail", "error_message":"Bad Key" }`, the detail in `X-Error-Detail`. */
export const badKey = (detail: AuthFailure) => json({ status: 'Fail', error_message: 'Bad Key' }, 401, { 'X-Error-Detail': detail });

/** 400 with the `errors` object; `message` is the first problem, written out as the documentation's example is. */
export function invalidData(errors: Record<string, string[]>) {
  const [field, messages] = Object.entries(errors)[0] ?? ['request', ['is not valid']];
  return json({ status: 400, message: `${field} ${messages[0]}`, errors }, 400);
}

/** 400 for a body that is not JSON: the documentation promises the `errors` object only for well-formed JSON. */
export const badSyntax = () => json({ status: 400, message: 'Bad syntax: the request body is not well-formed JSON' }, 400);

/** 503, word for word as documented. */
export const serviceUnavailable = () =>
  json({ status: 503, message: 'The service is currently unavailable due to a server failure.' }, 503);

/**
 * CoverHound documents no rate limit; when the rate-limit knob trips, the
 * sandbox answers 429 in CoverHound's status-and-message shape with the
 * standard Retry-After header.
 */
export const tooManyRequests = (retryAfterSeconds: number) =>
  json({ status: 429, message: `Too many requests. Retry after ${retryAfterSeconds} seconds.` }, 429, {
    'Retry-After': String(retryAfterSeconds),
  });

/** 404 in the same status-and-message shape (the documentation shows none). */
export const notFound = (message: string) => json({ status: 404, message }, 404);

/** 500: "Something is wrong on CoverHound's side." */
export const internalError = () => json({ status: 500, message: 'Something went wrong on our side.' }, 500);
