import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePostgresSchema } from '../scripts/derive-postgres-schema.mjs';
import { createPrismaClient, type PrismaClient } from '../src/db/client.js';
import { type DatabaseConfig, DatabaseConfigError, parseDatabaseUrl } from '../src/db/config.js';
import {
  applyMigrations,
  diffDatabaseToSchema,
  EXTERNAL_TABLES,
  MIGRATIONS_DIR,
  POSTGRES_SCHEMA_PATH,
  pendingSchemaChange,
  SCHEMA_PATH,
} from '../src/db/migrations.js';
import { searchIndexProblems, searchRankKeySql } from '../src/db/sqlite/search-index.js';

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

  it('creates the search index: the FTS5 table "SearchRank", each document under its place in search\'s order, kept in step by triggers', async () => {
    const objects = await prisma.$queryRawUnsafe<{ type: string; name: string; sql: string }[]>(
      `SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'Search%' AND type IN ('table', 'trigger') ORDER BY name`,
    );
    expect(objects.map((object) => `${object.type} ${object.name}`)).toEqual([
      'table SearchDocument',
      'trigger SearchDocument_after_delete',
      'trigger SearchDocument_after_insert',
      'trigger SearchDocument_after_update',
      'table SearchRank',
      'table SearchRank_config',
      'table SearchRank_data',
      'table SearchRank_docsize',
      'table SearchRank_idx',
    ]);
    // Every FTS5 table of the database is listed as external, so that schema diffs leave it alone.
    expect(objects.filter((object) => /^SearchRank/.test(object.name)).map((object) => object.name)).toEqual(
      [...EXTERNAL_TABLES].sort(),
    );
    const index = objects.find((object) => object.name === 'SearchRank');
    expect(index?.sql).toMatch(/CREATE VIRTUAL TABLE "SearchRank" USING fts5/i);
    expect(index?.sql).toMatch(/content\s*=\s*''/);

    // The triggers follow every insert, update and delete (the trigram tokenizer needs three
    // characters), under the key the search's statements expect (searchRankKeySql).
    const inIndex = async (column: 'text' | 'start' | 'grams', phrase: string) =>
      (
        await prisma.$queryRawUnsafe<{ text: string }[]>(
          `SELECT d.text FROM "SearchRank" JOIN "SearchDocument" d ON ${searchRankKeySql('d')} = "SearchRank".rowid
           WHERE "SearchRank" MATCH ?`,
          `{${column}} : "${phrase}"`,
        )
      ).map((row) => row.text);
    const matching = (phrase: string) => inIndex('text', phrase);
    const document = await prisma.searchDocument.create({
      data: { entityType: 'MODEL', entityId: 1, field: 'NAME', text: 'GLM-130B' },
    });
    expect(await matching('130')).toEqual(['GLM-130B']);
    expect(await inIndex('start', '\uE000\uE000glm')).toEqual(['GLM-130B']);
    await prisma.searchDocument.update({ where: { id: document.id }, data: { text: 'ChatGLM-6B' } });
    expect(await matching('130')).toEqual([]);
    expect(await matching('chatglm')).toEqual(['ChatGLM-6B']);
    expect(await inIndex('start', '\uE000\uE000glm')).toEqual([]);
    expect(await inIndex('start', '\uE000\uE000chat')).toEqual(['ChatGLM-6B']);
    // A change of field moves the document to another tier: another key.
    await prisma.searchDocument.update({ where: { id: document.id }, data: { field: 'DESCRIPTION' } });
    expect(await matching('chatglm')).toEqual(['ChatGLM-6B']);
    await prisma.searchDocument.delete({ where: { id: document.id } });
    expect(await matching('chatglm')).toEqual([]);
    expect(await inIndex('start', '\uE000\uE000chat')).toEqual([]);

    // The grams follow them too.
    const withGram = (gram: string) => inIndex('grams', ` ${gram} `);
    const chinese = await prisma.searchDocument.create({
      data: {
        entityType: 'MODEL',
        entityId: 1,
        field: 'NAME_ZH',
        text: '文心一言',
        grams: ' 文 心 文心 一 心一 言 一言 ',
      },
    });
    expect(await withGram('文心')).toEqual(['文心一言']);
    await prisma.searchDocument.update({ where: { id: chinese.id }, data: { text: 'ERNIE Bot', grams: '' } });
    expect(await withGram('文心')).toEqual([]);
    await prisma.searchDocument.update({ where: { id: chinese.id }, data: { text: '百度', grams: ' 百 度 百度 ' } });
    expect(await withGram('百度')).toEqual(['百度']);
    await prisma.searchDocument.delete({ where: { id: chinese.id } });
    expect(await withGram('百度')).toEqual([]);
    await prisma.searchDocument.create({ data: { entityType: 'MODEL', entityId: 1, field: 'NAME', text: 'GPT-4' } });
    // FTS5's check of itself, every document under its key, found by its own text, start and
    // grams, and no key of a document that is gone: a trigger that missed a change fails here.
    expect(await searchIndexProblems(prisma)).toEqual([]);
    await prisma.$executeRawUnsafe(
      `DELETE FROM "SearchRank" WHERE rowid = (SELECT ${searchRankKeySql('d')} FROM "SearchDocument" d WHERE d.text = 'GPT-4')`,
    );
    const id = (await prisma.searchDocument.findFirstOrThrow({ where: { text: 'GPT-4' } })).id;
    expect(await searchIndexProblems(prisma)).toEqual([
      `${id}: not indexed under its key`,
      `${id}: its text does not find it`,
      `${id}: its start does not find it`,
    ]);
  });
});

describe('schema drift', () => {
  it('finds schema.prisma and the committed migrations in agreement', async () => {
    const sql = await pendingSchemaChange();
    expect(sql, `schema.prisma differs from prisma/migrations; run \`npm run db:migration -- <name>\`:\n${sql}`).toBe(
      '',
    );
  });

  it('finds nothing to change on the migrated database (the FTS tables and the triggers are left alone)', async () => {
    const sql = await diffDatabaseToSchema(config);
    expect(sql, sql).toBe('');
    const triggers = await prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`,
    );
    const names = triggers.map((trigger) => trigger.name);
    // The search index's, and the overview's counts' (test/store.test.ts checks what they keep).
    expect(names.filter((name) => name.startsWith('SearchDocument_'))).toEqual([
      'SearchDocument_after_delete',
      'SearchDocument_after_insert',
      'SearchDocument_after_update',
    ]);
    expect(names.filter((name) => /_(count|facet)_/.test(name))).toHaveLength(names.length - 3);
    expect(names).toEqual(expect.arrayContaining(['ArticleModel_count_insert', 'Article_facet_update']));
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
  it('reads a PostgreSQL URL: its schema apart, its password kept out of the label', () => {
    expect(parseDatabaseUrl('postgresql://atlas:secret@db.example:5433/graph?schema=atlas&sslmode=require')).toEqual({
      provider: 'postgresql',
      url: 'postgresql://atlas:secret@db.example:5433/graph?sslmode=require',
      schema: 'atlas',
      label: 'postgresql://atlas:***@db.example:5433/graph (schema atlas)',
    });
    expect(parseDatabaseUrl('postgres://localhost/graph')).toMatchObject({ schema: 'public' });
  });

  it('resolves a relative file: URL against the given cwd', () => {
    const parsed = parseDatabaseUrl('file:./data/x.db', '/srv/atlas');
    expect(parsed).toEqual({
      provider: 'sqlite',
      url: 'file:/srv/atlas/data/x.db',
      filePath: '/srv/atlas/data/x.db',
      label: '/srv/atlas/data/x.db',
    });
  });

  it('resolves a relative file: URL against process.cwd() by default', () => {
    expect(parseDatabaseUrl('file:rel.db').label).toBe(resolve(process.cwd(), 'rel.db'));
  });

  it('keeps an absolute path, with or without file://, and drops query parameters', () => {
    expect(parseDatabaseUrl('file:/var/lib/atlas.db', '/elsewhere').label).toBe('/var/lib/atlas.db');
    expect(parseDatabaseUrl('file:///var/lib/atlas.db', '/elsewhere').label).toBe('/var/lib/atlas.db');
    expect(parseDatabaseUrl('file:/var/lib/atlas.db?connection_limit=1').url).toBe('file:/var/lib/atlas.db');
  });

  it('uses the default URL when none is given', () => {
    expect(parseDatabaseUrl(undefined, '/srv/atlas').label).toBe('/srv/atlas/data/llm-atlas.db');
  });

  it.each([
    ['file::memory:', /names no file.*needs a database file, e\.g\. file:/],
    ['file:', /names no file/],
    ['postgresql://user:pw@localhost:5432', /names no PostgreSQL database/],
    ['postgresql://localhost/atlas?schema=x;drop', /schema "x;drop" is not a plain name/],
    ['mysql://root@localhost/atlas', /not understood: expected a SQLite file URL such as file:.*or postgresql:/],
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

describe("PostgreSQL's schema", () => {
  it('is the one npm run generate derives from prisma/schema.prisma (committed, not edited by hand)', () => {
    const derived = derivePostgresSchema(readFileSync(SCHEMA_PATH, 'utf8'));
    expect(readFileSync(POSTGRES_SCHEMA_PATH, 'utf8')).toBe(derived);
  });

  it('is derived: the provider, the client beside the other, enums in text order, PostgreSQL-only lines', () => {
    const source = [
      'generator client {\n  provider = "prisma-client"\n  output = "../src/generated/prisma"\n}',
      'generator pothos {\n  provider = "prisma-pothos-types"\n}',
      'datasource db {\n  provider = "sqlite"\n}',
      'enum Kind {\n  ZETA\n  ALPHA\n  MID\n}',
      'model Doc {\n  id Int @id\n  text String\n  // postgresql: @@index([text(ops: raw("gin_trgm_ops"))], type: Gin)\n}',
    ].join('\n\n');
    const derived = derivePostgresSchema(source);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output          = "../../src/generated/prisma-pg"');
    expect(derived).toContain('previewFeatures = ["relationJoins"]');
    expect(derived).not.toContain('prisma-pothos-types');
    expect(derived).toContain('enum Kind {\n  ALPHA\n  MID\n  ZETA\n}');
    expect(derived).toContain('\n  @@index([text(ops: raw("gin_trgm_ops"))], type: Gin)\n}');
    expect(() => derivePostgresSchema(source.replace('ALPHA', 'ALPHA @map("a")'))).toThrow(/enum Kind holds more/);
  });
});
