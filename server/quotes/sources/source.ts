/**
 * What the quote runner asks of each quoting vendor: run one quote request to
 * the end, reporting each carrier's quote as its status changes. The runner
 * owns ids, persistence, deadlines and leases; a source only speaks to its vendor.
 */
import type { Quote, QuoteRequestBody, QuoteVendor } from '../../../contract/index.ts';

/** A quote as a source reports it: the runner adds the id and vendor. */
export type CarrierQuote = Omit<Quote, 'id' | 'vendor'>;

export type SourceContext = {
  requestId: string;
  body: QuoteRequestBody;
  /** What this run saved before, if another process (or an earlier start) began it. */
  state: Readonly<Record<string, unknown>>;
  /** Persists what is needed to resume (e.g. a vendor transaction id) before waiting on the vendor. */
  saveState: (state: Record<string, unknown>) => Promise<void>;
  /**
   * Reports carriers' quotes (one write for all); a status already reported for a carrier is ignored.
   * A priced quote names the coverage it was rated for; a declined or failed one its message code.
   */
  report: (...quotes: CarrierQuote[]) => Promise<void>;
  /** Waits, ending early (rejecting) if the run is stopped: deadline, shutdown or a lost lease. */
  sleep: (ms: number) => Promise<void>;
  signal: AbortSignal;
};

/** How a vendor's run ended: `message` in plain words for the dealer and operator. */
export type SourceOutcome = { status: 'complete' | 'error'; message?: string };

export interface QuoteSource {
  readonly vendor: QuoteVendor;
  /** The vendor's name as a shopper reads it ("CoverHound"). */
  readonly displayName: string;
  /** How many carriers a request for `body` asks: known before the vendor is called. */
  carriersAsked(body: QuoteRequestBody): number;
  run(context: SourceContext): Promise<SourceOutcome>;
}
