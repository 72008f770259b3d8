/** Trellis: the shopper's existing policies through a connection. What the server uses. */
import { defineVendor } from '../descriptor.ts';
import { TrellisClient } from './client.ts';
import { trellisConfigFromEnv, trellisSandboxOptionsFromEnv } from './config.ts';
import { createTrellisSandbox } from './sandbox/index.ts';
import { SANDBOX_INSURERS } from './sandbox/issuers.ts';

export { TrellisClient } from './client.ts';

export { mapTrellisPolicies } from './map.ts';

export const trellisVendor = defineVendor({
  name: 'trellis',
  baseUrlVariable: 'TRELLIS_BASE_URL',
  configFromEnv: trellisConfigFromEnv,
  createClient: (config) => new TrellisClient(config),
  createSandbox: (env) => createTrellisSandbox(trellisSandboxOptionsFromEnv(env)),
  // The widget's sign-in stands in for Trellis's own widget: it offers the insurers the sandbox knows.
  insurers: SANDBOX_INSURERS,
});
