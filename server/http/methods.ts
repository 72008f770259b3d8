/**
 * What a known path answers to a method it has no route for (RFC 9110): 405
 * with `Allow`, and OPTIONS (not a CORS preflight, which security.ts answers)
 * 204 with `Allow`. A path no route knows stays a 404. HEAD runs the GET
 * route (Hono drops the body) and gets the Content-Length the GET would have
 * sent. Every one of these answers carries the API's security headers.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { errorResponse } from './errors.ts';
import { setHeaders } from './headers.ts';
import { API_HEADERS } from './security.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods some route answers on `path` (middleware, registered for ALL, does not count). */
function methodsOf(app: Hono<AppEnv>, path: string): string[] {
  const found: string[] = [];
  for (const method of METHODS) {
    if (app.router.match(method, path)[0].some(([[, route]]) => route.method !== 'ALL')) found.push(method);
  }
  if (found.includes('GET')) found.splice(1, 0, 'HEAD');
  return found;
}

/** The app's notFound: 404 for unknown paths, 405 or the OPTIONS answer for known ones. */
export function unmatched(app: Hono<AppEnv>) {
  return (c: Context<AppEnv>) => {
    setHeaders(c, API_HEADERS);
    const { method, path } = c.req;
    const methods = methodsOf(app, path);
    // No route, or one for this very method that found nothing (a static file that is not there): 404.
    if (methods.length === 0 || methods.includes(method))
      return errorResponse(c, 404, { code: 'not_found', message: `No route for ${method} ${path}` });
    const allow = [...methods, 'OPTIONS'].join(', ');
    if (method === 'OPTIONS') return c.body(null, 204, { Allow: allow });
    return errorResponse(
      c,
      405,
      { code: 'method_not_allowed', message: `${method} is not allowed on ${path}; it answers ${methods.join(', ')}` },
      { Allow: allow },
    );
  };
}

/** HEAD answers with the length of the body the GET would have sent (and no stream is left running for it). */
export function headLength(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'HEAD' || c.res.headers.has('content-length') || !c.res.body) return;
    if (c.res.headers.get('content-type')?.startsWith('text/event-stream')) {
      await c.res.body.cancel();
      return;
    }
    const body = await c.res.arrayBuffer();
    c.res = new Response(body, c.res);
    c.res.headers.set('Content-Length', String(body.byteLength));
  };
}
