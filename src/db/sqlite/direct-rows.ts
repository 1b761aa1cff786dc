/**
 * Rows of a table in Prisma's shape, read on SQLite's connection itself rather than through
 * Prisma's `$queryRawUnsafe`: the store's reads of whole rows by id (`GraphStore.rowsById`, the
 * request's loaders) and of every row (`allRows`).
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

/** Turns one column's value as better-sqlite3 reads it (integers as bigints) into Prisma's. */
type Convert = (value: unknown) => unknown;

const CONVERSIONS: Record<string, Convert> = {
  Int: (value) => (typeof value === 'bigint' ? Number(value) : value),
  BigInt: (value) => (typeof value === 'number' ? BigInt(value) : value),
  Boolean: (value) => (typeof value === 'bigint' || typeof value === 'number' ? value !== 0n && value !== 0 : value),
  DateTime: (value) => (typeof value === 'string' || typeof value === 'number' ? new Date(value) : value),
  Float: (value) => (typeof value === 'bigint' ? Number(value) : value),
};

/** Per table, the fields whose values need converting, with how. */
const converters = new Map<string, [string, Convert][]>();

function convertersOf(table: string): [string, Convert][] {
  let found = converters.get(table);
  if (!found) {
    const model = getDatamodel().datamodel.models[table];
    if (!model) throw new Error(`direct rows: Prisma's datamodel has no model ${table}`);
    found = model.fields.flatMap((field): [string, Convert][] => {
      const convert = field.kind === 'scalar' ? CONVERSIONS[field.type] : undefined;
      return convert ? [[field.name, convert]] : [];
    });
    converters.set(table, found);
  }
  return found;
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
  /** How many statements it answered itself (tests: the direct path is taken). */
  readonly answered: number;
};

/** A reader that reports each statement it runs to `onQuery` (SQL, parameters as JSON, ms). */
export function createDirectRows(onQuery: (sql: string, params: string, durationMs: number) => void): DirectRows {
  let connection: BetterSqlite3.Database | undefined;
  let answered = 0;
  return {
    attach(opened) {
      connection = opened;
    },
    read<Row>(table: string, sql: string, args: readonly unknown[]): Row[] | undefined {
      if (!connection?.open || connection.inTransaction) return undefined;
      const started = performance.now();
      let rows: Record<string, unknown>[];
      try {
        // As the driver adapter runs its statements (one array of arguments bound, then run),
        // which the kept statements of statement-cache.ts expect.
        rows = connection
          .prepare(sql)
          .bind([...args])
          .all() as Record<string, unknown>[];
      } catch {
        return undefined;
      }
      const fields = convertersOf(table);
      for (const row of rows)
        for (const [name, convert] of fields) {
          const value = row[name];
          if (value !== null && value !== undefined) row[name] = convert(value);
        }
      answered += 1;
      onQuery(sql, JSON.stringify(args), performance.now() - started);
      return rows as Row[];
    },
    get answered() {
      return answered;
    },
  };
}
