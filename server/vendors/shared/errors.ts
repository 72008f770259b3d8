/**
 * What can go wrong when we call a vendor, as one typed error. Callers decide
 * by `kind` (a timeout is retried differently from a rejection); `message` is
 * safe to log and, for `rejected`, to show a shopper. No secret, token or
 * request body ever goes into it.
 */
export type VendorErrorKind =
  /** The vendor did not answer within our timeout. */
  | 'timeout'
  /** Network failure, 5xx, or an outage. */
  | 'unavailable'
  /** Our credentials were refused. */
  | 'auth'
  /** The vendor refused the request as invalid (4xx with its own message). */
  | 'rejected'
  | 'not_found'
  | 'rate_limited'
  /** The vendor answered, but not in the documented shape. */
  | 'malformed';

export class VendorError extends Error {
  constructor(
    readonly vendor: string,
    readonly kind: VendorErrorKind,
    message: string,
    readonly details: {
      status?: number;
      retryAfterSeconds?: number;
      /** Field errors the vendor reported, by the vendor's own field names. */
      fields?: Record<string, string[]>;
      /** The vendor's own error code, where it has one (e.g. Trellis's NO_POLICIES_FOUND). */
      code?: string;
    } = {},
  ) {
    super(`${vendor}: ${message}`);
    this.name = 'VendorError';
  }
}

/** A value our canonical model has that the vendor's API cannot express: the vendor's quote is declined, not guessed. */
export class UnmappableError extends Error {
  constructor(
    readonly vendor: string,
    /** Canonical field path, e.g. drivers.0.gender. */
    readonly field: string,
    /** Plain words for the shopper, e.g. "CoverHound cannot quote a non-binary gender". */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'UnmappableError';
  }
}
