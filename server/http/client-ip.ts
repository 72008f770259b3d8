/** The address a request came from, for per-IP limits; behind a proxy we run, the address it saw. */

import { isIPv4, isIPv6 } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    // Our proxy appends the address it saw, so the last entry is the one nobody could forge.
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Requests made in-process (app.request in tests) have no socket.
    return 'unknown';
  }
}

/** The eight groups of an IPv6 address, written out (`2001:db8::1` → 2001,db8,0,…,1); an embedded IPv4 tail counts as two. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const split = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!isIPv4(group)) return [group];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const before = split(head);
  const after = tail === undefined ? [] : split(tail);
  const zeros = Array.from({ length: 8 - before.length - after.length }, () => '0');
  return [...before, ...zeros, ...after].map((group) => group.replace(/^0+(?=.)/, ''));
}

/**
 * Whose budget a request spends, for every per-address limit: an IPv4 address
 * as it is, and an IPv6 address by its /64. A subscriber is handed a whole /64
 * (often more), so counting single IPv6 addresses would give one attacker
 * 2^64 budgets. An IPv4 address written as IPv6 (`::ffff:198.51.100.7`) is the
 * IPv4 address.
 */
function addressBudget(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(bare)) return bare;
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const [hi = 0, lo = 0] = [groups[6], groups[7]].map((g) => Number.parseInt(g ?? '0', 16));
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The budget of the address `c` came from (see addressBudget). */
export const clientBudget = (c: Context, trustProxy: boolean) => addressBudget(clientIp(c, trustProxy));
