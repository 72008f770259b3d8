/**
 * The sandbox's rating formula and the money conversions on both sides:
 * prices move the way real ones do, deterministically, and dollars ⇄ cents is
 * exact.
 */
import { describe, expect, it } from 'vitest';
import { addDays, usToday } from '../../../../contract/primitives.ts';
import { toMdy } from '../../../../server/vendors/coverhound/dates.ts';
import { centsToDollarString, dollarsToCents } from '../../../../server/vendors/coverhound/money.ts';
import { marketPremiumCents, modelYear } from '../../../../server/vendors/coverhound/sandbox/rating.ts';
import { carrierOutcome } from '../../../../server/vendors/coverhound/sandbox/underwriting.ts';
import { CoverHoundQuoteRequest } from '../../../../server/vendors/coverhound/schemas.ts';
import { stateOfZip } from '../../../../server/vendors/coverhound/zip-states.ts';
import { seedQuoteRequest } from './seed-examples.ts';

/** The seed example with one change applied, validated as CoverHound's request. */
function priced(change: (r: ReturnType<typeof seedQuoteRequest>) => void = () => {}) {
  const request = seedQuoteRequest();
  change(request);
  return marketPremiumCents(CoverHoundQuoteRequest.parse(request));
}
const yearsAgo = (years: number) => toMdy(addDays(usToday(), -Math.round(365.25 * years)));

describe('sandbox rating', () => {
  const base = priced();

  it('gives a plausible six-month premium for the seed example, the same every time', () => {
    expect(base).toBeGreaterThan(200_00);
    expect(base).toBeLessThan(2_000_00);
    expect(priced()).toBe(base);
  });

  it('charges a young driver more than a middle-aged one', () => {
    expect(priced((r) => void (r.applicant.drivers[0]!.birthDate = yearsAgo(19)))).toBeGreaterThan(base * 1.5);
  });

  it('charges more for a recent DUI, and forgets incidents older than five years', () => {
    const recentDui = priced((r) => Object.assign(r.applicant.incidents[0]!, { incidentType: 'DUI', incidentDate: yearsAgo(1) }));
    expect(recentDui).toBeGreaterThan(base * 1.5);
    // The seed's own accident (2010) is long past: removing it changes nothing.
    expect(priced((r) => void (r.applicant.incidents = []))).toBe(base);
    expect(priced((r) => void (r.applicant.incidents[0]!.incidentDate = yearsAgo(1)))).toBeGreaterThan(base);
  });

  it('charges more for higher limits and for collision and comprehensive cover', () => {
    const higher = priced((r) => Object.assign(r.coverages.policy, { biPerson: 100000, biAccident: 300000, pd: 100000 }));
    expect(higher).toBeGreaterThan(base);
    const full = priced((r) => void (r.coverages.vehicles[0] = { coll: 500, comp: 500 }));
    expect(full).toBeGreaterThan(base);
    const lowerDeductible = priced((r) => void (r.coverages.vehicles[0] = { coll: 250, comp: 250 }));
    expect(lowerDeductible).toBeGreaterThan(full);
  });

  it('charges more for physical damage on a newer vehicle', () => {
    const withCollision = (vin: string) =>
      priced((r) => {
        r.applicant.vehicles[0]!.vin = vin;
        r.coverages.vehicles[0] = { coll: 500, comp: 500 };
      });
    expect(withCollision('1FMDU63KNU')).toBeGreaterThan(withCollision('1FMDU63K3U')); // 2022 vs 2003
  });

  it('prices by territory: Detroit costs more than Columbus', () => {
    expect(priced((r) => void (r.applicant.mailingZip = '48201'))).toBeGreaterThan(priced((r) => void (r.applicant.mailingZip = '43215')));
  });

  it('splits a carrier premium into pay plans whose parts add up exactly', () => {
    const outcome = carrierOutcome('ESRNC', CoverHoundQuoteRequest.parse(seedQuoteRequest()), 37690);
    expect(outcome).toEqual({
      payPlans: [
        expect.objectContaining({
          payPlanName: 'Pay in Full',
          termLength: 6,
          downPayment: '376.9',
          installment: '0.0',
          totalPremium: '376.9',
        }),
        expect.objectContaining({ payPlanName: 'Monthly, Automatic Payments', numInstallments: 4, totalPremium: '396.88' }),
      ],
    });
    const monthly = 'payPlans' in outcome ? outcome.payPlans[1]! : undefined;
    expect(dollarsToCents(monthly!.downPayment)! + 4 * dollarsToCents(monthly!.installment)!).toBe(39688);
  });
});

describe('CoverHound helpers', () => {
  it.each([
    ['376.9', 37690],
    ['396.85', 39685],
    ['0.0', 0],
    ['12', 1200],
    ['12.345', 1235],
    ['12.344', 1234],
    [67.63, 6763],
  ] as const)('reads %s dollars as %i cents', (dollars, cents) => {
    expect(dollarsToCents(dollars)).toBe(cents);
  });

  it('refuses amounts that are not amounts', () => {
    expect(dollarsToCents('12,50')).toBeUndefined();
    expect(dollarsToCents('-5')).toBeUndefined();
    expect(dollarsToCents(Number.NaN)).toBeUndefined();
  });

  it.each([
    [37690, '376.9'],
    [39685, '396.85'],
    [0, '0.0'],
    [12600, '126.0'],
    [5, '0.05'],
  ] as const)('prints %i cents as "%s", as the documentation does', (cents, text) => {
    expect(centsToDollarString(cents)).toBe(text);
    expect(dollarsToCents(text)).toBe(cents);
  });

  it('reads the model year from position 10 of a VIN or pattern', () => {
    expect(modelYear('1FMDU63K3U', '2026-01-01')).toBe(2003);
    expect(modelYear('YV1RH592*8*******', '2026-01-01')).toBe(2008);
    expect(modelYear('5YJ3E1EA0KF317000', '2026-01-01')).toBe(2019);
    expect(modelYear('1HGCV1F30AA000001', '2026-01-01')).toBe(2010);
  });

  it.each([
    ['94111', 'CA'],
    ['99501', 'AK'],
    ['96813', 'HI'],
    ['02108', 'MA'],
    ['05501', 'MA'],
    ['05401', 'VT'],
    ['19103', 'PA'],
    ['10001', 'NY'],
    ['20500', 'DC'],
    ['73301', 'TX'],
    ['78751', 'TX'],
    ['88501', 'TX'],
    ['87501', 'NM'],
    ['00901', undefined],
    ['09001', undefined],
    ['96201', undefined],
  ] as const)('puts ZIP %s in %s', (zip, state) => {
    expect(stateOfZip(zip)).toBe(state);
  });
});
