/**
 * Our canonical model ⇄ PACE's, one module per direction and subject:
 * map/rate-request.ts (applicant → rate request), map/quote.ts (rate answer →
 * Quote), map/policy.ts (quote or policy record → Policy), map/lookups.ts
 * (VIN and coverage lookups), map/money.ts (dollars ⇄ cents).
 */
export { toPaceRateRequest } from './map/rate-request.ts';
export { toCanonicalQuote, toPayPlan } from './map/quote.ts';
export { type PaceRecord, type PaceRecordKind, coverageType, toCanonicalPolicy } from './map/policy.ts';
export {
  CHECK_DIGIT_WARNING,
  CoverageOption,
  CoverageOptionGroup,
  type DecodeOptions,
  optionAmounts,
  toCoverageOptionGroups,
  toDecodedVehicle,
  unacceptableReason,
} from './map/lookups.ts';
export { dollarsToCents, limitCents, limitDollars, splitLimit } from './map/money.ts';
