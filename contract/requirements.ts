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
