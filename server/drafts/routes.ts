/**
 * The shopper's progress at /v1/session/draft, under the session token: the
 * widget saves the answers and the step as the shopper goes (PUT), reads them
 * back when it starts (GET), so a reload, a crash or a second tab resumes
 * where the shopper was, and discards them when the shopper closes without
 * keeping them (DELETE). A draft belongs to the quote journey.
 */
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DraftConflict, ErrorBody, MAX_DRAFT_BYTES, SaveDraftBody, SessionDraft } from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps, SessionEnv } from '../auth/middleware.ts';
import type { AppEnv } from '../http/env.ts';
import { errorResponse } from '../http/errors.ts';
import { createRouter, errors, json } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import type { DraftStore } from './store.ts';

export type DraftRoutesDeps = AuthDeps & { drafts: DraftStore };

/** Saves one session may make per minute: the widget saves half a second after the shopper stops typing, and on each step. */
const SAVES_PER_MINUTE = 120;

const EXAMPLE: SessionDraft = {
  step: 'drivers',
  answers: {
    contact: { email: 'maria.garcia@example.com', phone: '+15125550142' },
    address: { line1: '1200 Barton Springs Rd', city: 'Austin', state: 'TX', postalCode: '78704' },
    residence: { ownership: 'rent' },
    drivers: [{ firstName: 'Maria', lastName: 'Garcia', relationship: 'self' }],
    vehicles: [{ vin: '2T3P1RFV8KC012345' }],
  },
  insuredNow: true,
  revision: 3,
  updatedAt: '2026-05-01T12:00:00.000Z',
};

const SAVE_DESCRIPTION = [
  "Saves the shopper's answers so far (any part of the applicant, each value as strictly validated as in a quote request;",
  'the rules across lists wait for the quote request) and the step they are on, replacing the saved draft whole.',
  'Send `revision`: the revision of the draft this save is based on (the last GET or PUT answered it; 0 when there was none).',
  'The save succeeds only while that is still the current revision, and answers the new one (one more).',
  'When another tab or window saved (or discarded) meanwhile, it is refused with **409** carrying the current `revision`',
  'and `draft` (null when there is none): show or merge those answers, then save again based on that revision.',
  `Stored sealed (AES-256-GCM under COVERKIT_DATA_KEY) with the rest of the shopper's data; at most ${MAX_DRAFT_BYTES / 1024} KB of JSON.`,
].join(' ');

/** Mounted at /v1/session/draft. */
export function draftRoutes(deps: DraftRoutesDeps) {
  const { drafts } = deps;
  const auth = guards(deps);
  const app = createRouter();
  const perSession = rateLimit<AppEnv & SessionEnv>({
    counters: deps.limitCounters,
    name: 'draft-saves-per-session',
    limit: SAVES_PER_MINUTE,
    key: (c) => c.get('session').id,
    message: 'Too many saves in this session; try again in a minute',
  });
  const draftSize: MiddlewareHandler<AppEnv & SessionEnv> = bodyLimit({
    maxSize: MAX_DRAFT_BYTES,
    onError: (c) =>
      errorResponse(
        c,
        413,
        { code: 'payload_too_large', message: `A draft is at most ${MAX_DRAFT_BYTES / 1024} KB of JSON` },
        { Connection: 'close' },
      ),
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'getSessionDraft',
      tags: ['Sessions'],
      summary: "The shopper's saved progress",
      description:
        'What the widget reads when it starts, to resume where the shopper was: the answers, the step and the revision to base the next save on. **204** when the session has no draft (never saved, or discarded).',
      ...auth.session('quote'),
      responses: {
        200: { description: 'The saved draft', content: { 'application/json': { schema: SessionDraft, example: EXAMPLE } } },
        204: { description: 'No draft in this session' },
        ...errors(401, 403),
      },
    }),
    async (c) => {
      const { draft } = await drafts.get(c.get('session').id);
      return draft ? c.json(draft, 200) : c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/',
      operationId: 'saveSessionDraft',
      tags: ['Sessions'],
      summary: "Save the shopper's progress",
      description: SAVE_DESCRIPTION,
      ...auth.session('quote', perSession, draftSize),
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: SaveDraftBody,
              example: { revision: 2, step: EXAMPLE.step, answers: EXAMPLE.answers, insuredNow: true },
            },
          },
        },
      },
      responses: {
        200: {
          description: 'Saved: the draft as stored, with its new revision',
          content: { 'application/json': { schema: SessionDraft, example: EXAMPLE } },
        },
        409: {
          description: 'The draft changed since the revision this save was based on (another tab saved or discarded it): the current one',
          content: {
            'application/json': {
              schema: DraftConflict,
              example: {
                error: { code: 'conflict', message: 'The draft was changed in another tab or window since revision 2' },
                revision: 3,
                draft: EXAMPLE,
              },
            },
          },
        },
        ...errors(400, 401, 403, 429),
        413: json(ErrorBody, `The draft is larger than ${MAX_DRAFT_BYTES / 1024} KB`),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const result = await drafts.save(c.get('session').id, body);
      if ('saved' in result) return c.json(result.saved, 200);
      const conflict: DraftConflict = {
        error: { code: 'conflict', message: `The draft was changed in another tab or window since revision ${body.revision}` },
        ...result.conflict,
      };
      return c.json(conflict, 409);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/',
      operationId: 'discardSessionDraft',
      tags: ['Sessions'],
      summary: "Discard the shopper's progress",
      description:
        'The shopper closed the widget without keeping their answers, or sent them: the draft is gone, and a later GET answers 204. Its revision still goes up, so a save from another tab based on the old revision is refused (409) rather than bringing the answers back. Discarding when there is nothing to discard answers 204 too.',
      ...auth.session('quote', perSession),
      responses: { 204: { description: 'Discarded' }, ...errors(401, 403, 429) },
    }),
    async (c) => {
      await drafts.discard(c.get('session').id);
      return c.body(null, 204);
    },
  );

  return app;
}
