/**
 * What a submission refers to must be the shopper's own. The quote they picked
 * must come from a quote request of their own session, given for the very
 * answers submitted with it, and is copied into the
 * submission as it stands now: the dealer and AgencyZoom see the price the
 * shopper saw, whatever happens to the request later. The connection whose
 * policies they chose to share must have been made in their session too.
 */
import type { Quote, SubmissionBody } from '../../contract/index.ts';
import { ApiError } from '../http/errors.ts';
import type { ConnectionStore } from '../policies/store.ts';
import type { QuoteStore } from '../quotes/store.ts';
import { fieldError } from './field-error.ts';
import { firstDifference } from './same-answers.ts';

export type QuoteLookup = Pick<QuoteStore, 'get' | 'quotes'>;
export type ConnectionLookup = Pick<ConnectionStore, 'get'>;

/** What a submission's quote request comes to: the quote picked (if any) and every quote of the request as it stands. */
export type QuotesChosenFrom = { selectedQuote?: Quote; quotes?: Quote[] };

/** The selected quote and its request's quotes (none when no request is named); 400 with the field when a reference does not hold. */
export async function selectedQuoteOf(quotes: QuoteLookup, sessionId: string, body: SubmissionBody): Promise<QuotesChosenFrom> {
  if (body.selectedQuoteId !== undefined && body.quoteRequestId === undefined) {
    throw fieldError('quoteRequestId', 'Give the quote request the selected quote comes from');
  }
  if (body.quoteRequestId === undefined) return {};
  const request = await quotes.get(body.quoteRequestId);
  if (!request || request.sessionId !== sessionId) throw fieldError('quoteRequestId', 'No such quote request in this session');
  const all = await quotes.quotes(request.id);
  if (body.selectedQuoteId === undefined) {
    checkSameAnswers(request.body, body);
    return { quotes: all };
  }
  const quote = all.find((q) => q.id === body.selectedQuoteId);
  if (!quote) throw fieldError('selectedQuoteId', 'No such quote in this quote request');
  if (quote.status !== 'complete')
    throw fieldError('selectedQuoteId', `This ${quote.carrierName} quote has no price to accept (it is ${quote.status})`);
  checkSameAnswers(request.body, body);
  return { selectedQuote: quote, quotes: all };
}

/**
 * A quote is only good for the answers it was given for: submitting it with
 * other answers (the shopper changed one after the quotes came) would hand the
 * dealer a price nobody offered for them. 400 naming the quote and the answer.
 */
function checkSameAnswers(quoted: SubmissionBody['applicant'], body: SubmissionBody): void {
  const changed = firstDifference(quoted, body.applicant);
  if (changed === undefined) return;
  const field = body.selectedQuoteId === undefined ? 'quoteRequestId' : 'selectedQuoteId';
  throw new ApiError(400, 'validation_failed', 'The answers changed after these quotes were given: ask for quotes again', {
    [field]: ['These quotes were given for other answers; ask for quotes with the answers you submit, then choose again'],
    [changed === 'applicant' ? 'applicant' : `applicant.${changed}`]: ['Differs from the answer the quotes were given for'],
  });
}

/** 400 on `connectionId` unless it names a connection made in this session (another session's looks exactly like none). */
export async function checkConnection(connections: ConnectionLookup, sessionId: string, body: SubmissionBody): Promise<void> {
  if (body.connectionId === undefined) return;
  const connection = await connections.get(body.connectionId);
  if (!connection || connection.sessionId !== sessionId) throw fieldError('connectionId', 'No such connection in this session');
}
