/**
 * Sets response headers on the Node response directly. Hono's `c.header()` and
 * any middleware that touches `c.res.headers` make @hono/node-server build a
 * full WHATWG Response for every request instead of writing its cached fast
 * path (measured here: a route with hono/secure-headers and hono/cors ran at a
 * quarter of a bare route). Node merges headers set this way with the ones the
 * response writes, so handlers keep using `c.json()` unchanged. In-process
 * requests (app.request, no socket) fall back to `c.header()`.
 */
import type { Context } from 'hono';
import type { NodeBindings } from './env.ts';

export type HeaderRecord = Readonly<Record<string, string>>;

export function setHeaders<E extends { Bindings: NodeBindings }>(c: Context<E>, headers: HeaderRecord) {
  const outgoing = c.env?.outgoing;
  if (outgoing && !outgoing.headersSent) {
    for (const name in headers) outgoing.setHeader(name, headers[name]!);
    return;
  }
  for (const name in headers) c.header(name, headers[name]);
}

export function setHeader<E extends { Bindings: NodeBindings }>(c: Context<E>, name: string, value: string) {
  const outgoing = c.env?.outgoing;
  if (outgoing && !outgoing.headersSent) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/**
 * A request header, read from Node's already-parsed headers when there is a
 * socket: `c.req.header()` first builds a WHATWG Headers object from them,
 * which costs more than the rest of a cached session check.
 */
export function requestHeader<E extends { Bindings: NodeBindings }>(c: Context<E>, name: Lowercase<string>): string | undefined {
  const incoming = c.env?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
