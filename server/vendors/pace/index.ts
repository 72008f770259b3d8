/** PACE: configuration, client, mapping, the two journeys' entry points and the sandbox. */
import { defineVendor } from '../descriptor.ts';
import { FaultKnobs, faultSettingsFromEnv } from '../shared/faults.ts';
import { PaceClient } from './client.ts';
import { paceConfigFromEnv } from './config.ts';
import { PaceSource } from './quote-source.ts';
import { createPaceSandbox } from './sandbox.ts';

export { PaceClient, type PaceClientOptions } from './client.ts';
export { type PaceConfig, type PaceProgram, paceConfigFromEnv, SANDBOX_PROGRAM } from './config.ts';
export { lookupPacePolicies, type PaceLookup } from './lookup.ts';
export * from './map.ts';
export { quoteWithPace } from './quoting.ts';
export { SANDBOX_STATES } from './sandbox/rate-cycles.ts';
export { createPaceSandbox } from './sandbox.ts';
export * from './schemas.ts';

export const paceVendor = defineVendor({
  name: 'pace',
  baseUrlVariable: 'PACE_BASE_URL',
  configFromEnv: paceConfigFromEnv,
  createClient: (config) => new PaceClient(config),
  createSandbox: (env) => createPaceSandbox({ faults: new FaultKnobs(faultSettingsFromEnv('PACE', env)) }),
  // Every answer PACE's rating requires is one the Applicant schema requires already.
  needs: { displayName: 'PACE', fields: [] },
  quoteSource: ({ client }) => new PaceSource(client, client.program),
});
