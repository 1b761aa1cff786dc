/**
 * `npm run seed`: applies pending migrations, then imports the user's note and the curated data
 * into DATABASE_URL (default ./data/llm-atlas.db) in one transaction, and prints what changed.
 * Options: --curated <file.yaml>, --note <file.md>, --create (start a new database file when
 * there is none; `npm start` creates and fills one).
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/client.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../../src/db/config.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { requireDatabaseFile, runCli } from '../cli-support.js';
import { DEFAULT_SEED_FILES, formatSeedSummary, seedDatabase } from './import.js';
import { SeedDataError } from './load.js';

let config: DatabaseConfig | undefined;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      curated: { type: 'string', default: DEFAULT_SEED_FILES.curated },
      note: { type: 'string', default: DEFAULT_SEED_FILES.note },
      create: { type: 'boolean', default: false },
    },
  });
  config = parseDatabaseUrl(process.env.DATABASE_URL);
  requireDatabaseFile(config, values.create, 'npm run seed');
  await applyMigrations(config);
  const database = openDatabase(config);
  try {
    const started = performance.now();
    const summary = await seedDatabase(database, { curatedFile: values.curated, noteFile: values.note });
    await database.store.refreshStatistics();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`Seeded ${config.label} in ${seconds}s:\n${formatSeedSummary(summary)}`);
    return 0;
  } finally {
    await database.prisma.$disconnect();
  }
}

// A bad seed file lists every problem, one a line; anything else is one line.
runCli('seed', main, { database: () => config, multiLine: [SeedDataError] });
