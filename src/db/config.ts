import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

/** Where the embedded database lives when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_URL = 'file:./data/llm-atlas.db';

/** An embedded SQLite database: a file. */
export type SqliteConfig = Readonly<{
  provider: 'sqlite';
  /** `file:` URL with an absolute path, as the driver adapter takes it. */
  url: string;
  /** Absolute path of the database file. */
  filePath: string;
  /** How messages name the database: its path. */
  label: string;
}>;

/** A PostgreSQL database (a schema of one), reached over the network. */
export type PostgresConfig = Readonly<{
  provider: 'postgresql';
  /** The connection string without `schema` (the driver does not know it). */
  url: string;
  /** The schema the graph's tables live in (`?schema=` of the URL, `public` by default). */
  schema: string;
  /** How messages name the database: the URL without its password, and the schema. */
  label: string;
  /** The connection pool's settings (`PG_POOL_SIZE`, ...), {@link PG_POOL_DEFAULTS} where not given. */
  pool?: PostgresPool;
  /**
   * Read replicas (`DATABASE_REPLICA_URLS`): a read-only operation (a GraphQL query, an explorer
   * page) reads one of them, in turn; writes, subscriptions and tokens stay on this database.
   */
  replicas?: readonly PostgresConfig[];
}>;

/** How a process pools its connections to PostgreSQL. */
export type PostgresPool = Readonly<{
  /** Connections per client (per process, per execution worker). */
  size: number;
  /** How long a statement waits for a free connection before failing (then a 503). */
  connectionTimeoutMs: number;
  /** How long PostgreSQL lets one statement run before cancelling it (`statement_timeout`). */
  statementTimeoutMs: number;
}>;

/** {@link PostgresPool}'s defaults, which `PG_POOL_SIZE`, `PG_POOL_TIMEOUT_MS` and `PG_STATEMENT_TIMEOUT_MS` override. */
export const PG_POOL_DEFAULTS: PostgresPool = { size: 10, connectionTimeoutMs: 2000, statementTimeoutMs: 15_000 };

/**
 * A parsed `DATABASE_URL`: SQLite for `file:` URLs (and no URL), PostgreSQL for `postgresql://`
 * and `postgres://` ones, chosen here and nowhere else.
 */
export type DatabaseConfig = SqliteConfig | PostgresConfig;

/** Thrown for a `DATABASE_URL` this build cannot use; the message says what to do. */
export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

/**
 * Reads a database URL (default {@link DEFAULT_DATABASE_URL}) into a {@link DatabaseConfig}.
 * Relative `file:` paths are resolved against `cwd`, as Prisma does.
 */
export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL, cwd = process.cwd()): DatabaseConfig {
  if (url.startsWith('file:')) {
    const path =
      url
        .slice('file:'.length)
        .replace(/^\/\/(?=\/)/, '')
        .split('?')[0] ?? '';
    if (path === '' || path === ':memory:') {
      throw new DatabaseConfigError(
        `DATABASE_URL "${url}" names no file: the server needs a database file, e.g. ${DEFAULT_DATABASE_URL}`,
      );
    }
    const filePath = isAbsolute(path) ? path : resolve(cwd, path);
    return { provider: 'sqlite', url: `file:${filePath}`, filePath, label: filePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return parsePostgresUrl(url);
  throw new DatabaseConfigError(
    `DATABASE_URL "${url}" is not understood: expected a SQLite file URL such as ${DEFAULT_DATABASE_URL}, or postgresql://user@host:5432/database`,
  );
}

/**
 * Reads `DATABASE_REPLICA_URLS`: PostgreSQL URLs separated by commas, each a read replica of
 * `primary` (the primary's schema unless the URL names one; the primary's pool settings).
 */
export function parseReplicaUrls(raw: string, primary: DatabaseConfig): PostgresConfig[] {
  const urls = raw
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  if (urls.length === 0) return [];
  if (primary.provider !== 'postgresql') {
    throw new DatabaseConfigError(
      'DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL: read replicas are PostgreSQL servers that follow it',
    );
  }
  return urls.map((url) => {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new DatabaseConfigError(
        `DATABASE_REPLICA_URLS: "${url.replace(/:[^:@/]*@/, ':***@')}" is not a PostgreSQL URL (postgresql://user@replica:5432/database)`,
      );
    }
    const withSchema = new URL(url);
    if (!withSchema.searchParams.has('schema')) withSchema.searchParams.set('schema', primary.schema);
    const replica = parsePostgresUrl(withSchema.href);
    return { ...replica, label: `replica ${replica.label}`, ...(primary.pool ? { pool: primary.pool } : {}) };
  });
}

/** A schema name PostgreSQL takes without quoting surprises: letters, digits, underscores. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function parsePostgresUrl(url: string): PostgresConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(
      'DATABASE_URL is not a valid PostgreSQL URL: expected postgresql://user:password@host:5432/database',
    );
  }
  if (parsed.pathname.replace(/^\//, '') === '') {
    throw new DatabaseConfigError(
      'DATABASE_URL names no PostgreSQL database: expected postgresql://user:password@host:5432/database',
    );
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new DatabaseConfigError(
      `DATABASE_URL's schema "${schema}" is not a plain name: use letters, digits and underscores`,
    );
  }
  parsed.searchParams.delete('schema');
  const shown = new URL(parsed.href);
  if (shown.password) shown.password = '***';
  return {
    provider: 'postgresql',
    url: parsed.href,
    schema,
    label: `${shown.protocol}//${shown.username ? `${shown.username}${shown.password ? ':***' : ''}@` : ''}${shown.host}${shown.pathname} (schema ${schema})`,
  };
}

/** The first 16 bytes of every SQLite database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether the database file exists, checked before SQLite opens it: answers `'missing'` (SQLite
 * would create it) or `'present'` (a SQLite file, or an empty one SQLite will fill), and throws a
 * {@link DatabaseConfigError} saying what to do for a path SQLite cannot use (a folder, a file
 * that is not SQLite, a device, a path under a file), where the driver would fail with a code and
 * the schema engine with a Rust backtrace.
 */
export function inspectDatabaseFile(config: SqliteConfig): 'missing' | 'present' {
  const { filePath } = config;
  const stat = statOrUndefined(filePath);
  if (stat === undefined) {
    const ancestor = nearestExisting(dirname(filePath));
    if (!ancestor.isDirectory) {
      throw new DatabaseConfigError(
        `DATABASE_URL names ${filePath}, but ${ancestor.path} is a file, not a folder: point DATABASE_URL at a file in a folder`,
      );
    }
    return 'missing';
  }
  if (stat.isDirectory()) {
    throw new DatabaseConfigError(
      `DATABASE_URL names ${filePath}, which is a folder, not a database file: point it at a file, such as file:${filePath}/llm-atlas.db`,
    );
  }
  if (!stat.isFile()) {
    throw new DatabaseConfigError(
      `DATABASE_URL names ${filePath}, which is not a regular file: point it at a SQLite database file`,
    );
  }
  if (stat.size === 0) return 'present';
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let read: number;
  try {
    const fd = openSync(filePath, 'r');
    try {
      read = readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new DatabaseConfigError(
      `DATABASE_URL names ${filePath}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check its permissions`,
    );
  }
  if (read < header.length || !header.equals(SQLITE_HEADER)) {
    throw new DatabaseConfigError(
      `DATABASE_URL names ${filePath}, which is not a SQLite database: point DATABASE_URL at the graph's file, or move this one away`,
    );
  }
  return 'present';
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') return undefined;
    throw new DatabaseConfigError(
      `DATABASE_URL names ${path}, which cannot be inspected (${code}): check its permissions`,
    );
  }
}

/** The nearest folder (or file) on the way up from `path` that exists. */
function nearestExisting(path: string): { path: string; isDirectory: boolean } {
  let current = path;
  for (;;) {
    const stat = statOrUndefined(current);
    if (stat) return { path: current, isDirectory: stat.isDirectory() };
    const parent = dirname(current);
    if (parent === current) return { path: current, isDirectory: true };
    current = parent;
  }
}

/**
 * Checks the database file ({@link inspectDatabaseFile}) and creates the folder that will hold
 * it, one level at a time: `mkdirSync(…, { recursive: true })` loops forever under `/proc`.
 */
export function ensureDatabaseFolder(config: SqliteConfig): void {
  if (inspectDatabaseFile(config) === 'present') return;
  const missing: string[] = [];
  for (let folder = dirname(config.filePath); statOrUndefined(folder) === undefined; folder = dirname(folder)) {
    missing.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new DatabaseConfigError(
        `cannot create the folder ${folder} for DATABASE_URL's file ${config.filePath} (${code ?? (error as Error).message}): create it or choose another path`,
      );
    }
  }
}
