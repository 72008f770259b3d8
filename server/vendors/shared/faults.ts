/**
 * Fault knobs every sandbox has, so a dealer developer can try each failure
 * path: added latency, an error rate, a full outage and a rate limit. Set at
 * start-up from SANDBOX_<VENDOR>_* variables and changed at runtime with
 * `GET|PUT /sandbox/<vendor>/_faults` (sandbox mode only: sandboxes are not
 * mounted in live mode). The error and latency rates are deterministic: with
 * 0.25 every fourth request fails (or is slow), so a test of them never flakes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { fieldErrors } from '../../../contract/index.ts';

/** A change to the knobs: any of them, each checked. */
export const FaultPatch = z.strictObject({
  /** Added to every answer, in milliseconds. */
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  /** Share of requests that get latencyMs, 0 to 1 (1: every one): a vendor slow now and then, answering the rest in time. */
  latencyRate: z.number().min(0).max(1).optional(),
  /** Share of requests answered with the vendor's documented server error, 0 to 1. */
  errorRate: z.number().min(0).max(1).optional(),
  /** Every request fails with the vendor's server error. */
  outage: z.boolean().optional(),
  /** Requests allowed per minute across all callers (0: the vendor's own documented limit only). */
  rateLimitPerMinute: z.number().int().min(0).optional(),
});
export type FaultPatch = z.infer<typeof FaultPatch>;

const NO_FAULTS = { latencyMs: 0, latencyRate: 1, errorRate: 0, outage: false, rateLimitPerMinute: 0 };
export type FaultSettings = Required<FaultPatch>;

/** Reads SANDBOX_<PREFIX>_LATENCY_MS, _LATENCY_RATE, _ERROR_RATE, _OUTAGE and _RATE_LIMIT_PER_MINUTE. */
export function faultSettingsFromEnv(prefix: string, env: Record<string, string | undefined> = process.env): FaultSettings {
  const read = (name: string) => env[`SANDBOX_${prefix}_${name}`];
  const number = (name: string) => (read(name) === undefined ? undefined : Number(read(name)));
  return FaultKnobs.resolve({
    latencyMs: number('LATENCY_MS'),
    latencyRate: number('LATENCY_RATE'),
    errorRate: number('ERROR_RATE'),
    outage: read('OUTAGE') === undefined ? undefined : read('OUTAGE') === 'true' || read('OUTAGE') === '1',
    rateLimitPerMinute: number('RATE_LIMIT_PER_MINUTE'),
  });
}

export type FaultResponses = {
  /** The vendor's documented answer to an injected server error or outage. */
  serverError: () => Response;
  /** The vendor's documented answer to too many requests. */
  rateLimited: (retryAfterSeconds: number) => Response;
};

export class FaultKnobs {
  #settings: FaultSettings;
  #errorBudget = 0;
  #latencyBudget = 0;
  #windowStart = 0;
  #windowCount = 0;

  constructor(initial: FaultPatch = {}) {
    this.#settings = FaultKnobs.resolve(initial);
  }

  /** Validated settings: `patch` over `base` (no faults by default). */
  static resolve(patch: FaultPatch, base: FaultSettings = NO_FAULTS): FaultSettings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return FaultPatch.required().parse({ ...base, ...defined });
  }

  get settings(): FaultSettings {
    return { ...this.#settings };
  }

  set(patch: FaultPatch) {
    this.#settings = FaultKnobs.resolve(patch, this.#settings);
    this.#errorBudget = 0;
    this.#latencyBudget = 0;
  }

  /** Middleware for a sandbox app: applies the knobs before the simulated vendor sees the request. */
  middleware(responses: FaultResponses): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.path.endsWith('/_faults')) return next();
      const { latencyMs, latencyRate, outage, errorRate, rateLimitPerMinute } = this.#settings;
      if (latencyMs > 0 && latencyRate > 0) {
        this.#latencyBudget += latencyRate;
        if (this.#latencyBudget >= 1) {
          this.#latencyBudget -= 1;
          await sleep(latencyMs);
        }
      }
      if (outage) return responses.serverError();
      if (rateLimitPerMinute > 0) {
        const now = Date.now();
        if (now - this.#windowStart >= 60_000) {
          this.#windowStart = now;
          this.#windowCount = 0;
        }
        if (++this.#windowCount > rateLimitPerMinute) {
          return responses.rateLimited(Math.max(1, Math.ceil((this.#windowStart + 60_000 - now) / 1000)));
        }
      }
      if (errorRate > 0) {
        this.#errorBudget += errorRate;
        if (this.#errorBudget >= 1) {
          this.#errorBudget -= 1;
          return responses.serverError();
        }
      }
      return next();
    };
  }

  /** `GET /_faults` shows the knobs; `PUT /_faults` with any of them changes them. */
  routes(): Hono {
    const app = new Hono();
    app.get('/_faults', (c) => c.json(this.settings));
    app.put('/_faults', async (c) => {
      const body = await c.req.json().catch(() => undefined);
      const parsed = FaultPatch.safeParse(body);
      if (!parsed.success) {
        return c.json({ error: { code: 'validation_failed', message: 'Invalid fault settings', fields: fieldErrors(parsed.error) } }, 400);
      }
      this.set(parsed.data);
      return c.json(this.settings);
    });
    return app;
  }
}
