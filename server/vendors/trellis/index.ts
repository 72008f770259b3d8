/** Trellis: the shopper's existing policies through a connection. What the server uses. */

export { TrellisClient } from './client.ts';

export { trellisConfigFromEnv, trellisSandboxOptionsFromEnv } from './config.ts';

export { mapTrellisPolicies } from './map.ts';

export { createTrellisSandbox } from './sandbox/index.ts';
