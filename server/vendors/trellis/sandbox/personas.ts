/**
 * The sandbox's insurer logins. Each persona is a username; every persona's
 * password is `pass_good`, and any other password is refused, so a developer
 * can try each path of the connect journey.
 */

export const SANDBOX_PASSWORD = 'pass_good';

const PERSONAS = {
  /** An auto and a homeowners policy, ready `readyAfterMs` after the connection is made. */
  user_good: 'good',
  /** The same policies, not ready for `slowReadyAfterMs` (about 15 s by default). */
  user_slow: 'slow',
  /** Retrieval finishes after `readyAfterMs` and finds nothing: 404 NO_POLICIES_FOUND. */
  user_none: 'none',
} as const;

export type Persona = (typeof PERSONAS)[keyof typeof PERSONAS];

const PERSONA_NAMES = new Set<string>(Object.values(PERSONAS));

export function isPersona(value: string): value is Persona {
  return PERSONA_NAMES.has(value);
}

export function personaForUsername(username: string): Persona | undefined {
  const key = username.trim().toLowerCase();
  return Object.hasOwn(PERSONAS, key) ? PERSONAS[key as keyof typeof PERSONAS] : undefined;
}

export type Timing = { readyAfterMs: number; slowReadyAfterMs: number };

/** When retrieval finishes, derived from the creation time alone so every process agrees. */
export function readyAt(persona: Persona, createdAt: number, timing: Timing): number {
  return createdAt + (persona === 'slow' ? timing.slowReadyAfterMs : timing.readyAfterMs);
}
