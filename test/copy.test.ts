/**
 * `copyGraph` (`npm run db:copy`) reads the source in slices, link tables too (2M coverage rows
 * at a million articles were read whole into memory), and the copy holds every row the source
 * holds: the graph `npm start` builds, copied from its SQLite file into this project's database
 * (another SQLite file, or a PostgreSQL schema in the postgresql project) in slices of 97 rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyError, copyGraph, tablesInCopyOrder } from '../src/db/copy.js';
import { createSqliteTestDatabase, createTestDatabase, type TestDatabase } from './helpers/database.js';
import { fullGraphTemplate } from './helpers/full-graph.js';

const BATCH = 97;

describe('copyGraph', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  const read: string[] = [];

  beforeAll(async () => {
    source = await createSqliteTestDatabase('copy-source', { from: await fullGraphTemplate() });
    target = await createTestDatabase('copy-target');
    source.queries.length = 0;
    await copyGraph(source.database, target.database, undefined, { batch: BATCH });
    read.push(...source.queries);
  }, 180_000);

  afterAll(async () => {
    await source?.cleanup();
    await target?.cleanup();
  });

  /** Every row of a table through Prisma (each database's values in one form), in one order. */
  async function rowsOf(database: TestDatabase, table: string): Promise<string[]> {
    const delegate = (database.prisma as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[
      table.charAt(0).toLowerCase() + table.slice(1)
    ];
    if (!delegate) throw new Error(`no Prisma delegate for ${table}`);
    const rows = await delegate.findMany();
    return rows
      .map((row) => JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value)))
      .sort();
  }

  it('copies every row of every table', async () => {
    const tables = tablesInCopyOrder();
    expect(tables.length).toBeGreaterThan(20);
    for (const table of tables) {
      const there = await rowsOf(target, table.name);
      expect(there.length, table.name).toBe((await rowsOf(source, table.name)).length);
      expect(there, table.name).toEqual(await rowsOf(source, table.name));
    }
    expect(await target.database.store.tableCounts()).toEqual(await source.database.store.tableCounts());
  });

  it('reads the large tables, link tables included, in slices in the order of their key', async () => {
    const tables = tablesInCopyOrder();
    // The coverage of models by articles (a pair of ids for its key) and the articles (an id).
    for (const name of ['ArticleModel', 'ArticleAuthor', 'Article']) {
      const table = tables.find((candidate) => candidate.name === name);
      expect(table?.key, name).toBeDefined();
      const rows = (await rowsOf(source, name)).length;
      expect(rows, name).toBeGreaterThan(3 * BATCH);
      const slices = read.filter((sql) => new RegExp(`FROM "${name}"[\\s\\S]*LIMIT ${BATCH}$`).test(sql.trim()));
      // One read per slice, and one that finds nothing more.
      expect(slices.length, name).toBe(Math.ceil(rows / BATCH) + 1);
    }
    // A model's tasks are keyed by an enum: read whole (few rows per model).
    expect(tables.find((table) => table.name === 'ModelTask')?.key).toBeUndefined();
  });

  it('refuses a slice of no rows', async () => {
    await expect(copyGraph(source.database, target.database, undefined, { batch: 0 })).rejects.toThrow(
      new CopyError('a copy reads at least one row at a time, not 0'),
    );
  });
});
