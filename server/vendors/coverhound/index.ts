/** CoverHound (multi-carrier auto quotes): what the rest of the server uses. */
import { defineVendor } from '../descriptor.ts';
import { CoverHoundClient } from './client.ts';
import { coverHoundConfigFromEnv } from './config.ts';
import { COVERHOUND_NEEDS, coverHoundMissing } from './needs.ts';
import { CoverHoundSource } from './quote-source.ts';
import { coverHoundSandboxOptionsFromEnv, createCoverHoundSandbox } from './sandbox/index.ts';

export { coverHoundSandboxOptionsFromEnv, createCoverHoundSandbox } from './sandbox/index.ts';

export const coverHoundVendor = defineVendor({
  name: 'coverhound',
  baseUrlVariable: 'COVERHOUND_BASE_URL',
  configFromEnv: coverHoundConfigFromEnv,
  createClient: (config) => new CoverHoundClient(config),
  createSandbox: (env, { publicBaseUrl }) =>
    createCoverHoundSandbox({ ...coverHoundSandboxOptionsFromEnv(env), purchaseBaseUrl: publicBaseUrl }),
  needs: { displayName: 'CoverHound', fields: COVERHOUND_NEEDS, check: coverHoundMissing },
  quoteSource: ({ client }, server) => new CoverHoundSource(client, { pollIntervalMs: server.quotes.coverHoundPollMs, links: server.mode }),
});
