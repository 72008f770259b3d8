/**
 * Refresh keys: how a reload carries on in the same session after the token
 * it kept has expired (the page was closed, or the laptop slept, for longer
 * than a token lives), instead of starting a new one without the shopper's
 * answers.
 *
 * An expired token is never renewed: tokens travel as bearer tokens on every
 * request, so they end up in more places (proxies, logs, crash reports) than
 * a credential that may revive a session should. The widget instead asks,
 * with its valid token, for a refresh key once it has progress to keep
 * (POST /v1/session/refresh-key), and keeps it next to the token; the key is
 * sent to one endpoint only (POST /v1/sessions/refresh), in the body, from
 * the page origin it was made on, and answers a token bound as the first was,
 * only while the session runs (its absolute lifetime; not once revoked).
 */
import { createRoute } from '@hono/zod-openapi';
import { RefreshKeyCreated, RefreshSessionBody, SessionCreated } from '../../contract/index.ts';
import type { Config } from '../config.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, unauthorized } from '../http/errors.ts';
import { createRouter, errors, json, jsonBody, open } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { guards } from './guards.ts';
import { type AuthDeps, assertSessionRuns, type SessionEnv } from './middleware.ts';
import { perAddressBudget } from './public-session-budgets.ts';
import type { RefreshKeyStore } from './refresh-keys.ts';
import { tokenFor } from './routes.ts';

export type RefreshRoutesDeps = AuthDeps & {
  refreshKeys: RefreshKeyStore;
  config: Pick<Config, 'sessionRatePerIp' | 'trustProxy'>;
};

/** Keys one session may ask for per minute: a widget asks once per browser profile. */
const KEYS_PER_MINUTE = 10;

const notFromThisPage = (origin: string | undefined) =>
  new ApiError(
    403,
    'origin_not_allowed',
    `${origin ? `The page origin ${origin}` : 'A request without an Origin'} cannot use this session's refresh key: it is used only from the page origin it was made on`,
  );

/** Mounted at /v1/session/refresh-key. */
export function refreshKeyRoutes(deps: RefreshRoutesDeps) {
  const { refreshKeys } = deps;
  const auth = guards(deps);
  const app = createRouter();
  const perSession = rateLimit<AppEnv & SessionEnv>({
    counters: deps.limitCounters,
    name: 'refresh-keys-per-session',
    limit: KEYS_PER_MINUTE,
    key: (c) => c.get('session').id,
    message: 'Too many refresh keys in this session; try again in a minute',
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createRefreshKey',
      tags: ['Sessions'],
      summary: 'A key to carry on in this session after a reload',
      description: `The widget calls this from the page, with its session token, once the shopper has progress to keep, and keeps the key with the token. When a reload finds the kept token expired (the page was closed longer than a token lives) it trades the key for a fresh token of the same session (POST /v1/sessions/refresh) instead of starting a new one. The key is taken only from the page origin it was made on (the request's Origin, which must be the one the session is bound to or, for a session bound to none, one on the dealer's allow-list) and only while the session runs. No body. At most ${KEYS_PER_MINUTE} a minute per session.`,
      ...auth.session('quote', perSession),
      responses: { 201: json(RefreshKeyCreated, 'The key, shown once'), ...errors(400, 401, 403, 429) },
    }),
    async (c) => {
      const session = c.get('session');
      // requireSession has checked a sent Origin against the token; a key is for a page, so one must be sent.
      const origin = c.req.header('Origin');
      if (!origin) {
        throw new ApiError(400, 'validation_failed', 'Some fields need attention', {
          Origin: ['A refresh key is for a page: ask for it from the page (the browser sends Origin)'],
        });
      }
      const refreshKey = await refreshKeys.mint(session.id, origin);
      return c.json({ sessionId: session.id, refreshKey, sessionExpiresAt: session.expiresAt.toISOString() }, 201);
    },
  );
  return app;
}

/** Mounted at /v1/sessions/refresh. */
export function refreshSessionRoutes(deps: RefreshRoutesDeps) {
  const { dealers, sessions, tokens, refreshKeys, config } = deps;
  const app = createRouter();
  // Anyone may call it, like POST /v1/sessions/public: one budget per address (a key is too long to guess).
  const perIp = perAddressBudget(deps.limitCounters, config, 'refreshes-per-ip', 'refreshes');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'refreshSession',
      tags: ['Sessions'],
      summary: 'Carry on in a session after a reload',
      description:
        "Called by the widget on a reloaded page whose kept token has expired, with the session's refresh key (POST /v1/session/refresh-key): the answer is a fresh token of the same session (the shape POST /v1/sessions answers), bound as the first to its session, dealer and page origin, valid for at most 15 minutes; the session's draft (GET /v1/session/draft) holds the shopper's answers and step. Allowed only from the page origin the key was made on (403 `origin_not_allowed`). A key no session has is 401 `unauthorized`; once the session has ended, 401 `session_expired` or `session_revoked`: start a new session then.",
      ...open(perIp),
      request: { body: jsonBody(RefreshSessionBody) },
      responses: { 200: json(SessionCreated, 'A token of the same session'), ...errors(400, 401, 403, 413, 429) },
    }),
    async (c) => {
      const { refreshKey } = c.req.valid('json');
      const origin = c.req.header('Origin');
      const key = await refreshKeys.find(refreshKey);
      if (!key) throw unauthorized('No session has this refresh key; start a new session');
      if (origin !== key.origin) throw notFromThisPage(origin);
      const session = await sessions.get(key.sessionId, { fresh: true });
      if (!session || !dealers.get(session.clientId)) throw unauthorized('No session has this refresh key; start a new session');
      assertSessionRuns(sessions, session);
      return c.json({ sessionId: session.id, ...(await tokenFor(tokens, session)) }, 200);
    },
  );
  return app;
}
