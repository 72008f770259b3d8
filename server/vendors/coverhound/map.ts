/** CoverHound ⇄ our canonical model: the request we send and the quotes we show. */

export { allSettled, quoteFieldsFor, toQuoteFields } from './map/quote.ts';
export { toCoverHoundQuoteRequest } from './map/request.ts';
