/**
 * How each simulated carrier behaves in the sandbox: how long it takes to
 * answer, how its prices compare, which risks it writes, and the two fixed
 * personas a dealer developer can rely on (Acuity always declines, Kemper
 * always fails the way the documentation's "integration issue" example does).
 */
import type { CarrierCode } from '../carriers.ts';

/**
 * preferred: only clean risks (no DUI, a valid licence, no SR-22, fewer than 3 incidents);
 * standard: anyone with a valid licence, permit or expired licence and at most one DUI;
 * nonstandard: everyone.
 */
export type Appetite = 'preferred' | 'standard' | 'nonstandard';

export type SandboxCarrier = {
  /** How long the carrier takes to answer, before the sandbox's delay scale. */
  delayMs: number;
  /** Its price relative to the market. */
  priceFactor: number;
  termMonths: 6 | 12;
  appetite: Appetite;
  /** A fixed outcome whatever the risk; used for the declining and the failing carrier. */
  always?: 'declines' | 'fails';
};

export const SANDBOX_CARRIERS: Record<CarrierCode, SandboxCarrier> = {
  GENRL: { delayMs: 500, priceFactor: 1.28, termMonths: 6, appetite: 'nonstandard' },
  PROGR: { delayMs: 900, priceFactor: 0.97, termMonths: 6, appetite: 'standard' },
  ACUIT: { delayMs: 1_200, priceFactor: 0.9, termMonths: 12, appetite: 'preferred', always: 'declines' },
  ESRNC: { delayMs: 1_500, priceFactor: 1.0, termMonths: 6, appetite: 'preferred' },
  GMAC: { delayMs: 1_800, priceFactor: 1.06, termMonths: 6, appetite: 'standard' },
  NTNWD: { delayMs: 2_000, priceFactor: 0.94, termMonths: 6, appetite: 'preferred' },
  CAIC: { delayMs: 2_200, priceFactor: 1.12, termMonths: 6, appetite: 'nonstandard' },
  DAIRY: { delayMs: 2_500, priceFactor: 1.18, termMonths: 6, appetite: 'nonstandard' },
  BRSTL: { delayMs: 3_000, priceFactor: 1.15, termMonths: 6, appetite: 'nonstandard' },
  INFINI: { delayMs: 3_500, priceFactor: 1.1, termMonths: 6, appetite: 'nonstandard' },
  SAFEC: { delayMs: 4_000, priceFactor: 0.92, termMonths: 12, appetite: 'preferred' },
  STATA: { delayMs: 4_500, priceFactor: 1.02, termMonths: 12, appetite: 'standard' },
  MAPFR: { delayMs: 5_000, priceFactor: 1.04, termMonths: 12, appetite: 'standard' },
  KEMPR: { delayMs: 6_000, priceFactor: 1.05, termMonths: 6, appetite: 'standard', always: 'fails' },
};
