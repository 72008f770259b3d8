/**
 * Webhook endpoints over HTTP, mounted at /v1/webhook-endpoints: a dealer's
 * backend manages its own with its secret key. The events themselves are
 * documented as the OpenAPI 3.1 `webhooks` of the document (openapi.ts here).
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ErrorBody,
  resourceId,
  WebhookAttemptList,
  WebhookEndpointBody,
  WebhookEndpointCreated,
  WebhookEndpointList,
  WebhookPingSent,
  WebhookSecretRotated,
} from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps } from '../auth/middleware.ts';
import { createRouter, errors, HEADERS, json, jsonBody } from '../http/openapi.ts';
import type { WebhookEndpoints } from './service.ts';

export type WebhookRoutesDeps = AuthDeps & { webhooks: { endpoints: WebhookEndpoints } };

const IdParam = z.object({
  id: resourceId('Webhook endpoint id', 'we_8kQ2m0E8Yw9cQ7b3n5q1sA').openapi({
    param: { name: 'id', in: 'path' },
    example: 'we_8kQ2m0E8Yw9cQ7b3n5q1sA',
  }),
});

const TAGS = ['Webhooks'];

const CREATE_DESCRIPTION = [
  'Call from your server with your secret key. We POST each event to `url`, signed by the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`, `webhook-signature` headers; verify them with the `standardwebhooks` npm package and the `secret` answered here, which is shown only once).',
  '`events` chooses the event types (every type when left out). In live mode `url` must be `https:` and reach a public internet address (no loopback, private, link-local or metadata address, checked again on every try); sandbox mode also takes `http:` and local addresses.',
  'A try that does not answer 2xx within 10 s is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, with the same `webhook-id`; an answer of 410 Gone, or failing every try for 5 days, disables the endpoint.',
].join(' ');

export function webhookRoutes(deps: WebhookRoutesDeps) {
  const { endpoints } = deps.webhooks;
  const auth = guards(deps);
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createWebhookEndpoint',
      tags: TAGS,
      summary: 'Register a webhook endpoint',
      description: CREATE_DESCRIPTION,
      ...auth.secretKey(),
      request: { body: jsonBody(WebhookEndpointBody) },
      responses: {
        201: json(
          WebhookEndpointCreated,
          'Registered; `secret` is shown only now',
          z.object({ Location: HEADERS.location('/v1/webhook-endpoints/we_8kQ2m0E8Yw9cQ7b3n5q1sA') }),
        ),
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const created = await endpoints.create(c.get('dealer').clientId, c.req.valid('json'));
      c.header('Location', `/v1/webhook-endpoints/${created.id}`);
      return c.json(created, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listWebhookEndpoints',
      tags: TAGS,
      summary: 'Your webhook endpoints',
      description: 'Every endpoint you registered, enabled or disabled (with the reason); never its secret.',
      ...auth.secretKey(),
      responses: { 200: json(WebhookEndpointList, 'Your endpoints, oldest first'), ...errors(401) },
    }),
    async (c) => c.json(await endpoints.list(c.get('dealer').clientId), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      operationId: 'deleteWebhookEndpoint',
      tags: TAGS,
      summary: 'Delete a webhook endpoint',
      description: 'Nothing more is sent to it, retries included; its delivery log goes with it.',
      ...auth.secretKey(),
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...errors(400, 401, 404) },
    }),
    async (c) => {
      await endpoints.delete(c.get('dealer').clientId, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/test',
      operationId: 'pingWebhookEndpoint',
      tags: TAGS,
      summary: 'Send a ping event',
      description: 'Sends a `ping` event to this endpoint at once, signed like every event; see it arrive in GET …/deliveries.',
      ...auth.secretKey(),
      request: { params: IdParam },
      responses: {
        202: json(WebhookPingSent, 'The ping is on its way'),
        ...errors(400, 401, 404),
        409: json(ErrorBody, 'The endpoint is disabled, or did not ask for ping events'),
      },
    }),
    async (c) => c.json(await endpoints.ping(c.get('dealer').clientId, c.req.valid('param').id), 202),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/rotate-secret',
      operationId: 'rotateWebhookSecret',
      tags: TAGS,
      summary: 'Rotate the signing secret',
      description:
        'Answers a new secret (shown only now). For 24 hours every delivery carries two signatures, one with each secret, so you can switch your verifier over at your pace.',
      ...auth.secretKey(),
      request: { params: IdParam },
      responses: { 200: json(WebhookSecretRotated, 'The new secret'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await endpoints.rotateSecret(c.get('dealer').clientId, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/deliveries',
      operationId: 'listWebhookDeliveries',
      tags: TAGS,
      summary: 'Recent delivery attempts',
      description:
        "The endpoint's last 100 tries, newest first: the event, when, the status code you answered (none on a timeout or connection failure), how long it took, and when the next try is due.",
      ...auth.secretKey(),
      request: { params: IdParam },
      responses: { 200: json(WebhookAttemptList, 'Recent attempts'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await endpoints.deliveries(c.get('dealer').clientId, c.req.valid('param').id), 200),
  );

  return app;
}
