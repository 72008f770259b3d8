/**
 * Where events come from: facts already in the database, read back. Each poll
 * of the webhook runner looks for facts of the last `windowMs` about dealers
 * with an enabled endpoint (a submission stored, every target delivered, a
 * target failed for good, a quote request finished, a connection's policies
 * first read) that have no event yet,
 * and records one for each. Nothing has to remember to emit an event when it
 * changes state, and a process that dies just after a change loses nothing:
 * whichever process polls next records the event, once (its dedupe key).
 * Only ids, states and the dealer's externalRef go into an event, never the
 * shopper's answers.
 */
import type { LinkMode, WebhookEvent, WebhookEventType } from '../../contract/index.ts';
import type { Database } from '../db/index.ts';
import type { SubmissionStore } from '../submissions/store.ts';
import { deliveryView, flowUrl } from '../submissions/views.ts';
import type { NewEvent } from './store.ts';

type Fact = { id: string; client_id: string; session_id: string; external_ref: string | null; occurred_at: Date };

/** The dealers listening, and since when (an endpoint hears of what happens after it was made). */
const LISTENERS = `listeners AS (
  SELECT client_id, greatest(min(created_at), now() - make_interval(secs => $1)) AS since
  FROM webhook_endpoints WHERE status = 'enabled' GROUP BY client_id
)`;
const noEvent = (key: string) => `NOT EXISTS (SELECT 1 FROM webhook_events ev WHERE ev.dedupe_key = ${key})`;

export function eventBody<T extends WebhookEventType>(type: T, occurredAt: Date, data: WebhookEvent<T>['data']): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}

export class EventCatchUp {
  constructor(
    private readonly db: Database,
    private readonly submissions: Pick<SubmissionStore, 'deliveries'>,
    private readonly windowMs: number,
    /** The server's mode: which stored shopping links an event may carry (contract/links.ts). */
    private readonly links: LinkMode,
    /** Facts read per kind per poll at most; the rest come on the next polls. */
    private readonly batch = 200,
  ) {}

  /** Every fact of the window that has no event yet, as events to record. */
  async pending(): Promise<NewEvent[]> {
    const [created, delivered, failed, quotes, connections] = await Promise.all([
      this.#submissionsCreated(),
      this.#submissionsDelivered(),
      this.#deliveriesFailed(),
      this.#quoteRequestsCompleted(),
      this.#connectionsReady(),
    ]);
    return [...created, ...delivered, ...failed, ...quotes, ...connections];
  }

  get #window() {
    return this.windowMs / 1000;
  }

  async #submissionsCreated(): Promise<NewEvent[]> {
    const rows = await this.db.query<Fact>(
      `WITH ${LISTENERS}
       SELECT s.id, s.client_id, s.session_id, s.external_ref, s.created_at AS occurred_at
       FROM listeners l JOIN submissions s ON s.client_id = l.client_id AND s.created_at >= l.since
       WHERE ${noEvent("'submission.created:' || s.id")}
       ORDER BY s.created_at LIMIT $2`,
      [this.#window, this.batch],
    );
    return rows.map((r) => {
      const occurredAt = new Date(r.occurred_at);
      return {
        clientId: r.client_id,
        type: 'submission.created',
        dedupeKey: `submission.created:${r.id}`,
        occurredAt,
        body: eventBody('submission.created', occurredAt, { submissionId: r.id, sessionId: r.session_id, externalRef: r.external_ref }),
      };
    });
  }

  async #submissionsDelivered(): Promise<NewEvent[]> {
    const rows = await this.db.query<Fact>(
      `WITH ${LISTENERS}
       SELECT s.id, s.client_id, s.session_id, s.external_ref, max(d.delivered_at) AS occurred_at
       FROM listeners l
       JOIN submissions s ON s.client_id = l.client_id AND s.created_at >= now() - make_interval(secs => $1)
       JOIN submission_deliveries d ON d.submission_id = s.id
       WHERE ${noEvent("'submission.delivered:' || s.id")}
       GROUP BY s.id, s.client_id, s.session_id, s.external_ref, l.since
       HAVING bool_and(d.status = 'delivered') AND max(d.delivered_at) >= l.since
       ORDER BY max(d.delivered_at) LIMIT $2`,
      [this.#window, this.batch],
    );
    if (rows.length === 0) return [];
    const deliveries = await this.submissions.deliveries(rows.map((r) => r.id));
    return rows.map((r) => {
      const occurredAt = new Date(r.occurred_at);
      const rowsOf = deliveries.get(r.id) ?? [];
      const url = flowUrl(rowsOf, this.links);
      return {
        clientId: r.client_id,
        type: 'submission.delivered',
        dedupeKey: `submission.delivered:${r.id}`,
        occurredAt,
        body: eventBody('submission.delivered', occurredAt, {
          submissionId: r.id,
          sessionId: r.session_id,
          externalRef: r.external_ref,
          status: 'delivered',
          ...(url ? { flowUrl: url } : {}),
          deliveries: rowsOf.map(deliveryView),
        }),
      };
    });
  }

  async #deliveriesFailed(): Promise<NewEvent[]> {
    const rows = await this.db.query<Fact & { target: 'autocomplete' | 'agencyzoom'; attempts: number; last_error: string | null }>(
      `WITH ${LISTENERS}
       SELECT s.id, s.client_id, s.session_id, s.external_ref, d.updated_at AS occurred_at, d.target, d.attempts, d.last_error
       FROM listeners l
       JOIN submissions s ON s.client_id = l.client_id AND s.created_at >= now() - make_interval(secs => $1)
       JOIN submission_deliveries d ON d.submission_id = s.id AND d.status = 'failed' AND d.updated_at >= l.since
       WHERE ${noEvent("'submission.delivery_failed:' || s.id || ':' || d.target")}
       ORDER BY d.updated_at LIMIT $2`,
      [this.#window, this.batch],
    );
    return rows.map((r) => {
      const occurredAt = new Date(r.occurred_at);
      return {
        clientId: r.client_id,
        type: 'submission.delivery_failed',
        dedupeKey: `submission.delivery_failed:${r.id}:${r.target}`,
        occurredAt,
        body: eventBody('submission.delivery_failed', occurredAt, {
          submissionId: r.id,
          sessionId: r.session_id,
          externalRef: r.external_ref,
          target: r.target,
          status: 'failed',
          attempts: r.attempts,
          // Written for the dealer already: plain words, never personal data (submissions/failures.ts).
          reason: r.last_error ?? 'The delivery failed',
        }),
      };
    });
  }

  async #quoteRequestsCompleted(): Promise<NewEvent[]> {
    const rows = await this.db.query<Fact & { quote_count: number | null; lowest: number | null }>(
      `WITH ${LISTENERS}
       SELECT q.id, q.client_id, q.session_id, ss.external_ref, q.completed_at AS occurred_at,
              (SELECT (payload->>'quoteCount')::int FROM quote_events WHERE quote_request_id = q.id AND kind = 'done' LIMIT 1) AS quote_count,
              (SELECT min((payload->'price'->>'totalCents')::bigint) FROM quote_events
                WHERE quote_request_id = q.id AND kind = 'quote' AND status = 'complete') AS lowest
       FROM listeners l
       JOIN quote_requests q ON q.client_id = l.client_id AND q.status = 'complete' AND q.completed_at >= l.since
       LEFT JOIN sessions ss ON ss.id = q.session_id
       WHERE ${noEvent("'quote_request.completed:' || q.id")}
       ORDER BY q.completed_at LIMIT $2`,
      [this.#window, this.batch],
    );
    return rows.map((r) => {
      const occurredAt = new Date(r.occurred_at);
      return {
        clientId: r.client_id,
        type: 'quote_request.completed',
        dedupeKey: `quote_request.completed:${r.id}`,
        occurredAt,
        body: eventBody('quote_request.completed', occurredAt, {
          quoteRequestId: r.id,
          sessionId: r.session_id,
          externalRef: r.external_ref,
          status: 'complete',
          quoteCount: r.quote_count ?? 0,
          lowestTotalCents: r.lowest === null ? null : Number(r.lowest),
        }),
      };
    });
  }

  /** A connection whose policies were first read (policies/store.ts markReady sets ready_at once). */
  async #connectionsReady(): Promise<NewEvent[]> {
    const rows = await this.db.query<Fact & { issuer_id: string | null; policy_count: number | null }>(
      `WITH ${LISTENERS}
       SELECT c.id, c.client_id, c.session_id, ss.external_ref, c.ready_at AS occurred_at, c.issuer_id, c.policy_count
       FROM listeners l
       JOIN connections c ON c.client_id = l.client_id AND c.ready_at >= l.since
       LEFT JOIN sessions ss ON ss.id = c.session_id
       WHERE ${noEvent("'connection.ready:' || c.id")}
       ORDER BY c.ready_at LIMIT $2`,
      [this.#window, this.batch],
    );
    return rows.map((r) => {
      const occurredAt = new Date(r.occurred_at);
      return {
        clientId: r.client_id,
        type: 'connection.ready',
        dedupeKey: `connection.ready:${r.id}`,
        occurredAt,
        body: eventBody('connection.ready', occurredAt, {
          connectionId: r.id,
          sessionId: r.session_id,
          externalRef: r.external_ref,
          issuerId: r.issuer_id,
          policyCount: r.policy_count ?? 0,
        }),
      };
    });
  }
}
