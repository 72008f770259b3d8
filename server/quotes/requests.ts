/**
 * Live quotes in the shopper's terms, for the routes: start a request for a
 * session, read one of the session's own requests, stream its events. How the
 * work is leased and run stays behind this.
 */
import type { SSEStreamingApi } from 'hono/streaming';
import { LRUCache } from 'lru-cache';
import type { QuoteRequestAccepted, QuoteRequestBody, QuoteRequestState, QuoteVendor } from '../../contract/index.ts';
import type { SessionRecord } from '../auth/sessions.ts';
import { notFound } from '../http/errors.ts';
import type { QuoteEventHub } from './events.ts';
import type { QuoteRunner } from './runner.ts';
import type { QuoteEvent, QuoteRequestRecord, QuoteStore } from './store.ts';
import { streamQuoteEvents } from './stream.ts';

export type QuoteRequestsDeps = {
  store: QuoteStore;
  runner: QuoteRunner;
  hub: QuoteEventHub;
  deadlineMs: number;
  heartbeatMs: number;
  /** How many carriers each enabled vendor asks for an applicant: known before any is called. */
  carriersAsked: (body: QuoteRequestBody) => ReadonlyMap<QuoteVendor, number>;
};

/** How long this process remembers that a session was replayed a finished request: a token's lifetime. */
const REPLAY_MEMORY_MS = 15 * 60_000;

export class QuoteRequests {
  /** `session request` pairs this process has replayed a finished request to, up to its `done`. */
  readonly #replayed = new LRUCache<string, true>({ max: 50_000, ttl: REPLAY_MEMORY_MS });

  constructor(private readonly deps: QuoteRequestsDeps) {}

  /** Stores the request and asks every enabled vendor at once; answers before any vendor has. */
  /** What the vendors still need of this applicant (`missing`) the route adds: it is theirs to say. */
  async start(session: SessionRecord, body: QuoteRequestBody): Promise<Omit<QuoteRequestAccepted, 'missing'>> {
    const { store, runner, deadlineMs } = this.deps;
    const request = await store.create({
      sessionId: session.id,
      clientId: session.clientId,
      body,
      vendors: runner.vendors,
      deadlineAt: new Date(Date.now() + deadlineMs),
      owner: runner.owner,
      leaseMs: runner.leaseMs,
    });
    runner.start(request);
    const asked = this.deps.carriersAsked(body);
    return {
      id: request.id,
      status: 'pending',
      vendors: runner.vendors.map((vendor) => ({ vendor, status: 'pending', carriersAsked: asked.get(vendor) ?? 0 })),
    };
  }

  /** A request belongs to the session that made it: any other session is told it does not exist. */
  async own(session: SessionRecord, id: string): Promise<QuoteRequestRecord> {
    const request = await this.deps.store.get(id);
    if (!request || request.sessionId !== session.id) throw notFound('No such quote request');
    return request;
  }

  async state(session: SessionRecord, id: string): Promise<QuoteRequestState> {
    const request = await this.own(session, id);
    const { store } = this.deps;
    const [runs, quotes] = await Promise.all([store.runs(request.id), store.quotes(request.id)]);
    const asked = this.deps.carriersAsked(request.body);
    return {
      id: request.id,
      status: request.status,
      vendors: runs.map(({ vendor, status, message }) => ({
        vendor,
        status,
        carriersAsked: asked.get(vendor) ?? 0,
        ...(message ? { message } : {}),
      })),
      quotes,
      createdAt: request.createdAt.toISOString(),
      deadlineAt: request.deadlineAt.toISOString(),
    };
  }

  /** The request's `done`, once it is finished. */
  async finished(request: QuoteRequestRecord) {
    return request.status === 'complete' ? await this.deps.store.doneEvent(request.id) : undefined;
  }

  /**
   * Whether a stream opened now would only repeat what this client has seen:
   * the request is finished and the client already has its `done` (its
   * Last-Event-ID is at or past it), or this session was already replayed the
   * finished request and asks again without a Last-Event-ID. The route answers
   * 204, which makes a standard EventSource stop reconnecting.
   */
  isOver(session: SessionRecord, request: QuoteRequestRecord, done: QuoteEvent | undefined, lastEventId: number | undefined): boolean {
    if (!done) return false;
    if (lastEventId !== undefined) return lastEventId >= done.n;
    return this.#replayed.has(`${session.id} ${request.id}`);
  }

  /** Writes the request's events after `resumeAfter` to `stream`, as they land, until `done` (`done`: the request was finished already). */
  async stream(
    stream: SSEStreamingApi,
    session: SessionRecord,
    request: QuoteRequestRecord,
    options: { resumeAfter: number; done?: QuoteEvent; onSkipped: (n: number) => void },
  ) {
    const { store, hub, heartbeatMs } = this.deps;
    await streamQuoteEvents(stream, {
      requestId: request.id,
      store,
      hub,
      heartbeatMs,
      resumeAfter: options.resumeAfter,
      onSkipped: options.onSkipped,
    });
    if (options.done && !stream.aborted) this.#replayed.set(`${session.id} ${request.id}`, true);
  }
}
