/**
 * Our canonical model ⇄ PACE's, one module per direction and subject:
 * map/rate-request.ts (applicant → rate request), map/quote.ts (rate answer →
 * Quote), map/policy.ts (quote or policy record → Policy), map/lookups.ts
 * (VIN and coverage lookups), map/money.ts (dollars ⇄ cents).
 */

export {
  CHECK_DIGIT_WARNING,
  toCoverageOptionGroups,
  toDecodedVehicle,
} from './map/lookups.ts';

export { type PaceRecord, type PaceRecordKind, toCanonicalPolicy } from './map/policy.ts';
export { toCanonicalQuote, toPayPlan } from './map/quote.ts';
export { toPaceRateRequest } from './map/rate-request.ts';
