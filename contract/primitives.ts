/**
 * Building blocks of the canonical model. Every message here is written for a
 * shopper to read: it names the field in plain words and shows a valid example.
 */
import { z } from 'zod';

/** The 50 states and DC: the jurisdictions a US auto policy is written in. */
export const US_STATES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'DC',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
] as const;
export type UsState = (typeof US_STATES)[number];

export const usState = (label = 'State') => z.enum(US_STATES, { error: `${label} must be a two-letter US state code like TX` });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD`; `label` is how the shopper knows the field. */
export const isoDate = (label: string) =>
  z
    .string({ error: `${label} must be a date like 1986-12-26` })
    .refine(isCalendarDate, { error: `${label} must be a date like 1986-12-26` });

/**
 * A rule about a date that only applies once the date itself is well formed,
 * so a malformed date gets one message, not several. (Aborting the chain
 * instead would also stop the cross-field checks of the whole body.)
 */
export const whenDate = (rule: (date: string) => boolean) => (value: string) => !isCalendarDate(value) || rule(value);

/**
 * Today's date in the westernmost US time zone we serve (UTC−10). Using the
 * latest "today" anywhere in the US means no shopper's real tomorrow is ever
 * rejected as being in the past.
 */
export function usToday(now: Date = new Date()): string {
  return new Date(now.getTime() - 10 * 3600_000).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days, both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A date in the past (birth dates, incident dates). */
export const pastDate = (label: string) =>
  isoDate(label).refine(
    whenDate((value) => value <= usToday()),
    { error: `${label} cannot be in the future` },
  );

/** Whole cents, never negative. */
export const cents = (label: string) =>
  z
    .number({ error: `${label} must be an amount in whole cents, like 2500000 for $25,000` })
    .int({ error: `${label} must be an amount in whole cents, like 2500000 for $25,000` })
    .nonnegative({ error: `${label} cannot be negative` });

/** E.164, the only phone format every vendor can be mapped from without guessing. */
export const e164Phone = z
  .string({ error: 'Phone must be a number like +15551230000' })
  .regex(/^\+[1-9]\d{7,14}$/, { error: 'Phone must be a number like +15551230000' });

export const email = z
  .string({ error: 'Email must be an address like jane@example.com' })
  .trim()
  .max(254, { error: 'Email must be at most 254 characters' })
  .pipe(z.email({ error: 'Email must be an address like jane@example.com' }));

/** A required piece of text, trimmed, with a length cap so nothing unbounded is stored. */
export const text = (label: string, max = 100) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

export const postalCode = z
  .string({ error: 'ZIP code must be 5 digits like 94111' })
  .regex(/^\d{5}(-\d{4})?$/, { error: 'ZIP code must be 5 digits like 94111' });

/** Index into a list of the same request (drivers, vehicles). */
export const index = (label: string) =>
  z
    .number({ error: `${label} must be a position in the list, starting at 0` })
    .int({ error: `${label} must be a position in the list, starting at 0` })
    .min(0, { error: `${label} must be a position in the list, starting at 0` });

/** A 17-character VIN (no I, O or Q). */
export const vin = z
  .string({ error: 'VIN must be 17 letters and digits' })
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NPR-Z0-9]{17}$/, { error: 'VIN must be 17 letters and digits (no I, O or Q)' });
