/**
 * Where the AutoComplete client sends requests and with which credentials,
 * and how the sandbox is tuned. By default: the local sandbox with its
 * documented sandbox pair, so nothing needs setting to try Coverkit; pointing
 * at the real AutoComplete (https://api.autocomplete.io) is only a change of
 * environment variables.
 */
import { z } from 'zod';
import { readEnv } from '../../config.ts';
import { FaultKnobs, faultSettingsFromEnv } from '../shared/faults.ts';
import { DEFAULT_MIN_INTERVAL_MS } from './client.ts';
import type { AutoCompleteSandboxOptions } from './sandbox/index.ts';

type Env = Record<string, string | undefined>;

/** The sandbox's Basic auth pair (issue 4; listed in this folder's README). */
export const SANDBOX_CREDENTIALS = { apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' } as const;

/** The dealer id of the reference's examples; the sandbox accepts any UUID. */
export const SANDBOX_DEALER_ID = '4119799d-215f-4f49-b38a-0b94c2448399';

/** The variables, each checked, turned into the client's configuration. */
const envSchema = (sandboxBaseUrl: string) =>
  z
    .object({
      AUTOCOMPLETE_BASE_URL: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://api.autocomplete.io' })
        .default(sandboxBaseUrl),
      AUTOCOMPLETE_API_KEY: z.string().min(1, { error: 'must not be empty' }).default(SANDBOX_CREDENTIALS.apiKey),
      AUTOCOMPLETE_API_SECRET: z.string().min(1, { error: 'must not be empty' }).default(SANDBOX_CREDENTIALS.apiSecret),
      AUTOCOMPLETE_TIMEOUT_MS: z.coerce
        .number({ error: 'must be a number of milliseconds' })
        .int({ error: 'must be a whole number of milliseconds' })
        .min(100, { error: 'must be at least 100' })
        .max(120_000, { error: 'must be at most 120000' })
        .default(10_000),
      /**
       * The least time between two calls' starts: the documented one a second plus a margin.
       * Shorter only against a sandbox whose limit is lifted (tests).
       */
      AUTOCOMPLETE_MIN_INTERVAL_MS: z.coerce
        .number({ error: 'must be a number of milliseconds' })
        .int({ error: 'must be a whole number of milliseconds' })
        .min(0, { error: 'must be at least 0' })
        .max(60_000, { error: 'must be at most 60000' })
        .default(DEFAULT_MIN_INTERVAL_MS),
      /**
       * AutoComplete's UUID of the dealer of origin (`source.dealer_id`). One per
       * deployment until the dealer registry carries one per dealer.
       */
      AUTOCOMPLETE_DEALER_ID: z
        .string()
        .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'must be a UUID' })
        .default(SANDBOX_DEALER_ID),
    })
    .transform((e) => ({
      baseUrl: e.AUTOCOMPLETE_BASE_URL.replace(/\/$/, ''),
      apiKey: e.AUTOCOMPLETE_API_KEY,
      apiSecret: e.AUTOCOMPLETE_API_SECRET,
      timeoutMs: e.AUTOCOMPLETE_TIMEOUT_MS,
      minIntervalMs: e.AUTOCOMPLETE_MIN_INTERVAL_MS,
      dealerId: e.AUTOCOMPLETE_DEALER_ID,
    }));

export type AutoCompleteConfig = z.output<ReturnType<typeof envSchema>>;

export function autoCompleteConfigFromEnv(env: Env, defaults: { sandboxBaseUrl: string }): AutoCompleteConfig {
  return readEnv(envSchema(defaults.sandboxBaseUrl), env, { what: 'AutoComplete configuration', blankIsUnset: true });
}

const SandboxEnv = z.object({
  SANDBOX_AUTOCOMPLETE_API_KEY: z.string().min(1, { error: 'must not be empty' }).default(SANDBOX_CREDENTIALS.apiKey),
  SANDBOX_AUTOCOMPLETE_API_SECRET: z.string().min(1, { error: 'must not be empty' }).default(SANDBOX_CREDENTIALS.apiSecret),
  /** `autocomplete`: AutoComplete-Initiated Messaging, which needs a phone with sms_consent. */
  SANDBOX_AUTOCOMPLETE_MESSAGING: z.enum(['dealer', 'autocomplete'], { error: 'must be dealer or autocomplete' }).default('dealer'),
  /** The documented 1 by default; 0 lifts the limit. */
  SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'cannot be negative' })
    .default(1),
  /** Where flow links point; the server's own `/sandbox/autocomplete/_flows` makes them open a stand-in page. */
  SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});

/** Sandbox options from SANDBOX_AUTOCOMPLETE_* variables, fault knobs included. */
export function autoCompleteSandboxOptionsFromEnv(env: Env): AutoCompleteSandboxOptions {
  const e = readEnv(SandboxEnv, env, { what: 'AutoComplete configuration', blankIsUnset: true });
  return {
    faults: new FaultKnobs(faultSettingsFromEnv('AUTOCOMPLETE', env)),
    credentials: [{ apiKey: e.SANDBOX_AUTOCOMPLETE_API_KEY, apiSecret: e.SANDBOX_AUTOCOMPLETE_API_SECRET }],
    messaging: e.SANDBOX_AUTOCOMPLETE_MESSAGING,
    rateLimitPerSecond: e.SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND === 0 ? false : e.SANDBOX_AUTOCOMPLETE_RATE_LIMIT_PER_SECOND,
    ...(e.SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL ? { flowBaseUrl: e.SANDBOX_AUTOCOMPLETE_FLOW_BASE_URL } : {}),
  };
}
