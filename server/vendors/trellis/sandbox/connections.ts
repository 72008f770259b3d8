/**
 * Self-describing, signed sandbox connection ids and temporary access keys.
 *
 *   connection id:        conn.<issuerId>.<persona>.<createdAtMs>.<signature>
 *   temporary access key: tak.<connection id, base64url>.<issuedAtMs>.<signature>
 *
 * The id carries the issuer, the persona and the creation time, and the key
 * carries the one connection it opens, so no process needs to remember either:
 * readiness is derived from the creation time and scope from the key itself.
 * The same inputs always give the same id (deterministic by design).
 */
import { sandboxIssuer } from './issuers.ts';
import { isPersona, type Persona } from './personas.ts';
import type { SandboxSigner } from './signing.ts';

export type ConnectionRef = { issuerId: string; persona: Persona; createdAt: number };
export type AccessKeyRef = { connectionId: string; issuedAt: number };

const CONNECTION = 'trellis-sandbox-connection';
const ACCESS_KEY = 'trellis-sandbox-temporary-access-key';
const MILLIS = /^\d{1,15}$/;

export function connectionId(signer: SandboxSigner, ref: ConnectionRef): string {
  const parts = [ref.issuerId, ref.persona, String(ref.createdAt)];
  return ['conn', ...parts, signer.sign(CONNECTION, parts)].join('.');
}

/** The connection an id describes, or undefined when it is not one the sandbox signed. */
export function readConnectionId(signer: SandboxSigner, id: string): ConnectionRef | undefined {
  const [tag, issuerId, persona, createdAt, signature, ...rest] = id.split('.');
  if (tag !== 'conn' || rest.length > 0 || !issuerId || !persona || !createdAt || !signature) return undefined;
  if (!MILLIS.test(createdAt) || !isPersona(persona) || !sandboxIssuer(issuerId)) return undefined;
  if (!signer.verify(CONNECTION, [issuerId, persona, createdAt], signature)) return undefined;
  return { issuerId, persona, createdAt: Number(createdAt) };
}

export function temporaryAccessKey(signer: SandboxSigner, ref: AccessKeyRef): string {
  const parts = [Buffer.from(ref.connectionId).toString('base64url'), String(ref.issuedAt)];
  return ['tak', ...parts, signer.sign(ACCESS_KEY, parts)].join('.');
}

/** The connection a key opens and when it was issued, or undefined when the sandbox did not sign it. */
export function readTemporaryAccessKey(signer: SandboxSigner, key: string): AccessKeyRef | undefined {
  const [tag, encodedId, issuedAt, signature, ...rest] = key.split('.');
  if (tag !== 'tak' || rest.length > 0 || !encodedId || !issuedAt || !signature || !MILLIS.test(issuedAt)) return undefined;
  if (!signer.verify(ACCESS_KEY, [encodedId, issuedAt], signature)) return undefined;
  return { connectionId: Buffer.from(encodedId, 'base64url').toString('utf8'), issuedAt: Number(issuedAt) };
}
