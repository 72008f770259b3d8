/** Liveness, readiness (the database answers and we are not shutting down) and metrics. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../db/index.ts';
import { ApiError } from '../http/errors.ts';
import { createRouter, errors, json, open, SECURITY } from '../http/openapi.ts';
import type { Metrics } from './metrics.ts';

export type Lifecycle = { shuttingDown: boolean };

const Health = z.object({ status: z.literal('ok') }).openapi('Health');

export function healthRoutes({ db, metrics, lifecycle }: { db: Database; metrics: Metrics; lifecycle: Lifecycle }) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      tags: ['Operations'],
      summary: 'The process is alive',
      ...open(),
      responses: { 200: json(Health, 'Alive') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      tags: ['Operations'],
      summary: 'Ready for traffic: the database answers',
      ...open(),
      responses: { 200: json(Health, 'Ready'), ...errors(503) },
    }),
    async (c) => {
      if (lifecycle.shuttingDown) throw new ApiError(503, 'unavailable', 'Shutting down');
      try {
        await db.ping();
      } catch {
        throw new ApiError(503, 'unavailable', 'The database does not answer');
      }
      return c.json({ status: 'ok' as const }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      tags: ['Operations'],
      summary: 'Prometheus metrics',
      description: 'Open unless the server is configured with COVERKIT_METRICS_TOKEN; then send it as `Authorization: Bearer`.',
      // The token is checked by app.ts for /metrics, configured or not: the document only says so.
      security: SECURITY.operatorTokenIfConfigured,
      responses: {
        200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } },
        ...errors(401),
      },
    }),
    async (c) => {
      const text = await metrics.registry.metrics();
      return c.text(text, 200, { 'Content-Type': metrics.registry.contentType });
    },
  );
  return app;
}
