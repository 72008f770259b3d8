/**
 * Every vendor Coverkit talks to, built from configuration: a client per
 * vendor and, in sandbox mode, the simulators those clients talk to over HTTP.
 * Switching a vendor to the real thing is only a change of its environment
 * variables (see each vendor's README.md); in live mode they must be set.
 */
import type { Hono } from 'hono';
import { ConfigError } from '../config.ts';
import {
  type AgencyZoomClient,
  agencyZoomConfigFromEnv,
  agencyZoomSandboxOptionsFromEnv,
  createAgencyZoomClient,
  createAgencyZoomSandbox,
} from './agencyzoom/index.ts';
import {
  AutoCompleteClient,
  autoCompleteConfigFromEnv,
  autoCompleteSandboxOptionsFromEnv,
  createAutoCompleteSandbox,
} from './autocomplete/index.ts';
import { CoverHoundClient, coverHoundConfigFromEnv, coverHoundSandboxOptionsFromEnv, createCoverHoundSandbox } from './coverhound/index.ts';
import { createPaceSandbox, PaceClient, type PaceProgram, paceConfigFromEnv } from './pace/index.ts';
import { FaultKnobs, faultSettingsFromEnv } from './shared/faults.ts';
import { createTrellisSandbox, TrellisClient, trellisConfigFromEnv, trellisSandboxOptionsFromEnv } from './trellis/index.ts';

const VENDOR_NAMES = ['coverhound', 'pace', 'trellis', 'autocomplete', 'agencyzoom'] as const;
type VendorName = (typeof VENDOR_NAMES)[number];

/** The variable that points each vendor's client somewhere other than its sandbox. */
const BASE_URL_VARIABLES: Record<VendorName, string> = {
  coverhound: 'COVERHOUND_BASE_URL',
  pace: 'PACE_BASE_URL',
  trellis: 'TRELLIS_BASE_URL',
  autocomplete: 'AUTOCOMPLETE_BASE_URL',
  agencyzoom: 'AGENCYZOOM_BASE_URL',
};

export type Vendors = {
  coverhound: CoverHoundClient;
  pace: PaceClient;
  paceProgram: PaceProgram;
  trellis: TrellisClient;
  autocomplete: AutoCompleteClient;
  agencyzoom: AgencyZoomClient;
  /** The sandboxes to mount under /sandbox/<vendor>, in sandbox mode only (each has its own Env type). */
  // biome-ignore lint/suspicious/noExplicitAny: each sandbox has its own Env type, and app.route takes any of them
  sandboxes: Partial<Record<VendorName, Hono<any>>>;
};

export type VendorOptions = {
  mode: 'sandbox' | 'live';
  env: Record<string, string | undefined>;
  /** Where this server's own /sandbox is reachable from itself, e.g. http://127.0.0.1:8787/sandbox. */
  sandboxUrl: string;
  /** Where browsers reach this server (links the sandboxes hand out, e.g. AutoComplete's flow_url). */
  publicUrl: string;
};

export function createVendors({ mode, env, sandboxUrl, publicUrl }: VendorOptions): Vendors {
  if (mode === 'live') {
    const missing = VENDOR_NAMES.map((v) => BASE_URL_VARIABLES[v]).filter((name) => !env[name]);
    if (missing.length > 0) throw new ConfigError(`Live mode needs the real vendors' addresses: set ${missing.join(', ')}`);
  }
  const at = (vendor: VendorName) => ({ sandboxBaseUrl: `${sandboxUrl}/${vendor}` });
  const pace = paceConfigFromEnv(env, at('pace'));
  const vendors: Vendors = {
    coverhound: new CoverHoundClient(coverHoundConfigFromEnv(env, at('coverhound'))),
    pace: new PaceClient(pace),
    paceProgram: pace.program,
    trellis: new TrellisClient(trellisConfigFromEnv(env, at('trellis'))),
    autocomplete: new AutoCompleteClient(autoCompleteConfigFromEnv(env, at('autocomplete'))),
    agencyzoom: createAgencyZoomClient(agencyZoomConfigFromEnv(env, at('agencyzoom'))),
    sandboxes: {},
  };
  if (mode === 'sandbox') {
    vendors.sandboxes = {
      coverhound: createCoverHoundSandbox({ ...coverHoundSandboxOptionsFromEnv(env), purchaseBaseUrl: `${publicUrl}/sandbox/coverhound` }),
      pace: createPaceSandbox({ faults: new FaultKnobs(faultSettingsFromEnv('PACE', env)) }),
      trellis: createTrellisSandbox(trellisSandboxOptionsFromEnv(env)),
      // SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL, when set, says where flow links point; otherwise at this server's stand-in page.
      autocomplete: createAutoCompleteSandbox({
        flowBaseUrl: `${publicUrl}/sandbox/autocomplete/_flows`,
        ...autoCompleteSandboxOptionsFromEnv(env),
      }),
      agencyzoom: createAgencyZoomSandbox(agencyZoomSandboxOptionsFromEnv(env)),
    };
  }
  return vendors;
}
