/**
 * Resume links: the widget on one device (a showroom kiosk, a laptop) asks,
 * with its session token, for a one-time link to the same page
 * (POST /v1/session/resume-link); the shopper opens it on their phone, where
 * the widget trades its code for a token of the same session
 * (POST /v1/sessions/resume) and opens the saved draft on the step they were on.
 *
 * A link is short-lived (10 minutes by default, never past the session's
 * end), opens once, only for its dealer and only on the page origin it was
 * made for, which is the session's own (an allow-listed one). The code is
 * the only secret, so it is 128 random bits and only its hash is stored.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  CreateResumeLinkBody,
  ErrorBody,
  RESUME_PARAMETER,
  ResumeLinkCreated,
  ResumeSessionBody,
  SessionCreated,
} from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import { type AuthDeps, assertSessionRuns, type SessionEnv } from '../auth/middleware.ts';
import { perAddressBudget } from '../auth/public-session-budgets.ts';
import { originNotAllowed, tokenFor } from '../auth/routes.ts';
import type { Config } from '../config.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { createRouter, errors, json, jsonBody, open } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { qrSvg } from './qr.ts';
import type { Refusal, ResumeLinkStore } from './store.ts';

export type ResumeRoutesDeps = AuthDeps & {
  resumeLinks: ResumeLinkStore;
  config: Pick<Config, 'resumeLinkSeconds' | 'sessionRatePerIp' | 'trustProxy'>;
  now?: () => number;
};

/** Links one session may make per minute: a shopper asks once, perhaps again when the first ran out. */
const LINKS_PER_MINUTE = 10;

/** The page at `pageUrl` with the code in its query (any older code replaced), and no fragment. */
function linkTo(pageUrl: URL, code: string): string {
  const url = new URL(pageUrl);
  url.hash = '';
  url.searchParams.set(RESUME_PARAMETER, code);
  return url.href;
}

/** Mounted at /v1/session/resume-link. */
export function resumeLinkRoutes(deps: ResumeRoutesDeps) {
  const { resumeLinks, config } = deps;
  const now = deps.now ?? Date.now;
  const auth = guards(deps);
  const app = createRouter();
  const perSession = rateLimit<AppEnv & SessionEnv>({
    counters: deps.limitCounters,
    name: 'resume-links-per-session',
    limit: LINKS_PER_MINUTE,
    key: (c) => c.get('session').id,
    message: 'Too many resume links in this session; try again in a minute',
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createResumeLink',
      tags: ['Sessions'],
      summary: 'A one-time link to carry on on another device',
      description: `The widget calls this with its session token when the shopper wants to carry on on their phone: the answer is the page the widget is on (\`pageUrl\`) with \`${RESUME_PARAMETER}=<code>\` added, and the same link as a QR code. Opened on the phone, the widget there trades the code for a token of this session (POST /v1/sessions/resume) and opens the saved draft on the step the shopper was on, so save the draft (PUT /v1/session/draft) first. The link works once, for ${config.resumeLinkSeconds / 60} minutes (never past the session's end), and only on the page origin the session is bound to (for a session bound to none, \`pageUrl\`'s origin must be on the dealer's allow-list). At most ${LINKS_PER_MINUTE} links a minute per session.`,
      ...auth.session('quote', perSession),
      request: { body: jsonBody(CreateResumeLinkBody) },
      responses: { 201: json(ResumeLinkCreated, 'The link, when it stops working, and its QR code'), ...errors(400, 401, 403, 429) },
    }),
    async (c) => {
      const page = new URL(c.req.valid('json').pageUrl);
      const session = c.get('session');
      const dealer = c.get('dealer');
      const allowed = session.origin ? page.origin === session.origin : dealer.allowedOrigins.includes(page.origin);
      if (!allowed) {
        const where = session.origin
          ? `the page origin this session is bound to, ${session.origin}`
          : "an origin on the dealer's allow-list";
        throw new ApiError(400, 'validation_failed', 'Some fields need attention', { pageUrl: [`pageUrl must be on ${where}`] });
      }
      const expiresAt = new Date(Math.min(now() + config.resumeLinkSeconds * 1000, session.expiresAt.getTime()));
      const code = await resumeLinks.mint({ sessionId: session.id, clientId: dealer.clientId, origin: page.origin, expiresAt });
      const url = linkTo(page, code);
      return c.json({ url, expiresAt: expiresAt.toISOString(), qrSvg: qrSvg(url) }, 201);
    },
  );
  return app;
}

const REFUSALS: Record<Refusal, (origin: string) => ApiError> = {
  unknown: () =>
    new ApiError(404, 'not_found', 'No resume link has this code', {
      code: ['This link is not valid: make a new one on the device where you started'],
    }),
  used: () =>
    new ApiError(410, 'resume_link_used', 'This resume link was already opened: each opens once', {
      code: ['This link was already used: make a new one on the device where you started'],
    }),
  expired: () =>
    new ApiError(410, 'resume_link_expired', 'This resume link has expired', {
      code: ['This link has expired: make a new one on the device where you started'],
    }),
  origin: (origin) =>
    new ApiError(403, 'origin_not_allowed', `This resume link does not open on ${origin}: open it on the page it was made for`),
};

const gone = (description: string) => json(ErrorBody, description);

/** Mounted at /v1/sessions/resume. */
export function resumeSessionRoutes(deps: ResumeRoutesDeps) {
  const { dealers, sessions, tokens, resumeLinks, config } = deps;
  const app = createRouter();
  // Anyone may call it, like POST /v1/sessions/public: one budget per address (the code is too long to guess).
  const perIp = perAddressBudget(deps.limitCounters, config, 'resumes-per-ip', 'resumes');

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'resumeSession',
      tags: ['Sessions'],
      summary: 'Carry on a session from a resume link',
      description: `Called by the widget on a page opened from a resume link (POST /v1/session/resume-link), with your public clientId and the link's \`${RESUME_PARAMETER}\` value: the answer is a fresh token of the session the link was made in (the same shape as POST /v1/sessions answers), whose draft (GET /v1/session/draft) holds the shopper's answers and step. Allowed only when the request's Origin is on your allow-list and is the origin the link was made for (403 \`origin_not_allowed\`). A code opens once: again, it is 410 \`resume_link_used\`; past its end, 410 \`resume_link_expired\`; a code this clientId never made, 404. A session that has ended since is 401 \`session_expired\` or \`session_revoked\`.`,
      ...open(perIp),
      request: { body: jsonBody(ResumeSessionBody) },
      responses: {
        201: json(SessionCreated, 'A token of the session the link carries'),
        ...errors(400, 401, 403, 404, 413, 429),
        410: gone('The link was already used (`resume_link_used`) or has expired (`resume_link_expired`): make a new one'),
      },
    }),
    async (c) => {
      const { clientId, code } = c.req.valid('json');
      const origin = c.req.header('Origin');
      const dealer = dealers.get(clientId);
      if (!dealer || !origin || !dealer.allowedOrigins.includes(origin)) throw originNotAllowed(origin, clientId);
      const redeemed = await resumeLinks.redeem(code, dealer.clientId, origin);
      if ('refused' in redeemed) throw REFUSALS[redeemed.refused](origin);
      const session = await sessions.get(redeemed.sessionId, { fresh: true });
      if (!session || session.clientId !== dealer.clientId) throw REFUSALS.unknown(origin);
      assertSessionRuns(sessions, session);
      return c.json({ sessionId: session.id, ...(await tokenFor(tokens, session)) }, 201);
    },
  );
  return app;
}
