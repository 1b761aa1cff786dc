import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient, type PrismaClient } from '../../src/db/client.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../../src/db/config.js';
import { applyMigrations } from '../../src/db/migrations.js';

export type TestDatabase = {
  config: DatabaseConfig;
  prisma: PrismaClient;
  /** SQL statements Prisma sent since the last `queries.length = 0`. */
  queries: string[];
  /** Disconnects and deletes the database folder. */
  cleanup(): Promise<void>;
};

/**
 * A fresh, migrated SQLite file in its own temporary folder: one per test file.
 * Every SQL statement Prisma sends is recorded in `queries`.
 */
export async function createTestDatabase(name = 'test'): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), `llm-atlas-${name}-`));
  const config = parseDatabaseUrl(`file:${join(folder, `${name}.db`)}`);
  await applyMigrations(config);
  const queries: string[] = [];
  const prisma = createPrismaClient(config, { onQuery: (sql) => queries.push(sql) });
  return {
    config,
    prisma,
    queries,
    async cleanup() {
      await prisma.$disconnect();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
