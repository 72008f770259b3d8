/**
 * VIN arithmetic: the North American check digit (49 CFR 565, the ISO 3779
 * transliteration and weights) and the model year of position 10. Shared by
 * the widget (to warn about a mistyped VIN before any call), the server's VIN
 * lookup and the PACE sandbox's decoder. Free of zod so the widget pays
 * nothing extra for it.
 */

/** Letters are worth these values; digits are worth themselves. I, O and Q never appear in a VIN. */
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

/** Position 9 (weight 0) is the check digit itself. */
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

const FULL_VIN = /^[A-HJ-NPR-Z0-9]{17}$/;

/** The check digit `vin` should carry in position 9 ('0'–'9' or 'X'), or undefined if it is not a 17-character VIN. */
export function expectedCheckDigit(vin: string): string | undefined {
  const v = vin.toUpperCase();
  if (!FULL_VIN.test(v)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = v[i] as string;
    const value = ch >= '0' && ch <= '9' ? Number(ch) : (TRANSLITERATION[ch] as number);
    sum += value * (WEIGHTS[i] as number);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/** True when a 17-character VIN's position 9 matches its check digit. */
export function hasValidCheckDigit(vin: string): boolean {
  const expected = expectedCheckDigit(vin);
  return expected !== undefined && vin.toUpperCase()[8] === expected;
}

/** Position-10 codes, in order, for 1980–2009 (and again for 2010–2039). */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

/**
 * The model year encoded in position 10. The code repeats every 30 years; for
 * cars and light trucks, a letter in position 7 means the 2010–2039 cycle and
 * a digit the 1980–2009 one (the NHTSA rule since model year 2010).
 */
export function modelYear(vin: string): number | undefined {
  const v = vin.toUpperCase();
  const offset = YEAR_CODES.indexOf(v[9] ?? '');
  if (offset < 0 || v.length < 10) return undefined;
  const position7 = v[6] ?? '';
  const laterCycle = /[A-Z]/.test(position7);
  return 1980 + offset + (laterCycle ? 30 : 0);
}

/** The position-10 code of a model year (1980–2039). */
export function yearCode(year: number): string {
  const code = YEAR_CODES[(year - 1980) % 30];
  if (code === undefined || year < 1980 || year > 2039) throw new RangeError(`No VIN year code for ${year}`);
  return code;
}

/** `vin` with position 9 replaced by its correct check digit (for building test and sandbox VINs). */
export function withCheckDigit(vin: string): string {
  const expected = expectedCheckDigit(vin.toUpperCase().replace(/^(.{8})./, '$10'));
  if (expected === undefined) throw new RangeError(`Not a 17-character VIN: ${vin}`);
  return `${vin.slice(0, 8)}${expected}${vin.slice(9)}`.toUpperCase();
}
