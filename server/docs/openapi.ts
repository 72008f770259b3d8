/**
 * The public API as OpenAPI 3.1, generated from the very zod schemas that
 * validate requests (every route is declared with createRoute), served at
 * /openapi.json, with a readable reference page at /docs.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { ERROR_EXAMPLES, operationExamples } from './examples.ts';
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

type Json = Record<string, unknown>;
type Answer = {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown; example?: unknown }>;
};
type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, Answer>;
};
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, Record<string, Operation>>;
  components?: Json;
};

const operations = (document: Document) =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );

const REQUEST_ID_HEADER = {
  description:
    'The id of this request in our logs (yours, when you sent a well-formed X-Request-Id): quote it when you ask us about a call',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{8,128}$' },
  example: '5f0c2a4e-9b1d-4c3e-8f7a-2d6b1e0c9a41',
};
const RETRY_AFTER_HEADER = {
  description: 'Seconds to wait before asking again',
  required: true,
  schema: { type: 'integer', minimum: 1 },
  example: 30,
};

/** An error answer as the routes' own are documented: the one Error body, with an example of it. */
const errorAnswer = (status: number, description: string, headers?: Record<string, unknown>): Answer => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: ERROR_EXAMPLES[status] } },
});

/**
 * What every route can answer besides its own statuses, added here because
 * app-wide middleware answers them: 413 and 415 where a body is taken
 * (security.ts), 429 for wrong secret keys (requireSecretKey throttles them,
 * auth/refused-keys.ts) and for the shopper's per-address budget (http/shopper.ts),
 * 500 anywhere; and on every answer, the X-Request-Id header (ops/observe.ts).
 */
function withAppWideAnswers<D>(document: D, budgetedRoutes: ReadonlySet<string>): D {
  const doc = document as Document;
  for (const { route, operation } of operations(doc)) {
    const responses = (operation.responses ??= {});
    if (operation.requestBody) {
      responses['413'] ??= errorAnswer(413, 'The body is larger than 256 KB');
      responses['415'] ??= errorAnswer(415, 'The body is not JSON (send Content-Type: application/json)');
    }
    if (operation.security?.some((requirement) => 'secretKey' in requirement)) {
      responses['429'] ??= errorAnswer(
        429,
        'Too many wrong secret keys from this address or for this clientId (the right key is never refused); Retry-After says when to try again',
        { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
      );
    }
    if (budgetedRoutes.has(route)) {
      responses['429'] ??= errorAnswer(
        429,
        'Too many requests from this address (COVERKIT_WIDGET_RATE_PER_IP a minute); Retry-After says when to try again',
        { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
      );
    }
    responses['500'] ??= errorAnswer(500, 'Something went wrong on our side; it has been logged (quote X-Request-Id)');
    for (const response of Object.values(responses)) {
      response.headers = { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' }, ...response.headers };
    }
  }
  // Described once, referred to from every answer that sends them.
  doc.components = { ...doc.components, headers: { 'X-Request-Id': REQUEST_ID_HEADER, 'Retry-After': RETRY_AFTER_HEADER } };
  return document;
}

/**
 * Every request and response body gets its example (examples.ts), by
 * operationId and status; an error answer gets its status's error body. An
 * example a route set itself is kept.
 */
function withExamples<D>(document: D): D {
  const examples = operationExamples();
  for (const { operation } of operations(document as Document)) {
    const own = examples[operation.operationId ?? ''] ?? {};
    for (const media of Object.values(operation.requestBody?.content ?? {})) {
      if (own.request !== undefined) media.example ??= own.request;
    }
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const example = own[Number(status)] ?? ERROR_EXAMPLES[Number(status)];
      for (const media of Object.values(response.content ?? {})) if (example !== undefined) media.example ??= example;
    }
  }
  return document;
}

export function openApiDocument(
  app: OpenAPIHono<AppEnv>,
  { serverUrl, budgetedRoutes }: { serverUrl: string; budgetedRoutes: ReadonlySet<string> },
) {
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
    (document ??= withExamples(
      withAppWideAnswers(
        app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO, tags: TAGS, servers: [{ url: serverUrl }] }),
        budgetedRoutes,
      ),
    ));

  app.get('/openapi.json', (c) => c.json(build()));
  app.get('/docs', (c) => c.html(renderReference(build() as unknown as Parameters<typeof renderReference>[0])));
  app.get('/docs.css', (c) => c.body(REFERENCE_CSS.toString(), 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  return build;
}
