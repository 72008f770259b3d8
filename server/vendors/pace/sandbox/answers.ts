/**
 * PACE's error answers. Every documented failure is `{ "exception", "message": [] }`
 * with the exception in lower-case words ("bad request", "not found"); the
 * seed shows no 401, 429 or 5xx body, so those use the same shape.
 */
import type { PaceErrorBody } from '../schemas.ts';

export function paceError(status: number, exception: string, ...message: string[]): Response {
  const body: PaceErrorBody = { exception, message };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

export const badRequest = (...message: string[]) => paceError(400, 'bad request', ...message);
export const notFound = (...message: string[]) => paceError(404, 'not found', ...message);

export const unauthorized = () => paceError(401, 'unauthorized', 'A valid pace-api-key header is required');

/** What the fault knobs answer: PACE's own shape, so the client's error reader is exercised too. */
export const faultAnswers = {
  serverError: () => paceError(500, 'internal server error', 'An unexpected error occurred. Please try again later.'),
  rateLimited: (retryAfterSeconds: number) => {
    const response = paceError(429, 'too many requests', `Rate limit exceeded. Try again in ${retryAfterSeconds} seconds.`);
    response.headers.set('Retry-After', String(retryAfterSeconds));
    return response;
  },
};
