/**
 * AutoComplete: submit the customer (`POST /people`) and get their personalised
 * shopping link (`flow.flow_url`); read a dealer's DMS export (the same Person
 * shape) as a session pre-fill. Everything the rest of the server uses.
 */

export { AutoCompleteClient } from './client.ts';
export {
  autoCompleteConfigFromEnv,
  autoCompleteSandboxOptionsFromEnv,
} from './config.ts';
export { fromCreatedPerson, personToPrefill, toAutoCompletePerson } from './map.ts';
export { createAutoCompleteSandbox } from './sandbox/index.ts';
export { Person as AutoCompletePerson } from './schemas.ts';
