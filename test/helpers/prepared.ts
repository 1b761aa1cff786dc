import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../seed/curated/import.js';
import { closeDatabase } from '../../src/db/live.js';
import { createSqliteTestDatabase } from './database.js';
import { fullGraphTemplate } from './full-graph.js';

export type PreparedDatabase = {
  /** A folder of the test file's own, deleted by `cleanup`. */
  folder: string;
  /** A new copy of the prepared database in `folder`, ready to serve: its path. */
  copy(name: string): string;
  cleanup(): void;
};

/**
 * A SQLite database file, checkpointed and closed so that the file alone is whole, handed out as
 * copies: `full`, the graph `npm start` prepares (the run's one build of it, see
 * test/helpers/full-graph.ts), otherwise one built for this file holding the note and the curated
 * data.
 */
export async function prepareDatabaseFile(name: string, options: { full?: boolean } = {}): Promise<PreparedDatabase> {
  let source: string;
  let removeSource = () => {};
  if (options.full) {
    source = await fullGraphTemplate();
  } else {
    const built = await createSqliteTestDatabase(name);
    await seedDatabase(built.database);
    await closeDatabase(built.database);
    source = built.config.filePath;
    removeSource = () => void built.cleanup();
  }
  const folder = mkdtempSync(join(tmpdir(), `llm-atlas-${name}-copies-`));
  return {
    folder,
    copy(copyName) {
      const path = join(folder, `${copyName}.db`);
      copyFileSync(source, path);
      return path;
    },
    cleanup() {
      removeSource();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
