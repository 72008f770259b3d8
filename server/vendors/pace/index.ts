/** PACE: configuration, client, mapping, the two journeys' entry points and the sandbox. */
export { PACE_SANDBOX_API_KEY, type PaceConfig, type PaceProgram, SANDBOX_PROGRAM, paceConfigFromEnv } from './config.ts';
export { PACE, PaceClient, type PaceClientOptions, readPaceError } from './client.ts';
export * from './map.ts';
export { quoteWithPace } from './quoting.ts';
export { type PaceLookup, lookupPacePolicies } from './lookup.ts';
export { type PaceSandboxOptions, createPaceSandbox } from './sandbox.ts';
export { SANDBOX_STATES } from './sandbox/rate-cycles.ts';
export { squishVin } from './vin.ts';
export * from './schemas.ts';
