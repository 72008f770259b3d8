/**
 * Webhook endpoints, events and their outbox in the database. An event and
 * its deliveries (one per endpoint of the dealer that asked for its type and
 * existed when it happened) are written by one statement; an event is
 * recorded once per fact (its dedupe key), whichever process records it.
 * Every later change of a delivery is one conditional statement: a row is
 * worked on only by the process holding its lease.
 */
import type { WebhookEventType } from '../../contract/index.ts';
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';
import { rowContext, type Sealer } from '../security/sealer.ts';

export type EndpointRecord = {
  id: string;
  clientId: string;
  url: string;
  events: WebhookEventType[];
  status: 'enabled' | 'disabled';
  disabledReason?: string;
  createdAt: Date;
};

/** A fact to tell dealers about, ready to be recorded. */
export type NewEvent = {
  clientId: string;
  type: WebhookEventType;
  /** Names the fact: recorded once whoever records it. */
  dedupeKey: string;
  /** The exact JSON signed and sent. */
  body: string;
  occurredAt: Date;
};

/** A delivery this process holds the lease of, with what it sends and where. */
export type WebhookJob = {
  eventId: string;
  endpointId: string;
  eventType: WebhookEventType;
  body: string;
  url: string;
  /** The secrets that sign: the current one, and the previous one during a rotation. */
  secrets: string[];
  /** Tries started, this one included. */
  attempts: number;
};

export type DeliveryKey = Pick<WebhookJob, 'eventId' | 'endpointId'>;

export type AttemptRecord = {
  eventId: string;
  eventType: WebhookEventType;
  attemptedAt: Date;
  statusCode?: number;
  latencyMs: number;
  error?: string;
  deliveryStatus: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: Date;
};

type EndpointRow = {
  id: string;
  client_id: string;
  url: string;
  events: WebhookEventType[];
  status: 'enabled' | 'disabled';
  disabled_reason: string | null;
  created_at: Date;
};

const toEndpoint = (row: EndpointRow): EndpointRecord => ({
  id: row.id,
  clientId: row.client_id,
  url: row.url,
  events: row.events,
  status: row.status,
  ...(row.disabled_reason === null ? {} : { disabledReason: row.disabled_reason }),
  createdAt: new Date(row.created_at),
});

/** The signing secrets are wrapped by the data key (security/sealer.ts), both bound to their endpoint. */
const sealedAt = (endpointId: string) => rowContext('webhook_endpoints', endpointId);
const ENDPOINT_COLUMNS = 'id, client_id, url, events, status, disabled_reason, created_at';
const seconds = (ms: number) => ms / 1000;
/** The advisory-lock space of ensureEndpoint (two-key locks never meet the migrations' one-key lock). */
const ENSURE_LOCK = 5_009;

export class WebhookStore {
  constructor(
    private readonly db: Database,
    private readonly sealer: Sealer,
  ) {}

  /** Stores an endpoint unless the dealer has `max` already (undefined then). */
  async createEndpoint(input: {
    clientId: string;
    url: string;
    events: readonly WebhookEventType[];
    secret: string;
    max: number;
  }): Promise<EndpointRecord | undefined> {
    const id = newId('we');
    const [row] = await this.db.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (id, client_id, url, events, secret)
       SELECT $1, $2, $3, $4::text[], $5 WHERE (SELECT count(*) FROM webhook_endpoints WHERE client_id = $2) < $6
       RETURNING ${ENDPOINT_COLUMNS}`,
      [id, input.clientId, input.url, input.events, this.sealer.seal(input.secret, sealedAt(id)), input.max],
    );
    return row ? toEndpoint(row) : undefined;
  }

  /**
   * The dealer's endpoint at `url`, made with `secret` unless there is one
   * already (then its own secret, and enabled again): what a receiver of our
   * own (the sandbox demo) keeps across restarts and processes. Calls for one
   * URL are serialised by a lock on it, so two processes starting at once make one.
   */
  async ensureEndpoint(input: {
    clientId: string;
    url: string;
    events: readonly WebhookEventType[];
    secret: string;
  }): Promise<{ endpoint: EndpointRecord; secret: string }> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ENSURE_LOCK, `${input.clientId} ${input.url}`]);
      const [existing] = await tx.query<EndpointRow & { secret: string }>(
        `UPDATE webhook_endpoints SET status = 'enabled', disabled_reason = NULL, failing_since = NULL, events = $3::text[]
         WHERE id = (SELECT id FROM webhook_endpoints WHERE client_id = $1 AND url = $2 ORDER BY created_at, id LIMIT 1)
         RETURNING ${ENDPOINT_COLUMNS}, secret`,
        [input.clientId, input.url, input.events],
      );
      if (existing) return { endpoint: toEndpoint(existing), secret: this.sealer.open<string>(existing.secret, sealedAt(existing.id)) };
      const id = newId('we');
      const [row] = await tx.query<EndpointRow>(
        `INSERT INTO webhook_endpoints (id, client_id, url, events, secret) VALUES ($1, $2, $3, $4::text[], $5) RETURNING ${ENDPOINT_COLUMNS}`,
        [id, input.clientId, input.url, input.events, this.sealer.seal(input.secret, sealedAt(id))],
      );
      return { endpoint: toEndpoint(row!), secret: input.secret };
    });
  }

  async listEndpoints(clientId: string): Promise<EndpointRecord[]> {
    const rows = await this.db.query<EndpointRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE client_id = $1 ORDER BY created_at, id`,
      [clientId],
    );
    return rows.map(toEndpoint);
  }

  /** The dealer's own endpoint, or undefined (another dealer's looks exactly like none). */
  async getEndpoint(clientId: string, id: string): Promise<EndpointRecord | undefined> {
    const [row] = await this.db.query<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND client_id = $2`, [
      id,
      clientId,
    ]);
    return row ? toEndpoint(row) : undefined;
  }

  /** Deletes the endpoint with its outbox rows and log; false when the dealer has no such endpoint. */
  async deleteEndpoint(clientId: string, id: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM webhook_endpoints WHERE id = $1 AND client_id = $2 RETURNING id', [id, clientId]);
    return rows.length > 0;
  }

  /** A new current secret; the one it replaces keeps signing for `overlapMs`. Undefined when there is no such endpoint. */
  async rotateSecret(clientId: string, id: string, secret: string, overlapMs: number): Promise<{ previousExpiresAt: Date } | undefined> {
    // The sealed secret moves columns as it is: both are bound to the endpoint, not to a column.
    const [row] = await this.db.query<{ previous_secret_expires_at: Date }>(
      `UPDATE webhook_endpoints
       SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(secs => $4), secret = $3
       WHERE id = $1 AND client_id = $2 RETURNING previous_secret_expires_at`,
      [id, clientId, this.sealer.seal(secret, sealedAt(id)), seconds(overlapMs)],
    );
    return row ? { previousExpiresAt: new Date(row.previous_secret_expires_at) } : undefined;
  }

  /**
   * Records events not recorded yet, each with a pending delivery for every
   * enabled endpoint of its dealer that asks for its type and existed when it
   * happened (`onlyEndpoint`: that one alone, a ping). One statement; answers
   * how many deliveries it made.
   */
  async recordEvents(events: readonly NewEvent[], onlyEndpoint?: string): Promise<{ eventIds: string[]; deliveries: number }> {
    if (events.length === 0) return { eventIds: [], deliveries: 0 };
    const input = events.map((e) => ({
      id: newId('msg'),
      client_id: e.clientId,
      type: e.type,
      dedupe_key: e.dedupeKey,
      body: e.body,
      occurred_at: e.occurredAt.toISOString(),
    }));
    const rows = await this.db.query<{ id: string; deliveries: number }>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(id text, client_id text, type text, dedupe_key text, body text, occurred_at timestamptz)
       ), event AS (
         INSERT INTO webhook_events (id, client_id, type, dedupe_key, body, occurred_at)
         SELECT id, client_id, type, dedupe_key, body, occurred_at FROM input
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, client_id, type, occurred_at
       ), delivery AS (
         INSERT INTO webhook_deliveries (event_id, endpoint_id)
         SELECT event.id, e.id FROM event JOIN webhook_endpoints e
           ON e.client_id = event.client_id AND e.status = 'enabled' AND event.type = ANY(e.events)
          AND e.created_at <= event.occurred_at AND ($2::text IS NULL OR e.id = $2)
         RETURNING event_id
       )
       SELECT event.id, (SELECT count(*) FROM delivery)::int AS deliveries FROM event`,
      [JSON.stringify(input), onlyEndpoint ?? null],
    );
    return { eventIds: rows.map((r) => r.id), deliveries: rows[0]?.deliveries ?? 0 };
  }

  /**
   * Leases deliveries that are due and not leased (new, waiting for a retry,
   * or abandoned by a process that died) and counts the try. SKIP LOCKED lets
   * several processes claim at once without taking the same row.
   */
  async claimDue(owner: string, leaseMs: number, limit: number): Promise<WebhookJob[]> {
    if (limit <= 0) return [];
    const rows = await this.db.query<{
      event_id: string;
      endpoint_id: string;
      attempts: number;
      type: WebhookEventType;
      body: string;
      url: string;
      secret: string;
      previous_secret: string | null;
    }>(
      `WITH claimed AS (
         UPDATE webhook_deliveries d
         SET lease_owner = $1, lease_until = now() + make_interval(secs => $2), attempts = d.attempts + 1, updated_at = now()
         WHERE (d.event_id, d.endpoint_id) IN (
           SELECT event_id, endpoint_id FROM webhook_deliveries
           WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING d.event_id, d.endpoint_id, d.attempts
       )
       SELECT c.event_id, c.endpoint_id, c.attempts, ev.type, ev.body, e.url, e.secret,
              CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret
       FROM claimed c JOIN webhook_events ev ON ev.id = c.event_id JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
      [owner, seconds(leaseMs), limit],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      endpointId: r.endpoint_id,
      eventType: r.type,
      body: r.body,
      url: r.url,
      secrets: [r.secret, r.previous_secret].flatMap((s) => (s === null ? [] : [this.sealer.open<string>(s, sealedAt(r.endpoint_id))])),
      attempts: r.attempts,
    }));
  }

  async renewLease(key: DeliveryKey, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE webhook_deliveries SET lease_until = now() + make_interval(secs => $4)
       WHERE event_id = $1 AND endpoint_id = $2 AND lease_owner = $3 AND status = 'pending' RETURNING event_id`,
      [key.eventId, key.endpointId, owner, seconds(leaseMs)],
    );
    return rows.length > 0;
  }

  /** Hands a delivery back, due at once (shutting down). */
  async release(key: DeliveryKey, owner: string): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL, next_attempt_at = now(), updated_at = now()
       WHERE event_id = $1 AND endpoint_id = $2 AND lease_owner = $3 AND status = 'pending'`,
      [key.eventId, key.endpointId, owner],
    );
  }

  /** One line of the dealer's delivery log. */
  async recordAttempt(key: DeliveryKey, attempt: { statusCode?: number; latencyMs: number; error?: string }): Promise<void> {
    await this.db.query(
      'INSERT INTO webhook_attempts (event_id, endpoint_id, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5)',
      [key.eventId, key.endpointId, attempt.statusCode ?? null, attempt.latencyMs, attempt.error ?? null],
    );
  }

  /**
   * Delivered (the endpoint answered 2xx): the truth whoever holds the lease
   * now, so it is never sent again. The endpoint is no longer failing.
   */
  async markDelivered(key: DeliveryKey): Promise<void> {
    await this.db.query(
      `WITH delivered AS (
         UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), lease_owner = NULL, lease_until = NULL,
                last_error = NULL, updated_at = now()
         WHERE event_id = $1 AND endpoint_id = $2 AND status = 'pending' RETURNING endpoint_id
       )
       UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $2 AND failing_since IS NOT NULL`,
      [key.eventId, key.endpointId],
    );
  }

  /** Since when the endpoint has been failing, this failure counted (set now on its first). */
  async noteFailure(endpointId: string): Promise<Date | undefined> {
    const [row] = await this.db.query<{ failing_since: Date }>(
      'UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now()) WHERE id = $1 RETURNING failing_since',
      [endpointId],
    );
    return row ? new Date(row.failing_since) : undefined;
  }

  /** Lets go of the delivery until `delayMs` from now; false when this process no longer holds it. */
  async scheduleRetry(key: DeliveryKey, owner: string, delayMs: number, error: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE webhook_deliveries
       SET next_attempt_at = now() + make_interval(secs => $4), last_error = $5, lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE event_id = $1 AND endpoint_id = $2 AND lease_owner = $3 AND status = 'pending' RETURNING event_id`,
      [key.eventId, key.endpointId, owner, seconds(delayMs), error],
    );
    return rows.length > 0;
  }

  /** Gives the delivery up for good. */
  async markFailed(key: DeliveryKey, owner: string, error: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = $4, lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE event_id = $1 AND endpoint_id = $2 AND lease_owner = $3 AND status = 'pending' RETURNING event_id`,
      [key.eventId, key.endpointId, owner, error],
    );
    return rows.length > 0;
  }

  /** Stops sending to an endpoint: it is disabled with its reason and its pending deliveries fail with it. */
  async disable(endpointId: string, reason: string): Promise<void> {
    await this.db.query(
      `WITH disabled AS (
         UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = $2 WHERE id = $1 AND status = 'enabled' RETURNING id
       )
       UPDATE webhook_deliveries SET status = 'failed', last_error = $2, lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE endpoint_id = $1 AND status = 'pending'`,
      [endpointId, reason],
    );
  }

  /** The endpoint's most recent tries, newest first. */
  async attempts(endpointId: string, limit: number): Promise<AttemptRecord[]> {
    const rows = await this.db.query<{
      event_id: string;
      type: WebhookEventType;
      attempted_at: Date;
      status_code: number | null;
      latency_ms: number;
      error: string | null;
      status: AttemptRecord['deliveryStatus'];
      next_attempt_at: Date;
    }>(
      `SELECT a.event_id, ev.type, a.attempted_at, a.status_code, a.latency_ms, a.error, d.status, d.next_attempt_at
       FROM webhook_attempts a
       JOIN webhook_events ev ON ev.id = a.event_id
       JOIN webhook_deliveries d ON d.event_id = a.event_id AND d.endpoint_id = a.endpoint_id
       WHERE a.endpoint_id = $1 ORDER BY a.seq DESC LIMIT $2`,
      [endpointId, limit],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      eventType: r.type,
      attemptedAt: new Date(r.attempted_at),
      ...(r.status_code === null ? {} : { statusCode: r.status_code }),
      latencyMs: r.latency_ms,
      ...(r.error === null ? {} : { error: r.error }),
      deliveryStatus: r.status,
      nextAttemptAt: new Date(r.next_attempt_at),
    }));
  }
}
