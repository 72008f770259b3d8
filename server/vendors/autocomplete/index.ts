/**
 * AutoComplete: submit the customer (`POST /people`) and get their personalised
 * shopping link (`flow.flow_url`); read a dealer's DMS export (the same Person
 * shape) as a session pre-fill. Everything the rest of the server uses.
 */
import { defineVendor } from '../descriptor.ts';
import { AutoCompleteClient } from './client.ts';
import { autoCompleteConfigFromEnv, autoCompleteSandboxOptionsFromEnv } from './config.ts';
import { AutoCompleteTarget, autoCompleteResult } from './delivery-target.ts';
import { AUTOCOMPLETE_NEEDS } from './needs.ts';
import { createAutoCompleteSandbox } from './sandbox/index.ts';

export { autoCompleteSandboxOptionsFromEnv } from './config.ts';
export { personToPrefill } from './map.ts';
export { createAutoCompleteSandbox } from './sandbox/index.ts';
export { Person as AutoCompletePerson } from './schemas.ts';

export const autoCompleteVendor = defineVendor({
  name: 'autocomplete',
  baseUrlVariable: 'AUTOCOMPLETE_BASE_URL',
  configFromEnv: autoCompleteConfigFromEnv,
  // Its one request a second is kept by every process together.
  createClient: (config, { callBuckets }) => new AutoCompleteClient(config, { buckets: callBuckets }),
  // SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL, when set, says where flow links point; otherwise at this server's stand-in page.
  createSandbox: (env, { publicBaseUrl }) =>
    createAutoCompleteSandbox({ flowBaseUrl: `${publicBaseUrl}/_flows`, ...autoCompleteSandboxOptionsFromEnv(env) }),
  needs: { displayName: 'AutoComplete', fields: AUTOCOMPLETE_NEEDS },
  deliveryTarget: {
    create: ({ client, config }, server) =>
      new AutoCompleteTarget(client, { dealerId: config.dealerId, links: server.mode, callTimeoutMs: config.timeoutMs }),
    result: autoCompleteResult,
    // The shopping link is what the widget shows on its last screen.
    shopperWaits: true,
  },
});
