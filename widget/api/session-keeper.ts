/**
 * Keeps the widget's session token valid for as long as the session lasts,
 * without the shopper noticing: a token lives at most 15 minutes, so when
 * two thirds of its life have passed it is traded for a fresh one
 * (POST /v1/session/token), by a timer and again before any request that
 * finds it close to its end (timers sleep in background tabs and on a closed
 * laptop). When the token expired while the device slept, the same session
 * is taken up again from `sameSession` (its refresh key) when it can be; when
 * the session cannot go on (its lifetime is over, the dealer ended it) a new
 * session is asked of `newSession` — the dealer's `fetchSessionToken`, or a
 * public session from the clientId — when there is one.
 *
 * A token's lifetime is read from its own `iat` and `exp` and counted on this
 * device's clock from when the token arrived, so a device whose clock is off
 * still renews on time.
 */

/** Renews `token` (for the same session), or throws the server's refusal. */
type Renew = (token: string) => Promise<{ sessionToken: string }>;

export type SessionKeeperOptions = {
  renew: Renew;
  /** A session token for a new session, when the current one cannot go on. */
  newSession?: () => Promise<string>;
  /**
   * A fresh token of the same session, when the token expired before it was
   * renewed (the device slept) and one can be had (the session's refresh key):
   * tried before a new session, and the session goes on as if renewed.
   */
  sameSession?: (expired: string) => Promise<string | undefined>;
  /** Called once a new session has replaced the one the widget started with. */
  replaced?: () => void;
  /** Called with every token taken (the first, each renewal, a new session's). */
  adopted?: (token: string) => void;
  now?: () => number;
};

/** The part of a token's life that is left when it is renewed. */
const RENEW_WHEN_LEFT = 1 / 3;

export class SessionKeeper {
  #token?: string;
  /** On this device's clock: when the token should be renewed, and when it expires. */
  #renewAt = Number.POSITIVE_INFINITY;
  #timer?: ReturnType<typeof setTimeout>;
  #renewing?: Promise<string | undefined>;
  #replacing?: Promise<boolean>;
  #paused = false;
  readonly #now: () => number;

  constructor(private readonly options: SessionKeeperOptions) {
    this.#now = options.now ?? Date.now;
  }

  get token(): string | undefined {
    return this.#token;
  }

  /** Takes `token` as the session's token and plans its renewal. */
  adopt(token: string) {
    this.#token = token;
    this.options.adopted?.(token);
    const life = lifetimeOf(token);
    this.#renewAt = life === undefined ? Number.POSITIVE_INFINITY : this.#now() + life * (1 - RENEW_WHEN_LEFT);
    this.#schedule();
  }

  /** The token to send now, renewed first when its time has come. */
  async current(): Promise<string | undefined> {
    if (this.#token && this.#now() >= this.#renewAt) await this.renew();
    return this.#token;
  }

  /**
   * Trades the token for a fresh one (one trade at a time). A refusal (401)
   * means the session cannot go on: a new session is asked for instead. Any
   * other failure (the network) keeps the current token, which is still valid for a while.
   */
  renew(): Promise<string | undefined> {
    const token = this.#token;
    if (!token) return Promise.resolve(undefined);
    this.#renewing ??= this.options
      .renew(token)
      .then(
        (renewed) => {
          if (this.#token === token) this.adopt(renewed.sessionToken);
        },
        async (error: unknown) => {
          if ((error as { status?: number }).status === 401) await this.replace(token);
          else this.#retrySoon();
        },
      )
      .then(() => this.#token)
      .finally(() => {
        this.#renewing = undefined;
      });
    return this.#renewing;
  }

  /**
   * The server refused `failed` (401): a new session takes over when one can
   * be had. True when the request should be sent again with the token now held.
   */
  replace(failed: string): Promise<boolean> {
    if (this.#token !== failed) return Promise.resolve(this.#token !== undefined);
    this.#replacing ??= this.#takeOver(failed).finally(() => {
      this.#replacing = undefined;
    });
    return this.#replacing;
  }

  /** The same session again when it can be had, else a new one: true once a token is held. */
  async #takeOver(failed: string): Promise<boolean> {
    const same = await this.options.sameSession?.(failed).catch(() => undefined);
    if (same) {
      this.adopt(same);
      return true;
    }
    const { newSession } = this.options;
    if (!newSession) return false;
    try {
      this.adopt(await newSession());
    } catch {
      return false;
    }
    this.options.replaced?.();
    return true;
  }

  /** Off the page: no timer runs (the next request renews if it must). */
  pause() {
    this.#paused = true;
    clearTimeout(this.#timer);
  }

  resume() {
    this.#paused = false;
    this.#schedule();
  }

  #schedule() {
    clearTimeout(this.#timer);
    if (this.#paused || !Number.isFinite(this.#renewAt)) return;
    // setTimeout holds at most ~24.8 days; a token lives minutes.
    this.#timer = setTimeout(() => void this.renew(), Math.max(0, this.#renewAt - this.#now()));
  }

  /** The server could not be reached: try again in a few seconds, while the token still holds. */
  #retrySoon() {
    this.#renewAt = this.#now() + 5_000;
    this.#schedule();
  }
}

/** A token's claims, read without verifying (the server verifies); undefined when it cannot be read. */
export function claimsOf(token: string): { iat?: unknown; exp?: unknown; dlr?: unknown; sub?: unknown } | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      iat?: unknown;
      exp?: unknown;
      dlr?: unknown;
      sub?: unknown;
    };
  } catch {
    return undefined;
  }
}

/** The token's lifetime in milliseconds, from its own claims; undefined when it cannot be read. */
function lifetimeOf(token: string): number | undefined {
  const claims = claimsOf(token);
  if (!claims || typeof claims.iat !== 'number' || typeof claims.exp !== 'number' || claims.exp <= claims.iat) return undefined;
  return (claims.exp - claims.iat) * 1000;
}
