/**
 * The PACE sandbox: a simulator of the documented API, at the documented
 * paths relative to the vendor's base URL (the server mounts it under
 * /sandbox/pace). It checks the `pace-api-key` header, answers the documented
 * shapes and `{ exception, message[] }` errors, is deterministic from its
 * inputs and today's date, and applies the fault knobs before anything else.
 */
import { Hono } from 'hono';
import { FaultKnobs } from '../shared/faults.ts';
import { PACE_SANDBOX_API_KEY } from './config.ts';
import { faultAnswers, notFound, paceError, unauthorized } from './sandbox/answers.ts';
import { lookupRoutes } from './sandbox/lookup-routes.ts';
import { policyRoutes, quoteRoutes } from './sandbox/record-routes.ts';
import { PaceRecords } from './sandbox/records.ts';
import { seedRecords } from './sandbox/seed-records.ts';
import { VehicleCatalogue } from './sandbox/vehicles.ts';

export type PaceSandboxOptions = {
  faults?: FaultKnobs;
  /** The sandbox's clock: effective-date rules, model years and the personas' dates follow it. */
  now?: () => Date;
  /** The key the sandbox accepts; the documented sandbox key by default. */
  apiKey?: string;
};

export function createPaceSandbox(options: PaceSandboxOptions = {}): Hono {
  const now = options.now ?? (() => new Date());
  const knobs = options.faults ?? new FaultKnobs();
  const apiKey = options.apiKey ?? PACE_SANDBOX_API_KEY;
  const catalogue = new VehicleCatalogue(now);
  const records = new PaceRecords(seedRecords(now()));

  const app = new Hono();
  app.use('*', knobs.middleware(faultAnswers));
  app.route('/', knobs.routes());
  app.use('/api/*', async (c, next) => {
    if (c.req.header('pace-api-key') !== apiKey) return unauthorized();
    return next();
  });
  app.route('/api/v1/underwriting/lookups', lookupRoutes(catalogue, now));
  app.route('/api/v1/quote', quoteRoutes(records, catalogue, now));
  app.route('/api/v1/policy', policyRoutes(records));
  // A catch-all route rather than notFound(): a parent app mounting the sandbox keeps its own notFound.
  app.all('*', (c) => notFound(`No route for ${c.req.method} ${c.req.path}`));
  app.onError(() => paceError(500, 'internal server error', 'An unexpected error occurred. Please try again later.'));
  return app;
}
