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

type Call<In, Out> = { input: In; resolve: (output: Out) => void; reject: (error: unknown) => void };

/**
 * Group commit for a statement of any shape: calls made during one turn of the
 * event loop are written together by one statement at its end (`write` takes
 * them all and answers each one's share, in order), so a burst costs one
 * statement, while a lone call waits for nothing but the rest of its turn.
 * If the combined statement fails, each call is written on its own, so one bad
 * call (or one that lost a race) fails alone.
 */
export class Coalesced<In, Out> {
  #queue: Call<In, Out>[] = [];
  #flushing = false;

  constructor(
    private readonly write: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 100,
  ) {}

  run(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        // As BatchedInsert: the embedded database answers synchronously, so the batch is what this turn brought.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain() {
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.maxBatch);
      try {
        const outputs = await this.write(batch.map((call) => call.input));
        for (const [i, call] of batch.entries()) call.resolve(outputs[i]!);
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else await Promise.all(batch.map((call) => this.write([call.input]).then(([output]) => call.resolve(output!), call.reject)));
      }
    }
    this.#flushing = false;
  }
}
