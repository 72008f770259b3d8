/**
 * The sandbox program's rate cycles: which states it writes, from which date,
 * and the coverage options each cycle offers. PACE answers every lookup "for a
 * state" through its rate cycle, so a state without one is not written.
 */
import type { PaceRatingCoverage } from '../schemas.ts';

type Split = readonly [perPerson: number, perAccident: number];

export type RateCycle = {
  name: string;
  state: string;
  /** First effective date (YYYY-MM-DD) the cycle rates. */
  start: string;
  /** The state's minimum bodily injury limits in dollars. */
  minimumBi: Split;
  /** Personal injury protection limits, in no-fault states only. */
  pip?: readonly number[];
};

/** Most states' cycles start here; the seed's oldest example quotes are from 2018. */
const FIRST_CYCLE = '2018-01-01';

const MINIMUM_BI: Readonly<Record<string, Split>> = {
  AZ: [25_000, 50_000],
  CO: [25_000, 50_000],
  FL: [10_000, 20_000],
  GA: [25_000, 50_000],
  IL: [25_000, 50_000],
  IN: [25_000, 50_000],
  MO: [25_000, 50_000],
  NV: [25_000, 50_000],
  OH: [25_000, 50_000],
  OK: [25_000, 50_000],
  OR: [25_000, 50_000],
  SC: [25_000, 50_000],
  TN: [25_000, 50_000],
  TX: [30_000, 60_000],
  UT: [25_000, 65_000],
  VA: [30_000, 60_000],
  WI: [25_000, 50_000],
};

const PIP: Readonly<Record<string, readonly number[]>> = { FL: [10_000], OR: [15_000, 25_000], UT: [3_000, 10_000] };

const RATE_CYCLES: readonly RateCycle[] = [
  ...Object.entries(MINIMUM_BI).map(([state, minimumBi]) => ({
    name: `${state}-2018-01`,
    state,
    start: FIRST_CYCLE,
    minimumBi,
    ...(PIP[state] ? { pip: PIP[state] } : {}),
  })),
  // California raised its minimum limits to 30/60 on 2025-01-01: two cycles show how the date matters.
  { name: 'CA-2018-01', state: 'CA', start: FIRST_CYCLE, minimumBi: [15_000, 30_000] },
  { name: 'CA-2025-01', state: 'CA', start: '2025-01-01', minimumBi: [30_000, 60_000] },
];

/** The states the sandbox program writes (the default of PACE_STATES). */
export const SANDBOX_STATES: readonly string[] = [...new Set(RATE_CYCLES.map((c) => c.state))].sort();

/** The cycle rating `state` on `date` (YYYY-MM-DD): the latest one already started. */
export function findRateCycle(state: string, date: string): RateCycle | undefined {
  return RATE_CYCLES.filter((c) => c.state === state.toUpperCase() && c.start <= date).sort((a, b) => b.start.localeCompare(a.start))[0];
}

const BI_LIMITS: readonly Split[] = [
  [10_000, 20_000],
  [15_000, 30_000],
  [25_000, 50_000],
  [25_000, 65_000],
  [30_000, 60_000],
  [50_000, 100_000],
  [100_000, 300_000],
  [250_000, 500_000],
];
/** Property damage options are the same in every state (the seed's own GA example buys 10,000). */
const PD_LIMITS = [10_000, 15_000, 20_000, 25_000, 50_000, 100_000];
const UMPD_LIMITS = [10_000, 25_000];
const MP_LIMITS = [500, 1_000, 2_000, 5_000, 10_000];
const DEDUCTIBLES = [250, 500, 1_000, 2_000];
const RENTAL = ['30/900', '40/1200'];
const TOWING = [50, 100];

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  BI: 'Bodily Injury',
  PD: 'Property Damage',
  UMBI: 'Uninsured Motorist Bodily Injury',
  UMPD: 'Uninsured Motorist Property Damage',
  MP: 'Medical Payments',
  PIP: 'Personal Injury Protection',
  COMP: 'Comprehensive',
  COLL: 'Collision',
  RENT: 'Rental',
  TOW: 'Towing',
};

/** Coverages rated per vehicle (the rest are policy level). */
export const VEHICLE_COVERAGES = new Set(['COMP', 'COLL', 'RENT', 'TOW']);

export const coverageDescription = (name: string) => DESCRIPTIONS[name] ?? name;

const money = (n: number) => n.toLocaleString('en-US');

function option(coverage: string, limitValue: string): PaceRatingCoverage {
  return {
    coverage,
    coverageDescription: coverageDescription(coverage),
    limitValue,
    emptyLimitValue: 'NONE',
    displayLimit: limitValue
      .split('/')
      .map((part) => money(Number(part)))
      .join('/'),
  };
}

/** Every option the cycle offers, in the seed's ratingCoverageObject shape. */
export function coverageOptions(cycle: RateCycle): PaceRatingCoverage[] {
  const [minPerson, minAccident] = cycle.minimumBi;
  const bi = BI_LIMITS.filter(([p, a]) => p >= minPerson && a >= minAccident).map(([p, a]) => `${p}/${a}`);
  return [
    ...bi.map((l) => option('BI', l)),
    ...PD_LIMITS.map((l) => option('PD', String(l))),
    ...bi.map((l) => option('UMBI', l)),
    ...UMPD_LIMITS.map((l) => option('UMPD', String(l))),
    ...MP_LIMITS.map((l) => option('MP', String(l))),
    ...(cycle.pip ?? []).map((l) => option('PIP', String(l))),
    ...DEDUCTIBLES.map((l) => option('COMP', String(l))),
    ...DEDUCTIBLES.map((l) => option('COLL', String(l))),
    ...RENTAL.map((l) => option('RENT', l)),
    ...TOWING.map((l) => option('TOW', String(l))),
  ];
}
