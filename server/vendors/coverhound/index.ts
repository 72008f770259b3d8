/** CoverHound (multi-carrier auto quotes): what the rest of the server uses. */
export { CoverHoundClient, type CoverHoundClientOptions, readCoverHoundError } from './client.ts';
export { COVERHOUND } from './vendor.ts';
export { CoverHoundConfig, SANDBOX_CREDENTIALS, coverHoundConfigFromEnv } from './config.ts';
export { CARRIER_NAMES, type CarrierCode, QUOTING_CARRIER_CODES, isCarrierCode } from './carriers.ts';
export {
  type CoverHoundPurchase,
  type CoverHoundQuoteFields,
  type CoverHoundRequestOptions,
  allSettled,
  quoteFieldsFor,
  toCoverHoundQuoteRequest,
  toQuoteFields,
} from './map.ts';
export {
  CoverHoundCarrierQuote,
  CoverHoundPollingStarted,
  type CoverHoundQuoteInput,
  CoverHoundQuoteRequest,
  CoverHoundQuoteResponse,
} from './schemas.ts';
export { type CoverHoundSandboxOptions, coverHoundSandboxOptionsFromEnv, createCoverHoundSandbox } from './sandbox/index.ts';
