/**
 * Runs once per `npm test`, before any test file: a folder for what test files may share, such as
 * the graph `npm start` builds (test/helpers/full-graph.ts builds it there once, when the first
 * file asks for it, and each file copies it). Removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder shared by the test files of this run. */
    sharedFolder: string;
  }
}

export default function setup(project: TestProject) {
  if (process.env.REQUIRE_POSTGRES === '1' && !process.env.TEST_POSTGRES_URL) {
    throw new Error('REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set: the PostgreSQL tests would not run');
  }
  const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-shared-'));
  project.provide('sharedFolder', folder);
  return () => {
    rmSync(folder, { recursive: true, force: true });
    if (!process.env.TEST_POSTGRES_URL) {
      console.log(
        '\nThe PostgreSQL suite was not run (the test files again on PostgreSQL, and test/postgres.test.ts): set\n' +
          'TEST_POSTGRES_URL to a server they may make schemas on, e.g.\n' +
          'TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm test\n',
      );
    }
  };
}
