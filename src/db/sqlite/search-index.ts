/**
 * The search index on SQLite ({@link createSearchIndex}): over the documents, the FTS5
 * external-content table `SearchIndex` (trigram tokenizer, any case), which the migration's
 * triggers keep in step with every insert, delete and update of a document.
 *
 * Matching: the trigram index for queries of three characters or more (a phrase, so that FTS5
 * syntax in the query is taken literally), LIKE over the documents for shorter ones (common in
 * Chinese: 百度, 悟道), which trigrams cannot match and which stays far smaller than the tables
 * they come from.
 */

import { createSearchIndex, escapeLike, type SearchDialect } from '../search-index.js';
import type { SearchIndex, StoreExecutor } from '../store.js';

/** SQLite's way of searching. */
export const SQLITE_SEARCH: SearchDialect = {
  sql: (text) => text,
  match(query) {
    if ([...query].length < 3) {
      return { from: '"SearchDocument" d', where: `d."text" LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(query)}%`] };
    }
    return {
      from: '"SearchIndex" JOIN "SearchDocument" d ON d."id" = "SearchIndex".rowid',
      where: '"SearchIndex" MATCH ?',
      params: [`"${query.replace(/"/g, '""')}"`],
    };
  },
  // SQLite's LIKE ignores the case of ASCII letters.
  startsWith: `d."text" LIKE ? ESCAPE '\\'`,
};

/** The search index of a SQLite database, on an executor (a client, or a transaction's client). */
export function createSqliteSearchIndex(db: StoreExecutor): SearchIndex {
  return createSearchIndex(db, SQLITE_SEARCH);
}
