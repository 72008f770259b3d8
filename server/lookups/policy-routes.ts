/**
 * `POST /v1/policy-lookups`: the lookup journey's one call. Session token; the
 * session must include the lookup journey. Two budgets bound date-of-birth
 * guessing: per session, and per policy number or email across every session
 * (sessions are cheap to make, the thing being guessed at is not).
 */
import { createHash } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PolicyLookupBody, PolicyLookupResult } from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps, SessionEnv } from '../auth/middleware.ts';
import type { AppEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { createRouter, errors, json, jsonBody } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import type { PolicyLookups } from './policy-lookup.ts';

export type PolicyLookupLimits = {
  /** Lookups one session may make per minute. */
  perSessionPerMinute: number;
  /** Lookups of one policy number or email, from any session, per `perTargetWindowMs`. */
  perTarget: number;
  perTargetWindowMs: number;
};

export const POLICY_LOOKUP_LIMITS: PolicyLookupLimits = { perSessionPerMinute: 10, perTarget: 10, perTargetWindowMs: 15 * 60_000 };

/** The one answer for "no such record" and "not the right date of birth". */
const NO_MATCH_MESSAGE = 'No quote or policy matches these details';

/** What is being looked up, hashed so the limiter's memory holds no email addresses; undefined (no limit) for a body the route will refuse anyway. */
async function lookupTarget(c: Context<AppEnv>): Promise<string | undefined> {
  const parsed = PolicyLookupBody.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) return undefined;
  const target =
    parsed.data.policyNumber !== undefined
      ? `number:${parsed.data.policyNumber.toUpperCase()}`
      : `email:${parsed.data.email?.toLowerCase()}`;
  return createHash('sha256').update(target).digest('base64url');
}

/** Mounted at /v1/policy-lookups. */
export function policyLookupRoutes(deps: AuthDeps & { policyLookups: PolicyLookups; limits?: PolicyLookupLimits }) {
  const { policyLookups, limits = POLICY_LOOKUP_LIMITS } = deps;
  const app = createRouter();

  const perSession = rateLimit<AppEnv & SessionEnv>({
    counters: deps.limitCounters,
    name: 'lookups-per-session',
    limit: limits.perSessionPerMinute,
    key: (c) => c.get('session').id,
    message: 'Too many lookups from this session; try again in a minute',
  });
  const perTarget = rateLimit({
    counters: deps.limitCounters,
    name: 'lookups-per-target',
    limit: limits.perTarget,
    windowMs: limits.perTargetWindowMs,
    key: lookupTarget,
    message: 'Too many lookups for these details; try again later',
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'findPolicies',
      tags: ['Lookups'],
      summary: 'Find an existing quote or policy',
      description: [
        'Finds the shopper’s quotes and policies with the insurer by policy (or quote) number or by email, and answers only those whose insured or one of whose drivers was born on `dateOfBirth`.',
        `A record that exists but whose date of birth does not match answers exactly like one that does not exist: 404 \`not_found\`, "${NO_MATCH_MESSAGE}", in comparable time.`,
        `Limited to ${limits.perSessionPerMinute} lookups per minute per session and ${limits.perTarget} per ${Math.round(limits.perTargetWindowMs / 60_000)} minutes per policy number or email (429 with Retry-After).`,
        'When the insurer fails: 504 `vendor_timeout` if it did not answer in time, 502 `vendor_failed` otherwise.',
      ].join('\n\n'),
      ...guards(deps).session('lookup', perSession, perTarget),
      request: { body: jsonBody(PolicyLookupBody) },
      responses: { 200: json(PolicyLookupResult, 'The matching quotes and policies'), ...errors(400, 401, 403, 404, 429, 502, 504) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const policies = await policyLookups.find(body);
      if (policies.length === 0) throw notFound(NO_MATCH_MESSAGE);
      return c.json({ policies }, 200);
    },
  );

  return app;
}
