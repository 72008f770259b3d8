/**
 * Per-request observability: a request id (taken from a well-formed
 * X-Request-Id or made here, and echoed back), a child logger carrying it, one
 * access-log line and the route's metrics. Routes are labelled by their
 * pattern (/v1/lookups/vin/:vin), never the raw path, so labels stay bounded
 * and identifiers in paths never reach a metric.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import type { AppEnv } from '../http/env.ts';
import type { Metrics } from './metrics.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function observe({ logger, metrics }: { logger: Logger; metrics: Metrics }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('X-Request-Id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    await next();
    c.header('X-Request-Id', requestId);
    // Middleware is registered for ALL methods; the last route with a real method is the handler.
    const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL')?.path ?? 'unmatched';
    const seconds = (performance.now() - started) / 1000;
    metrics.observe(c.req.method, route, c.res.status, seconds);
    const line = { method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 10_000) / 10 };
    if (c.res.status >= 500) log.error(line, 'request failed');
    else log.info(line, 'request');
  };
}
