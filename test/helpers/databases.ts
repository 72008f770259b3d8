/**
 * The databases a test suite runs on: always in-memory PGlite, and also a real
 * PostgreSQL server when TEST_DATABASE_URL is set (CI sets it). Each use gets
 * its own schema on the server, so suites never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseOptions } from '../../server/db/index.ts';

export type TestDatabase = { name: 'pglite' | 'postgres'; options: () => DatabaseOptions };

const schemasToDrop: string[] = [];

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', options: () => ({ driver: 'pglite' }) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      options: () => {
        const schema = `test_${randomBytes(6).toString('hex')}`;
        schemasToDrop.push(schema);
        return { driver: 'postgres', url, schema, maxConnections: 5 };
      },
    });
  }
  return list;
}

/**
 * A private schema on the shared PostgreSQL server, as a DATABASE_URL that
 * separate server processes can all use (dropped by dropTestSchemas).
 */
export async function privateSchemaUrl(url: string): Promise<string> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.end();
  }
  schemasToDrop.push(schema);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return withSchema.toString();
}

/** Drops the schemas this file made on the PostgreSQL server (call in afterAll). */
export async function dropTestSchemas() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url || schemasToDrop.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemasToDrop.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
