/**
 * The shopper's answers while they are being given: the canonical applicant
 * with every part optional (the shape of a pre-fill), read and written by dot
 * paths, which are also the server's field-error paths (`drivers.0.dateOfBirth`).
 */
import type { Prefill, QuoteRequestBody } from '../../contract/applicant.ts';

type DeepPartial<T> = T extends readonly (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export type Draft = DeepPartial<QuoteRequestBody>;
export type DriverDraft = NonNullable<Draft['drivers']>[number];
export type VehicleDraft = NonNullable<Draft['vehicles']>[number];
/** At most this many drivers, and this many vehicles, are quoted together. */
export const MAX_ENTRIES = 6;

export function getAt(target: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], target);
}

/** Sets a value, creating the objects and lists on the way; an empty value removes the key. */
export function setAt(target: object, path: string, value: unknown) {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  keys.slice(0, -1).forEach((key, i) => {
    node[key] ??= /^\d+$/.test(keys[i + 1] as string) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  const last = keys.at(-1) as string;
  if (value === undefined || value === '') delete node[last];
  else node[last] = value;
}

/** Dates as the server counts them: its "today" is the latest anywhere in the US (UTC−10). */
export function usDate(offsetDays = 0): string {
  return new Date(Date.now() - 10 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** A fresh draft from the dealer's pre-fill: at least one driver (the applicant) and one vehicle. */
export function draftFrom(prefill: Prefill = {}): Draft {
  const draft: Draft = structuredClone(prefill);
  draft.drivers = draft.drivers?.length ? draft.drivers : [{}];
  draft.vehicles = draft.vehicles?.length ? draft.vehicles : [{}];
  (draft.drivers[0] as DriverDraft).relationship = 'self';
  return draft;
}

/** Removes empty strings and trims text, recursively. */
export function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return value.map(clean);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const cleaned = clean(v);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return out;
  }
  return value;
}

/**
 * The request body. Only what the shopper's answers imply is derived here
 * (drivers[0] is the applicant, commute details only for a commuting car,
 * prior insurance only when insured now or said to be none); the server validates the rest.
 */
export function toRequestBody(draft: Draft, insuredNow: boolean): QuoteRequestBody {
  const body = clean(draft) as Draft;
  body.drivers?.forEach((driver, i) => {
    if (i === 0) driver.relationship = 'self';
    if (driver.employment !== 'student') delete driver.goodStudent;
  });
  for (const vehicle of body.vehicles ?? []) {
    if (vehicle.use !== 'commute') {
      delete vehicle.commuteMilesOneWay;
      delete vehicle.commuteDaysPerWeek;
    }
  }
  // Not insured now: sent only as the shopper's "not insured" (0 months, with when they last were), never as an old policy.
  if (!insuredNow && body.priorInsurance?.monthsInsured !== 0) delete body.priorInsurance;
  return body as QuoteRequestBody;
}
