import type { DecodedVehicle } from '../../../../contract/index.ts';
import { hasValidCheckDigit } from '../../../../contract/vin.ts';
import type { PaceRatingCoverage, PaceVinLookup } from '../schemas.ts';
import { limitCents } from './money.ts';
import { coverageType } from './policy.ts';

export const CHECK_DIGIT_WARNING = 'The VIN check digit does not match: the VIN may be mistyped';

/**
 * Why a vehicle PACE marks `isUnacceptable` cannot be quoted, in the shopper's
 * words. PACE gives no reason beyond the flag (its rules engine refuses the
 * rate with "Vehicle … is unacceptable for this program"), so the words say
 * only that: this program does not insure this vehicle.
 */
function unacceptableReason(carrierName?: string): string {
  return `${carrierName?.trim() || 'This insurer'} does not insure this vehicle`;
}

export type DecodeOptions = {
  /** The program's carrier (PACE_CARRIER_NAME), named in the unacceptable reason. */
  carrierName?: string;
};

/**
 * PACE answers with the squish VIN (no serial number), so the VIN the shopper
 * typed is the one we keep. PACE finds vehicles through the squish VIN and
 * never looks at position 9, so the check digit is ours to verify. A vehicle
 * PACE flags `isUnacceptable` (the program does not write it) carries
 * `unacceptable` with the reason in plain words; `false` or `null` says nothing.
 */
export function toDecodedVehicle(vin: string, lookup: PaceVinLookup, options: DecodeOptions = {}): DecodedVehicle | undefined {
  if (!lookup.year || !lookup.make || !lookup.model) return undefined;
  const typed = vin.trim().toUpperCase();
  return {
    vin: typed,
    year: lookup.year,
    make: lookup.make,
    model: lookup.model,
    ...(lookup.bodyStyle ? { bodyStyle: lookup.bodyStyle } : {}),
    ...(typed.length === 17 && !hasValidCheckDigit(typed) ? { warning: CHECK_DIGIT_WARNING } : {}),
    ...(lookup.isUnacceptable === true ? { unacceptable: unacceptableReason(options.carrierName) } : {}),
  };
}

export { CoverageOptionGroup } from '../../../../contract/lookup.ts';

import type { CoverageOption, CoverageOptionGroup } from '../../../../contract/lookup.ts';

/** Amounts of one option, in the fields its coverage means them. */
function optionAmounts(code: string, value: string): Omit<CoverageOption, 'value' | 'label'> {
  const amounts = limitCents(value);
  const type = coverageType(code);
  if (amounts.length === 2 && type.endsWith('bodily_injury')) return { perPersonCents: amounts[0], perAccidentCents: amounts[1] };
  if (type === 'comprehensive' || type === 'collision') return amounts[0] === undefined ? {} : { deductibleCents: amounts[0] };
  const limit = amounts.at(-1);
  return limit === undefined ? {} : { limitCents: limit };
}

/** PACE lists one row per option; this groups them by coverage, keeping PACE's order. */
export function toCoverageOptionGroups(options: readonly PaceRatingCoverage[]): CoverageOptionGroup[] {
  const groups = new Map<string, CoverageOptionGroup>();
  for (const o of options) {
    let group = groups.get(o.coverage);
    if (!group) {
      group = { type: coverageType(o.coverage), code: o.coverage, name: o.coverageDescription, emptyValue: o.emptyLimitValue, options: [] };
      groups.set(o.coverage, group);
    }
    group.options.push({ value: o.limitValue, label: o.displayLimit, ...optionAmounts(o.coverage, o.limitValue) });
  }
  return [...groups.values()];
}
