/**
 * Submissions and their delivery outbox in the database. The submission, its
 * idempotency key and one outbox row per delivery target are written by one
 * statement (one transaction), so a submission is never stored without its
 * deliveries nor a delivery without its submission. Every later change is one
 * conditional statement too: a row is worked on only by the process holding
 * its lease, and a row whose lease lapsed is taken over by another.
 */
import type { ConsentRecord, DELIVERY_STATUSES, DELIVERY_TARGETS, Quote, SubmissionBody } from '../../contract/index.ts';
import { DatabaseError } from '../db/errors.ts';
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';
import { rowContext, type Sealer } from '../security/sealer.ts';
import { newReference } from './reference.ts';

export type DeliveryTarget = (typeof DELIVERY_TARGETS)[number];
type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type SubmissionRecord = {
  id: string;
  /** Short, to read out on the phone (reference.ts). */
  reference: string;
  clientId: string;
  sessionId: string;
  externalRef?: string;
  body: SubmissionBody;
  selectedQuote?: Quote;
  /** Every quote of the request the shopper chose from, as it stood. */
  quotes?: Quote[];
  /** How the shopper agreed to be contacted (absent on submissions stored before it was recorded). */
  consent?: ConsentRecord;
  createdAt: Date;
};

export type DeliveryRecord = {
  submissionId: string;
  target: DeliveryTarget;
  status: DeliveryStatus;
  /** Tries started, rate-limited ones included. */
  attempts: number;
  /** Tries the vendor refused for its rate limit (they do not count towards giving up). */
  rateLimited: number;
  nextAttemptAt: Date;
  lastError?: string;
  /** Progress kept across tries, and what the vendor gave back (AutoComplete's flow URL, AgencyZoom's lead id). */
  state: Record<string, unknown>;
  deliveredAt?: Date;
};

export type DeliveryKey = Pick<DeliveryRecord, 'submissionId' | 'target'>;

/** An outbox row a process holds the lease of, with the submission it delivers. */
export type DeliveryJob = DeliveryRecord & { submission: SubmissionRecord };

export type StoredKey = {
  submissionId: string;
  requestHash: string;
  /** The answer as first given; absent while the first request is still answering (or died before). */
  response?: { status: number; body: unknown };
};

/** The shopper's answers, the quotes and the consent are sealed (security/sealer.ts), bound to the submission's id. */
type SubmissionRow = {
  id: string;
  reference: string;
  client_id: string;
  session_id: string;
  external_ref: string | null;
  body: string;
  selected_quote: string | null;
  quotes: string | null;
  consent: string | null;
  created_at: Date;
};
type DeliveryRow = {
  submission_id: string;
  target: DeliveryTarget;
  status: DeliveryStatus;
  attempts: number;
  rate_limited: number;
  next_attempt_at: Date;
  last_error: string | null;
  state: Record<string, unknown>;
  delivered_at: Date | null;
};
type KeyRow = { submission_id: string; request_hash: string; response_status: number | null; response_body: unknown };

/** What a submission's sealed columns are bound to. */
const sealedAt = (id: string) => rowContext('submissions', id);

function toSubmission(sealer: Sealer, row: SubmissionRow): SubmissionRecord {
  const at = sealedAt(row.id);
  return {
    id: row.id,
    reference: row.reference,
    clientId: row.client_id,
    sessionId: row.session_id,
    ...(row.external_ref === null ? {} : { externalRef: row.external_ref }),
    body: sealer.open<SubmissionBody>(row.body, at),
    ...(row.selected_quote === null ? {} : { selectedQuote: sealer.open<Quote>(row.selected_quote, at) }),
    ...(row.quotes === null ? {} : { quotes: sealer.open<Quote[]>(row.quotes, at) }),
    ...(row.consent === null ? {} : { consent: sealer.open<ConsentRecord>(row.consent, at) }),
    createdAt: new Date(row.created_at),
  };
}

const toDelivery = (row: DeliveryRow): DeliveryRecord => ({
  submissionId: row.submission_id,
  target: row.target,
  status: row.status,
  attempts: row.attempts,
  rateLimited: row.rate_limited,
  nextAttemptAt: new Date(row.next_attempt_at),
  ...(row.last_error === null ? {} : { lastError: row.last_error }),
  state: row.state ?? {},
  ...(row.delivered_at === null ? {} : { deliveredAt: new Date(row.delivered_at) }),
});

const seconds = (ms: number) => ms / 1000;

export class SubmissionStore {
  constructor(
    private readonly db: Database,
    private readonly sealer: Sealer,
  ) {}

  /**
   * Stores the submission, its idempotency key and a pending delivery per
   * target, leased to `owner` (which starts them at once), in one statement.
   * Answers undefined when the session already used this key: nothing is
   * written, and the caller reads the stored key instead.
   */
  async create(input: {
    sessionId: string;
    clientId: string;
    externalRef?: string;
    body: SubmissionBody;
    selectedQuote?: Quote;
    quotes?: Quote[];
    consent?: ConsentRecord;
    idempotencyKey: string;
    requestHash: string;
    targets: readonly DeliveryTarget[];
    owner: string;
    leaseMs: number;
  }): Promise<{ submission: SubmissionRecord; deliveries: DeliveryRecord[] } | undefined> {
    const rows = await this.#insert(input).catch((error: unknown) => {
      // 40 random bits: another submission holding the same reference is rare, and a new one settles it.
      if (error instanceof DatabaseError && error.constraint === 'submissions_reference_key') return this.#insert(input);
      throw error;
    });
    const row = rows[0];
    if (!row) return undefined;
    const submission = toSubmission(this.sealer, row);
    const deliveries = input.targets.map(
      (target): DeliveryRecord => ({
        submissionId: submission.id,
        target,
        status: 'pending',
        attempts: 0,
        rateLimited: 0,
        nextAttemptAt: submission.createdAt,
        state: {},
      }),
    );
    return { submission, deliveries };
  }

  #insert(input: Parameters<SubmissionStore['create']>[0]): Promise<SubmissionRow[]> {
    const id = newId('sub');
    const at = sealedAt(id);
    return this.db.query<SubmissionRow>(
      `WITH key AS (
         INSERT INTO submission_idempotency_keys (session_id, idempotency_key, client_id, request_hash, submission_id)
         VALUES ($2, $7, $3, $8, $1)
         ON CONFLICT (session_id, idempotency_key) DO NOTHING RETURNING submission_id
       ), submission AS (
         INSERT INTO submissions (id, client_id, session_id, external_ref, body, selected_quote, quotes, consent, reference)
         SELECT key.submission_id, $3, $2, $4, $5, $6, $12, $13, $14 FROM key RETURNING *
       ), deliveries AS (
         INSERT INTO submission_deliveries (submission_id, target, status, lease_owner, lease_until)
         SELECT submission.id, target, 'pending', $10, now() + make_interval(secs => $11)
         FROM submission, unnest($9::text[]) AS target
       )
       SELECT * FROM submission`,
      [
        id,
        input.sessionId,
        input.clientId,
        input.externalRef ?? null,
        this.sealer.seal(input.body, at),
        this.sealer.sealOptional(input.selectedQuote, at),
        input.idempotencyKey,
        input.requestHash,
        input.targets,
        input.owner,
        seconds(input.leaseMs),
        this.sealer.sealOptional(input.quotes, at),
        this.sealer.sealOptional(input.consent, at),
        newReference(),
      ],
    );
  }

  async findKey(sessionId: string, idempotencyKey: string): Promise<StoredKey | undefined> {
    const [row] = await this.db.query<KeyRow>(
      'SELECT submission_id, request_hash, response_status, response_body FROM submission_idempotency_keys WHERE session_id = $1 AND idempotency_key = $2',
      [sessionId, idempotencyKey],
    );
    if (!row) return undefined;
    return {
      submissionId: row.submission_id,
      requestHash: row.request_hash,
      ...(row.response_status === null ? {} : { response: { status: row.response_status, body: row.response_body } }),
    };
  }

  /** Records the answer given to a key's first request, so every retry gets the same one. */
  async saveResponse(sessionId: string, idempotencyKey: string, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE submission_idempotency_keys SET response_status = $3, response_body = $4
       WHERE session_id = $1 AND idempotency_key = $2 AND response_status IS NULL`,
      [sessionId, idempotencyKey, status, JSON.stringify(body)],
    );
  }

  /** A dealer's submission by the reference its shopper reads out. */
  async findByReference(clientId: string, reference: string): Promise<SubmissionRecord | undefined> {
    const [row] = await this.db.query<SubmissionRow>('SELECT * FROM submissions WHERE reference = $1 AND client_id = $2', [
      reference,
      clientId,
    ]);
    return row ? toSubmission(this.sealer, row) : undefined;
  }

  /** A submission of this session, by id: only what identifies it (nothing is unsealed). */
  async findForSession(sessionId: string, id: string): Promise<Pick<SubmissionRecord, 'id' | 'reference'> | undefined> {
    const [row] = await this.db.query<Pick<SubmissionRow, 'id' | 'reference'>>(
      'SELECT id, reference FROM submissions WHERE id = $1 AND session_id = $2',
      [id, sessionId],
    );
    return row;
  }

  async get(id: string): Promise<SubmissionRecord | undefined> {
    const [row] = await this.db.query<SubmissionRow>('SELECT * FROM submissions WHERE id = $1', [id]);
    return row ? toSubmission(this.sealer, row) : undefined;
  }

  /** Each submission's deliveries, in target order. */
  async deliveries(submissionIds: readonly string[]): Promise<Map<string, DeliveryRecord[]>> {
    const byId = new Map<string, DeliveryRecord[]>(submissionIds.map((id) => [id, []]));
    if (submissionIds.length === 0) return byId;
    const rows = await this.db.query<DeliveryRow>(
      'SELECT * FROM submission_deliveries WHERE submission_id = ANY($1::text[]) ORDER BY submission_id, target',
      [submissionIds],
    );
    for (const row of rows) byId.get(row.submission_id)?.push(toDelivery(row));
    return byId;
  }

  /**
   * A dealer's submissions made after `since`, oldest first. A page ends on a
   * whole millisecond (it may hold a few more than `limit` when several share
   * the last one), and only submissions older than `settleMs` are listed, so a
   * statement still committing cannot land behind a `since` already handed
   * out: passing the last createdAt back as `since` never skips or repeats one.
   */
  async listForDealer(
    clientId: string,
    options: { since: Date; limit: number; settleMs: number },
  ): Promise<{ submissions: SubmissionRecord[]; hasMore: boolean }> {
    const rows = await this.db.query<SubmissionRow & { has_more: boolean }>(
      `WITH visible AS (
         SELECT * FROM submissions
         WHERE client_id = $1 AND created_at > $2 AND created_at <= now() - make_interval(secs => $4)
       ), page_end AS (
         SELECT created_at FROM visible ORDER BY created_at LIMIT 1 OFFSET ($3::int - 1)
       )
       SELECT v.*, EXISTS (SELECT 1 FROM visible, page_end WHERE visible.created_at > page_end.created_at) AS has_more
       FROM visible v
       WHERE NOT EXISTS (SELECT 1 FROM page_end) OR v.created_at <= (SELECT created_at FROM page_end)
       ORDER BY v.created_at, v.id`,
      [clientId, options.since, options.limit, seconds(options.settleMs)],
    );
    return { submissions: rows.map((row) => toSubmission(this.sealer, row)), hasMore: rows[0]?.has_more ?? false };
  }

  /** Starts a try of a row this process leased when it created it; undefined when the lease is gone. */
  async beginAttempt(key: DeliveryKey, owner: string, leaseMs: number): Promise<DeliveryRecord | undefined> {
    const [row] = await this.db.query<DeliveryRow>(
      `UPDATE submission_deliveries SET attempts = attempts + 1, lease_until = now() + make_interval(secs => $4), updated_at = now()
       WHERE submission_id = $1 AND target = $2 AND lease_owner = $3 AND status = 'pending' RETURNING *`,
      [key.submissionId, key.target, owner, seconds(leaseMs)],
    );
    return row ? toDelivery(row) : undefined;
  }

  /**
   * Leases rows that are due and not leased (never started, waiting for a
   * retry, or abandoned by a process that died) and counts the try. SKIP
   * LOCKED lets several processes claim at once without taking the same row.
   */
  async claimDue(owner: string, leaseMs: number, limit: number, skipTargets: readonly DeliveryTarget[] = []): Promise<DeliveryJob[]> {
    if (limit <= 0) return [];
    const rows = await this.db.query<DeliveryRow & { submission: SubmissionRow }>(
      `WITH claimed AS (
         UPDATE submission_deliveries d
         SET lease_owner = $1, lease_until = now() + make_interval(secs => $2), attempts = d.attempts + 1, updated_at = now()
         WHERE (d.submission_id, d.target) IN (
           SELECT submission_id, target FROM submission_deliveries
           WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
             AND NOT (target = ANY($4::text[]))
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING d.*
       )
       SELECT claimed.*, row_to_json(s) AS submission FROM claimed JOIN submissions s ON s.id = claimed.submission_id`,
      [owner, seconds(leaseMs), limit, skipTargets],
    );
    return rows.map((row) => ({ ...toDelivery(row), submission: toSubmission(this.sealer, row.submission) }));
  }

  async renewLease(key: DeliveryKey, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE submission_deliveries SET lease_until = now() + make_interval(secs => $4)
       WHERE submission_id = $1 AND target = $2 AND lease_owner = $3 AND status = 'pending' RETURNING target`,
      [key.submissionId, key.target, owner, seconds(leaseMs)],
    );
    return rows.length > 0;
  }

  /**
   * Merges progress into the row's state. Written whoever holds the lease:
   * a fact like "AgencyZoom lead 1001 exists" must never be lost, or a retry
   * would make a second lead.
   */
  async saveState(key: DeliveryKey, state: Record<string, unknown>): Promise<void> {
    await this.db.query(
      `UPDATE submission_deliveries SET state = state || $3::jsonb, updated_at = now()
       WHERE submission_id = $1 AND target = $2 AND status = 'pending'`,
      [key.submissionId, key.target, JSON.stringify(state)],
    );
  }

  /** Delivered: true is the truth whoever holds the lease now. False when it was settled already. */
  async markDelivered(key: DeliveryKey, state: Record<string, unknown>): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE submission_deliveries
       SET status = 'delivered', state = state || $3::jsonb, delivered_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE submission_id = $1 AND target = $2 AND status = 'pending' RETURNING target`,
      [key.submissionId, key.target, JSON.stringify(state)],
    );
    return rows.length > 0;
  }

  /** Lets go of the row until `delayMs` from now, recording why; false when this process no longer holds it. */
  async scheduleRetry(key: DeliveryKey, owner: string, retry: { delayMs: number; error: string; rateLimited: boolean }): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE submission_deliveries
       SET next_attempt_at = now() + make_interval(secs => $4), last_error = $5, rate_limited = rate_limited + $6,
           lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE submission_id = $1 AND target = $2 AND lease_owner = $3 AND status = 'pending' RETURNING target`,
      [key.submissionId, key.target, owner, seconds(retry.delayMs), retry.error, retry.rateLimited ? 1 : 0],
    );
    return rows.length > 0;
  }

  /** Gives the row up for good; it stays visible to the dealer with its reason. */
  async markFailed(key: DeliveryKey, owner: string, error: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE submission_deliveries SET status = 'failed', last_error = $4, lease_owner = NULL, lease_until = NULL, updated_at = now()
       WHERE submission_id = $1 AND target = $2 AND lease_owner = $3 AND status = 'pending' RETURNING target`,
      [key.submissionId, key.target, owner, error],
    );
    return rows.length > 0;
  }

  /** Hands a row this process has not started back, due `delayMs` from now (a paused target, shutting down). */
  async release(key: DeliveryKey, owner: string, delayMs = 0): Promise<void> {
    await this.db.query(
      `UPDATE submission_deliveries SET lease_owner = NULL, lease_until = NULL, next_attempt_at = now() + make_interval(secs => $4), updated_at = now()
       WHERE submission_id = $1 AND target = $2 AND lease_owner = $3 AND status = 'pending'`,
      [key.submissionId, key.target, owner, seconds(delayMs)],
    );
  }
}
