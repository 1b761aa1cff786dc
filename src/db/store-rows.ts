/**
 * What both stores (src/db/sqlite/, src/db/postgres/) do alike around their SQL: where aliases
 * live, how counts and ids come back, and the tie-breaks made in JavaScript so that no
 * database's collation decides an answer.
 */

import type { LineageKind } from '../domain/enums.js';
import { compareText } from '../domain/normalize.js';
import { Prisma as PrismaValues } from '../generated/prisma/client.js';
import { batches } from './batch.js';
import type { DirectRows } from './sqlite/direct-rows.js';
import {
  ARTICLE_FACETS,
  type ArticleColumnValue,
  type ArticleFacet,
  type ArticlePageStart,
  COUNTED_TABLES,
  COUNTRY_MODEL_FACETS,
  COVERAGE_TABLES,
  type CountedTable,
  type CountryCounts,
  type CountryModelFacet,
  type CoverageFacet,
  type CoverageRow,
  type CoverageTable,
  type CoverageValueOwner,
  type GraphStore,
  type IndexedArticleOrder,
  type LineageEdgeRow,
  type LineageReach,
  type ModelsOwner,
  type ModelsOwners,
  type NamedTable,
  type StoreExecutor,
  type TableRows,
} from './store.js';

/** The alias table of each kind of entity that has one. */
export const ALIASES: Record<NamedTable, { table: string; owner: string } | undefined> = {
  Organization: { table: 'OrganizationAlias', owner: 'organizationId' },
  Model: { table: 'ModelAlias', owner: 'modelId' },
  Topic: undefined,
};

/** `GraphStore.isReachable`: the migrations table answers (a statement alike on both databases). */
export async function isReachable(db: StoreExecutor): Promise<boolean> {
  try {
    await db.$queryRawUnsafe('SELECT count(*) FROM "_prisma_migrations"');
    return true;
  } catch {
    return false;
  }
}

/** `GraphStore.graphVersion`: the latest revision's id (a statement alike on both databases). */
export async function graphVersion(db: StoreExecutor): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ version: unknown }[]>('SELECT MAX(id) AS version FROM "Revision"');
  return count(row?.version ?? 0);
}

/** The columns of a table's rows as Prisma reads them, each under its name, from the alias `t`. */
const columnsOf = (fields: Record<string, string>) =>
  Object.values(fields)
    .map((column) => `t."${column}" AS "${column}"`)
    .join(', ');

/**
 * `GraphStore.rowsById`, `allRows` and `largestModelByOrganization`: the columns of each table
 * whose rows they read (`t`: the statement's alias of the table). Read raw, its rows come back
 * field for field as Prisma answers them (store.test checks).
 */
const TABLE_COLUMNS: Record<keyof TableRows, string> = {
  Organization: columnsOf(PrismaValues.OrganizationScalarFieldEnum),
  Topic: columnsOf(PrismaValues.TopicScalarFieldEnum),
  Model: columnsOf(PrismaValues.ModelScalarFieldEnum),
  Article: columnsOf(PrismaValues.ArticleScalarFieldEnum),
  Source: columnsOf(PrismaValues.SourceScalarFieldEnum),
  ModelLineage: columnsOf(PrismaValues.ModelLineageScalarFieldEnum),
};

/** `GraphStore.allRows`: every row of a table, in Prisma's shape, read raw (a third cheaper). */
async function allRows<T extends keyof TableRows>(
  db: StoreExecutor,
  table: T,
  direct: DirectRows | undefined,
): Promise<TableRows[T][]> {
  const sql = `SELECT ${TABLE_COLUMNS[table]} FROM "${table}" t`;
  return direct?.read<TableRows[T]>(table, sql, []) ?? db.$queryRawUnsafe<TableRows[T][]>(sql);
}

/**
 * `GraphStore.rowsById` (`column` id) and `rowsBySlug` (slug): the rows whose column holds one of
 * `values`, in Prisma's shape, read raw; a statement per batch.
 */
async function rowsWhereIn<T extends keyof TableRows>(
  db: StoreExecutor,
  placeholder: (position: number) => string,
  table: T,
  column: 'id' | 'slug',
  values: readonly (number | string)[],
  direct: DirectRows | undefined,
): Promise<TableRows[T][]> {
  const found: TableRows[T][] = [];
  for (const batch of batches([...new Set(values)])) {
    const sql = `SELECT ${TABLE_COLUMNS[table]} FROM "${table}" t WHERE t."${column}" IN (${batch.map((_, index) => placeholder(index + 1)).join(', ')})`;
    found.push(
      ...(direct?.read<TableRows[T]>(table, sql, batch) ?? (await db.$queryRawUnsafe<TableRows[T][]>(sql, ...batch))),
    );
  }
  return found;
}

/** Counts and ids as numbers: SQLite answers bigints for large integers, PostgreSQL for every COUNT. */
export const count = (value: unknown) => Number(value);

/**
 * The rows of a statement whose values the caller reads as numbers (with {@link count}) or text:
 * on SQLite read on the connection itself when it can (sqlite/direct-rows.ts: integers come as
 * bigints there, numbers or bigints through Prisma, the same once counted), else through Prisma.
 */
async function plainRows<Row>(
  db: StoreExecutor,
  direct: DirectRows | undefined,
  sql: string,
  ...args: unknown[]
): Promise<Row[]> {
  return direct?.plain<Row>(sql, args) ?? db.$queryRawUnsafe<Row[]>(sql, ...args);
}

// The overview's counts: read from the tables the triggers of the migration `overview_counts`
// keep in step with every write (prisma/migrations/*_overview_counts), a row per organization,
// topic, country or table, so that their cost does not grow with the articles.

/** `GraphStore.organizationCounts`: one row per organization. */
async function organizationCounts(
  db: StoreExecutor,
  direct: DirectRows | undefined,
): Promise<Map<number, { models: number; articles: number; modelArticles: number }>> {
  const rows = await plainRows<{ organizationId: unknown; models: unknown; articles: unknown; modelArticles: unknown }>(
    db,
    direct,
    'SELECT "organizationId" AS "organizationId", "models" AS models, "articles" AS articles, "modelArticles" AS "modelArticles" FROM "OrganizationCount"',
  );
  return new Map(
    rows.map((row) => [
      count(row.organizationId),
      { models: count(row.models), articles: count(row.articles), modelArticles: count(row.modelArticles) },
    ]),
  );
}

/** The table keeping one organization's or one country's reach, its key column and the key. */
function keptReachOf(owner: ModelsOwner): [table: string, key: string, value: string | number] {
  return 'country' in owner
    ? ['CountryArticle', 'country', owner.country]
    : ['OrganizationArticle', 'organizationId', owner.organizationId];
}

/**
 * `GraphStore.articlesCoveringModelsOf`, with the database's placeholders (`?` or `$1`, ...):
 * an index range of the key (organization, article) of `OrganizationArticle`, or (country,
 * article) of `CountryArticle`.
 */
async function articlesCoveringModelsOf(
  db: StoreExecutor,
  placeholder: (position: number) => string,
  owner: ModelsOwner,
  { from, inclusive, forward, limit }: { from?: number; inclusive: boolean; forward: boolean; limit: number },
): Promise<number[]> {
  const [table, key, value] = keptReachOf(owner);
  const params: unknown[] = [value];
  const next = (value: unknown) => {
    params.push(value);
    return placeholder(params.length);
  };
  const start = from === undefined ? '' : `AND "articleId" ${forward ? '>' : '<'}${inclusive ? '=' : ''} ${next(from)}`;
  const rows = await db.$queryRawUnsafe<{ articleId: unknown }[]>(
    `SELECT "articleId" AS "articleId" FROM "${table}"
     WHERE "${key}" = ${placeholder(1)} AND "viaModels" > 0 ${start}
     ORDER BY "articleId" ${forward ? 'ASC' : 'DESC'} LIMIT ${next(limit)}`,
    ...params,
  );
  const ids = rows.map((row) => count(row.articleId));
  return forward ? ids : ids.reverse();
}

/** The kept count of each coverage table's parents (`ArticleFacetCount`). */
const COVERAGE_FACET: Record<CoverageTable, CoverageFacet> = {
  ArticleModel: 'model',
  ArticleOrganization: 'organization',
  ArticleTopic: 'topic',
};

/**
 * How many times the rows a parent is expected to need from the articles' order (its share of
 * the articles, spread evenly) a walk reads before it gives up and sorts: the parent's articles
 * may bunch later in the order (a model's articles are older than the newest).
 */
const WALK_MARGIN = 8;

/**
 * The condition "after `start`'s cursor in `order`" (`backward`: before it) on the articles `a`,
 * with `next` placing each value. After a known value: later values, the same value and a larger
 * id, or unknown ones (last in the order); after an unknown one, unknown ones with a larger id. A
 * walk of the order's index with it skips what comes before the cursor (its cost grows with the
 * cursor's place in the order, not with the list). Before a known value: known values from the
 * cursor's on towards the start, a range of the index ({@link articleOrderBy} orders them as the
 * range runs: Meta's 1,000 newest before a cursor read in 0.2 ms, not 100 skipping the rest);
 * before an unknown one, every known value and the unknown ones of a smaller id.
 */
function beyondArticleCursor(
  dialect: OverviewDialect,
  order: IndexedArticleOrder,
  { cursor, backward = false }: ArticlePageStart,
  next: (value: unknown) => string,
): string {
  if (!cursor) return '';
  const field = `a."${order.field}"`;
  if (cursor.value === null)
    return backward
      ? `(${field} IS NOT NULL OR (${field} IS NULL AND a."id" < ${next(cursor.id)}))`
      : `(${field} IS NULL AND a."id" > ${next(cursor.id)})`;
  if (backward) {
    const earlier = order.direction === 'desc' ? '>' : '<';
    return `(${dialect.isKnown(field)} AND ${field} ${earlier}= ${next(cursor.value)}
      AND (${field} ${earlier} ${next(cursor.value)} OR a."id" < ${next(cursor.id)}))`;
  }
  return `(${field} ${order.direction === 'desc' ? '<' : '>'} ${next(cursor.value)}
    OR (${field} = ${next(cursor.value)} AND a."id" > ${next(cursor.id)}) OR ${field} IS NULL)`;
}

/**
 * The ORDER BY of the articles `a` in `order` (the unknown values last, then by id), or read
 * `backward` from its end: as the migrations' indexes hold it, forwards or backwards, or as their
 * range of known values does where the condition keeps only those (`knownOnly`: before a cursor
 * of a known value, {@link beyondArticleCursor}, or {@link articlesFrom}'s known ones).
 */
function articleOrderBy(
  dialect: OverviewDialect,
  order: IndexedArticleOrder,
  { backward = false, knownOnly = false }: { backward?: boolean; knownOnly?: boolean } = {},
): string {
  const direction = order.direction === 'desc' ? 'DESC' : 'ASC';
  return `${dialect.lastNulls(`a."${order.field}"`, direction, { reversed: backward, knownOnly })}, a."id"${backward ? ' DESC' : ''}`;
}

/** {@link articleOrderBy} for a page from `start`: only known values before a cursor of a known value. */
const pageOrderBy = (dialect: OverviewDialect, order: IndexedArticleOrder, { cursor, backward }: ArticlePageStart) =>
  articleOrderBy(dialect, order, {
    backward,
    knownOnly: backward === true && cursor !== undefined && cursor.value !== null,
  });

/**
 * The articles `a` from `start` on in `order`, the first `limit` of them, with `columns` of `a`
 * (its id and the order's field among them), as a derived table in parentheses: what a walk reads.
 * After a cursor of a known value, forwards: the known values after it (a range of the order's
 * index) and the unknown ones (another range), the first `limit` of both; the condition of
 * {@link beyondArticleCursor} read the index from its start to the cursor (96 ms for a cursor half
 * way through a million articles).
 */
function articlesFrom(
  dialect: OverviewDialect,
  order: IndexedArticleOrder,
  start: ArticlePageStart,
  columns: string,
  limit: number,
  next: (value: unknown) => string,
): string {
  const { cursor, backward = false } = start;
  const orderBy = pageOrderBy(dialect, order, start);
  if (backward || !cursor || cursor.value === null)
    return `(SELECT ${columns} FROM "Article" a ${cursor ? `WHERE ${beyondArticleCursor(dialect, order, start, next)}` : ''}
      ORDER BY ${orderBy} LIMIT ${next(limit)})`;
  const field = `a."${order.field}"`;
  const later = order.direction === 'desc' ? '<' : '>';
  const known = `SELECT ${columns} FROM "Article" a WHERE ${dialect.isKnown(field)} AND ${field} ${later}= ${next(cursor.value)}
    AND (${field} ${later} ${next(cursor.value)} OR a."id" > ${next(cursor.id)})
    ORDER BY ${articleOrderBy(dialect, order, { knownOnly: true })} LIMIT ${next(limit)}`;
  const unknown = `SELECT ${columns} FROM "Article" a WHERE ${dialect.isUnknown(field)} ORDER BY a."id" LIMIT ${next(limit)}`;
  return `(SELECT * FROM (SELECT * FROM (${known}) AS "known" UNION ALL SELECT * FROM (${unknown}) AS "unknown") AS a
    ORDER BY ${orderBy} LIMIT ${next(limit)})`;
}

/**
 * `GraphStore.orderedCoverageRows`. Per parent, from the kept counts: covering `c` of `n`
 * articles, its first `limit` are expected among the first `limit * n / c` of the order. Where
 * that is under a quarter of its `c` rows, one statement reads, for each such parent, the first
 * {@link WALK_MARGIN} times that many articles in order from the index (`lastNulls` writes the
 * ORDER BY as the index holds it) and keeps those it covers: exact whenever it finds `limit` of
 * them (nothing of the parent comes earlier in the order). The others, and a walk that found
 * fewer, read all their rows and sort them, in a second statement. After a cursor, both read
 * only the articles after it ({@link beyondArticleCursor}); backward, they read the order from its
 * end (or from the cursor towards the start), as the index read backwards holds it. The
 * expectation is the same (the parent's share of the articles, spread evenly). Of one language or
 * site (`where`), the parent's articles that have it: `c` is their number (kept per parent,
 * `CoverageValueCount`), and a parent with none reads nothing.
 */
async function orderedCoverageRows(
  db: StoreExecutor,
  dialect: OverviewDialect,
  table: CoverageTable,
  parentIds: readonly number[],
  limit: number,
  order: IndexedArticleOrder,
  start: ArticlePageStart = {},
  where?: ArticleColumnValue,
): Promise<CoverageRow[]> {
  const parents = [...new Set(parentIds)];
  if (parents.length === 0) return [];
  // Names of a closed set, written into the statement.
  if (where && where.column !== 'language' && where.column !== 'site')
    throw new Error(`orderedCoverageRows: no column ${JSON.stringify(where.column)}`);
  const key = COVERAGE_TABLES[table];
  const owner = COVERAGE_FACET[table] as CoverageValueOwner;
  const [counts, tables, valueCounts] = await Promise.all([
    coverageCounts(db, dialect.placeholder, owner, parents),
    tableCounts(db, dialect.rows),
    where ? coverageValueCounts(db, dialect.placeholder, owner, where, parents) : undefined,
  ]);
  const { cursor } = start;
  const orderBy = pageOrderBy(dialect, order, start);
  const walks = new Map<number, number>();
  // Parents none of whose articles has the value: nothing to read.
  const none = new Set<number>();
  for (const parentId of parents) {
    const covering = counts.get(parentId) ?? 0;
    const matching = valueCounts ? (valueCounts.get(parentId) ?? 0) : covering;
    if (valueCounts && matching === 0) {
      none.add(parentId);
      continue;
    }
    const expected = matching === 0 ? Number.POSITIVE_INFINITY : (limit * tables.Article) / matching;
    // (The sort reads every row of the parent's, whatever their value.)
    if (expected * 4 <= covering)
      walks.set(parentId, Math.min(tables.Article, Math.ceil(expected * WALK_MARGIN) + limit));
  }
  const rowsOf = async (pages: string[], params: unknown[]) =>
    pages.length === 0
      ? new Map<number, CoverageRow[]>()
      : groupCoverageRows(
          await db.$queryRawUnsafe<Record<keyof CoverageRow | 'orderValue', unknown>[]>(
            pages.join('\nUNION ALL\n'),
            ...params,
          ),
          order.direction,
        );
  // The order's value comes along, to put each parent's rows in order again once the UNION ALL
  // has them (a window function to number them cost 15 ms of a 16 ms statement on SQLite).
  const columns = `c."${key}" AS "parentId", c."articleId" AS "articleId", c."relevance" AS "relevance",
    c."confidence" AS "confidence", c."basis" AS "basis", a."${order.field}" AS "orderValue"`;
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  // CROSS JOIN, here too: with the LIMIT a parameter, SQLite would read the parent's rows first
  // (220,000 for a hot model: 11 ms against 0.2).
  const walked = await rowsOf(
    [...walks].map(
      ([parentId, read], index) =>
        `SELECT * FROM (SELECT ${columns}
         FROM ${articlesFrom(dialect, order, start, `a."id", a."${order.field}"${where ? `, a."${where.column}"` : ''}`, read, next)} AS a
         CROSS JOIN "${table}" c WHERE c."articleId" = a."id" AND c."${key}" = ${next(parentId)}
           ${where ? `AND a."${where.column}" = ${next(where.value)}` : ''}
         ORDER BY ${orderBy} LIMIT ${next(limit)}) AS "walk${index}"`,
    ),
    params,
  );
  const sorting = parents.filter((parentId) => {
    if (none.has(parentId)) return false;
    const read = walks.get(parentId);
    return read === undefined || ((walked.get(parentId)?.length ?? 0) < limit && read < tables.Article);
  });
  params.length = 0;
  const sorted = await rowsOf(
    sorting.map(
      (parentId, index) =>
        // CROSS JOIN: SQLite then reads the parent's rows first (it would otherwise walk the
        // articles' order, which suits only the parents that cover many of them).
        `SELECT * FROM (SELECT ${columns} FROM "${table}" c CROSS JOIN "Article" a
         WHERE a."id" = c."articleId" AND c."${key}" = ${next(parentId)}
           ${where ? `AND a."${where.column}" = ${next(where.value)}` : ''}
           ${cursor ? `AND ${beyondArticleCursor(dialect, order, start, next)}` : ''} ORDER BY ${orderBy} LIMIT ${next(limit)}) AS "sort${index}"`,
    ),
    params,
  );
  return parents.flatMap((parentId) => sorted.get(parentId) ?? walked.get(parentId) ?? []);
}

/**
 * `GraphStore.orderedArticleIds`: {@link orderedCoverageRows}' rule for the whole list of one
 * language or site (of every article: the order's index read from its start, its end or a
 * cursor, {@link articlesFrom}). With `c` of `n` articles having the value (the kept count), the
 * first `limit` are expected among the first `limit * n / c` of the order; where that is under a
 * quarter of `c`, one statement reads {@link WALK_MARGIN} times that many from the order's index
 * and keeps the value's (exact whenever it finds `limit`: nothing of the value comes earlier). Otherwise, or
 * when the walk finds fewer, the value's articles are read by the column's index and sorted, as
 * SQLite's planner does for Prisma's statement (219 ms for zh-Hans's newest ten at a million).
 */
async function orderedArticleIds(
  db: StoreExecutor,
  dialect: OverviewDialect,
  where: ArticleColumnValue | undefined,
  limit: number,
  order: IndexedArticleOrder,
  start: ArticlePageStart = {},
): Promise<number[]> {
  // Names of closed sets, written into the statement.
  if (where && where.column !== 'language' && where.column !== 'site')
    throw new Error(`orderedArticleIds: no column ${JSON.stringify(where.column)}`);
  if (order.field !== 'publishedAt' && order.field !== 'citations')
    throw new Error(`orderedArticleIds: no order ${JSON.stringify(order.field)}`);
  if (limit <= 0) return [];
  const { cursor, backward = false } = start;
  const orderBy = pageOrderBy(dialect, order, start);
  // Read from the end, the rows come last first.
  const ids = (rows: { id: unknown }[]) => {
    const found = rows.map((row) => count(row.id));
    return backward ? found.reverse() : found;
  };
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return dialect.placeholder(params.length);
  };
  // The sort's condition on the cursor (the walk reads from it: articlesFrom).
  const beyond = (keyword: 'WHERE' | 'AND') =>
    cursor === undefined ? '' : `${keyword} ${beyondArticleCursor(dialect, order, start, next)}`;
  if (!where)
    return ids(
      await db.$queryRawUnsafe<{ id: unknown }[]>(
        `SELECT a."id" AS "id" FROM ${articlesFrom(dialect, order, start, `a."id", a."${order.field}"`, limit, next)} AS a
         ORDER BY ${orderBy}`,
        ...params,
      ),
    );
  const [facets, tables] = await Promise.all([articleFacet(db, where.column), tableCounts(db, dialect.rows)]);
  const having = facets.find((row) => row.value === where.value)?.count ?? 0;
  const expected = having === 0 ? Number.POSITIVE_INFINITY : (limit * tables.Article) / having;
  if (expected * 4 <= having) {
    const read = Math.min(tables.Article, Math.ceil(expected * WALK_MARGIN) + limit);
    const walked = await db.$queryRawUnsafe<{ id: unknown }[]>(
      `SELECT a."id" AS "id" FROM ${articlesFrom(dialect, order, start, `a."id", a."${order.field}", a."${where.column}"`, read, next)} AS a
       WHERE a."${where.column}" = ${next(where.value)} ORDER BY ${orderBy} LIMIT ${next(limit)}`,
      ...params,
    );
    if (walked.length === limit || read >= tables.Article) return ids(walked);
  }
  params.length = 0;
  return ids(
    await db.$queryRawUnsafe<{ id: unknown }[]>(
      `SELECT a."id" AS "id" FROM "Article" a WHERE a."${where.column}" = ${next(where.value)} ${beyond('AND')}
       ORDER BY ${orderBy} LIMIT ${next(limit)}`,
      ...params,
    ),
  );
}

/**
 * Rows of {@link orderedCoverageRows}' statements by parent, each parent's in the order: by
 * `orderValue` (a date as ISO text on SQLite, a Date on PostgreSQL; a count), unknown last, then by
 * article id.
 */
function groupCoverageRows(
  rows: Record<keyof CoverageRow | 'orderValue', unknown>[],
  direction: IndexedArticleOrder['direction'],
): Map<number, CoverageRow[]> {
  const comparable = (value: unknown) =>
    value == null ? null : value instanceof Date ? value.getTime() : typeof value === 'bigint' ? Number(value) : value;
  const byParent = new Map<number, { value: number | string | null; row: CoverageRow }[]>();
  for (const row of rows) {
    const parentId = count(row.parentId);
    let list = byParent.get(parentId);
    if (!list) {
      list = [];
      byParent.set(parentId, list);
    }
    list.push({
      value: comparable(row.orderValue) as number | string | null,
      row: {
        parentId,
        articleId: count(row.articleId),
        relevance: String(row.relevance),
        confidence: String(row.confidence),
        basis: row.basis == null ? null : String(row.basis),
      },
    });
  }
  const sign = direction === 'desc' ? -1 : 1;
  const compare = (a: { value: number | string | null; row: CoverageRow }, b: typeof a) => {
    if (a.value !== b.value) {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return (a.value < b.value ? -1 : 1) * sign;
    }
    return a.row.articleId - b.row.articleId;
  };
  return new Map([...byParent].map(([parentId, list]) => [parentId, list.sort(compare).map((entry) => entry.row)]));
}

/**
 * `GraphStore.firstCoverageRows`: a page per parent, one statement: a `UNION ALL` of one
 * limited range per parent (the same on both databases, where SQLite has no `LATERAL`). Of one
 * language or site (`where`), each parent's range is read in article id order until it has
 * `limit` rows with the value: its own rows (the (parent, articleId) index, each row's article by
 * its id), or, where fewer articles have the value than the parent has rows, the value's articles
 * (the column's index, in id order on SQLite) each looked up in the parent's rows; either way
 * about `limit` times the smaller of the two over the parent's articles with the value, read
 * from the kept counts. A parent with none of them reads nothing. `backward`: each range read
 * from its end (the last `limit`), the answer still in article id order.
 */
async function firstCoverageRows(
  db: StoreExecutor,
  placeholder: (position: number) => string,
  table: CoverageTable,
  parentIds: readonly number[],
  limit: number,
  where?: ArticleColumnValue,
  backward = false,
): Promise<CoverageRow[]> {
  const parents = [...new Set(parentIds)];
  if (parents.length === 0) return [];
  // Names of a closed set, written into the statement.
  if (where && where.column !== 'language' && where.column !== 'site')
    throw new Error(`firstCoverageRows: no column ${JSON.stringify(where.column)}`);
  const direction = backward ? 'DESC' : 'ASC';
  const key = COVERAGE_TABLES[table];
  const owner = COVERAGE_FACET[table] as CoverageValueOwner;
  const [counts, valueCounts, values] = where
    ? await Promise.all([
        coverageCounts(db, placeholder, owner, parents),
        coverageValueCounts(db, placeholder, owner, where, parents),
        articleFacet(db, where.column),
      ])
    : [];
  const valueTotal = values?.find((row) => row.value === where?.value)?.count ?? 0;
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return placeholder(params.length);
  };
  const columns = `c."${key}" AS "parentId", c."articleId" AS "articleId", c."relevance" AS "relevance",
    c."confidence" AS "confidence", c."basis" AS "basis"`;
  const ranges = parents.flatMap((parentId, index) => {
    if (!where) {
      return [
        `SELECT * FROM (SELECT ${columns} FROM "${table}" c
         WHERE c."${key}" = ${next(parentId)} ORDER BY c."articleId" ${direction} LIMIT ${next(limit)}) AS "range${index}"`,
      ];
    }
    if (!valueCounts?.get(parentId)) return [];
    const column = `a."${where.column}"`;
    // The parent's rows in order, each article's value looked up by its id; the value's articles
    // in order, each looked up in the parent's rows. Both lookups are subqueries: joined,
    // PostgreSQL merged the parent's range with every article in id order, or read the articles
    // in id order under the join rather than under the LIMIT.
    return (counts?.get(parentId) ?? 0) <= valueTotal
      ? [
          `SELECT * FROM (SELECT ${columns} FROM "${table}" c
           WHERE c."${key}" = ${next(parentId)}
             AND (SELECT ${column} FROM "Article" a WHERE a."id" = c."articleId") = ${next(where.value)}
           ORDER BY c."articleId" ${direction} LIMIT ${next(limit)}) AS "range${index}"`,
        ]
      : [
          `SELECT * FROM (SELECT ${columns} FROM (SELECT a."id" FROM "Article" a
             WHERE ${column} = ${next(where.value)}
               AND (SELECT 1 FROM "${table}" x WHERE x."articleId" = a."id" AND x."${key}" = ${next(parentId)}) IS NOT NULL
             ORDER BY a."id" ${direction} LIMIT ${next(limit)}) AS "valued"
           CROSS JOIN "${table}" c WHERE c."articleId" = "valued"."id" AND c."${key}" = ${next(parentId)}) AS "range${index}"`,
        ];
  });
  if (ranges.length === 0) return [];
  const rows = await db.$queryRawUnsafe<Record<keyof CoverageRow, unknown>[]>(ranges.join('\nUNION ALL\n'), ...params);
  return rows
    .map((row) => ({
      parentId: count(row.parentId),
      articleId: count(row.articleId),
      relevance: String(row.relevance),
      confidence: String(row.confidence),
      basis: row.basis == null ? null : String(row.basis),
    }))
    .sort((a, b) => a.parentId - b.parentId || a.articleId - b.articleId);
}

/**
 * `GraphStore.largestModelByOrganization`: the models whose size is their organization's largest
 * (an index lookup per organization), the smallest slug by code unit among ties, whatever the
 * database's collation.
 */
async function largestModelByOrganization(
  db: StoreExecutor,
  direct: DirectRows | undefined,
): Promise<Map<number, TableRows['Model']>> {
  // CROSS JOIN: SQLite then reads the organizations first (it would otherwise scan every
  // developer row); PostgreSQL plans it as any join.
  const sql = `SELECT c."organizationId" AS "largestOf", ${TABLE_COLUMNS.Model}
     FROM "OrganizationCount" c CROSS JOIN "Model" t
     JOIN "ModelDeveloper" d ON d."modelId" = t.id AND d."organizationId" = c."organizationId"
     WHERE t."parameters" = c."maxParameters"`;
  type Found = TableRows['Model'] & { largestOf: unknown };
  const rows = direct?.read<Found>('Model', sql, []) ?? (await db.$queryRawUnsafe<Found[]>(sql));
  const largest = new Map<number, TableRows['Model']>();
  for (const { largestOf, ...model } of rows) {
    const organizationId = count(largestOf);
    const current = largest.get(organizationId);
    if (!current || compareText(model.slug, current.slug) < 0) largest.set(organizationId, model);
  }
  return largest;
}

/** `GraphStore.countryCounts`: one row per country that has an organization. */
async function countryCounts(db: StoreExecutor, direct: DirectRows | undefined): Promise<CountryCounts[]> {
  const rows = await plainRows<{
    country: string;
    organizations: unknown;
    models: unknown;
    articles: unknown;
    modelArticles: unknown;
  }>(
    db,
    direct,
    `SELECT "country" AS country, "organizations" AS organizations, "models" AS models, "articles" AS articles,
       "modelArticles" AS "modelArticles" FROM "CountryCount" WHERE "organizations" > 0`,
  );
  return rows.map((row) => ({
    country: row.country,
    organizationCount: count(row.organizations),
    modelCount: count(row.models),
    articleCount: count(row.articles),
    modelArticleCount: count(row.modelArticles),
  }));
}

/** `GraphStore.topicCounts`: one row per topic. */
async function topicCounts(
  db: StoreExecutor,
  direct: DirectRows | undefined,
): Promise<Map<number, { models: number; articles: number }>> {
  const rows = await plainRows<{ topicId: unknown; models: unknown; articles: unknown }>(
    db,
    direct,
    'SELECT "topicId" AS "topicId", "models" AS models, "articles" AS articles FROM "TopicCount"',
  );
  return new Map(rows.map((row) => [count(row.topicId), { models: count(row.models), articles: count(row.articles) }]));
}

/** `GraphStore.articleFacets`: one statement for the facets asked, one row per value. */
async function articleFacets(
  db: StoreExecutor,
  direct: DirectRows | undefined,
  facets: readonly ArticleFacet[],
): Promise<Map<ArticleFacet, { value: string; count: number }[]>> {
  const asked = [...new Set(facets)];
  // Literals of a closed set (the placeholders' syntax differs between the databases).
  for (const facet of asked)
    if (!ARTICLE_FACETS.includes(facet)) throw new Error(`articleFacets: no facet ${JSON.stringify(facet)}`);
  const found = new Map<ArticleFacet, { value: string; count: number }[]>(asked.map((facet) => [facet, []]));
  if (asked.length === 0) return found;
  const rows = await plainRows<{ facet: ArticleFacet; value: string; count: unknown }>(
    db,
    direct,
    `SELECT "facet" AS facet, "value" AS value, "count" AS count FROM "ArticleFacetCount"
     WHERE "facet" IN (${asked.map((facet) => `'${facet}'`).join(', ')}) AND "count" > 0`,
  );
  for (const row of rows) found.get(row.facet)?.push({ value: row.value, count: count(row.count) });
  return found;
}

/** The kept rows of one facet of every article ({@link articleFacets}). */
async function articleFacet(db: StoreExecutor, facet: ArticleFacet): Promise<{ value: string; count: number }[]> {
  return (await articleFacets(db, undefined, [facet])).get(facet) ?? [];
}

/** Where each facet of the articles lives: a column of the article, or a join table's column. */
const FACET_SOURCES: Readonly<Record<ArticleFacet, { table: string; column: string }>> = {
  language: { table: 'Article', column: 'language' },
  site: { table: 'Article', column: 'site' },
  kind: { table: 'Article', column: 'kind' },
  year: { table: 'Article', column: 'publishedAt' },
  organization: { table: 'ArticleOrganization', column: 'organizationId' },
  topic: { table: 'ArticleTopic', column: 'topicId' },
  author: { table: 'ArticleAuthor', column: 'personId' },
  model: { table: 'ArticleModel', column: 'modelId' },
};

/**
 * `GraphStore.articleFacetsOf`: a facet of the articles covering the models of an organization
 * or a country, counted over the rows kept of its reach (an index range) joined to the facet's
 * table, instead of testing every article.
 */
async function articleFacetsOf(
  db: StoreExecutor,
  dialect: OverviewDialect,
  owner: ModelsOwners,
  facet: ArticleFacet,
): Promise<{ value: string; count: number }[]> {
  if (!Object.hasOwn(FACET_SOURCES, facet)) throw new Error(`articleFacetsOf: no facet ${JSON.stringify(facet)}`);
  const reach = reachOf(owner, dialect.placeholder);
  const source = FACET_SOURCES[facet];
  const column = `x."${source.column}"`;
  const valueSql = facet === 'year' ? dialect.yearText(column) : `CAST(${column} AS TEXT)`;
  const join = source.table === 'Article' ? 'x."id" = r."articleId"' : 'x."articleId" = r."articleId"';
  const rows = await db.$queryRawUnsafe<{ value: string; count: unknown }[]>(
    `SELECT ${valueSql} AS value, COUNT(*) AS count FROM ${reach.sql} JOIN "${source.table}" x ON ${join}
     WHERE ${column} IS NOT NULL GROUP BY ${valueSql}`,
    ...reach.params,
  );
  return rows.map((row) => ({ value: String(row.value), count: count(row.count) }));
}

/**
 * The articles covering a model of `owner`, each once, as a subquery `r` with a column
 * `articleId`: an index range of the kept reach of one organization or country, or the ranges of
 * a few organizations made distinct.
 */
function reachOf(owner: ModelsOwners, placeholder: (position: number) => string): { sql: string; params: unknown[] } {
  if ('organizationIds' in owner) {
    const ids = [...new Set(owner.organizationIds)];
    return {
      sql: `(SELECT DISTINCT "articleId" FROM "OrganizationArticle"
        WHERE "organizationId" IN (${ids.map((_, index) => placeholder(index + 1)).join(', ')}) AND "viaModels" > 0) AS r`,
      params: ids,
    };
  }
  const [table, key, value] = keptReachOf(owner);
  return {
    sql: `(SELECT "articleId" FROM "${table}" WHERE "${key}" = ${placeholder(1)} AND "viaModels" > 0) AS r`,
    params: [value],
  };
}

/** `GraphStore.countArticlesCoveringModelsOf`. */
async function countArticlesCoveringModelsOf(
  db: StoreExecutor,
  placeholder: (position: number) => string,
  owner: ModelsOwners,
): Promise<number> {
  const kept =
    'organizationIds' in owner
      ? undefined
      : 'country' in owner
        ? { sql: 'SELECT "modelArticles" AS n FROM "CountryCount" WHERE "country" = ', value: owner.country }
        : {
            sql: 'SELECT "modelArticles" AS n FROM "OrganizationCount" WHERE "organizationId" = ',
            value: owner.organizationId,
          };
  if (kept) {
    const rows = await db.$queryRawUnsafe<{ n: unknown }[]>(`${kept.sql}${placeholder(1)}`, kept.value);
    return rows[0] ? count(rows[0].n) : 0;
  }
  const reach = reachOf(owner, placeholder);
  const rows = await db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM ${reach.sql}`, ...reach.params);
  return count(rows[0]?.n ?? 0);
}

/** `GraphStore.coverageValueCounts`: the kept rows of `CoverageValueCount` (its primary key's range). */
async function coverageValueCounts(
  db: StoreExecutor,
  placeholder: (position: number) => string,
  owner: CoverageValueOwner,
  where: ArticleColumnValue,
  ids: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const batch of batches([...new Set(ids)])) {
    const rows = await db.$queryRawUnsafe<{ parentId: unknown; count: unknown }[]>(
      `SELECT "parentId" AS "parentId", "count" AS count FROM "CoverageValueCount"
       WHERE "owner" = ${placeholder(1)} AND "column" = ${placeholder(2)} AND "value" = ${placeholder(3)}
         AND "parentId" IN (${batch.map((_, index) => placeholder(index + 4)).join(', ')})`,
      owner,
      where.column,
      where.value,
      ...batch,
    );
    for (const row of rows) counts.set(Number(row.parentId), count(row.count));
  }
  return counts;
}

/** `GraphStore.coverageCounts`: the kept rows of `ArticleFacetCount` (primary key: facet, value). */
async function coverageCounts(
  db: StoreExecutor,
  placeholder: (position: number) => string,
  facet: CoverageFacet,
  ids: readonly number[],
): Promise<Map<number, number>> {
  if (!ARTICLE_FACETS.includes(facet)) throw new Error(`coverageCounts: no facet ${JSON.stringify(facet)}`);
  const counts = new Map<number, number>();
  for (const batch of batches([...new Set(ids)])) {
    const rows = await db.$queryRawUnsafe<{ value: string; count: unknown }[]>(
      `SELECT "value" AS value, "count" AS count FROM "ArticleFacetCount"
       WHERE "facet" = '${facet}' AND "value" IN (${batch.map((_, index) => placeholder(index + 1)).join(', ')})`,
      ...batch.map(String),
    );
    for (const row of rows) counts.set(Number(row.value), count(row.count));
  }
  return counts;
}

/** A facet's value in a row of `x` (the facet's table) as text, and how `x` joins `c` (`CountryModel`). */
function facetValue(dialect: OverviewDialect, facet: CountryModelFacet) {
  // Names of a closed set (a facet not in it would otherwise write its name into the SQL).
  if (!Object.hasOwn(COUNTRY_MODEL_FACETS, facet))
    throw new Error(`countryModelFacet: no facet ${JSON.stringify(facet)}`);
  const { table, column } = COUNTRY_MODEL_FACETS[facet];
  return {
    table,
    column,
    joined: table === 'Model' ? 'x."id" = c."modelId"' : 'x."modelId" = c."modelId"',
    value: facet === 'year' ? dialect.yearText(`x."${column}"`) : `CAST(x."${column}" AS TEXT)`,
  };
}

/**
 * `GraphStore.countryModelFacets`: the country's kept rows of `CountryModelFacetCount`; while the
 * country is marked stale (`CountryModelFacetStale`: a write changed its models and its
 * transaction has not counted them again, or has not ended), its rows of `CountryModel` joined to
 * each facet's table instead. One statement for the facets asked, whose second part reads nothing
 * unless the country is marked: it starts from the mark.
 */
async function countryModelFacets(
  db: StoreExecutor,
  direct: DirectRows | undefined,
  dialect: OverviewDialect,
  country: string,
  facets: readonly CountryModelFacet[],
): Promise<Map<CountryModelFacet, { value: string; count: number }[]>> {
  const asked = [...new Set(facets)];
  const found = new Map<CountryModelFacet, { value: string; count: number }[]>(asked.map((facet) => [facet, []]));
  if (asked.length === 0) return found;
  const counted = asked.map((facet, index) => {
    const { table, column, joined, value } = facetValue(dialect, facet);
    return `SELECT '${facet}' AS facet, ${value} AS value, COUNT(*) AS count FROM "CountryModelFacetStale" s
       JOIN "CountryModel" c ON c."country" = s."country" JOIN "${table}" x ON ${joined}
     WHERE s."country" = ${dialect.placeholder(index + 2)} AND x."${column}" IS NOT NULL GROUP BY ${value}`;
  });
  const rows = await plainRows<{ facet: CountryModelFacet; value: unknown; count: unknown }>(
    db,
    direct,
    `SELECT k."facet" AS facet, k."value" AS value, k."count" AS count FROM "CountryModelFacetCount" k
     WHERE k."country" = ${dialect.placeholder(1)} AND k."facet" IN (${asked.map((facet) => `'${facet}'`).join(', ')})
       AND k."count" > 0
       AND NOT EXISTS (SELECT 1 FROM "CountryModelFacetStale" s WHERE s."country" = k."country")
     UNION ALL
     ${counted.join('\n     UNION ALL\n     ')}`,
    country,
    ...asked.map(() => country),
  );
  for (const row of rows) found.get(row.facet)?.push({ value: String(row.value), count: count(row.count) });
  return found;
}

/**
 * `GraphStore.refreshCountryModelFacets`: the marked countries' rows of `CountryModelFacetCount`
 * counted again from their models, and the marks removed; nothing but one read when none is marked.
 */
async function refreshCountryModelFacets(db: StoreExecutor, dialect: OverviewDialect): Promise<number> {
  const [marked] = await db.$queryRawUnsafe<{ n: unknown }[]>('SELECT COUNT(*) AS n FROM "CountryModelFacetStale"');
  const countries = count(marked?.n ?? 0);
  if (countries === 0) return 0;
  const stale = 'SELECT s."country" FROM "CountryModelFacetStale" s';
  await db.$executeRawUnsafe(`DELETE FROM "CountryModelFacetCount" WHERE "country" IN (${stale})`);
  const counted = (Object.keys(COUNTRY_MODEL_FACETS) as CountryModelFacet[]).map((facet) => {
    const { table, column, joined, value } = facetValue(dialect, facet);
    return `SELECT c."country", '${facet}', ${value}, COUNT(*) FROM "CountryModel" c JOIN "${table}" x ON ${joined}
      WHERE c."country" IN (${stale}) AND x."${column}" IS NOT NULL GROUP BY c."country", ${value}`;
  });
  await db.$executeRawUnsafe(
    `INSERT INTO "CountryModelFacetCount" ("country", "facet", "value", "count") ${counted.join(' UNION ALL ')}`,
  );
  await db.$executeRawUnsafe('DELETE FROM "CountryModelFacetStale"');
  return countries;
}

/** How a database writes what the overview's counts need of it. */
export type OverviewDialect = {
  /** The `position`th parameter (from 1): `?` or `$1`, ... */
  placeholder: (position: number) => string;
  /** SQLite: whole rows read on the connection itself when it can (sqlite/direct-rows.ts). */
  rows?: DirectRows;
  /** A timestamp column's calendar year (UTC), as decimal text. */
  yearText: (column: string) => string;
  /**
   * The ORDER BY of a column with the unknown values last, written as Prisma writes it (so that
   * the indexes of the migrations article_order_indexes give it); `reversed`, that order read
   * backwards (unknown values first), written so that the same indexes, read backwards, give it
   * (Prisma writes it otherwise on SQLite, which then sorts). `knownOnly`: where the condition
   * keeps known values only ({@link OverviewDialect.isKnown}), as the index's range gives them.
   */
  lastNulls: (
    column: string,
    direction: 'ASC' | 'DESC',
    options?: { reversed?: boolean; knownOnly?: boolean },
  ) => string;
  /** The condition that a column's value is known, as the indexes of `lastNulls`' order can seek it. */
  isKnown: (column: string) => string;
  /** The condition that it is unknown, as those indexes can seek it (their unknown values by id). */
  isUnknown: (column: string) => string;
};

/** The overview's counts of a store (the same statements on both databases but for the dialect's bits). */
export function overviewCounts(
  db: StoreExecutor,
  dialect: OverviewDialect,
): Pick<
  GraphStore,
  | 'organizationCounts'
  | 'articlesCoveringModelsOf'
  | 'articleFacetsOf'
  | 'countArticlesCoveringModelsOf'
  | 'firstCoverageRows'
  | 'orderedCoverageRows'
  | 'orderedArticleIds'
  | 'largestModelByOrganization'
  | 'allRows'
  | 'rowsById'
  | 'rowsBySlug'
  | 'countryCounts'
  | 'topicCounts'
  | 'tableCounts'
  | 'articleFacets'
  | 'coverageCounts'
  | 'coverageValueCounts'
  | 'countryModelFacets'
  | 'refreshCountryModelFacets'
> {
  const { placeholder, rows: direct } = dialect;
  return {
    organizationCounts: () => organizationCounts(db, direct),
    articlesCoveringModelsOf: (owner, page) => articlesCoveringModelsOf(db, placeholder, owner, page),
    articleFacetsOf: (owner, facet) => articleFacetsOf(db, dialect, owner, facet),
    countArticlesCoveringModelsOf: (owner) => countArticlesCoveringModelsOf(db, placeholder, owner),
    firstCoverageRows: (table, parentIds, limit, where, backward) =>
      firstCoverageRows(db, placeholder, table, parentIds, limit, where, backward),
    orderedCoverageRows: (table, parentIds, limit, order, start, where) =>
      orderedCoverageRows(db, dialect, table, parentIds, limit, order, start, where),
    orderedArticleIds: (where, limit, order, start) => orderedArticleIds(db, dialect, where, limit, order, start),
    largestModelByOrganization: () => largestModelByOrganization(db, direct),
    allRows: (table) => allRows(db, table, direct),
    rowsById: (table, ids) => rowsWhereIn(db, placeholder, table, 'id', ids, direct),
    rowsBySlug: (table, slugs) => rowsWhereIn(db, placeholder, table, 'slug', slugs, direct),
    countryCounts: () => countryCounts(db, direct),
    topicCounts: () => topicCounts(db, direct),
    tableCounts: () => tableCounts(db, direct),
    articleFacets: (facets) => articleFacets(db, direct, facets),
    coverageCounts: (facet, ids) => coverageCounts(db, placeholder, facet, ids),
    coverageValueCounts: (owner, where, ids) => coverageValueCounts(db, placeholder, owner, where, ids),
    countryModelFacets: (country, facets) => countryModelFacets(db, direct, dialect, country, facets),
    refreshCountryModelFacets: () => refreshCountryModelFacets(db, dialect),
  };
}

/** `GraphStore.tableCounts`: one row per counted table. */
async function tableCounts(db: StoreExecutor, direct: DirectRows | undefined): Promise<Record<CountedTable, number>> {
  const rows = await plainRows<{ name: string; rows: unknown }>(
    db,
    direct,
    'SELECT "name" AS name, "rows" AS rows FROM "TableCount"',
  );
  const counts = Object.fromEntries(COUNTED_TABLES.map((table) => [table, 0])) as Record<CountedTable, number>;
  for (const row of rows) if (row.name in counts) counts[row.name as CountedTable] = count(row.rows);
  return counts;
}

/** How a database writes the three parameters of {@link lineageReachSql}, in the order they are bound. */
export type LineageReachDialect = {
  /** The followed kinds (a JSON array of text) as rows of one column `kind`. */
  kinds: string;
  /** The start ids (a JSON array of numbers) as rows of one column `id`. */
  startIds: string;
  /** The largest depth of a model whose edges are read (a number). */
  lastDepth: string;
  /** A lineage kind as text. */
  kindText: (column: string) => string;
  /** Whether the edges of each reached model are looked up in a LATERAL subquery (PostgreSQL). */
  lateral: boolean;
};

/**
 * The statement of {@link GraphStore.lineageReach}, alike on both databases but for how the
 * parameters are written. A recursive query finds the models within `maxDepth - 1` steps of a
 * start, following the kinds asked for in the direction asked for; the answer is every followed
 * edge leaving one of them, which is every edge a walk of at most `maxDepth` steps can take. A
 * model is kept once per depth it is reached at (UNION), so the work is bounded by the edges
 * near the starts times the depth, never by the size of the graph: each step is an index lookup
 * (`childId` by the unique key, `parentId` by its index).
 *
 * The steps are written out where they are used, never as a common table expression of their
 * own, which both databases would compute in full when it is read twice.
 */
export function lineageReachSql(direction: LineageReach['direction'], dialect: LineageReachDialect): string {
  const kind = dialect.kindText('l.kind');
  const followed = `${kind} IN (SELECT kind FROM followed)`;
  // The edges touching each row of `r` by the columns `on` (one, or both ways), as `l`. SQLite
  // looks them up in the order written (CROSS JOIN: the rows of `r` first, whatever its
  // statistics say). PostgreSQL guesses a hundred start rows and hundreds of reached models and
  // would hash the whole edge table at each step (15 ms at a million articles): LATERAL looks each
  // model's edges up by index (OFFSET 0 keeps it from being flattened into a join again).
  const edges = (on: readonly ('childId' | 'parentId')[]) =>
    dialect.lateral
      ? `CROSS JOIN LATERAL (${on.map((column) => `SELECT * FROM "ModelLineage" e WHERE e."${column}" = r."modelId"`).join(' UNION ALL ')} OFFSET 0) l`
      : `CROSS JOIN "ModelLineage" l ON ${on.map((column) => `l."${column}" = r."modelId"`).join(' OR ')}`;
  const step = (from: 'childId' | 'parentId') => {
    const to = from === 'childId' ? 'parentId' : 'childId';
    return `SELECT l."${to}", r.depth + 1 FROM reach r ${edges([from])}
             WHERE r.depth < ${dialect.lastDepth} AND ${followed}`;
  };
  // Each edge leaves one reached model: it comes once.
  const leaving = (from: 'childId' | 'parentId') =>
    `SELECT l.id, l."childId", l."parentId", ${kind} AS kind
     FROM (SELECT DISTINCT "modelId" FROM reach) r ${edges([from])}
     WHERE ${followed}`;
  const ends: ('childId' | 'parentId')[] =
    direction === 'UP' ? ['childId'] : direction === 'DOWN' ? ['parentId'] : ['childId', 'parentId'];
  // A recursive query may read itself only once: both ways is one join on either end.
  const recursive =
    ends.length === 1
      ? step(ends[0] as 'childId')
      : `SELECT CASE WHEN l."childId" = r."modelId" THEN l."parentId" ELSE l."childId" END, r.depth + 1
         FROM reach r ${edges(['childId', 'parentId'])}
         WHERE r.depth < ${dialect.lastDepth} AND ${followed}`;
  return `WITH RECURSIVE
    followed(kind) AS (${dialect.kinds}),
    reach("modelId", depth) AS (
      SELECT id, 0 FROM (${dialect.startIds}) AS start
      UNION
      ${recursive}
    )
    ${ends.map(leaving).join('\n    UNION\n    ')}`;
}

/** `GraphStore.lineageReach` on a database whose parameters `dialect` writes (see {@link lineageReachSql}). */
export async function lineageReach(
  db: StoreExecutor,
  { startIds, direction, maxDepth, kinds }: LineageReach,
  dialect: LineageReachDialect,
): Promise<LineageEdgeRow[]> {
  if (startIds.length === 0 || kinds.length === 0 || maxDepth < 1) return [];
  const rows = await db.$queryRawUnsafe<{ id: unknown; childId: unknown; parentId: unknown; kind: LineageKind }[]>(
    lineageReachSql(direction, dialect),
    JSON.stringify(kinds),
    JSON.stringify(startIds),
    maxDepth - 1,
  );
  return rows.map((row) => ({
    id: count(row.id),
    childId: count(row.childId),
    parentId: count(row.parentId),
    kind: row.kind,
  }));
}
