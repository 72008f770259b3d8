/**
 * Who may read a connection's policies, by the credential they bring:
 *   - the widget, with the session token of the session that made it (a session of the policy journey);
 *   - the host page, with X-Client-Id + the connection's temporary access key;
 *   - the dealer's backend, with its secret key, for its own shoppers' connections.
 * Anyone else is told the connection does not exist.
 */
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ConnectionId } from '../../contract/index.ts';
import { type AuthDeps, requireSecretKey, requireSession, requireTemporaryAccessKey } from '../auth/middleware.ts';
import type { WithVariables } from '../http/env.ts';
import { ApiError, notFound, unauthorized } from '../http/errors.ts';
import { requestHeader } from '../http/headers.ts';
import { guard, SECURITY } from '../http/openapi.ts';
import type { ConnectionRecord, ConnectionStore } from './store.ts';

/** What the reader check hands on: the connection the credential may read. */
type ConnectionEnv = WithVariables<{ connection: ConnectionRecord }>;

const ConnectionParam = z.object({ connectionId: ConnectionId });

/** The journey a session must include to read its connections. */
const READER_PRODUCT = 'connect';

function requireConnectionReader(deps: AuthDeps & { connections: ConnectionStore }): MiddlewareHandler<ConnectionEnv> {
  const bySession = requireSession(deps, { product: READER_PRODUCT });
  const byKey = requireTemporaryAccessKey(deps);
  const bySecret = requireSecretKey(deps);
  return async (c, next) => {
    const load = async (owns: (connection: ConnectionRecord) => boolean) => {
      // This runs before the route's own validation, so it checks the id the same way first.
      const param = ConnectionParam.safeParse({ connectionId: c.req.param('connectionId') });
      if (!param.success) throw ApiError.validation(param.error);
      const connection = await deps.connections.get(param.data.connectionId);
      if (!connection || !owns(connection)) throw notFound('No such connection');
      c.set('connection', connection);
      await next();
    };
    // Each check is run on this context and sets what it verified; we read it back through its own typed view.
    if (requestHeader(c, 'authorization')) {
      const checked = c as unknown as Parameters<typeof bySession>[0];
      return bySession(checked, () => load((connection) => connection.sessionId === checked.get('session').id));
    }
    if (requestHeader(c, 'x-temporary-access-key')) {
      // The key names exactly one connection (checked against the path) and its dealer.
      const checked = c as unknown as Parameters<typeof byKey>[0];
      return byKey(checked, () => load((connection) => connection.clientId === checked.get('dealer').clientId));
    }
    if (requestHeader(c, 'x-secret-key')) {
      const checked = c as unknown as Parameters<typeof bySecret>[0];
      return bySecret(checked, () => load((connection) => connection.clientId === checked.get('dealer').clientId));
    }
    throw unauthorized('Send a session token, a temporary access key or your secret key');
  };
}

/** The route's security (any of the three) and the middleware that accepts exactly those. */
export const connectionReader = (deps: AuthDeps & { connections: ConnectionStore }) =>
  guard([...SECURITY.session(READER_PRODUCT), ...SECURITY.temporaryAccessKey, ...SECURITY.secretKey], requireConnectionReader(deps));
