/**
 * Where the CoverHound client sends its calls and with which credentials.
 * By default: the local sandbox with the credentials printed in CoverHound's
 * documentation (the sandbox accepts exactly those), so a fresh checkout
 * quotes with no set-up. Pointing at the real CoverHound is a change of
 * environment variables only.
 */
import { z } from 'zod';

/** The example credentials from CoverHound's documentation; the sandbox accepts these. */
export const SANDBOX_CREDENTIALS = {
  apiKey: 'eb6ad34d-6989-4f94-874d-e2f848dede63',
  apiSecret: '1337648ad51d99be78e446f8d721e8aa',
} as const;

const millis = z.coerce.number().int().min(100).max(600_000);

export const CoverHoundConfig = z.object({
  baseUrl: z.url().transform((url) => url.replace(/\/$/, '')),
  apiKey: z.string().min(1),
  apiSecret: z.string().min(1),
  /** Token, polling and invalidation calls. */
  timeoutMs: millis,
  /** A synchronous quote request waits for every carrier, the slowest of which can take tens of seconds. */
  syncQuoteTimeoutMs: millis,
});
export type CoverHoundConfig = z.output<typeof CoverHoundConfig>;

/** Which variable sets which field, so an error names the variable the operator wrote. */
const VARIABLES = {
  baseUrl: 'COVERHOUND_BASE_URL',
  apiKey: 'COVERHOUND_API_KEY',
  apiSecret: 'COVERHOUND_API_SECRET',
  timeoutMs: 'COVERHOUND_TIMEOUT_MS',
  syncQuoteTimeoutMs: 'COVERHOUND_SYNC_QUOTE_TIMEOUT_MS',
} as const satisfies Record<keyof CoverHoundConfig, string>;

/**
 * Reads COVERHOUND_BASE_URL, COVERHOUND_API_KEY, COVERHOUND_API_SECRET,
 * COVERHOUND_TIMEOUT_MS and COVERHOUND_SYNC_QUOTE_TIMEOUT_MS. Throws naming
 * the variable (never its value, which may be a secret) when one is invalid.
 */
export function coverHoundConfigFromEnv(env: Record<string, string | undefined>, defaults: { sandboxBaseUrl: string }): CoverHoundConfig {
  const parsed = CoverHoundConfig.safeParse({
    baseUrl: env[VARIABLES.baseUrl] ?? defaults.sandboxBaseUrl,
    apiKey: env[VARIABLES.apiKey] ?? SANDBOX_CREDENTIALS.apiKey,
    apiSecret: env[VARIABLES.apiSecret] ?? SANDBOX_CREDENTIALS.apiSecret,
    timeoutMs: env[VARIABLES.timeoutMs] ?? 10_000,
    syncQuoteTimeoutMs: env[VARIABLES.syncQuoteTimeoutMs] ?? 60_000,
  });
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => VARIABLES[issue.path[0] as keyof CoverHoundConfig]);
    throw new Error(`Invalid CoverHound configuration: ${[...new Set(names)].join(', ')}`);
  }
  return parsed.data;
}
