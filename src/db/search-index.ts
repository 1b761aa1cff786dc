/**
 * The search index, whatever the database: the documents in the regular table `SearchDocument`
 * (indexed by entity), over which each database keeps its own index of text (SQLite: an FTS5
 * trigram table kept in step by triggers; PostgreSQL: a pg_trgm GIN index). This module only
 * writes `SearchDocument`, in statements both databases take; replacing one entity's documents
 * touches its few rows through the (entityType, entityId) index, whatever the size of the index.
 * What differs is said by a {@link SearchDialect}: how a query finds its documents, and how
 * parameters are written.
 *
 * The order of hits is made of the field that matched, whether the text starts with the query,
 * its length, and the kind and id of the entity: no database's own relevance score, so that the
 * same data answers the same on both databases. SQLite's index keeps its documents in that
 * order, so that a common word's first hits are read without sorting all its matches (its
 * dialect's `window`).
 */
import { searchGrams } from '../domain/search-grams.js';
import { BATCH_SIZE, batches } from './batch.js';
import { searchDocumentPage, searchDocumentsOf } from './search-documents.js';
import {
  SEARCH_ENTITY_TYPES,
  type SearchDocument,
  type SearchEntity,
  type SearchEntityType,
  type SearchField,
  type SearchHit,
  type SearchIndex,
  type StoreExecutor,
} from './store.js';

/** `?, ?, ?` for `count` parameters (a {@link SearchDialect} numbers them where the database wants `$1`). */
const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/**
 * Names first, then aliases, titles, families and longer texts: the order rows are kept in before
 * the limit (SQLite's index keeps its documents in this order too: src/db/sqlite/search-index.ts).
 */
export const FIELD_TIER: Readonly<Record<SearchField, number>> = {
  NAME: 0,
  SLUG: 0,
  NAME_ZH: 0,
  ALIAS: 1,
  TITLE: 2,
  FAMILY: 3,
  SUMMARY: 4,
  EXCERPT: 4,
  DESCRIPTION: 4,
};

/** {@link FIELD_TIER} of the document `alias` in SQL (both databases; a field of no tier, were there one, last). */
export function fieldTierSql(alias: string): string {
  const tiers = Object.entries(FIELD_TIER).map(([field, tier]) => `WHEN '${field}' THEN ${tier}`);
  return `CASE ${alias}."field" ${tiers.join(' ')} ELSE ${Math.max(...Object.values(FIELD_TIER))} END`;
}

const FIELD_ORDER = fieldTierSql('d');

/** The kinds of entity by their position in {@link SEARCH_ENTITY_TYPES}: no text collation in the order. */
const TYPE_ORDER = `CASE d."entityType" ${SEARCH_ENTITY_TYPES.map((type, index) => `WHEN '${type}' THEN ${index}`).join(' ')} END`;

/** Escapes LIKE wildcards (with `ESCAPE '\\'`) so that a query is matched literally. */
export function escapeLike(query: string): string {
  return query.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** What a database does its own way in the search index's statements. */
export type SearchDialect = Readonly<{
  /** The statement as the database takes it, from one written with `?` parameters. */
  sql(text: string): string;
  /** The FROM (naming the document `d`) and WHERE finding `query` as a substring of documents, any case. */
  match(query: string): { from: string; where: string; params: unknown[] };
  /** The condition that `d."text"` starts with the parameter (a LIKE pattern), any case. */
  startsWith: string;
  /**
   * The FROM (naming the document `d`) and WHERE of the documents among which the first `limit`
   * hits in search's order are, when the database's index can find them without sorting every
   * match (SQLite's "SearchRank"); absent or undefined, every match is sorted.
   */
  window?(
    query: string,
    types: readonly SearchEntityType[],
    limit: number,
  ): { from: string; where: string; params: unknown[] } | undefined;
}>;

/** The FROM and WHERE finding `query` in documents of `types` (all kinds when none). */
function matchClause(dialect: SearchDialect, query: string, types: readonly SearchEntityType[] | undefined) {
  const kinds = types ?? [];
  const match = dialect.match(query);
  const typeFilter = kinds.length > 0 ? ` AND d."entityType" IN (${placeholders(kinds.length)})` : '';
  return { from: match.from, where: `${match.where}${typeFilter}`, params: [...match.params, ...kinds] };
}

/** Inserts documents with their grams, {@link BATCH_SIZE} rows (five parameters each) per statement. */
async function insertDocuments(
  db: StoreExecutor,
  dialect: SearchDialect,
  documents: readonly SearchDocument[],
): Promise<void> {
  for (const batch of batches(documents)) {
    await db.$executeRawUnsafe(
      dialect.sql(
        `INSERT INTO "SearchDocument" ("entityType", "entityId", "field", "text", "grams") VALUES ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      ),
      ...batch.flatMap((document) => [
        document.entityType,
        document.entityId,
        document.field,
        document.text,
        searchGrams(document.text),
      ]),
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

/**
 * Brings `existing` documents to `wanted`, as a multiset: each wanted document keeps one existing
 * copy, the other existing ones are deleted and the missing ones inserted; nothing is written
 * when they agree.
 */
async function replaceDocuments(
  db: StoreExecutor,
  dialect: SearchDialect,
  existing: readonly (SearchDocument & { id: number | bigint })[],
  wanted: readonly SearchDocument[],
): Promise<void> {
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
      dialect.sql(`DELETE FROM "SearchDocument" WHERE "id" IN (${placeholders(batch.length)})`),
      ...batch,
    );
  }
  await insertDocuments(
    db,
    dialect,
    wanted.filter((document) => {
      const key = documentKey(document);
      const count = missing.get(key) ?? 0;
      if (count > 0) missing.set(key, count - 1);
      return count > 0;
    }),
  );
}

/** The search index of a database in `dialect`, on an executor (a client, or a transaction's client). */
export function createSearchIndex(db: StoreExecutor, dialect: SearchDialect): SearchIndex {
  return {
    async reindex(entities) {
      for (const [type, ids] of idsByType(entities)) {
        for (const batch of batches(ids)) {
          const documents = await searchDocumentsOf(db, type, batch);
          await db.$executeRawUnsafe(
            dialect.sql(
              `DELETE FROM "SearchDocument" WHERE "entityType" = ? AND "entityId" IN (${placeholders(batch.length)})`,
            ),
            type,
            ...batch,
          );
          await insertDocuments(db, dialect, documents);
        }
      }
    },

    async rebuild() {
      // Entity by entity in pages of `BATCH_SIZE` ids, each compared with the documents of its id
      // range: memory and statements per page stay the same at any size (1.5 million documents at
      // a million articles).
      for (const type of SEARCH_ENTITY_TYPES) {
        let after = 0;
        for (;;) {
          const page = await searchDocumentPage(db, type, after);
          const last = page.ids.length < BATCH_SIZE;
          // The page's range of ids; the last page's reaches past every entity, so that the
          // documents of entities deleted since go too.
          const range = last ? '' : ' AND "entityId" <= ?';
          const existing = await db.$queryRawUnsafe<(SearchDocument & { id: number | bigint })[]>(
            dialect.sql(
              `SELECT "id", "entityType", "entityId", "field", "text" FROM "SearchDocument" WHERE "entityType" = ? AND "entityId" > ?${range} ORDER BY "id"`,
            ),
            type,
            after,
            ...(last ? [] : [page.ids.at(-1)]),
          );
          await replaceDocuments(db, dialect, existing, page.documents);
          if (last) break;
          after = page.ids.at(-1) as number;
        }
      }
      // Documents of no kind searched (none is written; a repair leaves none).
      const strays = await db.$queryRawUnsafe<(SearchDocument & { id: number | bigint })[]>(
        dialect.sql(
          `SELECT "id", "entityType", "entityId", "field", "text" FROM "SearchDocument" WHERE "entityType" NOT IN (${placeholders(SEARCH_ENTITY_TYPES.length)})`,
        ),
        ...SEARCH_ENTITY_TYPES,
      );
      await replaceDocuments(db, dialect, strays, []);
    },

    async isEmpty() {
      const rows = await db.$queryRawUnsafe<{ found: number | bigint }[]>(
        'SELECT EXISTS (SELECT 1 FROM "SearchDocument") AS found',
      );
      return Number(rows[0]?.found ?? 0) === 0;
    },

    async query(query, options) {
      const match =
        dialect.window?.(query, options.types ?? [], options.limit) ?? matchClause(dialect, query, options.types);
      // The limit applies after this order, so names and prefixes win over a mention deep in a
      // description, whichever rows come first in the table; then kind and id, as the ranking
      // breaks ties (src/domain/search-rank.ts), and the document's id, so that one answer is
      // always the same.
      const rows = await db.$queryRawUnsafe<SearchHit[]>(
        dialect.sql(
          `SELECT d."entityType" AS "entityType", d."entityId" AS "entityId", d."field" AS "field", d."text" AS "text"
           FROM ${match.from} WHERE ${match.where}
           ORDER BY ${FIELD_ORDER}, (CASE WHEN ${dialect.startsWith} THEN 0 ELSE 1 END), length(d."text"), ${TYPE_ORDER}, d."entityId", d."id"
           LIMIT ?`,
        ),
        ...match.params,
        `${escapeLike(query)}%`,
        options.limit,
      );
      return rows.map((row) => ({ ...row, entityId: Number(row.entityId) }));
    },

    async count(query, options) {
      const match = matchClause(dialect, query, options.types);
      const rows = await db.$queryRawUnsafe<{ count: number | bigint }[]>(
        dialect.sql(
          `SELECT COUNT(*) AS count FROM (SELECT DISTINCT d."entityType", d."entityId" FROM ${match.from} WHERE ${match.where} LIMIT ?) AS hits`,
        ),
        ...match.params,
        options.max,
      );
      return Number(rows[0]?.count ?? 0);
    },
  };
}
