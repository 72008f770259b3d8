/**
 * What can go wrong when we call a vendor, as one typed error. Callers decide
 * by `kind` (a timeout is retried differently from a rejection); `message` is
 * safe to log and to show a dealer. No secret, token or
 * request body ever goes into it.
 */
import type { Quote } from '../../../contract/index.ts';

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

/**
 * A value our canonical model has that the vendor's API cannot express, or an
 * answer the vendor needs that the applicant does not hold: the vendor's quote
 * is declined, not guessed.
 */
export class UnmappableError extends Error {
  constructor(
    readonly vendor: string,
    /** Canonical field path, e.g. drivers.0.gender. */
    readonly field: string,
    /** Plain words for the dealer, e.g. "CoverHound cannot quote a non-binary gender". */
    readonly reason: string,
    /** `missing`: the shopper can still answer `field` (CoverHound needs the occupation); `unsupported`: no answer would do. */
    readonly kind: 'unsupported' | 'missing' = 'unsupported',
  ) {
    super(reason);
    this.name = 'UnmappableError';
  }
}

/**
 * A link the vendor answered that the contract's link rule (contract/links.ts)
 * does not let reach a browser or a dealer: a `javascript:` link, or `http:`
 * in live mode. The call itself went through, so it is not a reason to call
 * again: whatever the vendor made stays made.
 */
export class RefusedLinkError extends Error {
  constructor(
    readonly vendor: string,
    /** The vendor's field, e.g. flow.flow_url. */
    readonly field: string,
    /** What the link is, in plain words: "shopping link". */
    readonly what: string,
    /** Why the rule refused it, e.g. "it is a javascript: link, and only https: links are passed on". */
    readonly reason: string,
  ) {
    super(`${vendor} answered a ${what} that is not passed on: ${reason}`);
    this.name = 'RefusedLinkError';
  }
}

/** The quote of a vendor that cannot rate this applicant: declined, with what the shopper could still answer. */
export function declinedQuote(error: UnmappableError): Pick<Quote, 'status' | 'messageCode' | 'neededFields' | 'vendorMessage'> {
  return error.kind === 'missing'
    ? { status: 'declined', messageCode: 'needs_information', neededFields: [error.field], vendorMessage: error.reason }
    : { status: 'declined', messageCode: 'declined_for_profile', vendorMessage: error.reason };
}
