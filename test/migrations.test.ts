import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../src/db/client.js';
import { type DatabaseConfig, DatabaseConfigError, parseDatabaseUrl } from '../src/db/config.js';
import { applyMigrations, diffDatabaseToSchema, MIGRATIONS_DIR, pendingSchemaChange } from '../src/db/migrations.js';

/** The migration folders committed under prisma/migrations, read from disk, not from the runner. */
const migrationFolders = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let folder: string;
let config: DatabaseConfig;
let prisma: PrismaClient;
/** What the first `applyMigrations` on the empty file answered. */
let firstRun: string[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'llm-atlas-migrations-'));
  config = parseDatabaseUrl(`file:${join(folder, 'migrations.db')}`);
  firstRun = await applyMigrations(config);
  prisma = createPrismaClient(config);
});

afterAll(async () => {
  await prisma?.$disconnect();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('applyMigrations on a fresh database file', () => {
  it('applies every committed migration folder, in order', () => {
    expect(migrationFolders.length).toBeGreaterThan(0);
    expect(firstRun).toEqual(migrationFolders);
  });

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(config)).toEqual([]);
  });

  it('records one finished, checksummed row per migration in _prisma_migrations', async () => {
    const rows = await prisma.$queryRawUnsafe<
      {
        migration_name: string;
        checksum: string;
        finished_at: unknown;
        rolled_back_at: unknown;
        applied_steps_count: unknown;
      }[]
    >(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationFolders);
    for (const row of rows) {
      expect(row.checksum, row.migration_name).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at, row.migration_name).not.toBeNull();
      expect(row.rolled_back_at, row.migration_name).toBeNull();
      expect(Number(row.applied_steps_count), row.migration_name).toBe(1);
    }
  });

  it('creates the full-text search table "SearchIndex"', async () => {
    const tables = await prisma.$queryRawUnsafe<{ name: string; sql: string }[]>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name = 'SearchIndex'`,
    );
    expect(tables).toHaveLength(1);
    expect(tables[0]?.sql).toMatch(/CREATE VIRTUAL TABLE "SearchIndex" USING fts5/i);
    // And it answers a MATCH query (the trigram tokenizer needs three characters).
    await prisma.$executeRawUnsafe(
      `INSERT INTO "SearchIndex" ("entityType", "entityId", "field", "text") VALUES ('MODEL', 1, 'NAME', 'GLM-130B')`,
    );
    const hits = await prisma.$queryRawUnsafe<{ text: string }[]>(
      `SELECT text FROM "SearchIndex" WHERE "SearchIndex" MATCH '"130"'`,
    );
    expect(hits.map((hit) => hit.text)).toEqual(['GLM-130B']);
    await prisma.$executeRawUnsafe('DELETE FROM "SearchIndex"');
  });
});

describe('schema drift', () => {
  it('finds schema.prisma and the committed migrations in agreement', async () => {
    const sql = await pendingSchemaChange();
    expect(sql, `schema.prisma differs from prisma/migrations; run \`npm run db:migration -- <name>\`:\n${sql}`).toBe(
      '',
    );
  });

  it('finds nothing to change on the migrated database (the FTS tables are left alone)', async () => {
    const sql = await diffDatabaseToSchema(config);
    expect(sql, sql).toBe('');
  });
});

describe('foreign keys', () => {
  it('are switched on for Prisma connections', async () => {
    const rows = await prisma.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>('PRAGMA foreign_keys');
    expect(Number(rows[0]?.foreign_keys)).toBe(1);
  });

  it('cascade: deleting a Model deletes its ModelAlias rows', async () => {
    const model = await prisma.model.create({
      data: {
        slug: 'cascade-test-model',
        name: 'Cascade Test Model',
        aliases: {
          create: [
            { alias: 'CTM', normalized: 'ctm' },
            { alias: 'Cascade TM', normalized: 'cascadetm' },
          ],
        },
      },
    });
    expect(await prisma.modelAlias.count({ where: { modelId: model.id } })).toBe(2);
    await prisma.model.delete({ where: { id: model.id } });
    expect(await prisma.modelAlias.count({ where: { modelId: model.id } })).toBe(0);
    // Deleted by SQLite's ON DELETE CASCADE, not by Prisma emulation: raw SQL behaves the same.
    const other = await prisma.model.create({
      data: { slug: 'cascade-test-raw', name: 'Raw', aliases: { create: [{ alias: 'Raw', normalized: 'raw' }] } },
    });
    await prisma.$executeRawUnsafe('DELETE FROM "Model" WHERE id = ?', other.id);
    expect(await prisma.modelAlias.count({ where: { modelId: other.id } })).toBe(0);
  });

  it('reject a row that points at nothing', async () => {
    await expect(
      prisma.modelAlias.create({ data: { modelId: 999_999, alias: 'Orphan', normalized: 'orphan' } }),
    ).rejects.toThrow(/foreign key/i);
    expect(await prisma.modelAlias.count({ where: { modelId: 999_999 } })).toBe(0);
  });
});

describe('parseDatabaseUrl', () => {
  it('resolves a relative file: URL against the given cwd', () => {
    const parsed = parseDatabaseUrl('file:./data/x.db', '/srv/atlas');
    expect(parsed).toEqual({ provider: 'sqlite', url: 'file:/srv/atlas/data/x.db', filePath: '/srv/atlas/data/x.db' });
  });

  it('resolves a relative file: URL against process.cwd() by default', () => {
    expect(parseDatabaseUrl('file:rel.db').filePath).toBe(resolve(process.cwd(), 'rel.db'));
  });

  it('keeps an absolute path, with or without file://, and drops query parameters', () => {
    expect(parseDatabaseUrl('file:/var/lib/atlas.db', '/elsewhere').filePath).toBe('/var/lib/atlas.db');
    expect(parseDatabaseUrl('file:///var/lib/atlas.db', '/elsewhere').filePath).toBe('/var/lib/atlas.db');
    expect(parseDatabaseUrl('file:/var/lib/atlas.db?connection_limit=1').url).toBe('file:/var/lib/atlas.db');
  });

  it('uses the default URL when none is given', () => {
    expect(parseDatabaseUrl(undefined, '/srv/atlas').filePath).toBe('/srv/atlas/data/llm-atlas.db');
  });

  it.each([
    ['file::memory:', /names no file.*needs a database file, e\.g\. file:/],
    ['file:', /names no file/],
    ['postgresql://user:pw@localhost:5432/atlas', /PostgreSQL.*not support.*use a file: URL/],
    ['postgres://localhost/atlas', /PostgreSQL/],
    ['mysql://root@localhost/atlas', /not understood: expected a SQLite file URL such as file:/],
    ['./atlas.db', /not understood/],
  ])('rejects %s with a DatabaseConfigError saying what to do', (url, message) => {
    let caught: unknown;
    try {
      parseDatabaseUrl(url, '/srv/atlas');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseConfigError);
    expect((caught as Error).name).toBe('DatabaseConfigError');
    expect((caught as Error).message).toMatch(message);
  });
});
