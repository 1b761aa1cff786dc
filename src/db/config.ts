import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

/** Where the embedded database lives when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_URL = 'file:./data/llm-atlas.db';

/**
 * A parsed `DATABASE_URL`. Only SQLite is supported today; PostgreSQL is planned and will be
 * another member of this union, chosen here and nowhere else.
 */
export type DatabaseConfig = Readonly<{
  provider: 'sqlite';
  /** `file:` URL with an absolute path, as the driver adapter takes it. */
  url: string;
  /** Absolute path of the database file. */
  filePath: string;
}>;

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
    return { provider: 'sqlite', url: `file:${filePath}`, filePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new DatabaseConfigError(
      'DATABASE_URL points at PostgreSQL, which this version does not support yet; use a file: URL (SQLite).',
    );
  }
  throw new DatabaseConfigError(
    `DATABASE_URL "${url}" is not understood: expected a SQLite file URL such as ${DEFAULT_DATABASE_URL}`,
  );
}

/** Creates the folder that will hold the database file. */
export function ensureDatabaseFolder(config: DatabaseConfig): void {
  mkdirSync(dirname(config.filePath), { recursive: true });
}
