/** An insurance policy the shopper already holds, normalised from Trellis and PACE. */
import { z } from 'zod';

const POLICY_TYPES = ['auto', 'home', 'renters', 'condo', 'motorcycle', 'umbrella', 'other'] as const;

export const PolicyPerson = z.object({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  /** The name as the issuer wrote it, when it cannot be split reliably. */
  fullName: z.string().optional(),
  dateOfBirth: z.string().optional(),
});

export const PolicyDriver = PolicyPerson.extend({
  licenseState: z.string().optional(),
  relationship: z.string().optional(),
});

export const PolicyVehicle = z
  .object({
    vin: z.string().optional(),
    year: z.number().int().optional(),
    make: z.string().optional(),
    model: z.string().optional(),
  })
  .meta({ id: 'PolicyVehicle' });

export const PolicyCoverage = z
  .object({
    /** Our lower_snake_case name, e.g. bodily_injury, collision. */
    type: z.string(),
    /** The issuer's own label for it. */
    name: z.string(),
    perPersonLimitCents: z.number().int().optional(),
    perAccidentLimitCents: z.number().int().optional(),
    limitCents: z.number().int().optional(),
    deductibleCents: z.number().int().optional(),
    /** The limit has no cap (the issuer writes "unlimited"); the limit fields are then absent. */
    unlimited: z.boolean().optional(),
    premiumCents: z.number().int().optional(),
    /** Index into `vehicles` for a coverage that applies to one vehicle only. */
    vehicle: z.number().int().optional(),
  })
  .meta({ id: 'PolicyCoverage' });

export const Policy = z
  .object({
    id: z.string(),
    issuer: z.string(),
    policyNumber: z.string(),
    type: z.enum(POLICY_TYPES),
    active: z.boolean(),
    effectiveDate: z.string(),
    expirationDate: z.string(),
    premiumCents: z.number().int().optional(),
    holder: PolicyPerson,
    drivers: z.array(PolicyDriver),
    vehicles: z.array(PolicyVehicle),
    coverages: z.array(PolicyCoverage),
  })
  .meta({ id: 'Policy' });

export type PolicyPerson = z.infer<typeof PolicyPerson>;
export type PolicyDriver = z.infer<typeof PolicyDriver>;
export type PolicyVehicle = z.infer<typeof PolicyVehicle>;
export type PolicyCoverage = z.infer<typeof PolicyCoverage>;
export type Policy = z.infer<typeof Policy>;
