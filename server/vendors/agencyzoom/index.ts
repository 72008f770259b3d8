/** AgencyZoom, the agency CRM each submission is delivered to: the public pieces. */
export { AgencyZoomClient, type AgencyZoomClientOptions, createAgencyZoomClient, readAgencyZoomError } from './client.ts';
export { type AgencyZoomConfig, agencyZoomConfigFromEnv, agencyZoomSandboxOptionsFromEnv } from './config.ts';
export {
  PERSONAL_AUTO_LINE,
  toAgencyZoomDate,
  toAgencyZoomLead,
  toAgencyZoomLeadQuote,
  toAgencyZoomPhone,
  toAgencyZoomPremium,
} from './map.ts';
export { type LeadRefs, type LeadRoutingPreferences, resolveLeadRefs } from './refs.ts';
export { type AgencyZoomSandboxOptions, createAgencyZoomSandbox } from './sandbox/index.ts';
export type * from './schemas.ts';
export { SANDBOX_PASSWORD, SANDBOX_USERNAME, VENDOR as AGENCYZOOM } from './vendor.ts';
