/**
 * Imports Epoch AI's "Notable AI Models" into the graph: parse and check the file (./csv.ts),
 * read the graph and plan the changes (./view.ts, ./plan.ts), apply the plan through the write
 * layer, and report.
 *
 * The whole file is read and validated before the database is touched; the plan and its writes
 * happen in one transaction: a bad row, or a failure while writing, leaves the database as it
 * was. Only what differs is written, so a second run of the same file writes nothing at all.
 *
 * Epoch's values never overwrite anyone else's: each becomes a claim cited to the Epoch source
 * (one per model and property, updated in place by a newer snapshot), beside the claims of the
 * note and the curated file. Which claim gives a model's preferred values is the write layer's
 * one rule (src/domain/ranking.ts), the same for every source.
 */

import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Database } from '../../src/db/client.js';
import { dateValue, formatDate, parseCalendarDate } from '../../src/domain/dates.js';
import { normalizeName } from '../../src/domain/normalize.js';
import { type ChangeCounts, type GraphWriter, writeGraph, wroteAnything } from '../../src/graph/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { applyDerivations, loadDerivationRules } from '../derive.js';
import { checkWritableFile } from '../output-file.js';
import { loadSlugChanges } from '../slug-changes.js';
import { EPOCH_COVERAGE_BASIS, planEpochArticles } from './articles.js';
import { EpochInputError, readEpochCsv } from './csv.js';
import { DEFAULT_MAPPINGS_FILE, loadEpochMappings } from './mappings.js';
import { planEpochPeople } from './people.js';
import { EPOCH_SOURCE, type EpochPlan, planEpochImport } from './plan.js';
import { type ClaimChange, type EpochImportSummary, emptySummary, writeRejectedReport } from './summary.js';
import { planEpochTraining } from './training.js';
import { loadEpochView } from './view.js';

export { EPOCH_SOURCE } from './plan.js';

/** The snapshot shipped in the repository. */
export const EPOCH_SNAPSHOT_FILE = join(PROJECT_ROOT, 'seed', 'data', 'epoch', 'notable-ai-models.csv');
/** When the shipped snapshot was taken (accessed 2026-01-26, per its README). */
export const EPOCH_SNAPSHOT_DATE = '2026-01-26';

/** Progress of an import, for a progress bar. */
export type EpochImportProgress = Readonly<{ phase: 'reconcile' | 'write'; done: number; total: number }>;

/** Options of {@link importEpoch}. */
export type ImportEpochOptions = {
  /** The CSV file. @default EPOCH_SNAPSHOT_FILE */
  file?: string;
  /**
   * Date of the snapshot (YYYY-MM-DD), recorded on the source.
   * @default EPOCH_SNAPSHOT_DATE for the shipped file; required for any other file
   */
  snapshotDate?: string;
  /** Leave invalid rows out (listed in the summary and the report) instead of refusing the file. @default false */
  skipInvalid?: boolean;
  /** Where to write the rejected rows (CSV) when `skipInvalid` left some out. @default none */
  reportFile?: string;
  /** The explicit mappings. @default seed/data/epoch/mappings.yaml */
  mappingsFile?: string;
  /** The slug changes applied at the end. @default seed/data/slug-changes.yaml */
  slugChangesFile?: string;
  /** The derivation rules applied at the end. @default seed/data/derivations.yaml */
  derivationsFile?: string;
  /** Called as rows are reconciled and written. */
  onProgress?: (progress: EpochImportProgress) => void;
  /** Transaction timeout. @default 120000 */
  timeoutMs?: number;
  /**
   * Import a snapshot older than the one the graph holds, moving the source's `snapshotDate`
   * back; refused otherwise ({@link OlderSnapshotError}). @default false
   */
  allowOlderSnapshot?: boolean;
};

/** Thrown, before any write, for a snapshot older than the one the graph holds. */
export class OlderSnapshotError extends Error {
  override name = 'OlderSnapshotError';
  constructor(
    readonly graphSnapshotDate: string,
    readonly fileSnapshotDate: string,
  ) {
    super(
      `the graph holds Epoch AI's snapshot of ${graphSnapshotDate}; this one is dated ${fileSnapshotDate}, which is older: nothing was imported (--force imports it anyway and moves the snapshot date back)`,
    );
  }
}

/**
 * Imports an Epoch CSV: reconciles its models and organizations with the graph, adds what is
 * missing, cites every value to Epoch, and answers what it did. Throws {@link EpochInputError}
 * (before any write) for a file that cannot be imported as it is.
 */
export async function importEpoch(
  database: Pick<Database, 'prisma' | 'storeFor'>,
  options: ImportEpochOptions = {},
): Promise<EpochImportSummary> {
  const started = performance.now();
  const file = resolve(options.file ?? EPOCH_SNAPSHOT_FILE);
  const fileName = basename(file);
  const snapshotDate =
    options.snapshotDate ?? (file === resolve(EPOCH_SNAPSHOT_FILE) ? EPOCH_SNAPSHOT_DATE : undefined);
  if (snapshotDate === undefined) {
    throw new EpochInputError(fileName, [
      { reason: 'no snapshot date: give the date the file was taken (--snapshot-date YYYY-MM-DD)' },
    ]);
  }
  if (parseCalendarDate(snapshotDate) === undefined) {
    throw new EpochInputError(fileName, [
      { reason: `snapshot date "${snapshotDate}" is not a date such as 2026-01-26` },
    ]);
  }
  // The report is written after the commit: a path that cannot take it must stop the import now.
  if (options.skipInvalid && options.reportFile) checkWritableFile(options.reportFile, 'the report file');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new EpochInputError(fileName, [{ reason: `cannot read the file: ${(error as Error).message}` }]);
  }
  const mappings = loadEpochMappings(options.mappingsFile ?? DEFAULT_MAPPINGS_FILE);
  const slugChanges = loadSlugChanges(options.slugChangesFile);
  const rules = loadDerivationRules(options.derivationsFile);
  const csv = readEpochCsv(text, {
    fileName,
    countries: mappings.countries,
    skipInvalid: options.skipInvalid ?? false,
  });

  const summary = emptySummary(file, snapshotDate, {
    slug: EPOCH_SOURCE.slug,
    license: EPOCH_SOURCE.license,
    attribution: EPOCH_SOURCE.attribution,
    created: false,
    updated: false,
  });
  summary.rowsRead = csv.rowsRead;
  summary.rejected = [...csv.rejected];

  const progress = (phase: EpochImportProgress['phase'], done: number, total: number) =>
    options.onProgress?.({ phase, done, total });
  const { changes } = await writeGraph(
    database,
    async (graph) => {
      const view = await loadEpochView(graph.tx);
      const previous = view.epochSource?.snapshotDate;
      if (previous && previous.getTime() > dateValue(snapshotDate).getTime() && !options.allowOlderSnapshot) {
        throw new OlderSnapshotError(formatDate(previous), snapshotDate);
      }
      const plan = planEpochImport(view, csv.rows, mappings, {
        snapshotDate,
        rejected: csv.rejected,
        onProgress: (done, total) => progress('reconcile', done, total),
      });
      await applyEpochPlan(graph, plan, summary, (step) => progress('write', step, WRITE_STEPS));
      // Published slugs this import would no longer create, or duplicates it merges, keep resolving.
      await graph.changeSlugs(slugChanges);
      // Memberships and families derived from what the graph now says.
      await applyDerivations(graph, rules);
    },
    { timeoutMs: options.timeoutMs ?? 120_000, actor: { kind: 'IMPORTER', name: 'importer:epoch' } },
  );
  fillCounts(summary, changes);

  if (summary.rejected.length > 0 && options.reportFile) {
    writeRejectedReport(options.reportFile, summary.rejected);
    summary.reportFile = options.reportFile;
  }
  summary.durationMs = performance.now() - started;
  return summary;
}

const WRITE_STEPS = 6;

/** Writes the plan in dependency order and records in the summary what each step did. */
async function applyEpochPlan(
  graph: GraphWriter,
  plan: EpochPlan,
  summary: EpochImportSummary,
  progress: (step: number) => void,
): Promise<void> {
  Object.assign(summary, plan.report, {
    // The plan's lists are the summary's; these two grow below with what the write layer refuses.
    invalidBaseModels: [...plan.report.invalidBaseModels],
    warnings: [...plan.report.warnings],
  });
  progress(0);
  const source = (await graph.upsertSources([plan.source])).get(EPOCH_SOURCE.slug);
  summary.source.created = source?.outcome === 'created';
  summary.source.updated = source?.outcome === 'updated';

  await graph.upsertOrganizations(plan.organizations);
  await graph.updateOrganizations(plan.organizationUpdates);
  await graph.addOrganizationAliases(plan.organizationAliases);
  progress(1);
  await graph.upsertModels(plan.models);
  await graph.updateModels(plan.modelUpdates);
  await graph.addModelAliases(plan.modelAliases);
  progress(2);
  await graph.linkDevelopers(plan.developers.link);
  summary.developersRemoved = await graph.unlinkDevelopers(plan.developers.unlink);
  await graph.linkModelDomains(plan.domains.link);
  await graph.unlinkModelDomains(plan.domains.unlink, { source: EPOCH_SOURCE.slug });
  await graph.linkModelTasks(plan.tasks.link);
  await graph.unlinkModelTasks(plan.tasks.unlink, { source: EPOCH_SOURCE.slug });
  await graph.putOrganizationClaims(plan.organizationClaims.put);
  await graph.retractOrganizationClaims(plan.organizationClaims.retract);
  progress(3);

  const written = await graph.putClaims(plan.claims.put);
  plan.claims.put.forEach((claim, index) => {
    const result = written[index];
    if (result?.outcome !== 'updated') return;
    summary.claimsChanged.push({
      row: claim.row,
      model: claim.model,
      property: claim.property as ClaimChange['property'],
      changes: result.changes.map((change) => ({
        field: change.field as ClaimChange['changes'][number]['field'],
        from: (change.from as string | null) ?? null,
        to: (change.to as string | null) ?? null,
      })),
    });
  });
  await graph.retractClaims(plan.claims.retract);
  summary.claimsRemoved = plan.claims.retract.map(({ row, model, property, value }) => ({
    row,
    model,
    property: property as ClaimChange['property'],
    value,
  }));
  progress(4);

  // Lineage must stay a DAG: Epoch's steps that no longer hold go first, then the new ones are
  // added in row order, and the write layer refuses one that would close a cycle.
  summary.lineageRemoved = await graph.unlinkLineage(plan.lineage.unlink);
  summary.lineageChanged = await graph.changeLineageKind(plan.lineage.changeKind);
  const { refused } = await graph.linkLineage(plan.lineage.link);
  for (const { index, reason, cycle } of refused) {
    const edge = plan.lineage.link[index] as EpochPlan['lineage']['link'][number];
    summary.invalidBaseModels.push({
      row: edge.row,
      model: edge.model,
      baseModel: edge.baseModel,
      reason: cycle ? `${reason} (${cycle.join(' → ')}; → reads "is based on")` : reason,
    });
  }
  progress(5);

  // The papers and pages of the rows, as articles covering their models.
  const [graphArticles, epochModelCoverage, epochOrganizationCoverage, developers, organizationNames, graphPeople] =
    await Promise.all([
      graph.tx.article.findMany({ select: { url: true, title: true, source: { select: { slug: true } } } }),
      graph.tx.articleModel.findMany({
        where: { basis: EPOCH_COVERAGE_BASIS },
        select: { article: { select: { url: true } }, model: { select: { slug: true } } },
      }),
      graph.tx.articleOrganization.findMany({
        where: { basis: EPOCH_COVERAGE_BASIS },
        select: { article: { select: { url: true } }, organization: { select: { slug: true } } },
      }),
      graph.tx.modelDeveloper.findMany({
        select: { model: { select: { slug: true } }, organization: { select: { slug: true } } },
        orderBy: [{ modelId: 'asc' }, { organizationId: 'asc' }],
      }),
      graph.tx.organization.findMany({
        select: {
          id: true,
          parentId: true,
          slug: true,
          name: true,
          nameZh: true,
          aliases: { select: { normalized: true } },
        },
      }),
      graph.tx.person.findMany({
        select: {
          slug: true,
          nameKey: true,
          source: { select: { slug: true } },
          authorships: { select: { article: { select: { url: true } } } },
        },
      }),
    ]);
  const developersOf = new Map<string, string[]>();
  for (const edge of developers) {
    developersOf.set(edge.model.slug, [...(developersOf.get(edge.model.slug) ?? []), edge.organization.slug]);
  }
  const articles = planEpochArticles(
    plan.rowModels,
    graphArticles.map((article) => ({
      url: article.url,
      title: article.title,
      epoch: article.source?.slug === EPOCH_SOURCE.slug,
    })),
    [
      ...epochModelCoverage.map((edge) => ({
        article: edge.article.url,
        target: 'model' as const,
        slug: edge.model.slug,
      })),
      ...epochOrganizationCoverage.map((edge) => ({
        article: edge.article.url,
        target: 'organization' as const,
        slug: edge.organization.slug,
      })),
    ],
    developersOf,
  );
  // The authors of the papers, as people; a list that leaves authors out says how many on its article.
  const people = planEpochPeople(
    articles.papers,
    organizationNamed(organizationNames),
    EPOCH_SOURCE.slug,
    ancestry(organizationNames),
    graphPeople.map((person) => ({
      slug: person.slug,
      nameKey: person.nameKey,
      articles: person.authorships.map((authorship) => authorship.article.url),
    })),
  );
  const writtenArticles = await graph.upsertArticles(
    articles.articles.map((article) => ({ ...article, authorsNotListed: people.notListed.get(article.url) ?? null })),
  );
  const outcomes = [...writtenArticles.values()].map((result) => result.outcome);
  const coverageBefore = graph.changes.articleModel.created + graph.changes.articleOrganization.created;
  await graph.putCoverage(articles.coverage);
  // Each paper's citation count, as the snapshot read it: a claim of the snapshot's day.
  const claimsBefore = { ...graph.changes.articleClaim };
  await graph.putArticleClaims(
    articles.citations.map((count) => ({
      article: count.article,
      property: 'CITATIONS' as const,
      value: count.value,
      asOf: plan.source.snapshotDate as Date,
      source: EPOCH_SOURCE.slug,
      locator: count.locator,
    })),
  );
  const citations = {
    counted: articles.citations.length,
    added: graph.changes.articleClaim.created - claimsBefore.created,
    changed: graph.changes.articleClaim.updated - claimsBefore.updated,
    problems: articles.report.citationProblems,
  };
  summary.articles = {
    referenced: articles.report.articles,
    created: outcomes.filter((outcome) => outcome === 'created').length,
    updated: outcomes.filter((outcome) => outcome === 'updated').length,
    unchanged: outcomes.filter((outcome) => outcome === 'unchanged').length,
    matchedOtherSources: articles.report.matchedOtherSources,
    rowsSharingAnArticle: articles.report.rowsSharingAnArticle,
    coverageAdded: graph.changes.articleModel.created + graph.changes.articleOrganization.created - coverageBefore,
    coverageRemoved: await graph.unlinkCoverage(articles.unlink),
    unused: articles.report.unused,
    citations,
  };
  const writtenPeople = [...(await graph.upsertPeople(people.people)).values()].map((result) => result.outcome);
  const listsChanged = await graph.setArticleAuthors(people.authors);
  // People of an earlier snapshot that no list names any more (and no other source lists).
  const planned = new Set(people.people.map((person) => person.slug));
  const stale = graphPeople
    .filter((person) => person.source?.slug === EPOCH_SOURCE.slug && !planned.has(person.slug))
    .map((person) => person.slug);
  let removed = 0;
  for (const slug of stale) {
    if ((await graph.tx.articleAuthor.count({ where: { person: { slug } } })) > 0) continue;
    await graph.deleteEntity('person', slug);
    removed += 1;
  }
  summary.people = {
    papers: people.report.papers,
    names: people.report.names,
    people: people.report.people,
    created: writtenPeople.filter((outcome) => outcome === 'created').length,
    updated: writtenPeople.filter((outcome) => outcome === 'updated').length,
    unchanged: writtenPeople.filter((outcome) => outcome === 'unchanged').length,
    removed,
    listsChanged,
    namesakes: people.report.namesakes,
    truncatedLists: people.report.truncatedLists,
    repeatedInList: people.report.repeatedInList,
    dropped: people.report.dropped,
  };
  // What the models were trained on: hardware and datasets, as nodes and cited edges.
  const epoch = { source: { slug: EPOCH_SOURCE.slug } };
  const [hardware, datasets, hardwareEdges, datasetEdges] = await Promise.all([
    graph.tx.hardware.findMany({ select: { slug: true, nameKey: true, source: { select: { slug: true } } } }),
    graph.tx.dataset.findMany({ select: { slug: true, nameKey: true, source: { select: { slug: true } } } }),
    graph.tx.modelHardware.findMany({
      where: epoch,
      select: { model: { select: { slug: true } }, hardware: { select: { slug: true } } },
    }),
    graph.tx.modelDataset.findMany({
      where: epoch,
      select: { model: { select: { slug: true } }, dataset: { select: { slug: true } } },
    }),
  ]);
  const training = planEpochTraining(
    plan.rowModels,
    { hardware, dataset: datasets },
    {
      hardware: hardwareEdges.map((edge) => ({ model: edge.model.slug, resource: edge.hardware.slug })),
      dataset: datasetEdges.map((edge) => ({ model: edge.model.slug, resource: edge.dataset.slug })),
    },
    EPOCH_SOURCE.slug,
  );
  const trainingBefore = {
    hardware: { ...graph.changes.modelHardware },
    dataset: { ...graph.changes.modelDataset },
    nodes: { hardware: graph.changes.hardware.created, dataset: graph.changes.dataset.created },
  };
  let trainingRemoved = 0;
  for (const kind of ['hardware', 'dataset'] as const) {
    await graph.upsertTrainingResources(kind, training[kind].resources);
    await graph.linkTraining(kind, training[kind].edges);
    trainingRemoved += await graph.unlinkTraining(kind, training[kind].unlink);
  }
  // Epoch's hardware and datasets that no row names any more, and nothing else links.
  const plannedResources = {
    hardware: new Set(training.hardware.resources.map((resource) => resource.slug)),
    dataset: new Set(training.dataset.resources.map((resource) => resource.slug)),
  };
  for (const [kind, rows] of [
    ['hardware', hardware],
    ['dataset', datasets],
  ] as const) {
    for (const resource of rows) {
      if (resource.source?.slug !== EPOCH_SOURCE.slug || plannedResources[kind].has(resource.slug)) continue;
      const linked =
        kind === 'hardware'
          ? await graph.tx.modelHardware.count({ where: { hardware: { slug: resource.slug } } })
          : await graph.tx.modelDataset.count({ where: { dataset: { slug: resource.slug } } });
      if (linked === 0) await graph.deleteEntity(kind, resource.slug);
    }
  }
  summary.training = {
    hardware: training.report.hardware,
    datasets: training.report.datasets,
    hardwareCreated: graph.changes.hardware.created - trainingBefore.nodes.hardware,
    datasetsCreated: graph.changes.dataset.created - trainingBefore.nodes.dataset,
    edgesAdded:
      graph.changes.modelHardware.created -
      trainingBefore.hardware.created +
      graph.changes.modelDataset.created -
      trainingBefore.dataset.created,
    edgesRemoved: trainingRemoved,
    quantitiesNotUsed: training.report.quantitiesNotUsed,
    unused: training.report.unused,
  };
  // The search documents of what was touched follow when the write layer flushes.
  progress(WRITE_STEPS);
}

/**
 * Whether an author names an organization of the graph rather than a person: its name, Chinese
 * name, slug or an alias, folded, also without a trailing "AI" ("DeepSeek-AI", "Zhipu AI").
 */
function organizationNamed(
  organizations: readonly { slug: string; name: string; nameZh: string | null; aliases: { normalized: string }[] }[],
): (name: string) => boolean {
  const names = new Set<string>();
  for (const organization of organizations) {
    for (const name of [organization.name, organization.nameZh, organization.slug])
      if (name) names.add(normalizeName(name));
    for (const alias of organization.aliases) names.add(alias.normalized);
  }
  names.delete('');
  return (name) => {
    const folded = normalizeName(name);
    return names.has(folded) || (folded.endsWith('ai') && names.has(folded.slice(0, -2)));
  };
}

/** The organizations each organization belongs to (parent first, then its parent, ...), by slug. */
function ancestry(
  organizations: readonly { id: number; parentId: number | null; slug: string }[],
): (slug: string) => string[] {
  const byId = new Map(organizations.map((organization) => [organization.id, organization]));
  const bySlug = new Map(organizations.map((organization) => [organization.slug, organization]));
  return (slug) => {
    const ancestors: string[] = [];
    let parentId = bySlug.get(slug)?.parentId ?? null;
    // The write layer refuses cycles; the bound only guards a hand-edited database.
    while (parentId !== null && ancestors.length < 20) {
      const parent = byId.get(parentId);
      if (!parent) break;
      ancestors.push(parent.slug);
      parentId = parent.parentId;
    }
    return ancestors;
  };
}

/** The counts of the summary, from what the write layer did. */
function fillCounts(summary: EpochImportSummary, changes: ChangeCounts): void {
  summary.createdOrganizations = changes.organization.created;
  summary.createdModels = changes.model.created;
  summary.aliasesAdded = changes.modelAlias.created + changes.organizationAlias.created;
  summary.developersAdded = changes.modelDeveloper.created;
  summary.claimsAdded = changes.claim.created;
  summary.claimsUnchanged = changes.claim.unchanged;
  summary.organizationClaimsAdded = changes.organizationClaim.created;
  summary.organizationClaimsChanged = changes.organizationClaim.updated;
  summary.organizationClaimsRemoved = changes.organizationClaim.deleted;
  summary.lineageAdded = changes.modelLineage.created;
  summary.changed = wroteAnything(changes);
}
