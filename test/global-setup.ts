/**
 * Runs once per `npm test`, before any test file: compiles the sources as npm start would (the
 * servers and tools the tests start run the compiled JavaScript, scripts/run.mjs; built here once
 * rather than by the first few processes at once), and makes a folder for what test files may
 * share, such as the graph `npm start` builds (test/helpers/full-graph.ts builds it there once,
 * when the first file asks for it, and each file copies it). Removed when the run ends.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder shared by the test files of this run. */
    sharedFolder: string;
  }
}

/** Whether a process of this id runs on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops the schemas that test runs killed mid-way left on the PostgreSQL test server: each test
 * schema's name ends with the id of the process that made it (`t_<name>_<pid>_<time>`, and the
 * migrations' `scratch_<pid>_<time>`), and a schema whose process is gone is no one's.
 */
async function sweepAbandonedSchemas(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 't\\_%' OR nspname LIKE 'scratch\\_%'`,
    );
    for (const { name } of rows) {
      const pid = Number(/_(\d+)_[0-9a-z]+$/.exec(name)?.[1]);
      if (Number.isInteger(pid) && !alive(pid)) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    }
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  if (process.env.REQUIRE_POSTGRES === '1' && !process.env.TEST_POSTGRES_URL) {
    throw new Error('REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set: the PostgreSQL tests would not run');
  }
  if (process.env.TEST_POSTGRES_URL) await sweepAbandonedSchemas(process.env.TEST_POSTGRES_URL);
  const build = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the sources do not compile:\n${build.stderr}`);
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
