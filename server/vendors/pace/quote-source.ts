/**
 * PACE's share of a quote request: one rating call for the program, which is
 * the carrier. quoteWithPace already turns every PACE problem into a declined
 * or error quote with a reason, so this source only reports what it returns.
 */
import type { QuoteVendor } from '../../../contract/index.ts';
import type { QuoteSource, SourceContext, SourceOutcome } from '../../quotes/sources/source.ts';
import type { PaceClient } from './client.ts';
import type { PaceProgram } from './config.ts';
import { quoteWithPace } from './quoting.ts';

export class PaceSource implements QuoteSource {
  readonly vendor: QuoteVendor = 'pace';
  readonly displayName = 'PACE';

  constructor(
    private readonly client: PaceClient,
    private readonly program: PaceProgram,
  ) {}

  /** PACE rates one program: one carrier. */
  carriersAsked(): number {
    return 1;
  }

  async run(context: SourceContext): Promise<SourceOutcome> {
    const carrier = { carrierCode: this.program.carrierCode, carrierName: this.program.carrierName };
    // Ask PACE first and record "pending" while it works: the write need not delay the answer.
    const answer = quoteWithPace(this.client, this.program, context.body);
    await context.report({ ...carrier, status: 'pending' });
    const { id: _vendorId, vendor: _vendor, ...quote } = await answer;
    // PACE rates the coverage asked for, or refuses: what it priced is the request's coverage.
    await context.report({ ...quote, ...carrier, ...(quote.status === 'complete' ? { coverage: context.body.coverage } : {}) });
    return quote.status === 'error' ? { status: 'error', message: quote.vendorMessage } : { status: 'complete' };
  }
}
