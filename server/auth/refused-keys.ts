/**
 * Wrong secret keys, throttled on every secret-key route (requireSecretKey
 * runs this): refusals are counted per address (IPv6 by its /64) and per
 * registered clientId, and once either budget of the window is spent a wrong
 * key is answered 429 with Retry-After instead of 401.
 *
 * Only refusals are counted, after the key has been checked (in constant
 * time), so the limiter can never be turned against the dealer: the right key
 * is not counted and is never refused, however many requests it makes at once
 * and whatever an address sharing its NAT has guessed. (A budget charged on
 * arrival and refunded on success, as a skip-successful-requests limiter does,
 * refuses the right key while a burst is in flight.) The right key still
 * passing from an address that has been guessing is no help to the guesser: a
 * key is 256 random bits. What the budgets take away is the volume: a guesser's
 * answers turn to 429, and its refusals stop reaching logs and handlers as 401s.
 *
 * Unknown clientIds are counted per address only, so random ids cannot fill
 * memory. Counters live in the shared store (http/limit-counters.ts): every
 * process behind a balancer spends the same budgets.
 */
import type { Context } from 'hono';
import { clientBudget } from '../http/client-ip.ts';
import { ApiError } from '../http/errors.ts';
import type { LimitCounters, LimitStore } from '../http/limit-counters.ts';

export type RefusedKeyLimits = {
  /** Wrong keys per window from one address. */
  perAddress: number;
  /** Wrong keys per window for one registered clientId, from anywhere. */
  perClient: number;
  windowMs?: number;
  /** Take the address from X-Forwarded-For (behind our own proxy). */
  trustProxy: boolean;
};

export class RefusedSecretKeys {
  readonly #store: LimitStore;
  readonly #windowMs: number;

  constructor(
    counters: LimitCounters,
    private readonly limits: RefusedKeyLimits,
  ) {
    this.#windowMs = limits.windowMs ?? 60_000;
    this.#store = counters.store('refused-keys', this.#windowMs);
  }

  /**
   * Counts one wrong key presented for `clientId` (undefined: not a registered
   * dealer) and throws the 429 when a budget is spent; otherwise resolves, and
   * the caller answers its 401.
   */
  async refuse(c: Context, clientId: string | undefined): Promise<void> {
    const spent = (
      await Promise.all([
        this.#count(`address:${clientBudget(c, this.limits.trustProxy)}`, this.limits.perAddress, 'from this address'),
        clientId === undefined ? undefined : this.#count(`client:${clientId}`, this.limits.perClient, 'for this clientId'),
      ])
    ).filter((s) => s !== undefined);
    if (spent.length === 0) return;
    const seconds = Math.max(...spent.map((s) => s.seconds));
    throw new ApiError(429, 'rate_limited', `Too many refused secret keys ${spent[0]!.whose}; try again in ${seconds} s`, undefined, {
      'Retry-After': String(seconds),
    });
  }

  async #count(key: string, limit: number, whose: string): Promise<{ seconds: number; whose: string } | undefined> {
    const { totalHits, resetTime } = await this.#store.increment(key);
    if (totalHits <= limit) return undefined;
    const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(this.#windowMs / 1000);
    return { seconds, whose };
  }
}
