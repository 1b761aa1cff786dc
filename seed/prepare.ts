/**
 * What `npm start` does before serving: bring the database to the committed migrations and, on
 * the first start (an empty graph), import the user's note and the curated data, then Epoch AI's
 * snapshot (also on the first start after the Epoch import was added to a seeded database). When
 * a migration lands on a graph that holds data, both imports run again: they are idempotent, and
 * fill what the new schema can hold (a new column, a new table) from the shipped files.
 *
 * It lives with the seed because it runs the importers; the server (src/) imports nothing from
 * seed/ and serves whatever database it is given.
 */
import lockfile from 'proper-lockfile';
import type { Database } from '../src/db/client.js';
import type { DatabaseConfig } from '../src/db/config.js';
import { applyMigrations } from '../src/db/migrations.js';
import { withAdvisoryLock } from '../src/db/postgres/admin.js';
import { writeGraph } from '../src/graph/index.js';
import { seedDatabase } from './curated/import.js';
import { EPOCH_SOURCE, importEpoch, OlderSnapshotError } from './epoch/import.js';

export type PrepareReport = {
  appliedMigrations: string[];
  seeded: boolean;
  importedEpoch: boolean;
  /** Whether the search index was rebuilt (a database migrated from before the index was per entity). */
  rebuiltSearchIndex: boolean;
  /** Whether claims were ranked (a database written before claims had ranks). */
  rankedClaims: boolean;
  /** Whether the imports ran again over a graph a migration changed. */
  refreshed: boolean;
};

/** How long an instance waits for another to finish preparing the same database. */
export const PREPARE_WAIT_MS = 180_000;

/**
 * Runs `work` (preparing the database) holding a lock on the database, so that instances started
 * at once on one database take turns: the first migrates and imports, the others wait, then find
 * nothing to do. Without it both migrated at once and both stopped on a locked file.
 * On SQLite the lock is a folder beside the database (`<file>.prepare.lock`, proper-lockfile),
 * refreshed while held and taken over when its holder died (not refreshed for a minute); on
 * PostgreSQL, an advisory lock, which ends with its holder's session.
 */
export async function withPrepareLock<T>(
  config: DatabaseConfig,
  work: () => Promise<T>,
  log: (line: string) => void = () => {},
): Promise<T> {
  if (config.provider === 'postgresql') {
    return withAdvisoryLock(config, 'prepare', work, {
      waitMs: PREPARE_WAIT_MS,
      onWait: () => log('Another instance is preparing the database: waiting for it...'),
    });
  }
  const options = {
    realpath: false,
    lockfilePath: `${config.filePath}.prepare.lock`,
    stale: 60_000,
    update: 10_000,
    onCompromised: (error: Error) => log(`The lock on the database was lost: ${error.message}`),
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(config.filePath, options);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    log('Another instance is preparing the database: waiting for it...');
    const waitUntil = Date.now() + PREPARE_WAIT_MS;
    for (;;) {
      try {
        release = await lockfile.lock(config.filePath, options);
        break;
      } catch (retry) {
        if ((retry as { code?: string }).code !== 'ELOCKED') throw retry;
        if (Date.now() > waitUntil)
          throw new Error(
            `another instance has been preparing ${config.filePath} for ${PREPARE_WAIT_MS / 1000} s: stop it, or remove ${options.lockfilePath} if no instance runs`,
          );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
  try {
    return await work();
  } finally {
    await release().catch(() => {});
  }
}

/** Migrates, then adds what is missing. Safe to run on every start: a prepared graph is left as it is. */
export async function prepareDatabase(
  database: Database,
  log: (line: string) => void = () => {},
): Promise<PrepareReport> {
  const { prisma } = database;
  // Prisma's schema engine migrates under `locking_mode=EXCLUSIVE`, which in WAL mode needs every
  // other connection to the file closed: our own too (it opens again on its next statement).
  await prisma.$disconnect();
  const appliedMigrations = await applyMigrations(database.config);
  if (appliedMigrations.length > 0) {
    log(`Applied ${appliedMigrations.length} migration(s): ${appliedMigrations.join(', ')}`);
  }
  const empty = (await prisma.source.count()) === 0;
  let rebuiltSearchIndex = false;
  if (!empty && (await database.store.search.isEmpty())) {
    // The migration that made the index per entity starts it empty; the write layer keeps it in
    // step from then on.
    log('Building the search index...');
    // One transaction, so that a failed build leaves the index empty and the next start builds it
    // again: 61 s for the 1.5 million documents of a million articles (2-core machine, 2026-12-04).
    await prisma.$transaction((tx) => database.storeFor(tx).search.rebuild(), { timeout: 15 * 60_000 });
    rebuiltSearchIndex = true;
  }
  let rankedClaims = false;
  if (!empty && (await prisma.claim.count({ where: { rankReason: null } })) > 0) {
    // Claims written before they had ranks: the write layer ranks them and derives the preferred
    // values, as it does for every write from now on.
    log('Ranking claims and deriving preferred values...');
    await writeGraph(database, (graph) => graph.rankAllClaims());
    rankedClaims = true;
  }
  if (empty) {
    log('Empty graph: importing the note and the curated data...');
    await seedDatabase(database);
    log('Seeded.');
  }
  const hasEpoch = (await prisma.source.count({ where: { slug: EPOCH_SOURCE.slug } })) > 0;
  const refreshed = !empty && appliedMigrations.length > 0;
  if (refreshed) {
    log('The schema changed: importing the curated data again to fill it...');
    await seedDatabase(database);
  }
  if (!hasEpoch || refreshed) {
    log(
      hasEpoch
        ? "Importing Epoch AI's snapshot again to fill the changed schema..."
        : "Importing Epoch AI's Notable AI Models snapshot (CC BY 4.0)...",
    );
    try {
      const summary = await importEpoch(database);
      log(`Imported ${summary.createdModels} new models and ${summary.claimsAdded} claims from Epoch AI.`);
    } catch (error) {
      // The graph holds a newer snapshot someone imported: the shipped one must not replace it.
      if (!(error instanceof OlderSnapshotError)) throw error;
      log(`Kept Epoch AI's snapshot of ${error.graphSnapshotDate} (the shipped one is older).`);
    }
  }
  // Countries whose models a write outside the write layer changed (or a migration marked) are
  // counted now rather than at every read of their facets.
  await database.store.refreshCountryModelFacets();
  // SQLite judges for itself whether its statistics went stale (a no-op when no table changed
  // much; it also gives them to a graph written before they were kept). PostgreSQL's ANALYZE
  // samples every table again: only after this start wrote something.
  const wrote = appliedMigrations.length > 0 || empty || rebuiltSearchIndex || rankedClaims || !hasEpoch;
  if (wrote || database.config.provider === 'sqlite') await database.store.refreshStatistics();
  return {
    appliedMigrations,
    seeded: empty,
    importedEpoch: !hasEpoch,
    rebuiltSearchIndex,
    rankedClaims,
    refreshed,
  };
}
