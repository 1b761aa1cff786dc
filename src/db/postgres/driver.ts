/**
 * PostgreSQL's driver (`pg`) and Prisma's adapter over it, loaded the first time a PostgreSQL
 * database is used. A server on SQLite, and each of its execution workers, would otherwise load
 * both at start for nothing (about 0.1 s of CPU each).
 */
import { createRequire } from 'node:module';
import type * as PgAdapter from '@prisma/adapter-pg';
import type pg from 'pg';

const require = createRequire(import.meta.url);

/** The `pg` module (its CommonJS build, the one its ES module build wraps). */
export function pgDriver(): typeof pg {
  return require('pg') as typeof pg;
}

/** Prisma's PostgreSQL driver adapter. */
export function pgAdapter(): typeof PgAdapter {
  return require('@prisma/adapter-pg') as typeof PgAdapter;
}
