/**
 * AutoComplete's one error convention, `{ "status_code": 400, "message": "…" }`,
 * used for every refusal the sandbox makes (validation, auth, rate limit,
 * injected faults), so the client's error reader has one shape to know.
 */
import type { ErrorBody } from '../schemas.ts';

export function vendorError(status: number, message: string, headers: Record<string, string> = {}): Response {
  const body: ErrorBody = { status_code: status, message };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** The answer to too many requests; `Retry-After` tells the caller when to come back. */
export const rateLimitedError = (retryAfterSeconds: number, message = 'Rate limit exceeded: one request per second.') =>
  vendorError(429, message, { 'Retry-After': String(retryAfterSeconds) });

export const serverError = () => vendorError(500, 'Internal server error. Please try again later.');
