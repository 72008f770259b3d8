/**
 * CoverHound's share of a quote request, in its polling mode: start one
 * transaction for all its carriers, then poll it until every carrier has
 * answered. The transaction id is saved before the first poll, so a process
 * that takes the run over resumes polling instead of quoting twice. An
 * applicant CoverHound cannot take is every carrier's decline, so the shopper
 * sees each insurer that was asked and why none could quote.
 */
import type { LinkMode, QuoteVendor } from '../../../contract/index.ts';
import type { QuoteSource, SourceContext, SourceOutcome } from '../../quotes/sources/source.ts';
import { declinedQuote, UnmappableError, VendorError } from '../shared/errors.ts';
import { CARRIER_NAMES, isCarrierCode, QUOTING_CARRIER_CODES } from './carriers.ts';
import type { CoverHoundClient } from './client.ts';
import { allSettled, quoteFieldsFor, toCoverHoundQuoteRequest } from './map.ts';

type SavedState = { transactionId?: string; carriers?: string[] };

/** Consecutive failed polls tolerated before the run gives up (each poll is itself retried by the client). */
const MAX_FAILED_POLLS = 3;

export class CoverHoundSource implements QuoteSource {
  readonly vendor: QuoteVendor = 'coverhound';
  readonly displayName = 'CoverHound';

  constructor(
    private readonly client: CoverHoundClient,
    /** `links`: the server's mode, for which purchase links reach the shopper. */
    private readonly options: { pollIntervalMs: number; links: LinkMode },
  ) {}

  /** The documented quoting carriers, all asked on every request. */
  carriersAsked(): number {
    return QUOTING_CARRIER_CODES.length;
  }

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
        const fields = quoteFieldsFor(await this.client.pollQuotes(transactionId), carriers, this.options.links);
        failedPolls = 0;
        // CoverHound rates the coverage asked for: what each carrier priced is the request's coverage.
        await context.report(...fields.map((f) => (f.status === 'complete' ? { ...f, coverage: context.body.coverage } : f)));
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
      if (error instanceof UnmappableError)
        return { outcome: await this.#declineAll(context, QUOTING_CARRIER_CODES, declinedQuote(error)) };
      throw error;
    }
    const carriers = [...request.carriers];
    // Every carrier asked shows as pending at once, while CoverHound takes the request: the shopper sees who is being asked.
    const started = this.client.startQuote(request);
    started.catch(() => {});
    await context.report(...carriers.map((code) => ({ ...carrierOf(code), status: 'pending' as const })));
    try {
      const { transactionId } = await started;
      await context.saveState({ transactionId, carriers });
      return { transactionId, carriers };
    } catch (error) {
      // CoverHound's own validation refusing the applicant is a refusal to quote, not an outage.
      if (error instanceof VendorError && error.kind === 'rejected') {
        const why = { status: 'declined', messageCode: 'declined_for_profile', vendorMessage: error.message } as const;
        return { outcome: await this.#declineAll(context, carriers, why) };
      }
      throw error;
    }
  }

  /** CoverHound cannot quote this applicant at all: every carrier it would ask is declined, saying why. */
  async #declineAll(context: SourceContext, carriers: readonly string[], why: ReturnType<typeof declinedQuote>): Promise<SourceOutcome> {
    await context.report(...carriers.map((code) => ({ ...carrierOf(code), ...why })));
    return { status: 'complete', message: why.vendorMessage };
  }
}

const carrierOf = (code: string) => ({ carrierCode: code, carrierName: isCarrierCode(code) ? CARRIER_NAMES[code] : code });
