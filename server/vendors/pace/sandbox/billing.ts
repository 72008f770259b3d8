/**
 * The sandbox program's pay plans and their installment schedules, in the
 * seed's payPlanResponseObject / quoteRateInstallmentObject shapes: paid in
 * full, or one month down and the rest monthly (the seed's "16.7% down / 5
 * installments" on six months; its serialized 12-month quote pays 8.3% down
 * and 11 installments).
 */
import { addMonths } from '../dates.ts';
import type { PacePayPlanOption, PaceRateInstallment } from '../schemas.ts';

export type PayPlan = { payPlanId: number; payPlanName: string; downPaymentPercent: number; installmentCount: number };

const POLICY_FEE = 5;
const INSTALLMENT_FEE = 5;

function payPlansFor(term: number): PayPlan[] {
  const down = Math.round((1 / term) * 1000) / 1000;
  return [
    { payPlanId: 100 + term, payPlanName: 'Paid in full', downPaymentPercent: 1, installmentCount: 0 },
    {
      payPlanId: 200 + term,
      payPlanName: `${(down * 100).toFixed(1)}% down / ${term - 1} installments`,
      downPaymentPercent: down,
      installmentCount: term - 1,
    },
  ];
}

/** The plan a rate request asks for, matched as PACE does: by down payment share and installment count. */
export function findPayPlan(term: number, downPayment: number, installments: number): PayPlan | undefined {
  return payPlansFor(term).find((p) => Math.abs(p.downPaymentPercent - downPayment) < 0.0005 && p.installmentCount === installments);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The schedule of `plan` for a written premium: installment 0 is the down payment, one installment a month after it. */
function schedule(plan: PayPlan, written: number, effectiveDate: string): PaceRateInstallment[] {
  const downPremium = plan.installmentCount === 0 ? written : round2(written * plan.downPaymentPercent);
  const rest = round2(written - downPremium);
  const each = plan.installmentCount === 0 ? 0 : Math.floor((rest / plan.installmentCount) * 100) / 100;
  const premiums = [
    downPremium,
    ...Array.from({ length: plan.installmentCount }, (_, i) =>
      // The last installment takes the cents the even split left over.
      i === plan.installmentCount - 1 ? round2(rest - each * (plan.installmentCount - 1)) : each,
    ),
  ];
  const totalFees = POLICY_FEE + INSTALLMENT_FEE * plan.installmentCount;
  const regularDue = plan.installmentCount === 0 ? 0 : round2(each + INSTALLMENT_FEE);
  return premiums.map((premium, i) => {
    const fee = i === 0 ? POLICY_FEE : INSTALLMENT_FEE;
    return {
      installmentNumber: i,
      dueDate: addMonths(effectiveDate, i),
      totalPremium: premium,
      totalFees: fee,
      totalDue: round2(premium + fee),
      ...(i === 0 ? { estimatedTotal: round2(written + totalFees), estimatedMonthly: regularDue } : {}),
      breakDown: [
        ...(i === 0 ? [] : [{ name: 'Premium', isFee: false, amount: premium }]),
        { name: i === 0 ? 'Policy Fee' : 'Installment Fee', isFee: true, amount: fee },
      ],
    };
  });
}

export function payPlanOptions(term: number, written: number, effectiveDate: string): PacePayPlanOption[] {
  return payPlansFor(term).map((plan) => ({ ...plan, installments: schedule(plan, written, effectiveDate) }));
}
