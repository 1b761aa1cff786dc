import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import type { Context } from '../context.js';
import type { Prisma } from '../db/client.js';
import type {
  ArticleColumnValue,
  ArticleFacet,
  ArticlePageStart,
  CoverageFacet,
  IndexedArticleOrder,
  ModelsOwners,
} from '../db/store.js';
import { byDeclaredOrder, type Relevance as RelevanceValue } from '../domain/enums.js';
import { compareText, normalizeArticleUrl } from '../domain/normalize.js';
import { type BuilderTypes, builder, type NodeRef } from './builder.js';
import { coverageEdgeFields, joinConnection, totalCountField } from './connections.js';
import { ArticleKind, ArticleProperty, ArticleSite, Confidence, Relevance } from './enums.js';
import { badInput } from './errors.js';
import {
  connectionArgs,
  FacetCount,
  OrganizationCount,
  sortedFacetCounts,
  TopicCount,
  toYearCounts,
  withOrganizations,
  withTopics,
  YearCount,
} from './facets.js';
import {
  ArticleFilter,
  type ArticleFilterShape,
  type ArticleListArgs,
  ArticleOrder,
  articleOrderBy,
  articleWhere,
  beyondCursorIn,
  indexedArticleOrder,
  oneCondition,
  organizationWhere,
  type PlannedPage,
  throughArticles,
} from './filters.js';
import { Model } from './model.js';
import { Organization } from './organization.js';
import { PersonCount } from './person.js';
import { presentById, rowsAsAsked } from './planned-rows.js';
import { DEFAULT_PAGE_SIZE } from './plugins/argument-checks.js';
import { attributionsField } from './source.js';

type ModelRow = Prisma.ModelGetPayload<object>;
type OrganizationRow = Prisma.OrganizationGetPayload<object>;

const byRelevance = byDeclaredOrder('Relevance');

/**
 * The articles of `ids` (in no particular order), with what Pothos planned of them (`selection`):
 * read raw in Prisma's shape when the plan asks for nothing beyond the row (`GraphStore.rowsById`,
 * a third cheaper than Prisma's `findMany`), by Prisma with the plan otherwise.
 */
async function articlesById(
  context: Context,
  selection: object,
  ids: number[],
): Promise<Prisma.ArticleGetPayload<object>[]> {
  if (Object.keys(selection).length === 0) return context.store.rowsById('Article', ids);
  return context.prisma.article.findMany({ ...selection, where: { id: { in: ids } } });
}

const articleModels = prismaConnectionHelpers(builder, 'ArticleModel', {
  cursor: 'articleId_modelId',
  select: (nodeSelection) => ({
    relevance: true,
    confidence: true,
    basis: true,
    model: nodeSelection({ select: { id: true } }),
  }),
  resolveNode: (coverage) => coverage.model,
});

/** An organization an article touches, directly or through the models it covers. */
const TouchedOrganization = builder
  .objectRef<{ organization: OrganizationRow; direct: boolean; viaModelIds: number[] }>('TouchedOrganization')
  .implement({
    description:
      'An organization an article touches: covered directly, or developer of a model the article covers, or both.',
    fields: (t) => ({
      organization: t.field({
        type: Organization,
        description: 'The organization.',
        resolve: (item) => item.organization,
      }),
      direct: t.exposeBoolean('direct', { description: 'True when the article covers the organization itself.' }),
      viaModels: t.field({
        type: [Model],
        description:
          'The models covered by the article that the organization developed (empty when only covered directly), by slug.',
        // Batched across every article and organization of the request by the model loader.
        resolve: async (item, _args, context) => {
          const models = await context.loaders.modelRows.loadMany(item.viaModelIds);
          return models
            .filter((model): model is ModelRow => model !== null && !(model instanceof Error))
            .sort((a, b) => compareText(a.slug, b.slug));
        },
      }),
    }),
  });

export const Article: NodeRef<'Article'> = builder.prismaNode('Article', {
  id: { field: 'id' },
  // `node(id:)` answers null for an id that names no row, instead of failing.
  nullable: true,
  description: 'A web article, Q&A answer, paper or course about the landscape.',
  fields: (t) => ({
    url: t.exposeString('url', {
      description: "Normalized URL (https, no tracking parameters): the article's identity.",
    }),
    title: t.exposeString('title', { description: 'Title as published.' }),
    language: t.exposeString('language', { description: 'BCP 47 language tag (e.g. `zh-Hans`, `zh-Hant`, `en`).' }),
    site: t.expose('site', { type: ArticleSite, description: 'Site it was published on.' }),
    kind: t.expose('kind', { type: ArticleKind, description: 'Form of the article.' }),
    summary: t.exposeString('summary', { nullable: true, description: 'A short summary of what it covers.' }),
    excerpt: t.exposeString('excerpt', {
      nullable: true,
      description: 'Text quoted with the link in the source that listed it.',
    }),
    publishedAt: t.expose('publishedAt', {
      type: 'Date',
      nullable: true,
      description: 'Publication date, where known.',
    }),
    source: t.relation('source', {
      nullable: true,
      description: "Where the article was found (e.g. the user's note).",
    }),
    citations: t.exposeInt('citations', {
      nullable: true,
      description:
        'How many times it was cited: the latest count among its `claims` (the latest day wins; on one day, the largest count). Null when no source counted.',
    }),
    citationsAsOf: t.expose('citationsAsOf', {
      type: 'Date',
      nullable: true,
      description: 'The day `citations` was counted.',
    }),
    claims: t.relation('claims', {
      description: 'Dated values of the article according to its sources (citation counts), newest first.',
      query: { orderBy: [{ asOf: 'desc' }, { id: 'asc' }] },
    }),
    models: t.connection(
      {
        type: Model,
        description: 'Models the article covers, with how central each is.',
        args: {
          relevance: t.arg({ type: Relevance, required: false, description: 'Only models covered this centrally.' }),
        },
        // Main subjects first. Sorted in SQL to page with cursors: Relevance is declared in its
        // text order (MAIN, MENTION), so SQLite's text order and an enum's declared order agree;
        // test/domain.test.ts keeps it so.
        ...joinConnection({
          relation: 'models',
          count: { table: 'articleModel', key: 'articleId' },
          helpers: articleModels,
          where: (args: { relevance?: RelevanceValue | null }) => (args.relevance ? { relevance: args.relevance } : {}),
          orderBy: () => [{ relevance: 'asc' }, { model: { slug: 'asc' } }],
        }),
      },
      {
        name: 'ArticleModelsConnection',
        description: 'Models covered by an article.',
        fields: (connection) => ({
          totalCount: totalCountField(connection, 'models'),
        }),
      },
      {
        name: 'ArticleModelsEdge',
        description: 'A model covered by an article.',
        fields: (edge) => ({
          ...coverageEdgeFields(edge, 'How central the model is to the article.'),
        }),
      },
    ),
    organizations: t.field({
      type: [OrganizationCoverage],
      description: 'Organizations the article covers directly, main subjects first.',
      select: (_args, _context, nestedSelection) => ({
        organizations: nestedSelection({ orderBy: { organization: { slug: 'asc' } } }),
      }),
      resolve: (article) => [...article.organizations].sort((a, b) => byRelevance(a.relevance, b.relevance)),
    }),
    topics: t.field({
      type: [TopicCoverage],
      description: 'Topics the article covers, main subjects first.',
      select: (_args, _context, nestedSelection) => ({
        topics: nestedSelection({ orderBy: { topic: { slug: 'asc' } } }),
      }),
      resolve: (article) => [...article.topics].sort((a, b) => byRelevance(a.relevance, b.relevance)),
    }),
    organizationsTouched: t.field({
      type: [TouchedOrganization],
      description:
        'Every organization the article touches: those it covers directly and the developers of the models it covers, each once, by slug.',
      resolve: async (article, _args, context, info) => {
        const [touched, organizations] = await Promise.all([
          context.loaders.organizationsTouched.load(article.id),
          rowsAsAsked(context, info, 'organization', ['organization']),
        ]);
        // By slug (the organizations, read as the operation asks for them, are their field's
        // too): an order of public keys.
        const rows = presentById(await organizations.loadMany(touched.map((item) => item.organizationId)));
        return touched
          .flatMap((item) => {
            const organization = rows.get(item.organizationId);
            return organization ? [{ ...item, organization }] : [];
          })
          .sort((a, b) => compareText(a.organization.slug, b.organization.slug));
      },
    }),
  }),
});

builder.prismaObject('ArticleClaim', {
  description:
    'A dated value of an article according to a source: how many times it was cited, as the source counted on a day. Older counts stay, each true of its day.',
  fields: (t) => ({
    property: t.expose('property', { type: ArticleProperty, description: 'The property claimed.' }),
    value: t.exposeString('value', { description: 'The value: a whole number for CITATIONS.' }),
    asOf: t.expose('asOf', { type: 'Date', description: 'The day the source counted it.' }),
    source: t.relation('source', { description: 'Who counted it.' }),
    locator: t.exposeString('locator', {
      nullable: true,
      description: "Where in the source (the URL of the dataset's row).",
    }),
  }),
});

const OrganizationCoverage = builder.prismaObject('ArticleOrganization', {
  name: 'OrganizationCoverage',
  description: 'An organization covered by an article, with how central it is.',
  fields: (t) => ({
    organization: t.relation('organization', { description: 'The organization.' }),
    relevance: t.expose('relevance', { type: Relevance, description: 'How central it is to the article.' }),
    confidence: t.expose('confidence', {
      type: Confidence,
      description: 'How sure the coverage is (UNKNOWN when not stated).',
    }),
    basis: t.exposeString('basis', {
      nullable: true,
      description:
        'What the coverage was judged from (e.g. `title` when only the title was read); null when not stated.',
    }),
  }),
});

const TopicCoverage = builder.prismaObject('ArticleTopic', {
  name: 'TopicCoverage',
  description: 'A topic covered by an article, with how central it is.',
  fields: (t) => ({
    topic: t.relation('topic', { description: 'The topic.' }),
    relevance: t.expose('relevance', { type: Relevance, description: 'How central it is to the article.' }),
    confidence: t.expose('confidence', {
      type: Confidence,
      description: 'How sure the coverage is (UNKNOWN when not stated).',
    }),
    basis: t.exposeString('basis', {
      nullable: true,
      description:
        'What the coverage was judged from (e.g. `title` when only the title was read); null when not stated.',
    }),
  }),
});

/** The filtered articles a facet counts: their `where`, and whose models they cover when that is all. */
type FacetsOf = { where: Prisma.ArticleWhereInput; owner: () => Promise<ModelsOwners | null> };

/**
 * Articles per value of `facet` (a language tag, a year, an organization's id, ...): for the
 * whole list, the counts the database keeps in step with every write (`GraphStore.articleFacets`),
 * a few rows whatever the number of articles; for a filtered list, `grouped` counts its rows.
 */
async function facetRows(
  context: Context,
  { where, owner }: FacetsOf,
  facet: ArticleFacet,
  grouped: () => Promise<{ value: string | number | Date | null; count: number }[]>,
): Promise<{ value: string; count: number }[]> {
  if (Object.keys(where).length === 0) return context.loaders.articleFacets.load(facet);
  // The articles covering one organization's or one country's models: over the rows kept of its
  // reach (Meta's languages and years at a million articles: 5 s grouped, each article tested).
  const models = await owner();
  if (models) return context.store.articleFacetsOf(models, facet);
  return (await grouped()).flatMap(({ value, count }) =>
    value == null ? [] : [{ value: value instanceof Date ? String(value.getUTCFullYear()) : String(value), count }],
  );
}

/**
 * The kept facet and value a `where` of exactly one language, site or kind equals (its articles
 * are that facet's count), or undefined for any other condition.
 */
function keptColumnCount(where: Prisma.ArticleWhereInput): { facet: ArticleFacet; value: string } | undefined {
  const entries = Object.entries(where);
  if (entries.length !== 1) return undefined;
  const [column, value] = entries[0] as [string, unknown];
  return (column === 'language' || column === 'site' || column === 'kind') && typeof value === 'string'
    ? { facet: column, value }
    : undefined;
}

/**
 * The coverage rows of an article, by relation: their kept facet and the covered side. (A filter
 * by author names people by slug, not by id: it is counted.)
 */
const COVERAGE_RELATIONS: Readonly<Record<string, { facet: CoverageFacet; side: string }>> = {
  models: { facet: 'model', side: 'model' },
  organizations: { facet: 'organization', side: 'organization' },
  topics: { facet: 'topic', side: 'topic' },
};

/**
 * The kept coverage facet and the one id a `where` of exactly one coverage condition names
 * (`{ topics: { some: { topic: { AND: [{ id: { in: [7] } }] } } } }`: a filter by one slug,
 * looked up before the request ran), whose articles are that id's count of join rows (one per
 * article); undefined for anything else (several ids, other conditions on the entity).
 */
function keptCoverageCount(where: Prisma.ArticleWhereInput): { facet: CoverageFacet; id: number } | undefined {
  const entries = Object.entries(oneCondition(where) ?? {});
  if (entries.length !== 1) return undefined;
  const [relation, condition] = entries[0] as [string, unknown];
  const kept = COVERAGE_RELATIONS[relation];
  const some = (condition as { some?: Record<string, unknown> } | undefined)?.some;
  if (!kept || !some || Object.keys(condition as object).length !== 1 || Object.keys(some).length !== 1)
    return undefined;
  const entity = oneCondition(some[kept.side]);
  if (!entity || Object.keys(entity).length !== 1) return undefined;
  const ids = (entity.id as { in?: unknown } | undefined)?.in;
  if (
    !Array.isArray(ids) ||
    ids.length !== 1 ||
    typeof ids[0] !== 'number' ||
    Object.keys(entity.id as object).length !== 1
  )
    return undefined;
  return { facet: kept.facet, id: ids[0] };
}

/** {@link facetRows} of a column of the articles. */
const columnFacet =
  (facet: ArticleFacet & ('language' | 'site' | 'kind'), column: 'language' | 'site' | 'kind') =>
  async (parent: FacetsOf, _args: object, context: Context) =>
    sortedFacetCounts(
      await facetRows(context, parent, facet, async () =>
        (await context.prisma.article.groupBy({ by: [column], where: parent.where, _count: { _all: true } })).map(
          (row) => ({
            value: row[column],
            count: row._count._all,
          }),
        ),
      ),
    );

/** Per-id counts from {@link facetRows}. */
const byId = (rows: { value: string; count: number }[]) =>
  rows.map((row) => ({ id: Number(row.value), count: row.count }));

/** How many organizations `coversModelOf` may name for its count and facets to be read from their kept rows. */
const MAX_KEPT_ORGANIZATIONS = 100;

/**
 * Whose models `articles(filter: { coversModelOf: ... })` asks about when that is the whole
 * filter (no other condition): one country and nothing else, one organization, or a few
 * (at most {@link MAX_KEPT_ORGANIZATIONS}). Its count and facets are then read from what the
 * database keeps of each organization's and country's reach, and for one organization or country
 * in the default order its page too (`GraphStore.articlesCoveringModelsOf`), instead of testing
 * every article. Null otherwise. Asked once per request and list (the page and its count share it).
 */
function coveringModelsOf(
  context: Context,
  args: { filter?: ArticleFilterShape | null },
): Promise<ModelsOwners | null> {
  let found = coveringOwners.get(args);
  if (!found) {
    found = (async () => {
      const conditions = Object.entries(args.filter ?? {}).filter(([, value]) => value != null);
      const [condition] = conditions;
      if (conditions.length !== 1 || condition?.[0] !== 'coversModelOf') return null;
      const where = organizationWhere(args.filter?.coversModelOf);
      // `{ country: "CN" }` alone: the country's kept reach (its organizations may be hundreds).
      const country = oneCondition(where);
      if (country && Object.keys(country).length === 1) {
        const only = country.country as { equals?: unknown; in?: unknown } | undefined;
        if (only && typeof only.equals === 'string' && only.in === undefined) return { country: only.equals };
      }
      const organizations = await context.prisma.organization.findMany({
        where,
        select: { id: true },
        take: MAX_KEPT_ORGANIZATIONS + 1,
      });
      const [organization] = organizations;
      if (organizations.length === 1 && organization) return { organizationId: organization.id };
      return organizations.length > 1 && organizations.length <= MAX_KEPT_ORGANIZATIONS
        ? { organizationIds: organizations.map(({ id }) => id) }
        : null;
    })();
    coveringOwners.set(args, found);
  }
  return found;
}
const coveringOwners = new WeakMap<object, Promise<ModelsOwners | null>>();

/** The facets of a filtered article list. */
const ArticleFacets = builder.objectRef<FacetsOf>('ArticleFacets').implement({
  description: 'Counts of the filtered articles per language, site, kind, year, organization, topic and author.',
  fields: (t) => ({
    languages: t.field({
      type: [FacetCount],
      description: 'Articles per language (the 50 most frequent).',
      resolve: columnFacet('language', 'language'),
    }),
    sites: t.field({
      type: [FacetCount],
      description: 'Articles per site (the 50 most frequent).',
      resolve: columnFacet('site', 'site'),
    }),
    kinds: t.field({
      type: [FacetCount],
      description: 'Articles per kind (the 50 most frequent).',
      resolve: columnFacet('kind', 'kind'),
    }),
    years: t.field({
      type: [YearCount],
      description: 'Articles per publication year, newest first (articles without a date are not counted).',
      resolve: async (parent, _args, context) => {
        const { where } = parent;
        const rows = await facetRows(context, parent, 'year', async () =>
          (await context.prisma.article.groupBy({ by: ['publishedAt'], where, _count: { _all: true } })).map((row) => ({
            value: row.publishedAt,
            count: row._count._all,
          })),
        );
        return toYearCounts(rows.map((row) => ({ year: Number(row.value), count: row.count })));
      },
    }),
    organizations: t.field({
      type: [OrganizationCount],
      description: 'Articles per organization they cover directly: the 50 most covered, most first.',
      resolve: async (parent, _args, context, info) => {
        const { where } = parent;
        const rows = await facetRows(context, parent, 'organization', async () =>
          (
            await context.prisma.articleOrganization.groupBy({
              by: ['organizationId'],
              where: { article: where },
              _count: { _all: true },
            })
          ).map((row) => ({ value: row.organizationId, count: row._count._all })),
        );
        return withOrganizations(context, info, byId(rows));
      },
    }),
    authors: t.field({
      type: [PersonCount],
      description: 'Articles per author: the 50 people who wrote the most of them, most first.',
      resolve: async (parent, _args, context) => {
        const { where } = parent;
        const rows = await facetRows(context, parent, 'author', async () =>
          (
            await context.prisma.articleAuthor.groupBy({
              by: ['personId'],
              where: { article: where },
              _count: { _all: true },
            })
          ).map((row) => ({ value: row.personId, count: row._count._all })),
        );
        const top = byId(rows)
          .sort((a, b) => b.count - a.count || a.id - b.id)
          .slice(0, 50);
        const people = new Map(
          (await context.prisma.person.findMany({ where: { id: { in: top.map((row) => row.id) } } })).map((person) => [
            person.id,
            person,
          ]),
        );
        return top.flatMap((row) => {
          const person = people.get(row.id);
          return person ? [{ person, count: row.count }] : [];
        });
      },
    }),
    topics: t.field({
      type: [TopicCount],
      description: 'Articles per topic: the 50 most covered, most first.',
      resolve: async (parent, _args, context, info) => {
        const { where } = parent;
        const rows = await facetRows(context, parent, 'topic', async () =>
          (
            await context.prisma.articleTopic.groupBy({
              by: ['topicId'],
              where: { article: where },
              _count: { _all: true },
            })
          ).map((row) => ({ value: row.topicId, count: row._count._all })),
        );
        return withTopics(context, info, byId(rows));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  article: t.prismaField({
    type: 'Article',
    nullable: true,
    description:
      'An article by its URL (normalized the same way as stored, so tracking parameters do not matter); null when none has it.',
    args: { url: t.arg.string({ required: true, description: "The article's URL." }) },
    resolve: (query, _root, args, context) => {
      let url: string;
      try {
        url = normalizeArticleUrl(args.url);
      } catch {
        throw badInput('url', `"${args.url}" is not a URL`);
      }
      return context.prisma.article.findUnique({ ...query, where: { url } });
    },
  }),
  articles: t.prismaConnection(
    {
      type: 'Article',
      cursor: 'id',
      description:
        'All articles, filtered and sorted. `filter: { coversModelOf: { slug: "baidu" } }` answers "which articles cover Baidu\'s models?", each article once.',
      args: {
        filter: t.arg({ type: ArticleFilter, required: false, description: 'Only articles matching this.' }),
        orderBy: t.arg({ type: ArticleOrder, required: false, description: 'Sort order (default: import order).' }),
      },
      totalCount: async (_parent, args, context) => {
        const where = articleWhere(args.filter);
        // The whole list: the count the database keeps (the same, without reading every article).
        if (Object.keys(where).length === 0) return (await context.store.tableCounts()).Article;
        // One language, site or kind: the count the database keeps for that value (zh-Hans at a
        // million articles: 26 ms counted, under 1 ms read).
        const kept = keptColumnCount(where);
        if (kept)
          return (
            (await context.loaders.articleFacets.load(kept.facet)).find((row) => row.value === kept.value)?.count ?? 0
          );
        // Covering one model, organization or topic: that one's kept count of coverage rows
        // ("articles about RLHF" at a million articles: 327 ms counted, 2 ms read).
        const covering = keptCoverageCount(where);
        if (covering) return (await context.store.coverageCounts(covering.facet, [covering.id])).get(covering.id) ?? 0;
        const owner = await coveringModelsOf(context, args);
        if (owner) return context.store.countArticlesCoveringModelsOf(owner);
        return context.prisma.article.count({ where });
      },
      resolve: async (query, _parent, args, context) => {
        // Prisma's paging (take, skip, cursor) is read, not sent, where the page's ids come first.
        const { take, skip, cursor, ...selection } = query as typeof query & PlannedPage;
        // A page of one language or site by date or citations, the first or after a cursor:
        // SQLite's planner reads every article of the value and sorts them for Prisma's statement.
        const where = articleWhere(args.filter);
        const column = keptColumnCount(where);
        const order = indexedArticleOrder(args.orderBy);
        // (`kind` has no index of its own: the planner walks the order's index for it already.)
        const indexed = column?.facet === 'language' || column?.facet === 'site' ? column.facet : undefined;
        // Where the page starts: the list's start, its end (`last`), or a cursor, whose value is read.
        const cursorValue = order && cursor !== undefined ? await orderValueOf(context, cursor.id, order) : undefined;
        const backward = take !== undefined && take < 0;
        const start: ArticlePageStart | undefined =
          take === undefined || take === 0
            ? undefined
            : cursor === undefined
              ? skip
                ? undefined
                : { backward }
              : skip === 1 && cursorValue !== undefined
                ? { cursor: { id: cursor.id, value: cursorValue }, backward }
                : undefined;
        // One language or site, read as above, but for the page after a cursor of unknown value:
        // Prisma's keyset page below reads the unknown ones by index (3 ms for zh-Hans at a million
        // articles; the walk took 5). Every article, read backwards (`last`, `before`): Prisma
        // writes that order on SQLite as no index holds it, and sorted every article (`last: 10`
        // by date: 160 ms at a million); and after a cursor of a known value, read from the cursor
        // (Prisma's keyset page read the index from its start: 96 ms half way through).
        const list =
          Object.keys(where).length === 0
            ? undefined
            : column && indexed
              ? { column: indexed, value: column.value }
              : null;
        if (
          order &&
          start &&
          take !== undefined &&
          list !== null &&
          (list ? start.backward || start.cursor?.value !== null : start.backward || start.cursor?.value != null)
        ) {
          const ids = await context.store.orderedArticleIds(list, Math.abs(take), order, start);
          const rows = new Map((await articlesById(context, selection, ids)).map((row) => [row.id, row]));
          return ids.flatMap((id) => rows.get(id) ?? []);
        }
        // A page after or before a cursor by date or citations: the cursor as a condition on the
        // order's values. Prisma's cursor, in an order with the unknown values last, read every
        // article of the list and paged them in memory (10 s for the second page of every article
        // by date at a million).
        if (
          order &&
          cursor !== undefined &&
          skip === 1 &&
          take !== undefined &&
          take !== 0 &&
          cursorValue !== undefined
        )
          return context.prisma.article.findMany({
            ...selection,
            where: {
              AND: [
                where,
                beyondCursorIn<Prisma.ArticleWhereInput>(
                  { ...order, tie: 'id' },
                  { value: cursorValue, tieValue: cursor.id },
                  take > 0,
                ),
              ],
            },
            orderBy: articleOrderBy(args.orderBy),
            take,
          });
        // In another order, or for several organizations, Prisma's statement (an index in the
        // page's order, each article tested) stops as early.
        const owners = args.orderBy == null ? await coveringModelsOf(context, args) : null;
        const owner = owners && !('organizationIds' in owners) ? owners : null;
        if (owner === null)
          return context.prisma.article.findMany({ ...query, where, orderBy: articleOrderBy(args.orderBy) });
        // The page's ids from what the organization or country reaches (an index range), then the rows with
        // what the selection plans.
        const ids = await context.store.articlesCoveringModelsOf(owner, {
          from: cursor?.id,
          inclusive: !skip,
          forward: (take ?? 1) > 0,
          limit: Math.abs(take ?? DEFAULT_PAGE_SIZE + 1),
        });
        return (await articlesById(context, selection, ids)).sort((a, b) => a.id - b.id);
      },
    },
    {
      name: 'ArticleConnection',
      description: 'A page of articles, with counts over the whole filtered list.',
      fields: (connection) => ({
        attributions: attributionsField(connection, 'the articles or their citation counts', (ids) => [
          { articles: { some: { id: { in: ids } } } },
          { articleClaims: { some: { articleId: { in: ids } } } },
        ]),
        facets: connection.field({
          type: ArticleFacets,
          description:
            'Counts of the filtered articles (all pages) per language, site, kind, year, organization and topic.',
          resolve: (result, _args, context) => {
            const args = connectionArgs<{ filter?: ArticleFilterShape | null }>(result);
            // Asked only by a facet that needs it (coveringModelsOf keeps its answer per list).
            return { where: articleWhere(args.filter), owner: () => coveringModelsOf(context, args) };
          },
        }),
      }),
    },
    { name: 'ArticleEdge', description: 'An article in a page.' },
  ),
}));

/**
 * The value of `order`'s field of the article `id` (null: unknown); undefined when no article has
 * that id (Prisma's cursor then answers as it does).
 */
async function orderValueOf(
  context: Context,
  id: number,
  order: IndexedArticleOrder,
): Promise<Date | number | null | undefined> {
  const row = await context.prisma.article.findUnique({
    where: { id },
    select: { publishedAt: true, citations: true },
  });
  return row ? row[order.field] : undefined;
}

/** The one language or site a list's filter asks for, when it asks for nothing else. */
function oneColumnValue(args: ArticleListArgs): ArticleColumnValue | undefined {
  if (args.filter == null) return undefined;
  const kept = keptColumnCount(articleWhere(args.filter));
  return kept && (kept.facet === 'language' || kept.facet === 'site')
    ? { column: kept.facet, value: kept.value }
    : undefined;
}

/** The coverage table of each owner of an `articles` connection, and its column naming the owner. */
const COVERAGE_COUNT = {
  Organization: { table: 'articleOrganization', key: 'organizationId' },
  Model: { table: 'articleModel', key: 'modelId' },
  Topic: { table: 'articleTopic', key: 'topicId' },
} as const;

/**
 * The `articles` connection of an organization, a model or a topic: the articles covering it
 * through its coverage table, filtered and sorted, with the relevance on each edge.
 */
export function coveringArticlesField(
  fieldBuilder: unknown,
  options: { owner: 'Organization' | 'Model' | 'Topic'; helpers: Parameters<typeof joinConnection>[0]['helpers'] },
) {
  // The field builders of the three Prisma types share this API but not one TypeScript type.
  const t = fieldBuilder as PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, object>;
  const owner = options.owner.toLowerCase();
  return t.connection(
    {
      type: Article,
      description: `Articles that cover this ${owner}${options.owner === 'Organization' ? ' directly' : ''}, with how central it is on each edge.`,
      args: {
        filter: t.arg({ type: ArticleFilter, required: false, description: 'Only articles matching this.' }),
        orderBy: t.arg({ type: ArticleOrder, required: false, description: 'Sort order (default: import order).' }),
      },
      ...joinConnection({
        relation: 'articles',
        count: COVERAGE_COUNT[options.owner],
        helpers: options.helpers,
        ...throughArticles,
        // The first page of every article, in the default order (a limited range per parent) or
        // by date or citations (read from the articles' order where the parent covers many), and
        // in those orders of one language or site (Meta's English articles newest first: Prisma's
        // statement read and sorted all of Meta's, 169 ms at a million articles; 30 topics' first
        // English article in the default order: Prisma read all their rows, 3.5-4.3 s).
        firstPages: {
          table: `Article${options.owner}`,
          applies: (args: ArticleListArgs) =>
            (args.orderBy == null || indexedArticleOrder(args.orderBy) !== undefined) &&
            (args.filter == null || oneColumnValue(args) !== undefined),
          order: (args: ArticleListArgs) => indexedArticleOrder(args.orderBy),
          column: oneColumnValue,
        },
      }),
    },
    {
      name: `${options.owner}ArticlesConnection`,
      description: `Articles covering a${options.owner === 'Organization' ? 'n' : ''} ${owner}.`,
      fields: (connection) => ({ totalCount: totalCountField(connection, 'articles') }),
    },
    {
      name: `${options.owner}ArticlesEdge`,
      description: `An article covering a${options.owner === 'Organization' ? 'n' : ''} ${owner}.`,
      fields: (edge) => coverageEdgeFields(edge, `How central the ${owner} is to the article.`),
    },
  );
}
