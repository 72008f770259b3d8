/**
 * What every response and request goes through before a route: CORS for the
 * dealers' allow-listed origins only, security headers, a body size cap and a
 * JSON-only rule for request bodies (a form post would otherwise be read as an
 * empty body and its fields silently dropped).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { DealerRegistry } from '../auth/dealers.ts';
import type { AppEnv } from './env.ts';
import { ApiError, errorResponse } from './errors.ts';

export const MAX_BODY_BYTES = 256 * 1024;

export function corsForDealers(dealers: DealerRegistry): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin) => (dealers.isKnownOrigin(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    // No X-Secret-Key: secret-key calls come from dealer servers, never from a browser.
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Client-Id', 'X-Temporary-Access-Key', 'X-Request-Id', 'Last-Event-ID'],
    exposeHeaders: ['Retry-After', 'X-Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 600,
  });
}

/** For JSON API answers: nothing in them may run, and no page may frame them. */
export const apiHeaders = (): MiddlewareHandler => secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
  crossOriginResourcePolicy: 'same-origin',
});

/** For our own pages (demo, docs): a strict policy; Lit's styles are constructable stylesheets, which CSP allows. */
export const pageHeaders = (): MiddlewareHandler => secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'self'"], frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
});

/** For the widget bundle: dealer pages on other origins load it with a script tag. */
export const widgetAssetHeaders = (): MiddlewareHandler => secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"] },
  crossOriginResourcePolicy: 'cross-origin',
  crossOriginEmbedderPolicy: false,
});

export const limitBody = (): MiddlewareHandler =>
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    // The rest of the body is never read, so the connection cannot carry another request: say so.
    onError: (c) =>
      errorResponse(c, 413, { code: 'payload_too_large', message: 'The request body is larger than 256 KB' }, { Connection: 'close' }),
  });

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

export function requireJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const hasBody = c.req.header('Content-Length') !== undefined ? c.req.header('Content-Length') !== '0' : c.req.header('Transfer-Encoding') !== undefined;
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(c.req.method)) {
      const media = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim();
      if (!JSON_MEDIA.test(media)) throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
    }
    await next();
  };
}
