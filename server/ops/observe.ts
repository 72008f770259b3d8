/**
 * Per-request observability: a request id (taken from a well-formed
 * X-Request-Id or made here, and echoed back), one access-log line and the
 * route's metrics. Routes are labelled by their pattern (/v1/lookups/vin/:vin),
 * never the raw path, so labels stay bounded and identifiers in paths never
 * reach a metric. Handlers that log get a child logger carrying the request id
 * from `requestLog(c)`; it is made only when asked for, since most requests
 * log nothing but their access line.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import type { AppEnv } from '../http/env.ts';
import { requestHeader, setHeader } from '../http/headers.ts';
import type { Metrics } from './metrics.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function observe({ logger, metrics }: { logger: Logger; metrics: Metrics }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = requestHeader(c, 'x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('rootLogger', logger);
    setHeader(c, 'X-Request-Id', requestId);
    await next();
    // Middleware is registered for ALL methods; the last route with a real method is the handler.
    const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL')?.path ?? 'unmatched';
    const status = c.res.status;
    const seconds = (performance.now() - started) / 1000;
    metrics.observe(c.req.method, route, status, seconds);
    const line = { requestId, method: c.req.method, route, status, ms: Math.round(seconds * 10_000) / 10 };
    if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  };
}

/** The request's logger: every line it writes carries the request id. */
export function requestLog<E extends AppEnv>(c: Context<E>): Logger | undefined {
  let log = c.get('log');
  if (!log) {
    const root = c.get('rootLogger');
    if (!root) return undefined;
    log = root.child({ requestId: c.get('requestId') });
    c.set('log', log);
  }
  return log;
}
