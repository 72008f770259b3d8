/**
 * The AutoComplete sandbox: a simulator of the Partner API at the paths the
 * reference documents, relative to its base URL (the server mounts it at
 * /sandbox/autocomplete). It checks Basic auth, validates `POST /people` as
 * documented, keeps what it receives for `GET /people`, limits each partner to
 * one request per second, and applies the fault knobs with AutoComplete's own
 * error body. Deterministic: the same requests in the same order get the same
 * answers.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { FaultKnobs } from '../../shared/faults.ts';
import { SANDBOX_CREDENTIALS } from '../config.ts';
import { requireBasicAuth, type SandboxCredentials, type SandboxEnv } from './auth.ts';
import { rateLimitedError, serverError, vendorError } from './errors.ts';
import { flowPage } from './flow-page.ts';
import { PeopleStore } from './people.ts';
import { PerSecondLimit } from './rate-limit.ts';
import { type Messaging, validateSubmission } from './validate.ts';

export type AutoCompleteSandboxOptions = {
  faults?: FaultKnobs;
  /** The sandbox's clock (the rate limit's second); tests step it instead of sleeping. */
  now?: () => Date;
  /** Partners allowed in; defaults to the documented sandbox pair. */
  credentials?: readonly SandboxCredentials[];
  /** Requests per second per partner; the reference says 1. `false` lifts it (fast tests). */
  rateLimitPerSecond?: number | false;
  /**
   * How the partner integration is configured. With `autocomplete` (AutoComplete-Initiated
   * Messaging) a phone number with `sms_consent: true` is required. Default `dealer`.
   */
  messaging?: Messaging;
  /** Where flow links point, e.g. `${publicUrl}/sandbox/autocomplete/_flows`. */
  flowBaseUrl?: string;
  /** People kept for `GET /people` (oldest dropped first), so a public sandbox cannot be filled without bound. */
  maxPeople?: number;
};

/** A DMS export of one customer is a few kilobytes; this leaves ample room and no more. */
const MAX_BODY_BYTES = 256 * 1024;

export const DEFAULT_FLOW_BASE_URL = 'https://app.sandbox.autocomplete.example';

export function createAutoCompleteSandbox(options: AutoCompleteSandboxOptions = {}) {
  const knobs = options.faults ?? new FaultKnobs();
  const now = options.now ?? (() => new Date());
  const people = new PeopleStore(options.flowBaseUrl ?? DEFAULT_FLOW_BASE_URL, options.maxPeople ?? 10_000);
  const limit = options.rateLimitPerSecond === false ? undefined : new PerSecondLimit(options.rateLimitPerSecond ?? 1, now);
  const messaging = options.messaging ?? 'dealer';

  const app = new Hono<SandboxEnv>();
  app.route('/', knobs.routes());
  app.get('/_flows/:flowIdentifier', flowPage(people));

  app.use(
    '*',
    knobs.middleware({
      serverError,
      rateLimited: (retryAfterSeconds) => rateLimitedError(retryAfterSeconds, 'Rate limit exceeded. Please slow down.'),
    }),
  );
  app.use('*', requireBasicAuth(options.credentials ?? [SANDBOX_CREDENTIALS]));
  app.use('*', async (c, next) => {
    const verdict = limit?.take(c.get('apiKey'));
    if (verdict && !verdict.allowed) return rateLimitedError(verdict.retryAfterSeconds);
    await next();
  });

  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => vendorError(413, 'Request body is too large.') });
  app.post('/people', limitBody, async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return vendorError(400, 'Request body must be valid JSON.');
    }
    const checked = validateSubmission(body, messaging);
    if (!checked.ok) return vendorError(400, checked.message);
    // The reference's example checks `r.status_code == 200`: a created person is answered 200, not 201.
    return c.json(people.add(c.get('apiKey'), checked.person), 200);
  });

  app.get('/people', (c) => c.json(people.list(c.get('apiKey'))));

  // A route, not notFound(): a sub-app's notFound is ignored once the server mounts it.
  app.all('*', (c) => vendorError(404, `No such endpoint: ${c.req.method} ${c.req.path}.`));
  app.onError(() => serverError());
  return app;
}
