/**
 * The two documented ways to authenticate: X-API-Client-Id with either the
 * secret key (backend servers) or a temporary access key (browsers, one
 * connection only, limited time). The temporary key is read from both header
 * spellings the seed uses.
 */
import { HEADERS } from '../documented.ts';
import { readTemporaryAccessKey } from './connections.ts';
import { type SandboxSigner, sameText } from './signing.ts';

export type SandboxCredentials = { clientId: string; secretKey: string };

/** What a dealer developer sends to the sandbox unless the environment says otherwise. */
export const SANDBOX_CREDENTIALS: SandboxCredentials = { clientId: 'sandbox-client-id', secretKey: 'sandbox-secret-key' };

export type Access = { kind: 'secret' } | { kind: 'temporary'; connectionId: string };

export type AuthContext = {
  credentials: SandboxCredentials;
  signer: SandboxSigner;
  temporaryKeyTtlMs: number;
  now: number;
};

/** Who is calling, or undefined when the headers do not authenticate (401). */
export function authenticate(headers: Headers, context: AuthContext): Access | undefined {
  const clientId = headers.get(HEADERS.clientId);
  if (!clientId || !sameText(clientId, context.credentials.clientId)) return undefined;

  // A secret key, when sent, decides alone: a wrong one is refused even beside a good temporary key.
  const secretKey = headers.get(HEADERS.secretKey);
  if (secretKey !== null) return sameText(secretKey, context.credentials.secretKey) ? { kind: 'secret' } : undefined;

  const temporaryKey = headers.get(HEADERS.temporaryAccessKey) ?? headers.get(HEADERS.temporaryAccessKeyAlias);
  if (!temporaryKey) return undefined;
  const key = readTemporaryAccessKey(context.signer, temporaryKey);
  if (!key || context.now >= key.issuedAt + context.temporaryKeyTtlMs) return undefined;
  return { kind: 'temporary', connectionId: key.connectionId };
}
