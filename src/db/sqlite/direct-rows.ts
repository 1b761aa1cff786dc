/**
 * Rows of a table in Prisma's shape, read on SQLite's connection itself rather than through
 * Prisma's `$queryRawUnsafe`: the store's reads of whole rows by id (`GraphStore.rowsById`, the
 * request's loaders), of every row (`allRows`) and of the organizations' largest models, and the
 * overview's kept counts (`plain`: numbers the caller counts, and text).
 *
 * A raw statement through Prisma costs its client's pipeline (the request, its interpretation,
 * the driver adapter's conversion, then Prisma's own): half of the CPU of `node(id:)` (W1) went
 * there for one row that better-sqlite3 reads in a few microseconds. Here the statement runs on
 * the driver adapter's better-sqlite3 connection (client.ts hands it over once Prisma connects),
 * prepared once per text (statement-cache.ts), and its values become what Prisma answers, by the
 * type of each field in Prisma's datamodel: an `Int` a number, a `BigInt` a bigint, a `Boolean` a
 * boolean, a `DateTime` a Date; text, enums and nulls as they are (store.test compares the rows
 * with Prisma's `findMany`, strictly).
 *
 * It reads only outside a transaction: while one is open on the connection (a write in progress),
 * and whenever the connection cannot answer (closed, busy, a statement that fails), the caller
 * reads through Prisma as before, which waits, retries or reports as it always has. Each statement
 * is reported as Prisma's query events report theirs (the request's statement count, tests).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { getDatamodel } from '../../generated/pothos-types.js';

/** What `connection.prepare(sql).bind(args)` gives (statement-cache.ts's view of a kept statement). */
type BoundStatement = {
  bind(args: unknown[]): BoundStatement;
  columns(): { name: string }[];
  raw(toggle: boolean): BoundStatement;
  all(): unknown[];
};

/** Turns one column's value as better-sqlite3 reads it (integers as bigints) into Prisma's. */
type Convert = (value: unknown) => unknown;

const CONVERSIONS: Record<string, Convert> = {
  Int: (value) => (typeof value === 'bigint' ? Number(value) : value),
  BigInt: (value) => (typeof value === 'number' ? BigInt(value) : value),
  Boolean: (value) => (typeof value === 'bigint' || typeof value === 'number' ? value !== 0n && value !== 0 : value),
  DateTime: (value) => (typeof value === 'string' || typeof value === 'number' ? new Date(value) : value),
  Float: (value) => (typeof value === 'bigint' ? Number(value) : value),
};

/** Per table, how each field's value becomes Prisma's (undefined: as it is read). */
const conversions = new Map<string, Map<string, Convert>>();

function conversionsOf(table: string): Map<string, Convert> {
  let found = conversions.get(table);
  if (!found) {
    const model = getDatamodel().datamodel.models[table];
    if (!model) throw new Error(`direct rows: Prisma's datamodel has no model ${table}`);
    found = new Map(
      model.fields.flatMap((field): [string, Convert][] => {
        const convert = field.kind === 'scalar' ? CONVERSIONS[field.type] : undefined;
        return convert ? [[field.name, convert]] : [];
      }),
    );
    conversions.set(table, found);
  }
  return found;
}

/** No conversion: values as better-sqlite3 reads them. */
const NO_CONVERSIONS = new Map<string, Convert>();

/**
 * The rows of a statement read as arrays (better-sqlite3 builds an object per row in C++ at twice
 * the cost of building the same object here: 1.0-1.4 against 0.5 ms for the overview's 361
 * organizations), each made an object of its columns, converted by `convert` (by column name).
 */
function rowsOf(convert: Map<string, Convert>, names: string[], values: unknown[][]): Record<string, unknown>[] {
  const converts = names.map((name) => convert.get(name));
  return values.map((value) => {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < names.length; index += 1) {
      const cell = value[index];
      const change = converts[index];
      row[names[index] as string] = change && cell !== null ? change(cell) : cell;
    }
    return row;
  });
}

/** The reader a SQLite store reads whole rows with (see the module's comment). */
export type DirectRows = {
  /** Takes the connection the driver adapter opened. */
  attach(connection: BetterSqlite3.Database): void;
  /**
   * The rows `sql` (naming the table's fields as Prisma does) answers, in Prisma's shape; undefined
   * when they must be read through Prisma (no connection yet, a transaction open, an error).
   */
  read<Row>(table: string, sql: string, args: readonly unknown[]): Row[] | undefined;
  /**
   * The rows of `sql` as better-sqlite3 reads them (integers as bigints), for callers that count
   * them (`Number`) or read text; undefined as for {@link DirectRows.read}.
   */
  plain<Row>(sql: string, args: readonly unknown[]): Row[] | undefined;
  /** How many statements it answered itself (tests: the direct path is taken). */
  readonly answered: number;
};

/** A reader that reports each statement it runs to `onQuery` (SQL, parameters as JSON, ms). */
export function createDirectRows(onQuery: (sql: string, params: string, durationMs: number) => void): DirectRows {
  let connection: BetterSqlite3.Database | undefined;
  let answered = 0;
  /** Runs `sql` on the connection and makes its rows (`rows`), or undefined (see {@link DirectRows.read}). */
  const run = (
    sql: string,
    args: readonly unknown[],
    rows: (names: string[], values: unknown[][]) => Record<string, unknown>[],
  ): Record<string, unknown>[] | undefined => {
    if (!connection?.open || connection.inTransaction) return undefined;
    const started = performance.now();
    let found: Record<string, unknown>[];
    try {
      // As the driver adapter runs its statements (one array of arguments bound, then run),
      // which the kept statements of statement-cache.ts expect.
      const statement = (connection.prepare(sql) as unknown as BoundStatement).bind([...args]);
      found = rows(
        statement.columns().map((column) => column.name),
        statement.raw(true).all() as unknown[][],
      );
    } catch {
      return undefined;
    }
    answered += 1;
    onQuery(sql, JSON.stringify(args), performance.now() - started);
    return found;
  };
  return {
    attach(opened) {
      connection = opened;
    },
    read<Row>(table: string, sql: string, args: readonly unknown[]): Row[] | undefined {
      return run(sql, args, (names, values) => rowsOf(conversionsOf(table), names, values)) as Row[] | undefined;
    },
    plain<Row>(sql: string, args: readonly unknown[]): Row[] | undefined {
      return run(sql, args, (names, values) => rowsOf(NO_CONVERSIONS, names, values)) as Row[] | undefined;
    },
    get answered() {
      return answered;
    },
  };
}
