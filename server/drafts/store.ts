/**
 * Drafts: one per session, the shopper's answers so far and the step they are
 * on, sealed (security/sealer.ts) and bound to the session's id. Every write
 * names the revision it was based on and succeeds only if that is still the
 * current one, in one statement, so two tabs (or two server processes) racing
 * cannot both win: the later one is told the current revision instead. A tab's
 * own later save (by its writer's count) replaces the tab's earlier one even
 * when based on the revision before it: the save a page sends as it hides
 * cannot wait for the answer to the one before.
 * Discarding keeps the row with no body and a higher revision, so a stale tab
 * cannot bring the discarded answers back by saving on top of an old revision.
 * Once the session ends no tab can save, and the row goes: at once when its
 * dealer ends it, else by the sweep (auth/sweep.ts) after its absolute lifetime.
 */
import type { SaveDraftBody, SessionDraft } from '../../contract/index.ts';
import type { Database } from '../db/index.ts';
import { rowContext, type Sealer } from '../security/sealer.ts';

/** What is sealed: everything but the revision and the writer (which the statements compare). */
type Sealed = Omit<SessionDraft, 'revision' | 'updatedAt' | 'writer'>;

type DraftRow = {
  session_id: string;
  revision: number;
  body: string | null;
  updated_at: Date;
  writer: string | null;
  writer_seq: number | null;
};

/** The outcome of a save: the stored draft, or the current state it was not based on. */
export type SaveResult = { saved: SessionDraft } | { conflict: { revision: number; draft: SessionDraft | null } };

export class DraftStore {
  readonly #now: () => number;

  constructor(
    private readonly db: Database,
    private readonly sealer: Sealer,
    options: { now?: () => number } = {},
  ) {
    this.#now = options.now ?? Date.now;
  }

  /** The current draft, with the revision a discarded one reached (0 when the session never saved one). */
  async get(sessionId: string): Promise<{ revision: number; draft: SessionDraft | null }> {
    const [row] = await this.db.query<DraftRow>('SELECT * FROM session_drafts WHERE session_id = $1', [sessionId]);
    return row ? { revision: row.revision, draft: this.#fromRow(row) } : { revision: 0, draft: null };
  }

  /**
   * Saves `body` as the next revision if `body.revision` is still the current
   * one, or if the current one is an earlier save of the same writer.
   */
  async save(sessionId: string, { revision, writer, ...rest }: SaveDraftBody): Promise<SaveResult> {
    const sealed: Sealed = rest;
    const body = this.sealer.seal(sealed, sealedAt(sessionId));
    const now = new Date(this.#now());
    const rows =
      revision === 0
        ? await this.db.query<DraftRow>(
            `INSERT INTO session_drafts (session_id, revision, body, updated_at, writer, writer_seq) VALUES ($1, 1, $2, $3, $4, $5)
             ON CONFLICT (session_id) DO UPDATE SET revision = session_drafts.revision + 1, body = EXCLUDED.body,
               updated_at = EXCLUDED.updated_at, writer_seq = EXCLUDED.writer_seq
             WHERE session_drafts.writer = EXCLUDED.writer AND session_drafts.writer_seq < EXCLUDED.writer_seq
             RETURNING *`,
            [sessionId, body, now, writer?.id ?? null, writer?.seq ?? null],
          )
        : await this.db.query<DraftRow>(
            `UPDATE session_drafts SET revision = revision + 1, body = $3, updated_at = $4, writer = $5, writer_seq = $6
             WHERE session_id = $1 AND (revision = $2 OR (writer = $5 AND writer_seq < $6)) RETURNING *`,
            [sessionId, revision, body, now, writer?.id ?? null, writer?.seq ?? null],
          );
    const [row] = rows;
    if (row) return { saved: this.#fromRow(row) as SessionDraft };
    return { conflict: await this.get(sessionId) };
  }

  /** Discards the draft (the shopper chose to, or sent their answers); nothing to discard is fine too. */
  async discard(sessionId: string): Promise<void> {
    await this.db.query(
      // No writer's later save may bring the discarded answers back.
      'UPDATE session_drafts SET revision = revision + 1, body = NULL, updated_at = $2, writer = NULL, writer_seq = NULL WHERE session_id = $1 AND body IS NOT NULL',
      [sessionId, new Date(this.#now())],
    );
  }

  /**
   * Deletes the draft of a session that has ended (its dealer ended it): no
   * tab can save in it any more, so not even the discarded draft's revision
   * needs keeping.
   */
  async endSession(sessionId: string): Promise<void> {
    await this.db.query('DELETE FROM session_drafts WHERE session_id = $1', [sessionId]);
  }

  /**
   * Deletes every draft, discarded or not, whose session has ended (past its
   * absolute lifetime, or ended by its dealer): the periodic sweep (auth/sweep.ts).
   * The number deleted.
   */
  async purgeEnded(): Promise<number> {
    const rows = await this.db.query<{ session_id: string }>(
      `DELETE FROM session_drafts d USING sessions s
       WHERE s.id = d.session_id AND (s.revoked_at IS NOT NULL OR s.expires_at <= $1)
       RETURNING d.session_id`,
      [new Date(this.#now())],
    );
    return rows.length;
  }

  #fromRow(row: DraftRow): SessionDraft | null {
    if (row.body === null) return null;
    const sealed = this.sealer.open<Sealed>(row.body, sealedAt(row.session_id));
    return {
      ...sealed,
      ...(row.writer !== null && row.writer_seq !== null ? { writer: { id: row.writer, seq: row.writer_seq } } : {}),
      revision: row.revision,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }
}

const sealedAt = (sessionId: string) => rowContext('session_drafts', sessionId);
