/**
 * The events as the OpenAPI 3.1 document's `webhooks`: each event type is an
 * operation we call on the dealer's endpoint, with its body schema (from the
 * contract, the same one the tests check sent events against), the signing
 * headers and an example.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { WEBHOOK_EVENTS, type WebhookEvent, type WebhookEventType } from '../../contract/index.ts';
import type { AppEnv } from '../http/env.ts';

const SIGNING_HEADERS = z.object({
  'webhook-id': z.string().meta({ description: 'The event id (msg_…): the same on every retry of one event; use it to drop repeats' }),
  'webhook-timestamp': z
    .string()
    .meta({ description: 'Seconds since 1970 when this try was sent; refuse old ones (the library allows 5 minutes)' }),
  'webhook-signature': z.string().meta({
    description:
      '`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` with your secret; two, space-separated, for 24 h after a rotation',
  }),
});

const at = '2026-05-01T12:00:00.000Z';
const submissionRef = { submissionId: 'sub_4cW2m0E8Yw9cQ7b3n5q1sA', sessionId: 'ses_Xw0d3kqT2mB7c9L1pQe5vA', externalRef: 'deal-42' };

/** One example body per event type (README shows the same). */
const EVENT_EXAMPLES: { [T in WebhookEventType]: WebhookEvent<T> } = {
  'submission.created': { type: 'submission.created', timestamp: at, data: submissionRef },
  'submission.delivered': {
    type: 'submission.delivered',
    timestamp: at,
    data: {
      ...submissionRef,
      status: 'delivered',
      flowUrl: 'https://shop.autocomplete.example/flow/9f2c1e',
      deliveries: [
        { target: 'agencyzoom', status: 'delivered', attempts: 1, deliveredAt: at, vendorIds: { leadId: 1001, leadQuoteId: 5001 } },
        { target: 'autocomplete', status: 'delivered', attempts: 1, deliveredAt: at, vendorIds: { personId: 'p_7781' } },
      ],
    },
  },
  'submission.delivery_failed': {
    type: 'submission.delivery_failed',
    timestamp: at,
    data: {
      ...submissionRef,
      target: 'agencyzoom',
      status: 'failed',
      attempts: 20,
      reason: 'AgencyZoom was unavailable (HTTP 500); gave up after 20 tries',
    },
  },
  'quote_request.completed': {
    type: 'quote_request.completed',
    timestamp: at,
    data: {
      quoteRequestId: 'qr_4cW2m0E8Yw9cQ7b3n5q1sA',
      sessionId: submissionRef.sessionId,
      externalRef: 'deal-42',
      status: 'complete',
      quoteCount: 14,
      lowestTotalCents: 98_450,
    },
  },
  'connection.ready': {
    type: 'connection.ready',
    timestamp: at,
    data: {
      connectionId: 'con_3Ue2B0rQk7Yd9ZsVq1xLhA',
      sessionId: submissionRef.sessionId,
      externalRef: 'deal-42',
      issuerId: 'geico',
      policyCount: 2,
    },
  },
  ping: { type: 'ping', timestamp: at, data: { endpointId: 'we_8kQ2m0E8Yw9cQ7b3n5q1sA', externalRef: null } },
};

const SUMMARIES: Record<WebhookEventType, string> = {
  'submission.created': 'A shopper submitted; the submission is stored (read it with GET /v1/submissions/{id})',
  'submission.delivered': "Every delivery target has the submission: the shopper's link and the records each vendor made",
  'submission.delivery_failed': 'A delivery target failed for good, with the reason',
  'quote_request.completed': 'Every insurer of a quote request answered: how many quotes and the lowest total',
  'connection.ready':
    "The shopper's insurer connection can be read: its policies were read for the first time (GET /v1/connections/{id}/policies)",
  ping: 'Sent by POST /v1/webhook-endpoints/{id}/test',
};

/** `submission.delivery_failed` → `submissionDeliveryFailedEvent`: the name a generated client gives its handler. */
const webhookOperationId = (type: WebhookEventType) =>
  `${type
    .split(/[._]/)
    .map((word, i) => (i === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('')}Event`;

export function documentWebhookEvents(app: OpenAPIHono<AppEnv>) {
  for (const [type, schema] of Object.entries(WEBHOOK_EVENTS) as [WebhookEventType, z.ZodType][]) {
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: webhookOperationId(type),
      tags: ['Webhooks'],
      summary: SUMMARIES[type],
      // We send your endpoint no credential: the signing headers below prove the body is ours.
      security: [],
      description:
        'POSTed to each of your endpoints that asked for this type, signed by the Standard Webhooks specification: verify it with the `standardwebhooks` npm package before you trust it. Answer 2xx within 10 s; anything else is retried.',
      request: {
        headers: SIGNING_HEADERS,
        body: { required: true, content: { 'application/json': { schema, example: EVENT_EXAMPLES[type] } } },
      },
      responses: {
        200: { description: 'Received (any 2xx): never sent again' },
        410: { description: 'Gone: we disable the endpoint and send it nothing more' },
      },
    });
  }
}
