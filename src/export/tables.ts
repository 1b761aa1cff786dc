/**
 * The graph as flat tables, the one reading every export format is written from: one table per
 * kind of entity and per kind of edge or claim, each row naming what it links by public key
 * (slug, or an article's URL) and citing its source by slug. The CSV export writes these tables
 * as they are; JSON-LD and GraphML shape them (./jsonld.ts, ./graphml.ts).
 *
 * Read in one transaction, so that every table is of the same moment.
 */
import type { PrismaClient } from '../db/client.js';

/** A cell: text, a number, a yes/no, or nothing. */
export type Cell = string | number | boolean | null;

export type Table = Readonly<{
  /** File name without extension (`models`, `model-claims`). */
  name: string;
  /** What a row is, for the README of an export. */
  description: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}>;

/** A source the export includes, with the licence and attribution its data asks for. */
export type ExportSource = Readonly<{
  slug: string;
  title: string;
  url: string | null;
  license: string | null;
  attribution: string | null;
  snapshotDate: string | null;
}>;

export type GraphTables = Readonly<{
  /**
   * The moment of the graph the export holds (ISO): its latest recorded write. The same graph
   * exports the same bytes, wherever and whenever it is exported.
   */
  exportedAt: string;
  sources: readonly ExportSource[];
  tables: readonly Table[];
}>;

/**
 * Every table of an export: what a row is (for the README of an export) and its columns, in
 * order. The readers of every format (./jsonld.ts reads JSON-LD back) take the columns from here.
 */
export const TABLES = {
  sources: {
    description: 'Who the facts are cited to, with the licence and attribution their data asks for.',
    columns: [
      'slug',
      'kind',
      'title',
      'url',
      'publisher',
      'publishedAt',
      'snapshotDate',
      'license',
      'attribution',
      'description',
    ],
  },
  organizations: {
    description: 'Companies, labs and universities; country and kind are the preferred of their claims.',
    columns: [
      'slug',
      'name',
      'nameZh',
      'kind',
      'country',
      'website',
      'foundedYear',
      'wikidataId',
      'parent',
      'description',
    ],
  },
  'organization-aliases': {
    description: 'Other names of organizations.',
    columns: ['organization', 'alias'],
  },
  'organization-claims': {
    description: "An organization's country or kind according to a source.",
    columns: [
      'organization',
      'property',
      'value',
      'source',
      'locator',
      'quote',
      'confidence',
      'rank',
      'rankReason',
      'assertedRank',
      'assertedReason',
      'note',
    ],
  },
  topics: {
    description: 'Subject areas, with their broader topic.',
    columns: ['slug', 'name', 'nameZh', 'parent', 'description'],
  },
  models: {
    description: 'Models; parameters, release date and open weights are the preferred of their claims (model-claims).',
    columns: [
      'slug',
      'name',
      'nameZh',
      'family',
      'parameters',
      'releaseDate',
      'releaseDatePrecision',
      'openWeights',
      'architecture',
      'arxivId',
      'paperUrl',
      'paperTitle',
      'wikidataId',
      'description',
    ],
  },
  'model-aliases': {
    description: 'Other names of models.',
    columns: ['model', 'alias'],
  },
  'model-claims': {
    description: "A model's property according to a source, with its rank by the graph's one rule.",
    columns: [
      'model',
      'property',
      'value',
      'source',
      'locator',
      'quote',
      'confidence',
      'rank',
      'rankReason',
      'assertedRank',
      'assertedReason',
      'note',
    ],
  },
  developers: {
    description: 'A model was developed by an organization.',
    columns: ['model', 'organization', 'role', 'source'],
  },
  lineage: {
    description: 'A model derives from another (or is associated with it), by kind.',
    columns: ['child', 'parent', 'kind', 'note', 'source'],
  },
  'model-topics': {
    description: 'A model belongs to a topic; derivation names the rule that put it there.',
    columns: ['model', 'topic', 'derivation'],
  },
  'model-domains': {
    description: 'A model works in a domain.',
    columns: ['model', 'domain', 'source', 'derivation'],
  },
  'model-tasks': {
    description: "A model does a task, in the source's words.",
    columns: ['model', 'task', 'source'],
  },
  articles: {
    description: 'Articles, papers and pages; citations is the latest of their dated claims (article-claims).',
    columns: [
      'url',
      'title',
      'language',
      'site',
      'kind',
      'publishedAt',
      'summary',
      'excerpt',
      'source',
      'citations',
      'citationsAsOf',
      'authorsNotListed',
    ],
  },
  coverage: {
    description: 'An article covers a model, an organization or a topic.',
    columns: ['article', 'target', 'slug', 'relevance', 'confidence', 'basis'],
  },
  'article-claims': {
    description: 'A dated value of an article according to a source (how many times it was cited, on a day).',
    columns: ['article', 'property', 'value', 'asOf', 'source', 'locator'],
  },
  people: {
    description: 'Authors of articles; identity says how namesakes were told apart.',
    columns: ['slug', 'name', 'nameZh', 'identity', 'source'],
  },
  authors: {
    description: "A person's place in an article's list of authors (1 for the first).",
    columns: ['article', 'position', 'person', 'writtenAs'],
  },
  hardware: {
    description: 'Kinds of hardware models were trained on.',
    columns: ['slug', 'name', 'source'],
  },
  datasets: {
    description: 'Datasets models were trained on.',
    columns: ['slug', 'name', 'source'],
  },
  training: {
    description: 'A model was trained on hardware (with how many chips, where said) or a dataset.',
    columns: ['model', 'kind', 'slug', 'quantity', 'source', 'locator'],
  },
  'slug-redirects': {
    description:
      'Published slugs that changed (renamed, or merged into another entity): each still resolves to the entity it names now.',
    columns: ['entity', 'slug', 'redirectsTo', 'reason'],
  },
} as const satisfies Record<string, { description: string; columns: readonly string[] }>;

/** The name of a table of an export. */
export type TableName = keyof typeof TABLES;

const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);
const text = (value: bigint | null | undefined) => (value == null ? null : value.toString());

/** Reads the whole graph as tables (see the module comment). */
export async function readGraphTables(prisma: PrismaClient): Promise<GraphTables> {
  return prisma.$transaction(
    async (tx) => {
      const latest = await tx.revision.aggregate({ _max: { at: true } });
      const asOf = latest._max.at ?? new Date(0);
      const slug = { select: { slug: true } } as const;
      const [
        sources,
        organizations,
        organizationAliases,
        organizationClaims,
        topics,
        models,
        modelAliases,
        claims,
        developers,
        lineage,
        modelTopics,
        domains,
        tasks,
        articles,
        articleModels,
        articleOrganizations,
        articleTopics,
        articleClaims,
        people,
        authors,
        hardware,
        datasets,
        modelHardware,
        modelDatasets,
        redirects,
      ] = await Promise.all([
        tx.source.findMany({ orderBy: { slug: 'asc' } }),
        tx.organization.findMany({ orderBy: { slug: 'asc' }, include: { parent: slug } }),
        tx.organizationAlias.findMany({ orderBy: { id: 'asc' }, include: { organization: slug } }),
        tx.organizationClaim.findMany({ orderBy: { id: 'asc' }, include: { organization: slug, source: slug } }),
        tx.topic.findMany({ orderBy: { slug: 'asc' }, include: { parent: slug } }),
        tx.model.findMany({ orderBy: { slug: 'asc' } }),
        tx.modelAlias.findMany({ orderBy: { id: 'asc' }, include: { model: slug } }),
        tx.claim.findMany({ orderBy: { id: 'asc' }, include: { model: slug, source: slug } }),
        tx.modelDeveloper.findMany({
          orderBy: [{ modelId: 'asc' }, { organizationId: 'asc' }],
          include: { model: slug, organization: slug, source: slug },
        }),
        tx.modelLineage.findMany({ orderBy: { id: 'asc' }, include: { child: slug, parent: slug, source: slug } }),
        tx.modelTopic.findMany({
          orderBy: [{ modelId: 'asc' }, { topicId: 'asc' }],
          include: { model: slug, topic: slug },
        }),
        tx.modelDomain.findMany({
          orderBy: [{ modelId: 'asc' }, { domain: 'asc' }],
          include: { model: slug, source: slug },
        }),
        tx.modelTask.findMany({
          orderBy: [{ modelId: 'asc' }, { task: 'asc' }],
          include: { model: slug, source: slug },
        }),
        tx.article.findMany({ orderBy: { id: 'asc' }, include: { source: slug } }),
        tx.articleModel.findMany({
          orderBy: [{ articleId: 'asc' }, { modelId: 'asc' }],
          include: { article: { select: { url: true } }, model: slug },
        }),
        tx.articleOrganization.findMany({
          orderBy: [{ articleId: 'asc' }, { organizationId: 'asc' }],
          include: { article: { select: { url: true } }, organization: slug },
        }),
        tx.articleTopic.findMany({
          orderBy: [{ articleId: 'asc' }, { topicId: 'asc' }],
          include: { article: { select: { url: true } }, topic: slug },
        }),
        tx.articleClaim.findMany({
          orderBy: { id: 'asc' },
          include: { article: { select: { url: true } }, source: slug },
        }),
        tx.person.findMany({ orderBy: { slug: 'asc' }, include: { source: slug } }),
        tx.articleAuthor.findMany({
          orderBy: [{ articleId: 'asc' }, { position: 'asc' }],
          include: { article: { select: { url: true } }, person: slug },
        }),
        tx.hardware.findMany({ orderBy: { slug: 'asc' }, include: { source: slug } }),
        tx.dataset.findMany({ orderBy: { slug: 'asc' }, include: { source: slug } }),
        tx.modelHardware.findMany({
          orderBy: [{ modelId: 'asc' }, { hardwareId: 'asc' }],
          include: { model: slug, hardware: slug, source: slug },
        }),
        tx.modelDataset.findMany({
          orderBy: [{ modelId: 'asc' }, { datasetId: 'asc' }],
          include: { model: slug, dataset: slug, source: slug },
        }),
        tx.slugRedirect.findMany({
          orderBy: [{ entityType: 'asc' }, { fromSlug: 'asc' }],
          include: { model: slug, organization: slug, topic: slug },
        }),
      ]);
      const table = (name: TableName, rows: Cell[][]): Table => ({ name, ...TABLES[name], rows });
      return {
        exportedAt: asOf.toISOString(),
        sources: sources.map((source) => ({
          slug: source.slug,
          title: source.title,
          url: source.url,
          license: source.license,
          attribution: source.attribution,
          snapshotDate: day(source.snapshotDate),
        })),
        tables: [
          table(
            'sources',
            sources.map((row) => [
              row.slug,
              row.kind,
              row.title,
              row.url,
              row.publisher,
              day(row.publishedAt),
              day(row.snapshotDate),
              row.license,
              row.attribution,
              row.description,
            ]),
          ),
          table(
            'organizations',
            organizations.map((row) => [
              row.slug,
              row.name,
              row.nameZh,
              row.kind,
              row.country,
              row.website,
              row.foundedYear,
              row.wikidataId,
              row.parent?.slug ?? null,
              row.description,
            ]),
          ),
          table(
            'organization-aliases',
            organizationAliases.map((row) => [row.organization.slug, row.alias]),
          ),
          table(
            'organization-claims',
            organizationClaims.map((row) => [
              row.organization.slug,
              row.property,
              row.value,
              row.source.slug,
              row.locator,
              row.quote,
              row.confidence,
              row.rank,
              row.rankReason,
              row.assertedRank,
              row.assertedReason,
              row.note,
            ]),
          ),
          table(
            'topics',
            topics.map((row) => [row.slug, row.name, row.nameZh, row.parent?.slug ?? null, row.description]),
          ),
          table(
            'models',
            models.map((row) => [
              row.slug,
              row.name,
              row.nameZh,
              row.family,
              text(row.parameters),
              day(row.releaseDate),
              row.releaseDatePrecision,
              row.openWeights,
              row.architecture,
              row.arxivId,
              row.paperUrl,
              row.paperTitle,
              row.wikidataId,
              row.description,
            ]),
          ),
          table(
            'model-aliases',
            modelAliases.map((row) => [row.model.slug, row.alias]),
          ),
          table(
            'model-claims',
            claims.map((row) => [
              row.model.slug,
              row.property,
              row.value,
              row.source.slug,
              row.locator,
              row.quote,
              row.confidence,
              row.rank,
              row.rankReason,
              row.assertedRank,
              row.assertedReason,
              row.note,
            ]),
          ),
          table(
            'developers',
            developers.map((row) => [row.model.slug, row.organization.slug, row.role, row.source?.slug ?? null]),
          ),
          table(
            'lineage',
            lineage.map((row) => [row.child.slug, row.parent.slug, row.kind, row.note, row.source?.slug ?? null]),
          ),
          table(
            'model-topics',
            modelTopics.map((row) => [row.model.slug, row.topic.slug, row.derivation]),
          ),
          table(
            'model-domains',
            domains.map((row) => [row.model.slug, row.domain, row.source?.slug ?? null, row.derivation]),
          ),
          table(
            'model-tasks',
            tasks.map((row) => [row.model.slug, row.task, row.source?.slug ?? null]),
          ),
          table(
            'articles',
            articles.map((row) => [
              row.url,
              row.title,
              row.language,
              row.site,
              row.kind,
              day(row.publishedAt),
              row.summary,
              row.excerpt,
              row.source?.slug ?? null,
              row.citations,
              day(row.citationsAsOf),
              row.authorsNotListed,
            ]),
          ),
          table('coverage', [
            ...articleModels.map((row) => [
              row.article.url,
              'model',
              row.model.slug,
              row.relevance,
              row.confidence,
              row.basis,
            ]),
            ...articleOrganizations.map((row) => [
              row.article.url,
              'organization',
              row.organization.slug,
              row.relevance,
              row.confidence,
              row.basis,
            ]),
            ...articleTopics.map((row) => [
              row.article.url,
              'topic',
              row.topic.slug,
              row.relevance,
              row.confidence,
              row.basis,
            ]),
          ]),
          table(
            'article-claims',
            articleClaims.map((row) => [
              row.article.url,
              row.property,
              row.value,
              day(row.asOf),
              row.source.slug,
              row.locator,
            ]),
          ),
          table(
            'people',
            people.map((row) => [row.slug, row.name, row.nameZh, row.identity, row.source?.slug ?? null]),
          ),
          table(
            'authors',
            authors.map((row) => [row.article.url, row.position + 1, row.person.slug, row.writtenAs]),
          ),
          table(
            'hardware',
            hardware.map((row) => [row.slug, row.name, row.source?.slug ?? null]),
          ),
          table(
            'datasets',
            datasets.map((row) => [row.slug, row.name, row.source?.slug ?? null]),
          ),
          table('training', [
            ...modelHardware.map((row) => [
              row.model.slug,
              'hardware',
              row.hardware.slug,
              row.quantity,
              row.source?.slug ?? null,
              row.locator,
            ]),
            ...modelDatasets.map((row) => [
              row.model.slug,
              'dataset',
              row.dataset.slug,
              null,
              row.source?.slug ?? null,
              row.locator,
            ]),
          ]),
          table(
            'slug-redirects',
            redirects.map((row) => [
              row.entityType,
              row.fromSlug,
              (row.model ?? row.organization ?? row.topic)?.slug ?? null,
              row.reason,
            ]),
          ),
        ],
      };
    },
    { timeout: 120_000 },
  );
}

/** A table of `tables` by name. */
export function tableNamed(tables: GraphTables, name: string): Table {
  const found = tables.tables.find((table) => table.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}
