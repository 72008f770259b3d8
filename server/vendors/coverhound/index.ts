/** CoverHound (multi-carrier auto quotes): what the rest of the server uses. */

export { CARRIER_NAMES, isCarrierCode, QUOTING_CARRIER_CODES } from './carriers.ts';
export { CoverHoundClient } from './client.ts';
export { coverHoundConfigFromEnv } from './config.ts';
export {
  allSettled,
  quoteFieldsFor,
  toCoverHoundQuoteRequest,
} from './map.ts';
export { coverHoundSandboxOptionsFromEnv, createCoverHoundSandbox } from './sandbox/index.ts';
