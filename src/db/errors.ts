/**
 * One line for a database error, for the command-line tools (`npm run seed`, `import:epoch`,
 * `db:migrate`, `npm start`'s fatal path).
 *
 * Prisma reports a failed statement as "Invalid `tx.source.update()` invocation in …" with the
 * calling code below it, and the WebAssembly schema engine appends a Rust backtrace: neither
 * tells an operator that the file is read-only or that another process holds the lock. SQLite's
 * own code is in there (`meta.driverAdapterError.cause.originalCode`, or the `cause` of a
 * {@link MigrationError}); this module finds it and says what to do.
 */
import { dirname } from 'node:path';
import { GraphQLError } from 'graphql';

/** What a message needs to know of the database: its file. */
type DatabaseLike = Readonly<{ label: string; filePath?: string }>;

/** SQLite's primary result code (`SQLITE_BUSY` for `SQLITE_BUSY_SNAPSHOT`, say), found anywhere in an error. */
export function sqliteCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | undefined => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 6) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['originalCode', 'code']) {
      const code = record[key];
      if (typeof code === 'string' && code.startsWith('SQLITE_')) return primary(code);
    }
    for (const key of ['meta', 'driverAdapterError', 'cause', 'error']) {
      const found = visit(record[key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(error, 0) ?? codeInText(error instanceof Error ? error.message : String(error));
}

/** The primary code of an extended one: SQLITE_READONLY_DIRECTORY → SQLITE_READONLY. */
function primary(code: string): string {
  const [, name] = /^SQLITE_([A-Z]+)/.exec(code) ?? [];
  return name ? `SQLITE_${name}` : code;
}

/**
 * Messages of errors that arrive without a code: the schema engine passes SQLite's message on as
 * text, and the better-sqlite3 adapter reports SQLITE_BUSY with a kind the engine does not know.
 */
const TEXTS: ReadonlyArray<[RegExp, string]> = [
  [/\bSQLITE_[A-Z_]+\b/, ''],
  [/attempt to write a readonly database/i, 'SQLITE_READONLY'],
  [/database is locked|unknown variant `SocketTimeout`/i, 'SQLITE_BUSY'],
  [/file is not a database/i, 'SQLITE_NOTADB'],
  [/database disk image is malformed/i, 'SQLITE_CORRUPT'],
  [/database or disk is full/i, 'SQLITE_FULL'],
  [/unable to open database file/i, 'SQLITE_CANTOPEN'],
];

function codeInText(text: string): string | undefined {
  for (const [pattern, code] of TEXTS) {
    const match = pattern.exec(text);
    if (match) return code === '' ? primary(match[0]) : code;
  }
  return undefined;
}

/**
 * What a SQLite error means for the operator, in one line, or undefined when the error is not
 * one of SQLite's. `database` names the file in the message.
 */
export function describeDatabaseError(error: unknown, database?: DatabaseLike): string | undefined {
  const code = sqliteCode(error);
  if (code === undefined) return undefined;
  const file = database ? `the database file ${database.label}` : 'the database file';
  const folder = database?.filePath ? dirname(database.filePath) : 'its folder';
  switch (code) {
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return `${file} is read-only: make it and its folder writable (or point DATABASE_URL at a writable copy), then run again; nothing was written`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `${file} is locked by another process writing to it (an import or a server): wait for it to finish or stop it, then retry; nothing was written`;
    case 'SQLITE_CANTOPEN':
      return `cannot open ${file} or create its journal beside it: the file and its folder ${folder} must be readable and writable`;
    case 'SQLITE_NOTADB':
      return `${file} is not a SQLite database: point DATABASE_URL at the graph's file, or move this file away to create a new one`;
    case 'SQLITE_CORRUPT':
      return `${file} is corrupt: restore it from a backup, or move it away and run npm start to build a new graph`;
    case 'SQLITE_FULL':
      return `the disk holding ${file} is full: free some space, then retry; nothing was written`;
    case 'SQLITE_IOERR':
      return `reading or writing ${file} failed with an input/output error: check the disk and the file, then retry`;
    default:
      return `${file} could not be used (${code}): ${firstLine(error instanceof Error ? error.message : String(error))}`;
  }
}

/**
 * Any error as one line for a tool's stderr: a database error as {@link describeDatabaseError}
 * says it, otherwise the message's own line (Prisma's reason, not its "Invalid `…` invocation"
 * header and code frame; the schema engine's message, not its backtrace).
 */
export function errorLine(error: unknown, database?: DatabaseLike): string {
  const described = describeDatabaseError(error, database);
  if (described) return described;
  return firstLine(error instanceof Error ? error.message : String(error));
}

/** The line of a message that says what went wrong. */
function firstLine(message: string): string {
  const lines = message.split('\n').map((line) => line.trim());
  if (lines.some((line) => line.startsWith('Invalid `'))) {
    // Prisma: "Invalid `x()` invocation in", the file, the code frame, then the reason last.
    const reason = [...lines].reverse().find((line) => line !== '' && !/^(→\s*)?\d+\s/.test(line) && line !== '}');
    if (reason && !reason.startsWith('Invalid `')) return reason;
  }
  return lines.find((line) => line !== '') ?? message;
}

/** A database that cannot answer now, for a reason the client may retry after. */
export type DatabaseTrouble = 'unavailable' | 'timeout';

/** PostgreSQL's codes for a server that is starting, stopping or out of connections. */
const UNAVAILABLE_SQLSTATES = new Set(['53300', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/**
 * Whether an error says the database cannot answer now (`unavailable`: no free connection in the
 * pool, the server unreachable, restarting or out of connections) or gave up on a statement that
 * ran too long (`timeout`); undefined for anything else (a bug, a broken file: masked as usual).
 */
export function databaseTrouble(error: unknown): DatabaseTrouble | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): DatabaseTrouble | undefined => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 6) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const code = typeof record.code === 'string' ? record.code : undefined;
    const text = typeof record.message === 'string' ? record.message : '';
    if (code === '57014' || /canceling statement due to statement timeout/.test(text)) return 'timeout';
    if (
      code === 'P1001' ||
      code === 'ECONNREFUSED' ||
      record.kind === 'DatabaseNotReachable' ||
      (code !== undefined && UNAVAILABLE_SQLSTATES.has(code)) ||
      /timeout exceeded when trying to connect|Connection terminated|Can't reach database server/.test(text)
    ) {
      return 'unavailable';
    }
    for (const key of ['meta', 'driverAdapterError', 'cause', 'originalError', 'error']) {
      const found = visit(record[key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(error, 0);
}

/**
 * The GraphQL error a client gets when the database cannot answer now: 503 with `Retry-After`,
 * a code, and a message that names no server.
 */
export function databaseTroubleError(trouble: DatabaseTrouble, at?: GraphQLError): GraphQLError {
  // Where it happened (the field's location and path) stays, as for any error of a field.
  const where = at ? { source: at.source, positions: at.positions, path: at.path } : {};
  return trouble === 'timeout'
    ? new GraphQLError('The database took too long to answer and the statement was stopped: ask for less, or retry.', {
        ...where,
        extensions: { code: 'DATABASE_TIMEOUT', http: { status: 503, headers: { 'retry-after': '1' } } },
      })
    : new GraphQLError('The database cannot answer right now: retry in a moment.', {
        ...where,
        extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503, headers: { 'retry-after': '1' } } },
      });
}
