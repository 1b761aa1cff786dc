/**
 * The first start as `npm start` runs it: migrations, the note and curated data, then Epoch's
 * snapshot; and a second start that leaves the graph as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareDatabase } from '../seed/prepare.js';
import { type Database, openDatabase, type PrismaClient } from '../src/db/client.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../src/db/config.js';
import { liveDatabase } from '../src/db/live.js';
import { readMigrations } from '../src/db/migrations.js';
import { createApp } from '../src/yoga.js';

let folder: string;
let config: DatabaseConfig;
let database: Database;
let prisma: PrismaClient;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'llm-atlas-bootstrap-'));
  // A folder that does not exist yet, as ./data on a fresh clone.
  config = parseDatabaseUrl(`file:${join(folder, 'data', 'llm-atlas.db')}`);
  database = openDatabase(config);
  prisma = database.prisma;
});
afterAll(async () => {
  await prisma?.$disconnect();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const EXPECTED_GPT3_PARAMETERS = [
  ['arxiv-2005-14165', '175000000000'],
  ['epoch-notable-ai-models', '174600000000'],
  ['stanford-ecosystem-graphs', '175000000000'],
];
/** What npm start prints while it prepares a new database. */
const EXPECTED_FIRST_START_LOG = [
  `Applied ${readMigrations().migrationDirectories.length} migration(s): ${readMigrations()
    .migrationDirectories.map((folder) => folder.path)
    .join(', ')}`,
  'Empty graph: importing the note and the curated data...',
  'Seeded.',
  "Importing Epoch AI's Notable AI Models snapshot (CC BY 4.0)...",
  'Imported 955 new models and 3841 claims from Epoch AI.',
];

describe('prepareDatabase', () => {
  it('migrates, seeds and imports Epoch on the first start', async () => {
    const log: string[] = [];
    const report = await prepareDatabase(database, (line) => log.push(line));
    expect(report).toEqual({
      appliedMigrations: readMigrations().migrationDirectories.map((folder) => folder.path),
      seeded: true,
      importedEpoch: true,
      rebuiltSearchIndex: false,
      rankedClaims: false,
      refreshed: false,
    });
    const sources = await prisma.source.findMany({
      where: { slug: { in: ['user-note', 'epoch-notable-ai-models'] } },
      select: { slug: true, kind: true, license: true, attribution: true, snapshotDate: true },
      orderBy: { slug: 'asc' },
    });
    expect(sources).toEqual([
      {
        slug: 'epoch-notable-ai-models',
        kind: 'DATASET',
        license: 'CC BY 4.0',
        attribution: "Epoch AI, 'Data on Notable AI Models'. Published online at epoch.ai.",
        snapshotDate: new Date('2026-01-26T00:00:00Z'),
      },
      { slug: 'user-note', kind: 'NOTE', license: null, attribution: null, snapshotDate: null },
    ]);
    // The curated GPT-3 is the one Epoch's "GPT-3 175B (davinci)" row speaks of: claims from both.
    const gpt3 = await prisma.model.findUniqueOrThrow({
      where: { slug: 'gpt-3' },
      include: { claims: { where: { property: 'PARAMETERS' }, include: { source: true } } },
    });
    expect(gpt3.claims.map((claim) => [claim.source.slug, claim.value]).sort()).toEqual(EXPECTED_GPT3_PARAMETERS);
    expect(log).toEqual(EXPECTED_FIRST_START_LOG);
    // The query planner's statistics describe the graph as imported (sqlite_stat1: an index's
    // table rows first), not the empty tables the connection saw when it opened.
    const [stat] = await prisma.$queryRawUnsafe<{ stat: string }[]>(
      `SELECT stat FROM sqlite_stat1 WHERE tbl = 'Model' AND idx = 'Model_slug_key'`,
    );
    expect(Number(stat?.stat.split(' ')[0])).toBe(await prisma.model.count());
  });

  it('leaves a prepared database as it is on the next start', async () => {
    const counts = async () => ({
      models: await prisma.model.count(),
      organizations: await prisma.organization.count(),
      claims: await prisma.claim.count(),
      lineage: await prisma.modelLineage.count(),
      articles: await prisma.article.count(),
    });
    const before = await counts();
    const report = await prepareDatabase(database);
    expect(report).toEqual({
      appliedMigrations: [],
      seeded: false,
      importedEpoch: false,
      rebuiltSearchIndex: false,
      rankedClaims: false,
      refreshed: false,
    });
    expect(await counts()).toEqual(before);
  });

  it('rebuilds an empty search index over a seeded graph (a database migrated from before SearchDocument)', async () => {
    const documents = await prisma.searchDocument.count();
    // Names, aliases, descriptions, the titles and abstracts of Epoch's papers, and the names of
    // their 6,544 authors.
    expect(documents).toBe(11593);
    const found = await database.store.search.query('悟道', { limit: 10 });
    // What the migration leaves: the documents gone, the triggers emptying the FTS index with them.
    await prisma.searchDocument.deleteMany();
    expect(await database.store.search.isEmpty()).toBe(true);
    expect(await database.store.search.count('悟道', { max: 100 })).toBe(0);

    const log: string[] = [];
    const report = await prepareDatabase(database, (line) => log.push(line));
    expect(report).toEqual({
      appliedMigrations: [],
      seeded: false,
      importedEpoch: false,
      rebuiltSearchIndex: true,
      rankedClaims: false,
      refreshed: false,
    });
    expect(log).toContain('Building the search index...');
    expect(await prisma.searchDocument.count()).toBe(documents);
    expect(await database.store.search.query('悟道', { limit: 10 })).toEqual(found);
    expect(found.map((hit) => [hit.entityType, hit.field])).toEqual([
      ['MODEL', 'NAME_ZH'],
      ['MODEL', 'NAME_ZH'],
      ['MODEL', 'ALIAS'],
      ['MODEL', 'ALIAS'],
      ['ORGANIZATION', 'DESCRIPTION'],
    ]);
  });

  it('fills a table a migration adds on the start that applies it (a database from before ModelTask)', async () => {
    const tasks = await prisma.modelTask.count();
    expect(tasks).toBe(2023);
    const counts = async () => ({
      models: await prisma.model.count(),
      organizations: await prisma.organization.count(),
      claims: await prisma.claim.count(),
      redirects: await prisma.slugRedirect.count(),
    });
    const before = await counts();
    // What the database looked like before the migration: no table, no record of it.
    const migration = readMigrations().migrationDirectories.find((folder) => folder.path.endsWith('_model_tasks'));
    expect(migration).toBeDefined();
    await prisma.$executeRawUnsafe('DROP TABLE "ModelTask"');
    await prisma.$executeRawUnsafe('DELETE FROM "_prisma_migrations" WHERE "migration_name" = ?', migration?.path);

    const log: string[] = [];
    const report = await prepareDatabase(database, (line) => log.push(line));
    expect(report).toEqual({
      appliedMigrations: [migration?.path],
      seeded: false,
      importedEpoch: false,
      rebuiltSearchIndex: false,
      rankedClaims: false,
      refreshed: true,
    });
    expect(log).toEqual([
      `Applied 1 migration(s): ${migration?.path}`,
      'The schema changed: importing the curated data again to fill it...',
      "Importing Epoch AI's snapshot again to fill the changed schema...",
      'Imported 0 new models and 0 claims from Epoch AI.',
    ]);
    expect(await prisma.modelTask.count()).toBe(tasks);
    expect(await counts()).toEqual(before);
  });

  it('credits Epoch AI wherever a page of models carries its data', async () => {
    const app = createApp(database);
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: /* GraphQL */ `
          {
            withEpoch: models(filter: { slug: "gpt-3" }) { attributions { slug license attribution snapshotDate } }
            curatedOnly: models(filter: { slug: "wudao-2-0" }) { totalCount attributions { slug } }
          }
        `,
      }),
    });
    const { data, errors } = (await response.json()) as {
      data: Record<string, { totalCount?: number; attributions: Record<string, string>[] }>;
      errors?: unknown;
    };
    expect(errors).toBeUndefined();
    expect(data.withEpoch?.attributions).toEqual([
      {
        slug: 'epoch-notable-ai-models',
        license: 'CC BY 4.0',
        attribution: "Epoch AI, 'Data on Notable AI Models'. Published online at epoch.ai.",
        snapshotDate: '2026-01-26',
      },
    ]);
    // Wu Dao 2.0 is not in Epoch's dataset: its page owes Epoch nothing, but Wikipedia (CC BY-SA),
    // whose article dates it.
    expect(data.curatedOnly).toEqual({ totalCount: 1, attributions: [{ slug: 'wikipedia-wu-dao' }] });
  });
});

describe('a served SQLite file', () => {
  it("refreshes the planner's statistics in the background, and finds a table grown since", async () => {
    const live = liveDatabase(openDatabase(config));
    const { prisma: served } = live.database;
    const statRows = async () => {
      const [row] = await served.$queryRawUnsafe<{ stat: string }[]>(
        `SELECT stat FROM sqlite_stat1 WHERE tbl = 'Hardware' AND idx = 'Hardware_slug_key'`,
      );
      return Number(row?.stat.split(' ')[0]);
    };
    const before = await served.hardware.count();
    expect(await statRows()).toBe(before);
    // Twentyfold (SQLite refreshes a table's statistics when its size changed about tenfold).
    await served.hardware.createMany({
      data: Array.from({ length: before * 20 }, (_, i) => ({
        slug: `test-hardware-${i}`,
        name: `Test hardware ${i}`,
        nameKey: `test hardware ${i}`,
      })),
    });
    const stop = live.watch(60_000, 50);
    try {
      await vi.waitFor(async () => expect(await statRows()).toBe(before * 21), { timeout: 10_000, interval: 50 });
    } finally {
      stop();
      await live.close();
    }
  });
});
