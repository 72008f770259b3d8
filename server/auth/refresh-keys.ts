/**
 * Refresh keys: 128 random bits, shown once (to the widget that asked) and
 * stored only as their SHA-256, each bound to one session and the page origin
 * it was made on. A key does not rotate on use: every tab of the page shares
 * it, and a reload in one must not lock out the others. It is worth no more
 * than the session's own renewal (a token, for at most 15 minutes, while the
 * session runs), and it ends with the session.
 */
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';
import { hashCredential as hashOf } from './secrets.ts';

export class RefreshKeyStore {
  readonly #now: () => number;

  constructor(
    private readonly db: Database,
    options: { now?: () => number } = {},
  ) {
    this.#now = options.now ?? Date.now;
  }

  /** A new key for `sessionId`, taken only from `origin`. */
  async mint(sessionId: string, origin: string): Promise<string> {
    const key = newId('rfk');
    await this.db.query('INSERT INTO session_refresh_keys (key_hash, session_id, origin, created_at) VALUES ($1, $2, $3, $4)', [
      hashOf(key),
      sessionId,
      origin,
      new Date(this.#now()),
    ]);
    return key;
  }

  /** The session and origin `key` was made for, or undefined when no key is. */
  async find(key: string): Promise<{ sessionId: string; origin: string } | undefined> {
    const [row] = await this.db.query<{ session_id: string; origin: string }>(
      'SELECT session_id, origin FROM session_refresh_keys WHERE key_hash = $1',
      [hashOf(key)],
    );
    return row && { sessionId: row.session_id, origin: row.origin };
  }

  /** Deletes the keys of sessions that have ended (past their lifetime, or ended by their dealer): the periodic sweep. */
  async purgeEnded(): Promise<number> {
    const rows = await this.db.query<{ key_hash: string }>(
      `DELETE FROM session_refresh_keys k USING sessions s
       WHERE s.id = k.session_id AND (s.revoked_at IS NOT NULL OR s.expires_at <= $1)
       RETURNING k.key_hash`,
      [new Date(this.#now())],
    );
    return rows.length;
  }
}
