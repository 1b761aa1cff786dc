/**
 * The search index on SQLite: the documents in the regular table `SearchDocument` (indexed by
 * entity), and over their text the FTS5 external-content table `SearchIndex` (trigram
 * tokenizer, any case), which the migration's triggers keep in step with every insert, delete
 * and update of a document. So this module only writes `SearchDocument`; replacing one entity's
 * documents touches its few rows through the (entityType, entityId) index, whatever the size
 * of the index.
 *
 * Matching: the trigram index for queries of three characters or more, LIKE over the documents
 * for shorter ones (common in Chinese: 百度, 悟道), which stays far smaller than the tables
 * they come from.
 */

import { BATCH_SIZE, batches } from '../batch.js';
import { allSearchDocumentsOf, searchDocumentsOf } from '../search-documents.js';
import {
  SEARCH_ENTITY_TYPES,
  type SearchDocument,
  type SearchEntity,
  type SearchEntityType,
  type SearchHit,
  type SearchIndex,
  type StoreExecutor,
} from '../store.js';

/** `?, ?, ?` for `count` parameters. */
const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** Names first, then aliases, titles, families and longer texts: the order rows are kept in before the limit. */
const FIELD_ORDER = `CASE d."field" WHEN 'NAME' THEN 0 WHEN 'SLUG' THEN 0 WHEN 'NAME_ZH' THEN 0 WHEN 'ALIAS' THEN 1
  WHEN 'TITLE' THEN 2 WHEN 'FAMILY' THEN 3 ELSE 4 END`;

/** The kinds of entity by their position in {@link SEARCH_ENTITY_TYPES}: no text collation in the order. */
const TYPE_ORDER = `CASE d."entityType" ${SEARCH_ENTITY_TYPES.map((type, index) => `WHEN '${type}' THEN ${index}`).join(' ')} END`;

/** Escapes LIKE wildcards (with `ESCAPE '\\'`) so that a query is matched literally. */
function escapeLike(query: string): string {
  return query.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * The FROM and WHERE finding `query` as a substring of a document `d`: the trigram index for
 * three characters or more (a phrase, so that FTS5 syntax in the query is taken literally),
 * LIKE for shorter queries, which trigrams cannot match.
 */
function matchClause(query: string, types: readonly SearchEntityType[] | undefined) {
  const kinds = types ?? [];
  const typeFilter = kinds.length > 0 ? ` AND d."entityType" IN (${placeholders(kinds.length)})` : '';
  const short = [...query].length < 3;
  return {
    short,
    from: short ? '"SearchDocument" d' : '"SearchIndex" JOIN "SearchDocument" d ON d."id" = "SearchIndex".rowid',
    where: `${short ? `d."text" LIKE ? ESCAPE '\\'` : '"SearchIndex" MATCH ?'}${typeFilter}`,
    params: [short ? `%${escapeLike(query)}%` : `"${query.replace(/"/g, '""')}"`, ...kinds],
  };
}

/** Inserts documents, {@link BATCH_SIZE} rows (four parameters each) per statement. */
async function insertDocuments(db: StoreExecutor, documents: readonly SearchDocument[]): Promise<void> {
  for (const batch of batches(documents)) {
    await db.$executeRawUnsafe(
      `INSERT INTO "SearchDocument" ("entityType", "entityId", "field", "text") VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}`,
      ...batch.flatMap((document) => [document.entityType, document.entityId, document.field, document.text]),
    );
  }
}

/** The ids of `entities` by kind, each once, ascending. */
function idsByType(entities: readonly SearchEntity[]): Map<SearchEntityType, number[]> {
  const byType = new Map<SearchEntityType, Set<number>>();
  for (const { type, id } of entities) {
    let ids = byType.get(type);
    if (!ids) {
      ids = new Set();
      byType.set(type, ids);
    }
    ids.add(id);
  }
  return new Map(
    SEARCH_ENTITY_TYPES.flatMap((type) => {
      const ids = byType.get(type);
      return ids ? [[type, [...ids].sort((a, b) => a - b)] as const] : [];
    }),
  );
}

/** What makes two documents the same document (their ids aside). */
const documentKey = (document: SearchDocument) =>
  JSON.stringify([document.entityType, document.entityId, document.field, document.text]);

/** The search index of a SQLite database, on an executor (a client, or a transaction's client). */
export function createSqliteSearchIndex(db: StoreExecutor): SearchIndex {
  return {
    async reindex(entities) {
      for (const [type, ids] of idsByType(entities)) {
        for (const batch of batches(ids)) {
          const documents = await searchDocumentsOf(db, type, batch);
          await db.$executeRawUnsafe(
            `DELETE FROM "SearchDocument" WHERE "entityType" = ? AND "entityId" IN (${placeholders(batch.length)})`,
            type,
            ...batch,
          );
          await insertDocuments(db, documents);
        }
      }
    },

    async rebuild() {
      const wanted: SearchDocument[] = [];
      for (const type of SEARCH_ENTITY_TYPES) wanted.push(...(await allSearchDocumentsOf(db, type)));
      const existing = await db.$queryRawUnsafe<(SearchDocument & { id: number | bigint })[]>(
        'SELECT "id", "entityType", "entityId", "field", "text" FROM "SearchDocument" ORDER BY "id"',
      );
      // A multiset difference: each wanted document keeps one existing copy, the rest go.
      const missing = new Map<string, number>();
      for (const document of wanted) {
        const key = documentKey(document);
        missing.set(key, (missing.get(key) ?? 0) + 1);
      }
      const stale: number[] = [];
      for (const row of existing) {
        const key = documentKey({ ...row, entityId: Number(row.entityId) });
        const count = missing.get(key) ?? 0;
        if (count > 0) missing.set(key, count - 1);
        else stale.push(Number(row.id));
      }
      for (const batch of batches(stale)) {
        await db.$executeRawUnsafe(
          `DELETE FROM "SearchDocument" WHERE "id" IN (${placeholders(batch.length)})`,
          ...batch,
        );
      }
      await insertDocuments(
        db,
        wanted.filter((document) => {
          const key = documentKey(document);
          const count = missing.get(key) ?? 0;
          if (count > 0) missing.set(key, count - 1);
          return count > 0;
        }),
      );
    },

    async isEmpty() {
      const rows = await db.$queryRawUnsafe<{ found: number | bigint }[]>(
        'SELECT EXISTS (SELECT 1 FROM "SearchDocument") AS found',
      );
      return Number(rows[0]?.found ?? 0) === 0;
    },

    async query(query, options) {
      const match = matchClause(query, options.types);
      // The limit applies after this order, so names and prefixes win over a mention deep in a
      // description, whichever rows come first in the table.
      const rows = await db.$queryRawUnsafe<SearchHit[]>(
        `SELECT d."entityType" AS "entityType", d."entityId" AS "entityId", d."field" AS "field", d."text" AS "text",
           ${match.short ? '0' : 'bm25("SearchIndex")'} AS rank
         FROM ${match.from} WHERE ${match.where}
         ORDER BY ${FIELD_ORDER}, (lower(d."text") LIKE lower(?) ESCAPE '\\') DESC, rank, length(d."text"), ${TYPE_ORDER}, d."entityId"
         LIMIT ?`,
        ...match.params,
        `${escapeLike(query)}%`,
        options.limit,
      );
      return rows.map((row) => ({ ...row, entityId: Number(row.entityId), rank: Number(row.rank) }));
    },

    async count(query, options) {
      const match = matchClause(query, options.types);
      const rows = await db.$queryRawUnsafe<{ count: number | bigint }[]>(
        `SELECT COUNT(*) AS count FROM (SELECT DISTINCT d."entityType", d."entityId" FROM ${match.from} WHERE ${match.where} LIMIT ?)`,
        ...match.params,
        options.max,
      );
      return Number(rows[0]?.count ?? 0);
    },
  };
}
