/**
 * Quote transactions the sandbox has started, kept in memory. Every carrier's
 * outcome is decided when the request arrives (it depends only on the
 * request), and revealed once that carrier's delay has passed, so polling
 * shows quotes landing one by one as they would at CoverHound.
 */
import { createHash, randomUUID } from 'node:crypto';
import { CARRIER_NAMES, type CarrierCode } from '../carriers.ts';
import type { CoverHoundCarrierQuote, CoverHoundCoverages, CoverHoundQuoteRequest, CoverHoundQuoteResponse } from '../schemas.ts';
import { SANDBOX_CARRIERS } from './carriers.ts';
import { marketPremiumCents } from './rating.ts';
import { type CarrierOutcome, carrierOutcome } from './underwriting.ts';

/** The documented example's phone line. */
const PURCHASE_PHONE = '8556419932';

/** How long a transaction can still be polled, and how many are kept at most. */
const KEEP_MS = 24 * 3600_000;
const KEEP_AT_MOST = 10_000;

type CarrierRun = { carrierCode: CarrierCode; carrierName: string; readyAt: number; outcome: CarrierOutcome };

export type Transaction = {
  transactionId: string;
  /** The id in the purchase link; the documentation's example shows it differs from the transaction id. */
  resumeId: string;
  userId: string;
  customerId: number;
  coverages: CoverHoundCoverages;
  createdAt: number;
  runs: CarrierRun[];
  purchaseUrl: string;
};

/** CoverHound's own number for a customer: the same userId always gets the same one. */
function customerIdOf(userId: string): number {
  return 100_000 + (createHash('sha256').update(userId).digest().readUInt32BE(0) % 900_000);
}

/**
 * A new transaction for a valid request: each carrier asked once, in the
 * order asked, answering `delayScale` × its own delay after `startedAt`.
 */
export function startTransaction(
  request: CoverHoundQuoteRequest,
  options: { startedAt: number; delayScale: number; purchaseBaseUrl: string },
): Transaction {
  const market = marketPremiumCents(request);
  const carriers = [...new Set(request.carriers)];
  const resumeId = randomUUID();
  return {
    transactionId: randomUUID(),
    resumeId,
    userId: request.userId,
    customerId: customerIdOf(request.userId),
    coverages: withDefaults(request.coverages),
    createdAt: options.startedAt,
    runs: carriers.map((code) => ({
      carrierCode: code,
      carrierName: CARRIER_NAMES[code],
      readyAt: options.startedAt + SANDBOX_CARRIERS[code].delayMs * options.delayScale,
      outcome: carrierOutcome(code, request, market),
    })),
    purchaseUrl: `${options.purchaseBaseUrl}/resume/${resumeId}?source=202`,
  };
}

/** "The same representation of coverages as in the request but with … default values": the documented example adds tl, rrDay and rrMonth. */
function withDefaults(coverages: CoverHoundCoverages): CoverHoundCoverages {
  return {
    policy: { ...coverages.policy },
    vehicles: coverages.vehicles.map((vehicle) => ({ tl: 0, rrDay: 0, rrMonth: 0, ...vehicle })),
  };
}

/**
 * The answer body at time `now`. Polling answers give every carrier a status
 * (`started` until its delay has passed); a synchronous answer is sent once
 * all have answered and, like the documented examples, carries no status.
 */
export function answerBody(tx: Transaction, now: number, mode: 'polling' | 'synchronous'): CoverHoundQuoteResponse {
  const quotes = tx.runs.map((run): CoverHoundCarrierQuote => {
    const carrier = { carrierCode: run.carrierCode, carrierName: run.carrierName };
    if (mode === 'synchronous') return { ...carrier, ...run.outcome };
    if (now < run.readyAt) return { ...carrier, status: 'started' };
    return { ...carrier, status: 'error' in run.outcome ? 'error' : 'complete', ...run.outcome };
  });
  return {
    userId: tx.userId,
    transactionId: tx.transactionId,
    customerId: tx.customerId,
    coverages: tx.coverages,
    quotes,
    purchaseUrl: tx.purchaseUrl,
    purchasePhone: PURCHASE_PHONE,
  };
}

/** Milliseconds from `now` until the slowest carrier has answered. */
export const remainingMs = (tx: Transaction, now: number) => Math.max(0, ...tx.runs.map((run) => run.readyAt - now));

export class TransactionStore {
  readonly #byId = new Map<string, Transaction>();
  readonly #byResumeId = new Map<string, Transaction>();

  add(tx: Transaction) {
    this.#evict(tx.createdAt);
    this.#byId.set(tx.transactionId, tx);
    this.#byResumeId.set(tx.resumeId, tx);
  }

  get(transactionId: string): Transaction | undefined {
    return this.#byId.get(transactionId);
  }

  byResumeId(resumeId: string): Transaction | undefined {
    return this.#byResumeId.get(resumeId);
  }

  /** Oldest first (a Map keeps insertion order): drop what has expired, and the oldest beyond the cap. */
  #evict(now: number) {
    for (const tx of this.#byId.values()) {
      if (now - tx.createdAt < KEEP_MS && this.#byId.size < KEEP_AT_MOST) break;
      this.#byId.delete(tx.transactionId);
      this.#byResumeId.delete(tx.resumeId);
    }
  }
}
