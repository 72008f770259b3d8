/**
 * The public API as OpenAPI 3.1, generated from the very zod schemas that
 * validate requests (every route is declared with createRoute), served at
 * /openapi.json, with a readable reference page at /docs.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { REFERENCE_CSS, renderReference } from './reference-page.ts';

const API_INFO = {
  title: 'Coverkit API',
  version: '1.0.0',
  description:
    'Auto-insurance shopping inside a dealer website. JSON bodies, camelCase fields, dates YYYY-MM-DD, money in integer cents. Every error answers `{ "error": { "code", "message", "fields"? } }`.',
};

/** Every tag a route uses, declared in the order a reader meets them (a test holds every route to this list). */
const TAGS = [
  { name: 'Sessions', description: 'Sessions and their tokens: made by your backend or the widget, verifiable with our JWKS.' },
  { name: 'Lookups', description: 'Pick-lists for the widget (vehicles, coverages) and finding an existing quote or policy.' },
  { name: 'Quotes', description: 'Ask every enabled insurer for quotes, then read or stream their answers.' },
  { name: 'Policies', description: "Connect the shopper's current insurer and read their policies." },
  { name: 'Submissions', description: "The shopper's final answer, its consent and its delivery to your systems." },
  { name: 'Webhooks', description: 'Endpoints you register for the signed events we send, and the events themselves.' },
  { name: 'Operations', description: 'Liveness, readiness and metrics, for whoever runs Coverkit.' },
];

/**
 * Every route that takes a body can also answer 413 (over 256 KB) and 415 (not
 * JSON): the app-wide middleware says so, so the document says so for each.
 */
function withBodyErrors<D>(document: D): D {
  const paths = (document as { paths?: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>> })
    .paths;
  for (const item of Object.values(paths ?? {})) {
    for (const operation of Object.values(item)) {
      // Any error response of the route already carries the one error body's schema: reuse its content.
      const errorContent = Object.entries(operation?.responses ?? {}).find(([status]) => Number(status) >= 400)?.[1] as
        | { content?: unknown }
        | undefined;
      if (!operation?.requestBody || !operation.responses || !errorContent) continue;
      operation.responses['413'] ??= { description: 'The body is larger than 256 KB', content: errorContent.content };
      operation.responses['415'] ??= {
        description: 'The body is not JSON (send Content-Type: application/json)',
        content: errorContent.content,
      };
    }
  }
  return document;
}

/**
 * Every route that takes a secret key can also answer 429: wrong keys are
 * throttled in requireSecretKey (auth/refused-keys.ts), whatever the route.
 */
function withRefusedKeyErrors<D>(document: D): D {
  type Operation = { security?: Record<string, string[]>[]; responses?: Record<string, { description?: string; content?: unknown }> };
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths;
  for (const item of Object.values(paths ?? {})) {
    for (const operation of Object.values(item)) {
      const takesSecretKey = operation?.security?.some((requirement) => 'secretKey' in requirement);
      const errorContent = Object.entries(operation?.responses ?? {}).find(([status]) => Number(status) >= 400)?.[1];
      if (!takesSecretKey || !operation.responses || !errorContent) continue;
      operation.responses['429'] ??= {
        description:
          'Too many wrong secret keys from this address or for this clientId (the right key is never refused); Retry-After says when to try again',
        content: errorContent.content,
      };
    }
  }
  return document;
}

export function openApiDocument(app: OpenAPIHono<AppEnv>, serverUrl: string) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'clientId', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Client-Id',
    description: 'Your public client id',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Secret-Key',
    description: 'Your secret key: server to server only',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "Session token from POST /v1/sessions. A route's requirement names the journey (product) the session must include: a session without it gets 403.",
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'temporaryAccessKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Temporary-Access-Key',
    description: 'Read-only key for one connection',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'operatorToken', {
    type: 'http',
    scheme: 'bearer',
    description: "The operator's token (COVERKIT_METRICS_TOKEN), when the server is configured with one",
  });
  // Built once, after every route is registered: the document is a pure function of the routes.
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const build = () =>
    (document ??= withRefusedKeyErrors(
      withBodyErrors(app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO, tags: TAGS, servers: [{ url: serverUrl }] })),
    ));

  app.get('/openapi.json', (c) => c.json(build()));
  app.get('/docs', (c) => c.html(renderReference(build() as unknown as Parameters<typeof renderReference>[0])));
  app.get('/docs.css', (c) => c.body(REFERENCE_CSS.toString(), 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  return build;
}
