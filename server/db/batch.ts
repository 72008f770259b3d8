/**
 * Group commit for hot inserts. Rows that arrive while one INSERT is in flight
 * are written together by the next, as one multi-row INSERT, and each caller's
 * promise settles only once its row is committed: nothing is acknowledged
 * before it is durable. On the embedded database a single-row INSERT costs
 * about as much as a hundred rows in one statement, so under load this turns
 * the database from the bottleneck of session creation into a small share of it.
 */
import type { Queryable } from './index.ts';

type Pending = { values: unknown[]; resolve: () => void; reject: (error: unknown) => void };

/** PostgreSQL allows 65,535 parameters in one statement; stay well below. */
const MAX_PARAMETERS = 30_000;

export class BatchedInsert {
  #queue: Pending[] = [];
  #flushing = false;
  readonly #maxRows: number;

  constructor(
    private readonly db: Queryable,
    private readonly table: string,
    private readonly columns: readonly string[],
    maxRows = 500,
  ) {
    this.#maxRows = Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMETERS / columns.length)));
  }

  /** Resolves once the row is committed. */
  insert(values: unknown[]): Promise<void> {
    if (values.length !== this.columns.length) throw new Error(`${this.table}: expected ${this.columns.length} values`);
    return new Promise((resolve, reject) => {
      this.#queue.push({ values, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        // Wait for the rest of this event-loop turn: every request whose bytes arrived
        // with this one joins the batch. (The embedded database runs queries
        // synchronously, so "while one is in flight" alone would batch nothing.)
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain() {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#maxRows);
      try {
        await this.#write(batch);
        for (const row of batch) row.resolve();
      } catch {
        // One bad row must not fail its neighbours: write them one by one to find out which.
        await Promise.all(batch.map((row) => this.#write([row]).then(row.resolve, row.reject)));
      }
    }
    this.#flushing = false;
  }

  #write(batch: Pending[]) {
    const width = this.columns.length;
    const tuples = batch.map((_, r) => `(${this.columns.map((__, i) => `$${r * width + i + 1}`).join(', ')})`);
    return this.db.query(
      `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      batch.flatMap((row) => row.values),
    );
  }
}
