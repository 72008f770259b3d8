/**
 * Connections to shoppers' insurers: which Trellis connection, made in which
 * session, for which dealer. A Trellis connection is claimed by the dealer
 * whose shopper connected it first; no other dealer may record it.
 */
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';

export type ConnectionRecord = {
  id: string;
  sessionId: string;
  clientId: string;
  trellisConnectionId: string;
  issuerId?: string;
  createdAt: Date;
};

type Row = {
  id: string;
  session_id: string;
  client_id: string;
  trellis_connection_id: string;
  issuer_id: string | null;
  created_at: Date;
};

const toRecord = (row: Row): ConnectionRecord => ({
  id: row.id,
  sessionId: row.session_id,
  clientId: row.client_id,
  trellisConnectionId: row.trellis_connection_id,
  ...(row.issuer_id ? { issuerId: row.issuer_id } : {}),
  createdAt: new Date(row.created_at),
});

/** The advisory-lock space of connection claims (two-key locks never meet the migrations' one-key lock). */
const CLAIM_LOCK = 5_005;

export class ConnectionStore {
  constructor(private readonly db: Database) {}

  /**
   * Records a connection, or answers undefined (recording nothing) when its
   * Trellis connection is another dealer's already. The same dealer may record
   * it again (another session of the same shopper). Claims of one Trellis
   * connection are serialised by a lock on its id, so two dealers racing for
   * it cannot both win.
   */
  async create(input: Omit<ConnectionRecord, 'id' | 'createdAt'>): Promise<ConnectionRecord | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CLAIM_LOCK, input.trellisConnectionId]);
      const others = await tx.query('SELECT 1 FROM connections WHERE trellis_connection_id = $1 AND client_id <> $2 LIMIT 1', [
        input.trellisConnectionId,
        input.clientId,
      ]);
      if (others.length > 0) return undefined;
      const [row] = await tx.query<Row>(
        `INSERT INTO connections (id, session_id, client_id, trellis_connection_id, issuer_id) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [newId('con'), input.sessionId, input.clientId, input.trellisConnectionId, input.issuerId ?? null],
      );
      return toRecord(row!);
    });
  }

  async get(id: string): Promise<ConnectionRecord | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM connections WHERE id = $1', [id]);
    return row ? toRecord(row) : undefined;
  }
}
