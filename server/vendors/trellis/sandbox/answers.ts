/**
 * The sandbox's answers, each in the shape the seed documents for it. Where the
 * seed documents no body (5xx, 429, a refused login), the answer reuses the
 * seed's own vocabulary: its ErrorDetails object with a documented errorCode
 * and errorMessage, or a bare JSON string like its 401 and 403 bodies.
 */
import type { z } from 'zod';
import { ERROR_CODES, ERROR_TYPES, type ErrorCode, FORBIDDEN, NOT_READY_MESSAGE, UNAUTHORIZED } from '../documented.ts';
import type { AcceptedResponse, NotFoundResponse, SuccessfulResponse } from '../schemas.ts';

type Issuer = { issuerId: string; issuerName: string };

/** Serialises `body` as JSON, a bare string included, with the given status. */
export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export const unauthorized = () => json(UNAUTHORIZED, 401);
export const forbidden = () => json(FORBIDDEN, 403);

export const ready = (issuer: Issuer, policies: z.input<typeof SuccessfulResponse>['policies']) =>
  json({ status: 'READY', ...issuer, policies } satisfies z.input<typeof SuccessfulResponse>, 200);

export const notReady = (issuer: Issuer) =>
  json({ status: 'NOT_READY', ...issuer, message: NOT_READY_MESSAGE } satisfies z.input<typeof AcceptedResponse>, 202);

/** The seed's 404 example, word for word. */
export const noPoliciesFound = (issuer: Issuer) =>
  json(
    {
      status: 'READY',
      ...issuer,
      message: ERROR_TYPES.noPoliciesFound,
      error: { errorType: ERROR_TYPES.noPoliciesFound },
    } satisfies z.input<typeof NotFoundResponse>,
    404,
  );

/** A connection id the sandbox never issued: the NotFoundResponse with ACCOUNT_NOT_FOUND. */
export const accountNotFound = () =>
  json(
    { status: 'READY', message: ERROR_TYPES.accountNotFound, error: { errorType: ERROR_TYPES.accountNotFound } } satisfies z.input<
      typeof NotFoundResponse
    >,
    404,
  );

/** A refused sandbox login (bad password, unknown user, unsupported issuer): 400 with ErrorDetails. */
export const loginRefused = (errorCode: Extract<ErrorCode, 'UNFINISHED_LOGIN' | 'UNSUPPORTED_ISSUER'>, issuer?: Issuer) =>
  json(
    {
      ...issuer,
      message: ERROR_TYPES.accountNotFound,
      error: { errorType: ERROR_TYPES.accountNotFound, errorCode, errorMessage: ERROR_CODES[errorCode] },
    } satisfies z.input<typeof NotFoundResponse>,
    400,
  );

export const badRequest = (message: string) => json(message, 400);

/** Outage and injected errors: 503 with the documented TECHNICAL_DIFFICULTIES details. */
export const technicalDifficulties = () =>
  json(
    {
      message: 'TECHNICAL_DIFFICULTIES',
      error: {
        errorType: 'TECHNICAL_DIFFICULTIES',
        errorCode: 'TECHNICAL_DIFFICULTIES',
        errorMessage: ERROR_CODES.TECHNICAL_DIFFICULTIES,
      },
    } satisfies z.input<typeof NotFoundResponse>,
    503,
  );

export const tooManyRequests = (retryAfterSeconds: number) => json('Too many requests.', 429, { 'Retry-After': String(retryAfterSeconds) });
