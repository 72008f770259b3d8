/**
 * One PACE quote for a canonical quote request, whatever happens: what the
 * quote fan-out calls. An applicant PACE cannot express, or one its rules
 * refuse, is a declined quote saying why; a PACE that fails or does not
 * answer is an error quote. Nothing here throws for a vendor problem.
 */
import type { Quote, QuoteRequestBody } from '../../../contract/index.ts';
import { UnmappableError, VendorError } from '../shared/errors.ts';
import type { PaceClient } from './client.ts';
import type { PaceProgram } from './config.ts';
import { toCanonicalQuote, toPaceRateRequest } from './map.ts';

const UNAVAILABLE = 'PACE could not give a quote right now. Please try again later.';

export async function quoteWithPace(client: PaceClient, program: PaceProgram, body: QuoteRequestBody): Promise<Quote> {
  const unquoted = (status: 'declined' | 'error', message: string): Quote => ({
    id: `pace-${program.mgaName}-unquoted`,
    vendor: 'pace',
    carrierCode: program.mgaName,
    carrierName: program.carrierName,
    status,
    message,
  });
  try {
    const answer = await client.rateQuote(toPaceRateRequest(body, program));
    return toCanonicalQuote(answer, program);
  } catch (error) {
    if (error instanceof UnmappableError) return unquoted('declined', error.reason);
    // PACE's rules engine refusing the risk (an unacceptable vehicle, an unavailable limit) says why in words.
    if (error instanceof VendorError && error.kind === 'rejected') return unquoted('declined', error.message);
    if (error instanceof VendorError) return unquoted('error', UNAVAILABLE);
    throw error;
  }
}
