/**
 * What `npm start` does before serving: bring the database to the committed migrations and, on
 * the first start (an empty graph), import the user's note and the curated data.
 */
import { seedDatabase } from '../seed/import.js';
import type { PrismaClient } from './db/client.js';
import type { DatabaseConfig } from './db/config.js';
import { applyMigrations } from './db/migrations.js';

export type BootstrapReport = { appliedMigrations: string[]; seeded: boolean };

/** Migrates, then seeds when the graph is empty. Safe to run on every start. */
export async function prepareDatabase(
  config: DatabaseConfig,
  prisma: PrismaClient,
  log: (line: string) => void = () => {},
): Promise<BootstrapReport> {
  const appliedMigrations = await applyMigrations(config);
  if (appliedMigrations.length > 0) log(`Applied ${appliedMigrations.length} migration(s): ${appliedMigrations.join(', ')}`);
  const empty = (await prisma.source.count()) === 0;
  if (empty) {
    log('Empty graph: importing the note and the curated data...');
    await seedDatabase(prisma);
    log('Seeded.');
  }
  return { appliedMigrations, seeded: empty };
}
