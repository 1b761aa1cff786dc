/**
 * SQL functions this project adds to each SQLite connection it opens (src/db/client.ts), where
 * SQLite's own fall short of PostgreSQL's.
 */
import type BetterSqlite3 from 'better-sqlite3';

/**
 * `unicode_lower(text)`: the text in lower case by JavaScript's rule (Unicode's), where SQLite's
 * `lower()` folds only ASCII letters: `lower('NÜWA')` is `'nÜwa'`, so `model(name: "Nüwa")` and
 * `model(name: "pangu-σ")` found nothing on SQLite and their models on PostgreSQL.
 */
export const UNICODE_LOWER = 'unicode_lower';

/** Adds the functions above to a connection. */
export function addSqliteFunctions(connection: BetterSqlite3.Database): void {
  connection.function(UNICODE_LOWER, { deterministic: true }, (text: unknown) =>
    text == null ? null : String(text).toLowerCase(),
  );
}
