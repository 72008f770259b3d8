/**
 * Routes are declared with @hono/zod-openapi: one zod schema both validates a
 * request and documents it, so /openapi.json cannot drift from the code.
 * Helpers here keep each route declaration short and every error documented.
 */
import { OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ErrorBody, type Product } from '../../contract/index.ts';
import type { AppEnv } from './env.ts';
import { ApiError } from './errors.ts';

/** A sub-app whose request validation failures become the 400 error body, with field paths. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.validation(result.error);
    },
  });
}

/** Response headers a route sends, as a zod object (an optional one is sent only sometimes). */
type ResponseHeaders = z.ZodObject<Record<string, z.ZodType>>;

export const json = <T extends z.ZodType>(schema: T, description: string, headers?: ResponseHeaders) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});

/** The response headers routes send, described once. */
export const HEADERS = {
  location: (example: string) => z.string().meta({ description: 'Where the resource made can be read (a path on this server)', example }),
  retryAfter: z.number().int().min(1).meta({ description: 'Seconds to wait before asking again', example: 30 }),
};

/** What each error status sends besides the body. */
const ERROR_HEADERS: Partial<Record<keyof typeof ERROR_DESCRIPTIONS, ResponseHeaders>> = {
  401: z.object({ 'WWW-Authenticate': z.literal('Bearer').meta({ description: 'How to authenticate' }) }),
  429: z.object({ 'Retry-After': HEADERS.retryAfter }),
  502: z.object({ 'Retry-After': HEADERS.retryAfter.optional().meta({ description: 'Sent when the vendor said when to try again' }) }),
};

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

const ERROR_DESCRIPTIONS = {
  400: 'A field is missing or not valid; `error.fields` says which',
  401: 'Missing, expired or forged token or key',
  403: 'The token or origin is not allowed to do this',
  404: 'Not found',
  409: 'Conflicts with an earlier request with the same idempotency key',
  413: 'The body is larger than 256 KB',
  429: 'Too many requests; wait for Retry-After seconds',
  502: 'A vendor failed',
  503: 'Not ready',
  504: 'A vendor did not answer in time',
} as const;

/** Documents the error statuses a route can answer, all with the one error body. */
export function errors(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]): RouteConfig['responses'] {
  return Object.fromEntries(statuses.map((status) => [status, json(ErrorBody, ERROR_DESCRIPTIONS[status], ERROR_HEADERS[status])]));
}

/** A 429 described in a route's own words (which budgets it has), with the Retry-After header it carries. */
export const tooManyRequests = (description: string) =>
  json(
    ErrorBody,
    description,
    z.object({ 'Retry-After': HEADERS.retryAfter.meta({ description: 'Seconds until the spent budget is renewed' }) }),
  );

/**
 * Security requirement names, registered as OpenAPI security schemes in docs/openapi.ts.
 * A session token's requirement names the journey (product) the session must
 * include, as OpenAPI 3.1 allows role names for any scheme: the document says
 * which routes a `products: ["lookup"]` session may call, and a test holds every route to it.
 */
type SecurityRequirement = Record<string, string[]>;

export const SECURITY = {
  secretKey: [{ clientId: [], secretKey: [] }],
  session: (product: Product | null) => [{ sessionToken: product ? [product] : [] }],
  temporaryAccessKey: [{ clientId: [], temporaryAccessKey: [] }],
  /** No credential, or the operator's token when one is configured. */
  operatorTokenIfConfigured: [{}, { operatorToken: [] }] as SecurityRequirement[],
};
// biome-ignore lint/suspicious/noExplicitAny: any env, path and input: each middleware keeps its own, and the route merges them.
type AnyMiddleware = MiddlewareHandler<any, any, any>;

/**
 * A route's `security` and `middleware` in one: spread into createRoute, so the
 * credential the document names is the one the middleware checks. The
 * middleware tuple keeps each one's typed Variables, so the handler can read
 * exactly what they set (`c.get('session')` only after requireSession).
 */
export function guard<const M extends [AnyMiddleware, ...AnyMiddleware[]]>(
  security: SecurityRequirement[],
  ...middleware: M
): { security: SecurityRequirement[]; middleware: M } {
  return { security, middleware };
}

/** For routes anyone may call: the document says so with `security: []`. */
export function open<const M extends AnyMiddleware[]>(...middleware: M): { security: SecurityRequirement[]; middleware: M } {
  return { security: [], middleware };
}
