/**
 * Sessions: created once (by a dealer's backend or the public endpoint) with
 * an absolute lifetime (4 h by default), over which the widget renews its
 * short-lived token. The one change a session sees is its dealer ending it
 * early (revocation), so every process may keep the sessions it has read in
 * memory for a few seconds: a revocation reaches the revoking process at once
 * and every other within CACHE_SECONDS, and renewal always reads the database.
 * The database stays the source of truth.
 */
import { LRUCache } from 'lru-cache';
import type { Prefill, Product } from '../../contract/index.ts';
import { BatchedInsert } from '../db/batch.ts';
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';
import { rowContext, type Sealer } from '../security/sealer.ts';

export type SessionRecord = {
  id: string;
  clientId: string;
  products: Product[];
  prefill: Prefill;
  origin?: string;
  externalRef?: string;
  createdAt: Date;
  /** The end of the session's absolute lifetime. */
  expiresAt: Date;
  /** When its dealer ended it, if it did. */
  revokedAt?: Date;
};

/** Why a session no longer counts, or undefined while it runs. */
export type SessionEnd = 'expired' | 'revoked';

type SessionRow = {
  id: string;
  client_id: string;
  products: Product[];
  /** What the dealer knew of the shopper, sealed (security/sealer.ts) and bound to the session's id. */
  prefill: string;
  origin: string | null;
  external_ref: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
};

/** How long a process trusts its memory of a session before reading it again (a revocation elsewhere shows by then). */
const CACHE_SECONDS = 15;

export class SessionStore {
  readonly #cache: LRUCache<string, SessionRecord>;
  readonly #inserts: BatchedInsert;
  readonly #now: () => number;

  constructor(
    private readonly db: Database,
    private readonly sealer: Sealer,
    options: { cacheSize?: number; now?: () => number } = {},
  ) {
    this.#cache = new LRUCache({ max: options.cacheSize ?? 50_000, ttl: CACHE_SECONDS * 1000 });
    this.#now = options.now ?? Date.now;
    this.#inserts = new BatchedInsert(db, 'sessions', [
      'id',
      'client_id',
      'products',
      'prefill',
      'origin',
      'external_ref',
      'created_at',
      'expires_at',
    ]);
  }

  async create(
    input: Omit<SessionRecord, 'id' | 'createdAt' | 'expiresAt' | 'revokedAt'>,
    lifetimeSeconds: number,
  ): Promise<SessionRecord> {
    const createdAt = new Date(this.#now());
    // Whole seconds, like a token's `exp`, so the last token and the session end at the same instant.
    const expiresAt = new Date((Math.floor(createdAt.getTime() / 1000) + lifetimeSeconds) * 1000);
    const session: SessionRecord = { ...input, id: newId('ses'), createdAt, expiresAt };
    await this.#inserts.insert([
      session.id,
      session.clientId,
      JSON.stringify(session.products),
      this.sealer.seal(session.prefill, sealedAt(session.id)),
      session.origin ?? null,
      session.externalRef ?? null,
      session.createdAt,
      session.expiresAt,
    ]);
    this.#cache.set(session.id, session);
    return session;
  }

  /**
   * The session, ended or not (see `endOf`), or undefined when there is none.
   * `fresh` reads the database, for decisions a revocation on another process must not miss.
   */
  async get(id: string, { fresh = false } = {}): Promise<SessionRecord | undefined> {
    const cached = fresh ? undefined : this.#cache.get(id);
    if (cached) return cached;
    const [row] = await this.db.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
    if (!row) return undefined;
    const session = fromRow(this.sealer, row);
    this.#cache.set(id, session);
    return session;
  }

  /** Why the session no longer counts: past its absolute lifetime, or ended by its dealer. */
  endOf(session: SessionRecord): SessionEnd | undefined {
    if (session.revokedAt) return 'revoked';
    if (session.expiresAt.getTime() <= this.#now()) return 'expired';
    return undefined;
  }

  /** Ends a session of `clientId` early; false when it has no such session. Ending it again changes nothing. */
  async revoke(id: string, clientId: string): Promise<boolean> {
    const rows = await this.db.query<SessionRow>(
      'UPDATE sessions SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND client_id = $2 RETURNING *',
      [id, clientId, new Date(this.#now())],
    );
    const [row] = rows;
    if (!row) return false;
    this.#cache.set(id, fromRow(this.sealer, row));
    return true;
  }
}

const sealedAt = (id: string) => rowContext('sessions', id);

function fromRow(sealer: Sealer, row: SessionRow): SessionRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    products: row.products,
    prefill: sealer.open<Prefill>(row.prefill, sealedAt(row.id)),
    origin: row.origin ?? undefined,
    externalRef: row.external_ref ?? undefined,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : undefined,
  };
}
