/**
 * One PACE quote for a canonical quote request, whatever happens: what the
 * quote fan-out calls. An applicant PACE cannot express, or one its rules
 * refuse, is a declined quote saying why; a PACE that fails or does not
 * answer is an error quote. Nothing here throws for a vendor problem.
 */
import type { Quote, QuoteRequestBody } from '../../../contract/index.ts';
import { declinedQuote, UnmappableError, VendorError } from '../shared/errors.ts';
import type { PaceClient } from './client.ts';
import type { PaceProgram } from './config.ts';
import { toCanonicalQuote, toPaceRateRequest } from './map.ts';

export async function quoteWithPace(client: PaceClient, program: PaceProgram, body: QuoteRequestBody): Promise<Quote> {
  const unquoted = (why: Pick<Quote, 'status' | 'messageCode' | 'neededFields' | 'vendorMessage'>): Quote => ({
    id: `pace-${program.carrierCode}-unquoted`,
    vendor: 'pace',
    carrierCode: program.carrierCode,
    carrierName: program.carrierName,
    ...why,
  });
  try {
    const answer = await client.rateQuote(toPaceRateRequest(body, program));
    return toCanonicalQuote(answer, program);
  } catch (error) {
    if (error instanceof UnmappableError) return unquoted(declinedQuote(error));
    // PACE's rules engine refusing the risk (an unacceptable vehicle, an unavailable limit) says why in words: the dealer's to read.
    if (error instanceof VendorError && error.kind === 'rejected')
      return unquoted({ status: 'declined', messageCode: 'declined_for_profile', vendorMessage: error.message });
    if (error instanceof VendorError)
      return unquoted({ status: 'error', messageCode: 'temporarily_unavailable', vendorMessage: `${error.message} (${error.kind})` });
    throw error;
  }
}
