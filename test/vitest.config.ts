import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Pothos and graphql-yoga load graphql's CommonJS build through Node; without this alias Vite
// would hand our own files its ESM build, and graphql-js refuses types from "another realm".
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // A folder the test files share for one run (the full graph is built there once).
    globalSetup: ['test/global-setup.ts'],
    // Each test file builds its own SQLite database; forks keep native modules isolated.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Never write snapshots in CI: a missing snapshot must fail there, not be created.
    update: false,
  },
});
