/** Connecting the shopper's current insurer (through Trellis) to read their policies. */
import { z } from 'zod';
import { Policy } from './policy.ts';
import { text } from './primitives.ts';

/**
 * In production Trellis's own widget logs the shopper in and hands the page a
 * Trellis connection id. The sandbox stands in for that login: in sandbox mode
 * the widget may send the insurer login itself (see the Trellis sandbox personas).
 */
export const TrellisConnectionBody = z.strictObject({
  /** What Trellis's widget gave the page in its onSuccess. */
  trellisConnectionId: text('Trellis connection', 200),
});

export const SandboxLoginBody = z.strictObject({
  /** The insurer, as Trellis names it (geico, progressive, statefarm, allstate, …). */
  issuerId: text('Insurer', 60),
  username: text('Username', 200),
  password: z.string({ error: 'Password is required' }).min(1, { error: 'Password is required' }).max(200, { error: 'Password is too long' }),
});

export const ConnectionBody = z.union([TrellisConnectionBody, SandboxLoginBody], {
  error: 'Send either trellisConnectionId, or issuerId, username and password (sandbox)',
});

export const ConnectionCreated = z.object({
  connectionId: z.string(),
  /** Read-only key for this one connection, for the host page (X-Client-Id + X-Temporary-Access-Key). */
  temporaryAccessKey: z.string(),
  expiresAt: z.iso.datetime(),
});

export const ConnectionPolicies = z.object({
  status: z.literal('ready'),
  issuer: z.object({ id: z.string().optional(), name: z.string().optional() }),
  policies: z.array(Policy),
  /** Policies the insurer returned that could not be read, with the reason (nothing is dropped silently). */
  skipped: z.array(z.string()).optional(),
});

export const ConnectionNotReady = z.object({ status: z.literal('not_ready') });

export type SandboxLoginBody = z.infer<typeof SandboxLoginBody>;
export type ConnectionBody = z.infer<typeof ConnectionBody>;
export type ConnectionCreated = z.infer<typeof ConnectionCreated>;
export type ConnectionPolicies = z.infer<typeof ConnectionPolicies>;
