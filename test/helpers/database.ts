import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase, type PrismaClient } from '../../src/db/client.js';
import type { DatabaseConfig } from '../../src/db/config.js';
import { parseDatabaseUrl } from '../../src/db/config.js';
import { applyMigrations } from '../../src/db/migrations.js';

export type TestDatabase = {
  config: DatabaseConfig;
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
  const config = parseDatabaseUrl(`file:${join(folder, `${name}.db`)}`);
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
