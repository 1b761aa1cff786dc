/**
 * Typed filter and order inputs shared by the root lists and the relation lists, and their
 * translation to Prisma `where` / `orderBy`. One translation per input, so that a connection's
 * edges, its `totalCount` and its facets are always computed from the same `where`.
 */
import type { Prisma } from '../db/client.js';
import type { IndexedArticleOrder, SlugRow } from '../db/store.js';
import type {
  ArticleKind as ArticleKindValue,
  ArticleSite as ArticleSiteValue,
  Domain as DomainValue,
  OrganizationKind as OrganizationKindValue,
} from '../domain/enums.js';
import { normalizeName } from '../domain/normalize.js';
import { type BuilderTypes, builder } from './builder.js';
import { ArticleKind, ArticleSite, Domain, OrganizationKind, SortDirection } from './enums.js';
import { badInput } from './errors.js';
import { currentLookups, idsForSlugs } from './request-lookups.js';
import { topicIdsWithDescendants } from './topic-tree.js';

export const BigIntRange = builder.inputType('BigIntRange', {
  description: 'A range of exact integers; every bound given must hold.',
  fields: (t) => ({
    gt: t.field({ type: 'BigInt', required: false, description: 'Greater than.' }),
    gte: t.field({ type: 'BigInt', required: false, description: 'Greater than or equal to.' }),
    lt: t.field({ type: 'BigInt', required: false, description: 'Less than.' }),
    lte: t.field({ type: 'BigInt', required: false, description: 'Less than or equal to.' }),
  }),
});

export const IntRange = builder.inputType('IntRange', {
  description: 'A range of whole numbers; every bound given must hold.',
  fields: (t) => ({
    gt: t.int({ required: false, description: 'Greater than.' }),
    gte: t.int({ required: false, description: 'Greater than or equal to.' }),
    lt: t.int({ required: false, description: 'Less than.' }),
    lte: t.int({ required: false, description: 'Less than or equal to.' }),
  }),
});

export const DateRange = builder.inputType('DateRange', {
  description: 'A range of dates, bounds included; either may be left out.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: false, description: 'On or after this date.' }),
    to: t.field({ type: 'Date', required: false, description: 'On or before this date.' }),
  }),
});

type Range<T> = { gt?: T | null; gte?: T | null; lt?: T | null; lte?: T | null };
function range<T>(input: Range<T> | null | undefined) {
  if (!input) return undefined;
  const out: Range<T> = {};
  for (const key of ['gt', 'gte', 'lt', 'lte'] as const) if (input[key] != null) out[key] = input[key];
  return out as { gt?: T; gte?: T; lt?: T; lte?: T };
}
function dateRange(input: { from?: Date | null; to?: Date | null } | null | undefined) {
  if (!input) return undefined;
  return { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) };
}
/** The longest list an `...In` filter takes. */
export const MAX_FILTER_LIST = 400;

/**
 * `slug` and `slugIn` (or `country` and `countryIn`) together: both must hold. Undefined when
 * neither is given. A list longer than {@link MAX_FILTER_LIST} is a user error.
 */
function oneOrMany(name: string, one: string | null | undefined, many: string[] | null | undefined) {
  if (many && many.length > MAX_FILTER_LIST)
    throw badInput(`filter.${name}In`, `at most ${MAX_FILTER_LIST} values (got ${many.length})`);
  if (one == null && many == null) return undefined;
  return { ...(many ? { in: many } : {}), ...(one != null ? { equals: one } : {}) };
}

/**
 * Entities named by a slug condition: by their own slug, or by a slug they had before (renamed,
 * or merged into them), so that a published slug never stops matching.
 */
function bySlug<W>(slug: ReturnType<typeof oneOrMany>, entity: SlugRow['entity']): W | undefined {
  if (!slug) return undefined;
  // Looked up before the request ran (request-lookups.ts): a list of ids, cheap to prepare.
  const ids = idsForSlugs(entity, slugNames(slug));
  if (ids) return { id: { in: ids } } as W;
  return { OR: [{ slug }, { slugRedirects: { some: { fromSlug: slug } } }] } as W;
}

/** The slugs a slug condition accepts: `slugIn`, narrowed to `slug` when both are given. */
function slugNames(slug: NonNullable<ReturnType<typeof oneOrMany>>): string[] {
  const { equals, in: many } = slug as { equals?: string; in?: string[] };
  if (equals == null) return many ?? [];
  return !many || many.includes(equals) ? [equals] : [];
}

/** Keeps only the keys whose value is defined, so that an empty filter means "everything". */
function compact<T extends object>(where: T): T {
  return Object.fromEntries(Object.entries(where).filter(([, value]) => value !== undefined)) as T;
}
/** `and`/`or`/`not` of a filter, with `extra` conditions added to the `AND`. */
function combine<F, W>(
  filter: { and?: F[] | null; or?: F[] | null; not?: F | null },
  map: (f: F) => W,
  extra: W[] = [],
) {
  const and = [...extra, ...(filter.and?.map(map) ?? [])];
  return {
    AND: and.length > 0 ? and : undefined,
    OR: filter.or?.map(map),
    NOT: filter.not ? map(filter.not) : undefined,
  };
}

// --- Organization ----------------------------------------------------------------------------

export type OrganizationFilterShape = {
  slug?: string | null;
  slugIn?: string[] | null;
  kind?: OrganizationKindValue | null;
  country?: string | null;
  countryIn?: string[] | null;
  includeChildren?: boolean | null;
  and?: OrganizationFilterShape[] | null;
  or?: OrganizationFilterShape[] | null;
  not?: OrganizationFilterShape | null;
};

export const OrganizationFilter = builder.inputRef<OrganizationFilterShape>('OrganizationFilter').implement({
  description: 'Conditions on organizations; all given conditions must hold.',
  fields: (t) => ({
    slug: t.string({ required: false, description: 'Exactly this slug.' }),
    slugIn: t.stringList({ required: false, description: 'Any of these slugs (at most 400).' }),
    kind: t.field({ type: OrganizationKind, required: false, description: 'Of this kind.' }),
    country: t.string({
      required: false,
      description: 'Headquartered in this country (ISO 3166-1 alpha-2, e.g. "CN").',
    }),
    countryIn: t.stringList({
      required: false,
      description: 'Headquartered in any of these countries (at most 400).',
    }),
    includeChildren: t.boolean({
      required: false,
      description:
        'With `slug`/`slugIn`: also match the organizations directly under it (Google Research under Google; one level). Default false.',
    }),
    and: t.field({ type: [OrganizationFilter], required: false, description: 'All of these.' }),
    or: t.field({ type: [OrganizationFilter], required: false, description: 'Any of these.' }),
    not: t.field({ type: OrganizationFilter, required: false, description: 'Not this.' }),
  }),
});

export function organizationWhere(filter: OrganizationFilterShape | null | undefined): Prisma.OrganizationWhereInput {
  if (!filter) return {};
  const named = bySlug<Prisma.OrganizationWhereInput>(oneOrMany('slug', filter.slug, filter.slugIn), 'ORGANIZATION');
  const slugWhere: Prisma.OrganizationWhereInput | undefined = named
    ? filter.includeChildren
      ? { OR: [named, { parent: named }] }
      : named
    : undefined;
  return compact({
    kind: filter.kind ?? undefined,
    country: oneOrMany('country', filter.country, filter.countryIn),
    ...combine(filter, organizationWhere, slugWhere ? [slugWhere] : []),
  });
}

/**
 * A `where`, or the one condition of a `{ AND: [condition] }` (at any depth of such wrapping):
 * what the kept counts' shortcuts read to tell a filter of one condition.
 */
export function oneCondition(where: unknown): Record<string, unknown> | undefined {
  if (where === null || typeof where !== 'object') return undefined;
  const record = where as Record<string, unknown>;
  const and = record.AND;
  return Object.keys(record).length === 1 && Array.isArray(and) && and.length === 1 ? oneCondition(and[0]) : record;
}

// --- Topic -----------------------------------------------------------------------------------

export type TopicFilterShape = {
  slug?: string | null;
  slugIn?: string[] | null;
  includeDescendants?: boolean | null;
  and?: TopicFilterShape[] | null;
  or?: TopicFilterShape[] | null;
  not?: TopicFilterShape | null;
};

export const TopicFilter = builder.inputRef<TopicFilterShape>('TopicFilter').implement({
  description: 'Conditions on topics; all given conditions must hold.',
  fields: (t) => ({
    slug: t.string({ required: false, description: 'Exactly this slug.' }),
    slugIn: t.stringList({ required: false, description: 'Any of these slugs (at most 400).' }),
    includeDescendants: t.boolean({
      required: false,
      description: 'With `slug`/`slugIn`: also match sub-topics up to three levels down. Default false.',
    }),
    and: t.field({ type: [TopicFilter], required: false, description: 'All of these.' }),
    or: t.field({ type: [TopicFilter], required: false, description: 'Any of these.' }),
    not: t.field({ type: TopicFilter, required: false, description: 'Not this.' }),
  }),
});

export function topicWhere(filter: TopicFilterShape | null | undefined): Prisma.TopicWhereInput {
  if (!filter) return {};
  const slugs = oneOrMany('slug', filter.slug, filter.slugIn);
  const named = bySlug<Prisma.TopicWhereInput>(slugs, 'TOPIC');
  const tree = currentLookups()?.topicTree;
  let slugWhere: Prisma.TopicWhereInput | undefined;
  if (slugs && filter.includeDescendants && tree) {
    // The request loaded the hierarchy (topic-tree.ts): the topics are a list of ids.
    slugWhere = { id: { in: topicIdsWithDescendants(tree, slugNames(slugs)) } };
  } else if (named) {
    const inSlugs = named;
    slugWhere = filter.includeDescendants
      ? {
          OR: [
            inSlugs,
            { parent: inSlugs },
            { parent: { parent: inSlugs } },
            { parent: { parent: { parent: inSlugs } } },
          ],
        }
      : inSlugs;
  }
  return compact(combine(filter, topicWhere, slugWhere ? [slugWhere] : []));
}

// --- Hardware and datasets -------------------------------------------------------------------

/** Conditions on hardware or datasets (the shape of `HardwareFilter` and `DatasetFilter`). */
export type TrainingResourceFilterShape = {
  slug?: string | null;
  slugIn?: string[] | null;
  name?: string | null;
};

/** The `where` of a hardware or dataset filter. */
export function trainingResourceWhere(filter: TrainingResourceFilterShape | null | undefined) {
  if (!filter) return {};
  const slug = oneOrMany('slug', filter.slug, filter.slugIn);
  return {
    ...(slug ? { slug } : {}),
    ...(filter.name != null ? { nameKey: { contains: normalizeName(filter.name) } } : {}),
  };
}

function filterFields(what: string) {
  return (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
    slug: t.string({ required: false, description: 'Exactly this slug.' }),
    slugIn: t.stringList({ required: false, description: 'Any of these slugs (at most 400).' }),
    name: t.string({
      required: false,
      description: `A ${what} name containing this, ignoring case, spaces and punctuation (${what === 'hardware' ? '"ascend 910" finds Huawei Ascend 910 and 910B' : '"pile" finds The Pile'}).`,
    }),
  });
}

export const HardwareFilter = builder.inputRef<TrainingResourceFilterShape>('HardwareFilter').implement({
  description: 'Conditions on hardware; all given conditions must hold.',
  fields: filterFields('hardware'),
});
export const DatasetFilter = builder.inputRef<TrainingResourceFilterShape>('DatasetFilter').implement({
  description: 'Conditions on datasets; all given conditions must hold.',
  fields: filterFields('dataset'),
});

// --- Model -----------------------------------------------------------------------------------

export type ModelFilterShape = {
  slug?: string | null;
  slugIn?: string[] | null;
  family?: string | null;
  parameters?: Range<bigint> | null;
  releaseDate?: { from?: Date | null; to?: Date | null } | null;
  openWeights?: boolean | null;
  domain?: DomainValue | null;
  task?: string | null;
  developedBy?: OrganizationFilterShape | null;
  topic?: TopicFilterShape | null;
  trainedOn?: TrainingResourceFilterShape | null;
  trainedWith?: TrainingResourceFilterShape | null;
  and?: ModelFilterShape[] | null;
  or?: ModelFilterShape[] | null;
  not?: ModelFilterShape | null;
};

export const ModelFilter = builder.inputRef<ModelFilterShape>('ModelFilter').implement({
  description: 'Conditions on models; all given conditions must hold.',
  fields: (t) => ({
    slug: t.string({ required: false, description: 'Exactly this slug.' }),
    slugIn: t.stringList({ required: false, description: 'Any of these slugs (at most 400).' }),
    family: t.string({ required: false, description: 'Of this family (e.g. "GPT", "ERNIE"), case as stored.' }),
    parameters: t.field({
      type: BigIntRange,
      required: false,
      description: 'Preferred parameter count in this range; models of unknown size never match.',
    }),
    releaseDate: t.field({ type: DateRange, required: false, description: 'Released in this date range.' }),
    openWeights: t.boolean({ required: false, description: 'Whether the weights can be downloaded.' }),
    domain: t.field({
      type: Domain,
      required: false,
      description:
        "Works in this domain (e.g. LANGUAGE: language models; most of Epoch AI's other models are vision, games, biology, ...).",
    }),
    task: t.string({
      required: false,
      description:
        'Does this task, as the sources word it, in any case (e.g. "Code generation", "chat"; `models { facets { tasks } }` lists them).',
    }),
    developedBy: t.field({
      type: OrganizationFilter,
      required: false,
      description: 'Developed by at least one organization matching this.',
    }),
    topic: t.field({ type: TopicFilter, required: false, description: 'Belongs to at least one topic matching this.' }),
    trainedOn: t.field({
      type: HardwareFilter,
      required: false,
      description: 'Trained on hardware matching this ("which models were trained on Ascend 910?").',
    }),
    trainedWith: t.field({ type: DatasetFilter, required: false, description: 'Trained on a dataset matching this.' }),
    and: t.field({ type: [ModelFilter], required: false, description: 'All of these.' }),
    or: t.field({ type: [ModelFilter], required: false, description: 'Any of these.' }),
    not: t.field({ type: ModelFilter, required: false, description: 'Not this.' }),
  }),
});

export function modelWhere(filter: ModelFilterShape | null | undefined): Prisma.ModelWhereInput {
  if (!filter) return {};
  const named = bySlug<Prisma.ModelWhereInput>(oneOrMany('slug', filter.slug, filter.slugIn), 'MODEL');
  return compact({
    family: filter.family ?? undefined,
    parameters: range(filter.parameters),
    releaseDate: dateRange(filter.releaseDate),
    openWeights: filter.openWeights ?? undefined,
    developers: filter.developedBy ? { some: { organization: organizationWhere(filter.developedBy) } } : undefined,
    topics: filter.topic ? { some: { topic: topicWhere(filter.topic) } } : undefined,
    domains: filter.domain ? { some: { domain: filter.domain } } : undefined,
    tasks: filter.task != null ? { some: { key: normalizeName(filter.task) } } : undefined,
    hardware: filter.trainedOn ? { some: { hardware: trainingResourceWhere(filter.trainedOn) } } : undefined,
    datasets: filter.trainedWith ? { some: { dataset: trainingResourceWhere(filter.trainedWith) } } : undefined,
    ...combine(filter, modelWhere, named ? [named] : []),
  });
}

export const ModelOrderField = builder.enumType('ModelOrderField', {
  description: 'What to sort models by.',
  values: {
    NAME: { description: 'English name.' },
    PARAMETERS: { description: 'Preferred parameter count; unknown sizes last.' },
    RELEASE_DATE: { description: 'Release date; unknown dates last.' },
  } as const,
});

export const ModelOrder = builder.inputType('ModelOrder', {
  description: 'How to sort models. Ties are broken by slug, so pages are stable.',
  fields: (t) => ({
    field: t.field({ type: ModelOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: SortDirection,
      required: false,
      defaultValue: 'ASC',
      description: 'Ascending or descending (default ascending).',
    }),
  }),
});

type Direction = 'ASC' | 'DESC';
const sort = (direction: Direction | null | undefined) => (direction === 'DESC' ? 'desc' : 'asc');

/**
 * The paging Pothos plans into a top-level list's Prisma query (`take`, negative for `last`;
 * `skip: 1` and `cursor` after or before a cursor), which resolvers read before choosing how to
 * page.
 */
export type PlannedPage = { take?: number; skip?: number; cursor?: { id: number } };

/**
 * The rows after (`forward`) or before a cursor's row in an order by `field` with the unknown
 * values last, then by the unique `tie` ascending, as a condition on their values: the cursor's
 * `value` of `field` (null: unknown) and its `tieValue`. Prisma cannot write its cursor as a
 * condition for an order with the unknown values last: it reads the whole list (LIMIT -1 on
 * SQLite) and pages it in memory.
 */
export function beyondCursorIn<Where>(
  order: { field: string; direction: 'asc' | 'desc'; tie: string },
  cursor: { value: unknown; tieValue: unknown },
  forward: boolean,
): Where {
  const { field, tie } = order;
  // Later in the order: larger when it runs up, smaller when it runs down; earlier, the reverse.
  const past = forward === (order.direction === 'asc') ? 'gt' : 'lt';
  const nextTie = forward ? { gt: cursor.tieValue } : { lt: cursor.tieValue };
  if (cursor.value === null)
    return (
      forward
        ? { [field]: null, [tie]: nextTie }
        : { OR: [{ [field]: { not: null } }, { [field]: null, [tie]: nextTie }] }
    ) as Where;
  return {
    OR: [
      { [field]: { [past]: cursor.value } },
      { [field]: cursor.value, [tie]: nextTie },
      // The unknown ones come after every known one.
      ...(forward ? [{ [field]: null }] : []),
    ],
  } as Where;
}

export function modelOrderBy(
  order: { field: 'NAME' | 'PARAMETERS' | 'RELEASE_DATE'; direction?: Direction | null } | null | undefined,
): Prisma.ModelOrderByWithRelationInput[] {
  if (!order) return [{ slug: 'asc' }];
  const direction = sort(order.direction);
  const first: Prisma.ModelOrderByWithRelationInput =
    order.field === 'NAME'
      ? { name: direction }
      : order.field === 'PARAMETERS'
        ? { parameters: { sort: direction, nulls: 'last' } }
        : { releaseDate: { sort: direction, nulls: 'last' } };
  return [first, { slug: 'asc' }];
}

// --- Article ---------------------------------------------------------------------------------

export type ArticleFilterShape = {
  language?: string | null;
  site?: ArticleSiteValue | null;
  kind?: ArticleKindValue | null;
  publishedAt?: { from?: Date | null; to?: Date | null } | null;
  citations?: Range<number> | null;
  coversModel?: ModelFilterShape | null;
  coversNoModel?: ModelFilterShape | null;
  coversModelOf?: OrganizationFilterShape | null;
  coversOrganization?: OrganizationFilterShape | null;
  coversTopic?: TopicFilterShape | null;
  writtenBy?: PersonFilterShape | null;
  and?: ArticleFilterShape[] | null;
  or?: ArticleFilterShape[] | null;
  not?: ArticleFilterShape | null;
};

export const ArticleFilter = builder.inputRef<ArticleFilterShape>('ArticleFilter').implement({
  description: 'Conditions on articles; all given conditions must hold.',
  fields: (t) => ({
    language: t.string({ required: false, description: 'In this language (BCP 47, e.g. "zh-Hans").' }),
    site: t.field({ type: ArticleSite, required: false, description: 'Published on this site.' }),
    kind: t.field({ type: ArticleKind, required: false, description: 'Of this form.' }),
    publishedAt: t.field({ type: DateRange, required: false, description: 'Published in this date range.' }),
    citations: t.field({
      type: IntRange,
      required: false,
      description: 'Cited this many times (its latest count); articles no source counted never match.',
    }),
    coversModel: t.field({
      type: ModelFilter,
      required: false,
      description: 'Covers at least one model matching this.',
    }),
    coversNoModel: t.field({ type: ModelFilter, required: false, description: 'Covers no model matching this.' }),
    coversModelOf: t.field({
      type: OrganizationFilter,
      required: false,
      description:
        'Covers at least one model developed by an organization matching this ("articles about Baidu\'s models").',
    }),
    coversOrganization: t.field({
      type: OrganizationFilter,
      required: false,
      description: 'Covers, directly, an organization matching this.',
    }),
    coversTopic: t.field({ type: TopicFilter, required: false, description: 'Covers a topic matching this.' }),
    writtenBy: t.field({
      type: PersonFilter,
      required: false,
      description: 'Written by at least one person matching this (an author of the article).',
    }),
    and: t.field({ type: [ArticleFilter], required: false, description: 'All of these.' }),
    or: t.field({ type: [ArticleFilter], required: false, description: 'Any of these.' }),
    not: t.field({ type: ArticleFilter, required: false, description: 'Not this.' }),
  }),
});

export function articleWhere(filter: ArticleFilterShape | null | undefined): Prisma.ArticleWhereInput {
  if (!filter) return {};
  // Each condition on covered models is its own `some`: "covers ChatGPT and covers a Baidu
  // model" may be met by two different models.
  const coverage: Prisma.ArticleWhereInput[] = [
    ...(filter.coversModel ? [{ models: { some: { model: modelWhere(filter.coversModel) } } }] : []),
    ...(filter.coversModelOf
      ? [
          {
            models: {
              some: { model: { developers: { some: { organization: organizationWhere(filter.coversModelOf) } } } },
            },
          },
        ]
      : []),
  ];
  return compact({
    language: filter.language ?? undefined,
    site: filter.site ?? undefined,
    kind: filter.kind ?? undefined,
    publishedAt: dateRange(filter.publishedAt),
    citations: range(filter.citations),
    models: filter.coversNoModel ? { none: { model: modelWhere(filter.coversNoModel) } } : undefined,
    organizations: filter.coversOrganization
      ? { some: { organization: organizationWhere(filter.coversOrganization) } }
      : undefined,
    topics: filter.coversTopic ? { some: { topic: topicWhere(filter.coversTopic) } } : undefined,
    authors: filter.writtenBy ? { some: { person: personWhere(filter.writtenBy) } } : undefined,
    ...combine(filter, articleWhere, coverage),
  });
}

export const ArticleOrderField = builder.enumType('ArticleOrderField', {
  description: 'What to sort articles by.',
  values: {
    TITLE: { description: 'Title.' },
    PUBLISHED_AT: { description: 'Publication date; unknown dates last.' },
    CITATIONS: { description: 'Citations (the latest count); articles no source counted last.' },
  } as const,
});

export const ArticleOrder = builder.inputType('ArticleOrder', {
  description: 'How to sort articles. Ties are broken by id, so pages are stable.',
  fields: (t) => ({
    field: t.field({ type: ArticleOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: SortDirection,
      required: false,
      defaultValue: 'ASC',
      description: 'Ascending or descending (default ascending).',
    }),
  }),
});

export function articleOrderBy(
  order: { field: 'TITLE' | 'PUBLISHED_AT' | 'CITATIONS'; direction?: Direction | null } | null | undefined,
): Prisma.ArticleOrderByWithRelationInput[] {
  if (!order) return [{ id: 'asc' }];
  const direction = sort(order.direction);
  const first: Prisma.ArticleOrderByWithRelationInput =
    order.field === 'TITLE'
      ? { title: direction }
      : order.field === 'PUBLISHED_AT'
        ? { publishedAt: { sort: direction, nulls: 'last' } }
        : { citations: { sort: direction, nulls: 'last' } };
  return [first, { id: 'asc' }];
}

/**
 * The order of {@link articleOrderBy} when the articles' indexes hold it (dates and citations,
 * the unknown last, then id: the migrations article_order_indexes); undefined for titles and the
 * default order.
 */
export function indexedArticleOrder(
  order: { field: 'TITLE' | 'PUBLISHED_AT' | 'CITATIONS'; direction?: Direction | null } | null | undefined,
): IndexedArticleOrder | undefined {
  if (!order || order.field === 'TITLE') return undefined;
  return { field: order.field === 'PUBLISHED_AT' ? 'publishedAt' : 'citations', direction: sort(order.direction) };
}

// --- Person ----------------------------------------------------------------------------------

export type PersonFilterShape = {
  slug?: string | null;
  slugIn?: string[] | null;
  name?: string | null;
  wrote?: ArticleFilterShape | null;
  affiliatedWith?: OrganizationFilterShape | null;
  and?: PersonFilterShape[] | null;
  or?: PersonFilterShape[] | null;
  not?: PersonFilterShape | null;
};

export const PersonFilter = builder.inputRef<PersonFilterShape>('PersonFilter').implement({
  description:
    'Conditions on people; all given conditions must hold. Each `wrote` is its own article: `and: [{ wrote: { coversModel: { slug: "gpt-3" } } }, { wrote: { coversModel: { slug: "instructgpt" } } }]` finds the authors of papers on both.',
  fields: (t) => ({
    slug: t.string({ required: false, description: 'Exactly this slug.' }),
    slugIn: t.stringList({ required: false, description: 'Any of these slugs (at most 400).' }),
    name: t.string({
      required: false,
      description:
        'This name, ignoring case, spaces and punctuation ("quoc v le" finds "Quoc V. Le"); namesakes told apart are each found.',
    }),
    wrote: t.field({
      type: ArticleFilter,
      required: false,
      description: 'Wrote at least one article matching this.',
    }),
    affiliatedWith: t.field({
      type: OrganizationFilter,
      required: false,
      description:
        'Wrote an article covering, directly, an organization matching this (the organizations behind the models of their papers).',
    }),
    and: t.field({ type: [PersonFilter], required: false, description: 'All of these.' }),
    or: t.field({ type: [PersonFilter], required: false, description: 'Any of these.' }),
    not: t.field({ type: PersonFilter, required: false, description: 'Not this.' }),
  }),
});

export function personWhere(filter: PersonFilterShape | null | undefined): Prisma.PersonWhereInput {
  if (!filter) return {};
  const slug = oneOrMany('slug', filter.slug, filter.slugIn);
  const wrote: Prisma.PersonWhereInput[] = [
    ...(filter.wrote ? [{ authorships: { some: { article: articleWhere(filter.wrote) } } }] : []),
    ...(filter.affiliatedWith
      ? [
          {
            authorships: {
              some: {
                article: { organizations: { some: { organization: organizationWhere(filter.affiliatedWith) } } },
              },
            },
          },
        ]
      : []),
  ];
  return compact({
    slug,
    nameKey: filter.name != null ? normalizeName(filter.name) : undefined,
    ...combine(filter, personWhere, wrote),
  });
}

export const PersonOrderField = builder.enumType('PersonOrderField', {
  description: 'What to sort people by.',
  values: {
    NAME: { description: 'Name as written most often.' },
    ARTICLES: { description: 'How many articles of the graph they wrote.' },
  } as const,
});

export const PersonOrder = builder.inputType('PersonOrder', {
  description: 'How to sort people. Ties are broken by slug, so pages are stable.',
  fields: (t) => ({
    field: t.field({ type: PersonOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: SortDirection,
      required: false,
      defaultValue: 'ASC',
      description: 'Ascending or descending (default ascending).',
    }),
  }),
});

export function personOrderBy(
  order: { field: 'NAME' | 'ARTICLES'; direction?: Direction | null } | null | undefined,
): Prisma.PersonOrderByWithRelationInput[] {
  if (!order) return [{ slug: 'asc' }];
  const direction = sort(order.direction);
  return [order.field === 'NAME' ? { name: direction } : { authorships: { _count: direction } }, { slug: 'asc' }];
}

export const OrganizationOrderField = builder.enumType('OrganizationOrderField', {
  description: 'What to sort organizations by.',
  values: {
    NAME: { description: 'English name.' },
    FOUNDED_YEAR: { description: 'Founding year; unknown years last.' },
  } as const,
});

export const OrganizationOrder = builder.inputType('OrganizationOrder', {
  description: 'How to sort organizations. Ties are broken by slug.',
  fields: (t) => ({
    field: t.field({ type: OrganizationOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({
      type: SortDirection,
      required: false,
      defaultValue: 'ASC',
      description: 'Ascending or descending (default ascending).',
    }),
  }),
});

export function organizationOrderBy(
  order: { field: 'NAME' | 'FOUNDED_YEAR'; direction?: Direction | null } | null | undefined,
): Prisma.OrganizationOrderByWithRelationInput[] {
  if (!order) return [{ slug: 'asc' }];
  const direction = sort(order.direction);
  return [
    order.field === 'NAME' ? { name: direction } : { foundedYear: { sort: direction, nulls: 'last' } },
    { slug: 'asc' },
  ];
}

/** The `filter` and `orderBy` arguments of a list of models. */
export type ModelListArgs = { filter?: ModelFilterShape | null; orderBy?: Parameters<typeof modelOrderBy>[0] };
/** The `filter` and `orderBy` arguments of a list of articles. */
export type ArticleListArgs = { filter?: ArticleFilterShape | null; orderBy?: Parameters<typeof articleOrderBy>[0] };

/** The join-row `where` and `orderBy` of a list of models reached through a join table. */
export const throughModels = {
  where: (args: ModelListArgs) => ({ model: modelWhere(args.filter) }),
  orderBy: (args: ModelListArgs) => modelOrderBy(args.orderBy).map((order) => ({ model: order })),
};

/** The join-row `where` and `orderBy` of a list of articles reached through a join table. */
export const throughArticles = {
  where: (args: ArticleListArgs) => ({ article: articleWhere(args.filter) }),
  // The article's id is the join row's own `articleId`: ordered by it, a parent's rows are a range
  // of the join table's (parent, articleId) index, read in order. Ordered by the joined article's
  // id instead, the database sorted all of them for each page (a model covered by 220,000 articles
  // at a million: 335 ms for its first five).
  orderBy: (args: ArticleListArgs) =>
    articleOrderBy(args.orderBy).map((order) =>
      Object.keys(order).length === 1 && order.id ? { articleId: order.id } : { article: order },
    ),
};
