/**
 * The store boundary: every SQL statement that Prisma's query API cannot express (full-text
 * search, name lookup over names and aliases, aggregate counts) lives behind this interface, one
 * implementation per database (src/db/sqlite/ today). Schema modules and the write layer call
 * these methods and never write SQL themselves, so that PostgreSQL is one more implementation.
 *
 * A store is bound to one executor: the request's Prisma client, or a transaction's client,
 * so that writes and the search index change together or not at all. Stores hold no state of
 * their own: making one is free, and one may serve any number of requests.
 *
 * Orderings that a caller relies on are made of numbers (ids, counts, ranks, CASE positions),
 * never of a database's text or enum collation, which differs between databases and locales.
 */
import type { ClaimProperty, LineageKind } from '../domain/enums.js';
import type { Prisma } from './client.js';
import type { DirectRows } from './sqlite/direct-rows.js';

/** What a store runs its statements on: a Prisma client or a transaction's client. */
export type StoreExecutor = Prisma.TransactionClient;

/** The kinds of entity the search index holds. */
export type SearchEntityType = 'ORGANIZATION' | 'MODEL' | 'ARTICLE' | 'TOPIC' | 'PERSON';

/** Every {@link SearchEntityType}, in the order ties between kinds are broken (as they sort by code unit). */
export const SEARCH_ENTITY_TYPES: readonly SearchEntityType[] = ['ARTICLE', 'MODEL', 'ORGANIZATION', 'PERSON', 'TOPIC'];

/** Which field of an entity matched a search. */
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

/** An entity of the search index. */
export type SearchEntity = Readonly<{ type: SearchEntityType; id: number }>;

/** One searchable text of an entity: a row of `SearchDocument`. */
export type SearchDocument = Readonly<{
  entityType: SearchEntityType;
  entityId: number;
  field: SearchField;
  text: string;
}>;

/** A row of the index that matched a query. */
export type SearchHit = {
  entityType: SearchEntityType;
  entityId: number;
  field: SearchField;
  text: string;
};

/**
 * The search index: one document per searchable field of each organization, model, article and
 * topic (`SearchDocument`), and the database's full-text index over their text.
 */
export interface SearchIndex {
  /**
   * Brings the documents of these entities in step with their tables (names, aliases, titles,
   * descriptions, ...): their documents are replaced, and an entity that no longer exists loses
   * them. The write layer calls it with every entity it touched, in the transaction that touched
   * them. The statements it sends grow with the entities given (a few per `BATCH_SIZE`
   * entities of one kind, src/db/batch.ts), never with the size of the index.
   */
  reindex(entities: readonly SearchEntity[]): Promise<void>;
  /**
   * Brings the whole index in step with the tables: the documents that differ are deleted or
   * inserted, the others left as they are (an unchanged graph writes nothing). For a database
   * whose index is empty or out of step (migrated from before the index, or written around it).
   */
  rebuild(): Promise<void>;
  /** Whether the index holds no document at all. */
  isEmpty(): Promise<boolean>;
  /**
   * Documents containing `query` as a substring, any case, at most `limit`: names before aliases,
   * titles and longer texts, then texts starting with the query, then full-text rank, shorter
   * texts, and kind and id of the entity (so the same data always answers in the same order).
   * Only entities of `types` when given and not empty.
   */
  query(query: string, options: { types?: readonly SearchEntityType[]; limit: number }): Promise<SearchHit[]>;
  /** How many distinct entities (of `types`, when given and not empty) contain `query`, counting at most `max`. */
  count(query: string, options: { types?: readonly SearchEntityType[]; max: number }): Promise<number>;
}

/** A lineage edge as traversal needs it. */
export type LineageEdgeRow = { id: number; childId: number; parentId: number; kind: LineageKind };

/** The part of the lineage graph a walk needs: see {@link GraphStore.lineageReach}. */
export type LineageReach = {
  /** The models the walks start from. */
  startIds: readonly number[];
  /** UP follows edges from child to parent, DOWN from parent to child, EITHER both. */
  direction: 'UP' | 'DOWN' | 'EITHER';
  /** The most steps a walk takes (at least 1). */
  maxDepth: number;
  /** The kinds of edge a walk follows (none: no edge). */
  kinds: readonly LineageKind[];
};

/** A claim of a (model, property) on which the claims hold more than one distinct value. */
export type ClaimValueRow = { modelId: number; slug: string; property: ClaimProperty; value: string };

/** Counts for one country of the `overview`. */
export type CountryCounts = {
  country: string;
  organizationCount: number;
  modelCount: number;
  articleCount: number;
  /** Of `articleCount`, the articles covering a model of one of its organizations. */
  modelArticleCount: number;
};

/** Whose models' covering articles `GraphStore.articlesCoveringModelsOf` reads: one organization's, or one country's. */
export type ModelsOwner = { organizationId: number } | { country: string };

/** The same, or a few organizations' ({@link GraphStore.countArticlesCoveringModelsOf}, `articleFacetsOf`). */
export type ModelsOwners = ModelsOwner | { organizationIds: readonly number[] };

/** The coverage tables (an article covers a model, an organization, a topic) and the column naming the covered. */
export const COVERAGE_TABLES = {
  ArticleModel: 'modelId',
  ArticleOrganization: 'organizationId',
  ArticleTopic: 'topicId',
} as const;
export type CoverageTable = keyof typeof COVERAGE_TABLES;
/** A coverage row, its covered entity as `parentId`. */
export type CoverageRow = {
  parentId: number;
  articleId: number;
  relevance: string;
  confidence: string;
  basis: string | null;
};

/**
 * An order of articles that the migrations article_order_indexes hold: a column, the unknown ones
 * last, then the id (as `articles(orderBy: { field: PUBLISHED_AT | CITATIONS })` sorts them).
 */
export type IndexedArticleOrder = { field: 'publishedAt' | 'citations'; direction: 'asc' | 'desc' };

/** One value of an indexed column of the articles whose per-value counts are kept (`ArticleFacetCount`). */
export type ArticleColumnValue = { column: 'language' | 'site'; value: string };

/**
 * Where a page after a cursor starts in an {@link IndexedArticleOrder}: the cursor's article id
 * and its value of the order's field (null when unknown: those come last, by id).
 */
export type ArticleCursor = { id: number; value: Date | number | null };

/**
 * Where a page of an {@link IndexedArticleOrder} starts: after `cursor` (the order's start when
 * none), or, `backward`, before it (the order's end when none), its rows still given in the order.
 */
export type ArticlePageStart = { cursor?: ArticleCursor; backward?: boolean };

/** The tables whose rows the overview totals ({@link GraphStore.tableCounts}). */
export const COUNTED_TABLES = [
  'Organization',
  'Model',
  'Article',
  'Topic',
  'Person',
  'Source',
  'ArticleAuthor',
  'Hardware',
  'Dataset',
] as const;
export type CountedTable = (typeof COUNTED_TABLES)[number];

/**
 * The facets of the whole article list whose counts the database keeps ({@link GraphStore.articleFacets}).
 * Those of the coverage and author tables are also each parent's rows there ({@link COVERAGE_FACETS}).
 */
export const ARTICLE_FACETS = ['language', 'site', 'kind', 'year', 'organization', 'topic', 'author', 'model'] as const;
export type ArticleFacet = (typeof ARTICLE_FACETS)[number];

/** The facets that count a join table's rows per parent (the article's organizations, topics, authors, models). */
export type CoverageFacet = Extract<ArticleFacet, 'organization' | 'topic' | 'author' | 'model'>;
/** The tables whose rows `GraphStore.rowsById` and `allRows` read raw, and their rows as Prisma answers them. */
export type TableRows = {
  Organization: Prisma.OrganizationGetPayload<object>;
  Topic: Prisma.TopicGetPayload<object>;
  Model: Prisma.ModelGetPayload<object>;
  Article: Prisma.ArticleGetPayload<object>;
  Source: Prisma.SourceGetPayload<object>;
  ModelLineage: Prisma.ModelLineageGetPayload<object>;
};

/** The parents whose coverage is counted per language and site (`GraphStore.coverageValueCounts`). */
export type CoverageValueOwner = Exclude<CoverageFacet, 'author'>;

/**
 * The facets of the models of one country ({@link GraphStore.countryModelFacets}): what each
 * counts, in which table joined to the models the database keeps per country (`CountryModel`);
 * their counts are kept per country (`CountryModelFacetCount`, {@link GraphStore.refreshCountryModelFacets}).
 */
export const COUNTRY_MODEL_FACETS = {
  organization: { table: 'ModelDeveloper', column: 'organizationId' },
  topic: { table: 'ModelTopic', column: 'topicId' },
  domain: { table: 'ModelDomain', column: 'domain' },
  task: { table: 'ModelTask', column: 'task' },
  hardware: { table: 'ModelHardware', column: 'hardwareId' },
  dataset: { table: 'ModelDataset', column: 'datasetId' },
  country: { table: 'CountryModel', column: 'country' },
  family: { table: 'Model', column: 'family' },
  year: { table: 'Model', column: 'releaseDate' },
} as const;
export type CountryModelFacet = keyof typeof COUNTRY_MODEL_FACETS;

/** The tables {@link GraphStore.findIdByName} looks in. */
export type NamedTable = 'Organization' | 'Model' | 'Topic';

/** A table of the schema (every Prisma model is one table of that name). */
export type TableName = Prisma.ModelName;

/** The tables {@link GraphStore.insertRows} appends to: the write layer's, and any when a graph is copied. */
export type InsertTable = TableName;

/** A value {@link GraphStore.updateById} writes. */
export type ColumnValue = string | number | bigint | boolean | Date | null;

/** An entity named by a slug, current or former (see `GraphStore.resolveSlugs`). */
export type SlugRow = { entity: 'ORGANIZATION' | 'MODEL' | 'TOPIC'; slug: string; id: number };

/** Rows of one table to update by id; every row sets the same columns. */
export type RowUpdate = { id: number } & Record<string, ColumnValue>;

/** The tables whose derived columns the write layer updates in bulk. */
export type BulkTable =
  | 'Claim'
  | 'Model'
  | 'OrganizationClaim'
  | 'Organization'
  | 'Source'
  | 'Topic'
  | 'Article'
  | 'Person'
  | 'Hardware'
  | 'Dataset';

/** The raw statements of one database, bound to an executor. */
export interface GraphStore {
  /** The search index, on the same executor. */
  readonly search: SearchIndex;
  /**
   * Starts a write of the graph, first thing in its transaction: one writer at a time, since the
   * write layer reads what it derives from (ranks, preferred values, versions) before it writes.
   * SQLite allows one writer anyway; `lockFirst` takes its lock at once instead of at the first
   * write (a mutation beside other writers). PostgreSQL takes a transaction-scoped advisory lock
   * of the schema every time, so that writers on several connections, or several instances,
   * take turns as they do on SQLite.
   */
  beginWrite(options: { lockFirst: boolean }): Promise<void>;
  /** Whether the database answers a statement that reads it (its migrations table), for `GET /health`. */
  isReachable(): Promise<boolean>;
  /**
   * The graph's version: the id of its latest revision (0 before any). Every write that changes
   * the graph records revisions in its transaction, so two reads of the same version read the
   * same graph (the response cache keys its answers by it). One index lookup.
   */
  graphVersion(): Promise<number>;
  /**
   * The id of the organization, model or topic called `name`: its English name in any case, its
   * Chinese name, its slug, or (organizations and models) an alias folded with `normalizeName`.
   * A name match wins over an alias match; the lowest id breaks ties. Null when none matches.
   * One statement.
   */
  findIdByName(table: NamedTable, name: string): Promise<number | null>;
  /**
   * The organizations, models and topics whose slug, or a slug they had before, is one of
   * `slugs`, in one statement (the list is bound as one JSON parameter, whatever its length).
   */
  resolveSlugs(slugs: readonly string[]): Promise<SlugRow[]>;
  /** Every lineage edge of the graph, in one statement. */
  lineageEdges(): Promise<LineageEdgeRow[]>;
  /**
   * The edges of `kinds` that a walk of at most `maxDepth` steps from any of `startIds` can take,
   * in `direction`: every such edge leaving a model within `maxDepth - 1` steps of a start. One
   * recursive statement whose work grows with the edges near the starts, not with the graph.
   * Walking these edges from a start finds what walking the whole graph finds.
   */
  lineageReach(reach: LineageReach): Promise<LineageEdgeRow[]>;
  /**
   * The claims of every (model, property) whose claims hold more than one distinct value (of
   * `property` only, when given), in one statement. Whether the values really disagree (a
   * rounding, a date's precision) is for `valuesDisagree` to decide.
   */
  claimsWithSeveralValues(property?: ClaimProperty): Promise<ClaimValueRow[]>;
  // The overview's counts, one statement each, read from tables that the database's triggers
  // keep in step with every write (the migration `overview_counts`): their cost grows with the
  // organizations, topics and countries, not with the articles.
  /**
   * Per organization id: the models it developed, and the articles covering it directly or
   * through one of them, each article once.
   */
  organizationCounts(): Promise<Map<number, { models: number; articles: number; modelArticles: number }>>;
  /**
   * A page of the ids of the articles that cover a model of an organization, or of one of a
   * country's organizations, in id order (the rows the triggers keep of what each organization
   * and country reaches: an index range, whatever the number of articles). `from` starts the page
   * at an id (`inclusive` or not), going `forward` (up) or back (down, the page still answered in
   * id order); at most `limit` ids.
   */
  articlesCoveringModelsOf(
    owner: ModelsOwner,
    page: { from?: number; inclusive: boolean; forward: boolean; limit: number },
  ): Promise<number[]>;
  /**
   * A facet of the same articles (`articlesCoveringModelsOf`'s, all of them): per value, how many
   * have it (values as text, as {@link GraphStore.articleFacets} gives them; unknown ones absent).
   */
  articleFacetsOf(owner: ModelsOwners, facet: ArticleFacet): Promise<{ value: string; count: number }[]>;
  /**
   * How many articles cover a model of the organization, the country's organizations (their kept
   * counts), or any of a few organizations (their kept rows, each article once).
   */
  countArticlesCoveringModelsOf(owner: ModelsOwners): Promise<number>;
  /**
   * The first `limit` coverage rows of each parent (a model, an organization, a topic) in
   * article id order, each an index range of the table's (parent, articleId) index: what a list
   * of parents' first articles needs, where one statement over all their rows would read every
   * coverage row of a hot model. `where`: only the articles of one language or site, read from
   * whichever is smaller, the parent's rows or the value's articles (a parent with none of them
   * reads nothing). `backward`: the last `limit` rows instead (still in article id order).
   */
  firstCoverageRows(
    table: CoverageTable,
    parentIds: readonly number[],
    limit: number,
    where?: ArticleColumnValue,
    backward?: boolean,
  ): Promise<CoverageRow[]>;
  /**
   * The same in an order of the articles: each parent's first `limit` coverage rows, the rows of
   * each parent together and in that order. A parent that covers a large share of the articles
   * reads the articles' order from its index until it has them (the newest ten of a model covered
   * by a fifth of them are among the newest fifty or so); the others, or one whose articles are
   * not found early in that order, read all their rows and sort them. `start`: the rows after an
   * article in the order, or the last ones before it or before the end (read from the end).
   * `where`: only the articles of one language or site (a parent with none of them reads nothing).
   */
  orderedCoverageRows(
    table: CoverageTable,
    parentIds: readonly number[],
    limit: number,
    order: IndexedArticleOrder,
    start?: ArticlePageStart,
    where?: ArticleColumnValue,
  ): Promise<CoverageRow[]>;
  /**
   * The first `limit` article ids with one language or one site (every article: `where`
   * undefined, read in the order's index), in an order of the articles:
   * where the value is common, read from the order's index until found (zh-Hans's newest ten
   * among the newest few hundred articles), else, or where they were not found early in the
   * order, the value's articles sorted (the rule of {@link GraphStore.orderedCoverageRows}).
   * `start`: the page after an article in the order, or the last `limit` before it or before the
   * end (read from the end, as the index read backwards gives them; in the order all the same).
   */
  orderedArticleIds(
    where: ArticleColumnValue | undefined,
    limit: number,
    order: IndexedArticleOrder,
    start?: ArticlePageStart,
  ): Promise<number[]>;
  /**
   * Each organization's model with the most parameters, as organization id → the model's row
   * (in the shape Prisma answers: the overview hands it on without reading it again); ties go
   * to the smallest slug by code unit. Organizations without a sized model are absent.
   */
  largestModelByOrganization(): Promise<Map<number, Prisma.ModelGetPayload<object>>>;
  /**
   * Every row of a small table (the organizations, the topics: the overview lists them all), in the
   * shape Prisma answers, read with a raw statement (Prisma's `findMany` costs a third more).
   */
  allRows<T extends 'Organization' | 'Topic'>(table: T): Promise<TableRows[T][]>;
  /**
   * The rows of these ids (in no particular order; ids without a row are absent), in the shape
   * Prisma answers, read with a raw statement per {@link BATCH_SIZE} ids: the request's loaders
   * of rows by id (Prisma's `findMany` of the same rows costs a third more).
   */
  rowsById<T extends keyof TableRows>(table: T, ids: readonly number[]): Promise<TableRows[T][]>;
  /** The rows of these slugs (current slugs only: redirects are the caller's), as {@link GraphStore.rowsById}. */
  rowsBySlug<T extends NamedTable>(table: T, slugs: readonly string[]): Promise<TableRows[T][]>;
  /**
   * Per country of the organizations (in no particular order): organizations, distinct models,
   * distinct articles, and of those the articles covering one of its models.
   */
  countryCounts(): Promise<CountryCounts[]>;
  /** Per topic id: the models that belong to it and the articles covering it. */
  topicCounts(): Promise<Map<number, { models: number; articles: number }>>;
  /** How many rows each of {@link COUNTED_TABLES} holds. */
  tableCounts(): Promise<Record<CountedTable, number>>;
  /**
   * Articles per value of each facet asked over every article (values as text: a language tag, a
   * year, an organization's, topic's or person's id), values without articles absent; one
   * statement, each facet asked a key of the answer.
   */
  articleFacets(facets: readonly ArticleFacet[]): Promise<Map<ArticleFacet, { value: string; count: number }[]>>;
  /**
   * Per parent id of `ids`, its rows in the join table `facet` counts (an organization's or a
   * topic's coverage, a person's authorships, a model's coverage), as the database keeps them:
   * one index lookup per parent, whatever its number of rows. Parents without rows are absent.
   */
  coverageCounts(facet: CoverageFacet, ids: readonly number[]): Promise<Map<number, number>>;
  /**
   * Per parent id of `ids` (organizations, models or topics, as `owner` names them), its coverage
   * rows whose article has one language or one site (`where`), as the database keeps them
   * (`CoverageValueCount`): one index lookup per parent. Parents without such rows are absent.
   */
  coverageValueCounts(
    owner: CoverageValueOwner,
    where: ArticleColumnValue,
    ids: readonly number[],
  ): Promise<Map<number, number>>;
  /**
   * The models developed by an organization of `country` (the rows the database keeps of them,
   * `CountryModel`), counted per value of a facet: per developer, topic, domain, task, hardware,
   * dataset or country id or value (a model counts once per its rows there), per family, per
   * release year. Values as text (ids and years in decimal), those without a value absent, in no
   * particular order. It reads the counts kept per country (`CountryModelFacetCount`: a few rows,
   * whatever the country holds); for a country whose models changed since they were counted
   * (see {@link refreshCountryModelFacets}), it counts the country's models. One statement for
   * the facets asked, each a key of the answer.
   */
  countryModelFacets(
    country: string,
    facets: readonly CountryModelFacet[],
  ): Promise<Map<CountryModelFacet, { value: string; count: number }[]>>;
  /**
   * Counts again the facets of the countries whose models changed (the database's triggers mark
   * them: a model joining or leaving a country, a developer, topic, domain, task, hardware or
   * dataset of one of its models, its family or release date) and clears the marks. The write
   * layer calls it before every transaction commits, so that the kept counts change with the
   * write; a write outside it (a copy, a hand-written statement) leaves countries marked, whose
   * facets reads count from the models until the next call. Answers how many countries it counted.
   */
  refreshCountryModelFacets(): Promise<number>;
  /**
   * Sets columns of many rows by id in a few statements (the write layer's derived values: claim
   * ranks, preferred fields), where Prisma would send one statement per row. Every row must set
   * the same columns.
   */
  updateById(table: BulkTable, rows: readonly RowUpdate[]): Promise<void>;
  /**
   * Inserts rows, many per statement (a column a row leaves out is null): the write layer's
   * revisions, people and places in author lists, thousands per import, where Prisma's
   * `createMany` spends seconds building its statements.
   */
  insertRows(table: InsertTable, rows: readonly Record<string, ColumnValue>[]): Promise<void>;
  /**
   * After rows were inserted with their ids (a copied graph), makes the tables give new rows ids
   * after the largest one: PostgreSQL's sequences do not follow inserted ids; SQLite's do.
   */
  restartIdentities(tables: readonly TableName[]): Promise<void>;
  /**
   * Runs `write`, a write of a whole graph in this executor's transaction (a copy), with the
   * triggers that keep the counts (the migration overview_counts) off, then counts them once from
   * the tables. On PostgreSQL a row trigger updating one counter row per row written keeps a
   * version of that row per update until the transaction ends, and each update walks them all: a
   * million articles took statements past the timeout. SQLite updates in place: it runs `write`
   * with its triggers on.
   */
  withoutKeptCounts<T>(write: () => Promise<T>): Promise<T>;
  /**
   * Brings the query planner's statistics up to date after a bulk write (a seed, an import, a
   * copy, a synthetic graph), outside a transaction. Without them SQLite guesses how selective an
   * index is and can pick the wrong one: `models(filter: {developedBy: {country: "CN"}})` read
   * every Chinese organization for every model (7 ms on the stock graph, 0.5 ms with them).
   * SQLite: `PRAGMA optimize=0x10002` (ANALYZE, with SQLite's own bounded sample, of the tables
   * whose size changed much since they were last analyzed; a no-op when none did). PostgreSQL:
   * `VACUUM (ANALYZE)` of the schema's tables (autovacuum does it too, later).
   */
  refreshStatistics(): Promise<void>;
}

/**
 * Makes the store of one database for an executor; chosen once per database, by its provider.
 * `direct`: on SQLite, the reader of whole rows on the connection (the database's own store).
 */
export type StoreFactory = (db: StoreExecutor, direct?: DirectRows) => GraphStore;
