/**
 * "Requests are authenticated using Basic Authentication with your API Key
 * and API Secret." The accepted key is remembered for the request so people
 * are kept per partner and the rate limit is counted per partner.
 */
import type { MiddlewareHandler } from 'hono';
import { vendorError } from './errors.ts';

export type SandboxCredentials = { apiKey: string; apiSecret: string };
export type SandboxEnv = { Variables: { apiKey: string } };

const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="AutoComplete Partner API", charset="UTF-8"' };

/** The key and secret of an `Authorization: Basic …` header, or undefined when it is not one. */
function readBasicAuth(header: string | undefined): SandboxCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { apiKey: decoded.slice(0, colon), apiSecret: decoded.slice(colon + 1) };
}

export function requireBasicAuth(accepted: readonly SandboxCredentials[]): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const given = readBasicAuth(c.req.header('Authorization'));
    if (!given) {
      return vendorError(401, 'Authentication required: use Basic authentication with your API key and API secret.', CHALLENGE);
    }
    const known = accepted.some((pair) => pair.apiKey === given.apiKey && pair.apiSecret === given.apiSecret);
    // The message never repeats what was sent: a secret must not echo back into logs.
    if (!known) return vendorError(401, 'Invalid API key or API secret.', CHALLENGE);
    c.set('apiKey', given.apiKey);
    await next();
  };
}
