/**
 * The search index on SQLite ({@link createSearchIndex}): over the documents, the FTS5 table
 * `SearchRank` (trigram tokenizer, any case; contentless: the text stays in `SearchDocument`),
 * which the migration's triggers keep in step with every insert, delete and update of a document.
 *
 * Each document is indexed under a rowid that is its place in search's order (migration
 * 20261206030000_search_rank_order): `tier << 52 | min(length, 4095) << 40 | id`, the tier being
 * the field's rank (names, aliases, titles, families, longer texts). FTS5 returns matches in
 * rowid order and stops at a LIMIT, so the first hits of a common word are read without sorting
 * all its matches ({@link SQLITE_SEARCH}'s `window`).
 *
 * Its columns: `text` for queries of three characters or more (a phrase, so that FTS5 syntax in
 * the query is taken literally); `grams` for one or two CJK characters (百度, 悟道), which
 * trigrams cannot match (src/domain/search-grams.ts); `start`, two marks and the text's first
 * {@link START_LENGTH} characters, for the documents that start with the query. LIKE over the
 * documents answers other short queries ("AI", "R1").
 */

import { gramPattern, isGramQuery } from '../../domain/search-grams.js';
import { createSearchIndex, escapeLike, fieldTierSql, type SearchDialect } from '../search-index.js';
import type { SearchIndex, StoreExecutor } from '../store.js';

/** Where a key's tier and its length begin: above the id's 40 bits, the length's 12. */
const TIER_SHIFT = 52;
const BUCKET_SHIFT = 40;

/** The document's id in a `SearchRank` rowid: its low bits (its bucket, tier and length, above). */
const ID_MASK = 2 ** BUCKET_SHIFT - 1;

/** How many of a text's first characters its `start` column holds (after the two marks). */
export const START_LENGTH = 16;

/** What `start` begins with: two characters of Unicode's private use area, in no text searched. */
const START_MARKS = '\uE000\uE000';

/** A longer text is keyed as this long (12 bits): it shares the last bucket of its tier. */
const MAX_KEY_LENGTH = 2 ** (TIER_SHIFT - BUCKET_SHIFT) - 1;

/**
 * The `SearchRank` rowid of the document `alias`, as the migration's triggers write it (a test
 * compares them): its tier, its length (at most 4,095) and its id.
 */
export function searchRankKeySql(alias: string): string {
  return `((${fieldTierSql(alias)}) << ${TIER_SHIFT}) | (min(length(${alias}."text"), ${MAX_KEY_LENGTH}) << ${BUCKET_SHIFT}) | ${alias}."id"`;
}

/** The `start` column of the document `alias`, as the migration's triggers write it. */
export function searchRankStartSql(alias: string): string {
  return `char(${[...START_MARKS].map((mark) => mark.codePointAt(0)).join(', ')}) || substr(${alias}."text", 1, ${START_LENGTH})`;
}

/** A phrase of FTS5's query syntax: the text taken literally. */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The FTS5 query finding documents that hold `query`: in their grams or their text. */
function contains(query: string): string {
  return isGramQuery(query) ? `{grams} : ${phrase(gramPattern(query))}` : `{text} : ${phrase(query)}`;
}

/** Whether a query has no trigram and no gram to look up ("AI", "R1"): LIKE reads every document. */
const readsEveryDocument = (query: string) => !isGramQuery(query) && [...query].length < 3;

/** The documents of the index joined to its rows, as `d`. */
const INDEXED = `"SearchRank" JOIN "SearchDocument" d ON d."id" = ("SearchRank".rowid & ${ID_MASK})`;

/**
 * The keys of documents matching `match` (of kinds `types`, all when none) that a window needs
 * from them: the first `limit` in rowid order (FTS5 reads matches in that order and stops at the
 * limit), and every other one of the last one's bucket (same tier and length), so that documents
 * alike but for their id are all there for the caller's order to choose from. `name` names the
 * first ones (a CTE, read twice: for themselves and for their last bucket).
 */
function scanKeys(name: string, match: string, types: readonly string[], limit: number) {
  const byType =
    types.length > 0
      ? ` JOIN "SearchDocument" t ON t."id" = ("SearchRank".rowid & ${ID_MASK}) AND t."entityType" IN (${types.map(() => '?').join(', ')})`
      : '';
  const matching = `FROM "SearchRank"${byType} WHERE "SearchRank" MATCH ?`;
  const bucket = `(SELECT (max("key") >> ${BUCKET_SHIFT}) << ${BUCKET_SHIFT} FROM "${name}")`;
  return {
    first: `"${name}" AS MATERIALIZED (SELECT "SearchRank".rowid AS "key" ${matching} ORDER BY "SearchRank".rowid LIMIT ?)`,
    firstParams: [...types, match, limit],
    keys: `SELECT "key" FROM "${name}" UNION SELECT "SearchRank".rowid ${matching} AND "SearchRank".rowid BETWEEN ${bucket} AND ${bucket} | ${ID_MASK}`,
    keysParams: [...types, match],
  };
}

/** SQLite's way of searching. */
export const SQLITE_SEARCH: SearchDialect = {
  sql: (text) => text,
  match(query) {
    if (readsEveryDocument(query)) {
      return { from: '"SearchDocument" d', where: `d."text" LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(query)}%`] };
    }
    return { from: INDEXED, where: '"SearchRank" MATCH ?', params: [contains(query)] };
  },
  // SQLite's LIKE ignores the case of ASCII letters.
  startsWith: `d."text" LIKE ? ESCAPE '\\'`,
  /**
   * Search's order is tier, then whether the text starts with the query, then length, then kind
   * and id. Every document among the first `limit` in that order is among the first `limit` in
   * rowid order (tier, length, id) of either the documents that start with the query or all
   * those that match, or in the bucket (tier and length) of the last of those: whatever precedes
   * its bucket in rowid order within its own set precedes it in search's order too. So those
   * scans hold them, and the caller's ORDER BY and LIMIT pick them from about twice `limit` rows
   * (more when a bucket is large: titles of one length that hold a common word).
   *
   * Where the window may differ from sorting every match, only when more than `limit` documents
   * match: a query longer than {@link START_LENGTH} characters finds the texts that start with it
   * among those that start with its first {@link START_LENGTH} characters, and `start` folds the
   * case of every script where LIKE, which tells the ones that start with the query, folds ASCII's.
   */
  window(query, types, limit) {
    if (readsEveryDocument(query)) return undefined;
    const start = `{start} : ${phrase(START_MARKS + [...query].slice(0, START_LENGTH).join(''))}`;
    const starting = scanKeys('starting', `(${start}) AND (${contains(query)})`, types, limit);
    const matching = scanKeys('matching', contains(query), types, limit);
    return {
      from: `(WITH ${starting.first}, ${matching.first} SELECT * FROM (${starting.keys} UNION ${matching.keys})) AS "window"
        JOIN "SearchDocument" d ON d."id" = ("window"."key" & ${ID_MASK})`,
      where: '1 = 1',
      params: [...starting.firstParams, ...matching.firstParams, ...starting.keysParams, ...matching.keysParams],
    };
  },
};

/** A phrase of FTS5's query syntax in SQL, from a text expression (as {@link phrase} does). */
const phraseSql = (text: string) => `'"' || replace(${text}, '"', '""') || '"'`;

/**
 * What is wrong with `SearchRank` against the documents: FTS5's own check of its structures, the
 * documents missing from it or indexed under another key, the keys of no document, and, of the
 * last `sample` documents written, those that their own text (its last 12 characters), start or
 * grams do not find. Empty when the triggers kept it in step. A diagnostic that tests run: the
 * keys cost a read of every document; each document's phrases a lookup of their trigrams, which
 * for a common one reads much of the index, hence the sample.
 */
export async function searchIndexProblems(db: StoreExecutor, sample = 200): Promise<string[]> {
  await db.$executeRawUnsafe(`INSERT INTO "SearchRank" ("SearchRank", rank) VALUES ('integrity-check', 0)`);
  const key = searchRankKeySql('d');
  const findsItself = (column: string, text: string) =>
    `NOT EXISTS (SELECT 1 FROM "SearchRank" WHERE "SearchRank" MATCH '{${column}} : ' || ${phraseSql(text)} AND "SearchRank".rowid = ${key})`;
  const sampled = `(SELECT * FROM "SearchDocument" ORDER BY "id" DESC LIMIT ${Math.trunc(sample)}) d`;
  const checks: [string, string][] = [
    [
      'not indexed under its key',
      `SELECT d."id" AS id FROM "SearchDocument" d WHERE NOT EXISTS (SELECT 1 FROM "SearchRank_docsize" s WHERE s."id" = ${key})`,
    ],
    [
      'a key of no document',
      `SELECT s."id" AS id FROM "SearchRank_docsize" s WHERE NOT EXISTS (SELECT 1 FROM "SearchDocument" d WHERE d."id" = (s."id" & ${ID_MASK}) AND ${key} = s."id")`,
    ],
    [
      'its text does not find it',
      `SELECT d."id" AS id FROM ${sampled} WHERE length(d."text") >= 3 AND ${findsItself('text', 'substr(d."text", -12)')}`,
    ],
    [
      'its start does not find it',
      `SELECT d."id" AS id FROM ${sampled} WHERE ${findsItself('start', searchRankStartSql('d'))}`,
    ],
    [
      'its grams do not find it',
      `SELECT d."id" AS id FROM ${sampled} WHERE d."grams" <> '' AND ${findsItself('grams', 'd."grams"')}`,
    ],
  ];
  const problems: string[] = [];
  for (const [what, sql] of checks) {
    const rows = await db.$queryRawUnsafe<{ id: number | bigint }[]>(sql);
    problems.push(...rows.map((row) => `${row.id}: ${what}`));
  }
  return problems;
}

/** The search index of a SQLite database, on an executor (a client, or a transaction's client). */
export function createSqliteSearchIndex(db: StoreExecutor): SearchIndex {
  return createSearchIndex(db, SQLITE_SEARCH);
}
