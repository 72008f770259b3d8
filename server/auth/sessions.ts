/**
 * Sessions: created once (by a dealer's backend or the public endpoint) and
 * never changed, so every process may keep the ones it has read in memory
 * until they expire. The database stays the source of truth.
 */
import { LRUCache } from 'lru-cache';
import type { Prefill, Product } from '../../contract/index.ts';
import { BatchedInsert } from '../db/batch.ts';
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';

export type SessionRecord = {
  id: string;
  clientId: string;
  products: Product[];
  prefill: Prefill;
  origin?: string;
  externalRef?: string;
  createdAt: Date;
  expiresAt: Date;
};

type SessionRow = {
  id: string;
  client_id: string;
  products: Product[];
  prefill: Prefill;
  origin: string | null;
  external_ref: string | null;
  created_at: Date;
  expires_at: Date;
};

export class SessionStore {
  readonly #cache: LRUCache<string, SessionRecord>;
  readonly #inserts: BatchedInsert;
  readonly #now: () => number;

  constructor(
    private readonly db: Database,
    options: { cacheSize?: number; now?: () => number } = {},
  ) {
    this.#cache = new LRUCache({ max: options.cacheSize ?? 50_000 });
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

  async create(input: Omit<SessionRecord, 'id' | 'createdAt' | 'expiresAt'>, ttlSeconds: number): Promise<SessionRecord> {
    const createdAt = new Date(this.#now());
    // Whole seconds, like the token's `exp`, so session and token end at the same instant.
    const expiresAt = new Date((Math.floor(createdAt.getTime() / 1000) + ttlSeconds) * 1000);
    const session: SessionRecord = { ...input, id: newId('ses'), createdAt, expiresAt };
    await this.#inserts.insert([
      session.id,
      session.clientId,
      JSON.stringify(session.products),
      JSON.stringify(session.prefill),
      session.origin ?? null,
      session.externalRef ?? null,
      session.createdAt,
      session.expiresAt,
    ]);
    this.#cache.set(session.id, session);
    return session;
  }

  /** The session, or undefined when it does not exist or has expired. */
  async get(id: string, now = this.#now()): Promise<SessionRecord | undefined> {
    let session = this.#cache.get(id);
    if (!session) {
      const [row] = await this.db.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
      if (!row) return undefined;
      session = fromRow(row);
      this.#cache.set(id, session);
    }
    if (session.expiresAt.getTime() <= now) {
      this.#cache.delete(id);
      return undefined;
    }
    return session;
  }
}

function fromRow(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    products: row.products,
    prefill: row.prefill,
    origin: row.origin ?? undefined,
    externalRef: row.external_ref ?? undefined,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}
