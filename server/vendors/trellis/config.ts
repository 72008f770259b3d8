/**
 * Where the Trellis client points and with which credentials, and how the
 * sandbox is tuned. Defaults are the local sandbox and its documented sandbox
 * credentials, so `npm start` needs nothing; pointing at the real Trellis
 * (https://api.trellisconnect.com/trellis/connect/1.2.0) is only a change of
 * variables.
 */
import { z } from 'zod';
import { readEnv } from '../../config.ts';
import { FaultKnobs, faultSettingsFromEnv } from '../shared/faults.ts';
import { SANDBOX_CREDENTIALS } from './sandbox/auth.ts';
import type { TrellisSandboxOptions } from './sandbox/index.ts';

const SANDBOX_CLIENT_ID = SANDBOX_CREDENTIALS.clientId;
const SANDBOX_SECRET_KEY = SANDBOX_CREDENTIALS.secretKey;

type Env = Record<string, string | undefined>;

const ms = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const ClientEnv = z.object({
  TRELLIS_BASE_URL: z.url().optional(),
  TRELLIS_CLIENT_ID: z.string().min(1).default(SANDBOX_CLIENT_ID),
  TRELLIS_SECRET_KEY: z.string().min(1).default(SANDBOX_SECRET_KEY),
  TRELLIS_TIMEOUT_MS: ms(100, 120_000).default(10_000),
});

export type TrellisConfig = {
  baseUrl: string;
  clientId: string;
  secretKey: string;
  timeoutMs: number;
};

export function trellisConfigFromEnv(env: Env, defaults: { sandboxBaseUrl: string }): TrellisConfig {
  const e = readEnv(ClientEnv, env, { what: 'Trellis configuration' });
  return {
    baseUrl: e.TRELLIS_BASE_URL ?? defaults.sandboxBaseUrl,
    clientId: e.TRELLIS_CLIENT_ID,
    secretKey: e.TRELLIS_SECRET_KEY,
    timeoutMs: e.TRELLIS_TIMEOUT_MS,
  };
}

const SandboxEnv = z.object({
  SANDBOX_TRELLIS_CLIENT_ID: z.string().min(1).default(SANDBOX_CLIENT_ID),
  SANDBOX_TRELLIS_SECRET_KEY: z.string().min(1).default(SANDBOX_SECRET_KEY),
  /** Signs connection ids and temporary access keys; every server process of one deployment must share it. */
  SANDBOX_TRELLIS_SIGNING_SECRET: z.string().min(16).optional(),
  SANDBOX_TRELLIS_READY_AFTER_MS: ms(0, 600_000).optional(),
  SANDBOX_TRELLIS_SLOW_READY_AFTER_MS: ms(0, 600_000).optional(),
});

/** Sandbox options from SANDBOX_TRELLIS_* variables, fault knobs included. */
export function trellisSandboxOptionsFromEnv(env: Env): TrellisSandboxOptions {
  const e = readEnv(SandboxEnv, env, { what: 'Trellis configuration' });
  return {
    faults: new FaultKnobs(faultSettingsFromEnv('TRELLIS', env)),
    credentials: { clientId: e.SANDBOX_TRELLIS_CLIENT_ID, secretKey: e.SANDBOX_TRELLIS_SECRET_KEY },
    signingSecret: e.SANDBOX_TRELLIS_SIGNING_SECRET,
    readyAfterMs: e.SANDBOX_TRELLIS_READY_AFTER_MS,
    slowReadyAfterMs: e.SANDBOX_TRELLIS_SLOW_READY_AFTER_MS,
  };
}
