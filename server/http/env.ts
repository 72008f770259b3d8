/**
 * What handlers can read with `c.get(...)`. Every request has what observe()
 * sets; what an auth middleware verified (the session, the dealer, the
 * connection) is typed on that middleware, so only a route that ran it can
 * read it (see auth/middleware.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** Set by @hono/node-server; absent for in-process requests (app.request). */
export type NodeBindings = { incoming?: IncomingMessage; outgoing?: ServerResponse };

/** An env whose middleware hands `V` to what runs after it. */
export type WithVariables<V extends object> = { Bindings: NodeBindings; Variables: V };

export type AppEnv = WithVariables<{
  requestId: string;
  /** The process logger; use requestLog(c) for a logger that carries the request id. */
  rootLogger: Logger;
  /** Made on first use by requestLog(c). */
  log: Logger;
}>;
