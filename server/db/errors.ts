/**
 * What a failed statement may tell a log. A driver's error carries the
 * statement's parameters (PGlite's `params`: the whole applicant) and the
 * database's echo of them (PostgreSQL's "Failing row contains (…)" detail, a
 * refused value quoted in the message). `DatabaseError` keeps only what says
 * what went wrong: the statement's name, SQLSTATE and the names the database
 * gives (constraint, table, column), the message with quoted values masked, and
 * a keyed hash of the parameters that tells a repeat of the same write from
 * another without revealing either.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Per process: a hash cannot be reversed by hashing guesses (a known email), only compared with another of this process. */
const PARAMS_HASH_KEY = randomBytes(32);

export class DatabaseError extends Error {
  constructor(
    message: string,
    /** `INSERT INTO submissions`: the verbs and tables of the statement (its SQL names no value). */
    readonly statement: string,
    readonly paramsHash: string,
    /** SQLSTATE, e.g. 23505 (unique violation). */
    readonly code?: string,
    readonly constraint?: string,
    readonly table?: string,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** `INSERT INTO a + INSERT INTO b` for a statement that writes a and b; `SELECT FROM a` for a read. */
function statementName(sql: string): string {
  const text = sql.replace(/--[^\n]*/g, ' ').replace(/\s+/g, ' ');
  const writes = [...text.matchAll(/\b(INSERT INTO|UPDATE|DELETE FROM)\s+("?[\w.]+"?)/gi)].map((m) => `${m[1]!.toUpperCase()} ${m[2]}`);
  if (writes.length > 0) return [...new Set(writes)].join(' + ');
  const read = /\bFROM\s+("?[\w.]+"?)/i.exec(text);
  if (read) return `SELECT FROM ${read[1]}`;
  return text.trim().split(' ').slice(0, 2).join(' ');
}

function paramsHash(params: readonly unknown[] | undefined): string {
  const text = JSON.stringify(params ?? [], (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  return createHmac('sha256', PARAMS_HASH_KEY).update(text).digest('hex').slice(0, 16);
}

/** Names the database quotes are kept ("constraint \"x\""); any other quoted text is a value and is masked. */
const QUOTED =
  /(\b(?:constraint|relation|column|table|index|type|function|schema|sequence|database|role|operator|extension)\s+)?"([^"]*)"/gi;

function maskValues(message: string): string {
  return message.replace(QUOTED, (whole, named: string | undefined) => (named ? whole : '"…"'));
}

type DriverError = { message?: unknown; code?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
const field = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The safe form of whatever a driver threw for `sql` run with `params`. */
export function databaseError(error: unknown, sql: string, params: readonly unknown[] | undefined): DatabaseError {
  const raw = (typeof error === 'object' && error !== null ? error : {}) as DriverError;
  const statement = statementName(sql);
  const message = typeof raw.message === 'string' ? maskValues(raw.message) : 'the database failed';
  return new DatabaseError(
    `${statement} failed: ${message}`,
    statement,
    paramsHash(params),
    field(raw.code),
    field(raw.constraint),
    field(raw.table),
    field(raw.column),
  );
}
