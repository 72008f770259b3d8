/** The lookups a lead needs, answered from the sandbox agency (agency.ts). */
import { Hono } from 'hono';
import { CARRIERS, EMPLOYEES, LEAD_SOURCES, PIPELINES, PRODUCT_LINES } from './agency.ts';
import type { SandboxEnv } from './auth.ts';

export function lookupRoutes(): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.get('/v1/api/pipelines-and-stages', (c) => c.json(PIPELINES));
  app.get('/v1/api/lead-sources', (c) => c.json(LEAD_SOURCES));
  app.get('/v1/api/employees', (c) => c.json(EMPLOYEES));
  app.get('/v1/api/carriers', (c) => c.json(CARRIERS));
  app.get('/v1/api/product-lines', (c) => c.json(PRODUCT_LINES));
  return app;
}
