/**
 * Rebuilds a graph from an export's tables (read back from JSON-LD by `fromJsonLd`) in an empty
 * database, through the write layer like every other writer: the same checks, the same search
 * index, the same history (one revision per entity, by `importer:jsonld`). What the graph derives
 * from claims (preferred values, ranks, an organization's country) is derived again, by the same
 * rules, from the claims and the ranks the curators asserted; what rules derived before (a
 * model's domain or topic "by rule") comes back with its derivation, as it was exported.
 *
 * The result is the same graph: every table of a new export equals the one imported (the test
 * proves it on the graph `npm start` builds), up to database ids, which an export never shows.
 */
import type { Database } from '../db/client.js';
import type {
  ArticleKind,
  ArticleProperty,
  ArticleSite,
  ClaimProperty,
  ClaimRank,
  Confidence,
  DeveloperRole,
  Domain,
  LineageKind,
  OrganizationProperty,
  Relevance,
  SlugEntity,
  SourceKind,
} from '../domain/enums.js';
import { writeGraph } from '../graph/index.js';
import { records } from './jsonld.js';
import { type Cell, type GraphTables, tableNamed } from './tables.js';

/** The graph the tables would be imported into is not empty: importing would merge two graphs. */
export class NotEmptyError extends Error {}

/** What an import wrote, per table of the export. */
export type RestoreSummary = Record<string, number>;

type Value = Cell | undefined;
const date = (value: Value): Date | null => (value == null ? null : new Date(`${String(value)}T00:00:00.000Z`));
const text = (value: Value): string | null => (value == null ? null : String(value));
const number = (value: Value): number | null => (value == null ? null : Number(value));

/**
 * Imports `tables` into the empty graph of `database`, in one transaction (all or nothing).
 * Refuses with {@link NotEmptyError} when the graph has sources, organizations, models or articles.
 */
export async function restoreGraph(database: Database, tables: GraphTables): Promise<RestoreSummary> {
  const { prisma } = database;
  const [sources, organizations, models, articles] = await Promise.all([
    prisma.source.count(),
    prisma.organization.count(),
    prisma.model.count(),
    prisma.article.count(),
  ]);
  if (sources + organizations + models + articles > 0)
    throw new NotEmptyError(
      `the graph is not empty (${sources} sources, ${organizations} organizations, ${models} models, ${articles} articles): import into a new database (DATABASE_URL=file:./data/copy.db ... -- --create)`,
    );
  const rows = (name: string) => records(tableNamed(tables, name));
  await writeGraph(
    database,
    async (graph) => {
      await graph.upsertSources(
        rows('sources').map((row) => ({
          slug: String(row.slug),
          kind: row.kind as SourceKind,
          title: String(row.title),
          url: text(row.url),
          publisher: text(row.publisher),
          publishedAt: date(row.publishedAt),
          snapshotDate: date(row.snapshotDate),
          license: text(row.license),
          attribution: text(row.attribution),
          description: text(row.description),
        })),
      );
      await graph.upsertOrganizations(
        rows('organizations').map((row) => ({
          slug: String(row.slug),
          name: String(row.name),
          nameZh: text(row.nameZh),
          website: text(row.website),
          foundedYear: number(row.foundedYear),
          wikidataId: text(row.wikidataId),
          description: text(row.description),
          parent: text(row.parent),
        })),
      );
      await graph.putOrganizationClaims(
        rows('organization-claims').map((row) => ({
          organization: String(row.organization),
          property: row.property as OrganizationProperty,
          value: String(row.value),
          ...citation(row),
        })),
      );
      await graph.addOrganizationAliases(
        rows('organization-aliases').map((row) => ({ owner: String(row.organization), alias: String(row.alias) })),
      );
      await graph.upsertTopics(
        rows('topics').map((row) => ({
          slug: String(row.slug),
          name: String(row.name),
          nameZh: text(row.nameZh),
          description: text(row.description),
          parent: text(row.parent),
        })),
      );
      await graph.upsertModels(
        rows('models').map((row) => ({
          slug: String(row.slug),
          name: String(row.name),
          nameZh: text(row.nameZh),
          family: text(row.family),
          architecture: text(row.architecture),
          arxivId: text(row.arxivId),
          paperUrl: text(row.paperUrl),
          paperTitle: text(row.paperTitle),
          wikidataId: text(row.wikidataId),
          description: text(row.description),
        })),
      );
      await graph.addModelAliases(
        rows('model-aliases').map((row) => ({ owner: String(row.model), alias: String(row.alias) })),
      );
      await graph.linkDevelopers(
        rows('developers').map((row) => ({
          model: String(row.model),
          organization: String(row.organization),
          role: row.role as DeveloperRole,
          source: text(row.source),
        })),
      );
      await graph.linkModelTopics(
        rows('model-topics').map((row) => ({
          model: String(row.model),
          topic: String(row.topic),
          derivation: text(row.derivation),
        })),
      );
      await graph.putClaims(
        rows('model-claims').map((row) => ({
          model: String(row.model),
          property: row.property as ClaimProperty,
          value: String(row.value),
          ...citation(row),
        })),
      );
      const lineage = rows('lineage');
      const { refused } = await graph.linkLineage(
        lineage.map((row) => ({
          child: String(row.child),
          parent: String(row.parent),
          kind: row.kind as LineageKind,
          note: text(row.note),
          source: text(row.source),
        })),
      );
      if (refused.length > 0) {
        const [first] = refused;
        const edge = lineage[first?.index ?? 0];
        throw new Error(
          `${refused.length} lineage steps were refused, e.g. ${edge?.child} → ${edge?.parent}: ${first?.reason}`,
        );
      }
      await graph.upsertArticles(
        rows('articles').map((row) => ({
          url: String(row.url),
          title: String(row.title),
          language: String(row.language),
          site: row.site as ArticleSite,
          kind: row.kind as ArticleKind,
          summary: text(row.summary),
          excerpt: text(row.excerpt),
          publishedAt: date(row.publishedAt),
          source: text(row.source),
          authorsNotListed: number(row.authorsNotListed),
        })),
      );
      await graph.putCoverage(
        rows('coverage').map((row) => ({
          article: String(row.article),
          target: row.target as 'model' | 'organization' | 'topic',
          slug: String(row.slug),
          relevance: row.relevance as Relevance,
          confidence: row.confidence as Confidence,
          basis: text(row.basis),
        })),
      );
      await graph.putArticleClaims(
        rows('article-claims').map((row) => ({
          article: String(row.article),
          property: row.property as ArticleProperty,
          value: String(row.value),
          asOf: date(row.asOf) as Date,
          source: String(row.source),
          locator: text(row.locator),
        })),
      );
      await graph.upsertPeople(
        rows('people').map((row) => ({
          slug: String(row.slug),
          name: String(row.name),
          nameZh: text(row.nameZh),
          identity: text(row.identity),
          source: text(row.source),
        })),
      );
      const authorLists = new Map<string, { position: number; person: string; writtenAs: string }[]>();
      for (const row of rows('authors'))
        authorLists.set(String(row.article), [
          ...(authorLists.get(String(row.article)) ?? []),
          { position: Number(row.position), person: String(row.person), writtenAs: String(row.writtenAs) },
        ]);
      await graph.setArticleAuthors(
        [...authorLists].map(([article, authors]) => ({
          article,
          authors: authors
            .sort((a, b) => a.position - b.position)
            .map(({ person, writtenAs }) => ({ person, writtenAs })),
        })),
      );
      for (const kind of ['hardware', 'dataset'] as const) {
        await graph.upsertTrainingResources(
          kind,
          rows(kind === 'hardware' ? 'hardware' : 'datasets').map((row) => ({
            slug: String(row.slug),
            name: String(row.name),
            source: text(row.source),
          })),
        );
        await graph.linkTraining(
          kind,
          rows('training')
            .filter((row) => row.kind === kind)
            .map((row) => ({
              model: String(row.model),
              resource: String(row.slug),
              quantity: number(row.quantity),
              source: text(row.source),
              locator: text(row.locator),
            })),
        );
      }
      await graph.linkModelDomains(
        rows('model-domains').map((row) => ({
          model: String(row.model),
          domain: row.domain as Domain,
          source: text(row.source),
          derivation: text(row.derivation),
        })),
      );
      await graph.linkModelTasks(
        rows('model-tasks').map((row) => ({
          model: String(row.model),
          task: String(row.task),
          source: String(row.source),
        })),
      );
      // Each slug that changed keeps resolving: the old slug names no entity here, so only its redirect is made.
      await graph.changeSlugs(
        rows('slug-redirects').map((row) => ({
          type: row.entity as SlugEntity,
          from: String(row.slug),
          to: String(row.redirectsTo),
          reason: text(row.reason),
        })),
      );
      await graph.derivePreferred();
    },
    { actor: { kind: 'IMPORTER', name: 'importer:jsonld' }, timeoutMs: 600_000 },
  );
  return Object.fromEntries(tables.tables.map((table) => [table.name, table.rows.length]));
}

/** The citation fields of a claim row: its source and where in it, and the rank a curator asserted. */
function citation(row: Record<string, Cell>) {
  return {
    source: String(row.source),
    locator: text(row.locator),
    quote: text(row.quote),
    confidence: row.confidence as Confidence,
    note: text(row.note),
    assertedRank: row.assertedRank as ClaimRank | null,
    assertedReason: text(row.assertedReason),
  };
}
