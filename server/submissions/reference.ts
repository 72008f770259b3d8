/**
 * A submission's short reference: what the thank-you screen shows and the
 * shopper reads out when they call the dealer ("7KQ2-M9XD"). Eight characters
 * of Crockford's base32 (40 random bits; no I, L, O or U, so nothing is misheard
 * or misread), unique across all submissions. A dealer may type it back in any
 * case, with or without the dash, and with O for 0 or I and L for 1.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { SubmissionReference } from '../../contract/index.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What the dealer typed, as stored: upper case, the look-alikes read as digits, the dash in the middle. */
function normalized(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

/** The `reference` query parameter of GET /v1/submissions. */
export const ReferenceQuery = z.string().transform(normalized).pipe(SubmissionReference);
