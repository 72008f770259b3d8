/** CoverHound ⇄ our canonical model: the request we send and the quotes we show. */
export { type CoverHoundRequestOptions, toCoverHoundQuoteRequest } from './map/request.ts';
export { type CoverHoundPurchase, type CoverHoundQuoteFields, allSettled, quoteFieldsFor, toQuoteFields } from './map/quote.ts';
