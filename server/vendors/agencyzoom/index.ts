/** AgencyZoom, the agency CRM each submission is delivered to: the public pieces. */
export { AgencyZoomClient, createAgencyZoomClient } from './client.ts';
export { agencyZoomConfigFromEnv, agencyZoomSandboxOptionsFromEnv } from './config.ts';
export {
  toAgencyZoomLead,
  toAgencyZoomLeadQuote,
} from './map.ts';
export type { LeadRefs } from './refs.ts';
export { createAgencyZoomSandbox } from './sandbox/index.ts';
export type * from './schemas.ts';
