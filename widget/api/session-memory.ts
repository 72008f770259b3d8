/**
 * Which session the shopper's progress is in, so a reload, a crash or another
 * tab of the same page carries on in it and finds its draft on the server.
 *
 * Kept: the session token (short-lived, at most 15 minutes, renewed while the
 * widget runs, each renewal replacing it here; bound to the page origin and
 * the dealer) and the session's refresh key, never an answer (those stay on
 * the server, sealed). They are kept in the page origin's localStorage, so
 * every tab of the page shares them, and only once the shopper has progress
 * to keep; they are forgotten when they discard their answers or send them.
 *
 * An expired token is not used (the server renews none), so the refresh key
 * is what a reload after the page was closed longer than a token lives
 * carries on with: it is asked for once per session (POST
 * /v1/session/refresh-key) and traded for a fresh token of the same session
 * (POST /v1/sessions/refresh), from this page origin only, while the session runs.
 */
import { claimsOf } from './session-keeper.ts';

const PREFIX = 'coverkit.session:';
const REFRESH_PREFIX = 'coverkit.refresh:';
/** A token this close to its end is not worth resuming with: it would expire before the widget renewed it. */
const MIN_LEFT_MS = 5_000;

/** What a reload carries on with: a token still valid for a while, else the session's refresh key. */
export type Remembered = { token: string } | { refreshKey: string };

/** A refresh key, for the session it was made in. */
type KeptKey = { sessionId: string; refreshKey: string };

/** Asks the server for a refresh key of the current session. */
export type MintRefreshKey = () => Promise<KeptKey>;

export class SessionMemory {
  #active = false;
  #minting?: Promise<void>;

  private constructor(
    private readonly key: string,
    private readonly clientId: string | undefined,
  ) {}

  /** The memory of the widget talking to `apiBase` for `clientId` (undefined: sessions from the dealer's fetchSessionToken). */
  static for(apiBase: string, clientId: string | undefined): SessionMemory {
    return new SessionMemory(`${apiBase}|${clientId ?? '(dealer)'}`, clientId);
  }

  /** The kept token while it is still valid for a while, for this dealer; else the refresh key; else nothing (and all is forgotten). */
  recall(now = Date.now()): Remembered | undefined {
    const token = read(PREFIX + this.key);
    const claims = token ? claimsOf(token) : undefined;
    const fresh = typeof claims?.exp === 'number' && claims.exp * 1000 - now > MIN_LEFT_MS;
    const ours = this.clientId === undefined || claims?.dlr === this.clientId;
    if (token && fresh && ours) {
      this.#active = true;
      return { token };
    }
    const kept = this.#keptKey();
    // A token of another dealer says the key is not this widget's either.
    if (kept && (!token || ours)) return { refreshKey: kept.refreshKey };
    this.forget();
    return undefined;
  }

  /**
   * The shopper has progress in this session: keep its token (and every
   * renewal of it) from now on, and a refresh key for the session, asked of
   * `mint` once (again only when the session changed).
   */
  remember(token: string | undefined, mint?: MintRefreshKey) {
    if (!token) return;
    this.#active = true;
    write(PREFIX + this.key, token);
    const sessionId = claimsOf(token)?.sub;
    if (!mint || typeof sessionId !== 'string' || this.#keptKey()?.sessionId === sessionId) return;
    this.#minting ??= mint()
      .then(
        (kept) => {
          // Kept only while the memory is in use (the shopper may have discarded meanwhile).
          if (this.#active) write(REFRESH_PREFIX + this.key, JSON.stringify(kept));
        },
        () => {
          // Not had now: the next save asks again.
        },
      )
      .finally(() => {
        this.#minting = undefined;
      });
  }

  /** The kept refresh key of the session of `token`, while the memory is in use. */
  refreshKeyFor(token: string): string | undefined {
    const kept = this.#active ? this.#keptKey() : undefined;
    return kept && kept.sessionId === claimsOf(token)?.sub ? kept.refreshKey : undefined;
  }

  /** A new token for the session (a renewal): kept only while the memory is in use. */
  renewed(token: string) {
    if (this.#active) write(PREFIX + this.key, token);
  }

  forget() {
    this.#active = false;
    remove(PREFIX + this.key);
    remove(REFRESH_PREFIX + this.key);
  }

  #keptKey(): KeptKey | undefined {
    try {
      const kept = JSON.parse(read(REFRESH_PREFIX + this.key) ?? 'null') as Partial<KeptKey> | null;
      return typeof kept?.sessionId === 'string' && typeof kept.refreshKey === 'string'
        ? { sessionId: kept.sessionId, refreshKey: kept.refreshKey }
        : undefined;
    } catch {
      return undefined;
    }
  }
}

function read(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused or full: a reload starts a new session, as without this memory.
  }
}

function remove(key: string) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage refused (a sandboxed frame, a privacy mode): there is nothing to forget.
  }
}
