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
 * Requests that are refused are not counted. Counters live in the process
 * (hono-rate-limiter's MemoryStore), like every other limit here.
 */
import type { Context } from 'hono';
import { MemoryStore } from 'hono-rate-limiter';
import { clientBudget } from '../http/client-ip.ts';
import { ApiError } from '../http/errors.ts';

/** Sessions one address may still start for an origin whose budget is spent: a shopper reloading the page, not a script. */
export const NEW_SHOPPER_SESSIONS = 3;

export type PublicSessionLimits = {
  /** Sessions per window for one dealer's page origin, before only new shoppers are served. */
  perOrigin: number;
  /** Sessions per window for one dealer across all its origins; nobody is served past it. */
  ceilingPerClient: number;
  windowMs?: number;
  /** Take the address from X-Forwarded-For (behind our own proxy). */
  trustProxy: boolean;
};

type Count = { hits: number; resetTime: Date | undefined };

export class PublicSessionBudgets {
  readonly #store = new MemoryStore();
  readonly #windowMs: number;

  constructor(private readonly limits: PublicSessionLimits) {
    this.#windowMs = limits.windowMs ?? 60_000;
    // The store only reads windowMs from the limiter options it is given.
    this.#store.init({ windowMs: this.#windowMs } as Parameters<MemoryStore['init']>[0]);
  }

  /**
   * Counts one public session for `clientId` on the allow-listed `origin`, or
   * throws the 429 (with Retry-After, naming the budget spent) and counts nothing.
   */
  admit(c: Context, clientId: string, origin: string): void {
    const client = `client:${clientId}`;
    const page = `origin:${clientId} ${origin}`;
    const shopper = `shopper:${clientId} ${origin} ${clientBudget(c, this.limits.trustProxy)}`;

    const dealer = this.#count(client);
    if (dealer.hits >= this.limits.ceilingPerClient) {
      const seconds = this.#secondsUntil(dealer);
      throw rateLimited(
        `Too many sessions for clientId ${clientId} from all its pages: its ceiling of ${this.limits.ceilingPerClient} a minute is spent; try again in ${seconds} s`,
        seconds,
      );
    }
    const pageCount = this.#count(page);
    const shopperCount = this.#count(shopper);
    if (pageCount.hits >= this.limits.perOrigin && shopperCount.hits >= NEW_SHOPPER_SESSIONS) {
      // Served again once either the origin's window or this address's turns.
      const seconds = Math.min(this.#secondsUntil(pageCount), this.#secondsUntil(shopperCount));
      throw rateLimited(
        `Too many sessions for the page origin ${origin}: its budget of ${this.limits.perOrigin} a minute is spent, and this address has started ${shopperCount.hits} of them; new shoppers are still served; try again in ${seconds} s`,
        seconds,
      );
    }
    for (const key of [client, page, shopper]) this.#store.increment(key);
  }

  /** The hits of `key` in its current window (0 once the window has passed). */
  #count(key: string): Count {
    const info = this.#store.get(key);
    if (!info?.resetTime || info.resetTime.getTime() <= Date.now()) return { hits: 0, resetTime: undefined };
    return { hits: info.totalHits, resetTime: info.resetTime };
  }

  #secondsUntil({ resetTime }: Count): number {
    return resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(this.#windowMs / 1000);
  }
}

const rateLimited = (message: string, seconds: number) =>
  new ApiError(429, 'rate_limited', message, undefined, { 'Retry-After': String(seconds) });
