/**
 * Reading the vendors' needs (requirements.ts) against a shopper's answers: a
 * quote request on the server, a draft in the widget. No zod here, so the
 * widget carries these few lines and not the schemas.
 */
import type { FieldNeed, QuoteRequirements } from './requirements.ts';

const at = (answers: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], answers);

const blank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * The concrete paths a need asks of these answers (a quote request or a draft):
 * `drivers.*.occupation` becomes `drivers.1.occupation` for each driver whose
 * conditions hold. `answered: false` keeps only those still blank.
 */
function pathsOf(need: FieldNeed, answers: unknown, { answered = true } = {}): string[] {
  const star = need.path.indexOf('.*');
  const positions = star < 0 ? [undefined] : Object.keys((at(answers, need.path.slice(0, star)) as unknown[] | undefined) ?? []);
  return positions.flatMap((i) => {
    const fill = (path: string) => (i === undefined ? path : path.replace('*', i));
    const applies = (need.when ?? []).every((c) => c.in.includes(at(answers, fill(c.path)) as string | number | boolean));
    const path = fill(need.path);
    return applies && (answered || blank(at(answers, path))) ? [path] : [];
  });
}

/** The paths of these answers that the needs ask and that are still blank. */
export function unanswered(needs: readonly FieldNeed[], answers: unknown): { path: string; reason: string }[] {
  return needs.flatMap((need) => pathsOf(need, answers, { answered: false }).map((path) => ({ path, reason: need.reason })));
}

/** True when any of the vendors needs `path` (a concrete one, `drivers.0.occupation`) for these answers. */
export function isNeeded(requirements: QuoteRequirements | undefined, path: string, answers: unknown): boolean {
  return (requirements?.vendors ?? []).some((v) => v.fields.some((need) => pathsOf(need, answers).includes(path)));
}

/** The closed list a vendor gives for a path as the needs write it (`drivers.*.occupationIndustry`), if any. */
export function choicesFor(requirements: QuoteRequirements | undefined, path: string): string[] | undefined {
  return requirements?.vendors.flatMap((v) => v.fields).find((need) => need.path === path && need.choices)?.choices;
}
