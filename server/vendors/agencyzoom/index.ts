/** AgencyZoom, the agency CRM each submission is delivered to: the public pieces. */
import { defineVendor } from '../descriptor.ts';
import { createAgencyZoomClient } from './client.ts';
import { agencyZoomConfigFromEnv, agencyZoomSandboxOptionsFromEnv } from './config.ts';
import { AgencyZoomTarget, agencyZoomResult } from './delivery-target.ts';
import { createAgencyZoomSandbox } from './sandbox/index.ts';

export { AgencyZoomClient } from './client.ts';
export { agencyZoomSandboxOptionsFromEnv } from './config.ts';
export { createAgencyZoomSandbox } from './sandbox/index.ts';
export type * from './schemas.ts';

export const agencyZoomVendor = defineVendor({
  name: 'agencyzoom',
  baseUrlVariable: 'AGENCYZOOM_BASE_URL',
  configFromEnv: agencyZoomConfigFromEnv,
  createClient: (config, { callBuckets }) => createAgencyZoomClient(config, { buckets: callBuckets }),
  createSandbox: (env) => createAgencyZoomSandbox(agencyZoomSandboxOptionsFromEnv(env)),
  // A lead needs nothing the Applicant schema does not require already.
  needs: { displayName: 'AgencyZoom', fields: [] },
  deliveryTarget: {
    create: ({ client, config }) => new AgencyZoomTarget(client, { callTimeoutMs: config.timeoutMs }),
    result: agencyZoomResult,
  },
});
