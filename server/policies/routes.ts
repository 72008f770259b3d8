/**
 * The policy journey over HTTP, mounted at /v1/connections: connect the
 * shopper's current insurer through Trellis, then read their policies (see
 * connections.ts for what is checked with Trellis).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ConnectionBody,
  ConnectionCreated,
  ConnectionId,
  ConnectionNotReady,
  ConnectionPolicies,
  intendedConnectionBody,
} from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps, SessionEnv } from '../auth/middleware.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { setHeaders } from '../http/headers.ts';
import { createRouter, errors, HEADERS, json, jsonBody } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { connectionReader } from './access.ts';
import { Connections, type ConnectionsDeps } from './connections.ts';

export type PolicyRoutesDeps = AuthDeps & ConnectionsDeps;

/** How soon to ask again while Trellis is still gathering the policies. */
const NOT_READY_RETRY_SECONDS = 2;
/** Insurer logins per session per minute: enough for typos, too few to guess passwords. */
const LOGINS_PER_MINUTE = 5;

const ConnectionIdParam = z.object({
  connectionId: ConnectionId.meta({ param: { name: 'connectionId', in: 'path' }, example: 'con_3Ue2B0rQk7Yd9ZsVq1xLhA' }),
});

export function policyRoutes(deps: PolicyRoutesDeps) {
  const connections = new Connections(deps);
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createConnection',
      tags: ['Policies'],
      summary: "Connect the shopper's current insurer",
      description:
        "Send the trellisConnectionId and trellisTemporaryAccessKey that Trellis's widget gave the page in its onSuccess: the key is checked with Trellis (400 on trellisTemporaryAccessKey when Trellis refuses it), and a Trellis connection another dealer claimed first is refused (403). In sandbox mode you may instead send the insurer login (issuerId, username, password; personas in the README): the sandbox stands in for Trellis's widget. Answers our connection id and a read-only temporary access key for that connection alone.",
      ...guards(deps).session(
        'connect',
        rateLimit<AppEnv & SessionEnv>({
          counters: deps.limitCounters,
          name: 'logins-per-session',
          limit: LOGINS_PER_MINUTE,
          key: (c) => c.get('session').id,
          message: 'Too many insurer logins in this session; try again in a minute',
        }),
      ),
      request: { body: jsonBody(ConnectionBody) },
      responses: { 201: json(ConnectionCreated, 'Connected'), ...errors(400, 401, 403, 429, 502, 504) },
    }),
    async (c) => c.json(await connections.connect(c.get('session'), c.req.valid('json')), 201),
    // A mistake is reported on the fields of the form the body meant, not only as "neither form".
    (result) => {
      if (result.success) return;
      const meant = intendedConnectionBody((result as { data?: unknown }).data)?.safeParse((result as { data?: unknown }).data);
      throw ApiError.validation(meant && !meant.success ? meant.error : result.error);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{connectionId}/policies',
      operationId: 'getConnectionPolicies',
      tags: ['Policies'],
      summary: "The shopper's policies at the connected insurer",
      description:
        'Normalised policies (coverages, vehicles, drivers). 202 while the insurer is still being read: ask again after Retry-After seconds. 404 when the insurer holds no policies for this login. Readable with the session token that made the connection, with X-Client-Id + X-Temporary-Access-Key, or from your backend with your secret key.',
      ...connectionReader(deps),
      request: { params: ConnectionIdParam },
      responses: {
        200: json(ConnectionPolicies, 'The policies'),
        202: json(
          ConnectionNotReady,
          'Still being read: ask again after Retry-After seconds',
          z.object({ 'Retry-After': HEADERS.retryAfter }),
        ),
        ...errors(400, 401, 403, 404, 502, 504),
      },
    }),
    async (c) => {
      const answer = await connections.policies(c.get('connection'));
      if (answer.status === 'ready') return c.json(answer, 200);
      setHeaders(c, { 'Retry-After': String(NOT_READY_RETRY_SECONDS) });
      return c.json(answer, 202);
    },
  );

  return app;
}
