/**
 * How many ids (or rows) one SQL statement carries. SQLite bounds the parameters of a statement
 * (32,766 in the SQLite that better-sqlite3 bundles, 999 in builds older than 3.32) and
 * PostgreSQL's protocol at 65,535; 500 ids, or 500 rows of a few columns, stay well below both
 * while keeping the number of statements small. The loaders, the search index and the importers
 * all take their batch size from here.
 */
export const BATCH_SIZE = 500;

/**
 * Splits `items` into consecutive batches of at most `size` items (the last one may be shorter),
 * in order. No batch for an empty list.
 */
export function batches<T>(items: readonly T[], size: number = BATCH_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer (got ${size})`);
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
