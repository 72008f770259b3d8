/**
 * A delivery target: one agency system a submission is handed to. A target
 * knows its vendor's calls and mapping; the delivery task knows retries and
 * giving up, the work runner leases. A target throws UnmappableError (the
 * vendor cannot express the applicant: a permanent failure) or VendorError
 * (the task decides whether and when to try again), saves any progress a
 * retry must not repeat, and checks its signal before each vendor call.
 */
import type { ConsentRecord, Quote, SubmissionBody, SubmissionDelivery } from '../../../contract/index.ts';
import type { DeliveryTarget } from '../store.ts';

export type DeliveryAttempt = {
  submissionId: string;
  /** The submission's short reference (reference.ts): what a target writes on the vendor's record to find it again. */
  reference: string;
  body: SubmissionBody;
  selectedQuote?: Quote;
  /** The shopper's consent to be contacted, as recorded with the submission (lead rules want it with the lead). */
  consent?: ConsentRecord;
  /** What earlier tries saved (e.g. AgencyZoom's lead id). */
  state: Record<string, unknown>;
  /** Persists progress before the next vendor call, so a retry (by any process) resumes after it. */
  saveState: (state: Record<string, unknown>) => Promise<void>;
  /**
   * Aborted when this try must send nothing more (its lease is gone, or the
   * process is stopping). Check it before every vendor call, never during one:
   * a call already sent finishes, and what it made is saved. `throwIfAborted()`
   * throws the work runner's WorkInterrupted.
   */
  signal: AbortSignal;
};

/**
 * What a delivery shows, read from its saved state (by any process, for the
 * API and the webhooks): the shopper's link, if this target gives one (checked
 * by the contract's link rule as it is shown), and the records the vendor made.
 */
export type DeliveryResult = { shopperLink?: unknown; vendorIds?: SubmissionDelivery['vendorIds'] };

export interface Target {
  readonly name: DeliveryTarget;
  /** The vendor's name in plain words, for the dealer's `lastError`. */
  readonly displayName: string;
  /** The longest one call to the vendor takes (its client's timeout): shutdown waits that long for a call already sent. */
  readonly callTimeoutMs?: number;
  /** How long a delivery started now would wait before its first call leaves (a vendor's own rate limit), when the target knows. */
  waitBeforeCallMs?(): number;
  /** Delivers the submission; resolves to what the vendor gave back (kept on the outbox row). */
  deliver(attempt: DeliveryAttempt): Promise<Record<string, unknown>>;
}

/**
 * Our own configuration is wrong (not the shopper's data, not the vendor):
 * retried like an outage, so deliveries go through once an operator fixes it.
 */
export class TargetConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetConfigurationError';
  }
}
