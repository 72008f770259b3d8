/**
 * A dealer's webhook endpoints, self-served with its secret key: register
 * (the signing secret is shown once), list, delete, send a ping, rotate the
 * secret (both sign for a day), read the delivery log.
 */
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookAttempt,
  type WebhookEndpoint,
  type WebhookEndpointBody,
  type WebhookEventType,
} from '../../contract/index.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { fieldError } from '../submissions/field-error.ts';
import type { WorkRunner } from '../work/runner.ts';
import { eventBody } from './catch-up.ts';
import { newSigningSecret } from './signing.ts';
import type { AttemptRecord, EndpointRecord, WebhookJob, WebhookStore } from './store.ts';
import { checkTargetUrl, type TargetPolicy, TargetRefused } from './target-policy.ts';

/** Endpoints one dealer may have. */
const MAX_ENDPOINTS = 10;
/** How long the previous secret keeps signing after a rotation. */
const ROTATION_OVERLAP_MS = 24 * 3600_000;
const LOG_LENGTH = 100;

const noSuchEndpoint = () => notFound('No webhook endpoint with this id');

function endpointView(e: EndpointRecord): WebhookEndpoint {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    status: e.status,
    ...(e.disabledReason ? { disabledReason: e.disabledReason } : {}),
    createdAt: e.createdAt.toISOString(),
  };
}

function attemptView(a: AttemptRecord): WebhookAttempt {
  return {
    eventId: a.eventId,
    eventType: a.eventType,
    attemptedAt: a.attemptedAt.toISOString(),
    ...(a.statusCode === undefined ? {} : { statusCode: a.statusCode }),
    latencyMs: a.latencyMs,
    ...(a.error ? { error: a.error } : {}),
    deliveryStatus: a.deliveryStatus,
    ...(a.deliveryStatus === 'pending' ? { nextRetryAt: a.nextAttemptAt.toISOString() } : {}),
  };
}

export class WebhookEndpoints {
  constructor(
    readonly store: WebhookStore,
    private readonly runner: Pick<WorkRunner<WebhookJob>, 'poll'>,
    private readonly targets: TargetPolicy,
  ) {}

  async create(clientId: string, body: WebhookEndpointBody) {
    let url: string;
    try {
      url = await checkTargetUrl(this.targets, body.url);
    } catch (error) {
      if (error instanceof TargetRefused) throw fieldError('url', error.message);
      throw error;
    }
    const events: WebhookEventType[] = body.events ? [...new Set(body.events)] : [...WEBHOOK_EVENT_TYPES];
    const secret = newSigningSecret();
    const endpoint = await this.store.createEndpoint({ clientId, url, events, secret, max: MAX_ENDPOINTS });
    if (!endpoint) throw fieldError('url', `A dealer may have at most ${MAX_ENDPOINTS} webhook endpoints; delete one first`);
    return { ...endpointView(endpoint), secret };
  }

  /**
   * A receiver of our own for the dealer, for every event type: made once
   * and kept across restarts (the same URL finds the same endpoint, enabled
   * again). Answers its signing secret; throws TargetRefused when the URL may
   * not be sent to here.
   */
  async ensure(clientId: string, url: string): Promise<string> {
    const checked = await checkTargetUrl(this.targets, url);
    const { secret } = await this.store.ensureEndpoint({ clientId, url: checked, events: WEBHOOK_EVENT_TYPES, secret: newSigningSecret() });
    return secret;
  }

  async list(clientId: string) {
    return { endpoints: (await this.store.listEndpoints(clientId)).map(endpointView) };
  }

  async delete(clientId: string, id: string) {
    if (!(await this.store.deleteEndpoint(clientId, id))) throw noSuchEndpoint();
  }

  /** Sends a ping event to this endpoint alone, at once. */
  async ping(clientId: string, id: string) {
    const endpoint = await this.store.getEndpoint(clientId, id);
    if (!endpoint) throw noSuchEndpoint();
    if (endpoint.status !== 'enabled') throw new ApiError(409, 'conflict', `This endpoint is disabled: ${endpoint.disabledReason}`);
    if (!endpoint.events.includes('ping')) throw new ApiError(409, 'conflict', 'This endpoint did not ask for ping events');
    const occurredAt = new Date();
    const { eventIds } = await this.store.recordEvents(
      [
        {
          clientId,
          type: 'ping',
          // Every ping is a fact of its own.
          dedupeKey: `ping:${id}:${crypto.randomUUID()}`,
          occurredAt,
          body: eventBody('ping', occurredAt, { endpointId: id, externalRef: null }),
        },
      ],
      id,
    );
    void this.runner.poll();
    return { eventId: eventIds[0]! };
  }

  async rotateSecret(clientId: string, id: string) {
    const secret = newSigningSecret();
    const rotated = await this.store.rotateSecret(clientId, id, secret, ROTATION_OVERLAP_MS);
    if (!rotated) throw noSuchEndpoint();
    return { id, secret, previousSecretExpiresAt: rotated.previousExpiresAt.toISOString() };
  }

  async deliveries(clientId: string, id: string) {
    const endpoint = await this.store.getEndpoint(clientId, id);
    if (!endpoint) throw noSuchEndpoint();
    return { deliveries: (await this.store.attempts(id, LOG_LENGTH)).map(attemptView) };
  }
}
