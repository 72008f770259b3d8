/** PACE: configuration, client, mapping, the two journeys' entry points and the sandbox. */

export { PaceClient, type PaceClientOptions } from './client.ts';
export { type PaceConfig, type PaceProgram, paceConfigFromEnv, SANDBOX_PROGRAM } from './config.ts';
export { lookupPacePolicies, type PaceLookup } from './lookup.ts';
export * from './map.ts';
export { quoteWithPace } from './quoting.ts';
export { SANDBOX_STATES } from './sandbox/rate-cycles.ts';
export { createPaceSandbox } from './sandbox.ts';
export * from './schemas.ts';
