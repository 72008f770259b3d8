/**
 * One error shape for every failure. Handlers and middleware throw `ApiError`
 * (or Hono's `HTTPException`); `handleError` turns whatever was thrown into the
 * DESIGN.md error body, so no handler formats its own errors and no stack
 * trace or internal message ever reaches a client.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { type ErrorBody, type ErrorCode, fieldErrors } from '../../contract/index.ts';
import { requestLog } from '../ops/observe.ts';
import type { AppEnv } from './env.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static validation(error: z.ZodError, message = 'Some fields need attention'): ApiError {
    return new ApiError(400, 'validation_failed', message, fieldErrors(error));
  }
}

export const unauthorized = (message = 'A valid token or key is required') =>
  new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (message = 'Not found') => new ApiError(404, 'not_found', message);

/** Codes for statuses Hono itself raises (body limit, malformed JSON, …). */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  502: 'vendor_failed',
  503: 'unavailable',
  504: 'vendor_timeout',
};

export function errorResponse(c: Context, status: ContentfulStatusCode, error: ErrorBody['error'], headers?: Record<string, string>) {
  if (headers) for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json({ error } satisfies ErrorBody, status);
}

export function handleError(err: unknown, c: Context<AppEnv>) {
  if (err instanceof ApiError) {
    const error: ErrorBody['error'] = { code: err.code, message: err.message };
    if (err.fields) error.fields = err.fields;
    return errorResponse(c, err.status, error, err.headers);
  }
  if (err instanceof HTTPException) {
    const malformed = err.status === 400 && /malformed json/i.test(err.message);
    const code = malformed ? 'malformed_json' : (CODE_BY_STATUS[err.status] ?? 'internal');
    const message = malformed ? 'The request body is not valid JSON' : err.message || 'Request failed';
    return errorResponse(c, err.status, { code, message });
  }
  requestLog(c)?.error({ err }, 'unhandled error');
  return errorResponse(c, 500, { code: 'internal', message: 'Something went wrong on our side; it has been logged' });
}

export function handleNotFound(c: Context) {
  return errorResponse(c, 404, { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` });
}
