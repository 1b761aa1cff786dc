import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../seed/curated/import.js';
import { prepareDatabase } from '../../seed/prepare.js';
import { closeDatabase } from '../../src/db/live.js';
import { createSqliteTestDatabase } from './database.js';

export type PreparedDatabase = {
  /** A folder of the test file's own, deleted by `cleanup`. */
  folder: string;
  /** A new copy of the prepared database in `folder`, ready to serve: its path. */
  copy(name: string): string;
  cleanup(): void;
};

/**
 * Builds a database once per test file, checkpointed and closed so that its file alone is whole,
 * and hands out copies: `full` prepares it as `npm start` does (with Epoch AI's snapshot, whose
 * import takes seconds), otherwise it holds the note and the curated data.
 */
export async function prepareDatabaseFile(name: string, options: { full?: boolean } = {}): Promise<PreparedDatabase> {
  const built = await createSqliteTestDatabase(name);
  if (options.full) await prepareDatabase(built.database);
  else await seedDatabase(built.database);
  await closeDatabase(built.database);
  const folder = mkdtempSync(join(tmpdir(), `llm-atlas-${name}-copies-`));
  return {
    folder,
    copy(copyName) {
      const path = join(folder, `${copyName}.db`);
      copyFileSync(built.config.filePath, path);
      return path;
    },
    cleanup() {
      void built.cleanup();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
