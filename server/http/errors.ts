/**
 * One error shape for every failure. Handlers and middleware throw `ApiError`
 * (or Hono's `HTTPException`), and a vendor client's `VendorError` passes
 * through untouched; `handleError` turns whatever was thrown into the
 * DESIGN.md error body, so no handler formats its own errors and no stack
 * trace, internal message or vendor answer ever reaches a client.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { type ErrorBody, type ErrorCode, fieldErrors } from '../../contract/index.ts';
import { requestLog } from '../ops/observe.ts';
import { VendorError } from '../vendors/shared/errors.ts';
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

export const unauthorized = (
  message = 'A valid token or key is required',
  code: Extract<ErrorCode, 'unauthorized' | 'token_expired' | 'session_expired' | 'session_revoked'> = 'unauthorized',
) => new ApiError(401, code, message, undefined, { 'WWW-Authenticate': 'Bearer' });
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

const VENDOR_TIMEOUT_MESSAGE = "The insurer's system did not answer in time; please try again";
const VENDOR_FAILED_MESSAGE = "The insurer's system cannot answer right now; please try again shortly";

/**
 * A vendor's failure → the answer a shopper's browser gets: only that the
 * insurer did not answer in time (504) or could not answer (502), in plain
 * words, never the vendor's own body, status or anything of our credentials.
 * A refusal that means something of ours (an unknown VIN is a 404) is read by
 * the service that asked, before it gets here.
 */
function fromVendor(error: VendorError): ApiError {
  if (error.kind === 'timeout') return new ApiError(504, 'vendor_timeout', VENDOR_TIMEOUT_MESSAGE);
  const retryAfter = error.details.retryAfterSeconds;
  return new ApiError(
    502,
    'vendor_failed',
    VENDOR_FAILED_MESSAGE,
    undefined,
    retryAfter ? { 'Retry-After': String(retryAfter) } : undefined,
  );
}

function apiErrorResponse(c: Context, err: ApiError) {
  const error: ErrorBody['error'] = { code: err.code, message: err.message };
  if (err.fields) error.fields = err.fields;
  return errorResponse(c, err.status, error, err.headers);
}

export function handleError(err: unknown, c: Context<AppEnv>) {
  if (err instanceof ApiError) return apiErrorResponse(c, err);
  if (err instanceof VendorError) {
    const answer = fromVendor(err);
    // Kind and status only, for operators: a record lookup's message can name the policy number or email asked about.
    requestLog(c)?.warn(
      { vendor: err.vendor, kind: err.kind, vendorStatus: err.details.status, status: answer.status },
      'vendor call failed',
    );
    return apiErrorResponse(c, answer);
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
