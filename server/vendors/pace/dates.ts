/**
 * PACE writes dates several ways within one document: `2018-09-05`,
 * `2018-09-05T02:01:46.957`, `2021-07-02 11:42:44`, `02-01-2022` in a path
 * and `mm/dd/yyyy` in its tables. These read any of them into our
 * `YYYY-MM-DD` and write the one each endpoint asks for.
 */
import { isCalendarDate } from '../../../contract/index.ts';

const ISO_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+)?$/;
const US_DATE = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;

/** `YYYY-MM-DD` of any date spelling PACE uses, or undefined when it is not a real date. */
export function fromPaceDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  let iso: string | undefined;
  const isoMatch = ISO_PREFIX.exec(text);
  if (isoMatch) iso = `${isoMatch[1]}-${isoMatch[2]}-${isoMatch[3]}`;
  const usMatch = US_DATE.exec(text);
  if (usMatch) iso = `${usMatch[3]}-${usMatch[1]?.padStart(2, '0')}-${usMatch[2]?.padStart(2, '0')}`;
  return iso !== undefined && isCalendarDate(iso) ? iso : undefined;
}

/** `MM-DD-YYYY`, the spelling of the coverages-by-date path ("i.e. 02-01-2022"). */
export function toPacePathDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${month}-${day}-${year}`;
}

/** `date` plus whole months; the 31st of a shorter month becomes its last day, as policy terms do. */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole years from `birth` to `on` (both YYYY-MM-DD). */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}
