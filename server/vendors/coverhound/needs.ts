/**
 * What CoverHound needs answered beyond the Applicant schema, as its Quotes
 * API reference states it ("Required if careerStatus = Employed", "Required if
 * homeowner = true", …). map/request.ts refuses a request that lacks one; this
 * list lets the widget ask for it first and an API caller read it.
 */
import type { FieldNeed, QuoteRequestBody } from '../../../contract/index.ts';
import { UnmappableError } from '../shared/errors.ts';
import { OCCUPATION_INDUSTRIES } from '../shared/occupation-industries.ts';
import { toCoverHoundQuoteRequest } from './map.ts';

export const COVERHOUND_NEEDS: readonly FieldNeed[] = [
  { path: 'vehicles.*.vin', reason: 'CoverHound quotes a vehicle by its VIN' },
  {
    path: 'vehicles.*.commuteMilesOneWay',
    when: [{ path: 'vehicles.*.use', in: ['commute'] }],
    reason: 'CoverHound needs the one-way distance to work of a commuting vehicle',
  },
  {
    path: 'vehicles.*.commuteDaysPerWeek',
    when: [{ path: 'vehicles.*.use', in: ['commute'] }],
    reason: 'CoverHound needs how many days a week a commuting vehicle is driven to work',
  },
  {
    path: 'vehicles.*.commutesToNyNj',
    when: [{ path: 'address.state', in: ['PA'] }],
    reason: 'CoverHound needs to know whether a Pennsylvania vehicle is driven to work in New York or New Jersey',
  },
  {
    path: 'drivers.*.occupationIndustry',
    when: [{ path: 'drivers.*.employment', in: ['employed'] }],
    reason: 'CoverHound needs the industry an employed driver works in',
    choices: [...OCCUPATION_INDUSTRIES],
  },
  {
    path: 'drivers.*.occupation',
    when: [{ path: 'drivers.*.employment', in: ['employed'] }],
    reason: 'CoverHound needs the occupation of an employed driver',
  },
  {
    path: 'drivers.*.goodStudent',
    when: [{ path: 'drivers.*.employment', in: ['student'] }],
    reason: 'CoverHound needs to know whether a full-time student has a GPA of 3.0 or better',
  },
  {
    path: 'residence.type',
    when: [{ path: 'residence.ownership', in: ['own'] }],
    reason: 'CoverHound needs the type of home a homeowner owns',
  },
  { path: 'priorInsurance.monthsInsured', reason: 'CoverHound needs how long the applicant has been continuously insured' },
  {
    path: 'priorInsurance.expirationDate',
    when: [{ path: 'priorInsurance.monthsInsured', in: [0] }],
    reason: 'CoverHound needs when an applicant who is not insured now was last insured',
  },
];

/** What CoverHound's own mapping finds missing first, for rules the list cannot say (a driver's main vehicle among several). */
export function coverHoundMissing(body: QuoteRequestBody): { path: string; reason: string } | undefined {
  try {
    toCoverHoundQuoteRequest(body, { userId: 'check' });
    return undefined;
  } catch (error) {
    if (error instanceof UnmappableError && error.kind === 'missing') return { path: error.field, reason: error.reason };
    // A value CoverHound cannot take at all is a decline, not a missing answer: the quote says so.
    if (error instanceof UnmappableError) return undefined;
    throw error;
  }
}
