/**
 * A dealer's budget of public sessions (POST /v1/sessions/public, what the
 * widget calls with only the dealer's clientId), kept so that a few addresses
 * cannot spend it and lock every new shopper out.
 *
 * - Each address (IPv6: its /64) has its own budget, far below the dealer's:
 *   the rateLimit before the route (COVERKIT_SESSION_RATE_PER_IP).
 * - The dealer's budget is counted per page origin (COVERKIT_SESSION_RATE_PER_CLIENT
 *   each), and only for sessions actually started: a page not on the
 *   allow-list is refused before it counts, so another origin cannot spend an
 *   allow-listed one's budget.
 * - Once an origin's budget for the window is spent, the addresses that spent
 *   it are refused, but an address that has started fewer than
 *   NEW_SHOPPER_SESSIONS sessions for that origin in its window is still
 *   served: a new shopper gets a session while the addresses that burned the
 *   budget get 429.
 * - Above it all, a ceiling per dealer across its origins and addresses
 *   (COVERKIT_PUBLIC_SESSION_CEILING_PER_CLIENT) bounds what an attacker with
 *   very many addresses can make us store; past it every public session of
 *   that dealer is refused until the window turns. Only a limit in front of
 *   Coverkit (README, "In front of Coverkit") sees such an attacker whole.
 *
 * Requests that are refused are not counted: a request counts itself in the
 * three budgets at once (one round trip to a shared store), and a refused one
 * takes its counts back, so two processes admitting at the same moment can
 * never both take the last session of a budget. (While a refused request is
 * between counting and taking back, it may make another at the very edge of
 * a budget see it spent a moment early.) Counters live in the shared store
 * (http/limit-counters.ts), like every other limit here: every process
 * behind a balancer spends the same budgets.
 */
import type { Context } from 'hono';
import type { ClientRateLimitInfo } from 'hono-rate-limiter';
import type { Config } from '../config.ts';
import { clientBudget } from '../http/client-ip.ts';
import { ApiError } from '../http/errors.ts';
import type { LimitCounters, LimitStore } from '../http/limit-counters.ts';
import { rateLimit } from '../http/rate-limit.ts';

/** Sessions one address may still start for an origin whose budget is spent: a shopper reloading the page, not a script. */
export const NEW_SHOPPER_SESSIONS = 3;

/**
 * The budget of one address (IPv6: its /64) on a public way to a session token (a new public session, a
 * resume link's code, a refresh key): `sessionRatePerIp` a minute, each way counted apart under `name`;
 * `what` names the tries in the 429 ("sessions"). Anyone may call these routes, and what they take is too
 * long to guess: the address is what they can be held to.
 */
export function perAddressBudget(
  counters: LimitCounters,
  config: Pick<Config, 'sessionRatePerIp' | 'trustProxy'>,
  name: string,
  what: string,
) {
  return rateLimit({
    counters,
    name,
    limit: config.sessionRatePerIp,
    key: (c) => clientBudget(c, config.trustProxy),
    message: `Too many ${what} from this address: its budget of ${config.sessionRatePerIp} a minute is spent; try again after Retry-After seconds`,
  });
}

export type PublicSessionLimits = {
  /** Sessions per window for one dealer's page origin, before only new shoppers are served. */
  perOrigin: number;
  /** Sessions per window for one dealer across all its origins; nobody is served past it. */
  ceilingPerClient: number;
  windowMs?: number;
  /** Take the address from X-Forwarded-For (behind our own proxy). */
  trustProxy: boolean;
};

export class PublicSessionBudgets {
  readonly #store: LimitStore;
  readonly #windowMs: number;

  constructor(
    counters: LimitCounters,
    private readonly limits: PublicSessionLimits,
  ) {
    this.#windowMs = limits.windowMs ?? 60_000;
    this.#store = counters.store('public-sessions', this.#windowMs);
  }

  /**
   * Counts one public session for `clientId` on the allow-listed `origin`, or
   * throws the 429 (with Retry-After, naming the budget spent) and counts nothing.
   */
  async admit(c: Context, clientId: string, origin: string): Promise<void> {
    const keys = [
      `client:${clientId}`,
      `origin:${clientId} ${origin}`,
      `shopper:${clientId} ${origin} ${clientBudget(c, this.limits.trustProxy)}`,
    ];
    // With this request counted: each budget is spent when its hits are past its limit.
    const [dealer, page, shopper] = (await Promise.all(keys.map((key) => this.#store.increment(key)))) as [
      ClientRateLimitInfo,
      ClientRateLimitInfo,
      ClientRateLimitInfo,
    ];
    const refuse = async (message: (seconds: number) => string, seconds: number) => {
      await Promise.all(keys.map((key) => this.#store.decrement(key)));
      throw rateLimited(message(seconds), seconds);
    };
    if (dealer.totalHits > this.limits.ceilingPerClient) {
      await refuse(
        (seconds) =>
          `Too many sessions for clientId ${clientId} from all its pages: its ceiling of ${this.limits.ceilingPerClient} a minute is spent; try again in ${seconds} s`,
        this.#secondsUntil(dealer),
      );
    }
    if (page.totalHits > this.limits.perOrigin && shopper.totalHits > NEW_SHOPPER_SESSIONS) {
      // Served again once either the origin's window or this address's turns.
      await refuse(
        (seconds) =>
          `Too many sessions for the page origin ${origin}: its budget of ${this.limits.perOrigin} a minute is spent, and this address has started ${shopper.totalHits - 1} of them; new shoppers are still served; try again in ${seconds} s`,
        Math.min(this.#secondsUntil(page), this.#secondsUntil(shopper)),
      );
    }
  }

  #secondsUntil({ resetTime }: ClientRateLimitInfo): number {
    return resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(this.#windowMs / 1000);
  }
}

const rateLimited = (message: string, seconds: number) =>
  new ApiError(429, 'rate_limited', message, undefined, { 'Retry-After': String(seconds) });
