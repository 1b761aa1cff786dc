/**
 * Imports the user's note and the curated data into the graph: read and check both files, map
 * them onto the write layer (./plan.ts), write in one transaction.
 *
 * Idempotent: the write layer matches entities by their public keys and writes only what
 * differs, so a second run writes nothing. Additive: an entry removed from the file is not
 * deleted from the database (other importers, such as Epoch's, may refer to it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/db/client.js';
import { type ChangeCounts, type GraphWriter, type Table, writeGraph } from '../../src/graph/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { applyDerivations, loadDerivationRules } from '../derive.js';
import { loadSlugChanges } from '../slug-changes.js';
import { loadCuratedData, SeedDataError } from './load.js';
import { parseNote } from './note.js';
import { planSeed, type SeedPlan } from './plan.js';

/** The files `npm run seed` reads by default. */
export const DEFAULT_SEED_FILES = {
  curated: join(PROJECT_ROOT, 'seed', 'data', 'curated.yaml'),
  note: join(PROJECT_ROOT, 'seed', 'data', 'chatgpt-note.md'),
};

export { CURATED_SOURCE_SLUG } from './plan.js';

type Count = { created: number; updated: number; unchanged: number };

/** The tables each line of the summary adds up. */
const SUMMARY_TABLES = {
  sources: ['source'],
  organizations: ['organization'],
  organizationClaims: ['organizationClaim'],
  aliases: ['organizationAlias', 'modelAlias'],
  topics: ['topic'],
  models: ['model'],
  developers: ['modelDeveloper'],
  modelTopics: ['modelTopic'],
  claims: ['claim'],
  lineage: ['modelLineage'],
  articles: ['article'],
  coverage: ['articleModel', 'articleOrganization', 'articleTopic'],
} as const satisfies Record<string, readonly Table[]>;

/** What a seed run did, per kind of record. */
export type SeedSummary = Record<keyof typeof SUMMARY_TABLES, Count>;

function summarize(changes: ChangeCounts): SeedSummary {
  const summary = {} as SeedSummary;
  for (const [line, tables] of Object.entries(SUMMARY_TABLES) as [keyof SeedSummary, readonly Table[]][]) {
    summary[line] = { created: 0, updated: 0, unchanged: 0 };
    for (const table of tables) {
      for (const outcome of ['created', 'updated', 'unchanged'] as const)
        summary[line][outcome] += changes[table][outcome];
    }
  }
  return summary;
}

/** Options of {@link seedDatabase}. */
export type SeedOptions = {
  /** The curated YAML file. @default seed/data/curated.yaml */
  curatedFile?: string;
  /** The user's markdown note. @default seed/data/chatgpt-note.md */
  noteFile?: string;
  /** The slug changes applied at the end. @default seed/data/slug-changes.yaml */
  slugChangesFile?: string;
  /** The derivation rules applied at the end. @default seed/data/derivations.yaml */
  derivationsFile?: string;
};

/**
 * Reads and checks both files, then writes everything in one transaction: a bad file throws
 * {@link SeedDataError} before anything is written, and a failure while writing rolls back.
 */
export async function seedDatabase(
  database: Pick<Database, 'prisma' | 'storeFor'>,
  options: SeedOptions = {},
): Promise<SeedSummary> {
  const curatedFile = options.curatedFile ?? DEFAULT_SEED_FILES.curated;
  const noteFile = options.noteFile ?? DEFAULT_SEED_FILES.note;
  const data = loadCuratedData(curatedFile);
  let noteText: string;
  try {
    noteText = readFileSync(noteFile, 'utf8');
  } catch (error) {
    throw new SeedDataError(noteFile, [`cannot read the file: ${(error as Error).message}`]);
  }
  const plan = planSeed(data, parseNote(noteText), noteFile);
  const slugChanges = loadSlugChanges(options.slugChangesFile);
  const rules = loadDerivationRules(options.derivationsFile);
  const { changes } = await writeGraph(
    database,
    async (graph) => {
      await applySeed(graph, plan, curatedFile);
      await graph.changeSlugs(slugChanges);
      await applyDerivations(graph, rules);
    },
    { actor: { kind: 'IMPORTER', name: 'importer:curated' } },
  );
  return summarize(changes);
}

async function applySeed(graph: GraphWriter, plan: SeedPlan, curatedFile: string): Promise<void> {
  await graph.upsertSources(plan.sources);
  await graph.upsertOrganizations(plan.organizations);
  await graph.putOrganizationClaims(plan.organizationClaims);
  await graph.addOrganizationAliases(plan.organizationAliases);
  await graph.upsertTopics(plan.topics);
  await graph.upsertModels(plan.models);
  await graph.addModelAliases(plan.modelAliases);
  await graph.linkDevelopers(plan.developers);
  await graph.linkModelTopics(plan.modelTopics);
  await graph.putClaims(plan.claims);
  const { refused } = await graph.linkLineage(plan.lineage);
  if (refused.length > 0) {
    throw new SeedDataError(
      curatedFile,
      refused.map(({ index, reason, cycle }) => {
        const edge = plan.lineage[index] as SeedPlan['lineage'][number];
        return `lineage[${index}] (${edge.child} → ${edge.parent}): ${reason}${cycle ? ` (${cycle.join(' → ')})` : ''}`;
      }),
    );
  }
  await graph.upsertArticles(plan.articles);
  await graph.putCoverage(plan.coverage);
}

/** One line per kind of record: "models: 12 created, 0 updated, 3 unchanged". */
export function formatSeedSummary(summary: SeedSummary): string {
  return Object.entries(summary)
    .map(
      ([kind, count]) => `  ${kind}: ${count.created} created, ${count.updated} updated, ${count.unchanged} unchanged`,
    )
    .join('\n');
}
