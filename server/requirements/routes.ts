/**
 * GET /v1/quote-requirements: what each vendor this server quotes with or
 * delivers to needs answered beyond the Applicant schema, with the vendor's
 * conditions ("the industry of an employed driver") and closed lists. The
 * widget asks a question only when one of these needs it; an API caller can
 * read the same rules, and each quote request's 202 says what its applicant lacks.
 */
import { createRoute } from '@hono/zod-openapi';
import { QuoteRequirements } from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps } from '../auth/middleware.ts';
import { createRouter, errors, json } from '../http/openapi.ts';
import type { Requirements } from '../vendors/index.ts';

const DESCRIPTION = [
  'For each quoting vendor of this server (in the order it asks them) and each delivery target, the applicant fields it requires',
  'that the Applicant schema leaves optional. A path with `*` is asked of every driver or vehicle (`drivers.*.occupation`); a need with',
  '`when` applies only to shoppers whose answer at each condition’s path (the same driver or vehicle for `*`) is one of its `in` values;',
  '`choices` is the vendor’s closed list of answers. A quote request without one of these answers is still accepted: its 202 lists it',
  'under `missing`, and that vendor’s carriers answer `needs_information`. A delivery target’s needs are for the submission.',
].join(' ');

/** Mounted at /v1/quote-requirements. */
export function requirementsRoutes(deps: AuthDeps & { requirements: Requirements }) {
  const app = createRouter();
  const { requirements } = deps.requirements;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'getQuoteRequirements',
      tags: ['Quotes'],
      summary: 'What each enabled vendor needs answered',
      description: DESCRIPTION,
      ...guards(deps).session('quote'),
      responses: { 200: json(QuoteRequirements, 'Each enabled vendor and what it needs'), ...errors(401, 403) },
    }),
    (c) => c.json(requirements, 200),
  );
  return app;
}
