/**
 * Which session the shopper's progress is in, so a reload, a crash or another
 * tab of the same page carries on in it and finds its draft on the server.
 *
 * Only the session token is kept: short-lived (at most 15 minutes, renewed
 * while the widget runs, each renewal replacing it here), bound to the page
 * origin and the dealer, and never an answer (those stay on the server,
 * sealed). It is kept in the page origin's localStorage, so every tab of the
 * page shares it, and only once the shopper has progress to keep; it is
 * forgotten when they discard their answers or send them. A kept token that
 * has expired is not used (a session cannot be renewed from one).
 */
import { claimsOf } from './session-keeper.ts';

const PREFIX = 'coverkit.session:';
/** A token this close to its end is not worth resuming with: it would expire before the widget renewed it. */
const MIN_LEFT_MS = 5_000;

export class SessionMemory {
  #active = false;

  private constructor(
    private readonly key: string,
    private readonly clientId: string | undefined,
  ) {}

  /** The memory of the widget talking to `apiBase` for `clientId` (undefined: sessions from the dealer's fetchSessionToken). */
  static for(apiBase: string, clientId: string | undefined): SessionMemory {
    return new SessionMemory(`${PREFIX}${apiBase}|${clientId ?? '(dealer)'}`, clientId);
  }

  /** The kept token while it is still valid for a while, for this dealer; else nothing (and it is forgotten). */
  recall(now = Date.now()): string | undefined {
    const token = read(this.key);
    if (!token) return undefined;
    const claims = claimsOf(token);
    const fresh = typeof claims?.exp === 'number' && claims.exp * 1000 - now > MIN_LEFT_MS;
    const ours = this.clientId === undefined || claims?.dlr === this.clientId;
    if (fresh && ours) {
      this.#active = true;
      return token;
    }
    this.forget();
    return undefined;
  }

  /** The shopper has progress in this session: keep its token (and every renewal of it) from now on. */
  remember(token: string | undefined) {
    if (!token) return;
    this.#active = true;
    write(this.key, token);
  }

  /** A new token for the session (a renewal): kept only while the memory is in use. */
  renewed(token: string) {
    if (this.#active) write(this.key, token);
  }

  forget() {
    this.#active = false;
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Storage refused (a sandboxed frame, a privacy mode): there is nothing to forget.
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
