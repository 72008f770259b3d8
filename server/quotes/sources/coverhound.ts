/**
 * CoverHound's share of a quote request, in its polling mode: start one
 * transaction for all its carriers, then poll it until every carrier has
 * answered. The transaction id is saved before the first poll, so a process
 * that takes the run over resumes polling instead of quoting twice.
 */
import type { QuoteVendor } from '../../../contract/index.ts';
import {
  allSettled,
  CARRIER_NAMES,
  type CoverHoundClient,
  isCarrierCode,
  quoteFieldsFor,
  toCoverHoundQuoteRequest,
} from '../../vendors/coverhound/index.ts';
import { UnmappableError, VendorError } from '../../vendors/shared/errors.ts';
import type { QuoteSource, SourceContext, SourceOutcome } from './source.ts';

type SavedState = { transactionId?: string; carriers?: string[] };

/** Consecutive failed polls tolerated before the run gives up (each poll is itself retried by the client). */
const MAX_FAILED_POLLS = 3;

export class CoverHoundSource implements QuoteSource {
  readonly vendor: QuoteVendor = 'coverhound';
  readonly displayName = 'CoverHound';

  constructor(
    private readonly client: CoverHoundClient,
    private readonly options: { pollIntervalMs: number },
  ) {}

  async run(context: SourceContext): Promise<SourceOutcome> {
    let { transactionId, carriers } = context.state as SavedState;
    if (!transactionId || !carriers) {
      const started = await this.#start(context);
      if ('outcome' in started) return started.outcome;
      ({ transactionId, carriers } = started);
    }
    let failedPolls = 0;
    let restarted = false;
    for (;;) {
      try {
        const fields = quoteFieldsFor(await this.client.pollQuotes(transactionId), carriers);
        failedPolls = 0;
        await context.report(...fields);
        if (allSettled(fields)) return { status: 'complete' };
      } catch (error) {
        // CoverHound no longer knows the transaction (it expired, or a restarted sandbox lost it): ask once more from the start.
        if (error instanceof VendorError && error.kind === 'not_found' && !restarted) {
          restarted = true;
          const started = await this.#start(context);
          if ('outcome' in started) return started.outcome;
          ({ transactionId, carriers } = started);
          continue;
        }
        if (!(error instanceof VendorError) || ++failedPolls >= MAX_FAILED_POLLS) throw error;
      }
      await context.sleep(this.options.pollIntervalMs);
    }
  }

  async #start(context: SourceContext): Promise<{ transactionId: string; carriers: string[] } | { outcome: SourceOutcome }> {
    let request: ReturnType<typeof toCoverHoundQuoteRequest>;
    try {
      request = toCoverHoundQuoteRequest(context.body, { userId: context.requestId });
    } catch (error) {
      if (error instanceof UnmappableError) return { outcome: await this.#declineAll(context, error.reason) };
      throw error;
    }
    try {
      const { transactionId } = await this.client.startQuote(request);
      const carriers = [...request.carriers];
      await context.saveState({ transactionId, carriers });
      // Every carrier asked shows as pending at once, before the first poll can bring any result.
      await context.report(
        ...carriers.map((code) => ({
          carrierCode: code,
          carrierName: isCarrierCode(code) ? CARRIER_NAMES[code] : code,
          status: 'pending' as const,
        })),
      );
      return { transactionId, carriers };
    } catch (error) {
      // CoverHound's own validation refusing the applicant is a refusal to quote, not an outage.
      if (error instanceof VendorError && error.kind === 'rejected') return { outcome: await this.#declineAll(context, error.message) };
      throw error;
    }
  }

  /** CoverHound as a whole cannot quote this applicant: one declined entry says why. */
  async #declineAll(context: SourceContext, reason: string): Promise<SourceOutcome> {
    await context.report({ carrierCode: 'COVERHOUND', carrierName: this.displayName, status: 'declined', message: reason });
    return { status: 'complete', message: reason };
  }
}
