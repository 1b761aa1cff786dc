import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase, type PrismaClient } from '../../src/db/client.js';
import type { DatabaseConfig, PostgresConfig, SqliteConfig } from '../../src/db/config.js';
import { parseDatabaseUrl } from '../../src/db/config.js';
import { copyGraph, tablesInCopyOrder } from '../../src/db/copy.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { dropPostgresSchema } from '../../src/db/postgres/admin.js';

export type TestDatabase<Config extends DatabaseConfig = SqliteConfig> = {
  config: Config;
  /** The `DATABASE_URL` a process (a command-line tool, a server) would reach it by. */
  databaseUrl: string;
  /** The opened database: its client, its store, `storeFor(tx)`. */
  database: Database;
  /** `database.prisma`. */
  prisma: PrismaClient;
  /** SQL statements Prisma sent (the store's included) since the last `queries.length = 0`. */
  queries: string[];
  /** Disconnects and deletes the database folder. */
  cleanup(): Promise<void>;
};

/**
 * The database the test files run on: SQLite files, or with `TEST_DATABASE=postgresql` (the
 * `postgresql` project of test/vitest.config.ts) schemas on {@link TEST_POSTGRES_URL}.
 */
export const TEST_DATABASE: 'sqlite' | 'postgresql' =
  process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';

/**
 * A fresh, migrated SQLite file in its own temporary folder: one per test file, empty or a copy
 * of the database file `from`. Every SQL statement Prisma sends is recorded in `queries`.
 *
 * Under `TEST_DATABASE=postgresql`, a schema of its own on PostgreSQL instead, empty or holding
 * a copy of the graph in the SQLite file `from` (`copyGraph`, as `npm run db:copy` does). Its
 * `config` is then PostgreSQL's: the tests that need a file run on SQLite only.
 */
export async function createTestDatabase(name = 'test', options: { from?: string } = {}): Promise<TestDatabase> {
  if (TEST_DATABASE === 'postgresql') {
    const database = await createPostgresTestDatabase(name);
    if (options.from) {
      const source = openDatabase(parseDatabaseUrl(`file:${options.from}`), { mustExist: true });
      try {
        await copyGraph(source, database.database);
      } finally {
        await source.prisma.$disconnect();
      }
      database.queries.length = 0;
    }
    return database as unknown as TestDatabase;
  }
  return createSqliteTestDatabase(name, options);
}

/** A fresh, migrated SQLite file, whatever `TEST_DATABASE` says (see {@link createTestDatabase}). */
export async function createSqliteTestDatabase(name = 'test', options: { from?: string } = {}): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), `llm-atlas-${name}-`));
  const config = parseDatabaseUrl(`file:${join(folder, `${name}.db`)}`) as SqliteConfig;
  if (options.from) copyFileSync(options.from, config.filePath);
  await applyMigrations(config);
  const queries: string[] = [];
  const database = openDatabase(config, { onQuery: (sql) => queries.push(sql) });
  const { prisma } = database;
  return {
    config,
    databaseUrl: `file:${config.filePath}`,
    database,
    prisma,
    queries,
    async cleanup() {
      await prisma.$disconnect();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * The PostgreSQL server the tests may use (`TEST_POSTGRES_URL`, e.g.
 * postgresql://postgres@127.0.0.1:5432/test), or undefined: then the PostgreSQL tests are skipped
 * and the run says so (test/global-setup.ts).
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || undefined;

/**
 * A fresh, migrated schema of its own on {@link TEST_POSTGRES_URL}: one per test file and name,
 * dropped by `cleanup()`. Every SQL statement Prisma sends is recorded in `queries`.
 */
export async function createPostgresTestDatabase(name = 'test'): Promise<TestDatabase<PostgresConfig>> {
  if (!TEST_POSTGRES_URL) throw new Error('TEST_POSTGRES_URL is not set');
  const schema = `t_${name.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  const config = parseDatabaseUrl(url.href) as PostgresConfig;
  await applyMigrations(config);
  const queries: string[] = [];
  // The write lock PostgreSQL takes first in every write (GraphStore.beginWrite) is left out, so
  // that the statements the tests count are those of the work itself, on either database.
  const database = openDatabase(config, {
    onQuery: (sql) => {
      if (!sql.includes('pg_advisory_xact_lock')) queries.push(sql);
    },
  });
  const { prisma } = database;
  return {
    config,
    databaseUrl: url.href,
    database,
    prisma,
    queries,
    async cleanup() {
      await prisma.$disconnect();
      await dropPostgresSchema(config);
    },
  };
}

/**
 * Every table of the schema with its row count, and on SQLite its full-text index too (the
 * documents of the FTS5 table `SearchRank`, which SQLite keeps beside them). `except` leaves
 * tables out.
 */
export async function rowCounts(
  prisma: PrismaClient,
  options: { except?: readonly string[] } = {},
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tables: string[] = tablesInCopyOrder()
    .map((table) => table.name)
    .filter((name) => !options.except?.includes(name));
  if (TEST_DATABASE === 'sqlite') tables.push('SearchRank_docsize');
  for (const name of tables.sort()) {
    const [row] = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM "${name}"`);
    counts[name] = Number(row?.n);
  }
  return counts;
}

/**
 * Every row of every table of the schema, each table in the order of its key, for exact
 * comparison: equal dumps mean nothing was written. `except` leaves tables out.
 */
export async function dumpTables(
  prisma: PrismaClient,
  options: { except?: readonly string[] } = {},
): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of tablesInCopyOrder()) {
    if (options.except?.includes(table.name)) continue;
    const key = table.keyed
      ? '"id"'
      : table.columns
          .filter((column) => column.kind === 'scalar' && column.type === 'Int')
          .map((column) => `"${column.name}"`)
          .join(', ');
    dump[table.name] = await prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table.name}" ORDER BY ${key || '1'}`);
  }
  return dump;
}

/**
 * Makes the test's database unusable, as a lost disk or a dropped database would: every statement
 * fails from then on. SQLite: the file no longer holds a database; PostgreSQL: its schema is gone.
 */
export async function breakDatabase(test: TestDatabase): Promise<void> {
  const config = test.config as DatabaseConfig;
  if (config.provider === 'postgresql') {
    await dropPostgresSchema(config);
    return;
  }
  await test.prisma.$disconnect();
  writeFileSync(config.filePath, 'this is not a database');
}

/**
 * Makes every insert into `table` fail with `message` (a trigger), to test that a write failing
 * half-way leaves nothing behind. Answers the undo.
 */
export async function failInsertsInto(
  test: TestDatabase,
  table: string,
  message: string,
): Promise<() => Promise<void>> {
  const { prisma } = test;
  if ((test.config as DatabaseConfig).provider === 'postgresql') {
    await prisma.$executeRawUnsafe(
      `CREATE FUNCTION "test_refuse_insert"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "test_refuse_insert" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "test_refuse_insert"()`,
    );
    return async () => {
      await prisma.$executeRawUnsafe(`DROP TRIGGER "test_refuse_insert" ON "${table}"`);
      await prisma.$executeRawUnsafe('DROP FUNCTION "test_refuse_insert"()');
    };
  }
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER "test_refuse_insert" BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, '${message}'); END`,
  );
  return async () => {
    await prisma.$executeRawUnsafe('DROP TRIGGER "test_refuse_insert"');
  };
}

/**
 * A `DATABASE_URL` for a database that does not exist yet, on the database the tests run on (a
 * file in a new folder, or a schema not yet made), for `npm start` to create; `cleanup` removes it.
 */
export function newDatabaseUrl(name: string): { url: string; cleanup(): Promise<void> } {
  if (TEST_DATABASE === 'postgresql') {
    if (!TEST_POSTGRES_URL) throw new Error('TEST_POSTGRES_URL is not set');
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set(
      'schema',
      `t_${name.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`.toLowerCase(),
    );
    return { url: url.href, cleanup: () => dropPostgresSchema(parseDatabaseUrl(url.href) as PostgresConfig) };
  }
  const folder = mkdtempSync(join(tmpdir(), `llm-atlas-${name}-`));
  return {
    url: `file:${join(folder, `${name}.db`)}`,
    cleanup: async () => rmSync(folder, { recursive: true, force: true }),
  };
}
