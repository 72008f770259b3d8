/**
 * The policy journey in the shopper's terms, for the routes: connect the
 * shopper's current insurer, then read the connection's policies, normalised.
 * The browser gets our own ids and a read-only key for one connection; the
 * Trellis credentials never leave the server, and the insurer login is never stored.
 *
 * A Trellis connection id alone proves nothing (anyone who saw one could send
 * it): the page must also send the temporary access key Trellis's widget gave
 * with it, which we check with Trellis once, and a Trellis connection another
 * dealer's shopper connected first is refused.
 */
import type {
  ConnectionBody,
  ConnectionCreated,
  ConnectionPolicies,
  SandboxLoginBody,
  TrellisConnectionBody,
} from '../../contract/index.ts';
import type { SessionRecord } from '../auth/sessions.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { VendorError } from '../vendors/shared/errors.ts';
import type { TrellisPoliciesResult } from '../vendors/trellis/client.ts';
import { mapTrellisPolicies, type TrellisClient } from '../vendors/trellis/index.ts';
import type { ConnectionRecord, ConnectionStore } from './store.ts';

export type ConnectionsDeps = {
  config: Pick<Config, 'mode'>;
  connections: ConnectionStore;
  tokens: TokenService;
  vendors: { trellis: TrellisClient };
};

const fieldError = (field: string, message: string) =>
  new ApiError(400, 'validation_failed', 'Some fields need attention', { [field]: [message] });

/** Trellis refusing the key or not knowing the connection is the page's to fix: it sent something Trellis did not give. */
function connectionProofError(error: unknown): unknown {
  if (!(error instanceof VendorError)) return error;
  if (error.kind === 'auth') {
    return fieldError('trellisTemporaryAccessKey', 'Trellis did not accept this temporary access key for this connection; connect again');
  }
  if (error.kind === 'not_found') return fieldError('trellisConnectionId', 'Trellis does not know this connection; connect again');
  return error;
}

/** What Trellis's ready answer tells of a connection, as recorded once (ConnectionStore.markReady). */
export function readyFact(answer: Extract<TrellisPoliciesResult, { status: 'ready' }>, knownIssuerId?: string) {
  const issuerId = answer.issuerId ?? knownIssuerId;
  return { issuerId, policyCount: mapTrellisPolicies(answer.policies, { issuerId }).policies.length };
}

export class Connections {
  constructor(private readonly deps: ConnectionsDeps) {}

  /**
   * Records the shopper's connection and answers a read-only key for it alone,
   * which ends when the session does. Any vendor failure but those the page
   * can fix reaches the app's onError (502/504).
   */
  async connect(session: SessionRecord, body: ConnectionBody): Promise<ConnectionCreated> {
    const trellis =
      'trellisConnectionId' in body
        ? await this.#provenConnection(body)
        : // A sandbox login has just started Trellis reading: never ready yet.
          { ...(await this.#sandboxLogin(body)), issuerId: body.issuerId, ready: undefined };
    const connection = await this.deps.connections.create({
      sessionId: session.id,
      clientId: session.clientId,
      trellisConnectionId: trellis.connectionId,
      issuerId: trellis.issuerId,
    });
    if (!connection) throw forbidden("This Trellis connection was made for another dealer's site; connect again here");
    // Trellis may have read the policies already (a connection made earlier): that is when it became ready.
    if (trellis.ready) await this.deps.connections.markReady(connection.id, trellis.ready);
    const key = await this.deps.tokens.issueTemporaryAccessKey({
      connectionId: connection.id,
      clientId: session.clientId,
      sessionId: session.id,
      sessionExpiresAt: session.expiresAt,
      origin: session.origin,
    });
    return { connectionId: connection.id, temporaryAccessKey: key.token, expiresAt: key.expiresAt.toISOString() };
  }

  /** The connection's policies, or `not_ready` while Trellis is still reading them; 404 when the insurer holds none. */
  async policies(connection: ConnectionRecord): Promise<ConnectionPolicies | { status: 'not_ready' }> {
    const result = await this.deps.vendors.trellis.getPolicies(connection.trellisConnectionId);
    if (result.status === 'not_ready') return { status: 'not_ready' };
    if (result.status === 'none') throw new ApiError(404, 'not_found', 'The insurer holds no policies for this login');
    const issuerId = result.issuerId ?? connection.issuerId;
    const mapped = mapTrellisPolicies(result.policies, { issuerId });
    // The first read that finds them records it, once: the dealer hears of it as connection.ready.
    if (!connection.readyAt) await this.deps.connections.markReady(connection.id, { policyCount: mapped.policies.length, issuerId });
    return {
      status: 'ready',
      issuer: { ...(issuerId ? { id: issuerId } : {}), ...(result.issuerName ? { name: result.issuerName } : {}) },
      policies: mapped.policies,
      ...(mapped.skipped.length > 0 ? { skipped: mapped.skipped.map((skip) => skip.reason) } : {}),
    };
  }

  /** The sandbox stands in for Trellis's widget login; a refused login is the shopper's to fix. */
  async #sandboxLogin(login: SandboxLoginBody) {
    if (this.deps.config.mode !== 'sandbox') {
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
      return await this.deps.vendors.trellis.createSandboxConnection(login);
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
  async #provenConnection(sent: TrellisConnectionBody) {
    try {
      const answer = await this.deps.vendors.trellis.getPolicies(sent.trellisConnectionId, {
        temporaryAccessKey: sent.trellisTemporaryAccessKey,
      });
      const ready = answer.status === 'ready' ? readyFact(answer) : undefined;
      return { connectionId: sent.trellisConnectionId, issuerId: answer.issuerId, ready };
    } catch (error) {
      throw connectionProofError(error);
    }
  }
}
