import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase, type PrismaClient } from '../../src/db/client.js';
import type { DatabaseConfig, PostgresConfig, SqliteConfig } from '../../src/db/config.js';
import { parseDatabaseUrl } from '../../src/db/config.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { dropPostgresSchema } from '../../src/db/postgres/admin.js';

export type TestDatabase<Config extends DatabaseConfig = SqliteConfig> = {
  config: Config;
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
 * A fresh, migrated SQLite file in its own temporary folder: one per test file, empty or a copy
 * of the database file `from`. Every SQL statement Prisma sends is recorded in `queries`.
 */
export async function createTestDatabase(name = 'test', options: { from?: string } = {}): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), `llm-atlas-${name}-`));
  const config = parseDatabaseUrl(`file:${join(folder, `${name}.db`)}`) as SqliteConfig;
  if (options.from) copyFileSync(options.from, config.filePath);
  await applyMigrations(config);
  const queries: string[] = [];
  const database = openDatabase(config, { onQuery: (sql) => queries.push(sql) });
  const { prisma } = database;
  return {
    config,
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
export async function createPostgresTestDatabase(
  name = 'test',
): Promise<TestDatabase<PostgresConfig> & { url: string }> {
  if (!TEST_POSTGRES_URL) throw new Error('TEST_POSTGRES_URL is not set');
  const schema = `t_${name.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('schema', schema);
  const config = parseDatabaseUrl(url.href) as PostgresConfig;
  await applyMigrations(config);
  const queries: string[] = [];
  const database = openDatabase(config, { onQuery: (sql) => queries.push(sql) });
  const { prisma } = database;
  return {
    config,
    url: url.href,
    database,
    prisma,
    queries,
    async cleanup() {
      await prisma.$disconnect();
      await dropPostgresSchema(config);
    },
  };
}
