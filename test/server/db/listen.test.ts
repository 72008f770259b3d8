/** Notifications keep arriving after the LISTEN connection is lost (PostgreSQL only: PGlite's are in process). */
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../../server/db/index.ts';
import { dropTestSchemas, testDatabases } from '../../helpers/databases.ts';

afterAll(dropTestSchemas);
const postgres = testDatabases().find((d) => d.name === 'postgres');

describe.skipIf(!postgres)('LISTEN on PostgreSQL', () => {
  it('reconnects and listens again when its connection is killed', async () => {
    const db: Database = await openDatabase(postgres!.options());
    try {
      const received: string[] = [];
      const channel = `coverkit_test_${Math.random().toString(36).slice(2)}`;
      await db.listen(channel, (payload) => received.push(payload));
      await db.notify(channel, 'before');
      await expect.poll(() => received).toEqual(['before']);
      // Kill the connection that last ran LISTEN on this test's own channel: the listener's.
      const killed = await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`, [`LISTEN "${channel}"`]);
      expect(killed).toHaveLength(1);
      await expect
        .poll(
          async () => {
            await db.notify(channel, 'after');
            return received.includes('after');
          },
          { timeout: 10_000, interval: 300 },
        )
        .toBe(true);
    } finally {
      await db.close();
    }
  });
});
