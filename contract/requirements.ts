/**
 * What each enabled vendor needs answered for a shopper, from the vendor's own
 * rules: the fields of an applicant that the Applicant schema leaves optional
 * but a quoting vendor or a delivery target requires (some only for some
 * shoppers: CoverHound asks the industry of an employed driver only). The
 * widget asks a question only when one of these needs it; an API caller reads
 * the same list (GET /v1/quote-requirements) and, in a quote request's 202, what
 * its applicant still lacks for each vendor.
 */
import { z } from 'zod';
import { QuoteVendor } from './quote.ts';
import { DELIVERY_TARGETS } from './submission.ts';

/** A need holds only for shoppers whose answer at `path` is one of `in`. */
const NeedCondition = z
  .object({
    /** An applicant path; `*` is the same list position as in the needed field's path (the same driver, the same vehicle). */
    path: z.string(),
    in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  })
  .meta({ id: 'NeedCondition' });

export const FieldNeed = z
  .object({
    /** The applicant path that must be answered; `*` stands for every driver or vehicle (`drivers.*.occupationIndustry`). */
    path: z.string(),
    /** Needed only when every condition holds; always when absent. */
    when: z.array(NeedCondition).optional(),
    /** Why, in the vendor's own terms, for the dealer's developer. */
    reason: z.string(),
    /** The vendor's closed list of answers, when it has one: offered as choices, not free text. */
    choices: z.array(z.string()).optional(),
  })
  .meta({ id: 'FieldNeed' });

const VendorNeeds = z
  .object({
    vendor: z.union([QuoteVendor, z.enum(DELIVERY_TARGETS)]),
    /** The vendor's name as a dealer reads it. */
    name: z.string(),
    /** `quotes`: asked for every quote request; `delivery`: sent every submission. */
    role: z.enum(['quotes', 'delivery']),
    fields: z.array(FieldNeed),
  })
  .meta({ id: 'VendorNeeds' });

export const QuoteRequirements = z
  .object({
    /** Every quoting vendor this server asks and every delivery target it sends to, each with what it needs beyond the Applicant schema. */
    vendors: z.array(VendorNeeds),
  })
  .meta({ id: 'QuoteRequirements' });

export type FieldNeed = z.infer<typeof FieldNeed>;
export type QuoteRequirements = z.infer<typeof QuoteRequirements>;

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
