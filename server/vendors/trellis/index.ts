/** Trellis: the shopper's existing policies through a connection. What the server uses. */
export { TrellisClient, readTrellisError } from './client.ts';
export type { GetPoliciesOptions, TrellisClientOptions, TrellisPoliciesResult } from './client.ts';
export { trellisConfigFromEnv, trellisSandboxOptionsFromEnv } from './config.ts';
export type { TrellisConfig } from './config.ts';
export { coverageType, mapTrellisPolicies, mapTrellisPolicy } from './map.ts';
export type { MapContext, MappedPolicies } from './map.ts';
export { createTrellisSandbox, SANDBOX_DEFAULTS } from './sandbox/index.ts';
export type { TrellisSandboxOptions } from './sandbox/index.ts';
export { SANDBOX_ISSUERS } from './sandbox/issuers.ts';
export { PERSONAS, SANDBOX_PASSWORD } from './sandbox/personas.ts';
export type { SandboxConnection, SandboxLoginBody, TrellisPolicy } from './schemas.ts';
