/**
 * Every vendor Coverkit talks to, built from configuration: a client per
 * vendor and, in sandbox mode, the simulators those clients talk to over HTTP.
 * Switching a vendor to the real thing is only a change of its environment
 * variables (see each vendor's README.md); in live mode they must be set.
 *
 * VENDORS is the one list: each vendor folder's index.ts exports its
 * descriptor (descriptor.ts), and nothing else in the server names a vendor to
 * wire it. Adding a vendor: see README.md.
 */
import type { Hono } from 'hono';
import type { Insurer, QuoteRequestBody, QuoteRequirements, QuoteVendor, VendorMissing } from '../../contract/index.ts';
import { unanswered } from '../../contract/index.ts';
import { type Config, ConfigError } from '../config.ts';
import type { QuoteSource } from '../quotes/sources/source.ts';
import type { DeliveryResult, Target } from '../submissions/targets/target.ts';
import { agencyZoomVendor } from './agencyzoom/index.ts';
import { autoCompleteVendor } from './autocomplete/index.ts';
import { coverHoundVendor } from './coverhound/index.ts';
import type { Env, VendorDescriptor } from './descriptor.ts';
import { paceVendor } from './pace/index.ts';
import { type CallBuckets, MemoryCallBuckets } from './shared/call-buckets.ts';
import { trellisVendor } from './trellis/index.ts';

/** Every vendor, in the order their deliveries are stored and their sandboxes mounted. */
export const VENDORS = [coverHoundVendor, paceVendor, trellisVendor, autoCompleteVendor, agencyZoomVendor] as const;

type Descriptor = (typeof VENDORS)[number];
type VendorName = Descriptor['name'];
/** The list as any vendor: each one's own config and client types stay inside its descriptor's calls. */
const ANY_VENDORS: readonly VendorDescriptor<VendorName, unknown, unknown>[] = VENDORS;

/** What a stored delivery shows, as its target describes it (nothing, for a target this server does not know). */
export function deliveryResult(target: string, state: Readonly<Record<string, unknown>>): DeliveryResult {
  return ANY_VENDORS.find((v) => v.name === target)?.deliveryTarget?.result(state) ?? {};
}

/** Every insurer the policy journey offers, from the vendors that connect to insurers (GET /v1/session). */
export const INSURERS: readonly Insurer[] = ANY_VENDORS.flatMap((v) => v.insurers ?? []);

/** The delivery targets whose first try the shopper waits for: their result carries the shopper's link. */
export const SHOPPER_WAITS_FOR: readonly string[] = ANY_VENDORS.filter((v) => v.deliveryTarget?.shopperWaits).map((v) => v.name);

/** What the vendors this server asks for quotes and delivers to need answered (GET /v1/quote-requirements, the 202's `missing`). */
export type Requirements = {
  requirements: QuoteRequirements;
  /** Each quoting vendor that lacks answers it needs for this applicant, with their paths. */
  missing(body: QuoteRequestBody): VendorMissing[];
};

/** The quoting vendors COVERKIT_QUOTE_VENDORS names, in its order, then every delivery target: each with what it needs. */
export function requirementsFor(server: Config): Requirements {
  const quoting = server.quotes.vendors.map((name) => ANY_VENDORS.find((v) => v.name === name));
  const enabled = [
    ...quoting.flatMap((v) => (v?.needs ? [{ vendor: v, role: 'quotes' as const }] : [])),
    ...ANY_VENDORS.filter((v) => v.deliveryTarget && v.needs).map((vendor) => ({ vendor, role: 'delivery' as const })),
  ];
  const requirements: QuoteRequirements = {
    vendors: enabled.map(({ vendor, role }) => ({
      vendor: vendor.name as QuoteRequirements['vendors'][number]['vendor'],
      name: vendor.needs?.displayName ?? vendor.name,
      role,
      fields: [...(vendor.needs?.fields ?? [])],
    })),
  };
  return {
    requirements,
    missing: (body) =>
      quoting.flatMap((vendor) => {
        if (!vendor?.needs) return [];
        const fields = unanswered(vendor.needs.fields, body);
        const found = vendor.needs.check?.(body);
        // The mapping's own finding, unless the list said it already (or said something inside it).
        if (found && !fields.some((f) => f.path === found.path || f.path.startsWith(`${found.path}.`))) fields.push(found);
        return fields.length > 0 ? [{ vendor: vendor.name as QuoteVendor, fields }] : [];
      }),
  };
}

/** Each vendor's client, by the vendor's name. */
type Clients = { [D in Descriptor as D['name']]: ReturnType<D['createClient']> };

export type Vendors = Clients & {
  /** The sandboxes to mount under /sandbox/<vendor>, in sandbox mode only (each has its own Env type). */
  // biome-ignore lint/suspicious/noExplicitAny: each sandbox has its own Env type, and app.route takes any of them
  sandboxes: Partial<Record<VendorName, Hono<any>>>;
  /** The quote sources COVERKIT_QUOTE_VENDORS names, in its order. */
  quoteSources(server: Config): QuoteSource[];
  /** Every vendor that takes submissions, as a delivery target. */
  deliveryTargets(server: Config): Target[];
};

export type VendorOptions = {
  mode: 'sandbox' | 'live';
  env: Env;
  /** Where this server's own /sandbox is reachable from itself, e.g. http://127.0.0.1:8787/sandbox. */
  sandboxUrl: string;
  /** Where browsers reach this server (links the sandboxes hand out, e.g. AutoComplete's flow_url). */
  publicUrl: string;
  /** Call buckets shared by the deployment's processes (the database's, or Redis); default: this process's own. */
  callBuckets?: CallBuckets;
};

export function createVendors({ mode, env, sandboxUrl, publicUrl, callBuckets = new MemoryCallBuckets() }: VendorOptions): Vendors {
  if (mode === 'live') {
    const missing = VENDORS.map((v) => v.baseUrlVariable).filter((name) => !env[name]);
    if (missing.length > 0) throw new ConfigError(`Live mode needs the real vendors' addresses: set ${missing.join(', ')}`);
  }
  const built = ANY_VENDORS.map((descriptor) => {
    const config = descriptor.configFromEnv(env, { sandboxBaseUrl: `${sandboxUrl}/${descriptor.name}` });
    return { descriptor, vendor: { config, client: descriptor.createClient(config, { callBuckets }) } };
  });
  const clients = Object.fromEntries(built.map(({ descriptor, vendor }) => [descriptor.name, vendor.client])) as Clients;
  const sandboxes =
    mode === 'sandbox'
      ? Object.fromEntries(VENDORS.map((v) => [v.name, v.createSandbox(env, { publicBaseUrl: `${publicUrl}/sandbox/${v.name}` })]))
      : {};
  return {
    ...clients,
    sandboxes,
    quoteSources: (server) =>
      server.quotes.vendors.map((name: QuoteVendor) => {
        const found = built.find(({ descriptor }) => descriptor.name === name);
        if (!found?.descriptor.quoteSource) throw new ConfigError(`COVERKIT_QUOTE_VENDORS: ${name} is not a quoting vendor`);
        return found.descriptor.quoteSource(found.vendor, server);
      }),
    deliveryTargets: (server) =>
      built.flatMap(({ descriptor, vendor }) => (descriptor.deliveryTarget ? [descriptor.deliveryTarget.create(vendor, server)] : [])),
  };
}
