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
 * A LIMIT or OFFSET given as a parameter (Prisma writes every page, and every `findUnique`, with
 * `LIMIT ? OFFSET ?`) is written into the text instead, when its argument is an integer: SQLite
 * plans a statement again at every run whose LIMIT is a parameter (this build has STAT4, and the
 * planner reads the LIMIT's value), which cost 10 of the 15 µs of a model read by id. So a
 * statement is kept per text and page size (few: the sizes a client asks for), its other
 * arguments bound as before.
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

/** A LIMIT or OFFSET given as a parameter. */
const LIMIT_PARAMETER = /\b(LIMIT|OFFSET)\s+\?/i;

/** The `?` of a LIMIT or an OFFSET, and every `?` (to count the arguments that come before). */
const PLACEHOLDER = /\b(LIMIT|OFFSET)\s+\?|\?/gi;

/** An argument a LIMIT or OFFSET may take as a literal: an integer (the adapter passes Prisma's as text). */
function integerArgument(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  if (typeof value === 'bigint') return String(value);
  return typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? value : undefined;
}

/** A text cut at its `?`: the pieces between them, and which `?` are a LIMIT's or an OFFSET's. */
type Shape = { pieces: string[]; limits: (string | undefined)[] };

/** The {@link Shape} of a text. */
function shapeOf(sql: string): Shape {
  const pieces: string[] = [];
  const limits: (string | undefined)[] = [];
  let from = 0;
  for (const match of sql.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    pieces.push(sql.slice(from, index));
    limits.push(match[1] ? `${match[1]} ` : undefined);
    from = index + match[0].length;
  }
  pieces.push(sql.slice(from));
  return { pieces, limits };
}

/**
 * `sql` with each LIMIT and OFFSET parameter written as its integer argument, and the arguments
 * left to bind; undefined when there is none, or when the text's `?` are not the arguments one
 * for one (a `?` inside a string literal: the text is left as it is).
 */
export function inlineLimits(
  sql: string,
  args: readonly unknown[],
  shape: Shape = shapeOf(sql),
): { sql: string; args: unknown[] } | undefined {
  const { pieces, limits } = shape;
  if (limits.length !== args.length) return undefined;
  let text = pieces[0] ?? '';
  const bound: unknown[] = [];
  let inlined = false;
  limits.forEach((keyword, index) => {
    const literal = keyword === undefined ? undefined : integerArgument(args[index]);
    if (literal === undefined) {
      text += `${keyword ?? ''}?`;
      bound.push(args[index]);
    } else {
      text += `${keyword}${literal}`;
      inlined = true;
    }
    text += pieces[index + 1] ?? '';
  });
  return inlined ? { sql: text, args: bound } : undefined;
}

/** A kept statement with the arguments of one run: what `prepare(sql).bind(args)` returns to the adapter. */
class BoundStatement {
  #parameters: unknown[] = [];
  #raw = false;
  #statement: Statement | undefined;

  /**
   * @param text the text's statement, as kept (prepared when first needed)
   * @param withLimits for a text with a LIMIT or OFFSET parameter: the statement and arguments of
   *   a run with them written out ({@link inlineLimits}), undefined when they cannot be
   */
  constructor(
    private readonly text: () => Statement,
    private readonly withLimits?: (args: unknown[]) => { statement: Statement; args: unknown[] } | undefined,
  ) {}

  private get statement(): Statement {
    this.#statement ??= this.text();
    return this.#statement;
  }

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(...parameters: unknown[]): this {
    // The adapter binds one array of arguments.
    const inlined =
      this.withLimits && parameters.length === 1 && Array.isArray(parameters[0])
        ? this.withLimits(parameters[0])
        : undefined;
    this.#statement = inlined?.statement;
    this.#parameters = inlined ? [inlined.args] : parameters;
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

  raw(toggle = true): this {
    this.#raw = toggle;
    return this;
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
  const statementOf = (sql: string): Statement => {
    let statement = kept.get(sql);
    if (statement) {
      // Most recently used last: the first in the map is the one to drop.
      kept.delete(sql);
    } else {
      statement = prepare(sql);
      if (kept.size >= size) kept.delete(kept.keys().next().value as string);
    }
    kept.set(sql, statement);
    return statement;
  };
  // The shape of each text with a LIMIT or OFFSET parameter, cut once (kept as long as the statements).
  const shapes = new Map<string, Shape>();
  const keep = (sql: string): BoundStatement => {
    let shape = shapes.get(sql);
    if (!shape && LIMIT_PARAMETER.test(sql)) {
      if (shapes.size >= size) shapes.delete(shapes.keys().next().value as string);
      shape = shapeOf(sql);
      shapes.set(sql, shape);
    }
    const cut = shape;
    return new BoundStatement(
      () => statementOf(sql),
      cut
        ? (args) => {
            const inlined = inlineLimits(sql, args, cut);
            return inlined && { statement: statementOf(inlined.sql), args: inlined.args };
          }
        : undefined,
    );
  };
  connection.prepare = keep as unknown as BetterSqlite3.Database['prepare'];
  return connection;
}
