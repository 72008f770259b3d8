/** Request bodies checked against the seed's rules, with a detail a developer can act on. */
import type { Context } from 'hono';
import type { z } from 'zod';

export type Checked<T> = { ok: true; data: T } | { ok: false; detail: string };

/** The JSON body, or a detail saying why there is none. An empty body counts as `{}`. */
export async function readBody(c: Context): Promise<Checked<unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: true, data: {} };
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch {
    return { ok: false, detail: 'the body is not valid JSON' };
  }
}

export function check<S extends z.ZodType>(schema: S, body: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, detail: parsed.error.issues.map((issue) => describe(issue, body)).join('; ') };
}

function describe(issue: z.core.$ZodIssue, body: unknown): string {
  const field = issue.path.map(String).join('.') || 'body';
  if (issue.code === 'custom') return issue.message;
  const value = valueAt(body, issue.path);
  if (value === undefined || value === '') return `${field} is required`;
  if (issue.code === 'invalid_type') return `${field} must be ${article(issue.expected)}`;
  if (issue.code === 'too_small' || issue.code === 'too_big') return `${field} is out of range`;
  return `${field} is not valid`;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
