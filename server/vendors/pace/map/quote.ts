/**
 * PACE's rate answer → our Quote. PACE is one program (the MGA), so the
 * program is the quote's carrier, under the name and code it is configured
 * with (PACE_CARRIER_NAME, PACE_CARRIER_CODE), never its internal MGA name. Pay plans come from every plan PACE priced
 * (allInstallmentOptions), or the chosen plan's schedule when that is all it
 * sent.
 */
import type { PayPlan, Quote } from '../../../../contract/index.ts';
import type { PaceProgram } from '../config.ts';
import type { PacePayPlanOption, PaceRateInstallment, PaceRateResponse } from '../schemas.ts';
import { dollarsToCents } from './money.ts';

const due = (installment: PaceRateInstallment) => installment.totalDue ?? (installment.totalPremium ?? 0) + (installment.totalFees ?? 0);

/**
 * Installment 0 is the down payment; the rest follow monthly. The last one can
 * differ by the cents an even split leaves over, so the first regular one is
 * "the installment", and the total is what the shopper pays in all (fees included).
 */
export function toPayPlan(name: string, installments: readonly PaceRateInstallment[]): PayPlan {
  const ordered = [...installments].sort((a, b) => (a.installmentNumber ?? 0) - (b.installmentNumber ?? 0));
  const [down, ...rest] = ordered;
  return {
    name,
    downPaymentCents: down ? dollarsToCents(due(down)) : 0,
    installmentCents: rest[0] ? dollarsToCents(due(rest[0])) : 0,
    installments: rest.length,
    totalPremiumCents: ordered.reduce((sum, i) => sum + dollarsToCents(due(i)), 0),
  };
}

const planOf = (option: PacePayPlanOption) => toPayPlan(option.payPlanName, option.installments);

export function toCanonicalQuote(answer: PaceRateResponse, program: PaceProgram): Quote {
  const options = answer.allInstallmentOptions ?? [];
  const payPlans =
    options.length > 0 ? options.map(planOf) : answer.installments?.length ? [toPayPlan('Selected pay plan', answer.installments)] : [];
  return {
    id: `pace-${answer.policyNumber}`,
    vendor: 'pace',
    carrierCode: program.carrierCode,
    carrierName: program.carrierName,
    status: 'complete',
    termMonths: answer.term ?? program.termMonths,
    ...(payPlans.length > 0 ? { payPlans } : {}),
  };
}
