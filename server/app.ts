/**
 * Builds the Coverkit HTTP app from its dependencies. It reads like a table of
 * contents: cross-cutting middleware first, then one router per capability,
 * mounted at its prefix.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { DealerRegistry } from './auth/dealers.ts';
import type { SigningKeys } from './auth/keys.ts';
import type { RefreshKeyStore } from './auth/refresh-keys.ts';
import { refreshKeyRoutes, refreshSessionRoutes } from './auth/refresh-routes.ts';
import type { RefusedSecretKeys } from './auth/refused-keys.ts';
import { currentSessionRoutes, jwksRoutes, sessionRoutes } from './auth/routes.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { TokenService } from './auth/tokens.ts';
import type { Config } from './config.ts';
import type { Database } from './db/index.ts';
import { demoRoutes } from './demo/routes.ts';
import type { DemoWebhookLog } from './demo/webhook-log.ts';
import { openApiDocument } from './docs/openapi.ts';
import { draftRoutes } from './drafts/routes.ts';
import type { DraftStore } from './drafts/store.ts';
import { clientBudget } from './http/client-ip.ts';
import type { AppEnv } from './http/env.ts';
import { ApiError, handleError } from './http/errors.ts';
import type { LimitCounters } from './http/limit-counters.ts';
import { headLength, unmatched } from './http/methods.ts';
import { requireOperatorToken } from './http/operator-token.ts';
import { rateLimit } from './http/rate-limit.ts';
import { apiHeaders, corsForDealers, limitBody, pageHeaders, requireJsonBody } from './http/security.ts';
import { shopperRouter } from './http/shopper.ts';
import { placeRoutes } from './lookups/place-routes.ts';
import { lookupRoutes } from './lookups/routes.ts';
import { healthRoutes, type Lifecycle } from './ops/health.ts';
import type { Metrics } from './ops/metrics.ts';
import { observe } from './ops/observe.ts';
import { policyRoutes } from './policies/routes.ts';
import type { ConnectionStore } from './policies/store.ts';
import type { QuoteService } from './quotes/index.ts';
import { quoteRoutes } from './quotes/routes.ts';
import { requirementsRoutes } from './requirements/routes.ts';
import { resumeLinkRoutes, resumeSessionRoutes } from './resume/routes.ts';
import type { ResumeLinkStore } from './resume/store.ts';
import type { SubmissionService } from './submissions/index.ts';
import { dealerSubmissionRoutes, disclosureRoutes, sessionSubmissionRoutes, submitRoutes } from './submissions/routes.ts';
import { requirementsFor, type Vendors } from './vendors/index.ts';
import type { WebhookService } from './webhooks/index.ts';
import { documentWebhookEvents } from './webhooks/openapi.ts';
import { webhookRoutes } from './webhooks/routes.ts';

export type AppDeps = {
  config: Config;
  db: Database;
  logger: Logger;
  metrics: Metrics;
  lifecycle: Lifecycle;
  dealers: DealerRegistry;
  keys: SigningKeys;
  tokens: TokenService;
  sessions: SessionStore;
  drafts: DraftStore;
  refreshKeys: RefreshKeyStore;
  resumeLinks: ResumeLinkStore;
  /** The clock resume links are made and checked on (tests move it). */
  now?: () => number;
  refusedKeys: RefusedSecretKeys;
  limitCounters: LimitCounters;
  vendors: Vendors;
  quotes: QuoteService;
  connections: ConnectionStore;
  submissions: SubmissionService;
  webhooks: WebhookService;
  /** The demo dealer's verified webhook events, in sandbox mode (demo/webhook-log.ts). */
  demoWebhooks?: DemoWebhookLog;
  /** Where the demo site and the built widget live (defaults: demo/ and dist/widget/). */
  paths: { demoDir: string; widgetDir: string };
};

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.validation(result.error);
    },
  });

  app.use('*', observe(deps), headLength());
  app.use('/v1/*', corsForDealers(deps.dealers), apiHeaders(), limitBody(), requireJsonBody());
  for (const path of ['/.well-known/*', '/healthz', '/readyz', '/metrics', '/openapi.json']) app.use(path, apiHeaders());
  app.use('/metrics', requireOperatorToken(deps.config.metricsToken, 'metrics'));
  app.use('/docs', pageHeaders());

  // Sessions: made by a dealer's backend or the widget, read by the widget, verifiable by anyone.
  app.route('/v1/sessions', sessionRoutes(deps));
  app.route('/v1/session', currentSessionRoutes(deps));
  // …and keeps the shopper's progress under it, so a reload or a second tab resumes where they were.
  app.route('/v1/session/draft', draftRoutes(deps));
  // …and carries it to another device through a one-time link (a kiosk or a laptop to the shopper's phone).
  app.route('/v1/session/resume-link', resumeLinkRoutes(deps));
  // …and after a reload that found its token expired, carries on in it with the refresh key the widget kept.
  app.route('/v1/session/refresh-key', refreshKeyRoutes(deps));
  app.route('/v1/sessions/refresh', refreshSessionRoutes(deps));
  app.route('/v1/sessions/resume', resumeSessionRoutes(deps));
  app.route('/.well-known', jwksRoutes(deps));

  // The shopper's journeys, under one budget per client address.
  const lookups = lookupRoutes(deps);
  // What the vendors quoting and taking submissions here need answered: the widget asks it, a 202 says what is missing.
  const requirements = requirementsFor(deps.config);
  const shopper = shopperRouter(
    app,
    rateLimit({
      counters: deps.limitCounters,
      name: 'shopper-requests-per-ip',
      limit: deps.config.widgetRatePerIp,
      key: (c) => clientBudget(c, deps.config.trustProxy),
      message: 'Too many requests from this address; try again in a minute',
    }),
  );
  shopper
    .route('/v1/lookups/places', placeRoutes(deps))
    .route('/v1/lookups', lookups.catalogue)
    .route('/v1/quote-requirements', requirementsRoutes({ ...deps, requirements }))
    .route('/v1/policy-lookups', lookups.policyLookups)
    .route('/v1/quote-requests', quoteRoutes({ ...deps, requirements }))
    .route('/v1/connections', policyRoutes(deps))
    .route('/v1/consent-disclosure', disclosureRoutes(deps))
    .route('/v1/submissions', submitRoutes(deps))
    .route('/v1/session/submissions', sessionSubmissionRoutes(deps));

  // The dealer's backend reads its submissions back.
  app.route('/v1/submissions', dealerSubmissionRoutes(deps));
  // …and registers the endpoints we push signed events to.
  app.route('/v1/webhook-endpoints', webhookRoutes(deps));

  // Operations, the demo site and the widget bundle.
  app.route('/', healthRoutes(deps));
  app.route('/', demoRoutes({ ...deps.paths, webhookLog: deps.demoWebhooks }));

  // Vendor simulators, in sandbox mode only: each answers at /sandbox/<vendor> + the path its seed documents.
  app.use('/sandbox/*', apiHeaders(), limitBody());
  const faultsAdmin = requireOperatorToken(deps.config.sandboxAdminToken, 'the sandbox fault knobs');
  app.use('/sandbox/:vendor/_faults', (c, next) => (c.req.method === 'GET' ? next() : faultsAdmin(c, next)));
  for (const [name, sandbox] of Object.entries(deps.vendors.sandboxes)) app.route(`/sandbox/${name}`, sandbox);

  documentWebhookEvents(app);
  openApiDocument(app, { serverUrl: deps.config.publicUrl, budgetedRoutes: shopper.routes });
  app.onError(handleError);
  // A known path asked with another method: 405 with Allow (OPTIONS: 204 with Allow); else 404.
  app.notFound(unmatched(app));
  return app;
}
