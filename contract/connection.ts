/** Connecting the shopper's current insurer (through Trellis) to read their policies. */
import { z } from 'zod';
import { text } from './primitives.ts';

export const ConnectionBody = z.object({
  /** The insurer, as Trellis names it (geico, progressive, statefarm, allstate, …). */
  issuerId: text('Insurer', 60),
  username: text('Username', 200),
  password: z.string({ error: 'Password is required' }).min(1, { error: 'Password is required' }).max(200),
});

export const ConnectionCreated = z.object({
  connectionId: z.string(),
  temporaryAccessKey: z.string(),
  expiresAt: z.iso.datetime(),
});

export type ConnectionBody = z.infer<typeof ConnectionBody>;
export type ConnectionCreated = z.infer<typeof ConnectionCreated>;
