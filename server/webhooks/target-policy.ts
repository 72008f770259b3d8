/**
 * Where webhooks may be sent: the defence against server-side request
 * forgery. A dealer names a URL; we must never be made to call our own
 * network, a cloud's metadata service or anything else not on the public
 * internet. The rule is checked when the endpoint is registered and again when
 * each try connects: the address the socket connects to is the one that was
 * checked (our own DNS lookup hands it to the connection), so a name that
 * resolves elsewhere later (DNS rebinding) cannot slip past.
 *
 *   - public (live mode): https only, and every address the name resolves to
 *     must be public: no loopback, private, shared (CGNAT), link-local
 *     (169.254.169.254 and other metadata services), multicast or reserved one.
 *   - any (sandbox mode): http or https, any address: a developer's local receiver.
 *   - loopback (tests): http or https to localhost or a loopback address only,
 *     with no DNS query at all.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

export type TargetPolicy = 'public' | 'any' | 'loopback';

/** Addresses that are not on the public internet (IANA special-purpose registries). */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  // (An IPv4-mapped address, ::ffff:a.b.c.d, is checked against the IPv4 rules by BlockList itself.)
  // IPv4-translated forms of any address, public or not: nothing a webhook needs.
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Whether `policy` lets a webhook connect to this resolved address. */
function addressAllowed(policy: TargetPolicy, address: string): boolean {
  if (policy === 'any') return true;
  const family = familyOf(address);
  return policy === 'loopback' ? LOOPBACK.check(address, family) : !NOT_PUBLIC.check(address, family);
}

/** A URL's host as an address when it is one (`[::1]` → `::1`), else undefined. */
function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : undefined;
}

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

const lookupAll = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/**
 * Checks a URL a dealer registers; answers the normalised URL or throws
 * TargetRefused with a sentence for the dealer.
 */
export async function checkTargetUrl(policy: TargetPolicy, text: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetRefused('URL must be an absolute address like https://dealer.example/webhooks/coverkit');
  }
  if (policy === 'public' ? url.protocol !== 'https:' : url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TargetRefused(policy === 'public' ? 'URL must start with https://' : 'URL must start with https:// or http://');
  }
  if (url.username || url.password) throw new TargetRefused('URL must not carry a user name or password');
  if (url.hash) throw new TargetRefused('URL must not have a #fragment');
  const literal = literalAddress(url.hostname);
  if (policy === 'loopback') {
    if (url.hostname !== 'localhost' && !(literal && addressAllowed(policy, literal))) {
      throw new TargetRefused('This server sends webhooks to localhost only');
    }
    return url.toString();
  }
  if (policy === 'any') return url.toString();
  const addresses = literal ? [literal] : await resolvedAddresses(url.hostname);
  if (!addresses.every((address) => addressAllowed(policy, address))) {
    throw new TargetRefused('URL must reach a public internet address, not a loopback, private, link-local or metadata one');
  }
  return url.toString();
}

async function resolvedAddresses(hostname: string): Promise<string[]> {
  try {
    return (await lookupAll(hostname)).map((a) => a.address);
  } catch {
    throw new TargetRefused(`URL's host ${hostname} could not be resolved`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: resolves the name as usual and hands the
 * connection only addresses the policy allows, so the address connected to is
 * the address checked. (An address literal is checked by the caller: Node
 * does not look it up.)
 */
export function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    if (policy === 'loopback' && hostname !== 'localhost') {
      callback(Object.assign(new TargetRefused(`${hostname} is not localhost`), { code: 'ETARGETREFUSED' }), []);
      return;
    }
    lookupAll(hostname).then(
      (all) => {
        const allowed = all.filter((a) => addressAllowed(policy, a.address));
        if (allowed.length === 0) {
          callback(
            Object.assign(new TargetRefused(`${hostname} resolves to no address webhooks may reach`), { code: 'ETARGETREFUSED' }),
            [],
          );
        } else if (options.all) callback(null, allowed);
        else callback(null, allowed[0]!.address, allowed[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

/** Throws TargetRefused when a URL's host is an address literal the policy refuses (Node connects to those without a lookup). */
export function checkLiteralHost(policy: TargetPolicy, url: URL) {
  const literal = literalAddress(url.hostname);
  if (literal && !addressAllowed(policy, literal)) throw new TargetRefused(`${literal} is not an address webhooks may reach`);
}
