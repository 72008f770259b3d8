/**
 * Connections to shoppers' insurers: which Trellis connection, made in which
 * session, for which dealer. A Trellis connection is claimed by the dealer
 * whose shopper connected it first; no other dealer may record it.
 *
 * The Trellis connection id opens the shopper's policies to whoever holds our
 * Trellis credentials, so it is stored sealed (security/sealer.ts) and found
 * by a keyed hash of it.
 */
import { newId } from '../db/ids.ts';
import type { Database } from '../db/index.ts';
import { rowContext, type Sealer } from '../security/sealer.ts';

export type ConnectionRecord = {
  id: string;
  sessionId: string;
  clientId: string;
  trellisConnectionId: string;
  issuerId?: string;
  createdAt: Date;
  /** When its policies could first be read; absent until then. */
  readyAt?: Date;
};

/** A connection leased for a readiness check, with the checks made so far (this one included). */
export type ReadinessCheck = ConnectionRecord & { checks: number };

type Row = {
  id: string;
  session_id: string;
  client_id: string;
  /** Sealed. */
  trellis_connection_id: string;
  issuer_id: string | null;
  created_at: Date;
  ready_at: Date | null;
};

const sealedAt = (id: string) => rowContext('connections', id);
/** Keeps the hashes of Trellis connection ids apart from any other value's. */
export const TRELLIS_CONNECTION_HASH = 'trellis-connection';

const toRecord = (sealer: Sealer, row: Row): ConnectionRecord => ({
  id: row.id,
  sessionId: row.session_id,
  clientId: row.client_id,
  trellisConnectionId: sealer.open<string>(row.trellis_connection_id, sealedAt(row.id)),
  ...(row.issuer_id ? { issuerId: row.issuer_id } : {}),
  createdAt: new Date(row.created_at),
  ...(row.ready_at ? { readyAt: new Date(row.ready_at) } : {}),
});

/** The advisory-lock space of connection claims (two-key locks never meet the migrations' one-key lock). */
const CLAIM_LOCK = 5_005;

export class ConnectionStore {
  constructor(
    private readonly db: Database,
    private readonly sealer: Sealer,
  ) {}

  /**
   * Records a connection, or answers undefined (recording nothing) when its
   * Trellis connection is another dealer's already. The same dealer may record
   * it again (another session of the same shopper). Claims of one Trellis
   * connection are serialised by a lock on its id, so two dealers racing for
   * it cannot both win.
   */
  async create(input: Omit<ConnectionRecord, 'id' | 'createdAt' | 'readyAt'>): Promise<ConnectionRecord | undefined> {
    const hash = this.sealer.lookupHash(input.trellisConnectionId, TRELLIS_CONNECTION_HASH);
    // Rows written before a key rotation carry the hash under their key; rows from before sealing, none yet.
    const anyHash = this.sealer.lookupHashes(input.trellisConnectionId, TRELLIS_CONNECTION_HASH);
    const id = newId('con');
    return this.db.transaction(async (tx) => {
      // Locked by the hash: the lock table shows no connection id either.
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CLAIM_LOCK, hash]);
      const others = await tx.query(
        `SELECT 1 FROM connections
         WHERE (trellis_connection_hash = ANY($1::text[]) OR (trellis_connection_hash IS NULL AND trellis_connection_id = $2))
           AND client_id <> $3 LIMIT 1`,
        [anyHash, JSON.stringify(input.trellisConnectionId), input.clientId],
      );
      if (others.length > 0) return undefined;
      const [row] = await tx.query<Row>(
        // Due for its first readiness check at once (readiness.ts).
        `INSERT INTO connections (id, session_id, client_id, trellis_connection_id, trellis_connection_hash, issuer_id, ready_check_at)
         VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING *`,
        [id, input.sessionId, input.clientId, this.sealer.seal(input.trellisConnectionId, sealedAt(id)), hash, input.issuerId ?? null],
      );
      return toRecord(this.sealer, row!);
    });
  }

  /**
   * Records that the connection's policies can be read, the first time only
   * (a conditional UPDATE: later reads, and two reads at once, change nothing).
   * The webhook catch-up tells the dealer from this fact (webhooks/catch-up.ts).
   * No readiness check is needed after it (a check under way finds its lease gone).
   */
  async markReady(id: string, ready: { policyCount: number; issuerId?: string }): Promise<void> {
    await this.db.query(
      `UPDATE connections SET ready_at = now(), policy_count = $2, issuer_id = coalesce(issuer_id, $3),
              ready_check_at = NULL, ready_check_owner = NULL, ready_check_until = NULL
       WHERE id = $1 AND ready_at IS NULL`,
      [id, ready.policyCount, ready.issuerId ?? null],
    );
  }

  async get(id: string): Promise<ConnectionRecord | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM connections WHERE id = $1', [id]);
    return row ? toRecord(this.sealer, row) : undefined;
  }

  // The readiness checks' queue (readiness.ts): each statement is conditional on the lease.

  /**
   * Leases connections whose check is due, made within `maxAgeMs`, of dealers
   * with an enabled endpoint that asked for connection.ready: nobody else
   * needs to know, so nobody else's connections cost Trellis calls.
   */
  async claimReadinessChecks(owner: string, leaseMs: number, limit: number, maxAgeMs: number): Promise<ReadinessCheck[]> {
    if (limit <= 0) return [];
    const rows = await this.db.query<Row & { ready_checks: number }>(
      `UPDATE connections c
       SET ready_check_owner = $1, ready_check_until = now() + make_interval(secs => $2), ready_checks = c.ready_checks + 1
       WHERE c.id IN (
         SELECT id FROM connections d
         WHERE d.ready_check_at <= now() AND d.ready_at IS NULL AND d.created_at > now() - make_interval(secs => $4)
           AND (d.ready_check_until IS NULL OR d.ready_check_until < now())
           AND EXISTS (SELECT 1 FROM webhook_endpoints e
                       WHERE e.client_id = d.client_id AND e.status = 'enabled' AND 'connection.ready' = ANY(e.events))
         ORDER BY d.ready_check_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED)
       RETURNING c.*`,
      [owner, leaseMs / 1000, limit, maxAgeMs / 1000],
    );
    return rows.map((row) => ({ ...toRecord(this.sealer, row), checks: row.ready_checks }));
  }

  /** Stops checking connections too old to wait for (Trellis reads a login within minutes). */
  async endStaleReadinessChecks(maxAgeMs: number): Promise<void> {
    await this.db.query(
      `UPDATE connections SET ready_check_at = NULL, ready_check_owner = NULL, ready_check_until = NULL
       WHERE ready_check_at IS NOT NULL AND created_at <= now() - make_interval(secs => $1)`,
      [maxAgeMs / 1000],
    );
  }

  async renewReadinessCheck(id: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE connections SET ready_check_until = now() + make_interval(secs => $3)
       WHERE id = $1 AND ready_check_owner = $2 AND ready_check_at IS NOT NULL RETURNING id`,
      [id, owner, leaseMs / 1000],
    );
    return rows.length > 0;
  }

  /** The next check `delayMs` from now (0: hands it back, due at once); false when the lease is no longer `owner`'s. */
  async scheduleReadinessCheck(id: string, owner: string, delayMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE connections SET ready_check_at = now() + make_interval(secs => $3), ready_check_owner = NULL, ready_check_until = NULL
       WHERE id = $1 AND ready_check_owner = $2 AND ready_check_at IS NOT NULL RETURNING id`,
      [id, owner, delayMs / 1000],
    );
    return rows.length > 0;
  }

  /** No more checks: Trellis found no policies, or does not know the connection. */
  async endReadinessCheck(id: string, owner: string): Promise<void> {
    await this.db.query(
      `UPDATE connections SET ready_check_at = NULL, ready_check_owner = NULL, ready_check_until = NULL
       WHERE id = $1 AND ready_check_owner = $2`,
      [id, owner],
    );
  }
}
