/**
 * Live quotes in the shopper's terms, for the routes: start a request for a
 * session, read one of the session's own requests, stream its events. How the
 * work is leased and run stays behind this.
 */
import type { SSEStreamingApi } from 'hono/streaming';
import type { QuoteRequestAccepted, QuoteRequestBody, QuoteRequestState, QuoteVendor } from '../../contract/index.ts';
import type { SessionRecord } from '../auth/sessions.ts';
import { notFound } from '../http/errors.ts';
import type { QuoteEventHub } from './events.ts';
import type { QuoteRunner } from './runner.ts';
import type { QuoteRequestRecord, QuoteStore } from './store.ts';
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

export class QuoteRequests {
  constructor(private readonly deps: QuoteRequestsDeps) {}

  /** Stores the request and asks every enabled vendor at once; answers before any vendor has. */
  async start(session: SessionRecord, body: QuoteRequestBody): Promise<QuoteRequestAccepted> {
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

  /** The request's `done`, once it is finished (a stream resuming at or past it gets only that). */
  async finished(request: QuoteRequestRecord) {
    return request.status === 'complete' ? await this.deps.store.doneEvent(request.id) : undefined;
  }

  /** Writes the request's events after `resumeAfter` to `stream`, as they land, until `done`. */
  stream(
    stream: SSEStreamingApi,
    request: QuoteRequestRecord,
    options: { resumeAfter: number; done?: Awaited<ReturnType<QuoteRequests['finished']>>; onSkipped: (n: number) => void },
  ) {
    const { store, hub, heartbeatMs } = this.deps;
    return streamQuoteEvents(stream, { requestId: request.id, store, hub, heartbeatMs, ...options });
  }
}
