/** Connecting the shopper's current insurer (through Trellis) to read their policies. */
import { z } from 'zod';
import { Policy } from './policy.ts';
import { resourceId, storableString, text } from './primitives.ts';

/**
 * Trellis's ids and keys are opaque tokens, passed on exactly as its widget
 * gave them: letters, digits and the punctuation of base64, base64url and JWTs.
 */
const trellisToken = (label: string, { min, max, pattern }: { min: number; max: number; pattern: RegExp }) =>
  storableString(label)
    .min(1, { error: `${label} is required` })
    .min(min, { error: `${label} is too short to be one Trellis gave` })
    .max(max, { error: `${label} is too long to be one Trellis gave` })
    .regex(pattern, { error: `${label} must be sent exactly as the Trellis widget gave it` });

/**
 * In production Trellis's own widget logs the shopper in, and its onSuccess
 * hands the page a Trellis connection id and a temporary access key for that
 * connection. Both are sent: the key proves the page really made the
 * connection (we check it with Trellis once). The sandbox stands in for that
 * login: in sandbox mode the widget may send the insurer login itself (see the
 * Trellis sandbox personas).
 */
export const TrellisConnectionBody = z
  .strictObject({
    /** What Trellis's widget gave the page in its onSuccess. */
    trellisConnectionId: trellisToken('Trellis connection id', { min: 1, max: 200, pattern: /^[A-Za-z0-9._:~-]+$/ }),
    /** The temporary access key Trellis's widget gave with it. */
    trellisTemporaryAccessKey: trellisToken('Trellis temporary access key', { min: 16, max: 2048, pattern: /^[A-Za-z0-9._~+/=-]+$/ }),
  })
  .meta({ id: 'TrellisConnectionRequest' });

export const SandboxLoginBody = z
  .strictObject({
    /** The insurer, as Trellis names it (geico, progressive, statefarm, allstate, …). */
    issuerId: text('Insurer', 60),
    username: text('Username', 200),
    password: storableString('Password').min(1, { error: 'Password is required' }).max(200, { error: 'Password is too long' }),
  })
  .meta({ id: 'SandboxLoginRequest' });

export const ConnectionBody = z
  .union([TrellisConnectionBody, SandboxLoginBody], {
    error: 'Send either trellisConnectionId and trellisTemporaryAccessKey, or issuerId, username and password (sandbox)',
  })
  .meta({ id: 'ConnectionRequest' });

/**
 * The form a connection body was meant to be, by its keys, so a mistake in it
 * is reported on its fields (the union alone can only say "neither form").
 */
export function intendedConnectionBody(value: unknown): typeof TrellisConnectionBody | typeof SandboxLoginBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('trellisConnectionId' in value || 'trellisTemporaryAccessKey' in value) return TrellisConnectionBody;
  if ('issuerId' in value || 'username' in value || 'password' in value) return SandboxLoginBody;
  return undefined;
}

/** Our id of a connection, as its path names it. */
export const ConnectionId = resourceId('Connection id', 'con_3Ue2B0rQk7Yd9ZsVq1xLhA');

export const ConnectionCreated = z
  .object({
    connectionId: z.string(),
    /** Read-only key for this one connection, for the host page (X-Client-Id + X-Temporary-Access-Key). */
    temporaryAccessKey: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'ConnectionCreated' });

export const ConnectionPolicies = z
  .object({
    status: z.literal('ready'),
    issuer: z.object({ id: z.string().optional(), name: z.string().optional() }),
    policies: z.array(Policy),
    /** Policies the insurer returned that could not be read, with the reason (nothing is dropped silently). */
    skipped: z.array(z.string()).optional(),
  })
  .meta({ id: 'ConnectionPolicies' });

export const ConnectionNotReady = z.object({ status: z.literal('not_ready') }).meta({ id: 'ConnectionNotReady' });

export type TrellisConnectionBody = z.infer<typeof TrellisConnectionBody>;
export type SandboxLoginBody = z.infer<typeof SandboxLoginBody>;
export type ConnectionBody = z.infer<typeof ConnectionBody>;
export type ConnectionCreated = z.infer<typeof ConnectionCreated>;
export type ConnectionPolicies = z.infer<typeof ConnectionPolicies>;
