/**
 * The policy journey: connect the shopper's current insurer through Trellis,
 * then read their policies, normalised, to show them and pre-fill a quote.
 * The browser gets our own ids and a read-only key for one connection; the
 * Trellis credentials never leave the server, and the insurer login is never stored.
 *
 * A Trellis connection id alone proves nothing (anyone who saw one could send
 * it): the page must also send the temporary access key Trellis's widget gave
 * with it, which we check with Trellis once, and a Trellis connection another
 * dealer's shopper connected first is refused.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ConnectionBody,
  ConnectionCreated,
  ConnectionNotReady,
  ConnectionPolicies,
  intendedConnectionBody,
  type SandboxLoginBody,
  type TrellisConnectionBody,
} from '../../contract/index.ts';
import { type AuthDeps, requireSession } from '../auth/middleware.ts';
import { requireProduct } from '../auth/require-product.ts';
import type { Config } from '../config.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { setHeaders } from '../http/headers.ts';
import { createRouter, errors, json, jsonBody, SECURITY } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { fromVendor, type VendorErrorReading } from '../http/vendor-failure.ts';
import { VendorError } from '../vendors/shared/errors.ts';
import type { TrellisClient } from '../vendors/trellis/index.ts';
import { mapTrellisPolicies } from '../vendors/trellis/index.ts';
import { requireConnectionReader } from './access.ts';
import type { ConnectionStore } from './store.ts';

export type PolicyRoutesDeps = AuthDeps & {
  config: Pick<Config, 'mode'>;
  connections: ConnectionStore;
  vendors: { trellis: TrellisClient };
};

/** How soon to ask again while Trellis is still gathering the policies. */
const NOT_READY_RETRY_SECONDS = 2;
/** Insurer logins per session per minute: enough for typos, too few to guess passwords. */
const LOGINS_PER_MINUTE = 5;

const fieldError = (field: string, message: string) =>
  new ApiError(400, 'validation_failed', 'Some fields need attention', { [field]: [message] });

/** Trellis refusing the key or not knowing the connection is the page's to fix: it sent something Trellis did not give. */
const readConnectionProof: VendorErrorReading = (error) => {
  if (error.kind === 'auth') {
    return fieldError('trellisTemporaryAccessKey', 'Trellis did not accept this temporary access key for this connection; connect again');
  }
  if (error.kind === 'not_found') return fieldError('trellisConnectionId', 'Trellis does not know this connection; connect again');
  return undefined;
};

const ConnectionIdParam = z.object({
  connectionId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'connectionId', in: 'path' }, example: 'con_3Ue2B0rQk7Yd9ZsVq1xLhA' }),
});

export function policyRoutes(deps: PolicyRoutesDeps) {
  const { connections, vendors, tokens, config } = deps;
  const app = createRouter();

  /** The sandbox stands in for Trellis's widget login; a refused login is the shopper's to fix. */
  async function sandboxLogin(login: SandboxLoginBody) {
    if (config.mode !== 'sandbox') {
      throw new ApiError(
        400,
        'validation_failed',
        'Connect through the Trellis widget and send its trellisConnectionId and trellisTemporaryAccessKey',
        {
          trellisConnectionId: ['Required outside the sandbox'],
        },
      );
    }
    try {
      return await vendors.trellis.createSandboxConnection(login);
    } catch (error) {
      if (error instanceof VendorError && error.kind === 'rejected') {
        throw new ApiError(400, 'validation_failed', 'The insurer did not accept this login', {
          password: ['Check the username and password for this insurer'],
        });
      }
      throw error;
    }
  }

  /**
   * What Trellis's widget gave the page, checked with Trellis once: reading
   * the connection's policies with its temporary access key succeeds (ready,
   * still being read, or none) only if the key was issued for that connection.
   */
  async function provenConnection(sent: TrellisConnectionBody) {
    const answer = await vendors.trellis.getPolicies(sent.trellisConnectionId, { temporaryAccessKey: sent.trellisTemporaryAccessKey });
    return { connectionId: sent.trellisConnectionId, issuerId: answer.issuerId };
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/connections',
      tags: ['Policies'],
      summary: "Connect the shopper's current insurer",
      description:
        "Send the trellisConnectionId and trellisTemporaryAccessKey that Trellis's widget gave the page in its onSuccess: the key is checked with Trellis (400 on trellisTemporaryAccessKey when Trellis refuses it), and a Trellis connection another dealer claimed first is refused (403). In sandbox mode you may instead send the insurer login (issuerId, username, password; personas in the README): the sandbox stands in for Trellis's widget. Answers our connection id and a read-only temporary access key for that connection alone.",
      security: SECURITY.session,
      middleware: [
        requireSession(deps),
        requireProduct('connect'),
        rateLimit({
          limit: LOGINS_PER_MINUTE,
          key: (c) => c.get('session')?.id,
          message: 'Too many insurer logins in this session; try again in a minute',
        }),
      ] as const,
      request: { body: jsonBody(ConnectionBody) },
      responses: { 201: json(ConnectionCreated, 'Connected'), ...errors(400, 401, 403, 429, 502, 504) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const session = c.get('session');
      const trellis =
        'trellisConnectionId' in body
          ? await fromVendor(c, () => provenConnection(body), readConnectionProof)
          : { ...(await fromVendor(c, () => sandboxLogin(body))), issuerId: body.issuerId };
      const connection = await connections.create({
        sessionId: session.id,
        clientId: session.clientId,
        trellisConnectionId: trellis.connectionId,
        issuerId: trellis.issuerId,
      });
      if (!connection) throw forbidden("This Trellis connection was made for another dealer's site; connect again here");
      const key = await tokens.issueTemporaryAccessKey({
        connectionId: connection.id,
        clientId: session.clientId,
        sessionId: session.id,
        origin: session.origin,
      });
      return c.json({ connectionId: connection.id, temporaryAccessKey: key.token, expiresAt: key.expiresAt.toISOString() }, 201);
    },
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
      path: '/v1/connections/{connectionId}/policies',
      tags: ['Policies'],
      summary: "The shopper's policies at the connected insurer",
      description:
        'Normalised policies (coverages, vehicles, drivers). 202 while the insurer is still being read: ask again after Retry-After seconds. 404 when the insurer holds no policies for this login. Readable with the session token that made the connection, with X-Client-Id + X-Temporary-Access-Key, or from your backend with your secret key.',
      security: [...SECURITY.session, ...SECURITY.temporaryAccessKey, ...SECURITY.secretKey],
      middleware: [requireConnectionReader(deps)] as const,
      request: { params: ConnectionIdParam },
      responses: {
        200: json(ConnectionPolicies, 'The policies'),
        202: json(ConnectionNotReady, 'Still being read: ask again after Retry-After seconds'),
        ...errors(401, 403, 404, 502, 504),
      },
    }),
    async (c) => {
      const connection = c.get('connection');
      const result = await fromVendor(c, () => vendors.trellis.getPolicies(connection.trellisConnectionId));
      if (result.status === 'not_ready') {
        setHeaders(c, { 'Retry-After': String(NOT_READY_RETRY_SECONDS) });
        return c.json({ status: 'not_ready' as const }, 202);
      }
      if (result.status === 'none') throw new ApiError(404, 'not_found', 'The insurer holds no policies for this login');
      const issuerId = result.issuerId ?? connection.issuerId;
      const mapped = mapTrellisPolicies(result.policies, { issuerId });
      return c.json(
        {
          status: 'ready' as const,
          issuer: { ...(issuerId ? { id: issuerId } : {}), ...(result.issuerName ? { name: result.issuerName } : {}) },
          policies: mapped.policies,
          ...(mapped.skipped.length > 0 ? { skipped: mapped.skipped.map((skip) => skip.reason) } : {}),
        },
        200,
      );
    },
  );

  return app;
}
