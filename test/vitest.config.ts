import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // Each test file builds its own SQLite database; forks keep native modules isolated.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Never write snapshots in CI: a missing snapshot must fail there, not be created.
    update: false,
  },
});
