/**
 * AutoComplete: submit the customer (`POST /people`) and get their personalised
 * shopping link (`flow.flow_url`); read a dealer's DMS export (the same Person
 * shape) as a session pre-fill. Everything the rest of the server uses.
 */
export {
  type AutoCompleteConfig,
  SANDBOX_CREDENTIALS,
  SANDBOX_DEALER_ID,
  autoCompleteConfigFromEnv,
  autoCompleteSandboxOptionsFromEnv,
} from './config.ts';
export { AutoCompleteClient, type AutoCompleteClientOptions, DEFAULT_MIN_INTERVAL_MS, readErrorMessage } from './client.ts';
export { type PrefillResult, type ToPersonOptions, type ToPersonResult, personToPrefill, toAutoCompletePerson } from './map.ts';
export { type AutoCompleteSandboxOptions, DEFAULT_FLOW_BASE_URL, createAutoCompleteSandbox } from './sandbox/index.ts';
export {
  ErrorBody as AutoCompleteErrorBody,
  PeopleList as AutoCompletePeopleList,
  Person as AutoCompletePerson,
  PersonRecord as AutoCompletePersonRecord,
  PersonSubmission as AutoCompletePersonSubmission,
} from './schemas.ts';
export { VENDOR_NAME } from './vendor.ts';
