/**
 * PACE speaks dollars: limits as strings of whole dollars ("25000/50000"),
 * premiums as doubles (789.88). We speak integer cents.
 */
import { UnmappableError } from '../../shared/errors.ts';

export const PACE_VENDOR = 'PACE';

/** 789.88 → 78988, rounding away binary noise (0.1 + 0.2). */
export const dollarsToCents = (dollars: number) => Math.round(dollars * 100);

/** 2500000 → "25000"; a limit with cents in it has no PACE spelling. */
export function limitDollars(cents: number, field: string): string {
  if (cents % 100 !== 0) throw new UnmappableError(PACE_VENDOR, field, 'PACE takes coverage limits and deductibles in whole dollars only');
  return String(cents / 100);
}

/** { perPerson: 2500000, perAccident: 5000000 } → "25000/50000". */
export const splitLimit = (limit: { perPerson: number; perAccident: number }, field: string) =>
  `${limitDollars(limit.perPerson, `${field}.perPerson`)}/${limitDollars(limit.perAccident, `${field}.perAccident`)}`;

/** "25000/50000" → [2500000, 5000000]; "YES" or "NONE" → []. */
export function limitCents(limit: string | null | undefined): number[] {
  if (!limit || !/^\d+(\.\d+)?(\/\d+(\.\d+)?)*$/.test(limit.trim())) return [];
  return limit
    .trim()
    .split('/')
    .map((part) => dollarsToCents(Number(part)));
}
