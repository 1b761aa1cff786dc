/**
 * `npm run seed`: applies pending migrations, then imports the user's note and the curated data
 * into DATABASE_URL (default ./data/llm-atlas.db) in one transaction, and prints what changed.
 * Options: --curated <file.yaml>, --note <file.md>.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/client.js';
import { parseDatabaseUrl } from '../../src/db/config.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { DEFAULT_SEED_FILES, formatSeedSummary, seedDatabase } from './import.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      curated: { type: 'string', default: DEFAULT_SEED_FILES.curated },
      note: { type: 'string', default: DEFAULT_SEED_FILES.note },
    },
  });
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  await applyMigrations(config);
  const database = openDatabase(config);
  try {
    const started = performance.now();
    const summary = await seedDatabase(database, { curatedFile: values.curated, noteFile: values.note });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(`Seeded ${config.filePath} in ${seconds}s:\n${formatSeedSummary(summary)}`);
  } finally {
    await database.prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  // A bad file is the user's to fix: print the message, not a stack trace.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 1;
});
