/**
 * CoverHound sends premiums as decimal dollar strings ("376.9", "0.0") and
 * takes limits and deductibles as whole dollars; we count integer cents.
 * Strings are converted digit by digit, never through floating point, so
 * "396.85" is exactly 39685 cents.
 */

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "376.9" → 37690; a number (some answers carry one) is rounded to the cent. Undefined when it is not an amount. */
export function dollarsToCents(amount: string | number): number | undefined {
  if (typeof amount === 'number') return Number.isFinite(amount) && amount >= 0 ? Math.round(amount * 100) : undefined;
  const match = DECIMAL.exec(amount.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? '').padEnd(3, '0');
  // Half a cent or more in the third decimal rounds up, as a cashier would.
  const roundUp = Number(fraction[2]) >= 5 ? 1 : 0;
  return Number(match[1]) * 100 + Number(fraction.slice(0, 2)) + roundUp;
}

/** 37690 → "376.9", 0 → "0.0", 39685 → "396.85": the way CoverHound's examples print amounts. */
export function centsToDollarString(cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100)
    .padStart(2, '0')
    .replace(/0$/, '');
  return `${whole}.${fraction || '0'}`;
}

/** Whole dollars for a whole-cents amount, or undefined when it has cents CoverHound cannot take. */
export function centsToWholeDollars(cents: number): number | undefined {
  return cents % 100 === 0 ? cents / 100 : undefined;
}
