/**
 * Literal values the Trellis Connect API v1.2.0 documents (seed:
 * trellis-connect-api.txt). The sandbox answers with them and the client
 * recognises them, so both sides spell them from one place.
 */

export const VENDOR = 'Trellis';

/** Auth headers. The seed spells the temporary key header two ways; both are honoured. */
export const HEADERS = {
  clientId: 'X-API-Client-Id',
  secretKey: 'X-API-Secret-Key',
  temporaryAccessKey: 'X-API-Temporary-Access-Key',
  temporaryAccessKeyAlias: 'X-Temporary-Access-Key',
  useCase: 'X-API-USE-CASE',
} as const;

/** The only documented X-API-USE-CASE value: also return policies that start in the future. */
export const FUTURE_POLICY = 'FUTURE_POLICY';

/** 401 body: a bare JSON string. */
export const UNAUTHORIZED = 'Unauthorized.';
/** 403 body: a bare JSON string. */
export const FORBIDDEN = 'insufficient access to retrieve policies for requested account';
/** 202 body's (deprecated) message. */
export const NOT_READY_MESSAGE = 'POLICIES NOT READY YET';

export const ERROR_TYPES = { accountNotFound: 'ACCOUNT_NOT_FOUND', noPoliciesFound: 'NO_POLICIES_FOUND' } as const;

/** ErrorDetails.errorCode values, each with its documented errorMessage. */
export const ERROR_CODES = {
  TECHNICAL_DIFFICULTIES: 'The issuer or Trellis was experiencing technical difficulties.',
  UNFINISHED_LOGIN: "User did not complete the issuer's login process.",
  UNSUPPORTED_ISSUER: 'Unsupported insurance issuer.',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** When a coverage amount is UNLIMITED, Trellis sends this number of cents instead. */
export const UNLIMITED_CENTS = 999_999_999_999_999;
