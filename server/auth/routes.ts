/**
 * The token service's public face, three routers for app.ts to mount: sessions
 * made (and ended early) by a dealer's backend (secret key) or made by the
 * widget on an allow-listed page (public) at /v1/sessions; the session the
 * widget reads to start, and renews its token for, at /v1/session; and the
 * JWKS that lets anyone verify our tokens at /.well-known.
 *
 * A session lives up to its absolute lifetime (4 h by default); each token
 * lives at most 15 minutes and never past the session's end, so the widget
 * renews its token while the shopper takes their time.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  CreateSessionBody,
  type Prefill,
  type Product,
  PublicSessionBody,
  SessionCreated,
  SessionId,
  SessionInfo,
  SessionTokenRenewed,
} from '../../contract/index.ts';
import type { Config } from '../config.ts';
import type { DraftStore } from '../drafts/store.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { createRouter, errors, json, jsonBody, open, tooManyRequests } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { AutoCompletePerson, personToPrefill } from '../vendors/autocomplete/index.ts';
import { INSURERS } from '../vendors/index.ts';
import type { Dealer } from './dealers.ts';
import { guards } from './guards.ts';
import type { SigningKeys } from './keys.ts';
import { type AuthDeps, assertSessionRuns, type DealerEnv, type SessionEnv } from './middleware.ts';
import { NEW_SHOPPER_SESSIONS, PublicSessionBudgets, perAddressBudget } from './public-session-budgets.ts';
import type { SessionRecord } from './sessions.ts';
import type { TokenService } from './tokens.ts';

export type SessionRoutesDeps = AuthDeps & {
  keys: SigningKeys;
  /** An ended session's draft is deleted with it. */
  drafts: DraftStore;
  config: Pick<
    Config,
    'sessionLifetimeSeconds' | 'sessionRatePerClient' | 'sessionRatePerIp' | 'publicSessionCeilingPerClient' | 'trustProxy'
  >;
};

const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi('Jwks');

/**
 * A dealer's backend may pre-fill in the AutoComplete Person shape, which is
 * what dealer management systems export; it is mapped to the canonical
 * pre-fill, and `prefill` (ours) wins for any part both give.
 */
const CreateSessionRequest = CreateSessionBody.extend({
  prefillPerson: AutoCompletePerson.optional().describe('The shopper as an AutoComplete Person (what dealer systems export)'),
}).openapi('CreateSessionRequest');

function mergePrefill(body: z.infer<typeof CreateSessionRequest>): { prefill?: Prefill; unmapped?: string[] } {
  if (!body.prefillPerson) return { prefill: body.prefill };
  const fromPerson = personToPrefill(body.prefillPerson);
  return { prefill: { ...fromPerson.prefill, ...body.prefill }, unmapped: fromPerson.unmapped };
}

/** POST /v1/sessions (a dealer's backend) and POST /v1/sessions/public (the widget). */
export function sessionRoutes(deps: Omit<SessionRoutesDeps, 'keys'>) {
  const { dealers, tokens, sessions, config } = deps;
  const app = createRouter();

  // Public sessions: one budget per address (IPv6: its /64), counting every request, then the dealer's (public-session-budgets.ts).
  const perIp = perAddressBudget(deps.limitCounters, config, 'public-sessions-per-ip', 'sessions');
  const publicBudgets = new PublicSessionBudgets(deps.limitCounters, {
    perOrigin: config.sessionRatePerClient,
    ceilingPerClient: config.publicSessionCeilingPerClient,
    trustProxy: config.trustProxy,
  });
  // A dealer's backend may create many sessions from one address; its wrong keys are throttled in requireSecretKey.
  const auth = guards(deps);
  const perDealer = rateLimit<AppEnv & DealerEnv>({
    counters: deps.limitCounters,
    name: 'sessions-per-dealer',
    limit: config.sessionRatePerClient,
    key: (c) => c.get('dealer').clientId,
    message: `Too many sessions for this dealer: its budget of ${config.sessionRatePerClient} a minute is spent; try again after Retry-After seconds`,
  });

  /** Creates the session and its first token. */
  async function startSession(
    dealer: Dealer,
    body: { products?: Product[]; prefill?: SessionInfo['prefill']; origin?: string; externalRef?: string },
  ) {
    const products = body.products ?? dealer.products;
    const notAllowed = products.filter((p) => !dealer.products.includes(p));
    if (notAllowed.length > 0) throw forbidden(`This dealer does not offer: ${notAllowed.join(', ')}`);
    const session = await sessions.create(
      { clientId: dealer.clientId, products, prefill: body.prefill ?? {}, origin: body.origin, externalRef: body.externalRef },
      config.sessionLifetimeSeconds,
    );
    return { sessionId: session.id, ...(await tokenFor(tokens, session)) };
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createSession',
      tags: ['Sessions'],
      summary: 'Create a session from your backend',
      description:
        'Call from your server with your secret key. Pre-fill what you already know of the shopper (the canonical applicant, each part optional), narrow the products, and bind the session to the page origin that will use it.',
      ...auth.secretKey(perDealer),
      request: { body: jsonBody(CreateSessionRequest) },
      responses: { 201: json(SessionCreated, 'The session and its token'), ...errors(400, 401, 403, 413, 429) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const dealer = c.get('dealer');
      if (body.origin && !dealer.allowedOrigins.includes(body.origin)) {
        throw forbidden(`Origin ${body.origin} is not on this dealer's allow-list`);
      }
      const { prefill, unmapped } = mergePrefill(body);
      const created = await startSession(dealer, { ...body, prefill });
      return c.json(unmapped ? { ...created, prefillUnmapped: unmapped } : created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/public',
      operationId: 'createPublicSession',
      tags: ['Sessions'],
      summary: 'Create a session from the widget',
      description:
        "Called by the widget with only your public clientId. Allowed only when the request's Origin is on your allow-list; the session is bound to that origin and carries no pre-fill. Any page may ask (CORS lets it read the answer), so a page not on the list learns why: 403 `origin_not_allowed` naming its origin.",
      ...open(perIp),
      request: { body: jsonBody(PublicSessionBody) },
      responses: {
        201: json(SessionCreated, 'The session and its token'),
        ...errors(400, 403, 413),
        429: tooManyRequests(
          `A budget of public sessions is spent; the message names which, and Retry-After says when to try again. Each address (an IPv6 address by its /64) has its own budget. Each of a dealer's allow-listed page origins has one too, counting only sessions started (a page not on the list spends none); once an origin's is spent, the addresses that spent it are refused while an address that has started fewer than ${NEW_SHOPPER_SESSIONS} sessions for it is still served, so a new shopper is not locked out by a few busy addresses. Above them a ceiling per clientId across all its origins refuses everyone until the minute turns.`,
        ),
      },
    }),
    async (c) => {
      const { clientId } = c.req.valid('json');
      const origin = c.req.header('Origin');
      const dealer = dealers.get(clientId);
      // One answer for unknown dealers and foreign origins, so the endpoint reveals no dealer list.
      if (!dealer || !origin || !dealer.allowedOrigins.includes(origin)) {
        throw originNotAllowed(origin, clientId);
      }
      await publicBudgets.admit(c, dealer.clientId, origin);
      return c.json(await startSession(dealer, { origin }), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{sessionId}/revoke',
      operationId: 'revokeSession',
      tags: ['Sessions'],
      summary: 'End a session early',
      description:
        "Call from your server when the shopper's session should stop (they signed out of your site, the deal closed). From then on none of the session's tokens or temporary access keys is honoured (401 `session_revoked`; on other server processes within 15 seconds) and it cannot be renewed; the shopper's saved progress (draft) is deleted. Ending it again answers 204 too. No body.",
      ...auth.secretKey(),
      request: { params: z.object({ sessionId: SessionId }) },
      responses: { 204: { description: 'The session has ended' }, ...errors(400, 401, 404, 429) },
    }),
    async (c) => {
      const { sessionId } = c.req.valid('param');
      if (!(await sessions.revoke(sessionId, c.get('dealer').clientId))) throw notFound('No such session');
      // Ended: no tab can save in it again, so the shopper's answers (and the draft's revision) go now.
      await deps.drafts.endSession(sessionId);
      return c.body(null, 204);
    },
  );
  return app;
}

/** The one answer for an unknown dealer or a page origin not on its allow-list, so no dealer list is revealed. */
export function originNotAllowed(origin: string | undefined, clientId: string) {
  return new ApiError(
    403,
    'origin_not_allowed',
    `${origin ? `The page origin ${origin}` : 'A request without an Origin'} is not on the allow-list of clientId ${clientId}: add it to the dealer's allowedOrigins, or create the session on your server with your secret key (POST /v1/sessions) and pass its token`,
  );
}

/** A token for `session`, bound to its session, dealer and origin, and ending no later than the session. */
export async function tokenFor(tokens: TokenService, session: SessionRecord) {
  const { token, expiresAt } = await tokens.issueSessionToken({
    sessionId: session.id,
    clientId: session.clientId,
    origin: session.origin,
    expiresAt: session.expiresAt,
  });
  return { sessionToken: token, expiresAt: expiresAt.toISOString(), sessionExpiresAt: session.expiresAt.toISOString() };
}

/** Renewals one session may ask for per minute: the widget needs one every ten minutes or so. */
const RENEWALS_PER_MINUTE = 20;

/** GET /v1/session: what the widget reads to start, for any journey; POST /v1/session/token: a fresh token. */
export function currentSessionRoutes(deps: AuthDeps) {
  const { sessions, tokens } = deps;
  const auth = guards(deps);
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/token',
      operationId: 'renewSessionToken',
      tags: ['Sessions'],
      summary: "Renew the session's token",
      description:
        "The widget calls this with its current, unexpired session token before that token expires, and gets a fresh one for the same session: bound, like the first, to the session, its dealer and its page origin, valid for at most 15 minutes and never past the session's end (`sessionExpiresAt`, 4 hours after the session was made unless the operator set another lifetime). Refused with 401 `session_expired` once the session has reached its end, 401 `session_revoked` once its dealer ended it (POST /v1/sessions/{sessionId}/revoke), and 401 `token_expired` when the token presented has already expired (an expired token is never renewed). After `token_expired` the widget carries on in the same session with the refresh key it kept (POST /v1/sessions/refresh); in the other cases, or without a key, start a new session (the widget calls your `fetchSessionToken`, or starts a public session from your clientId). No body.",
      ...auth.session(
        null,
        rateLimit<AppEnv & SessionEnv>({
          counters: deps.limitCounters,
          name: 'renewals-per-session',
          limit: RENEWALS_PER_MINUTE,
          key: (c) => c.get('session').id,
          message: 'Too many renewals in this session; try again in a minute',
        }),
      ),
      responses: { 200: json(SessionTokenRenewed, 'A fresh token for the same session'), ...errors(401, 403, 429) },
    }),
    async (c) => {
      // Read again from the database: a revocation on another process must stop the renewal, not only the next request.
      const session = await sessions.get(c.get('session').id, { fresh: true });
      if (!session) throw new Error('a verified session vanished from the database');
      assertSessionRuns(sessions, session);
      return c.json(await tokenFor(tokens, session), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'getCurrentSession',
      tags: ['Sessions'],
      summary: 'What the widget needs to start',
      ...auth.session(null),
      responses: { 200: json(SessionInfo, 'The session'), ...errors(401, 403) },
    }),
    (c) => {
      const session = c.get('session');
      return c.json(
        {
          sessionId: session.id,
          dealer: { name: c.get('dealer').name },
          insurers: [...INSURERS],
          products: session.products,
          prefill: session.prefill,
          ...(session.externalRef ? { externalRef: session.externalRef } : {}),
          expiresAt: session.expiresAt.toISOString(),
        },
        200,
      );
    },
  );
  return app;
}

/** GET /.well-known/jwks.json. */
export function jwksRoutes({ keys }: { keys: SigningKeys }) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/jwks.json',
      operationId: 'getJwks',
      tags: ['Sessions'],
      summary: 'Public keys that verify our tokens',
      description: 'The current signing key and any previous one whose tokens may still be unexpired.',
      ...open(),
      responses: { 200: json(Jwks, 'JSON Web Key Set') },
    }),
    (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(keys.jwks(), 200);
    },
  );

  return app;
}
