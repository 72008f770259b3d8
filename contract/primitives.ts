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

/**
 * Text PostgreSQL can store and every vendor can be sent: no NUL (U+0000, which
 * PostgreSQL's text and jsonb refuse) and no lone surrogate (half of a UTF-16
 * pair, as JSON's "\ud800" escape makes one: it has no UTF-8 form, and
 * encodeURIComponent throws on it). Written as a pattern rather than with
 * String.prototype.isWellFormed, which older phones' browsers lack.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (value: string) => !value.includes('\u0000') && !LONE_SURROGATE.test(value);

/**
 * Every string we accept starts here: the one rule against bad bytes, checked
 * first and alone (`abort`), so the shopper reads one message about it.
 */
export const storableString = (label: string, error = `${label} is required`) =>
  z.string({ error }).refine(isStorableText, {
    error: `${label} contains a character that is not text (a NUL or a broken character); type it again`,
    abort: true,
  });

/**
 * Free text from a query string. A query value arrives decoded once, so a
 * percent escape still in it is one that was not UTF-8 (a lone surrogate sent
 * as %ED%A0%80): bad bytes, refused like a NUL rather than passed to a vendor.
 */
export const queryText = (label: string, max = 100) =>
  text(label, max).refine((value) => !/%[0-9A-Fa-f]{2}/.test(value), {
    error: `${label} contains a character that is not text (a NUL or a broken character); type it again`,
  });

/** Our identifiers in a path (db/ids.ts makes them): a prefix and base64url, nothing a database or log could choke on. */
export const resourceId = (label: string, example: string) =>
  z
    .string({ error: `${label} must be an id like ${example}` })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: `${label} must be an id like ${example}` });

/**
 * A whole number in a query string: decimal digits only, so `0x10`, `1e1`,
 * ` 16` and an empty value are refused instead of coerced to a number.
 */
export const queryInteger = (
  error: string,
  { min, max, tooSmall = error, tooLarge = error }: { min: number; max: number; tooSmall?: string; tooLarge?: string },
) =>
  z
    .string({ error })
    .regex(/^\d{1,9}$/, { error })
    .pipe(z.coerce.number<string>().int().min(min, { error: tooSmall }).max(max, { error: tooLarge }));

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The dates anything in an auto policy can have: nobody insured was born
 * before 1900, and no policy term reaches past 2100. Outside them a date is a
 * typo (0001, 9999) that PostgreSQL or a vendor would choke on. A field may
 * narrow them (a birth date in the past, an effective date within a year).
 */
const EARLIEST_DATE = '1900-01-01';
const LATEST_DATE = '2100-12-31';

type DateBounds = { earliest: () => string; latest: () => string; tooEarly: () => string; tooLate: () => string };

/**
 * A calendar date `YYYY-MM-DD` within `bounds` (1900 to 2100 unless narrowed);
 * `label` is how the shopper knows the field. Each rule applies only to a real
 * calendar date, so a malformed date gets one message, not several.
 */
export const isoDate = (label: string, bounds: Partial<DateBounds> = {}) => {
  const { earliest, latest, tooEarly, tooLate }: DateBounds = {
    earliest: () => EARLIEST_DATE,
    latest: () => LATEST_DATE,
    tooEarly: () => `${label} must be ${EARLIEST_DATE} or later`,
    tooLate: () => `${label} must be ${LATEST_DATE} or earlier`,
    ...bounds,
  };
  const whenCalendarDate = (rule: (date: string) => boolean) => (value: string) => !isCalendarDate(value) || rule(value);
  return storableString(label, `${label} must be a date like 1986-12-26`)
    .refine(isCalendarDate, { error: `${label} must be a date like 1986-12-26` })
    .refine(
      whenCalendarDate((value) => value >= earliest()),
      { error: tooEarly },
    )
    .refine(
      whenCalendarDate((value) => value <= latest()),
      { error: tooLate },
    )
    .meta({ format: 'date' });
};

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

/** A date in the past (birth dates, incident dates), from 1900 on. */
export const pastDate = (label: string) => isoDate(label, { latest: () => usToday(), tooLate: () => `${label} cannot be in the future` });

/**
 * An instant a dealer gives (`since`): ISO 8601 with Z or an offset, from the
 * Unix epoch on, so PostgreSQL's timestamptz holds it (year 0000 it refuses).
 */
export const instant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be a date and time like 2026-05-01T12:00:00.000Z` })
    .refine((value) => Date.parse(value) >= 0, { error: `${label} must be 1970-01-01T00:00:00Z or later` });

/** Whole cents, never negative. */
export const cents = (label: string) =>
  z
    .number({ error: `${label} must be an amount in whole cents, like 2500000 for $25,000` })
    .int({ error: `${label} must be an amount in whole cents, like 2500000 for $25,000` })
    .nonnegative({ error: `${label} cannot be negative` });

/** E.164, the only phone format every vendor can be mapped from without guessing. */
export const e164Phone = storableString('Phone', 'Phone must be a number like +15551230000').regex(/^\+[1-9]\d{7,14}$/, {
  error: 'Phone must be a number like +15551230000',
});

export const email = storableString('Email', 'Email must be an address like jane@example.com')
  .trim()
  .max(254, { error: 'Email must be at most 254 characters' })
  .pipe(z.email({ error: 'Email must be an address like jane@example.com' }))
  .meta({ format: 'email', example: 'jane@example.com' });

/** A required piece of text, trimmed, with a length cap so nothing unbounded is stored. */
export const text = (label: string, max = 100) =>
  storableString(label)
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

export const postalCode = storableString('ZIP code', 'ZIP code must be 5 digits like 94111').regex(/^\d{5}(-\d{4})?$/, {
  error: 'ZIP code must be 5 digits like 94111',
});

/** Index into a list of the same request (drivers, vehicles). */
export const index = (label: string) =>
  z
    .number({ error: `${label} must be a position in the list, starting at 0` })
    .int({ error: `${label} must be a position in the list, starting at 0` })
    .min(0, { error: `${label} must be a position in the list, starting at 0` });

/** A 17-character VIN (no I, O or Q). */
export const vin = storableString('VIN', 'VIN must be 17 letters and digits')
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NPR-Z0-9]{17}$/, { error: 'VIN must be 17 letters and digits (no I, O or Q)' });
