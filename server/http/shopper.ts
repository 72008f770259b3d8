/**
 * The shopper's journeys (lookups, quotes, connections, submissions) share one
 * budget per client address: sessions are cheap to make, so per-session limits
 * alone cannot stop one address flooding the vendors or a dealer's CRM. Each
 * router mounted through `shopperRouter(app, budget).route(...)` gets the budget
 * in front of every one of its routes, and nothing else does (a sub-app's own
 * `use('*')` would run for every route under its prefix, a dealer's included).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { mergePath } from 'hono/utils/url';
import type { AppEnv } from './env.ts';

export function shopperRouter(app: OpenAPIHono<AppEnv>, budget: MiddlewareHandler<AppEnv>) {
  const shopper = {
    /** `GET /v1/quote-requests/{id}`: every route behind the budget, as the OpenAPI document names it (it documents their 429). */
    routes: new Set<string>(),
    route(path: string, router: OpenAPIHono<AppEnv>) {
      // A route is listed once per handler (its middleware, validators, handler): the budget goes in front once.
      const routes = new Set(router.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
      for (const route of routes) {
        const [method, sub] = route.split(' ') as [string, string];
        app.on(method, mergePath(path, sub), budget);
        shopper.routes.add(`${method} ${mergePath(path, sub).replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
      }
      app.route(path, router);
      return shopper;
    },
  };
  return shopper;
}
