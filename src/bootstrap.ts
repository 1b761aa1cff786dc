/**
 * What `npm start` does before serving: bring the database to the committed migrations and, on
 * the first start (an empty graph), import the user's note and the curated data, then Epoch AI's
 * snapshot (also on the first start after the Epoch import was added to a seeded database).
 */
import { EPOCH_SOURCE, importEpoch } from '../seed/epoch/import.js';
import { seedDatabase } from '../seed/import.js';
import type { PrismaClient } from './db/client.js';
import type { DatabaseConfig } from './db/config.js';
import { applyMigrations } from './db/migrations.js';

export type BootstrapReport = { appliedMigrations: string[]; seeded: boolean; importedEpoch: boolean };

/** Migrates, then seeds what is missing. Safe to run on every start: a seeded graph is left as it is. */
export async function prepareDatabase(
  config: DatabaseConfig,
  prisma: PrismaClient,
  log: (line: string) => void = () => {},
): Promise<BootstrapReport> {
  const appliedMigrations = await applyMigrations(config);
  if (appliedMigrations.length > 0)
    log(`Applied ${appliedMigrations.length} migration(s): ${appliedMigrations.join(', ')}`);
  const empty = (await prisma.source.count()) === 0;
  if (empty) {
    log('Empty graph: importing the note and the curated data...');
    await seedDatabase(prisma);
    log('Seeded.');
  }
  const hasEpoch = (await prisma.source.count({ where: { slug: EPOCH_SOURCE.slug } })) > 0;
  if (!hasEpoch) {
    log("Importing Epoch AI's Notable AI Models snapshot (CC BY 4.0)...");
    const summary = await importEpoch(prisma);
    log(`Imported ${summary.createdModels} new models and ${summary.claimsAdded} claims from Epoch AI.`);
  }
  return { appliedMigrations, seeded: empty, importedEpoch: !hasEpoch };
}
