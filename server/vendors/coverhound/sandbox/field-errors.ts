/**
 * CoverHound's `errors` object: keys in Rails parameter style without list
 * positions (`applicant[vehicles][ownership]`, as documented), values a list
 * of sentence endings ("does not have a valid value"). Every check in the
 * sandbox reports through here so every 400 reads the same way.
 */
import type { z } from 'zod';

export type FieldErrors = Record<string, string[]>;

/** `['applicant', 'vehicles', 0, 'ownership']` → `applicant[vehicles][ownership]`. */
function railsKey(path: ReadonlyArray<PropertyKey>): string {
  const names = path.filter((part) => typeof part !== 'number').map(String);
  if (names.length === 0) return 'request';
  return names.map((name, i) => (i === 0 ? name : `[${name}]`)).join('');
}

export function addError(errors: FieldErrors, path: ReadonlyArray<PropertyKey>, message: string) {
  const key = railsKey(path);
  const list = errors[key] ?? [];
  errors[key] = list;
  // Without positions, the same problem in two drivers is one key; say it once.
  if (!list.includes(message)) list.push(message);
}

/**
 * Zod's messages in CoverHound's words, for issues the schema gives no words
 * of its own: an absent or empty value "is required", anything else "does not
 * have a valid value".
 */
const VENDOR_WORDS = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null || issue.input === '' ? 'is required' : 'does not have a valid value',
};

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseVendorBody<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(body, VENDOR_WORDS);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) addError(errors, issue.path, issue.message);
  return { ok: false, errors };
}
