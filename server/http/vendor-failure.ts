/**
 * A vendor's failure → the answer a shopper's browser gets. The browser learns
 * only that the insurer did not answer in time (504) or could not answer (502),
 * in plain words: never the vendor's own body, status or anything of our
 * credentials. Operators get the kind and status in the request's log.
 */
import type { Context } from 'hono';
import { requestLog } from '../ops/observe.ts';
import { VendorError } from '../vendors/shared/errors.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

const VENDOR_TIMEOUT_MESSAGE = "The insurer's system did not answer in time; please try again";
const VENDOR_FAILED_MESSAGE = "The insurer's system cannot answer right now; please try again shortly";

/** A route's own reading of a vendor error (a VIN the vendor does not know is a 404); undefined: the default. */
export type VendorErrorReading = (error: VendorError) => ApiError | undefined;

function toApiError(error: VendorError, reading?: VendorErrorReading): ApiError {
  const special = reading?.(error);
  if (special) return special;
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

/** Runs a call that reaches a vendor; a VendorError is logged and becomes an ApiError, anything else passes through. */
export async function fromVendor<T>(c: Context<AppEnv>, call: () => Promise<T>, reading?: VendorErrorReading): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    const answer = toApiError(error, reading);
    // Kind and status only: a record lookup's message can name the policy number or email asked about.
    requestLog(c)?.warn(
      { vendor: error.vendor, kind: error.kind, vendorStatus: error.details.status, status: answer.status },
      'vendor call failed',
    );
    throw answer;
  }
}
