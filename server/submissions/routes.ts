/**
 * Submissions over HTTP, two routers mounted at /v1/submissions: the widget
 * submits the shopper's final answer (session token, Idempotency-Key), and the
 * dealer's backend reads its own submissions back with their delivery state
 * (secret key); and at /v1/session/submissions the widget asks again for the
 * shopper's link when it had not come in time.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
  ConsentDisclosure,
  ConsentDisclosureQuery,
  instant,
  queryInteger,
  resourceId,
  Submission,
  SubmissionBody,
  SubmissionCreated,
  SubmissionPage,
} from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps, SessionEnv } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { DraftStore } from '../drafts/store.ts';
import { clientIp } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { requestHeader, setHeaders } from '../http/headers.ts';
import { createRouter, errors, HEADERS, json, jsonBody } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { disclosure } from './disclosures.ts';
import { IdempotencyKey } from './idempotency.ts';
import { ReferenceQuery } from './reference.ts';
import type { Submissions } from './service.ts';

export type SubmissionRoutesDeps = AuthDeps & {
  submissions: Submissions;
  /** A sent journey's saved progress is discarded (its tombstone goes with the session, auth/sweep.ts). */
  drafts: DraftStore;
  config: Pick<Config, 'trustProxy'>;
};

const IdParam = z.object({
  id: resourceId('Submission id', 'sub_4cW2m0E8Yw9cQ7b3n5q1sA').openapi({
    param: { name: 'id', in: 'path' },
    example: 'sub_4cW2m0E8Yw9cQ7b3n5q1sA',
  }),
});

const SubmitHeaders = z.object({
  'idempotency-key': IdempotencyKey.openapi({
    param: { name: 'idempotency-key', in: 'header' },
    description:
      'Idempotency-Key: any 1–255 visible characters (a UUID is ideal), the same on every retry of one submission. Keys belong to the session.',
    example: '3f1c9a52-7d1e-4c4b-9a53-5d0f6c1e2b7a',
  }),
});

const ListQuery = z.object({
  since: instant('since').optional().openapi({
    description: "Only submissions made after this instant; pass the previous page's `nextSince`.",
    example: '2026-05-01T12:00:00.000Z',
  }),
  limit: queryInteger('limit must be a whole number from 1 to 200', { min: 1, max: 200 })
    .default(50)
    .openapi({ description: 'Page size (a page may hold a few more when several submissions share its last millisecond)', example: '50' }),
  reference: ReferenceQuery.optional().openapi({
    description:
      'The short reference a shopper reads out (shown on their thank-you screen): the page holds that submission alone, or none. Any case, with or without the dash; O is read as 0, I and L as 1.',
    example: '7KQ2-M9XD',
  }),
});

const SUBMIT_DESCRIPTION = [
  "Stores the shopper's final answer, then delivers it to AutoComplete (the shopper's personalised shopping link, `flowUrl`) and AgencyZoom (a lead, with the selected quote attached).",
  "The submission is stored before anything is answered and is never lost to a vendor outage: the answer waits a moment for AutoComplete's link and otherwise says `delivering` without it; deliveries are retried in the background.",
  'Send `consent` with the disclosure the shopper was shown (GET /v1/consent-disclosure) to have the consent recorded with its exact words, the page, the time, the address and the browser (`contactConsent: true` alone is still accepted and recorded as such).',
  '`selectedQuoteId` must be a priced quote of `quoteRequestId`, a quote request of this session, and `applicant` must be the very answers that quote request was made with (the shopper changed an answer after the quotes came: 400 naming `selectedQuoteId` and the changed answer; ask for quotes again); `connectionId` must be a connection made in this session (POST /v1/connections). Send an `Idempotency-Key`: the same key with the same body answers the first answer again (with `Idempotent-Replayed: true`); the same key with another body is 409.',
  "Once stored, the session's saved progress (GET /v1/session/draft) is discarded: a reload does not reopen a sent journey.",
].join(' ');

/** POST /v1/submissions: the widget, at the end of the quote journey. */
export function submitRoutes(deps: SubmissionRoutesDeps) {
  const { submissions } = deps;
  const auth = guards(deps);
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createSubmission',
      tags: ['Submissions'],
      summary: "Submit the shopper's final answer",
      description: SUBMIT_DESCRIPTION,
      ...auth.session(
        'quote',
        rateLimit<AppEnv & SessionEnv>({
          counters: deps.limitCounters,
          name: 'submissions-per-session',
          limit: submissions.options.perSessionPerMinute,
          key: (c) => c.get('session').id,
          message: 'Too many submissions in this session; try again in a minute',
        }),
      ),
      request: { headers: SubmitHeaders, body: jsonBody(SubmissionBody) },
      responses: {
        201: json(
          SubmissionCreated,
          'Stored; delivery under way or done',
          z.object({
            Location: HEADERS.location('/v1/submissions/sub_4cW2m0E8Yw9cQ7b3n5q1sA'),
            'Idempotent-Replayed': z
              .literal('true')
              .optional()
              .meta({ description: 'Sent when this is the first answer to this Idempotency-Key again, not a new submission' }),
          }),
        ),
        ...errors(400, 401, 403, 409, 413, 429),
      },
    }),
    async (c) => {
      const result = await submissions.submit(
        { session: c.get('session'), dealer: c.get('dealer') },
        c.req.valid('header')['idempotency-key'],
        c.req.valid('json'),
        { ipAddress: clientIp(c, deps.config.trustProxy), userAgent: requestHeader(c, 'user-agent') },
      );
      // Sent: the answers now live in the submission, not in a draft that a reload would reopen.
      if (!result.replayed) await deps.drafts.discard(c.get('session').id);
      setHeaders(c, {
        Location: `/v1/submissions/${result.body.submissionId}`,
        ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
      });
      return c.json(result.body, result.status);
    },
  );
  return app;
}

/**
 * GET /v1/session/submissions/{id}: the shopper's thank-you screen asks again
 * for the link that had not come when the submission was answered.
 */
export function sessionSubmissionRoutes(deps: SubmissionRoutesDeps) {
  const { submissions } = deps;
  const auth = guards(deps);
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getSessionSubmission',
      tags: ['Submissions'],
      summary: "A submission of this session, with the shopper's link once it has come",
      description:
        "What POST /v1/submissions answered, as it is now: while `flowUrlPending` is true the delivery that gives the shopper's link (AutoComplete's `flowUrl`) is still under way; ask again every few seconds until it is gone. A submission of another session answers 404, like one that does not exist. The dealer's backend reads the whole submission with GET /v1/submissions/{id}.",
      ...auth.session('quote'),
      request: { params: IdParam },
      responses: { 200: json(SubmissionCreated, 'The submission, as the shopper sees it'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const view = await submissions.readForSession(c.get('session').id, c.req.valid('param').id);
      if (!view) throw notFound('No such submission in this session');
      return c.json(view, 200);
    },
  );
  return app;
}

/** GET /v1/consent-disclosure: the words the widget shows with the consent checkbox. */
export function disclosureRoutes(deps: SubmissionRoutesDeps) {
  const auth = guards(deps);
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'getConsentDisclosure',
      tags: ['Submissions'],
      summary: 'The consent disclosure to show with the consent checkbox',
      description:
        "The current disclosure, in the shopper's language (en or es) and with the dealer's name: show `text` and a checkbox labelled `checkboxLabel`, then send `consent: { disclosureVersion: version, locale, checked: true, pageUrl }` with the submission. The submission stores these exact words, the time, the page, the address and the browser, and shows them to the dealer.",
      ...auth.session('quote'),
      request: { query: ConsentDisclosureQuery },
      responses: { 200: json(ConsentDisclosure, 'The disclosure'), ...errors(400, 401, 403) },
    }),
    (c) => {
      const shown = disclosure(c.get('dealer').name, c.req.valid('query').locale);
      if (!shown) throw new Error('the current disclosure has no wording in a served locale');
      return c.json(shown, 200);
    },
  );
  return app;
}

/** GET /v1/submissions and /v1/submissions/{id}: the dealer's backend. */
export function dealerSubmissionRoutes(deps: SubmissionRoutesDeps) {
  const { submissions } = deps;
  const auth = guards(deps);
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getSubmission',
      tags: ['Submissions'],
      summary: 'One of your submissions, with its delivery state',
      description: "Call from your server with your secret key. Another dealer's submission answers 404, like one that does not exist.",
      ...auth.secretKey(),
      request: { params: IdParam },
      responses: { 200: json(Submission, 'The submission'), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const view = await submissions.read(c.get('dealer').clientId, c.req.valid('param').id);
      if (!view) throw notFound('No such submission');
      return c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listSubmissions',
      tags: ['Submissions'],
      summary: 'Your submissions, oldest first',
      description:
        'Call from your server with your secret key. Pages are ordered by createdAt; pass `nextSince` back as `since` to get the next page, or to poll for new submissions: none is skipped or repeated. A submission is listed a second after it was made (read it at once with GET /v1/submissions/{id}).',
      ...auth.secretKey(),
      request: { query: ListQuery },
      responses: { 200: json(SubmissionPage, 'A page of submissions'), ...errors(400, 401) },
    }),
    async (c) => {
      const { since, limit, reference } = c.req.valid('query');
      return c.json(
        await submissions.list(c.get('dealer').clientId, { since: since ? new Date(since) : undefined, limit, reference }),
        200,
      );
    },
  );

  return app;
}
