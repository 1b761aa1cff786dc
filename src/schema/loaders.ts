/**
 * Per-request batch loaders for what Pothos's query planning cannot fold into the parent query.
 * Each turns "one query per parent row" into one query per request shape.
 */
import DataLoader from 'dataloader';
import { BATCH_SIZE } from '../db/batch.js';
import type { PrismaClient } from '../db/client.js';
import {
  type ArticleColumnValue,
  type ArticleFacet,
  type ArticlePageStart,
  COVERAGE_TABLES,
  type CountryModelFacet,
  type CoverageFacet,
  type CoverageRow,
  type CoverageTable,
  type GraphStore,
  type IndexedArticleOrder,
  type LineageReach,
  type NamedTable,
  type TableRows,
} from '../db/store.js';
import { valuesDisagree } from '../domain/claims.js';
import type { ClaimProperty } from '../domain/enums.js';
import { compareText } from '../domain/normalize.js';
import { LineageGraph } from './lineage.js';
import { plannedRowLoaders } from './planned-rows.js';

export type Loaders = ReturnType<typeof createLoaders>;

/** The keys of a batch by the statement that answers them (their `shape`), in their order. */
function groupedBy<T>(items: readonly T[], shape: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = shape(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** A walk of the lineage graph to load the edges for: its start, and the part of a {@link LineageReach} every walk of a batch shares. */
export type LineageWalk = { startId: number } & Omit<LineageReach, 'startIds'>;

/**
 * The lineage edges walks need: the walks of a request that go the same way, as far, along the
 * same kinds share one statement (`GraphStore.lineageReach` with all their starts), so a list of
 * models each asking for its lineage costs one statement, not one per model. A walk from any of
 * the starts on the edges found is the walk on the whole graph.
 */
function lineageGraphs(store: GraphStore) {
  const shape = (walk: LineageWalk) => JSON.stringify([walk.direction, walk.maxDepth, [...walk.kinds].sort()]);
  return new DataLoader<LineageWalk, LineageGraph, string>(
    async (walks) => {
      const groups = groupedBy(walks, shape);
      const graphs = new Map<string, LineageGraph>();
      await Promise.all(
        [...groups].map(async ([key, [first, ...others]]) => {
          const { direction, maxDepth, kinds } = first as LineageWalk;
          const startIds = [...new Set([first as LineageWalk, ...others].map((walk) => walk.startId))];
          graphs.set(key, new LineageGraph(await store.lineageReach({ startIds, direction, maxDepth, kinds })));
        }),
      );
      return walks.map((walk) => graphs.get(shape(walk)) as LineageGraph);
    },
    { ...BATCH, cacheKeyFn: (walk) => `${walk.startId}:${shape(walk)}` },
  );
}

/**
 * Ids of the models on which two sources give values that disagree (claimValuesAgree): the store
 * finds the properties with more than one distinct value, the one definition decides.
 */
async function findDisagreeingModels(store: GraphStore, property: string): Promise<{ id: number; slug: string }[]> {
  const rows = await store.claimsWithSeveralValues(property === '*' ? undefined : (property as ClaimProperty));
  const groups = new Map<string, { id: number; slug: string; property: string; values: string[] }>();
  for (const row of rows) {
    const key = `${row.modelId}:${row.property}`;
    const group = groups.get(key) ?? { id: row.modelId, slug: row.slug, property: row.property, values: [] };
    group.values.push(row.value);
    groups.set(key, group);
  }
  const models = new Map<number, { id: number; slug: string }>();
  for (const group of groups.values())
    if (valuesDisagree(group.property, group.values)) models.set(group.id, { id: group.id, slug: group.slug });
  return [...models.values()].sort((a, b) => compareText(a.slug, b.slug));
}

/** Ids per batched query (src/db/batch.ts). */
const BATCH = { maxBatchSize: BATCH_SIZE } as const;

/** Rows by id, many ids per query; null for an id that names no row. */
function rowsById<Row extends { id: number }>(load: (ids: number[]) => Promise<Row[]>) {
  return new DataLoader<number, Row | null>(async (ids) => {
    const byId = new Map((await load([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }, BATCH);
}

/**
 * Rows of an organization, a model or a topic by slug, one loader per table: the lookups of one
 * request (ChatGPTLineage's two models) share a statement, as Prisma's batched `findUnique` did.
 */
function slugRows(store: GraphStore) {
  const loaders = new Map<NamedTable, DataLoader<string, TableRows[NamedTable] | null>>();
  return <T extends NamedTable>(table: T): DataLoader<string, TableRows[T] | null> => {
    let loader = loaders.get(table);
    if (!loader) {
      loader = new DataLoader<string, TableRows[NamedTable] | null>(async (slugs) => {
        const bySlug = new Map((await store.rowsBySlug(table, slugs)).map((row) => [row.slug, row]));
        return slugs.map((slug) => bySlug.get(slug) ?? null);
      }, BATCH);
      loaders.set(table, loader);
    }
    return loader as DataLoader<string, TableRows[T] | null>;
  };
}

/**
 * Rows of a table by id (`byId`), and all of them (`all`, read at most once per request; both
 * read raw by the store, a third cheaper than Prisma). Once
 * `all` is asked for, loads by id wait for it rather than read on their own: the overview reads
 * every organization, and the facets asking for some of them later in the request read nothing,
 * whichever of the two statements answers first (rows put into the loader after the whole read
 * answered came too late when a facet's load was sent first: one statement more, on PostgreSQL now
 * and then).
 */
function tableRows<T extends 'Organization' | 'Topic'>(store: GraphStore, table: T) {
  const all = once(() => store.allRows(table));
  const byId = rowsById((ids) => (all.asked() ? all() : store.rowsById(table, ids)));
  return { byId, all };
}

/** What a person's articles cover, and how many of them cover each: a model or an organization by id. */
export type Covered = Readonly<{ id: number; articles: number }>;

/** Per person, the models and the organizations its articles cover, most covered first (ties by id). */
function coveredByPeople(prisma: PrismaClient) {
  return new DataLoader<number, { models: Covered[]; organizations: Covered[] }>(async (personIds) => {
    const rows = await prisma.articleAuthor.findMany({
      where: { personId: { in: [...personIds] } },
      select: {
        personId: true,
        article: {
          select: { models: { select: { modelId: true } }, organizations: { select: { organizationId: true } } },
        },
      },
    });
    const counts = new Map<number, { models: Map<number, number>; organizations: Map<number, number> }>();
    const add = (map: Map<number, number>, id: number) => map.set(id, (map.get(id) ?? 0) + 1);
    for (const row of rows) {
      const person = counts.get(row.personId) ?? { models: new Map(), organizations: new Map() };
      for (const edge of row.article.models) add(person.models, edge.modelId);
      for (const edge of row.article.organizations) add(person.organizations, edge.organizationId);
      counts.set(row.personId, person);
    }
    const ranked = (map: Map<number, number> | undefined) =>
      [...(map ?? new Map<number, number>())]
        .map(([id, articles]) => ({ id, articles }))
        .sort((a, b) => b.articles - a.articles || a.id - b.id);
    return personIds.map((personId) => ({
      models: ranked(counts.get(personId)?.models),
      organizations: ranked(counts.get(personId)?.organizations),
    }));
  }, BATCH);
}

/** The join tables a connection's `totalCount` counts rows of, with the column naming the parent. */
export type RelationCount = {
  table:
    | 'articleModel'
    | 'articleOrganization'
    | 'articleTopic'
    | 'articleAuthor'
    | 'modelDeveloper'
    | 'modelTopic'
    | 'modelHardware'
    | 'modelDataset';
  key: 'articleId' | 'modelId' | 'organizationId' | 'topicId' | 'personId' | 'hardwareId' | 'datasetId';
  /** The connection's filter on the join rows. */
  where: object;
  /**
   * The one language or site of the article `where` asks for, when it asks for nothing else: an
   * organization's, model's or topic's rows with it are counted by the database.
   */
  column?: ArticleColumnValue;
  parentId: number;
};

/** A filter as a key: its bigints (parameter counts) as text, which JSON cannot hold. */
const filterKey = (where: object) =>
  JSON.stringify(where, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value));

/**
 * The join tables whose rows per parent the database keeps (`GraphStore.coverageCounts`), by
 * `table:key`: an article list's `totalCount` without a filter reads them.
 */
const KEPT_COUNTS: Partial<Record<`${RelationCount['table']}:${RelationCount['key']}`, CoverageFacet>> = {
  'articleModel:modelId': 'model',
  'articleOrganization:organizationId': 'organization',
  'articleTopic:topicId': 'topic',
  'articleAuthor:personId': 'author',
};

/** No condition on the join rows: none at all, or on the article alone (which every row has). */
const UNCONDITIONED = new Set(['{}', '{"article":{}}']);

/**
 * Join rows per parent: one `groupBy` per table and filter for the parents of a page, using the
 * index on the parent's column, where Prisma's `_count` would aggregate the whole table. Without
 * a filter, an article list's count is the one the database keeps (one lookup per parent; counted,
 * a model covered by 220,000 articles took about 20 ms at a million articles); so is it with a
 * filter of one language or site alone (`column`; counted, Meta's English articles took 71 ms).
 */
function relationCounts(prisma: PrismaClient, store: GraphStore) {
  const shape = (count: RelationCount) => filterKey([count.table, count.key, count.where]);
  return new DataLoader<RelationCount, number, string>(
    async (counts) => {
      const groups = groupedBy(counts, shape);
      const found = new Map<string, number>();
      await Promise.all(
        [...groups].map(async ([group, members]) => {
          const { table, key, where } = members[0] as RelationCount;
          const kept = KEPT_COUNTS[`${table}:${key}`];
          if (kept && UNCONDITIONED.has(filterKey(where))) {
            const counts = await store.coverageCounts(
              kept,
              members.map((member) => member.parentId),
            );
            for (const [parentId, rows] of counts) found.set(`${group}:${parentId}`, rows);
            return;
          }
          const { column } = members[0] as RelationCount;
          if (column && kept && kept !== 'author') {
            const counts = await store.coverageValueCounts(
              kept,
              column,
              members.map((member) => member.parentId),
            );
            for (const [parentId, rows] of counts) found.set(`${group}:${parentId}`, rows);
            return;
          }
          const delegate = prisma[table] as unknown as {
            groupBy(args: object): Promise<(Record<string, unknown> & { _count: { _all: number } })[]>;
          };
          const rows = await delegate.groupBy({
            by: [key],
            where: { AND: [{ [key]: { in: [...new Set(members.map((member) => member.parentId))] } }, where] },
            _count: { _all: true },
          });
          for (const row of rows) found.set(`${group}:${row[key]}`, row._count._all);
        }),
      );
      return counts.map((count) => found.get(`${shape(count)}:${count.parentId}`) ?? 0);
    },
    { ...BATCH, cacheKeyFn: (count) => `${shape(count)}:${count.parentId}` },
  );
}

/**
 * The first rows of a parent's coverage: `take` rows of `table` in article id order, or in the
 * articles' `order` (from its start, or from `start`).
 */
export type CoveragePage = {
  table: CoverageTable;
  parentId: number;
  take: number;
  order?: IndexedArticleOrder;
  /**
   * With `order`: the rows after an article in it, or before it or the end (a page after or before
   * a cursor, or the last); without: `backward` alone, the last rows by article id.
   */
  start?: ArticlePageStart;
  /** Only the articles of one language or site (in either order). */
  where?: ArticleColumnValue;
};

/**
 * The first coverage rows of each parent of a page, shaped as Prisma's join rows (the parent's
 * column, the edge's fields, the `article`): a limited index range per parent
 * (`GraphStore.firstCoverageRows`), or the parent's first in an order of the articles
 * (`GraphStore.orderedCoverageRows`), then their articles by id (`GraphStore.rowsById`, raw).
 * Prisma's nested `take` reads every row of every parent and keeps the first in memory: 13,000
 * rows for OpenAI's 20 models at a million articles, for 100 shown; sorted by date, a model
 * covered by 220,000 articles took 160 ms for its newest ten.
 */
function coveragePages(store: GraphStore) {
  const startOf = ({ cursor, backward }: ArticlePageStart = {}) =>
    `${backward ? ':before' : ''}${cursor ? `:${cursor.id}:${cursor.value instanceof Date ? cursor.value.toISOString() : cursor.value}` : ''}`;
  const shapeOf = (page: CoveragePage) =>
    `${page.table}:${page.take}:${page.order ? `${page.order.field}:${page.order.direction}` : 'id'}${startOf(page.start)}${page.where ? `:${page.where.column}=${page.where.value}` : ''}`;
  const keyOf = (page: CoveragePage) => `${shapeOf(page)}:${page.parentId}`;
  return new DataLoader<CoveragePage, Record<string, unknown>[], string>(
    async (pages) => {
      const found = new Map<string, CoverageRow[]>();
      for (const members of groupedBy(pages, shapeOf).values()) {
        const { table, take, order, start, where } = members[0] as CoveragePage;
        const parentIds = [...new Set(members.map((page) => page.parentId))];
        const rows = order
          ? await store.orderedCoverageRows(table, parentIds, take, order, start, where)
          : await store.firstCoverageRows(table, parentIds, take, where, start?.backward === true);
        for (const parentRows of groupedBy(rows, (row) => String(row.parentId)).values())
          found.set(
            keyOf({ table, take, order, start, where, parentId: (parentRows[0] as CoverageRow).parentId }),
            parentRows,
          );
      }
      const ids = [...new Set([...found.values()].flat().map((row) => row.articleId))];
      const articles = new Map(
        (ids.length > 0 ? await store.rowsById('Article', ids) : []).map((article) => [article.id, article]),
      );
      return pages.map((page) =>
        (found.get(keyOf(page)) ?? []).map((row) => ({
          articleId: row.articleId,
          [COVERAGE_TABLES[page.table]]: row.parentId,
          relevance: row.relevance,
          confidence: row.confidence,
          basis: row.basis,
          article: articles.get(row.articleId),
        })),
      );
    },
    { ...BATCH, cacheKeyFn: keyOf },
  );
}

/** A read made at most once per request, by whichever field asks first (`asked`: whether one has). */
function once<T>(read: () => Promise<T>): (() => Promise<T>) & { asked(): boolean } {
  let promise: Promise<T> | undefined;
  const get = () => {
    promise ??= read();
    return promise;
  };
  return Object.assign(get, { asked: () => promise !== undefined });
}

/** The loaders of one request: Prisma's queries on `prisma`, raw statements on `store`. */
export function createLoaders(prisma: PrismaClient, store: GraphStore, joined: object = {}) {
  return {
    /** Rows read with Pothos' plan of what the operation asks of them (see planned-rows.ts). */
    plannedRows: plannedRowLoaders(prisma, joined),
    /** The counts kept per country (the overview's countries, the count of one country's models). */
    countryCounts: once(() => store.countryCounts()),
    /** The kept counts of facets of every article: the facets a request asks for, one statement. */
    articleFacets: new DataLoader<ArticleFacet, { value: string; count: number }[]>(async (facets) => {
      const found = await store.articleFacets(facets);
      return facets.map((facet) => found.get(facet) ?? []);
    }),
    /** The kept counts of facets of one country's models: one statement per country a request asks about. */
    countryModelFacets: new DataLoader<
      { country: string; facet: CountryModelFacet },
      { value: string; count: number }[],
      string
    >(
      async (keys) => {
        const byCountry = groupedBy(keys, (key) => key.country);
        const found = new Map<string, Map<CountryModelFacet, { value: string; count: number }[]>>();
        await Promise.all(
          [...byCountry].map(async ([country, asked]) =>
            found.set(
              country,
              await store.countryModelFacets(
                country,
                asked.map((key) => key.facet),
              ),
            ),
          ),
        );
        return keys.map((key) => found.get(key.country)?.get(key.facet) ?? []);
      },
      { cacheKeyFn: (key) => JSON.stringify([key.country, key.facet]) },
    ),
    /** The lineage edges a walk from a model needs (see {@link lineageGraphs}). */
    lineageGraphs: lineageGraphs(store),
    /** A connection's `totalCount`: join rows per parent (see {@link relationCounts}). */
    relationCounts: relationCounts(prisma, store),
    /** The first articles covering each parent of a page (see {@link coveragePages}). */
    coveragePages: coveragePages(store),
    /** Organizations by id, and all of them (the overview): see {@link tableRows}. */
    organizationRows: tableRows(store, 'Organization'),
    /** Topics by id, and all of them (the overview). */
    topicRows: tableRows(store, 'Topic'),
    /** Ids of the models whose sources disagree, per property ('*' for any); see model.ts. */
    disagreeingModels: new DataLoader<string, { id: number; slug: string }[]>((properties) =>
      Promise.all(properties.map((property) => findDisagreeingModels(store, property))),
    ),
    /** Rows by slug, per table: the root lookups `model(slug:)`, `organization(slug:)`, `topic(slug:)` (see lookup.ts). */
    slugRows: slugRows(store),
    /** Articles by id: the articles `node(id:)` and `nodes(ids:)` name. */
    articleRows: rowsById((ids) => store.rowsById('Article', ids)),
    /** Models by id: the models lineage steps, paths and overviews name. */
    modelRows: rowsById((ids) => store.rowsById('Model', ids)),
    /** Per person, the models and the organizations (directly) the articles they wrote cover. */
    personCoverage: coveredByPeople(prisma),
    /** People by folded name (`Person.nameKey`): a person's namesakes. */
    peopleNamed: new DataLoader<string, Awaited<ReturnType<PrismaClient['person']['findMany']>>>(async (keys) => {
      const rows = await prisma.person.findMany({
        where: { nameKey: { in: [...keys] } },
        orderBy: { slug: 'asc' },
      });
      return keys.map((key) => rows.filter((row) => row.nameKey === key));
    }, BATCH),
    /** Models by id: the two ends of lineage edges (apart from {@link modelRows}: see LineageEdge). */
    edgeModels: rowsById((ids) => store.rowsById('Model', ids)),
    /** Sources by id: the sources lineage edges cite. */
    sourceRows: rowsById((ids) => store.rowsById('Source', ids)),
    /** Lineage edges by id. */
    lineageEdges: rowsById((ids) => store.rowsById('ModelLineage', ids)),
    /**
     * The edges of `lineagePath`'s chain, apart from {@link lineageEdges}: shared, the chain's edges
     * and the edges `lineage` hits ask for were read in one statement or two, depending on which
     * walk PostgreSQL answered first (ChatGPTLineage's pinned count failed about one run in ten).
     */
    pathEdges: rowsById((ids) => store.rowsById('ModelLineage', ids)),
    /** The models of `lineagePath`'s chain, apart from {@link modelRows} for the same reason. */
    pathModels: rowsById((ids) => store.rowsById('Model', ids)),
    /** Distinct organizations an article covers directly or through the models it covers. */
    organizationsTouched: new DataLoader<number, { organizationId: number; direct: boolean; viaModelIds: number[] }[]>(
      async (articleIds) => {
        const ids = [...articleIds];
        const [direct, viaModels] = await Promise.all([
          prisma.articleOrganization.findMany({
            where: { articleId: { in: ids } },
            select: { articleId: true, organizationId: true },
          }),
          prisma.articleModel.findMany({
            where: { articleId: { in: ids } },
            select: {
              articleId: true,
              modelId: true,
              model: { select: { developers: { select: { organizationId: true } } } },
            },
          }),
        ]);
        const byArticle = new Map<
          number,
          Map<number, { organizationId: number; direct: boolean; viaModelIds: number[] }>
        >();
        const entry = (articleId: number, organizationId: number) => {
          let map = byArticle.get(articleId);
          if (!map) {
            map = new Map();
            byArticle.set(articleId, map);
          }
          let item = map.get(organizationId);
          if (!item) {
            item = { organizationId, direct: false, viaModelIds: [] };
            map.set(organizationId, item);
          }
          return item;
        };
        for (const row of direct) entry(row.articleId, row.organizationId).direct = true;
        for (const row of viaModels) {
          for (const developer of row.model.developers)
            entry(row.articleId, developer.organizationId).viaModelIds.push(row.modelId);
        }
        return ids.map((id) => [...(byArticle.get(id)?.values() ?? [])]);
      },
      BATCH,
    ),
  };
}
