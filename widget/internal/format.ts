/** Money from integer cents, US phone numbers, dates: formatted for the shopper's language. */
export const money = (cents: number, intl: string, whole = false) =>
  new Intl.NumberFormat(intl, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);

export const longDate = (isoDate: string, intl: string, dateStyle: 'long' | 'medium' = 'long') =>
  new Intl.DateTimeFormat(intl, { dateStyle, timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));

/**
 * What the shopper typed as a phone number, in E.164: ten US digits (with or
 * without a leading 1, any punctuation) become +1…; a number typed with its own
 * + and country code is kept. Undefined when it cannot be a phone number.
 */
export function toE164(typed: string): string | undefined {
  const digits = typed.replace(/\D/g, '');
  if (typed.trim().startsWith('+')) return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : undefined;
  if (digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return undefined;
}

/** +15125550147 → (512) 555-0147; other countries stay in E.164. */
export function formatPhone(e164: string | undefined): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164 ?? '');
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : (e164 ?? '');
}
