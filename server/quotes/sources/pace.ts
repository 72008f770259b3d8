/**
 * PACE's share of a quote request: one rating call for the program, which is
 * the carrier. quoteWithPace already turns every PACE problem into a declined
 * or error quote with a reason, so this source only reports what it returns.
 */
import type { QuoteVendor } from '../../../contract/index.ts';
import { type PaceClient, type PaceProgram, quoteWithPace } from '../../vendors/pace/index.ts';
import type { QuoteSource, SourceContext, SourceOutcome } from './source.ts';

export class PaceSource implements QuoteSource {
  readonly vendor: QuoteVendor = 'pace';
  readonly displayName = 'PACE';

  constructor(
    private readonly client: PaceClient,
    private readonly program: PaceProgram,
  ) {}

  async run(context: SourceContext): Promise<SourceOutcome> {
    const carrier = { carrierCode: this.program.mgaName, carrierName: this.program.carrierName };
    // Ask PACE first and record "pending" while it works: the write need not delay the answer.
    const answer = quoteWithPace(this.client, this.program, context.body);
    await context.report({ ...carrier, status: 'pending' });
    const { id: _vendorId, vendor: _vendor, ...quote } = await answer;
    await context.report({ ...quote, ...carrier });
    return quote.status === 'error' ? { status: 'error', message: quote.message } : { status: 'complete' };
  }
}
