/**
 * Each simulated carrier's answer to a request: a decline when the risk is
 * outside its appetite, the documented "integration issue" failure for the
 * carrier set to fail, otherwise pay plans priced from the market premium.
 * The wording of both error texts follows the documentation's examples.
 */
import { CARRIER_NAMES, type CarrierCode } from '../carriers.ts';
import { fromMdy, toMdy } from '../dates.ts';
import { centsToDollarString } from '../money.ts';
import type { CoverHoundPayPlan, CoverHoundQuoteRequest } from '../schemas.ts';
import { type Appetite, SANDBOX_CARRIERS } from './carriers.ts';
import { recentIncidents } from './rating.ts';

export type CarrierOutcome = { payPlans: CoverHoundPayPlan[] } | { error: string };

const declinedText = (carrierName: string) => `${carrierName} does not wish to quote this risk type`;
const integrationIssueText = (carrierName: string) =>
  `We are currently unable to provide a quote from ${carrierName} for an unexpected reason. We will look to resolve shortly.`;

const UNLICENSED = new Set(['Suspended', 'Cancelled', 'Not Licensed', 'Permanently Revoked']);

function withinAppetite(appetite: Appetite, request: CoverHoundQuoteRequest): boolean {
  if (appetite === 'nonstandard') return true;
  const { drivers, incidents = [], effectiveDate } = request.applicant;
  const covered = drivers.map((driver, i) => ({ driver, i })).filter(({ driver }) => !driver.excluded);
  const recent = recentIncidents(
    incidents.filter((incident) => covered.some(({ i }) => i === incident.driverNum)),
    fromMdy(effectiveDate) ?? effectiveDate,
  );
  const duis = recent.filter((incident) => incident.incidentType === 'DUI').length;
  if (appetite === 'standard') return duis < 2 && covered.every(({ driver }) => !UNLICENSED.has(driver.licenseStatus));
  return duis === 0 && recent.length < 3 && covered.every(({ driver }) => driver.licenseStatus === 'Valid' && !driver.sr22);
}

export function carrierOutcome(code: CarrierCode, request: CoverHoundQuoteRequest, marketSixMonthCents: number): CarrierOutcome {
  const carrier = SANDBOX_CARRIERS[code];
  const name = CARRIER_NAMES[code];
  if (carrier.always === 'fails') return { error: integrationIssueText(name) };
  if (carrier.always === 'declines' || !withinAppetite(carrier.appetite, request)) return { error: declinedText(name) };
  const termPremium = Math.round(marketSixMonthCents * carrier.priceFactor * (carrier.termMonths / 6));
  return { payPlans: payPlans(termPremium, carrier.termMonths, fromMdy(request.applicant.effectiveDate) ?? '') };
}

/**
 * Pay in full, or monthly with automatic payments for about 5% more: a down
 * payment, then equal installments, summing exactly to the total (as the
 * documented example's 126.33 + 4 × 67.63 = 396.85 does).
 */
function payPlans(totalCents: number, termMonths: number, effectiveDate: string): CoverHoundPayPlan[] {
  const nextInstallment = toMdy(addMonths(effectiveDate, 1));
  const monthlyTotal = Math.round(totalCents * 1.053);
  const installments = termMonths - 2;
  const installment = Math.floor(monthlyTotal / (installments + 2));
  const down = monthlyTotal - installments * installment;
  return [
    {
      payPlanName: 'Pay in Full',
      payPlanDesc: 'Pay in Full',
      termLength: termMonths,
      downPayment: centsToDollarString(totalCents),
      installment: '0.0',
      numInstallments: 0,
      nextInstallment,
      totalPremium: centsToDollarString(totalCents),
    },
    {
      payPlanName: 'Monthly, Automatic Payments',
      payPlanDesc: 'Monthly, Automatic Payments',
      termLength: termMonths,
      downPayment: centsToDollarString(down),
      installment: centsToDollarString(installment),
      numInstallments: installments,
      nextInstallment,
      totalPremium: centsToDollarString(monthlyTotal),
    },
  ];
}

/** `YYYY-MM-DD` plus whole months, the day kept where the month has it (Jan 31 + 1 month → Feb 28/29). */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}
