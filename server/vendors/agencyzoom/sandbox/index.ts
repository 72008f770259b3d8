/**
 * The AgencyZoom sandbox: a Hono app answering the seed's paths relative to
 * the vendor's base URL (mounted at /sandbox/agencyzoom). Requests pass, in
 * order: the fault knobs (latency, outage, error rate, global rate limit), the
 * login or the bearer check with the per-account limit, then the simulated API.
 */
import { Hono } from 'hono';
import { FaultKnobs } from '../../shared/faults.ts';
import { SANDBOX_PASSWORD, SANDBOX_USERNAME } from '../vendor.ts';
import { fail, MESSAGES, rateLimited, serverError } from './answers.ts';
import { loginRoutes, logoutRoutes, requireBearer, type SandboxEnv } from './auth.ts';
import { leadRoutes } from './leads.ts';
import { lookupRoutes } from './lookups.ts';
import { AccountRateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { LeadStore } from './store.ts';
import { type Account, SandboxTokens } from './tokens.ts';

export type AgencyZoomSandboxOptions = {
  faults?: FaultKnobs;
  /** The sandbox clock: token expiry, the rate-limit window, lead dates. */
  now?: () => Date;
  /** Who may log in; default the sandbox account agent@pleasantville.example / sandbox-password. */
  accounts?: Account[];
  /** Shared by every process of one deployment so their tokens verify anywhere; random otherwise. */
  signingSecret?: string;
  tokenTtlSeconds?: number;
  /** The vendor's own per-account limit; default the documented 30 a minute (60 at night Central). */
  rateLimit?: RateLimitOptions;
};

const SANDBOX_ACCOUNT: Account = { username: SANDBOX_USERNAME, password: SANDBOX_PASSWORD };

export function createAgencyZoomSandbox(options: AgencyZoomSandboxOptions = {}): Hono<SandboxEnv> {
  const now = options.now ?? (() => new Date());
  const faults = options.faults ?? new FaultKnobs();
  const tokens = new SandboxTokens({ now, ttlSeconds: options.tokenTtlSeconds, signingSecret: options.signingSecret });
  const limiter = new AccountRateLimiter(options.rateLimit ?? {}, now);
  const store = new LeadStore(now);
  const accounts = options.accounts ?? [SANDBOX_ACCOUNT];

  const app = new Hono<SandboxEnv>();
  app.route('/', faults.routes());
  app.use('*', faults.middleware({ serverError, rateLimited }));
  app.route('/', loginRoutes({ accounts, tokens, limiter }));
  app.use('/v1/api/*', requireBearer({ tokens, limiter }));
  app.route('/', logoutRoutes({ tokens }));
  app.route('/', leadRoutes(store, now));
  app.route('/', lookupRoutes());
  app.notFound((c) => fail(c, 404, MESSAGES.notFound));
  // Never a stack trace: AgencyZoom's documented 500.
  app.onError((_error, c) => fail(c, 500, MESSAGES.internal));
  return app;
}
