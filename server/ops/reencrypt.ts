/**
 * `npm run data:reencrypt`: rewrites every sealed value not under the current
 * data key (the first of COVERKIT_DATA_KEY) under it, with its lookup hashes,
 * so that an older key can then be dropped from the list. Rows from before
 * encryption (plain JSON) are sealed the same way.
 *
 * It works in batches, each in its own transaction, and picks only rows that
 * still need it: stopped at any point, it is run again and goes on where it
 * was. Servers may keep running meanwhile; a row one of them changes while a
 * batch reads it is left for the next run (the update checks the old value).
 * It prints counts only, never a value.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import { openDatabase } from '../db/index.ts';
import { TRELLIS_CONNECTION_HASH } from '../policies/store.ts';
import { databaseOptions } from '../runtime.ts';
import { configuredDataKeys } from '../security/data-keys.ts';
import { rowContext, Sealer } from '../security/sealer.ts';

type SealedTable = {
  table: string;
  /** The row's key: what its sealed values are bound to (rowContext). */
  key: string;
  columns: readonly string[];
  /** Keyed hashes of a sealed column, for lookups by equality. */
  hashes?: readonly { column: string; of: string; purpose: string }[];
};

/** Every sealed column in the database. A new one is added here, or rotation leaves it behind. */
export const SEALED_TABLES: readonly SealedTable[] = [
  { table: 'sessions', key: 'id', columns: ['prefill'] },
  { table: 'session_drafts', key: 'session_id', columns: ['body'] },
  { table: 'quote_requests', key: 'id', columns: ['body'] },
  { table: 'submissions', key: 'id', columns: ['body', 'selected_quote', 'quotes', 'consent'] },
  {
    table: 'connections',
    key: 'id',
    columns: ['trellis_connection_id'],
    hashes: [{ column: 'trellis_connection_hash', of: 'trellis_connection_id', purpose: TRELLIS_CONNECTION_HASH }],
  },
  { table: 'webhook_endpoints', key: 'id', columns: ['secret', 'previous_secret'] },
  { table: 'signing_keys', key: 'kid', columns: ['private_jwk'] },
];

export type ReencryptResult = { table: string; rewritten: number; changedMeanwhile: number }[];

/** SQL naming the rows of `t` that hold anything not under the current key ($1: its sealed prefix, $4: its hash prefix). */
function staleRows(t: SealedTable): string {
  const sealed = t.columns.map((c) => `(${c} IS NOT NULL AND NOT starts_with(${c}, $1))`);
  const hashed = (t.hashes ?? []).map((h) => `(${h.of} IS NOT NULL AND (${h.column} IS NULL OR NOT starts_with(${h.column}, $4)))`);
  return [...sealed, ...hashed].join(' OR ');
}

export async function reencrypt(
  db: Database,
  sealer: Sealer,
  { batchSize = 500, onBatch = () => {} }: { batchSize?: number; onBatch?: (table: string, rewritten: number) => void } = {},
): Promise<ReencryptResult> {
  const result: ReencryptResult = [];
  for (const t of SEALED_TABLES) {
    const hashes = t.hashes ?? [];
    const read = [t.key, ...t.columns, ...hashes.map((h) => h.column)];
    const counts = { table: t.table, rewritten: 0, changedMeanwhile: 0 };
    // Walks the table by key once: a row left behind (changed meanwhile, or failing) is not read again in this run.
    let after = '';
    for (;;) {
      const rows = await db.query<Record<string, string | null>>(
        `SELECT ${read.join(', ')} FROM ${t.table} WHERE ${t.key} > $2 AND (${staleRows(t)}) ORDER BY ${t.key} LIMIT $3`,
        [sealer.currentPrefix, after, batchSize, ...(hashes.length > 0 ? [`${sealer.currentKeyId}.`] : [])],
      );
      if (rows.length === 0) break;
      after = rows.at(-1)![t.key]!;
      const rewritten = await db.transaction(async (tx) => {
        let done = 0;
        for (const row of rows) {
          const at = rowContext(t.table, row[t.key]!);
          const opened = new Map(t.columns.map((c) => [c, row[c] === null ? null : sealer.open<unknown>(row[c]!, at)]));
          const values = [
            ...t.columns.map((c) => sealer.sealOptional(opened.get(c), at)),
            ...hashes.map((h) => (opened.get(h.of) == null ? null : sealer.lookupHash(String(opened.get(h.of)), h.purpose))),
          ];
          const written = [...t.columns, ...hashes.map((h) => h.column)];
          const set = written.map((c, i) => `${c} = $${i + 2}`).join(', ');
          const unchanged = t.columns.map((c, i) => `${c} IS NOT DISTINCT FROM $${written.length + 2 + i}`).join(' AND ');
          const updated = await tx.query(`UPDATE ${t.table} SET ${set} WHERE ${t.key} = $1 AND ${unchanged} RETURNING ${t.key}`, [
            row[t.key],
            ...values,
            ...t.columns.map((c) => row[c]),
          ]);
          if (updated.length > 0) done++;
        }
        return done;
      });
      counts.rewritten += rewritten;
      counts.changedMeanwhile += rows.length - rewritten;
      onBatch(t.table, rewritten);
    }
    result.push(counts);
  }
  return result;
}

async function main() {
  const config = loadConfig();
  const flag = process.argv.find((a) => a.startsWith('--batch-size='));
  const batchSize = flag ? Number(flag.split('=')[1]) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size must be a whole number above 0');
  const sealer = new Sealer(configuredDataKeys(config));
  const db = await openDatabase(databaseOptions(config));
  try {
    process.stdout.write(`re-encrypting under data key ${sealer.currentKeyId}, ${batchSize} rows a batch\n`);
    const result = await reencrypt(db, sealer, {
      batchSize,
      onBatch: (table, rewritten) => process.stdout.write(`  ${table}: ${rewritten} rewritten\n`),
    });
    for (const { table, rewritten, changedMeanwhile } of result) {
      const note = changedMeanwhile > 0 ? ` (${changedMeanwhile} changed meanwhile: run again)` : '';
      process.stdout.write(`${table}: ${rewritten} rewritten under ${sealer.currentKeyId}${note}\n`);
    }
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`data:reencrypt failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
