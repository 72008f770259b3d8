/**
 * One database interface over two drivers: embedded PGlite in a data folder
 * (the default: nothing to install) and PostgreSQL when a URL is given (many
 * server processes share it). Both speak the same SQL, so every store is
 * written once against `Database` and the migrations run on both.
 */
import { mkdirSync } from 'node:fs';
import { PGlite, parse, protocol, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { databaseError } from './errors.ts';
import { migrate } from './migrate.ts';

export interface Queryable {
  /** Runs one parameterised statement ($1, $2, …) and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs one statement as a named prepared statement (parsed once per connection, its plan
   * cached): for the statements run on every request or event. `name` always goes with one `sql`.
   */
  prepared<T = Record<string, unknown>>(name: string, sql: string, params: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Calls `handler` with each NOTIFY payload on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** Throws when the database cannot answer (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  /** `dataDir` undefined means in memory (tests). */
  | { driver: 'pglite'; dataDir?: string }
  /** `schema` isolates one user of a shared server (tests, several environments). */
  | { driver: 'postgres'; url: string; schema?: string; maxConnections?: number };

/** Opens the database and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.driver === 'pglite' ? await openPglite(options.dataDir) : await openPostgres(options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  const run = <T>(target: PGlite | Transaction, sql: string, params?: unknown[]) =>
    guarded(sql, params, async () => (await target.query<T>(sql, params)).rows);
  const prepared = preparedOn(lite);
  return {
    driver: 'pglite',
    query: (sql, params) => run(lite, sql, params),
    prepared: (name, sql, params) => guarded(sql, params, () => prepared(name, sql, params)),
    exec: (sql) =>
      guarded(sql, undefined, async () => {
        await lite.exec(sql);
      }),
    // Inside a transaction PGlite's own query is the only way in (its lock is held): prepared is query there.
    transaction: (work) =>
      lite.transaction((tx) =>
        work({ query: (sql, params) => run(tx, sql, params), prepared: (_name, sql, params) => run(tx, sql, params) }),
      ),
    listen: async (channel, handler) => {
      const unlisten = await lite.listen(channel, handler);
      return () => unlisten();
    },
    notify: async (channel, payload) => {
      await lite.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    ping: async () => {
      await lite.query('SELECT 1');
    },
    close: () => lite.close(),
  };
}

/**
 * Runs one statement; a failure is rethrown as a `DatabaseError`, which names
 * the statement but carries none of its parameters, so no log line that
 * reports it can leak what was being written.
 */
/**
 * Named prepared statements on PGlite, which its query() does not offer: it parses and plans
 * every statement on every call (six protocol messages, each a trip into WebAssembly), and for
 * the quote run's CTEs that planning is most of their cost. Here a statement is parsed once;
 * each call is one Bind/Describe/Execute/Sync message, with PGlite's own serializers and parsers,
 * under both of its locks (so never inside someone's transaction) and with its notifications
 * delivered as query() delivers them.
 */
function preparedOn(lite: PGlite) {
  const { serialize } = protocol;
  const statements = new Map<string, { sql: string; types: number[] }>();
  const send = (...messages: Uint8Array[]) => lite.execProtocolStream(concatBytes(messages), { syncToFs: false });
  const exclusive = <T>(work: () => Promise<T>) => lite._runExclusiveTransaction(() => lite.runExclusive(work));
  return <T>(name: string, sql: string, params: unknown[]): Promise<T[]> =>
    exclusive(async () => {
      let statement = statements.get(name);
      if (statement && statement.sql !== sql) throw new Error(`Prepared statement ${name} is already another statement`);
      if (!statement) {
        const described = await send(serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync());
        statement = { sql, types: parse.parseDescribeStatementResults(described) };
        statements.set(name, statement);
      }
      const { types } = statement;
      const values = params.map((param, i) => {
        if (param === null || param === undefined) return null;
        const serializer = lite.serializers[types[i]!];
        return serializer ? serializer(param) : String(param);
      });
      const messages = await send(
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      );
      await lite.syncToFs();
      return parse.parseResults(messages, lite.parsers)[0]!.rows as T[];
    });
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function guarded<T>(sql: string, params: unknown[] | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw databaseError(error, sql, params);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function openPostgres(options: { url: string; schema?: string; maxConnections?: number }): Promise<Database> {
  if (options.schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
    } finally {
      await admin.end();
    }
  }
  const clientConfig: pg.ClientConfig = {
    connectionString: options.url,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool({ ...clientConfig, max: options.maxConnections ?? 10 });
  // An idle client that loses its connection emits here; without a listener it would crash the process.
  pool.on('error', () => {});
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const listener = new Listener(clientConfig, handlers);

  return {
    driver: 'postgres',
    query: (sql, params) => guarded(sql, params, async () => (await pool.query(sql, params)).rows),
    prepared: (name, sql, params) => guarded(sql, params, async () => (await pool.query({ name, text: sql, values: params })).rows),
    exec: (sql) =>
      guarded(sql, undefined, async () => {
        await pool.query(sql);
      }),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: (sql, params) => guarded(sql, params, async () => (await client.query(sql, params)).rows),
          prepared: (name, sql, params) => guarded(sql, params, async () => (await client.query({ name, text: sql, values: params })).rows),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    listen: async (channel, handler) => {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await listener.listen(channel);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await listener.unlisten(channel);
        }
      };
    },
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * The one connection a process LISTENs on. If it drops, it reconnects with
 * backoff and LISTENs again on every channel still wanted, so notifications
 * resume on their own; until then, streams still catch up on their heartbeats.
 */
class Listener {
  #client?: Promise<pg.Client>;
  #closed = false;
  #retryMs = 250;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly handlers: Map<string, Set<(payload: string) => void>>,
  ) {}

  async listen(channel: string) {
    const client = await this.#connected();
    await client.query(`LISTEN ${quoteIdent(channel)}`);
  }

  async unlisten(channel: string) {
    const client = await this.#client?.catch(() => undefined);
    await client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
  }

  async close() {
    this.#closed = true;
    const client = await this.#client?.catch(() => undefined);
    await client?.end().catch(() => {});
  }

  /** One connection at a time, however many callers ask at once. */
  #connected(): Promise<pg.Client> {
    this.#client ??= this.#connect().catch((error: unknown) => {
      this.#client = undefined;
      throw error;
    });
    return this.#client;
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', () => this.#reconnect(client));
    client.on('end', () => this.#reconnect(client));
    await client.connect();
    this.#retryMs = 250;
    return client;
  }

  #reconnect(lost: pg.Client) {
    if (this.#closed) return;
    void this.#client?.then((current) => {
      if (current !== lost) return;
      this.#client = undefined;
      lost.end().catch(() => {});
      setTimeout(() => void this.#relisten(), this.#retryMs).unref();
      this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
    });
  }

  async #relisten() {
    if (this.#closed) return;
    try {
      const client = await this.#connected();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch {
      setTimeout(() => void this.#relisten(), this.#retryMs).unref();
      this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
    }
  }
}
