/**
 * The quotes and policies the sandbox holds: the seed's example records, the
 * personas, and every quote rated since start-up. Numbers and email addresses
 * are matched without regard to case, as PACE stores them in capitals.
 */
import type { CoveragesInput, DriverSummaryInput, PolicyInfoInput, QuoteInfoInput, VehicleSummaryInput } from './seed-examples.ts';

export type RecordDetails = {
  drivers: DriverSummaryInput[];
  vehicles: VehicleSummaryInput[];
  coverages?: CoveragesInput;
};
export type QuoteRecord = RecordDetails & { info: QuoteInfoInput };
export type PolicyRecord = RecordDetails & { info: PolicyInfoInput };

const key = (value: string) => value.trim().toUpperCase();

class Shelf<R extends { info: { policyNumber: string; emailAddress?: string | null } }> {
  readonly #byNumber = new Map<string, R>();

  put(record: R) {
    this.#byNumber.set(key(record.info.policyNumber), record);
  }

  get(policyNumber: string): R | undefined {
    return this.#byNumber.get(key(policyNumber));
  }

  byEmail(email: string): R[] {
    return [...this.#byNumber.values()].filter((r) => r.info.emailAddress && key(r.info.emailAddress) === key(email));
  }
}

export class PaceRecords {
  readonly quotes = new Shelf<QuoteRecord>();
  readonly policies = new Shelf<PolicyRecord>();

  constructor(seed: { quotes: QuoteRecord[]; policies: PolicyRecord[] }) {
    for (const q of seed.quotes) this.quotes.put(q);
    for (const p of seed.policies) this.policies.put(p);
  }
}
