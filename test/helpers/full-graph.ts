import { copyFileSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { prepareDatabase } from '../../seed/prepare.js';
import { createSqliteTestDatabase, createTestDatabase, type TestDatabase } from './database.js';
import { serveTestDatabase, type TestServer } from './server.js';

/**
 * The graph `npm start` builds ({@link prepareDatabase}: migrations, the user's note and the
 * curated data, then Epoch AI's snapshot), built once per test run: the first test file to ask
 * builds it in the run's shared folder (test/global-setup.ts) while the others wait, and every
 * file then works on its own copy. Building it takes about 12 s; copying it, a few milliseconds.
 */
export async function fullGraphTemplate(): Promise<string> {
  const folder = inject('sharedFolder');
  const template = join(folder, 'full-graph.db');
  const ready = join(folder, 'full-graph.ready');
  const failed = join(folder, 'full-graph.failed');
  let builder = false;
  try {
    openSync(join(folder, 'full-graph.lock'), 'wx');
    builder = true;
  } catch {
    // Another test file is building it.
  }
  if (builder) {
    // A SQLite file on either database: PostgreSQL's test schemas are copies of it (createTestDatabase).
    const built = await createSqliteTestDatabase('full-graph-template');
    try {
      await prepareDatabase(built.database);
      // The whole database in the file, none of it in the write-ahead log: a copy of the file is all of it.
      await built.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
      await built.prisma.$disconnect();
      copyFileSync(built.config.filePath, template);
      writeFileSync(ready, '');
    } catch (error) {
      writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
      throw error;
    } finally {
      await built.cleanup();
    }
    return template;
  }
  const deadline = Date.now() + 180_000;
  while (!existsSync(ready)) {
    if (existsSync(failed)) throw new Error(`building the full graph failed:\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > deadline) throw new Error('the full graph was not built within 180 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return template;
}

/** This file's own copy of the graph `npm start` builds. */
export async function createFullGraphDatabase(name = 'full-graph'): Promise<TestDatabase> {
  return createTestDatabase(name, { from: await fullGraphTemplate() });
}

/** A server on a random port over this file's own copy of the graph `npm start` builds. */
export async function startFullGraphServer(name = 'full-graph'): Promise<TestServer> {
  return serveTestDatabase(await createFullGraphDatabase(name));
}
