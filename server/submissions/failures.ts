/**
 * What a failed delivery try means, and when to try again. Every failure
 * becomes a sentence a dealer can read (`lastError`): never the applicant's
 * personal data, a secret or a vendor's raw body, and a decision:
 *   - permanent: the vendor cannot take this submission as given (unmappable,
 *     or it refused the request as invalid), or it took it and answered a link
 *     we do not pass on; trying again would change nothing (or duplicate it).
 *   - rate_limited: the vendor asked us to wait; we wait exactly that long
 *     (plus a little jitter) and the try does not count towards giving up.
 *   - retry: an outage, a timeout, an unexpected answer; exponential backoff.
 */
import { RefusedLinkError, UnmappableError, VendorError } from '../vendors/shared/errors.ts';
import { TargetConfigurationError } from './targets/target.ts';

export type Failure =
  | { kind: 'permanent'; message: string }
  | { kind: 'rate_limited'; message: string; retryAfterMs?: number }
  | { kind: 'retry'; message: string };

/** Email addresses and phone-like digit runs, in case a vendor's message repeats what we sent. */
function scrub(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
    .replace(/[+(]*\d[\d\s().-]{5,}\d/g, '[number]')
    .slice(0, 300);
}

/** The vendor's own words without the "Vendor: " prefix VendorError adds. */
const vendorWords = (error: VendorError) => scrub(error.message.replace(`${error.vendor}: `, ''));

const withStatus = (error: VendorError) => (error.details.status ? ` (HTTP ${error.details.status})` : '');

export function classifyFailure(error: unknown, vendor: string): Failure {
  if (error instanceof UnmappableError) {
    return { kind: 'permanent', message: `${vendor} cannot take this applicant: ${scrub(error.reason)} (${error.field})` };
  }
  if (error instanceof RefusedLinkError) {
    return {
      kind: 'permanent',
      message: `${vendor} took the submission but answered a ${error.what} we do not pass on: ${error.reason} (${error.field}); the shopper was not given it`,
    };
  }
  if (error instanceof TargetConfigurationError) return { kind: 'retry', message: scrub(error.message) };
  if (!(error instanceof VendorError)) return { kind: 'retry', message: `Unexpected error while delivering to ${vendor}` };
  switch (error.kind) {
    case 'rate_limited': {
      const seconds = error.details.retryAfterSeconds;
      // Our own pace (vendors/shared/call-buckets.ts) deferred the call before it was sent.
      const why = error.details.code === 'paced' ? `${vendor} calls are paced below its limit: waiting` : `${vendor} asked us to slow down`;
      return {
        kind: 'rate_limited',
        message: `${why}${seconds ? ` for ${seconds} s` : ''}`,
        ...(seconds ? { retryAfterMs: seconds * 1000 } : {}),
      };
    }
    case 'rejected':
      return { kind: 'permanent', message: `${vendor} refused the submission${withStatus(error)}: ${vendorWords(error)}` };
    case 'not_found':
      return { kind: 'permanent', message: `${vendor} answered not found${withStatus(error)}: ${vendorWords(error)}` };
    case 'timeout':
      return { kind: 'retry', message: `${vendor} did not answer in time` };
    case 'unavailable':
      return { kind: 'retry', message: `${vendor} was unavailable${withStatus(error)}` };
    case 'auth':
      return { kind: 'retry', message: `${vendor} refused our credentials${withStatus(error)}` };
    case 'malformed':
      return { kind: 'retry', message: `${vendor} answered in an unexpected shape` };
  }
}
