/**
 * What a vendor folder registers: one descriptor that says how to read the
 * vendor's configuration, build its client and its sandbox, and, when the
 * vendor quotes or takes submissions, its quote source or delivery target.
 * The server builds every vendor from the one list in vendors/index.ts and
 * never names a vendor to wire it.
 */
import type { Hono } from 'hono';
import type { FieldNeed, Insurer, QuoteRequestBody } from '../../contract/index.ts';
import type { Config } from '../config.ts';
import type { QuoteSource } from '../quotes/sources/source.ts';
import type { DeliveryResult, Target } from '../submissions/targets/target.ts';
import type { CallBuckets } from './shared/call-buckets.ts';

export type Env = Record<string, string | undefined>;

/** What every vendor client may use across the deployment's processes. */
type SharedServices = { callBuckets: CallBuckets };

/** A vendor as this server built it: its configuration (from the environment) and its client. */
type BuiltVendor<Cfg, Client> = { config: Cfg; client: Client };

export type VendorDescriptor<Name extends string, Cfg, Client> = {
  /** The vendor's folder name, and its path under /sandbox. */
  name: Name;
  /** The variable that points the client at the real vendor: live mode needs it set. */
  baseUrlVariable: string;
  /** Reads the vendor's variables; without its base URL variable the client talks to the sandbox at `sandboxBaseUrl`. */
  configFromEnv(env: Env, defaults: { sandboxBaseUrl: string }): Cfg;
  /** `shared`: what the server's processes share (the call buckets that pace a vendor below its limit). */
  createClient(config: Cfg, shared: SharedServices): Client;
  /**
   * The simulator mounted at /sandbox/<name> in sandbox mode, tuned by its
   * SANDBOX_<NAME>_* variables. `publicBaseUrl`: where browsers reach it (for the links it hands out).
   */
  // biome-ignore lint/suspicious/noExplicitAny: each sandbox has its own Env type, and app.route takes any of them
  createSandbox(env: Env, at: { publicBaseUrl: string }): Hono<any>;
  /** The insurers a shopper can connect through this vendor to read their policies (the widget lists them). */
  insurers?: readonly Insurer[];
  /**
   * What the vendor needs answered beyond the Applicant schema, from its own
   * documentation (GET /v1/quote-requirements; the widget asks for it). `check`:
   * the first answer the vendor's own mapping finds missing, for rules `fields` cannot state.
   */
  needs?: {
    displayName: string;
    fields: readonly FieldNeed[];
    check?(body: QuoteRequestBody): { path: string; reason: string } | undefined;
  };
  /** A quoting vendor's share of each quote request (asked when COVERKIT_QUOTE_VENDORS names it). */
  quoteSource?(vendor: BuiltVendor<Cfg, Client>, server: Config): QuoteSource;
  /** An agency system every submission is delivered to. */
  deliveryTarget?: {
    create(vendor: BuiltVendor<Cfg, Client>, server: Config): Target;
    /** What one of its deliveries shows, from the state it saved (views.ts). */
    result(state: Readonly<Record<string, unknown>>): DeliveryResult;
    /** Its result carries the shopper's link: POST /v1/submissions waits briefly (COVERKIT_FLOW_URL_WAIT_MS) for its first try. */
    shopperWaits?: boolean;
  };
};

/** Declares a vendor's descriptor, keeping its name, configuration and client types for the list in vendors/index.ts. */
export function defineVendor<const Name extends string, Cfg, Client>(
  descriptor: VendorDescriptor<Name, Cfg, Client>,
): VendorDescriptor<Name, Cfg, Client> {
  return descriptor;
}
