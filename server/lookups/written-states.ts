/**
 * PACE only knows vehicles and coverages in the states its program writes. A
 * lookup elsewhere is refused here, before any vendor call, as a field error
 * on `state` (400): the widget shows it next to the state and lets the shopper
 * type the vehicle in instead.
 */
import { ApiError } from '../http/errors.ts';

function unwrittenState(state: string, written: readonly string[]): ApiError {
  return new ApiError(400, 'validation_failed', `Lookups are not available in ${state}`, {
    state: [`Lookups are not available in ${state}; they are in ${written.join(', ')}`],
  });
}

/** Throws the 400 when `state` is not one the program writes. */
export function requireWrittenState(state: string, written: readonly string[]): void {
  if (!written.includes(state)) throw unwrittenState(state, written);
}

/** PACE's own "no rate cycle" refusal (its program settings and ours disagree, or the date is before any cycle), as the same kind of 400. */
export function noRateCycle(state: string, effectiveDate?: string): ApiError {
  return effectiveDate
    ? new ApiError(400, 'validation_failed', `No coverage options in ${state} for ${effectiveDate}`, {
        effectiveDate: [`No coverage options in ${state} for ${effectiveDate}; try a later date`],
      })
    : new ApiError(400, 'validation_failed', `Lookups are not available in ${state}`, {
        state: [`Lookups are not available in ${state}`],
      });
}
