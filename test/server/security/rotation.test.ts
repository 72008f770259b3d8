/**
 * Rotating the data key: with the new key put first in COVERKIT_DATA_KEY,
 * what the old key sealed still reads and everything new is sealed under the
 * new key; `npm run data:reencrypt` then rewrites every old row (in batches,
 * rows from before encryption too), after which the old key can be dropped.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatabaseOptions, openDatabase } from '../../../server/db/index.ts';
import { dropTestSchemas, privateSchemaUrl, testDatabases } from '../../helpers/databases.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { startTestServer } from '../../helpers/server.ts';
import { FAST_DELIVERY, household, readSubmission, settled, submissionBody, submit, waitForSubmission } from '../submissions/helpers.ts';
import { everyRow, personalValues } from './helpers.ts';

const OLD = `old:${randomBytes(32).toString('base64')}`;
const NEW = `new:${randomBytes(32).toString('base64')}`;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await dropTestSchemas();
});

/** The command as an operator runs it, on the data folder or DATABASE_URL a server uses. */
async function reencryptCommand(env: Record<string, string>, batchSize: number): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'server/ops/reencrypt.ts', `--batch-size=${batchSize}`],
    { env: { ...process.env, ...env } },
  );
  return stdout;
}

for (const database of testDatabases()) {
  describe(`rotating the data key (${database.name})`, () => {
    it('reads old rows, seals new ones under the new key, and re-encrypts every old row', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'coverkit-rotation-'));
      dirs.push(dir);
      // One database that outlives the servers: a data folder, or a schema of its own on the PostgreSQL server.
      const url = database.name === 'postgres' ? await privateSchemaUrl(process.env.TEST_DATABASE_URL!) : undefined;
      const options: DatabaseOptions = url ? { driver: 'postgres', url } : { driver: 'pglite', dataDir: path.join(dir, 'pglite') };
      const where: Record<string, string> = url ? { DATABASE_URL: url } : { COVERKIT_DATA_DIR: dir };
      const start = (key: string) => startTestServer({ database: options, env: { ...FAST_DELIVERY, ...where, COVERKIT_DATA_KEY: key } });

      // Before the rotation: two shoppers, a connected insurer and a webhook endpoint, all under the old key.
      const before = await start(OLD);
      const { sessionToken: oldToken, sessionId: oldSession } = await createSession(before.url, { prefill: household() });
      const oldApplicants = [household(), household()];
      const oldIds: string[] = [];
      for (const applicant of oldApplicants) {
        const res = await submit(before.url, oldToken, submissionBody(applicant));
        expect(res.status).toBe(201);
        oldIds.push(res.body.submissionId);
        await waitForSubmission(before.url, res.body.submissionId, settled);
      }
      const connected = await call(`${before.url}/v1/connections`, {
        method: 'POST',
        headers: bearer(oldToken),
        json: { issuerId: 'geico', username: 'user_good', password: 'pass_good' },
      });
      expect(connected.status).toBe(201);
      const endpoint = await call(`${before.url}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: secretKeyHeaders(),
        json: { url: 'http://127.0.0.1:9/hooks' },
      });
      expect(endpoint.status).toBe(201);
      await before.close();

      // The new key first, the old one second.
      const rotated = await start(`${NEW},${OLD}`);
      for (const [i, id] of oldIds.entries()) {
        expect((await readSubmission(rotated.url, id)).body.body.applicant).toEqual(oldApplicants[i]);
      }
      const newApplicant = household();
      const { sessionToken: newToken } = await createSession(rotated.url, { prefill: newApplicant });
      const created = await submit(rotated.url, newToken, submissionBody(newApplicant));
      expect(created.status).toBe(201);
      await waitForSubmission(rotated.url, created.body.submissionId, settled);
      const bodies = await rotated.runtime.db.query<{ id: string; body: string }>('SELECT id, body FROM submissions');
      const keyOf = (id: string) =>
        bodies
          .find((b) => b.id === id)!
          .body.split('.')
          .slice(0, 2)
          .join('.');
      expect(oldIds.map(keyOf)).toEqual(['ck1.old', 'ck1.old']);
      expect(keyOf(created.body.submissionId)).toBe('ck1.new');
      await rotated.close();

      // A row from before encryption: plain JSON, as migration 0012 left it.
      const direct = await openDatabase(options);
      await direct.query(`UPDATE sessions SET prefill = '{"contact":{"email":"from-before@example.com"}}' WHERE id = $1`, [oldSession]);
      await direct.close();

      // One row a batch: the old rows take several; a second run finds nothing left to do.
      const output = await reencryptCommand({ ...where, COVERKIT_DATA_KEY: `${NEW},${OLD}` }, 1);
      expect(output).toContain('re-encrypting under data key new, 1 rows a batch');
      expect(output.match(/^ {2}submissions: 1 rewritten$/gm)).toHaveLength(2);
      expect(output).toMatch(/^submissions: 2 rewritten under new$/m);
      expect(output).toMatch(/^connections: 1 rewritten under new$/m);
      expect(output).toMatch(/^webhook_endpoints: 1 rewritten under new$/m);
      for (const applicant of oldApplicants) for (const value of personalValues(applicant)) expect(output).not.toContain(value);
      const again = await reencryptCommand({ ...where, COVERKIT_DATA_KEY: `${NEW},${OLD}` }, 1);
      expect(again).not.toMatch(/: [1-9]\d* rewritten/);

      // Nothing is left under the old key, so it can go: the new key alone reads everything.
      const after = await start(NEW);
      try {
        const rows = await everyRow(after.runtime.db);
        expect(rows).not.toContain('ck1.old.');
        expect(rows).not.toContain('"old.');
        expect(rows).not.toContain('from-before@example.com');
        for (const id of [...oldIds, created.body.submissionId]) expect((await readSubmission(after.url, id)).status).toBe(200);
        expect((await readSubmission(after.url, oldIds[0]!)).body.body.applicant).toEqual(oldApplicants[0]);
        const [hash] = await after.runtime.db.query<{ trellis_connection_hash: string }>(
          'SELECT trellis_connection_hash FROM connections WHERE id = $1',
          [connected.body.connectionId],
        );
        expect(hash!.trellis_connection_hash).toMatch(/^new\./);
        const policies = await call(`${after.url}/v1/connections/${connected.body.connectionId}/policies`, { headers: secretKeyHeaders() });
        expect([200, 202]).toContain(policies.status);
      } finally {
        await after.close();
      }
    });
  });
}
