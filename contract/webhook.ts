/**
 * Webhooks a dealer's backend registers (secret key), and the events we push to
 * them, signed by the Standard Webhooks specification. Events are thin by
 * design: ids and states, never a shopper's personal data (the dealer fetches
 * the details with its secret key).
 */
import { z } from 'zod';
import { BrowserLink } from './links.ts';
import { storableString } from './primitives.ts';
import { DELIVERY_STATUSES, DELIVERY_TARGETS, SubmissionDelivery } from './submission.ts';

export const WEBHOOK_EVENT_TYPES = [
  'submission.created',
  'submission.delivered',
  'submission.delivery_failed',
  'quote_request.completed',
  'connection.ready',
  'ping',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES, { error: `Each event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` });
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WebhookEndpointBody = z
  .object({
    url: storableString('URL', 'URL must be an address like https://dealer.example/webhooks/coverkit')
      .max(2048, { error: 'URL must be at most 2048 characters' })
      .meta({ example: 'https://dealer.example/webhooks/coverkit' }),
    /** The events to send; every event (ping included) when left out. */
    events: z
      .array(WebhookEventType)
      .min(1, { error: 'Name at least one event, or leave events out for all of them' })
      .max(WEBHOOK_EVENT_TYPES.length)
      .optional(),
  })
  .meta({ id: 'WebhookEndpointRequest' });
export type WebhookEndpointBody = z.infer<typeof WebhookEndpointBody>;

export const WebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(WebhookEventType),
    status: z.enum(['enabled', 'disabled']),
    /** Why we stopped sending (the endpoint answered 410 Gone, or failed for days). */
    disabledReason: z.string().optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The signing secret, shown when an endpoint is made and when its secret is rotated, never again. */
const SigningSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/=]+$/)
  .meta({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });

export const WebhookEndpointCreated = WebhookEndpoint.extend({ secret: SigningSecret }).meta({ id: 'WebhookEndpointCreated' });
export const WebhookSecretRotated = z
  .object({
    id: z.string(),
    secret: SigningSecret,
    /** Until then deliveries are signed with the previous secret too (a second `v1,` signature). */
    previousSecretExpiresAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookSecretRotated' });
export const WebhookEndpointList = z.object({ endpoints: z.array(WebhookEndpoint) }).meta({ id: 'WebhookEndpointList' });

/** One try of sending one event to the endpoint. */
export const WebhookAttempt = z
  .object({
    eventId: z.string(),
    eventType: WebhookEventType,
    attemptedAt: z.iso.datetime(),
    /** The endpoint's HTTP status; absent when it did not answer (timeout, connection refused). */
    statusCode: z.number().int().optional(),
    latencyMs: z.number().int(),
    /** What went wrong, in plain words (absent on a 2xx). */
    error: z.string().optional(),
    /** The event's delivery to this endpoint: pending (another try is due), delivered, or failed for good. */
    deliveryStatus: z.enum(['pending', 'delivered', 'failed']),
    /** When the next try is due, while the delivery is pending. */
    nextRetryAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'WebhookAttempt' });
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;
export const WebhookAttemptList = z.object({ deliveries: z.array(WebhookAttempt) }).meta({ id: 'WebhookAttemptList' });
export const WebhookPingSent = z.object({ eventId: z.string() }).meta({ id: 'WebhookPingSent' });

// The event bodies: `{ type, timestamp, data }`. Every event carries the session's externalRef (null when it had none).
const externalRef = z.string().nullable().meta({ description: "The dealer's own reference given when the session was made" });
/** `submission.delivery_failed` → `SubmissionDeliveryFailedEvent`, its name among the document's components. */
const eventComponentName = (type: WebhookEventType) =>
  `${type
    .split(/[._]/)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}Event`;
const eventEnvelope = <T extends WebhookEventType, D extends z.ZodRawShape>(type: T, data: D) =>
  z.object({ type: z.literal(type), timestamp: z.iso.datetime(), data: z.object(data) }).meta({ id: eventComponentName(type) });

const submissionRef = { submissionId: z.string(), sessionId: z.string(), externalRef };

export const WEBHOOK_EVENTS = {
  'submission.created': eventEnvelope('submission.created', submissionRef),
  'submission.delivered': eventEnvelope('submission.delivered', {
    ...submissionRef,
    status: z.literal('delivered'),
    flowUrl: BrowserLink.optional(),
    deliveries: z.array(SubmissionDelivery),
  }),
  'submission.delivery_failed': eventEnvelope('submission.delivery_failed', {
    ...submissionRef,
    target: z.enum(DELIVERY_TARGETS),
    status: z.literal(DELIVERY_STATUSES[2]),
    attempts: z.number().int(),
    reason: z.string(),
  }),
  'quote_request.completed': eventEnvelope('quote_request.completed', {
    quoteRequestId: z.string(),
    sessionId: z.string(),
    externalRef,
    status: z.literal('complete'),
    quoteCount: z.number().int(),
    /** The lowest total premium of a priced quote, for its term; null when no carrier priced it. */
    lowestTotalCents: z.number().int().nullable(),
  }),
  'connection.ready': eventEnvelope('connection.ready', {
    connectionId: z.string(),
    sessionId: z.string(),
    externalRef,
    /** The insurer the shopper connected, when known. */
    issuerId: z.string().nullable(),
    /** The policies the first read found (read them with GET /v1/connections/{id}/policies). */
    policyCount: z.number().int(),
  }),
  ping: eventEnvelope('ping', { endpointId: z.string(), externalRef }),
} satisfies Record<WebhookEventType, z.ZodType>;

export type WebhookEvent<T extends WebhookEventType = WebhookEventType> = z.infer<(typeof WEBHOOK_EVENTS)[T]>;
