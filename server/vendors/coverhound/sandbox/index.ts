/**
 * The CoverHound sandbox: a simulator of the Quotes API (version 1) at the
 * documented paths, relative to the vendor's base URL (the server mounts it at
 * /sandbox/coverhound). It checks the access token exactly as documented,
 * validates quote requests by the documented rules, and answers the
 * documented shapes: synchronously once every carrier has answered, or with a
 * transactionId to poll. Carriers answer after their own delays; prices come
 * from a deterministic rating formula.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import { FaultKnobs, faultSettingsFromEnv } from '../../shared/faults.ts';
import { SANDBOX_CREDENTIALS } from '../config.ts';
import { quoteRequestErrors } from './quote-rules.ts';
import { NOT_JSON, readJson } from './read-body.ts';
import { badSyntax, internalError, invalidData, notFound, serviceUnavailable, tooManyRequests } from './responses.ts';
import { resumePage } from './resume-page.ts';
import { requireAccessToken, type SandboxCredentials, TokenStore, tokenRoutes } from './tokens.ts';
import { answerBody, remainingMs, startTransaction, TransactionStore } from './transactions.ts';

export type CoverHoundSandboxOptions = {
  faults?: FaultKnobs;
  now?: () => Date;
  /**
   * Multiplies every carrier's answer delay (0.5 to 6 s by default, so the
   * demo feels real); tests pass a small value such as 0.01.
   */
  delayScale?: number;
  /** The API key and secret the sandbox accepts; the documentation's example by default. */
  credentials?: SandboxCredentials;
  /** Where purchase links point; by default this sandbox's own address as the request reached it. */
  purchaseBaseUrl?: string;
};

export function createCoverHoundSandbox(options: CoverHoundSandboxOptions = {}): Hono {
  const knobs = options.faults ?? new FaultKnobs();
  const now = options.now ?? (() => new Date());
  const delayScale = options.delayScale ?? 1;
  const tokens = new TokenStore();
  const transactions = new TransactionStore();
  const app = new Hono();

  app.use('*', knobs.middleware({ serverError: serviceUnavailable, rateLimited: tooManyRequests }));
  app.route('/', knobs.routes());
  app.route('/', tokenRoutes(tokens, options.credentials ?? SANDBOX_CREDENTIALS));

  app.use('/api/auto/quotes', requireAccessToken(tokens));
  app.use('/api/auto/quotes/*', requireAccessToken(tokens));

  app.post('/api/auto/quotes', async (c) => {
    const body = await readJson(c.req.raw);
    if (body === NOT_JSON) return badSyntax();
    const checked = quoteRequestErrors(body, now());
    if (!checked.ok) return invalidData(checked.errors);
    const tx = startTransaction(checked.data, {
      startedAt: now().getTime(),
      delayScale,
      purchaseBaseUrl: options.purchaseBaseUrl ?? ownBaseUrl(c.req.url),
    });
    transactions.add(tx);
    if (checked.data.usePolling) return c.json({ userId: tx.userId, transactionId: tx.transactionId }, 201);
    // A synchronous request waits for the slowest carrier, as the documentation warns it does.
    await sleep(remainingMs(tx, now().getTime()));
    return c.json(answerBody(tx, now().getTime(), 'synchronous'), 201);
  });

  app.get('/api/auto/quotes/:transactionId', (c) => {
    const tx = transactions.get(c.req.param('transactionId'));
    if (!tx) return notFound('No quote request has this transactionId');
    return c.json(answerBody(tx, now().getTime(), 'polling'));
  });

  app.get('/resume/:resumeId', (c) => {
    const tx = transactions.byResumeId(c.req.param('resumeId'));
    if (!tx) return c.html('<!doctype html><title>Not found</title><p>This CoverHound sandbox link has expired.</p>', 404);
    return c.html(resumePage(tx, now().getTime()));
  });

  app.notFound((c) => notFound(`No route for ${c.req.method} ${c.req.path}`));
  app.onError(() => internalError());
  return app;
}

/** The sandbox's base as the caller reached it: everything before the quotes path (the mount point included). */
function ownBaseUrl(requestUrl: string): string {
  const url = new URL(requestUrl);
  return `${url.origin}${url.pathname.slice(0, url.pathname.lastIndexOf('/api/auto/quotes'))}`;
}

/**
 * Sandbox options from the environment: the shared fault knobs
 * (SANDBOX_COVERHOUND_LATENCY_MS, _ERROR_RATE, _OUTAGE, _RATE_LIMIT_PER_MINUTE)
 * and SANDBOX_COVERHOUND_DELAY_SCALE for the carriers' answer delays.
 */
export function coverHoundSandboxOptionsFromEnv(env: Record<string, string | undefined> = process.env): CoverHoundSandboxOptions {
  const scale = env.SANDBOX_COVERHOUND_DELAY_SCALE;
  const delayScale = scale === undefined ? undefined : Number(scale);
  if (delayScale !== undefined && !(delayScale >= 0 && delayScale <= 100)) {
    throw new Error('Invalid SANDBOX_COVERHOUND_DELAY_SCALE: a number from 0 to 100');
  }
  return { faults: new FaultKnobs(faultSettingsFromEnv('COVERHOUND', env)), ...(delayScale === undefined ? {} : { delayScale }) };
}
