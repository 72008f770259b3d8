/**
 * Where the AutoComplete client sends requests and with which credentials.
 * By default: the local sandbox with its documented sandbox pair, so nothing
 * needs setting to try Coverkit; pointing at the real AutoComplete is only a
 * change of environment variables.
 */
import { z } from 'zod';
import { ConfigError } from '../../config.ts';

/** The sandbox's Basic auth pair (issue 4; listed in this folder's README). */
export const SANDBOX_CREDENTIALS = { apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' } as const;

/** The dealer id of the reference's examples; the sandbox accepts any UUID. */
export const SANDBOX_DEALER_ID = '4119799d-215f-4f49-b38a-0b94c2448399';

/** The variables, each checked, turned into the client's configuration. */
const envSchema = (sandboxBaseUrl: string) => z.object({
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
   * AutoComplete's UUID of the dealer of origin (`source.dealer_id`). One per
   * deployment until the dealer registry carries one per dealer.
   */
  AUTOCOMPLETE_DEALER_ID: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'must be a UUID' })
    .default(SANDBOX_DEALER_ID),
}).transform((e) => ({
  baseUrl: e.AUTOCOMPLETE_BASE_URL.replace(/\/$/, ''),
  apiKey: e.AUTOCOMPLETE_API_KEY,
  apiSecret: e.AUTOCOMPLETE_API_SECRET,
  timeoutMs: e.AUTOCOMPLETE_TIMEOUT_MS,
  dealerId: e.AUTOCOMPLETE_DEALER_ID,
}));

export type AutoCompleteConfig = z.output<ReturnType<typeof envSchema>>;

export function autoCompleteConfigFromEnv(
  env: Record<string, string | undefined>,
  defaults: { sandboxBaseUrl: string },
): AutoCompleteConfig {
  // Blank variables count as unset, as in most deployment tools.
  const given = Object.fromEntries(Object.entries(env).filter(([name, value]) => name.startsWith('AUTOCOMPLETE_') && value !== ''));
  const parsed = envSchema(defaults.sandboxBaseUrl).safeParse(given);
  if (!parsed.success) {
    // Names the variable and the rule, never the value: a secret must not reach a log.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid AutoComplete configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
