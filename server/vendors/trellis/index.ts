/** Trellis: the shopper's existing policies through a connection. What the server uses. */
import { defineVendor } from '../descriptor.ts';
import { TrellisClient } from './client.ts';
import { trellisConfigFromEnv, trellisSandboxOptionsFromEnv } from './config.ts';
import { createTrellisSandbox } from './sandbox/index.ts';

export { TrellisClient } from './client.ts';

export { mapTrellisPolicies } from './map.ts';

export const trellisVendor = defineVendor({
  name: 'trellis',
  baseUrlVariable: 'TRELLIS_BASE_URL',
  configFromEnv: trellisConfigFromEnv,
  createClient: (config) => new TrellisClient(config),
  createSandbox: (env) => createTrellisSandbox(trellisSandboxOptionsFromEnv(env)),
});
