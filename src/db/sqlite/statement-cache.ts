/**
 * Prepared statements kept between Prisma's statements on SQLite. adapter-better-sqlite3 7.10
 * prepares every statement it runs again (`client.prepare(sql).bind(args)`): SQLite parses and
 * plans the same text on every request, a tenth of the CPU of a nested page (an organization's
 * models with their first articles: better-sqlite3's `prepare` was 10% of its profile). Here the
 * connection's `prepare` hands out a statement prepared once per text (the most recent
 * {@link STATEMENT_CACHE_SIZE} texts are kept), through a view that takes the arguments the
 * adapter binds and passes them at each run, since better-sqlite3 binds a statement's arguments
 * for good.
 *
 * The adapter prepares, binds and runs within one synchronous call, so two views of one statement
 * never interleave. SQLite prepares a kept statement again by itself when the schema changed
 * (a migration), and a file reopened under the server gets a new connection with a cache of its own.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** How many statement texts a connection keeps prepared. */
export const STATEMENT_CACHE_SIZE = 500;

type Statement = BetterSqlite3.Statement<unknown[]>;

/**
 * The result columns of each kept statement, read once: better-sqlite3's `columns()` builds them
 * anew at every call (names, tables, declared types), which cost three times the run of a
 * one-row statement of 18 columns (21 µs against 7), and the adapter asks before every run.
 */
const COLUMNS = new WeakMap<Statement, BetterSqlite3.ColumnDefinition[]>();

/** A kept statement with the arguments of one run: what `prepare(sql).bind(args)` returns to the adapter. */
class BoundStatement {
  #parameters: unknown[] = [];
  #raw = false;

  constructor(private readonly statement: Statement) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(...parameters: unknown[]): this {
    this.#parameters = parameters;
    return this;
  }

  raw(toggle = true): this {
    this.#raw = toggle;
    return this;
  }

  columns(): BetterSqlite3.ColumnDefinition[] {
    let columns = COLUMNS.get(this.statement);
    if (!columns) {
      columns = this.statement.columns();
      COLUMNS.set(this.statement, columns);
    }
    return columns;
  }

  run(): BetterSqlite3.RunResult {
    return this.statement.run(...this.#parameters);
  }

  all(): unknown[] {
    // Set on every run: the statement is shared, and raw mode is the statement's.
    const rows = this.statement.raw(this.#raw).all(...this.#parameters);
    // A shape that is not the kept one's (no statement of ours selects `*` of a table that a
    // migration could widen, but should one): the columns are read again from then on.
    const width = this.#raw ? (rows[0] as unknown[] | undefined)?.length : undefined;
    if (width !== undefined && width !== COLUMNS.get(this.statement)?.length) COLUMNS.delete(this.statement);
    return rows;
  }
}

/**
 * Makes `connection.prepare` keep the statements of the last `size` texts (see the module
 * comment). Returns the connection.
 * Without a `prepare` to wrap (adapter-better-sqlite3 changed what its `client` is), throws.
 */
export function keepPreparedStatements(
  connection: BetterSqlite3.Database,
  size = STATEMENT_CACHE_SIZE,
): BetterSqlite3.Database {
  if (typeof connection?.prepare !== 'function') {
    throw new Error('adapter-better-sqlite3 changed: its connection has no prepare to keep statements of');
  }
  const prepare = connection.prepare.bind(connection) as (sql: string) => Statement;
  const kept = new Map<string, Statement>();
  const keep = (sql: string): BoundStatement => {
    let statement = kept.get(sql);
    if (statement) {
      // Most recently used last: the first in the map is the one to drop.
      kept.delete(sql);
    } else {
      statement = prepare(sql);
      if (kept.size >= size) kept.delete(kept.keys().next().value as string);
    }
    kept.set(sql, statement);
    return new BoundStatement(statement);
  };
  connection.prepare = keep as unknown as BetterSqlite3.Database['prepare'];
  return connection;
}
