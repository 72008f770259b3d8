/**
 * Resume links' codes: 128 random bits, shown once (in the link) and stored
 * only as their SHA-256, so a copy of the table opens no session. Redeeming is
 * one conditional UPDATE (unused, unexpired, this dealer, this origin), so of
 * two devices that open the link at once exactly one gets the session; when it
 * matches nothing, the row is read again only to say why.
 */

import { hashCredential as hashOf } from '../auth/secrets.ts';
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';

/** Why a code was not redeemed. `unknown` also covers another dealer's code, so a guess learns nothing. */
export type Refusal = 'unknown' | 'used' | 'expired' | 'origin';

type LinkRow = { session_id: string; client_id: string; origin: string; expires_at: Date; used_at: Date | null };

/** How long spent and expired links are kept (for the "already used" answer) before they are swept. */
const KEEP_SPENT_MS = 24 * 3600_000;

export class ResumeLinkStore {
  readonly #now: () => number;

  constructor(
    private readonly db: Database,
    options: { now?: () => number } = {},
  ) {
    this.#now = options.now ?? Date.now;
  }

  /** A new code for `sessionId`, redeemable once from `origin` until `expiresAt`. */
  async mint(link: { sessionId: string; clientId: string; origin: string; expiresAt: Date }): Promise<string> {
    const code = newId('rsm');
    const now = new Date(this.#now());
    await this.db.query(
      'INSERT INTO resume_links (code_hash, session_id, client_id, origin, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [hashOf(code), link.sessionId, link.clientId, link.origin, now, link.expiresAt],
    );
    // Links ended a day ago are no longer worth an answer of their own: minting sweeps them (the index keeps it cheap).
    await this.db.query('DELETE FROM resume_links WHERE expires_at < $1', [new Date(now.getTime() - KEEP_SPENT_MS)]);
    return code;
  }

  /** Spends `code` for `clientId` on `origin`: the session it carries, or why not. */
  async redeem(code: string, clientId: string, origin: string): Promise<{ sessionId: string } | { refused: Refusal }> {
    const now = new Date(this.#now());
    const hash = hashOf(code);
    const [spent] = await this.db.query<Pick<LinkRow, 'session_id'>>(
      `UPDATE resume_links SET used_at = $4
        WHERE code_hash = $1 AND client_id = $2 AND origin = $3 AND used_at IS NULL AND expires_at > $4
        RETURNING session_id`,
      [hash, clientId, origin, now],
    );
    if (spent) return { sessionId: spent.session_id };
    const [row] = await this.db.query<LinkRow>('SELECT * FROM resume_links WHERE code_hash = $1', [hash]);
    if (!row || row.client_id !== clientId) return { refused: 'unknown' };
    if (row.used_at) return { refused: 'used' };
    if (new Date(row.expires_at).getTime() <= now.getTime()) return { refused: 'expired' };
    return { refused: 'origin' };
  }
}
