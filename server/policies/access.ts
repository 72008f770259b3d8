/**
 * Who may read a connection's policies, by the credential they bring:
 *   - the widget, with the session token of the session that made it;
 *   - the host page, with X-Client-Id + the connection's temporary access key;
 *   - the dealer's backend, with its secret key, for its own shoppers' connections.
 * Anyone else is told the connection does not exist.
 */
import type { MiddlewareHandler } from 'hono';
import { type AuthDeps, requireSecretKey, requireSession, requireTemporaryAccessKey } from '../auth/middleware.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound, unauthorized } from '../http/errors.ts';
import { requestHeader } from '../http/headers.ts';
import type { ConnectionRecord, ConnectionStore } from './store.ts';

export function requireConnectionReader(deps: AuthDeps & { connections: ConnectionStore }): MiddlewareHandler<AppEnv> {
  const bySession = requireSession(deps);
  const byKey = requireTemporaryAccessKey(deps);
  const bySecret = requireSecretKey(deps);
  return async (c, next) => {
    const load = async (owns: (connection: ConnectionRecord) => boolean) => {
      const connection = await deps.connections.get(c.req.param('connectionId') ?? '');
      if (!connection || !owns(connection)) throw notFound('No such connection');
      c.set('connection', connection);
      await next();
    };
    if (requestHeader(c, 'authorization')) {
      return bySession(c, () => load((connection) => connection.sessionId === c.get('session').id));
    }
    if (requestHeader(c, 'x-temporary-access-key')) {
      // The key names exactly one connection (checked against the path) and its dealer.
      return byKey(c, () => load((connection) => connection.clientId === c.get('dealer').clientId));
    }
    if (requestHeader(c, 'x-secret-key')) {
      return bySecret(c, () => load((connection) => connection.clientId === c.get('dealer').clientId));
    }
    throw unauthorized('Send a session token, a temporary access key or your secret key');
  };
}
