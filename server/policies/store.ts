/** Connections to shoppers' insurers: which Trellis connection, made in which session, for which dealer. */
import { newId } from '../auth/secrets.ts';
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
  id: string; session_id: string; client_id: string; trellis_connection_id: string; issuer_id: string | null; created_at: Date;
};

const toRecord = (row: Row): ConnectionRecord => ({
  id: row.id,
  sessionId: row.session_id,
  clientId: row.client_id,
  trellisConnectionId: row.trellis_connection_id,
  ...(row.issuer_id ? { issuerId: row.issuer_id } : {}),
  createdAt: new Date(row.created_at),
});

export class ConnectionStore {
  constructor(private readonly db: Database) {}

  async create(input: Omit<ConnectionRecord, 'id' | 'createdAt'>): Promise<ConnectionRecord> {
    const [row] = await this.db.query<Row>(
      `INSERT INTO connections (id, session_id, client_id, trellis_connection_id, issuer_id) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [newId('con'), input.sessionId, input.clientId, input.trellisConnectionId, input.issuerId ?? null],
    );
    return toRecord(row!);
  }

  async get(id: string): Promise<ConnectionRecord | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM connections WHERE id = $1', [id]);
    return row ? toRecord(row) : undefined;
  }
}
