/**
 * The Trellis sandbox: a Hono app answering the seed's paths relative to the
 * Trellis base URL (the server mounts it at /sandbox/trellis).
 *
 *   POST /account                           stands in for the Trellis widget's insurer login
 *   GET  /account/{connectionId}/policies   202 NOT_READY → 200 READY, or 404 NO_POLICIES_FOUND
 *   GET|PUT /_faults                        the fault knobs
 *
 * It keeps no state: a connection id is signed and carries its issuer, persona
 * and creation time, so readiness is elapsed time since creation and any
 * process with the same signing secret answers for any connection.
 */
import { Hono } from 'hono';
import { FaultKnobs } from '../../shared/faults.ts';
import { FUTURE_POLICY, HEADERS } from '../documented.ts';
import { SandboxLoginBody } from '../schemas.ts';
import * as answer from './answers.ts';
import { authenticate, SANDBOX_CREDENTIALS, type SandboxCredentials } from './auth.ts';
import { connectionId, readConnectionId, temporaryAccessKey } from './connections.ts';
import { sandboxIssuer } from './issuers.ts';
import { personaForUsername, readyAt, SANDBOX_PASSWORD } from './personas.ts';
import { sandboxPolicies } from './policies.ts';
import { SandboxSigner } from './signing.ts';

export type TrellisSandboxOptions = {
  faults?: FaultKnobs;
  now?: () => Date;
  /** The credentials the sandbox accepts; the documented sandbox credentials by default. */
  credentials?: SandboxCredentials;
  /** Signs connection ids and access keys; processes that share it share connections. */
  signingSecret?: string;
  /** How long after its creation a user_good or user_none connection finishes retrieving. */
  readyAfterMs?: number;
  /** The same for user_slow. */
  slowReadyAfterMs?: number;
  /** How long a temporary access key opens its connection. */
  temporaryKeyTtlMs?: number;
};

const SANDBOX_DEFAULTS = {
  credentials: SANDBOX_CREDENTIALS,
  // Public on purpose: the data behind it is fictional, and a fixed default lets
  // every process of a default deployment honour every other's connections.
  signingSecret: 'coverkit-trellis-sandbox-signing-secret',
  readyAfterMs: 2_000,
  slowReadyAfterMs: 15_000,
  temporaryKeyTtlMs: 15 * 60_000,
} as const;

export function createTrellisSandbox(options: TrellisSandboxOptions = {}): Hono {
  const faults = options.faults ?? new FaultKnobs();
  const now = options.now ?? (() => new Date());
  const credentials = options.credentials ?? SANDBOX_DEFAULTS.credentials;
  const signer = new SandboxSigner(options.signingSecret ?? SANDBOX_DEFAULTS.signingSecret);
  const timing = {
    readyAfterMs: options.readyAfterMs ?? SANDBOX_DEFAULTS.readyAfterMs,
    slowReadyAfterMs: options.slowReadyAfterMs ?? SANDBOX_DEFAULTS.slowReadyAfterMs,
  };
  const temporaryKeyTtlMs = options.temporaryKeyTtlMs ?? SANDBOX_DEFAULTS.temporaryKeyTtlMs;
  const access = (headers: Headers) => authenticate(headers, { credentials, signer, temporaryKeyTtlMs, now: now().getTime() });

  const app = new Hono();
  app.route('/', faults.routes());
  app.use('*', faults.middleware({ serverError: answer.technicalDifficulties, rateLimited: answer.tooManyRequests }));

  app.post('/account', async (c) => {
    if (access(c.req.raw.headers)?.kind !== 'secret') return answer.unauthorized();
    const body = SandboxLoginBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return answer.badRequest('issuerId, username and password are required.');

    const issuerId = body.data.issuerId.trim().toLowerCase();
    const issuer = sandboxIssuer(issuerId);
    if (!issuer) return answer.loginRefused('UNSUPPORTED_ISSUER');
    const persona = personaForUsername(body.data.username);
    if (!persona || body.data.password !== SANDBOX_PASSWORD) {
      return answer.loginRefused('UNFINISHED_LOGIN', { issuerId, issuerName: issuer.name });
    }
    const createdAt = now().getTime();
    const id = connectionId(signer, { issuerId, persona, createdAt });
    return answer.json(
      { connectionId: id, temporaryAccessKey: temporaryAccessKey(signer, { connectionId: id, issuedAt: createdAt }) },
      200,
    );
  });

  app.get('/account/:connectionId/policies', (c) => {
    const id = c.req.param('connectionId');
    const caller = access(c.req.raw.headers);
    if (!caller) return answer.unauthorized();
    // A temporary access key opens only the connection it was issued for.
    if (caller.kind === 'temporary' && caller.connectionId !== id) return answer.forbidden();

    const connection = readConnectionId(signer, id);
    const issuer = connection && sandboxIssuer(connection.issuerId);
    if (!connection || !issuer) return answer.accountNotFound();
    const named = { issuerId: connection.issuerId, issuerName: issuer.name };

    if (now().getTime() < readyAt(connection.persona, connection.createdAt, timing)) return answer.notReady(named);
    if (connection.persona === 'none') return answer.noPoliciesFound(named);
    const futurePolicy = c.req.header(HEADERS.useCase)?.trim().toUpperCase() === FUTURE_POLICY;
    return answer.ready(named, sandboxPolicies(connection, issuer, { futurePolicy }));
  });

  app.onError(() => answer.technicalDifficulties());
  return app;
}
