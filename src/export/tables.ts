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
      const table = (name: string, description: string, columns: string[], rows: Cell[][]): Table => ({
        name,
        description,
        columns,
        rows,
      });
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
            'Who the facts are cited to, with the licence and attribution their data asks for.',
            [
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
            'Companies, labs and universities; country and kind are the preferred of their claims.',
            [
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
            'Other names of organizations.',
            ['organization', 'alias'],
            organizationAliases.map((row) => [row.organization.slug, row.alias]),
          ),
          table(
            'organization-claims',
            "An organization's country or kind according to a source.",
            [
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
            'Subject areas, with their broader topic.',
            ['slug', 'name', 'nameZh', 'parent', 'description'],
            topics.map((row) => [row.slug, row.name, row.nameZh, row.parent?.slug ?? null, row.description]),
          ),
          table(
            'models',
            'Models; parameters, release date and open weights are the preferred of their claims (model-claims).',
            [
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
            'Other names of models.',
            ['model', 'alias'],
            modelAliases.map((row) => [row.model.slug, row.alias]),
          ),
          table(
            'model-claims',
            "A model's property according to a source, with its rank by the graph's one rule.",
            [
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
            'A model was developed by an organization.',
            ['model', 'organization', 'role', 'source'],
            developers.map((row) => [row.model.slug, row.organization.slug, row.role, row.source?.slug ?? null]),
          ),
          table(
            'lineage',
            'A model derives from another (or is associated with it), by kind.',
            ['child', 'parent', 'kind', 'note', 'source'],
            lineage.map((row) => [row.child.slug, row.parent.slug, row.kind, row.note, row.source?.slug ?? null]),
          ),
          table(
            'model-topics',
            'A model belongs to a topic; derivation names the rule that put it there.',
            ['model', 'topic', 'derivation'],
            modelTopics.map((row) => [row.model.slug, row.topic.slug, row.derivation]),
          ),
          table(
            'model-domains',
            'A model works in a domain.',
            ['model', 'domain', 'source', 'derivation'],
            domains.map((row) => [row.model.slug, row.domain, row.source?.slug ?? null, row.derivation]),
          ),
          table(
            'model-tasks',
            "A model does a task, in the source's words.",
            ['model', 'task', 'source'],
            tasks.map((row) => [row.model.slug, row.task, row.source?.slug ?? null]),
          ),
          table(
            'articles',
            'Articles, papers and pages; citations is the latest of their dated claims (article-claims).',
            [
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
          table(
            'coverage',
            'An article covers a model, an organization or a topic.',
            ['article', 'target', 'slug', 'relevance', 'confidence', 'basis'],
            [
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
            ],
          ),
          table(
            'article-claims',
            'A dated value of an article according to a source (how many times it was cited, on a day).',
            ['article', 'property', 'value', 'asOf', 'source', 'locator'],
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
            'Authors of articles; identity says how namesakes were told apart.',
            ['slug', 'name', 'nameZh', 'identity', 'source'],
            people.map((row) => [row.slug, row.name, row.nameZh, row.identity, row.source?.slug ?? null]),
          ),
          table(
            'authors',
            "A person's place in an article's list of authors (1 for the first).",
            ['article', 'position', 'person', 'writtenAs'],
            authors.map((row) => [row.article.url, row.position + 1, row.person.slug, row.writtenAs]),
          ),
          table(
            'hardware',
            'Kinds of hardware models were trained on.',
            ['slug', 'name', 'source'],
            hardware.map((row) => [row.slug, row.name, row.source?.slug ?? null]),
          ),
          table(
            'datasets',
            'Datasets models were trained on.',
            ['slug', 'name', 'source'],
            datasets.map((row) => [row.slug, row.name, row.source?.slug ?? null]),
          ),
          table(
            'training',
            'A model was trained on hardware (with how many chips, where said) or a dataset.',
            ['model', 'kind', 'slug', 'quantity', 'source', 'locator'],
            [
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
            ],
          ),
          table(
            'slug-redirects',
            'Published slugs that changed (renamed, or merged into another entity): each still resolves to the entity it names now.',
            ['entity', 'slug', 'redirectsTo', 'reason'],
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
