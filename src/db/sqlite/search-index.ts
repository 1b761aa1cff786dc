/**
 * The search index on SQLite ({@link createSearchIndex}): over the documents, the FTS5
 * external-content table `SearchIndex` (trigram tokenizer, any case), which the migration's
 * triggers keep in step with every insert, delete and update of a document.
 *
 * Matching: the trigram index for queries of three characters or more (a phrase, so that FTS5
 * syntax in the query is taken literally); for one or two CJK characters (common in Chinese: 百度,
 * 悟道), which trigrams cannot match, the FTS5 table `SearchGramIndex` over the documents' grams
 * (src/domain/search-grams.ts); LIKE over the documents for other short queries ("AI", "R1").
 */

import { gramPattern, isGramQuery } from '../../domain/search-grams.js';
import { createSearchIndex, escapeLike, type SearchDialect } from '../search-index.js';
import type { SearchIndex, StoreExecutor } from '../store.js';

/** SQLite's way of searching. */
export const SQLITE_SEARCH: SearchDialect = {
  sql: (text) => text,
  match(query) {
    if (isGramQuery(query)) {
      return {
        from: '"SearchGramIndex" JOIN "SearchDocument" d ON d."id" = "SearchGramIndex".rowid',
        where: '"SearchGramIndex" MATCH ?',
        params: [`"${gramPattern(query)}"`],
      };
    }
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
