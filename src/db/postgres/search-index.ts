/**
 * The search index on PostgreSQL ({@link createSearchIndex}): over the documents, a GIN index of
 * their text's trigrams (pg_trgm, `SearchDocument_text_trgm_idx`), which answers `ILIKE
 * '%query%'` for queries of three characters and more. One or two CJK characters (百度, 悟道:
 * common in Chinese) have no trigram to look up: they are found as a word of the documents' grams
 * (" 百度 ", src/domain/search-grams.ts), whose own trigram index (`SearchDocument_grams_trgm_idx`)
 * answers. Other short queries ("AI") read the documents, as SQLite's LIKE does.
 */

import { gramPattern, isGramQuery } from '../../domain/search-grams.js';
import { createSearchIndex, escapeLike, type SearchDialect } from '../search-index.js';
import type { SearchIndex, StoreExecutor } from '../store.js';

/** `$1, $2, …` for the `?` of a statement (the statements hold no `?` in a literal). */
export function numbered(text: string): string {
  let index = 0;
  return text.replace(/\?/g, () => `$${++index}`);
}

/** PostgreSQL's way of searching. */
export const POSTGRES_SEARCH: SearchDialect = {
  sql: numbered,
  match: (query) =>
    isGramQuery(query)
      ? { from: '"SearchDocument" d', where: `d."grams" LIKE ?`, params: [`%${gramPattern(query)}%`] }
      : { from: '"SearchDocument" d', where: `d."text" ILIKE ? ESCAPE '\\'`, params: [`%${escapeLike(query)}%`] },
  startsWith: `d."text" ILIKE ? ESCAPE '\\'`,
};

/** The search index of a PostgreSQL database, on an executor (a client, or a transaction's client). */
export function createPostgresSearchIndex(db: StoreExecutor): SearchIndex {
  return createSearchIndex(db, POSTGRES_SEARCH);
}
