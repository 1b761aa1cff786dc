import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import { type Prisma, relationsJoined } from '../db/client.js';
import type { CountryModelFacet } from '../db/store.js';
import { valuesDisagree } from '../domain/claims.js';
import { byDeclaredOrder } from '../domain/enums.js';
import { followedLineageKinds, LINEAGE_RELATIONS, lineageKindsOf, lineageRelationOf } from '../domain/lineage-kinds.js';
import { compareText } from '../domain/normalize.js';
import { coveringArticlesField } from './article.js';
import { type BuilderTypes, builder, type NodeRef } from './builder.js';
import { ClaimProperty, ClaimRank, DatePrecision, DeveloperRole, Domain, LineageKind } from './enums.js';
import { badInput } from './errors.js';
import {
  connectionArgs,
  FACET_LIMIT,
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
  beyondCursorIn,
  ModelFilter,
  type ModelFilterShape,
  ModelOrder,
  modelOrderBy,
  modelWhere,
  oneCondition,
  type PlannedPage,
} from './filters.js';
import { type LineageHit, MAX_LINEAGE_DEPTH } from './lineage.js';
import { findPlanned } from './lookup.js';
import { ParameterCount } from './parameters.js';
import { presentById, type RowLoader, rowsAsAsked } from './planned-rows.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './plugins/argument-checks.js';
import { attributionsField, Claim, Source } from './source.js';
import { Topic } from './topic.js';

type ModelRow = Prisma.ModelGetPayload<object>;
/** An edge of `lineagePath`'s chain, with its two models (and on PostgreSQL its source). */
type PathEdge = LineageRow & {
  child?: ModelRow | null;
  parent?: ModelRow | null;
  source?: Prisma.SourceGetPayload<object> | null;
};

const byRole = byDeclaredOrder('DeveloperRole');
type LineageRow = Prisma.ModelLineageGetPayload<object>;

export const LineageDirection = builder.enumType('LineageDirection', {
  description: 'Which way to walk the lineage graph.',
  values: {
    UP: { description: 'Towards what a model derives from: its base models, their bases, ...' },
    DOWN: { description: 'Towards what derives from a model: fine-tunes, successors, ...' },
    BOTH: { description: 'Both ways: ancestors and descendants (not siblings or cousins).' },
  } as const,
});

export const LineageRelation = builder.enumType('LineageRelation', {
  description:
    'What a lineage step says about descent (from its `kind`): ancestry, where the child comes from the parent, or an association, where the two only belong together.',
  values: {
    ANCESTRY: { description: LINEAGE_RELATIONS.ANCESTRY },
    ASSOCIATION: { description: LINEAGE_RELATIONS.ASSOCIATION },
  } as const,
});

/** The arguments `lineage` and `lineagePath` share to choose the steps they follow. */
const KINDS_DESCRIPTION =
  'Follow only edges of these kinds, whatever `includeAssociations` says (e.g. `[SIBLING_OF]` walks siblings). Default, or an empty list: every ancestry kind, and the association kinds with `includeAssociations`.';
const INCLUDE_ASSOCIATIONS_DESCRIPTION =
  'Also follow association steps (VARIANT_OF, SIBLING_OF: another size of the same release, a sibling trained alongside), which are not descent; each step taken through one has `relation: ASSOCIATION`. Default false: ancestry only. Ignored when `kinds` is given.';

export const LineageEdge = builder.prismaObject('ModelLineage', {
  name: 'LineageEdge',
  description:
    'A lineage step between two models, stored from child to parent: with an ANCESTRY `relation` the child derives from the parent in the way `kind` says; with an ASSOCIATION one they only belong together (a variant, a sibling).',
  // The models and the source by the request's loaders, not as relations: the edges of a walk or
  // a path come from loaders too, and a relation on a row no query of Pothos' planned was read
  // again by Pothos (the edges, then each relation, in statements of their own); a page of models'
  // edges named their models in a statement per relation. `lineagePath` hands its edges with
  // their models (`PathEdge`). A loader of their own (`edgeModels`), not the walks' (`modelRows`):
  // shared, a walk whose models the edges had loaded went on before the others, and the steps'
  // edges were read in two statements instead of one (PostgreSQL, now and then).
  fields: (t) => ({
    child: t.field({
      type: Model,
      description: 'The derived model (for an association, the variant or the sibling).',
      resolve: async (edge, _args, context) =>
        ((edge as PathEdge).child ?? (await context.loaders.edgeModels.load(edge.childId))) as ModelRow,
    }),
    parent: t.field({
      type: Model,
      description: 'The model it derives from (for an association, the model it is a variant or sibling of).',
      resolve: async (edge, _args, context) =>
        ((edge as PathEdge).parent ?? (await context.loaders.edgeModels.load(edge.parentId))) as ModelRow,
    }),
    kind: t.expose('kind', { type: LineageKind, description: 'What kind of step it is.' }),
    relation: t.field({
      type: LineageRelation,
      description:
        'Whether the step is descent (ANCESTRY) or only kinship (ASSOCIATION: VARIANT_OF, SIBLING_OF), as its `kind` implies.',
      resolve: (edge) => lineageRelationOf(edge.kind),
    }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'What the step added (instruction tuning, RLHF, ...).',
    }),
    source: t.field({
      type: Source,
      nullable: true,
      description: 'Who says so.',
      resolve: (edge, _args, context) => {
        const { source } = edge as PathEdge;
        if (source !== undefined) return source;
        return edge.sourceId == null ? null : context.loaders.sourceRows.load(edge.sourceId);
      },
    }),
  }),
});

/**
 * A step of a walk, with the row of its model and the loader of the models of its path (each
 * read as the operation asks for them: src/schema/planned-rows.ts).
 */
type Step = LineageHit & { model: ModelRow; paths: RowLoader<ModelRow> };

const LineageStep = builder.objectRef<Step>('LineageStep');
LineageStep.implement({
  description:
    'A model reached by walking the lineage graph, by its preferred path: the fewest association steps, then the fewest imprecise (BASED_ON) steps, then the fewest steps, then the oldest edges.',
  fields: (t) => ({
    model: t.field({
      type: Model,
      description: 'The model reached.',
      resolve: (hit) => hit.model,
    }),
    depth: t.exposeInt('depth', {
      description: 'Number of steps of the path from the start model (1 = a direct parent or child).',
    }),
    direction: t.field({
      type: LineageDirection,
      description: 'UP for an ancestor, DOWN for a descendant.',
      resolve: (hit) => hit.direction,
    }),
    kind: t.field({
      type: LineageKind,
      description: 'Kind of the last step, the one that reaches this model.',
      resolve: async (hit, _args, context) =>
        ((await context.loaders.lineageEdges.load(hit.edgeIds.at(-1) as number)) as LineageRow).kind,
    }),
    path: t.field({
      type: [Model],
      description: 'The models along the path, from the start model to this one, both included.',
      resolve: async (hit) => (await hit.paths.loadMany(hit.pathIds)) as ModelRow[],
    }),
    edges: t.field({
      type: [LineageEdge],
      description: 'The lineage edges along the path, in order from the start model.',
      resolve: async (hit, _args, context) =>
        (await context.loaders.lineageEdges.loadMany(hit.edgeIds)) as LineageRow[],
    }),
  }),
});

const ClaimDisagreement = builder
  .objectRef<{
    property: Prisma.ClaimGetPayload<object>['property'];
    values: string[];
    claims: Prisma.ClaimGetPayload<object>[];
  }>('ClaimDisagreement')
  .implement({
    description: 'A property of a model on which its sources give different values. Every claim is kept.',
    fields: (t) => ({
      property: t.field({
        type: ClaimProperty,
        description: 'The property in dispute.',
        resolve: (item) => item.property,
      }),
      values: t.stringList({ description: 'The distinct values claimed.', resolve: (item) => item.values }),
      claims: t.field({
        type: [Claim],
        description: 'All claims of the property, each with its source.',
        resolve: (item) => item.claims,
      }),
    }),
  });

const modelArticles = prismaConnectionHelpers(builder, 'ArticleModel', {
  cursor: 'articleId_modelId',
  select: (nodeSelection) => ({
    relevance: true,
    confidence: true,
    basis: true,
    article: nodeSelection({ select: { id: true } }),
  }),
  resolveNode: (coverage) => coverage.article,
});

/*
 * Every Prisma type of the schema loads its rows whole (no type-level `select`), so a field that
 * reads a column of its own row declares no `select`: plugin-prisma loads the row again for a
 * field that does whenever the parent came from a loader rather than a planned query (the
 * overview's largest models were read twice more, 40 of its 50 ms at a million articles).
 */
export const Model: NodeRef<'Model'> = builder.prismaNode('Model', {
  id: { field: 'id' },
  // `node(id:)` answers null for an id that names no row, instead of failing.
  nullable: true,
  description: 'A language model (or a closely related model) in the graph.',
  fields: (t) => ({
    slug: t.exposeString('slug', {
      description: 'Stable, public identifier (e.g. `gpt-3`, `glm-130b`); never changes once published.',
    }),
    name: t.exposeString('name', { description: 'Usual English name.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Chinese name (e.g. 文心一言 for ERNIE Bot).' }),
    aliases: t.stringList({
      description: 'Other names it is known by.',
      select: { aliases: { select: { alias: true }, orderBy: { alias: 'asc' } } },
      resolve: (model) => model.aliases.map((alias) => alias.alias),
    }),
    family: t.exposeString('family', {
      nullable: true,
      description: 'The family it belongs to (GPT, ERNIE, OPT, GLM, PaLM, ...).',
    }),
    releaseDate: t.expose('releaseDate', {
      type: 'Date',
      nullable: true,
      description:
        'Date of the first public announcement, paper or weights: the preferred RELEASE_DATE claim (its first day when only the month or year is known: see `releaseDatePrecision`).',
    }),
    releaseDatePrecision: t.expose('releaseDatePrecision', {
      type: DatePrecision,
      nullable: true,
      description:
        'How much of `releaseDate` is known: YEAR, MONTH or DAY (a claim of "2018-06" gives June 1st, to the month).',
    }),
    parameters: t.expose('parameters', {
      type: 'BigInt',
      nullable: true,
      description:
        'Preferred parameter count, exact: the value of the preferred PARAMETERS claim. Null when undisclosed or when no claim qualifies (rumours never do). Every sourced value is in `claims`.',
    }),
    parameterCount: t.field({
      type: ParameterCount,
      nullable: true,
      description: 'The preferred parameter count with its display forms ("175B", "1750亿").',
      resolve: (model) => model.parameters,
    }),
    architecture: t.exposeString('architecture', { nullable: true, description: 'Architecture in a few words.' }),
    openWeights: t.exposeBoolean('openWeights', {
      nullable: true,
      description: 'Whether the weights can be downloaded; null when not known.',
    }),
    arxivId: t.exposeString('arxivId', { nullable: true, description: 'arXiv identifier of the main paper.' }),
    paperUrl: t.exposeString('paperUrl', { nullable: true, description: 'URL of the main paper or report.' }),
    paperTitle: t.exposeString('paperTitle', { nullable: true, description: 'Title of the main paper.' }),
    wikidataId: t.exposeString('wikidataId', { nullable: true, description: 'Wikidata item id.' }),
    description: t.exposeString('description', { nullable: true, description: 'A short description.' }),
    developers: t.field({
      type: [ModelDeveloper],
      description: 'Organizations that developed the model, main developers first.',
      select: (_args, _context, nestedSelection) => ({
        developers: nestedSelection({ orderBy: { organization: { slug: 'asc' } } }),
      }),
      resolve: (model) => [...model.developers].sort((a, b) => byRole(a.role, b.role)),
    }),
    parents: t.relation('parents', {
      description:
        'Direct ancestry steps to the models this one derives from, oldest first (its variants and siblings are in `associations`).',
      query: { where: { kind: { in: lineageKindsOf('ANCESTRY') } }, orderBy: { id: 'asc' } },
    }),
    children: t.relation('children', {
      description:
        'Direct ancestry steps from the models that derive from this one, oldest first (its variants and siblings are in `associations`).',
      query: { where: { kind: { in: lineageKindsOf('ANCESTRY') } }, orderBy: { id: 'asc' } },
    }),
    associations: t.field({
      type: [LineageEdge],
      description:
        'Association steps of the model either way, oldest first: the releases it is a variant of and its own variants (VARIANT_OF), its siblings (SIBLING_OF). Kinship without descent, so `parents`, `children` and `lineage` leave them out by default.',
      select: (_args, _context, nestedSelection) => ({
        parents: nestedSelection({ where: { kind: { in: lineageKindsOf('ASSOCIATION') } }, orderBy: { id: 'asc' } }),
        children: nestedSelection({ where: { kind: { in: lineageKindsOf('ASSOCIATION') } }, orderBy: { id: 'asc' } }),
      }),
      resolve: (model) => [...model.parents, ...model.children].sort((a, b) => a.id - b.id),
    }),
    lineage: t.field({
      type: [LineageStep],
      description:
        'Every model reachable through lineage edges within `maxDepth` steps, each once with its depth and preferred path (see LineageStep): ancestors (UP), descendants (DOWN) or both. Ancestry steps only unless `includeAssociations` or `kinds` says otherwise. Nearest first, then by slug.',
      args: {
        direction: t.arg({
          type: LineageDirection,
          required: false,
          defaultValue: 'UP',
          description: 'Which way to walk (default UP).',
        }),
        maxDepth: t.arg.int({
          required: false,
          defaultValue: 10,
          description: `How many steps at most (1 to ${MAX_LINEAGE_DEPTH}, default 10).`,
        }),
        kinds: t.arg({ type: [LineageKind], required: false, description: KINDS_DESCRIPTION }),
        includeAssociations: t.arg.boolean({
          required: false,
          defaultValue: false,
          description: `${INCLUDE_ASSOCIATIONS_DESCRIPTION} An association is walked the way it is stored: UP from a variant to its release (\`opt-125m\` to \`opt-175b\`), DOWN from a release to its variants.`,
        }),
      },
      resolve: async (model, args, context, info) => {
        const maxDepth = args.maxDepth ?? 10;
        if (maxDepth < 1 || maxDepth > MAX_LINEAGE_DEPTH)
          throw badInput('maxDepth', `must be between 1 and ${MAX_LINEAGE_DEPTH} (got ${maxDepth})`);
        const directions = args.direction === 'BOTH' ? (['UP', 'DOWN'] as const) : ([args.direction ?? 'UP'] as const);
        const follow = { kinds: args.kinds, includeAssociations: args.includeAssociations };
        const kinds = [...followedLineageKinds(follow)];
        const walks = await Promise.all(
          directions.map(async (direction) => {
            const graph = await context.loaders.lineageGraphs.load({ startId: model.id, direction, maxDepth, kinds });
            return graph.walk(model.id, { direction, maxDepth, ...follow });
          }),
        );
        const hits = walks.flat();
        // Nothing to plan for: the start model alone (most models of a page walked up).
        if (hits.length === 0) return [];
        // The steps' models, read as the operation asks for them (planned-rows.ts), once for both
        // walks. Nearest first, then by their slugs: an order of the graph's public keys, not of
        // database ids (a graph rebuilt from its export answers the same).
        const [models, paths] = await Promise.all([
          rowsAsAsked(context, info, 'model', ['model']),
          rowsAsAsked(context, info, 'model', ['path']),
        ]);
        const rows = presentById(await models.loadMany(hits.map((hit) => hit.modelId)));
        return hits
          .sort(
            (a, b) =>
              a.depth - b.depth || compareText(rows.get(a.modelId)?.slug ?? '', rows.get(b.modelId)?.slug ?? ''),
          )
          .map(
            (hit): Step => ({
              ...hit,
              model: rows.get(hit.modelId) as ModelRow,
              paths,
            }),
          );
      },
    }),
    domains: t.field({
      type: [ModelDomain],
      description:
        'The fields the model works in (language, vision, ...), each with the source or the rule that says so: `models(filter: { domain: LANGUAGE })` keeps language models.',
      select: (_args, _context, nestedSelection) => ({ domains: nestedSelection({ orderBy: { domain: 'asc' } }) }),
      resolve: (model) => model.domains,
    }),
    tasks: t.field({
      type: [ModelTask],
      description:
        'The tasks the model does, in the words of the source that says so (Epoch AI: "Code generation", "Chat", ...): `models(filter: { task: "Chat" })` keeps chat models.',
      select: (_args, _context, nestedSelection) => ({ tasks: nestedSelection({ orderBy: { task: 'asc' } }) }),
      resolve: (model) => model.tasks,
    }),
    topics: t.field({
      type: [Topic],
      description: 'Topics the model belongs to, by slug.',
      select: { topics: { select: { topic: true }, orderBy: { topic: { slug: 'asc' } } } },
      resolve: (model) => model.topics.map((membership) => membership.topic),
    }),
    articles: coveringArticlesField(t, { owner: 'Model', helpers: modelArticles }),
    claims: t.relation('claims', {
      description: 'Every sourced claim about the model, by property then source. Sources may disagree.',
      args: {
        property: t.arg({ type: ClaimProperty, required: false, description: 'Only claims of this property.' }),
        rank: t.arg({
          type: ClaimRank,
          required: false,
          description: 'Only claims of this rank (PREFERRED: the claims the graph takes its values from).',
        }),
      },
      query: (args) => ({
        where: { ...(args.property ? { property: args.property } : {}), ...(args.rank ? { rank: args.rank } : {}) },
        orderBy: [{ property: 'asc' }, { source: { slug: 'asc' } }],
      }),
    }),
    disagreements: t.field({
      type: [ClaimDisagreement],
      description:
        'Properties on which the sources give different values (e.g. ERNIE 3.0: 260B in the note, 10B in its paper). Values that say the same thing agree (src/domain/claims.ts): counts within 5%, dates of different precision or a day apart, the same accessibility category.',
      // The selection `claims` plans without arguments (an empty filter included): asked together,
      // as the explorer's model page does, they share one read of the claims.
      select: { claims: { where: {}, orderBy: [{ property: 'asc' }, { source: { slug: 'asc' } }] } },
      resolve: (model) => {
        const byProperty = new Map<string, typeof model.claims>();
        for (const claim of model.claims)
          byProperty.set(claim.property, [...(byProperty.get(claim.property) ?? []), claim]);
        return [...byProperty.values()].flatMap((claims) => {
          const property = (claims[0] as (typeof claims)[number]).property;
          const values = [...new Set(claims.map((claim) => claim.value))];
          return valuesDisagree(property, values) ? [{ property, values, claims }] : [];
        });
      },
    }),
  }),
});

const ModelDeveloper = builder.prismaObject('ModelDeveloper', {
  name: 'ModelDeveloper',
  description: 'An organization that developed a model, with its role and the source that says so.',
  fields: (t) => ({
    organization: t.relation('organization', { description: 'The organization.' }),
    role: t.expose('role', { type: DeveloperRole, description: 'Its role.' }),
    source: t.relation('source', { nullable: true, description: 'Who says so.' }),
  }),
});

type ModelFacetsInput = { where: Prisma.ModelWhereInput };

/**
 * The country a `where` of exactly one condition, "developed by an organization of this
 * country" (`filter: { developedBy: { country: "CN" } }`: `{ developers: { some: { organization:
 * { country: { equals: "CN" } } } } }`), names; undefined for any other
 * `where`. Its models are the country's rows the database keeps (`CountryModel`).
 */
export function keptCountry(where: Prisma.ModelWhereInput): string | undefined {
  const only = (condition: unknown) => {
    const record = oneCondition(condition);
    return record && Object.keys(record).length === 1 ? record : undefined;
  };
  const developers = only(where)?.developers;
  const country = only(only(only(developers)?.some)?.organization)?.country;
  if (typeof country === 'string') return country;
  const equals = only(country)?.equals;
  return typeof equals === 'string' ? equals : undefined;
}

/**
 * A facet's counts (values as text) over the filtered models: one country's, from the rows the
 * database keeps of that country's models (an index range, not every model: the Chinese models'
 * families at a million articles, 21 ms grouped over every model, 2.4 ms so); any other filter,
 * from `grouped`.
 */
function facetOf(
  { where }: ModelFacetsInput,
  context: Context,
  facet: CountryModelFacet,
  grouped: () => Promise<{ value: string; count: number }[]>,
): Promise<{ value: string; count: number }[]> {
  const country = keptCountry(where);
  return country === undefined ? grouped() : context.loaders.countryModelFacets.load({ country, facet });
}

/** Grouped rows of Prisma as {@link facetOf}'s (ids and values as text, without a value dropped). */
function asFacet<K extends string>(rows: ({ _count: { _all: number } } & Record<K, unknown>)[], key: K) {
  return rows.flatMap((row) => (row[key] == null ? [] : [{ value: String(row[key]), count: row._count._all }]));
}

/** {@link facetOf}'s rows of ids as the `{ id, count }` that facets name by their rows. */
const byId = (rows: { value: string; count: number }[]) =>
  rows.map((row) => ({ id: Number(row.value), count: row.count }));

const ModelFacets = builder.objectRef<ModelFacetsInput>('ModelFacets').implement({
  description:
    'Counts of the filtered models per organization, topic, family, domain, task, hardware, dataset, country and release year.',
  fields: (t) => ({
    organizations: t.field({
      type: [OrganizationCount],
      description: 'Models per developing organization: the 50 with most models, most first.',
      resolve: async (input, _args, context, info) =>
        withOrganizations(
          context,
          info,
          byId(
            await facetOf(input, context, 'organization', async () =>
              asFacet(
                await context.prisma.modelDeveloper.groupBy({
                  by: ['organizationId'],
                  where: { model: input.where },
                  _count: { _all: true },
                }),
                'organizationId',
              ),
            ),
          ),
        ),
    }),
    topics: t.field({
      type: [TopicCount],
      description: 'Models per topic: the 50 with most models, most first.',
      resolve: async (input, _args, context, info) =>
        withTopics(
          context,
          info,
          byId(
            await facetOf(input, context, 'topic', async () =>
              asFacet(
                await context.prisma.modelTopic.groupBy({
                  by: ['topicId'],
                  where: { model: input.where },
                  _count: { _all: true },
                }),
                'topicId',
              ),
            ),
          ),
        ),
    }),
    families: t.field({
      type: [FacetCount],
      description: 'Models per family, the 50 most frequent (models without a family are not counted).',
      resolve: async (input, _args, context) =>
        sortedFacetCounts(
          await facetOf(input, context, 'family', async () =>
            asFacet(
              await context.prisma.model.groupBy({ by: ['family'], where: input.where, _count: { _all: true } }),
              'family',
            ),
          ),
        ),
    }),
    domains: t.field({
      type: [FacetCount],
      description: 'Models per domain (LANGUAGE, VISION, ...), most first; a model in two domains counts in both.',
      resolve: async (input, _args, context) =>
        sortedFacetCounts(
          await facetOf(input, context, 'domain', async () =>
            asFacet(
              await context.prisma.modelDomain.groupBy({
                by: ['domain'],
                where: { model: input.where },
                _count: { _all: true },
              }),
              'domain',
            ),
          ),
        ),
    }),
    tasks: t.field({
      type: [FacetCount],
      description:
        "Models per task, in the sources' words, the 50 most frequent; the values are what `filter: { task }` takes.",
      resolve: async (input, _args, context) =>
        sortedFacetCounts(
          await facetOf(input, context, 'task', async () =>
            asFacet(
              await context.prisma.modelTask.groupBy({
                by: ['task'],
                where: { model: input.where },
                _count: { _all: true },
              }),
              'task',
            ),
          ),
        ),
    }),
    hardware: t.field({
      type: [FacetCount],
      description:
        'Models per kind of hardware they were trained on, by slug (what `filter: { trainedOn: { slug } }` takes), the 50 most frequent.',
      resolve: async (input, _args, context) =>
        slugCounts(
          byId(
            await facetOf(input, context, 'hardware', async () =>
              asFacet(
                await context.prisma.modelHardware.groupBy({
                  by: ['hardwareId'],
                  where: { model: input.where },
                  _count: { _all: true },
                }),
                'hardwareId',
              ),
            ),
          ),
          (ids) => context.prisma.hardware.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }),
        ),
    }),
    datasets: t.field({
      type: [FacetCount],
      description:
        'Models per dataset they were trained on, by slug (what `filter: { trainedWith: { slug } }` takes), the 50 most frequent.',
      resolve: async (input, _args, context) =>
        slugCounts(
          byId(
            await facetOf(input, context, 'dataset', async () =>
              asFacet(
                await context.prisma.modelDataset.groupBy({
                  by: ['datasetId'],
                  where: { model: input.where },
                  _count: { _all: true },
                }),
                'datasetId',
              ),
            ),
          ),
          (ids) => context.prisma.dataset.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } }),
        ),
    }),
    countries: t.field({
      type: [FacetCount],
      description:
        'Models per country of a developing organization, the 50 most frequent; a model developed in two countries counts in both.',
      resolve: async (input, _args, context) =>
        sortedFacetCounts(
          await facetOf(input, context, 'country', async () => {
            const rows = await context.prisma.modelDeveloper.findMany({
              where: { model: input.where, organization: { country: { not: null } } },
              select: { modelId: true, organization: { select: { country: true } } },
            });
            const models = new Map<string, Set<number>>();
            for (const row of rows) {
              const country = row.organization.country as string;
              models.set(country, (models.get(country) ?? new Set()).add(row.modelId));
            }
            return [...models].map(([value, set]) => ({ value, count: set.size }));
          }),
        ),
    }),
    years: t.field({
      type: [YearCount],
      description: 'Models per release year, newest first (models without a date are not counted).',
      resolve: async (input, _args, context) =>
        toYearCounts(
          (
            await facetOf(input, context, 'year', async () =>
              (
                await context.prisma.model.groupBy({ by: ['releaseDate'], where: input.where, _count: { _all: true } })
              ).flatMap((row) =>
                row.releaseDate == null
                  ? []
                  : [{ value: String(row.releaseDate.getUTCFullYear()), count: row._count._all }],
              ),
            )
          ).map((row) => ({ year: Number(row.value), count: row.count })),
        ),
    }),
  }),
});

/** The 50 most frequent of `counts`, named by slug (most first, then by slug). */
async function slugCounts(
  counts: readonly { id: number; count: number }[],
  load: (ids: number[]) => Promise<{ id: number; slug: string }[]>,
): Promise<{ value: string; count: number }[]> {
  const top = [...counts].sort((a, b) => b.count - a.count || a.id - b.id).slice(0, FACET_LIMIT);
  const slugs = new Map((await load(top.map((row) => row.id))).map((row) => [row.id, row.slug]));
  return top
    .flatMap((row) => {
      const value = slugs.get(row.id);
      return value ? [{ value, count: row.count }] : [];
    })
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value));
}

/** `attributions` on a page of models: the sources of their claims, developers, lineage and training. */
function modelAttributions(connection: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, object>) {
  return attributionsField(connection, 'facts about the models', (ids) => [
    { claims: { some: { modelId: { in: ids } } } },
    { developers: { some: { modelId: { in: ids } } } },
    { lineage: { some: { childId: { in: ids } } } },
    { modelHardware: { some: { modelId: { in: ids } } } },
    { modelDatasets: { some: { modelId: { in: ids } } } },
  ]);
}

const modelConnectionFields = {
  name: 'ModelConnection',
  description: 'A page of models, with counts over the whole filtered list.',
} as const;

builder.queryFields((t) => ({
  model: t.prismaField({
    type: 'Model',
    nullable: true,
    description:
      'A model by its slug, or by its English or Chinese name or an alias (case-insensitive: "gpt-3", "InstructGPT", "悟道2.0"). Null when none matches.',
    args: {
      slug: t.arg.string({ required: false, description: 'The slug (e.g. `chatgpt`).' }),
      name: t.arg.string({ required: false, description: 'An English or Chinese name or alias, any case.' }),
    },
    resolve: async (query, _root, args, context) => {
      // Spread now: a name that matches nothing finds no row without running the planned query,
      // which Pothos would otherwise report as unused.
      const planned = { ...query };
      return findPlanned(context, 'Model', args, planned, (where) =>
        context.prisma.model.findUnique({ ...planned, where }),
      );
    },
  }),
  models: t.prismaConnection(
    {
      type: 'Model',
      cursor: 'id',
      description: 'All models, filtered and sorted. Example: Chinese models over 100B parameters, largest first.',
      args: {
        filter: t.arg({ type: ModelFilter, required: false, description: 'Only models matching this.' }),
        orderBy: t.arg({ type: ModelOrder, required: false, description: 'Sort order (default: by slug).' }),
      },
      totalCount: async (_parent, args, context) => {
        const where = modelWhere(args.filter);
        // One country's models: the count the database keeps of them.
        const country = keptCountry(where);
        if (country !== undefined)
          return (await context.loaders.countryCounts()).find((row) => row.country === country)?.modelCount ?? 0;
        return context.prisma.model.count({ where });
      },
      resolve: async (query, _parent, args, context) => {
        const { cursor, skip, take, ...selection } = query as typeof query & PlannedPage;
        const where = modelWhere(args.filter);
        const order = args.orderBy;
        // After or before a cursor by size or release date (the unknown ones last): the cursor as
        // a condition on the values, not Prisma's cursor, which pages the whole list in memory
        // (the second page of 21,000 models by size: 141 ms).
        if (order && order.field !== 'NAME' && cursor !== undefined && skip === 1 && take !== undefined && take !== 0) {
          const field = order.field === 'PARAMETERS' ? 'parameters' : 'releaseDate';
          const row = await context.prisma.model.findUnique({
            where: { id: cursor.id },
            select: { slug: true, parameters: true, releaseDate: true },
          });
          if (row)
            return context.prisma.model.findMany({
              ...selection,
              where: {
                AND: [
                  where,
                  beyondCursorIn<Prisma.ModelWhereInput>(
                    { field, direction: order.direction === 'DESC' ? 'desc' : 'asc', tie: 'slug' },
                    { value: row[field], tieValue: row.slug },
                    take > 0,
                  ),
                ],
              },
              orderBy: modelOrderBy(order),
              take,
            });
        }
        return context.prisma.model.findMany({ ...query, where, orderBy: modelOrderBy(order) });
      },
    },
    {
      ...modelConnectionFields,
      fields: (connection) => ({
        attributions: modelAttributions(connection),
        facets: connection.field({
          type: ModelFacets,
          description:
            'Counts of the filtered models (all pages) per organization, topic, family, domain, task, country and year.',
          resolve: (result) => ({
            where: modelWhere(connectionArgs<{ filter?: ModelFilterShape | null }>(result).filter),
          }),
        }),
      }),
    },
    { name: 'ModelEdge', description: 'A model in a page.' },
  ),
  modelsWithDisagreements: t.connection(
    {
      type: Model,
      description: "Models whose sources disagree on a value (ERNIE 3.0's parameter count is one), by slug.",
      args: {
        property: t.arg({ type: ClaimProperty, required: false, description: 'Only disagreements on this property.' }),
      },
      // The list is computed (claimValuesAgree decides), so it is paged in memory and only the
      // page's models are loaded: an `id IN (...)` of every disagreeing model would outgrow
      // SQLite's limit on bound parameters.
      resolve: async (_parent, args, context) => {
        const models = await context.loaders.disagreeingModels.load(args.property ?? '*');
        const page = resolveArrayConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, models);
        const ids = page.edges.flatMap((edge) => (edge ? [edge.node.id] : []));
        const rows = new Map(
          (await context.prisma.model.findMany({ where: { id: { in: ids } } })).map((row) => [row.id, row]),
        );
        return {
          ...page,
          edges: page.edges.flatMap((edge) => {
            const row = edge && rows.get(edge.node.id);
            return row ? [{ cursor: edge.cursor, node: row }] : [];
          }),
          totalCount: models.length,
        };
      },
    },
    {
      name: 'DisagreementConnection',
      description: 'A page of models whose sources disagree.',
      fields: (connection) => ({
        totalCount: connection.int({
          description: 'Number of models whose sources disagree, on all pages.',
          resolve: (result) => result.totalCount,
        }),
        attributions: modelAttributions(connection),
      }),
    },
    { name: 'DisagreementEdge', description: 'A model whose sources disagree.' },
  ),
  lineagePath: t.field({
    type: [LineageEdge],
    nullable: true,
    description:
      'The preferred chain of lineage edges linking two models within `maxDepth` steps, following edges either way (e.g. from `chatgpt` to `gpt-1`): the fewest association steps, then the fewest imprecise (BASED_ON) steps, then the fewest steps, then the oldest edges. Ancestry steps only unless `includeAssociations` or `kinds` says otherwise. Empty when both are the same model; null when no chain exists or a slug is unknown.',
    args: {
      from: t.arg.string({ required: true, description: 'Slug of the first model.' }),
      to: t.arg.string({ required: true, description: 'Slug of the second model.' }),
      maxDepth: t.arg.int({
        required: false,
        defaultValue: 10,
        description: `At most this many steps (1 to ${MAX_LINEAGE_DEPTH}, default 10).`,
      }),
      kinds: t.arg({ type: [LineageKind], required: false, description: KINDS_DESCRIPTION }),
      includeAssociations: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: INCLUDE_ASSOCIATIONS_DESCRIPTION,
      }),
    },
    resolve: async (_root, args, context) => {
      const maxDepth = args.maxDepth ?? 10;
      if (maxDepth < 1 || maxDepth > MAX_LINEAGE_DEPTH)
        throw badInput('maxDepth', `must be between 1 and ${MAX_LINEAGE_DEPTH} (got ${maxDepth})`);
      const models = await context.prisma.model.findMany({
        where: { slug: { in: [args.from, args.to] } },
        select: { id: true, slug: true },
      });
      const from = models.find((model) => model.slug === args.from);
      const to = models.find((model) => model.slug === args.to);
      if (!from || !to) return null;
      const follow = { kinds: args.kinds, includeAssociations: args.includeAssociations };
      const graph = await context.loaders.lineageGraphs.load({
        startId: from.id,
        direction: 'EITHER',
        maxDepth,
        kinds: [...followedLineageKinds(follow)],
      });
      const path = graph.path(from.id, to.id, { maxDepth, ...follow });
      if (!path) return null;
      // On PostgreSQL the chain's edges with their models and sources in one statement (relations
      // joined); on SQLite, whose Prisma reads each relation in a statement of its own, by loaders.
      if (context.database.config.provider === 'postgresql') {
        const joined = await context.prisma.modelLineage.findMany({
          where: { id: { in: path.edgeIds } },
          include: { child: true, parent: true, source: true },
          ...relationsJoined(context.database.config),
        });
        const byId = new Map(joined.map((edge) => [edge.id, edge]));
        return path.edgeIds.flatMap((id): PathEdge[] => {
          const edge = byId.get(id);
          return edge ? [edge] : [];
        });
      }
      const edges = (await context.loaders.pathEdges.loadMany(path.edgeIds)) as LineageRow[];
      // The chain's models by a loader of their own, as its edges: shared with the walks' models
      // (modelRows), they were read in one statement or two, depending on which answered first.
      const rows = await context.loaders.pathModels.loadMany(edges.flatMap((edge) => [edge.childId, edge.parentId]));
      const byId = new Map(rows.flatMap((row) => (row && !(row instanceof Error) ? [[row.id, row] as const] : [])));
      return edges.map(
        (edge): PathEdge => ({ ...edge, child: byId.get(edge.childId), parent: byId.get(edge.parentId) }),
      );
    },
  }),
}));

const ModelTask = builder.prismaObject('ModelTask', {
  description: 'A task a model does, in the words of the source that says so.',
  fields: (t) => ({
    task: t.exposeString('task', {
      description: 'The task, as the source words it (Epoch AI: "Language modeling/generation", "Chat", ...).',
    }),
    source: t.relation('source', { nullable: true, description: 'The source that says so.' }),
  }),
});

const ModelDomain = builder.prismaObject('ModelDomain', {
  description: 'A field a model works in, and who says so: a source (Epoch AI classifies its models) or a rule.',
  fields: (t) => ({
    domain: t.expose('domain', { type: Domain, description: 'The field.' }),
    source: t.relation('source', {
      nullable: true,
      description: 'The source that says so; null when a rule derived it.',
    }),
    derivation: t.exposeString('derivation', {
      nullable: true,
      description: 'The rule that derived it (seed/data/derivations.yaml); null when a source gives it.',
    }),
  }),
});
