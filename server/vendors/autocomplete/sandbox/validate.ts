/**
 * The `POST /people` checks: the documented minimum required fields, the
 * documented value lists and formats. AutoComplete answers one problem at a
 * time, as its sample error does ("Field 'new_vehicles' cannot be empty."),
 * so only the first problem is reported.
 */
import type { z } from 'zod';
import { PersonSubmission } from '../schemas.ts';

export type Messaging = 'dealer' | 'autocomplete';

export type Validation = { ok: true; person: PersonSubmission } | { ok: false; message: string };

/** `new_vehicles[0].vin`: the field as a partner would write it in code. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    '',
  );
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return 'Request body must be a JSON object.';
  return `Field '${fieldName(issue.path)}' ${issue.message}.`;
}

export function validateSubmission(body: unknown, messaging: Messaging): Validation {
  const parsed = PersonSubmission.safeParse(body);
  if (!parsed.success) return { ok: false, message: describe(parsed.error.issues[0]!) };
  const person = parsed.data;
  // "…with `sms_consent: true`, when configured for AutoComplete-Initiated Messaging": AutoComplete texts the customer itself.
  if (messaging === 'autocomplete' && !person.phone_numbers.some((phone) => phone.sms_consent === true)) {
    return {
      ok: false,
      message: "Field 'phone_numbers' must contain at least one valid phone number with sms_consent: true.",
    };
  }
  return { ok: true, person };
}
