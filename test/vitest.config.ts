import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Pothos and graphql-yoga load graphql's CommonJS build through Node; without this alias Vite
// would hand our own files its ESM build, and graphql-js refuses types from "another realm".
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

/**
 * The test files that run a second time on PostgreSQL (TEST_DATABASE=postgresql) when
 * TEST_POSTGRES_URL is set: every file whose tests read or write the graph through a database.
 * Not here: files without a database (pure rules, parsers, pictures, the printed schema), and
 * files about SQLite's file itself or the processes around it (backups, a replaced file, the
 * file's migrations and pragmas, command-line tools' messages about files, a stall test started
 * on a file), whose PostgreSQL counterparts are in test/postgres.test.ts.
 */
const ON_POSTGRES = [
  'test/audit.test.ts',
  'test/bad-input.test.ts',
  'test/browser.test.ts',
  'test/citations.test.ts',
  'test/copy.test.ts',
  'test/derivations.test.ts',
  'test/epoch-import.test.ts',
  'test/epoch-people.test.ts',
  'test/epoch-snapshot.test.ts',
  'test/explorer.test.ts',
  'test/export.test.ts',
  'test/fuzz.test.ts',
  'test/graph.test.ts',
  'test/hardening.test.ts',
  'test/history.test.ts',
  'test/http.test.ts',
  'test/instances.test.ts',
  'test/limits.test.ts',
  'test/lineage.test.ts',
  'test/mutations.test.ts',
  'test/operations.test.ts',
  'test/people.test.ts',
  'test/plans.test.ts',
  'test/people-mutations.test.ts',
  'test/pool.test.ts',
  'test/queries.test.ts',
  'test/questions.test.ts',
  'test/readme.test.ts',
  'test/request-lookups.test.ts',
  'test/response-cache.test.ts',
  'test/seed.test.ts',
  'test/store.test.ts',
  'test/synthetic.test.ts',
  'test/subscriptions.test.ts',
  'test/tokens.test.ts',
  'test/training.test.ts',
  'test/trust.test.ts',
];

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    root: new URL('..', import.meta.url).pathname,
    // A folder the test files share for one run (the full graph is built there once).
    globalSetup: ['test/global-setup.ts'],
    // Each test file builds its own SQLite database; forks keep native modules isolated.
    pool: 'forks',
    // More files at once than cores: much of a file's time is spent waiting (for servers it
    // spawned, for PostgreSQL, for a file's imports), and the suite runs twice with
    // TEST_POSTGRES_URL. On two cores, three workers.
    maxWorkers: Math.max(3, availableParallelism()),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Never write snapshots in CI: a missing snapshot must fail there, not be created.
    update: false,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              extends: true as const,
              test: { name: 'postgresql', include: ON_POSTGRES, env: { TEST_DATABASE: 'postgresql' } },
            },
          ]
        : []),
    ],
  },
});
