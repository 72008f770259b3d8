/**
 * Access tokens, as CoverHound describes them: exchanged for the API key and
 * secret, valid "until you decide otherwise and invalidate it". One live token
 * per key: asking again returns the same token, so the store cannot grow with
 * the number of sign-ins.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { parseVendorBody } from './field-errors.ts';
import { readJson } from './read-body.ts';
import { badKey, badSyntax, invalidData } from './responses.ts';

export type SandboxCredentials = { apiKey: string; apiSecret: string };

export class TokenStore {
  readonly #byKey = new Map<string, string>();

  /** The key's live token, made (32 hex characters, like the documented example) when it has none. */
  issue(apiKey: string): string {
    let token = this.#byKey.get(apiKey);
    if (!token) {
      token = randomBytes(16).toString('hex');
      this.#byKey.set(apiKey, token);
    }
    return token;
  }

  isLive(token: string): boolean {
    for (const live of this.#byKey.values()) if (live === token) return true;
    return false;
  }

  /** Ends the key's token if it is `token`; false when no such token is live. */
  invalidate(apiKey: string, token: string): boolean {
    if (this.#byKey.get(apiKey) !== token) return false;
    this.#byKey.delete(apiKey);
    return true;
  }
}

const GrantRequest = z.object({ grantType: z.string() });
const InvalidateRequest = z.object({ accessToken: z.string() });

/** `POST /api/oauth/access_token` and `POST /api/oauth/invalidate`. */
export function tokenRoutes(store: TokenStore, credentials: SandboxCredentials): Hono {
  const app = new Hono();
  // "Either the API key is missing or invalid" is a 401, so credentials are checked before the rest of the body.
  const known = (body: { apiKey?: unknown; apiSecret?: unknown }) =>
    body.apiKey === credentials.apiKey && body.apiSecret === credentials.apiSecret;

  app.post('/api/oauth/access_token', async (c) => {
    const body = await readObject(c.req.raw);
    if (!body) return badSyntax();
    if (!known(body)) return badKey('Invalid credentials');
    const parsed = parseVendorBody(GrantRequest, body);
    if (!parsed.ok) return invalidData(parsed.errors);
    if (parsed.data.grantType !== 'credentials') return invalidData({ grantType: ['does not have a valid value'] });
    // The documentation: "Returns your access token as a string".
    return c.json(store.issue(credentials.apiKey));
  });

  app.post('/api/oauth/invalidate', async (c) => {
    const body = await readObject(c.req.raw);
    if (!body) return badSyntax();
    if (!known(body)) return badKey('Invalid credentials');
    const parsed = parseVendorBody(InvalidateRequest, body);
    if (!parsed.ok) return invalidData(parsed.errors);
    if (!store.invalidate(credentials.apiKey, parsed.data.accessToken)) return badKey('Invalid token.');
    // The documentation describes only the failures; success has nothing to say.
    return c.body(null, 204);
  });

  return app;
}

/** The JSON object a request carries, or undefined when the body is not one. */
async function readObject(request: Request): Promise<Record<string, unknown> | undefined> {
  const body = await readJson(request);
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** Quote endpoints take the token in `Access-Token`; a missing or unknown one is the documented 401 "Bad Key". */
export function requireAccessToken(store: TokenStore): MiddlewareHandler {
  return async (c, next) => {
    const token = c.req.header('Access-Token');
    if (!token || !store.isLive(token)) return badKey('Invalid token.');
    return next();
  };
}
