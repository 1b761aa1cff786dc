/**
 * The SQLite full-text search index (FTS5, trigram tokenizer): one row per searchable field of
 * each organization, model, article and topic. Names and aliases are indexed as written and
 * folded ("Wu Dao 2.0" also as "wudao20"), so "wudao" finds it.
 */
import type { Prisma } from '../db/client.js';
import { normalizeName } from '../domain/normalize.js';

type Executor = Pick<Prisma.TransactionClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;

/** The kinds of entity the index holds. */
export type SearchEntityType = 'ORGANIZATION' | 'MODEL' | 'ARTICLE' | 'TOPIC';

/** Which field of an entity matched. */
export type SearchField =
  | 'NAME'
  | 'NAME_ZH'
  | 'ALIAS'
  | 'SLUG'
  | 'TITLE'
  | 'SUMMARY'
  | 'EXCERPT'
  | 'DESCRIPTION'
  | 'FAMILY';

type IndexRow = [SearchEntityType, number, SearchField, string];

/** A name indexed as written and, when different, folded: "Wu Dao 2.0 wudao20". */
function withFolded(text: string): string {
  const folded = normalizeName(text);
  return folded && folded !== text.toLowerCase() ? `${text} ${folded}` : text;
}

async function insertRows(db: Executor, rows: IndexRow[]): Promise<void> {
  const batch = 500;
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    const placeholders = chunk.map(() => '(?, ?, ?, ?)').join(', ');
    await db.$executeRawUnsafe(
      `INSERT INTO "SearchIndex" ("entityType", "entityId", "field", "text") VALUES ${placeholders}`,
      ...chunk.flat(),
    );
  }
}

/**
 * Rebuilds the whole index from the tables. Run inside the transaction that changed the data,
 * so that search never sees a half-written import.
 */
export async function rebuildSearchIndex(db: Executor): Promise<void> {
  await db.$executeRawUnsafe('DELETE FROM "SearchIndex"');

  type NameRow = { type: SearchEntityType; id: number; field: SearchField; text: string };
  const names = await db.$queryRawUnsafe<NameRow[]>(`
    SELECT 'ORGANIZATION' AS type, id, 'NAME' AS field, name AS text FROM "Organization"
    UNION ALL SELECT 'ORGANIZATION', id, 'NAME_ZH', nameZh FROM "Organization" WHERE nameZh IS NOT NULL
    UNION ALL SELECT 'ORGANIZATION', id, 'SLUG', slug FROM "Organization"
    UNION ALL SELECT 'ORGANIZATION', organizationId, 'ALIAS', alias FROM "OrganizationAlias"
    UNION ALL SELECT 'MODEL', id, 'NAME', name FROM "Model"
    UNION ALL SELECT 'MODEL', id, 'NAME_ZH', nameZh FROM "Model" WHERE nameZh IS NOT NULL
    UNION ALL SELECT 'MODEL', id, 'SLUG', slug FROM "Model"
    UNION ALL SELECT 'MODEL', modelId, 'ALIAS', alias FROM "ModelAlias"
    UNION ALL SELECT 'TOPIC', id, 'NAME', name FROM "Topic"
    UNION ALL SELECT 'TOPIC', id, 'NAME_ZH', nameZh FROM "Topic" WHERE nameZh IS NOT NULL
    UNION ALL SELECT 'TOPIC', id, 'SLUG', slug FROM "Topic"`);
  await insertRows(
    db,
    names.map((row) => [row.type, Number(row.id), row.field, withFolded(row.text)]),
  );

  // Long texts need no folding: copy them in SQL, without a round trip per row.
  await db.$executeRawUnsafe(`
    INSERT INTO "SearchIndex" ("entityType", "entityId", "field", "text")
    SELECT 'ORGANIZATION', id, 'DESCRIPTION', description FROM "Organization" WHERE description IS NOT NULL
    UNION ALL SELECT 'MODEL', id, 'DESCRIPTION', description FROM "Model" WHERE description IS NOT NULL
    UNION ALL SELECT 'MODEL', id, 'FAMILY', family FROM "Model" WHERE family IS NOT NULL
    UNION ALL SELECT 'TOPIC', id, 'DESCRIPTION', description FROM "Topic" WHERE description IS NOT NULL
    UNION ALL SELECT 'ARTICLE', id, 'TITLE', title FROM "Article"
    UNION ALL SELECT 'ARTICLE', id, 'SUMMARY', summary FROM "Article" WHERE summary IS NOT NULL
    UNION ALL SELECT 'ARTICLE', id, 'EXCERPT', excerpt FROM "Article" WHERE excerpt IS NOT NULL`);
}

/** A row of the index that matched a query. */
export type SearchHit = {
  entityType: SearchEntityType;
  entityId: number;
  field: SearchField;
  text: string;
  /** FTS5 bm25 rank (lower is better); 0 for the short-query fallback. */
  rank: number;
};

/** Names first, then titles, then longer texts: the order rows are kept in before the limit. */
const FIELD_ORDER = `CASE "field" WHEN 'NAME' THEN 0 WHEN 'SLUG' THEN 0 WHEN 'NAME_ZH' THEN 0 WHEN 'ALIAS' THEN 1
  WHEN 'TITLE' THEN 2 WHEN 'FAMILY' THEN 3 ELSE 4 END`;

/** Escapes LIKE wildcards (with `ESCAPE '\\'`) so that a query is matched literally. */
function escapeLike(query: string): string {
  return query.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * The WHERE clause finding `query` as a substring: the trigram index for three characters or
 * more, LIKE over the index table for shorter queries (common in Chinese: 百度, 悟道), which
 * stays far smaller than the tables it indexes.
 */
function matchClause(query: string, types: SearchEntityType[] | undefined) {
  const kinds = types && types.length > 0 ? types : [];
  const typeFilter = kinds.length > 0 ? ` AND "entityType" IN (${kinds.map(() => '?').join(', ')})` : '';
  const short = [...query].length < 3;
  return {
    short,
    where: `${short ? `"text" LIKE ? ESCAPE '\\'` : '"SearchIndex" MATCH ?'}${typeFilter}`,
    params: [short ? `%${escapeLike(query)}%` : `"${query.replace(/"/g, '""')}"`, ...kinds],
  };
}

/**
 * Finds index rows containing `query` as a substring, case-insensitively, best fields first.
 */
export async function querySearchIndex(
  db: Executor,
  query: string,
  options: { types?: SearchEntityType[]; limit: number },
): Promise<SearchHit[]> {
  const match = matchClause(query, options.types);
  // The limit applies after this order, so names and prefixes win over a mention deep in a
  // description, whichever rows come first in the table.
  const sql = `SELECT "entityType", "entityId", "field", "text", ${match.short ? '0' : 'bm25("SearchIndex")'} AS rank
    FROM "SearchIndex" WHERE ${match.where}
    ORDER BY ${FIELD_ORDER}, (lower("text") LIKE lower(?) ESCAPE '\\') DESC, rank, length("text"), "entityType", "entityId" LIMIT ?`;
  const params = [...match.params, `${escapeLike(query)}%`, options.limit];
  const rows = await db.$queryRawUnsafe<SearchHit[]>(sql, ...params);
  return rows.map((row) => ({ ...row, entityId: Number(row.entityId), rank: Number(row.rank) }));
}

/** How many distinct objects contain `query`, counting at most `max`. */
export async function countSearchMatches(
  db: Executor,
  query: string,
  options: { types?: SearchEntityType[]; max: number },
): Promise<number> {
  const match = matchClause(query, options.types);
  const rows = await db.$queryRawUnsafe<{ count: number }[]>(
    `SELECT COUNT(*) AS count FROM (SELECT DISTINCT "entityType", "entityId" FROM "SearchIndex" WHERE ${match.where} LIMIT ?)`,
    ...match.params,
    options.max,
  );
  return Number(rows[0]?.count ?? 0);
}
