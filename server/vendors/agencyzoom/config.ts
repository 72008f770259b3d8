/**
 * Where the AgencyZoom client points, with which login, and how the sandbox is
 * tuned. Defaults are the local sandbox and its sandbox account, so `npm start`
 * needs nothing; pointing at the real AgencyZoom is only a change of variables
 * (the seed names no server address, so AGENCYZOOM_BASE_URL must then be set).
 */
import { z } from 'zod';
import { readEnv } from '../../config.ts';
import { FaultKnobs, faultSettingsFromEnv } from '../shared/faults.ts';
import type { LeadRoutingPreferences } from './refs.ts';
import type { AgencyZoomSandboxOptions } from './sandbox/index.ts';
import { DOCUMENTED_NIGHT_PER_MINUTE, DOCUMENTED_PER_MINUTE, SANDBOX_PASSWORD, SANDBOX_USERNAME } from './vendor.ts';

type Env = Record<string, string | undefined>;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const optionalText = z.string().trim().min(1).optional();

const ClientEnv = z.object({
  AGENCYZOOM_BASE_URL: z.url().optional(),
  AGENCYZOOM_USERNAME: z.string().min(1).default(SANDBOX_USERNAME),
  AGENCYZOOM_PASSWORD: z.string().min(1).default(SANDBOX_PASSWORD),
  AGENCYZOOM_TIMEOUT_MS: int(100, 120_000).default(10_000),
  /**
   * The pace of our calls, by day and from 10PM to 4AM Central, shared by every process (a token
   * bucket holding AGENCYZOOM_CALL_BURST): below the documented 30 and 60 a minute, burst included.
   */
  AGENCYZOOM_CALLS_PER_MINUTE: int(1, 100_000).default(DOCUMENTED_PER_MINUTE - 5),
  AGENCYZOOM_NIGHT_CALLS_PER_MINUTE: int(1, 100_000).default(DOCUMENTED_NIGHT_PER_MINUTE - 5),
  AGENCYZOOM_CALL_BURST: int(1, 1_000).default(4),
  /**
   * Where new leads land in the agency's AgencyZoom, by name or id. Unset: the
   * first pipeline, its first stage, the first lead source and the owner (see refs.ts).
   */
  AGENCYZOOM_PIPELINE: optionalText,
  AGENCYZOOM_STAGE: optionalText,
  AGENCYZOOM_LEAD_SOURCE: optionalText,
  /** The producer new leads are assigned to: an employee email or id. */
  AGENCYZOOM_PRODUCER: optionalText,
});

export type AgencyZoomConfig = {
  baseUrl: string;
  username: string;
  password: string;
  timeoutMs: number;
  leadRouting: LeadRoutingPreferences;
  /** Calls a minute by day and at night (Central), and the bucket's size; unset: the client does not pace. */
  pacing?: { perMinute: number; nightPerMinute: number; burst: number };
};

export function agencyZoomConfigFromEnv(env: Env, defaults: { sandboxBaseUrl: string }): AgencyZoomConfig {
  const e = readEnv(ClientEnv, env, { what: 'AgencyZoom configuration' });
  return {
    baseUrl: e.AGENCYZOOM_BASE_URL ?? defaults.sandboxBaseUrl,
    username: e.AGENCYZOOM_USERNAME,
    password: e.AGENCYZOOM_PASSWORD,
    timeoutMs: e.AGENCYZOOM_TIMEOUT_MS,
    pacing: {
      perMinute: e.AGENCYZOOM_CALLS_PER_MINUTE,
      nightPerMinute: e.AGENCYZOOM_NIGHT_CALLS_PER_MINUTE,
      burst: e.AGENCYZOOM_CALL_BURST,
    },
    leadRouting: {
      pipeline: e.AGENCYZOOM_PIPELINE,
      stage: e.AGENCYZOOM_STAGE,
      leadSource: e.AGENCYZOOM_LEAD_SOURCE,
      producer: e.AGENCYZOOM_PRODUCER,
    },
  };
}

const SandboxEnv = z.object({
  SANDBOX_AGENCYZOOM_USERNAME: z.string().min(1).default(SANDBOX_USERNAME),
  SANDBOX_AGENCYZOOM_PASSWORD: z.string().min(1).default(SANDBOX_PASSWORD),
  /** Signs the sandbox's JWTs; every server process of one deployment must share it. */
  SANDBOX_AGENCYZOOM_SIGNING_SECRET: z.string().min(16).optional(),
  SANDBOX_AGENCYZOOM_TOKEN_TTL_SECONDS: int(1, 86_400).optional(),
  /** The vendor's own per-account limit (documented: 30 by day, 60 from 10PM to 4AM Central). */
  SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE: int(1, 100_000).optional(),
  SANDBOX_AGENCYZOOM_NIGHT_CALLS_PER_MINUTE: int(1, 100_000).optional(),
  /** The length of that limit's window (documented: a minute); tests shorten it to see Retry-After honoured quickly. */
  SANDBOX_AGENCYZOOM_RATE_WINDOW_SECONDS: int(1, 3_600).optional(),
});

/** Sandbox options from SANDBOX_AGENCYZOOM_* variables, fault knobs included. */
export function agencyZoomSandboxOptionsFromEnv(env: Env): AgencyZoomSandboxOptions {
  const e = readEnv(SandboxEnv, env, { what: 'AgencyZoom configuration' });
  return {
    faults: new FaultKnobs(faultSettingsFromEnv('AGENCYZOOM', env)),
    accounts: [{ username: e.SANDBOX_AGENCYZOOM_USERNAME, password: e.SANDBOX_AGENCYZOOM_PASSWORD }],
    signingSecret: e.SANDBOX_AGENCYZOOM_SIGNING_SECRET,
    tokenTtlSeconds: e.SANDBOX_AGENCYZOOM_TOKEN_TTL_SECONDS,
    rateLimit: {
      perMinute: e.SANDBOX_AGENCYZOOM_CALLS_PER_MINUTE,
      nightPerMinute: e.SANDBOX_AGENCYZOOM_NIGHT_CALLS_PER_MINUTE,
      ...(e.SANDBOX_AGENCYZOOM_RATE_WINDOW_SECONDS ? { windowMs: e.SANDBOX_AGENCYZOOM_RATE_WINDOW_SECONDS * 1000 } : {}),
    },
  };
}
