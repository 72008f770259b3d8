/**
 * Live quotes for the widget: create a quote request (answered at once, the
 * vendors work in the background), read its state so far, or stream each
 * carrier's quote as Server-Sent Events the moment any server process records it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { QuoteRequestAccepted, QuoteRequestBody, QuoteRequestState } from '../../contract/index.ts';
import { type AuthDeps, requireSession } from '../auth/middleware.ts';
import { requireProduct } from '../auth/require-product.ts';
import { notFound } from '../http/errors.ts';
import { requestHeader, setHeaders } from '../http/headers.ts';
import { createRouter, errors, json, jsonBody, SECURITY } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { requestLog } from '../ops/observe.ts';
import type { QuoteEventHub } from './events.ts';
import type { QuoteRunner } from './runner.ts';
import type { QuoteStore } from './store.ts';
import { streamQuoteEvents } from './stream.ts';

export type QuoteRoutesDeps = AuthDeps & {
  quotes: {
    store: QuoteStore;
    runner: QuoteRunner;
    hub: QuoteEventHub;
    deadlineMs: number;
    heartbeatMs: number;
    perSessionPerMinute: number;
  };
};

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'qr_4cW2m0E8Yw9cQ7b3n5q1sA' }),
});
const LastEventId = /^\d{1,9}$/;

const STREAM_DESCRIPTION = [
  "Server-Sent Events. `event: quote` carries a Quote each time a carrier's status changes (pending first, then complete, declined or error);",
  '`event: done` ends the stream once every vendor has answered or the deadline passed. Each event has an `id`: reconnect with',
  '`Last-Event-ID` to resume after it. A stream opened after the work finished replays every event and ends. Comments (`: keep-alive`)',
  'are sent while nothing happens. Send the session token as `Authorization: Bearer` (read the stream with fetch, not EventSource).',
].join(' ');

export function quoteRoutes(deps: QuoteRoutesDeps) {
  const { store, runner, hub, deadlineMs, heartbeatMs, perSessionPerMinute } = deps.quotes;
  const app = createRouter();
  const session = requireSession(deps);

  /** A request belongs to the session that made it: any other session is told it does not exist. */
  async function ownRequest(id: string, sessionId: string) {
    const request = await store.get(id);
    if (!request || request.sessionId !== sessionId) throw notFound('No such quote request');
    return request;
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/quote-requests',
      tags: ['Quotes'],
      summary: 'Ask every enabled vendor for quotes',
      description:
        'Validates the applicant, stores the request and answers at once with 202; every enabled vendor is asked concurrently. Follow it with GET /v1/quote-requests/{id}/stream (live) or GET /v1/quote-requests/{id} (snapshot).',
      security: SECURITY.session,
      middleware: [
        session,
        requireProduct('quote'),
        rateLimit({
          limit: perSessionPerMinute,
          key: (c) => c.get('session')?.id,
          message: 'Too many quote requests in this session; try again in a minute',
        }),
      ] as const,
      request: { body: jsonBody(QuoteRequestBody) },
      responses: { 202: json(QuoteRequestAccepted, 'Accepted: the vendors are being asked'), ...errors(400, 401, 403, 413, 429) },
    }),
    async (c) => {
      const current = c.get('session');
      const request = await store.create({
        sessionId: current.id,
        clientId: current.clientId,
        body: c.req.valid('json'),
        vendors: runner.vendors,
        deadlineAt: new Date(Date.now() + deadlineMs),
        owner: runner.owner,
        leaseMs: runner.leaseMs,
      });
      runner.start(request);
      setHeaders(c, { Location: `/v1/quote-requests/${request.id}` });
      return c.json(
        { id: request.id, status: 'pending' as const, vendors: runner.vendors.map((vendor) => ({ vendor, status: 'pending' as const })) },
        202,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/quote-requests/{id}',
      tags: ['Quotes'],
      summary: 'The quote request and every quote so far',
      security: SECURITY.session,
      middleware: [session] as const,
      request: { params: IdParam },
      responses: { 200: json(QuoteRequestState, 'State so far'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const request = await ownRequest(c.req.valid('param').id, c.get('session').id);
      const [runs, quotes] = await Promise.all([store.runs(request.id), store.quotes(request.id)]);
      return c.json(
        {
          id: request.id,
          status: request.status,
          vendors: runs.map(({ vendor, status, message }) => ({ vendor, status, ...(message ? { message } : {}) })),
          quotes,
          createdAt: request.createdAt.toISOString(),
          deadlineAt: request.deadlineAt.toISOString(),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/quote-requests/{id}/stream',
      tags: ['Quotes'],
      summary: 'Quotes as they arrive (Server-Sent Events)',
      description: STREAM_DESCRIPTION,
      security: SECURITY.session,
      middleware: [session] as const,
      request: {
        params: IdParam,
        headers: z.object({
          'last-event-id': z.string().regex(LastEventId, { error: 'Last-Event-ID must be an event id from this stream' }).optional(),
        }),
      },
      responses: {
        200: {
          description: 'An event stream: `quote` events (data: Quote), then one `done` event (data: { id, status, quoteCount })',
          content: { 'text/event-stream': { schema: z.string() } },
        },
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const request = await ownRequest(c.req.valid('param').id, c.get('session').id);
      const resumeAfter = Number(requestHeader(c, 'last-event-id') ?? 0);
      setHeaders(c, { 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
      const done = request.status === 'complete' ? await store.doneEvent(request.id) : undefined;
      const log = requestLog(c);
      return streamSSE(
        c,
        async (stream) => {
          await streamQuoteEvents(stream, {
            requestId: request.id,
            resumeAfter,
            store,
            hub,
            heartbeatMs,
            done,
            onSkipped: (n) => log?.error({ quoteRequestId: request.id, event: n }, 'stored quote event does not fit the contract; skipped'),
          });
        },
        async (error) => {
          log?.error({ err: error, quoteRequestId: request.id }, 'quote stream failed');
        },
      );
    },
  );

  return app;
}
