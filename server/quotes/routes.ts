/**
 * Live quotes for the widget: create a quote request (answered at once, the
 * vendors work in the background), read its state so far, or stream each
 * carrier's quote as Server-Sent Events the moment any server process records it.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { QuoteRequestAccepted, QuoteRequestBody, QuoteRequestState, QuoteStreamEvents, resourceId } from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps, SessionEnv } from '../auth/middleware.ts';
import type { AppEnv } from '../http/env.ts';
import { setHeaders } from '../http/headers.ts';
import { createRouter, errors, HEADERS, json, jsonBody } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { requestLog } from '../ops/observe.ts';
import type { Requirements } from '../vendors/index.ts';
import type { QuoteRequests } from './requests.ts';

export type QuoteRoutesDeps = AuthDeps & {
  quotes: { requests: QuoteRequests; perSessionPerMinute: number };
  /** What each quoting vendor needs of an applicant: the 202 lists what this one lacks. */
  requirements: Pick<Requirements, 'missing'>;
};

const IdParam = z.object({
  id: resourceId('Quote request id', 'qr_4cW2m0E8Yw9cQ7b3n5q1sA').openapi({
    param: { name: 'id', in: 'path' },
    example: 'qr_4cW2m0E8Yw9cQ7b3n5q1sA',
  }),
});
const LastEventId = /^\d{1,9}$/;

/** One event of the stream as its `id:`, `event:` and `data:` lines carry it (`data` is JSON). */
const eventId = z.string().regex(LastEventId).meta({ description: 'Send it back as Last-Event-ID to resume after this event' });
const QuoteStreamEvent = z
  .discriminatedUnion('event', [
    z.object({ id: eventId, event: z.literal('quote'), data: QuoteStreamEvents.quote }).meta({ id: 'QuoteStreamQuoteEvent' }),
    z.object({ id: eventId, event: z.literal('done'), data: QuoteStreamEvents.done }).meta({ id: 'QuoteStreamDoneEvent' }),
  ])
  .meta({ id: 'QuoteStreamEvent' });

const STREAM_DESCRIPTION = [
  "Server-Sent Events. `event: quote` carries a Quote each time a carrier's status changes (pending first, then complete, declined or error);",
  '`event: done` ends the stream once every vendor has answered or the deadline passed. Each event has an `id`: reconnect with',
  '`Last-Event-ID` to resume after it. A stream opened after the work finished replays every event and ends. Once a client has had',
  '`done`, reconnecting answers **204 No Content** (its Last-Event-ID is at or past `done`, or it sends none and this session was',
  'already replayed the finished request), which makes every standard EventSource client stop reconnecting. Comments (`: keep-alive`)',
  'are sent while nothing happens. Send the session token as `Authorization: Bearer` (in a browser, read the stream with fetch:',
  "the browser's EventSource cannot send it).",
].join(' ');

/** Mounted at /v1/quote-requests. */
export function quoteRoutes(deps: QuoteRoutesDeps) {
  const { requests, perSessionPerMinute } = deps.quotes;
  const auth = guards(deps);
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createQuoteRequest',
      tags: ['Quotes'],
      summary: 'Ask every enabled vendor for quotes',
      description:
        'Validates the applicant, stores the request and answers at once with 202; every enabled vendor is asked concurrently. Follow it with GET /v1/quote-requests/{id}/stream (live) or GET /v1/quote-requests/{id} (snapshot). The 202 lists under `missing` each vendor that lacks answers it needs for this applicant (GET /v1/quote-requirements has their rules), with the paths to answer: that vendor’s carriers will answer `needs_information`, so ask again with them answered.',
      ...auth.session(
        'quote',
        rateLimit<AppEnv & SessionEnv>({
          counters: deps.limitCounters,
          name: 'quote-requests-per-session',
          limit: perSessionPerMinute,
          key: (c) => c.get('session').id,
          message: 'Too many quote requests in this session; try again in a minute',
        }),
      ),
      request: { body: jsonBody(QuoteRequestBody) },
      responses: {
        202: json(
          QuoteRequestAccepted,
          'Accepted: the vendors are being asked',
          z.object({ Location: HEADERS.location('/v1/quote-requests/qr_4cW2m0E8Yw9cQ7b3n5q1sA') }),
        ),
        ...errors(400, 401, 403, 413, 429),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const accepted = await requests.start(c.get('session'), body);
      setHeaders(c, { Location: `/v1/quote-requests/${accepted.id}` });
      return c.json({ ...accepted, missing: deps.requirements.missing(body) }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getQuoteRequest',
      tags: ['Quotes'],
      summary: 'The quote request and every quote so far',
      ...auth.session('quote'),
      request: { params: IdParam },
      responses: { 200: json(QuoteRequestState, 'State so far'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await requests.state(c.get('session'), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/stream',
      operationId: 'streamQuoteRequest',
      tags: ['Quotes'],
      summary: 'Quotes as they arrive (Server-Sent Events)',
      description: STREAM_DESCRIPTION,
      ...auth.session('quote'),
      request: {
        params: IdParam,
        headers: z.object({
          'last-event-id': z.string().regex(LastEventId, { error: 'Last-Event-ID must be an event id from this stream' }).optional(),
        }),
      },
      responses: {
        200: {
          description:
            'An event stream: `quote` events (data: a Quote), then one `done` event (data: QuoteStreamDone). Its schema is the sequence of its events, each a QuoteStreamEvent: on the wire, `id:`, `event:` and `data:` lines (data as JSON) and a blank line.',
          headers: z.object({ 'Cache-Control': z.literal('no-cache, no-transform') }),
          content: { 'text/event-stream': { schema: z.array(QuoteStreamEvent) } },
        },
        204: { description: 'The request is finished and this client has had its `done`: nothing more will come, so stop reconnecting' },
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const session = c.get('session');
      const request = await requests.own(session, c.req.valid('param').id);
      const lastEventId = c.req.valid('header')['last-event-id'];
      const done = await requests.finished(request);
      setHeaders(c, { 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
      // Nothing left to send this client: 204 is what makes a standard EventSource stop reconnecting.
      if (requests.isOver(session, request, done, lastEventId === undefined ? undefined : Number(lastEventId))) return c.body(null, 204);
      const log = requestLog(c);
      return streamSSE(
        c,
        (stream) =>
          requests.stream(stream, session, request, {
            resumeAfter: Number(lastEventId ?? 0),
            done,
            onSkipped: (n) => log?.error({ quoteRequestId: request.id, event: n }, 'stored quote event does not fit the contract; skipped'),
          }),
        async (error) => {
          log?.error({ err: error, quoteRequestId: request.id }, 'quote stream failed');
        },
      );
    },
  );

  return app;
}
