/**
 * Turns a checked and rated request into the rate answer and the quote record
 * the sandbox keeps, so the new quote is found by the quote info lookups. The
 * quote number and customer GUID are digests of the request: the same request
 * always gets the same quote.
 */
import { createHash } from 'node:crypto';
import { fromPaceDate } from '../dates.ts';
import type { PaceCoverageLimit, PaceRateResponse } from '../schemas.ts';
import { payPlanOptions } from './billing.ts';
import { coverageDescription, VEHICLE_COVERAGES } from './rate-cycles.ts';
import type { CheckedRateRequest } from './rate-rules.ts';
import { rate } from './rating.ts';
import type { QuoteRecord } from './records.ts';

function identity(request: unknown, state: string) {
  const hex = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const digits = String(Number.parseInt(hex.slice(0, 12), 16) % 10_000_000).padStart(7, '0');
  const g = hex.slice(12, 44).toUpperCase();
  return {
    // The seed's saved quotes are numbered like TQPSSGA0001001.
    policyNumber: `TQPSS${state}${digits}`,
    customerGuid: `${g.slice(0, 8)}-${g.slice(8, 12)}-${g.slice(12, 16)}-${g.slice(16, 20)}-${g.slice(20, 32)}`,
  };
}

/** PACE writes timestamps without a zone: 2018-09-05T02:01:46.957. */
const paceTimestamp = (now: Date) => now.toISOString().slice(0, 23);
const upper = (value: string | null | undefined) => (value ? value.toUpperCase() : null);

export function ratedQuote(checked: CheckedRateRequest, now: Date): { answer: PaceRateResponse; record: QuoteRecord } {
  const { request, rating, plan, expirationDate } = checked;
  const owner = identity(request, rating.state);
  const { written, writtenByCoverage } = rate(rating);
  const options = payPlanOptions(rating.term, written, rating.effectiveDate);
  const chosen = options.find((o) => o.payPlanId === plan.payPlanId)?.installments ?? [];
  const downPayment = chosen[0]?.totalDue ?? written;
  const estimatedMonthly = chosen[1]?.totalDue ?? 0;

  const coverageLimits: PaceCoverageLimit[] = [
    ...[...rating.limits].map(([name, limit]) => ({
      type: 'POLICY',
      indexNumber: 0,
      name,
      description: coverageDescription(name),
      limit,
      isUnusedCoverage: false,
    })),
    ...rating.vehicles.flatMap((v) =>
      [...v.limits]
        .filter(([name]) => VEHICLE_COVERAGES.has(name))
        .map(([name, limit]) => ({
          type: 'VEHICLE',
          indexNumber: v.carNumber,
          name,
          description: coverageDescription(name),
          limit,
          isUnusedCoverage: false,
        })),
    ),
  ];

  const answer: PaceRateResponse = {
    ...owner,
    quoteNumber: owner.policyNumber,
    mgaName: request.mgaName || null,
    agencyCode: request.agencyCode,
    ratedState: rating.state,
    status: 'QUOTE',
    effectiveDate: rating.effectiveDate,
    expirationDate,
    quotedDate: paceTimestamp(now),
    term: rating.term,
    written,
    estimatedWritten: written,
    downPayment,
    estimatedMonthly,
    coverageLimits,
    writtenByCoverage,
    installments: chosen,
    allInstallmentOptions: options,
  };

  const insured = request.drivers.find((d) => d.relation?.toUpperCase() === 'INSURED') ?? request.drivers[0];
  const dob = fromPaceDate(insured?.dob);
  const record: QuoteRecord = {
    info: {
      ...owner,
      quoteNumber: owner.policyNumber,
      agencyCode: request.agencyCode,
      lob: request.lob ?? 1,
      ratedState: rating.state,
      priorPolicyNumber: null,
      nextPolicyNumber: null,
      status: 'QUOTE',
      effectiveDate: rating.effectiveDate,
      expirationDate,
      cancelDate: null,
      quotedDate: answer.quotedDate,
      term: rating.term,
      written,
      insuredFirstName: upper(request.insuredFirstName),
      insuredMiddleInitial: upper(request.insuredMiddleInitial),
      insuredLastName: upper(request.insuredLastName),
      insuredSuffix: upper(request.insuredSuffix),
      insuredDateOfBirth: dob ? `${dob}T00:00:00` : null,
      secondInsuredFirstName: upper(request.secondInsuredFirstName),
      secondInsuredMiddleInitial: upper(request.secondInsuredMiddleInitial),
      secondInsuredLastName: upper(request.secondInsuredLastName),
      secondInsuredSuffix: upper(request.secondInsuredSuffix),
      addresses: request.addresses.map((a) => ({
        ...a,
        streetName: a.streetName.toUpperCase(),
        city: a.city.toUpperCase(),
        state: a.state.toUpperCase(),
      })),
      phoneNumbers: request.phoneNumbers,
      emailAddress: request.emailAddress.toUpperCase(),
      isPaperless: request.isPaperless,
      isNonOwners: request.isNonOwners,
      attributes: [],
      downPayment,
      estimatedWritten: written,
      estimatedMonthly,
    },
    drivers: request.drivers.map((d, i) => ({
      ...owner,
      driverNumber: d.driverNumber ?? i + 1,
      firstName: d.firstName.toUpperCase(),
      middleInitial: upper(d.middleInitial),
      lastName: d.lastName.toUpperCase(),
      status: upper(d.status) ?? 'RATED',
      relation: upper(d.relation),
      dob: fromPaceDate(d.dob) ?? d.dob,
      isMarried: d.isMarried ?? false,
      isExcluded: d.isExcluded ?? false,
      totalPoints: rating.drivers[i]?.points ?? 0,
    })),
    vehicles: (request.isNonOwners ? [] : (request.vehicles ?? [])).map((v, i) => ({
      ...owner,
      carNumber: v.carNumber ?? i + 1,
      vin: v.vin ?? null,
      year: v.year,
      make: v.make ?? null,
      model: v.model ?? null,
      bodyStyle: v.bodyStyle ?? null,
    })),
    coverages: {
      ...owner,
      hasPriorCoverage: request.hasPriorCoverage,
      hasPriorBalance: false,
      previousCarrier: request.hasPriorCoverage ? (request.previousCompany ?? null) : null,
      previousExpirationDate: request.hasPriorCoverage ? (fromPaceDate(request.previousExpirationDate) ?? null) : null,
      priorMonthsInsured: request.hasPriorCoverage ? (request.priorMonthsInsured ?? null) : null,
      priorBiLimit: request.priorBiLimit ?? 'No BI Coverage',
      coverageLimits,
      writtenByCoverage,
    },
  };
  return { answer, record };
}
