/** Finding an existing quote or policy, and the vehicle and coverage pick-lists. */
import { z } from 'zod';
import { Policy } from './policy.ts';
import { email, isoDate, pastDate, postalCode, queryInteger, queryText, text, usState, vin } from './primitives.ts';

export const PolicyLookupBody = z
  .object({
    policyNumber: text('Policy number', 40).optional(),
    email: email.optional(),
    dateOfBirth: pastDate('Date of birth'),
  })
  .refine((body) => (body.policyNumber === undefined) !== (body.email === undefined), {
    error: 'Give either a policy number or an email, not both',
    path: ['policyNumber'],
  })
  .meta({
    id: 'PolicyLookupRequest',
    description:
      'Give exactly one of `policyNumber` and `email` (both, or neither, is a 400 on `policyNumber`), with the `dateOfBirth` of the insured or a driver.',
  });

const year = queryInteger('Year must be a year like 2019', { min: 1981, max: 2100, tooSmall: 'Year must be 1981 or later' });

/** Query strings of the vehicle pick-lists: each level needs the ones before it. */
export const VehicleYearsQuery = z.object({ state: usState() });
export const VehicleMakesQuery = VehicleYearsQuery.extend({ year });
export const VehicleModelsQuery = VehicleMakesQuery.extend({ make: queryText('Make', 40) });
export const VehicleBodyStylesQuery = VehicleModelsQuery.extend({ model: queryText('Model', 60) });
export const VehicleVinsQuery = VehicleBodyStylesQuery.extend({ bodyStyle: queryText('Body style', 60) });
export const VinDecodeParams = z.object({ vin });
/** The state matters to a VIN decode: PACE rates (and so knows) vehicles per state. */
export const VinDecodeQuery = z.object({ state: usState() });
export const CoverageOptionsQuery = z.object({
  state: usState(),
  effectiveDate: isoDate('Effective date').optional(),
});

export const LookupList = z.object({ items: z.array(z.string()) }).meta({ id: 'LookupList' });

/** Model years as numbers, like `Vehicle.year` and `DecodedVehicle.year`, in the insurer's order. */
export const VehicleYears = z.object({ items: z.array(z.number().int()) }).meta({ id: 'VehicleYears' });

/** The quotes and policies found for a policy lookup: only those whose insured or a driver has the date of birth given. */
export const PolicyLookupResult = z.object({ policies: z.array(Policy).min(1) }).meta({ id: 'PolicyLookupResult' });

export const DecodedVehicle = z
  .object({
    vin: z.string(),
    year: z.number().int(),
    make: z.string(),
    model: z.string(),
    bodyStyle: z.string().optional(),
    trim: z.string().optional(),
    /** Present when the VIN's check digit does not match: it may be mistyped. */
    warning: z.string().optional(),
    /** Present when the insurer will not write this vehicle, with the reason in plain words. */
    unacceptable: z.string().optional(),
  })
  .meta({ id: 'DecodedVehicle' });

/** One choice of limit or deductible for a coverage. */
export const CoverageOption = z
  .object({
    /** The vendor's value for this option, sent back unchanged when it is chosen ("25000/50000"). */
    value: z.string(),
    /** How to show it ("25,000/50,000"). */
    label: z.string(),
    perPersonCents: z.number().int().optional(),
    perAccidentCents: z.number().int().optional(),
    limitCents: z.number().int().optional(),
    deductibleCents: z.number().int().optional(),
  })
  .meta({ id: 'CoverageOption' });

/** The options of one coverage in a state, in the order the vendor lists them. */
export const CoverageOptionGroup = z
  .object({
    /** Our lower_snake_case name, e.g. bodily_injury. */
    type: z.string(),
    /** The vendor's code, e.g. BI. */
    code: z.string(),
    name: z.string(),
    /** The value meaning "not carried". */
    emptyValue: z.string(),
    options: z.array(CoverageOption),
  })
  .meta({ id: 'CoverageOptionGroup' });

export const CoverageOptions = z
  .object({
    state: z.string(),
    effectiveDate: z.string().optional(),
    coverages: z.array(CoverageOptionGroup),
  })
  .meta({ id: 'CoverageOptions' });

export type CoverageOption = z.infer<typeof CoverageOption>;
export type CoverageOptionGroup = z.infer<typeof CoverageOptionGroup>;
export type CoverageOptions = z.infer<typeof CoverageOptions>;
export type PolicyLookupBody = z.infer<typeof PolicyLookupBody>;
export type DecodedVehicle = z.infer<typeof DecodedVehicle>;
export type LookupList = z.infer<typeof LookupList>;
export type VehicleYears = z.infer<typeof VehicleYears>;
export type PolicyLookupResult = z.infer<typeof PolicyLookupResult>;
export type VehicleMakesQuery = z.infer<typeof VehicleMakesQuery>;
export type VehicleModelsQuery = z.infer<typeof VehicleModelsQuery>;
export type VehicleBodyStylesQuery = z.infer<typeof VehicleBodyStylesQuery>;
export type VehicleVinsQuery = z.infer<typeof VehicleVinsQuery>;
export type CoverageOptionsQuery = z.infer<typeof CoverageOptionsQuery>;

/** GET /v1/lookups/places/{postalCode}: where a ZIP code is, so the shopper types the ZIP and not the city and state. */
export const PlaceParams = z.object({ postalCode });

export const Place = z
  .object({
    postalCode: z.string().meta({ example: '78751' }),
    /** The ZIP code's city as the postal service names it (the shopper can change it). */
    city: z.string(),
    state: usState(),
  })
  .meta({ id: 'Place' });

export type Place = z.infer<typeof Place>;
