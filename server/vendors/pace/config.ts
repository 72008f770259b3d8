/**
 * Where PACE is and who we are to it. Defaults point at the local sandbox with
 * its documented key, so `npm start` needs nothing; pointing at a real PACE
 * host is only a change of variables. The program settings (MGA, agency,
 * term, states) are what PACE needs on every rate call that our canonical
 * applicant does not carry.
 */
import { z } from 'zod';
import { US_STATES } from '../../../contract/index.ts';
import { readEnv } from '../../config.ts';
import { SANDBOX_STATES } from './sandbox/rate-cycles.ts';

/** The sandbox's key (issue 4); any other key is refused there. */
export const PACE_SANDBOX_API_KEY = 'sandbox-pace-key';

const states = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(US_STATES, { error: 'must be two-letter US state codes separated by commas' })).min(1));

const PaceEnv = z
  .object({
    PACE_BASE_URL: z.url().optional(),
    PACE_API_KEY: z.string().min(1).default(PACE_SANDBOX_API_KEY),
    PACE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /** The program to rate in; PACE spells program names in capitals (mgaNameOptions). */
    PACE_MGA_NAME: z
      .string()
      .regex(/^[A-Z0-9_-]+$/, { error: 'must be the all-capitals program name' })
      .default('SANDBOX'),
    /**
     * The program as shoppers and dealers know it: the carrier name and code on its quotes and policies.
     * The sandbox program is "Pleasantville Mutual" (PLMUT), so nothing a shopper reads says "sandbox".
     */
    PACE_CARRIER_NAME: z.string().trim().min(1).max(80).default('Pleasantville Mutual'),
    PACE_CARRIER_CODE: z
      .string()
      .regex(/^[A-Z0-9]{2,10}$/, { error: 'must be 2 to 10 capital letters or digits, like PLMUT' })
      .default('PLMUT'),
    /** The seed's own example agency. */
    PACE_AGENCY_CODE: z.string().min(1).default('4001-1'),
    PACE_USERNAME: z.string().default('coverkit'),
    PACE_TERM_MONTHS: z.enum(['6', '12']).default('6').transform(Number),
    /** The states the program writes; a shopper elsewhere gets a declined PACE quote without a call. */
    PACE_STATES: z.string().default(SANDBOX_STATES.join(',')).pipe(states),
    PACE_LEAD_SOURCE: z.string().default(''),
    PACE_RATE_CALL: z.string().default(''),
  })
  .transform((e) => ({
    apiKey: e.PACE_API_KEY,
    timeoutMs: e.PACE_TIMEOUT_MS,
    program: {
      mgaName: e.PACE_MGA_NAME,
      carrierName: e.PACE_CARRIER_NAME,
      carrierCode: e.PACE_CARRIER_CODE,
      agencyCode: e.PACE_AGENCY_CODE,
      username: e.PACE_USERNAME,
      termMonths: e.PACE_TERM_MONTHS,
      states: e.PACE_STATES,
      leadSource: e.PACE_LEAD_SOURCE,
      rateCall: e.PACE_RATE_CALL,
    },
    baseUrl: e.PACE_BASE_URL,
  }));

type PaceEnvOutput = z.output<typeof PaceEnv>;
export type PaceProgram = PaceEnvOutput['program'];
export type PaceConfig = Omit<PaceEnvOutput, 'baseUrl'> & { baseUrl: string };

/** Reads PACE_* variables; without PACE_BASE_URL the client talks to the sandbox at `sandboxBaseUrl`. */
export function paceConfigFromEnv(env: Record<string, string | undefined>, options: { sandboxBaseUrl: string }): PaceConfig {
  const e = readEnv(PaceEnv, env, { what: 'PACE configuration' });
  return { ...e, baseUrl: (e.baseUrl ?? options.sandboxBaseUrl).replace(/\/$/, '') };
}

/** The sandbox program, for callers (and tests) that map without reading the environment. */
export const SANDBOX_PROGRAM: PaceProgram = paceConfigFromEnv({}, { sandboxBaseUrl: 'http://127.0.0.1' }).program;
