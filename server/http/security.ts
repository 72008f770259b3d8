/**
 * What every response and request goes through before a route: CORS for the
 * dealers' allow-listed origins only, security headers, a body size cap and a
 * JSON-only rule for request bodies (a form post would otherwise be read as an
 * empty body and its fields silently dropped).
 *
 * CORS and the security headers are ours rather than hono/cors and
 * hono/secure-headers: both of those write through `c.res.headers`, which
 * costs three quarters of a bare route's throughput on @hono/node-server (see
 * headers.ts). The header sets are fixed at start-up and written in one pass.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DealerRegistry } from '../auth/dealers.ts';
import type { AppEnv } from './env.ts';
import { ApiError, errorResponse } from './errors.ts';
import { type HeaderRecord, requestHeader, setHeaders } from './headers.ts';

const MAX_BODY_BYTES = 256 * 1024;

const CORS_ALLOW_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
// No X-Secret-Key: secret-key calls come from dealer servers, never from a browser.
const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Client-Id, X-Temporary-Access-Key, X-Request-Id, Last-Event-ID';
const CORS_EXPOSE_HEADERS =
  'Retry-After, X-Request-Id, Location, Idempotent-Replayed, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';
const CORS_MAX_AGE = '600';

/**
 * Where any page may call: starting a public session (or resuming one from a link) answers a page not on the
 * dealer's list with a 403 that says so, and the page's developer must be able
 * to read it (behind a refused preflight it would be a bare network error). No
 * session is made for such a page, so nothing is given away.
 */
const OPEN_TO_EVERY_ORIGIN = new Set(['/v1/sessions/public', '/v1/sessions/resume']);

/** CORS for pages on any dealer's allow-list (preflights carry no credentials to tell dealers apart). */
export function corsForDealers(dealers: DealerRegistry): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = requestHeader(c, 'origin');
    const allowed = origin !== undefined && (dealers.isKnownOrigin(origin) || OPEN_TO_EVERY_ORIGIN.has(c.req.path));
    if (c.req.method === 'OPTIONS' && requestHeader(c, 'access-control-request-method')) {
      setHeaders(c, { Vary: 'Origin, Access-Control-Request-Headers' });
      if (allowed) {
        setHeaders(c, {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': CORS_ALLOW_METHODS,
          'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
          'Access-Control-Max-Age': CORS_MAX_AGE,
        });
      }
      return c.body(null, 204);
    }
    setHeaders(
      c,
      allowed
        ? { Vary: 'Origin', 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS_EXPOSE_HEADERS }
        : { Vary: 'Origin' },
    );
    await next();
  };
}

/** Headers every response carries, whatever it is. */
const COMMON: HeaderRecord = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-DNS-Prefetch-Control': 'off',
  'X-Permitted-Cross-Domain-Policies': 'none',
};

const staticHeaders = (headers: HeaderRecord): MiddlewareHandler<AppEnv> => {
  const all = { ...COMMON, ...headers };
  return async (c, next) => {
    setHeaders(c, all);
    await next();
  };
};

/** For JSON API answers: nothing in them may run, no page may frame them, and no cache keeps them (they carry tokens and PII). */
export const API_HEADERS: HeaderRecord = {
  ...COMMON,
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export const apiHeaders = () => staticHeaders(API_HEADERS);

/** For our own pages (demo, docs): a strict policy. Lit's styles are constructable stylesheets, which CSP allows. */
export const pageHeaders = () =>
  staticHeaders({
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });

/** For the widget bundle: dealer pages on other origins load it with a script tag. */
export const widgetAssetHeaders = () =>
  staticHeaders({
    'Content-Security-Policy': "default-src 'none'",
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });

export const limitBody = (): MiddlewareHandler => {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    // The rest of the body is never read, so the connection cannot carry another request: say so.
    onError: (c) =>
      errorResponse(c, 413, { code: 'payload_too_large', message: 'The request body is larger than 256 KB' }, { Connection: 'close' }),
  });
  // GETs have no body, and asking for one would make the adapter build a full Request object.
  return (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS' ? next() : limit(c, next));
};

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
      const length = requestHeader(c, 'content-length');
      const hasBody = length !== undefined ? length !== '0' : requestHeader(c, 'transfer-encoding') !== undefined;
      const media = (requestHeader(c, 'content-type') ?? '').split(';')[0]!.trim();
      if (hasBody && !JSON_MEDIA.test(media)) {
        throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
      }
    }
    await next();
  };
}
