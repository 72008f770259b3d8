/**
 * The token service's public face, three routers for app.ts to mount: sessions
 * made by a dealer's backend (secret key) or by the widget on an allow-listed
 * page (public) at /v1/sessions, the session the widget reads to start at
 * /v1/session, and the JWKS that lets anyone verify our tokens at /.well-known.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { CreateSessionBody, type Prefill, type Product, PublicSessionBody, SessionCreated, SessionInfo } from '../../contract/index.ts';
import type { Config } from '../config.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { forbidden } from '../http/errors.ts';
import { createRouter, errors, json, jsonBody, open } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { AutoCompletePerson, personToPrefill } from '../vendors/autocomplete/index.ts';
import type { Dealer } from './dealers.ts';
import { guards } from './guards.ts';
import type { SigningKeys } from './keys.ts';
import type { AuthDeps, DealerEnv } from './middleware.ts';

export type SessionRoutesDeps = AuthDeps & {
  keys: SigningKeys;
  config: Pick<Config, 'tokenTtlSeconds' | 'sessionRatePerClient' | 'sessionRatePerIp' | 'trustProxy'>;
};

const Jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi('Jwks');

/**
 * A dealer's backend may pre-fill in the AutoComplete Person shape, which is
 * what dealer management systems export; it is mapped to the canonical
 * pre-fill, and `prefill` (ours) wins for any part both give.
 */
const CreateSessionRequest = CreateSessionBody.extend({
  prefillPerson: AutoCompletePerson.optional().describe('The shopper as an AutoComplete Person (what dealer systems export)'),
});

function mergePrefill(body: z.infer<typeof CreateSessionRequest>): { prefill?: Prefill; unmapped?: string[] } {
  if (!body.prefillPerson) return { prefill: body.prefill };
  const fromPerson = personToPrefill(body.prefillPerson);
  return { prefill: { ...fromPerson.prefill, ...body.prefill }, unmapped: fromPerson.unmapped };
}

/** POST /v1/sessions (a dealer's backend) and POST /v1/sessions/public (the widget). */
export function sessionRoutes(deps: Omit<SessionRoutesDeps, 'keys'>) {
  const { dealers, tokens, sessions, config } = deps;
  const app = createRouter();

  const perIp = rateLimit({
    limit: config.sessionRatePerIp,
    key: (c) => clientIp(c, config.trustProxy),
    message: 'Too many sessions from this address; try again shortly',
  });
  // A dealer's backend may create many sessions from one address; what one address may not do is guess secret keys.
  const perIpGuessing = rateLimit({
    limit: config.sessionRatePerIp,
    key: (c) => clientIp(c, config.trustProxy),
    message: 'Too many refused attempts from this address; try again shortly',
    failuresOnly: true,
  });
  const auth = guards({ ...deps, refusedKeys: perIpGuessing });
  const perClientMessage = 'Too many sessions for this dealer; try again shortly';
  const perDealer = rateLimit<AppEnv & DealerEnv>({
    limit: config.sessionRatePerClient,
    key: (c) => c.get('dealer').clientId,
    message: perClientMessage,
  });
  /** The per-dealer budget of the public endpoint is keyed by the clientId in its body. */
  const perPublicClient = rateLimit({
    limit: config.sessionRatePerClient,
    key: async (c) => {
      const parsed = PublicSessionBody.safeParse(await c.req.json().catch(() => null));
      return parsed.success ? parsed.data.clientId : undefined;
    },
    message: perClientMessage,
  });

  /** Creates the session and its token; a session lives exactly as long as its token. */
  async function startSession(
    dealer: Dealer,
    body: { products?: Product[]; prefill?: SessionInfo['prefill']; origin?: string; externalRef?: string },
  ) {
    const products = body.products ?? dealer.products;
    const notAllowed = products.filter((p) => !dealer.products.includes(p));
    if (notAllowed.length > 0) throw forbidden(`This dealer does not offer: ${notAllowed.join(', ')}`);
    const session = await sessions.create(
      { clientId: dealer.clientId, products, prefill: body.prefill ?? {}, origin: body.origin, externalRef: body.externalRef },
      config.tokenTtlSeconds,
    );
    const { token, expiresAt } = await tokens.issueSessionToken({
      sessionId: session.id,
      clientId: dealer.clientId,
      origin: session.origin,
      expiresAt: session.expiresAt,
    });
    return { sessionId: session.id, sessionToken: token, expiresAt: expiresAt.toISOString() };
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
        "Called by the widget with only your public clientId. Allowed only when the request's Origin is on your allow-list; the session is bound to that origin and carries no pre-fill.",
      ...open(perIp, perPublicClient),
      request: { body: jsonBody(PublicSessionBody) },
      responses: { 201: json(SessionCreated, 'The session and its token'), ...errors(400, 403, 413, 429) },
    }),
    async (c) => {
      const { clientId } = c.req.valid('json');
      const origin = c.req.header('Origin');
      const dealer = dealers.get(clientId);
      // One answer for unknown dealers and foreign origins, so the endpoint reveals no dealer list.
      if (!dealer || !origin || !dealer.allowedOrigins.includes(origin)) {
        throw forbidden('This page is not allowed to start Coverkit sessions for this clientId');
      }
      return c.json(await startSession(dealer, { origin }), 201);
    },
  );
  return app;
}

/** GET /v1/session: what the widget reads to start, for any journey. */
export function currentSessionRoutes(deps: AuthDeps) {
  const auth = guards(deps);
  const app = createRouter();
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
          products: session.products,
          prefill: session.prefill,
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
