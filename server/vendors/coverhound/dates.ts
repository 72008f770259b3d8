/**
 * CoverHound writes every date `mm-dd-yyyy`; our model writes `YYYY-MM-DD`.
 * The conversion lives here so neither side ever handles the other's format.
 */
import { isCalendarDate } from '../../../contract/primitives.ts';

const MDY = /^(\d{2})-(\d{2})-(\d{4})$/;

/** `2014-12-07` → `12-07-2014`. */
export function toMdy(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${month}-${day}-${year}`;
}

/** `12-07-2014` → `2014-12-07`, or undefined when it is not a real `mm-dd-yyyy` date. */
export function fromMdy(mdy: string): string | undefined {
  const match = MDY.exec(mdy);
  if (!match) return undefined;
  const iso = `${match[3]}-${match[1]}-${match[2]}`;
  return isCalendarDate(iso) ? iso : undefined;
}

export const isMdyDate = (value: string) => fromMdy(value) !== undefined;
