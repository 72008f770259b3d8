/**
 * Quote requests in the database: the request, each vendor's run (with the
 * lease that says which process works on it) and the ordered events the
 * shopper sees. Everything a process needs to answer a snapshot, a stream or
 * to take over another process's work is here, so any process can do any of it.
 */
import type { z } from 'zod';
import type { Quote, QuoteRequestAccepted, QuoteRequestBody, QuoteStreamEvents, QuoteVendor, VendorRun } from '../../contract/index.ts';
import { Coalesced } from '../db/batch.ts';
import { newId } from '../db/ids.ts';
import type { Database, Queryable } from '../db/index.ts';
import { rowContext, type Sealer } from '../security/sealer.ts';

/** NOTIFY channel: the payload is the quote request id that has new events. */
export const QUOTE_EVENTS_CHANNEL = 'coverkit_quote_events';

export type QuoteRequestRecord = {
  id: string;
  sessionId: string;
  clientId: string;
  body: QuoteRequestBody;
  status: QuoteRequestAccepted['status'];
  createdAt: Date;
  deadlineAt: Date;
};

/** A vendor's run as stored (how many carriers it asks comes from its source, not the database). */
export type VendorRunRecord = Omit<VendorRun, 'carriersAsked'> & {
  quoteRequestId: string;
  /** What the vendor's source saved to resume (e.g. CoverHound's transactionId). */
  state: Record<string, unknown>;
  attempts: number;
};

type DoneEvent = z.infer<typeof QuoteStreamEvents.done>;
/** `n` numbers a request's events 1, 2, 3… in commit order: the Server-Sent Events id. */
export type QuoteEvent = { n: number; kind: 'quote'; payload: Quote } | { n: number; kind: 'done'; payload: DoneEvent };

/** Told of every event this process records, so its own streams need not read them back. */
export type EventListener = (requestId: string, events: QuoteEvent[]) => void;

/** The NOTIFY payload: the request and the number of its newest event. */
export const notification = {
  write: (requestId: string, latest: number) => `${requestId} ${latest}`,
  read: (payload: string) => {
    const [requestId = '', latest = '0'] = payload.split(' ');
    return { requestId, latest: Number(latest) };
  },
};

/** Two processes numbered an event of the same request at once: the later one asks again. */
const NUMBER_TAKEN = 'quote_events_request_n';
const MAX_NUMBERING_TRIES = 5;

type RequestRow = {
  id: string;
  session_id: string;
  client_id: string;
  /** The applicant, sealed (security/sealer.ts) and bound to the request's id. */
  body: string;
  status: QuoteRequestAccepted['status'];
  created_at: Date;
  deadline_at: Date;
};
type RunRow = {
  quote_request_id: string;
  vendor: QuoteVendor;
  status: VendorRun['status'];
  message: string | null;
  state: Record<string, unknown>;
  attempts: number;
};
type EventRow = { n: number; kind: 'quote' | 'done'; payload: Quote | DoneEvent };

const sealedAt = (id: string) => rowContext('quote_requests', id);
/** The applicant is opened when first read: a stream, which never reads it, costs no decryption. */
const toRequest = (sealer: Sealer, row: RequestRow): QuoteRequestRecord => {
  let body: QuoteRequestBody | undefined;
  return {
    id: row.id,
    sessionId: row.session_id,
    clientId: row.client_id,
    get body() {
      body ??= sealer.open<QuoteRequestBody>(row.body, sealedAt(row.id));
      return body;
    },
    status: row.status,
    createdAt: new Date(row.created_at),
    deadlineAt: new Date(row.deadline_at),
  };
};
const toRun = (row: RunRow): VendorRunRecord => ({
  quoteRequestId: row.quote_request_id,
  vendor: row.vendor,
  status: row.status,
  ...(row.message ? { message: row.message } : {}),
  state: row.state,
  attempts: row.attempts,
});
/**
 * The CTEs that follow a `flipped` one (the request $2 just completed): its
 * `done`, numbered after its last event with the count of carriers quoted, and
 * the notice on channel $1.
 */
const DONE_ONCE_FLIPPED = `counted AS (
    SELECT coalesce(max(n), 0) AS n, count(DISTINCT quote_key) FILTER (WHERE kind = 'quote') AS quotes
    FROM quote_events WHERE quote_request_id = $2
  ), done AS (
    INSERT INTO quote_events (quote_request_id, n, kind, quote_key, status, payload)
    SELECT $2, counted.n + 1, 'done', 'done', 'complete', jsonb_build_object('id', $2::text, 'status', 'complete', 'quoteCount', counted.quotes)
    FROM flipped, counted RETURNING n, kind, payload
  ), woken AS (
    SELECT pg_notify($1, $2 || ' ' || max(n)) FROM done HAVING count(*) > 0
  )`;
const toEvent = (row: EventRow): QuoteEvent => ({ n: Number(row.n), kind: row.kind, payload: row.payload }) as QuoteEvent;

export class QuoteStore {
  /** Per request, the end of the last numbering write this process started (#inTurn). */
  readonly #turns = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly sealer: Sealer,
    private readonly onRecorded: EventListener = () => {},
  ) {}

  /**
   * Stores the request with a run per vendor, leased to `owner` who starts them
   * right away. One statement: on the embedded database each statement is the
   * unit of cost, and a burst of shoppers must not queue behind round trips.
   */
  async create(input: {
    sessionId: string;
    clientId: string;
    body: QuoteRequestBody;
    vendors: readonly QuoteVendor[];
    deadlineAt: Date;
    owner: string;
    leaseMs: number;
  }): Promise<QuoteRequestRecord> {
    const id = newId('qr');
    const [row] = await this.db.prepared<Pick<RequestRow, 'created_at'>>(
      'quote_create',
      `WITH request AS (
         INSERT INTO quote_requests (id, session_id, client_id, body, status, deadline_at) VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING *
       ), runs AS (
         INSERT INTO quote_vendor_runs (quote_request_id, vendor, status, attempts, lease_owner, lease_until)
         SELECT request.id, vendor, 'pending', 1, $7, now() + make_interval(secs => $8) FROM request, unnest($6::text[]) AS vendor
       )
       SELECT created_at FROM request`,
      [
        id,
        input.sessionId,
        input.clientId,
        this.sealer.seal(input.body, sealedAt(id)),
        input.deadlineAt,
        input.vendors,
        input.owner,
        input.leaseMs / 1000,
      ],
    );
    // What was just written, without opening the sealed body again.
    const { sessionId, clientId, body, deadlineAt } = input;
    return { id, sessionId, clientId, body, status: 'pending', createdAt: new Date(row!.created_at), deadlineAt };
  }

  async get(id: string): Promise<QuoteRequestRecord | undefined> {
    const [row] = await this.db.prepared<RequestRow>('quote_get', 'SELECT * FROM quote_requests WHERE id = $1', [id]);
    return row ? toRequest(this.sealer, row) : undefined;
  }

  async runs(id: string): Promise<VendorRunRecord[]> {
    const rows = await this.db.prepared<RunRow>(
      'quote_runs',
      'SELECT * FROM quote_vendor_runs WHERE quote_request_id = $1 ORDER BY vendor',
      [id],
    );
    return rows.map(toRun);
  }

  /** Each carrier's latest quote, in the order the carriers first appeared. */
  async quotes(id: string): Promise<Quote[]> {
    const events = await this.eventsSince(id, 0);
    const latest = new Map<string, Quote>();
    for (const event of events) if (event.kind === 'quote') latest.set(event.payload.id, event.payload);
    return [...latest.values()];
  }

  async eventsSince(id: string, afterN: number): Promise<QuoteEvent[]> {
    const rows = await this.db.prepared<EventRow>(
      'quote_events_since',
      'SELECT n, kind, payload FROM quote_events WHERE quote_request_id = $1 AND n > $2 ORDER BY n',
      [id, afterN],
    );
    return rows.map(toEvent);
  }

  /** The request's `done` event, once it is finished. */
  async doneEvent(id: string): Promise<QuoteEvent | undefined> {
    const [row] = await this.db.prepared<EventRow>(
      'quote_done_event',
      `SELECT n, kind, payload FROM quote_events WHERE quote_request_id = $1 AND kind = 'done'`,
      [id],
    );
    return row ? toEvent(row) : undefined;
  }

  /**
   * Records carriers' quotes in their new statuses, numbers them after the
   * request's last event and wakes every stream. A status already recorded for
   * a carrier is skipped, so work resumed after a crash cannot show the
   * shopper the same result twice. Returns the new events. The quotes of every
   * request recorded in the same turn of the event loop go in one statement
   * (#recorder): under load, one statement per turn instead of one per event.
   */
  recordQuotes(requestId: string, quotes: readonly Quote[]): Promise<QuoteEvent[]> {
    if (quotes.length === 0) return Promise.resolve([]);
    return this.#numbered(requestId, () => this.#recorder.run({ requestId, quotes }));
  }

  /**
   * One statement for the quotes of every request recorded in this turn (each
   * request at most once: its writes take turns). A lone request has a
   * statement of its own, about half the cost of the several-request one.
   */
  readonly #recorder = new Coalesced<{ requestId: string; quotes: readonly Quote[] }, EventRow[]>(async (calls) => {
    if (calls.length === 1) {
      const [{ requestId, quotes }] = calls as [{ requestId: string; quotes: readonly Quote[] }];
      return [
        await this.db.prepared<EventRow>(
          'quote_record',
          `WITH base AS (
             SELECT coalesce(max(n), 0) AS n FROM quote_events WHERE quote_request_id = $2
           ), fresh AS (
             -- A status already recorded (a run resumed after a crash) is left out before numbering: no gaps.
             SELECT q, row_number() OVER (ORDER BY i) AS i FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(q, i)
             WHERE NOT EXISTS (
               SELECT 1 FROM quote_events e WHERE e.quote_request_id = $2 AND e.quote_key = q->>'id' AND e.status = q->>'status')
           ), added AS (
             INSERT INTO quote_events (quote_request_id, n, kind, quote_key, status, payload)
             SELECT $2, base.n + fresh.i, 'quote', q->>'id', q->>'status', q FROM base, fresh
             ON CONFLICT (quote_request_id, quote_key, status) DO NOTHING
             RETURNING n, kind, payload
           ), woken AS (
             SELECT pg_notify($1, $2 || ' ' || max(n)) FROM added HAVING count(*) > 0
           )
           SELECT added.n, added.kind, added.payload FROM added LEFT JOIN woken ON true ORDER BY added.n`,
          [QUOTE_EVENTS_CHANNEL, requestId, JSON.stringify(quotes)],
        ),
      ];
    }
    const rows = await this.db.prepared<EventRow & { request_id: string }>(
      'quote_record_several',
      `WITH given AS (
         SELECT e->>'r' AS r, e->'q' AS q, i FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, i)
       ), fresh AS (
         -- A status already recorded (a run resumed after a crash) is left out before numbering: no gaps.
         SELECT r, q, row_number() OVER (PARTITION BY r ORDER BY i) AS i FROM given
         WHERE NOT EXISTS (
           SELECT 1 FROM quote_events e WHERE e.quote_request_id = given.r AND e.quote_key = q->>'id' AND e.status = q->>'status')
       ), base AS (
         SELECT r, (SELECT coalesce(max(n), 0) FROM quote_events WHERE quote_request_id = requests.r) AS n
         FROM (SELECT DISTINCT r FROM fresh) requests
       ), added AS (
         INSERT INTO quote_events (quote_request_id, n, kind, quote_key, status, payload)
         SELECT fresh.r, base.n + fresh.i, 'quote', q->>'id', q->>'status', q FROM fresh JOIN base USING (r)
         ON CONFLICT (quote_request_id, quote_key, status) DO NOTHING
         RETURNING quote_request_id, n, kind, payload
       ), woken AS (
         -- One notice per request; joined below by request, so no row is doubled and the planner cannot drop it.
         SELECT quote_request_id, pg_notify($1, quote_request_id || ' ' || max(n)) FROM added GROUP BY quote_request_id
       )
       SELECT added.quote_request_id AS request_id, added.n, added.kind, added.payload
       FROM added LEFT JOIN woken USING (quote_request_id) ORDER BY added.quote_request_id, added.n`,
      [QUOTE_EVENTS_CHANNEL, JSON.stringify(calls.flatMap(({ requestId, quotes }) => quotes.map((q) => ({ r: requestId, q }))))],
    );
    const byRequest = new Map<string, EventRow[]>();
    for (const { request_id, ...row } of rows) byRequest.set(request_id, [...(byRequest.get(request_id) ?? []), row]);
    return calls.map(({ requestId }) => byRequest.get(requestId) ?? []);
  });

  /**
   * Runs an event-numbering statement, so that numbers follow commit order and
   * a stream that has read number 7 can never later find a 6. The writers of
   * one request in this process take turns in memory (on the embedded database
   * that is all there is): one statement each, no transaction. A writer in
   * another process (one that took a run over) can still meet one of ours; the
   * unique number makes the later statement wait for the earlier one's commit
   * and fail, and it asks again, so a number is only ever taken after every
   * lower one was committed. `locked` writes (settling a run) also take the
   * request's advisory lock on PostgreSQL, so that of two processes settling a
   * request's last two runs at once the second sees the first's (completing
   * one takes it too).
   */
  #numbered(requestId: string, write: (db: Queryable) => Promise<EventRow[]>, { locked = false } = {}): Promise<QuoteEvent[]> {
    return this.#inTurn(requestId, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const rows =
            locked && this.db.driver === 'postgres'
              ? await this.db.transaction(async (tx) => {
                  await tx.prepared('quote_lock', 'SELECT pg_advisory_xact_lock(hashtext($1))', [requestId]);
                  return write(tx);
                })
              : await write(this.db);
          const events = rows.map(toEvent);
          if (events.length > 0) this.onRecorded(requestId, events);
          return events;
        } catch (error) {
          const constraint = (error as { constraint?: string }).constraint;
          if (constraint !== NUMBER_TAKEN || attempt >= MAX_NUMBERING_TRIES) throw error;
        }
      }
    });
  }

  /** Runs `work` after every earlier numbering write of the request in this process has ended. */
  #inTurn<T>(requestId: string, work: () => Promise<T>): Promise<T> {
    const mine = (this.#turns.get(requestId) ?? Promise.resolve()).then(work);
    const ended = mine.then(
      () => {},
      () => {},
    );
    this.#turns.set(requestId, ended);
    void ended.then(() => {
      if (this.#turns.get(requestId) === ended) this.#turns.delete(requestId);
    });
    return mine;
  }

  /** Each carrier's latest status, for a source resuming someone else's run. */
  async latestStatuses(requestId: string, vendor: QuoteVendor): Promise<Map<string, Quote>> {
    const quotes = await this.quotes(requestId);
    return new Map(quotes.filter((q) => q.vendor === vendor).map((q) => [q.id, q]));
  }

  /** Saves a run's resume state and renews its lease; false when another process holds the lease now. */
  async saveState(run: RunKey, owner: string, state: Record<string, unknown>, leaseMs: number): Promise<boolean> {
    const rows = await this.db.prepared(
      'quote_save_state',
      `UPDATE quote_vendor_runs SET state = $4, lease_until = now() + make_interval(secs => $5), updated_at = now()
       WHERE quote_request_id = $1 AND vendor = $2 AND lease_owner = $3 AND status = 'pending' RETURNING vendor`,
      [run.quoteRequestId, run.vendor, owner, JSON.stringify(state), leaseMs / 1000],
    );
    return rows.length > 0;
  }

  async renewLease(run: RunKey, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.prepared(
      'quote_renew_lease',
      `UPDATE quote_vendor_runs SET lease_until = now() + make_interval(secs => $4)
       WHERE quote_request_id = $1 AND vendor = $2 AND lease_owner = $3 AND status = 'pending' RETURNING vendor`,
      [run.quoteRequestId, run.vendor, owner, leaseMs / 1000],
    );
    return rows.length > 0;
  }

  /** Lets go of a lease at once (shutting down), so another process takes the run over without waiting. */
  async releaseLease(run: RunKey, owner: string): Promise<void> {
    await this.db.prepared(
      'quote_release_lease',
      `UPDATE quote_vendor_runs SET lease_until = now() WHERE quote_request_id = $1 AND vendor = $2 AND lease_owner = $3 AND status = 'pending'`,
      [run.quoteRequestId, run.vendor, owner],
    );
  }

  /**
   * Marks a run finished, if `owner` still holds its lease, and completes the
   * request with its `done` if that was its last pending run: one statement on
   * the embedded database, under the request's lock on PostgreSQL (so of two
   * processes settling a request's last two runs at once, the second sees the
   * first's and writes `done`). False when the run was finished already or
   * another process has taken it over.
   */
  async settleRun(run: RunKey, status: 'complete' | 'error', message: string | undefined, owner: string): Promise<boolean> {
    let settled = false;
    await this.#numbered(
      run.quoteRequestId,
      async (db) => {
        const rows = await db.prepared<{ vendor: string } & Partial<EventRow>>(
          'quote_settle_run',
          `WITH settled AS (
           UPDATE quote_vendor_runs SET status = $4, message = $5, lease_owner = NULL, lease_until = NULL, updated_at = now()
           WHERE quote_request_id = $2 AND vendor = $3 AND status = 'pending' AND lease_owner = $6 RETURNING vendor
         ), flipped AS (
           -- The statement does not see its own update: the run just settled is left out by name.
           UPDATE quote_requests SET status = 'complete', completed_at = now()
           WHERE id = $2 AND status = 'pending' AND EXISTS (SELECT 1 FROM settled)
             AND NOT EXISTS (SELECT 1 FROM quote_vendor_runs WHERE quote_request_id = $2 AND status = 'pending' AND vendor <> $3)
           RETURNING id
         ), ${DONE_ONCE_FLIPPED}
         SELECT settled.vendor, done.n, done.kind, done.payload FROM settled LEFT JOIN done ON true LEFT JOIN woken ON true`,
          [QUOTE_EVENTS_CHANNEL, run.quoteRequestId, run.vendor, status, message ?? null, owner],
        );
        settled = rows.length > 0;
        return rows.filter((row): row is EventRow & { vendor: string } => row.n !== null && row.n !== undefined);
      },
      { locked: true },
    );
    return settled;
  }

  /**
   * Completes the request once every run has finished, with one `done` event
   * (a process that died between settling its last run and completing the
   * request leaves it to this). Several processes may finish runs at once; the
   * conditional update lets exactly one of them write `done`. One statement, like recordQuotes.
   */
  async completeIfSettled(requestId: string): Promise<boolean> {
    const events = await this.#numbered(
      requestId,
      (db) =>
        db.prepared<EventRow>(
          'quote_complete',
          `WITH flipped AS (
           UPDATE quote_requests SET status = 'complete', completed_at = now()
           WHERE id = $2 AND status = 'pending'
             AND NOT EXISTS (SELECT 1 FROM quote_vendor_runs WHERE quote_request_id = $2 AND status = 'pending')
           RETURNING id
         ), ${DONE_ONCE_FLIPPED}
         SELECT done.n, done.kind, done.payload FROM done LEFT JOIN woken ON true`,
          [QUOTE_EVENTS_CHANNEL, requestId],
        ),
      { locked: true },
    );
    return events.length > 0;
  }

  /**
   * Takes over runs whose lease has lapsed (their process died or let go),
   * counting the attempt. SKIP LOCKED lets several processes sweep at once
   * without taking the same run.
   */
  async claimAbandoned(owner: string, leaseMs: number, limit = 20): Promise<(VendorRunRecord & { request: QuoteRequestRecord })[]> {
    const runs = await this.db.prepared<RunRow>(
      'quote_claim_abandoned',
      `UPDATE quote_vendor_runs r SET lease_owner = $1, lease_until = now() + make_interval(secs => $2), attempts = r.attempts + 1
       WHERE (r.quote_request_id, r.vendor) IN (
         SELECT quote_request_id, vendor FROM quote_vendor_runs
         WHERE status = 'pending' AND (lease_until IS NULL OR lease_until < now())
         ORDER BY lease_until NULLS FIRST LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING r.*`,
      [owner, leaseMs / 1000, limit],
    );
    const claimed = [];
    for (const row of runs) {
      const request = await this.get(row.quote_request_id);
      if (request) claimed.push({ ...toRun(row), request });
    }
    return claimed;
  }

  /** Requests still pending whose runs have all finished (a process died between the two writes). */
  async settledButPending(limit = 20): Promise<string[]> {
    const rows = await this.db.prepared<{ id: string }>(
      'quote_settled_but_pending',
      `SELECT q.id FROM quote_requests q WHERE q.status = 'pending'
         AND NOT EXISTS (SELECT 1 FROM quote_vendor_runs r WHERE r.quote_request_id = q.id AND r.status = 'pending')
       LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }
}

export type RunKey = { quoteRequestId: string; vendor: QuoteVendor };
