/**
 * What an Epoch import did, and how the CLI prints it and writes the rejected rows.
 */
import { writeFileSync } from 'node:fs';
import type { ClaimProperty } from '../../src/domain/enums.js';
import { ensureFolderOf } from '../output-file.js';
import type { UnusedReference } from './articles.js';
import { formatProblem, type RowProblem } from './csv.js';
import type { DroppedAuthor } from './people.js';
import type { MatchMethod } from './reconcile.js';
import type { UnusedTraining } from './training.js';

/** The claim properties Epoch's rows give. */
export type EpochProperty = Extract<
  ClaimProperty,
  'PARAMETERS' | 'RELEASE_DATE' | 'TRAINING_COMPUTE' | 'COUNTRY' | 'ACCESSIBILITY'
>;

/** An entity in a report: its slug and name. */
export type EntityRef = Readonly<{ slug: string; name: string }>;

/** One claim of Epoch's whose value, confidence, locator or quote changed (a newer snapshot). */
export type ClaimChange = Readonly<{
  row: number;
  model: string;
  property: EpochProperty;
  changes: readonly { field: 'value' | 'confidence' | 'locator' | 'quote'; from: string | null; to: string | null }[];
}>;

/** An Epoch claim that the file no longer gives (its cell is now blank). */
export type ClaimRemoval = Readonly<{ row: number; model: string; property: EpochProperty; value: string }>;

/** A model and property where Epoch's value disagrees with another source's. Both claims stay. */
export type Conflict = Readonly<{
  model: string;
  property: EpochProperty;
  epoch: string;
  others: readonly { source: string; value: string }[];
}>;

/** A row whose model could be more than one entity: it was left out, not guessed. */
export type AmbiguousRow = Readonly<{
  row: number;
  line: number;
  name: string;
  method: MatchMethod;
  reason: string;
  candidates: readonly EntityRef[];
}>;

/** An organization name that could be more than one organization; the rows naming it got no edge to it. */
export type AmbiguousOrganization = Readonly<{
  name: string;
  rows: readonly number[];
  reason: string;
  candidates: readonly EntityRef[];
}>;

/** A `Base model` that names no model in the file or the graph; no lineage edge was made. */
export type UnknownBaseModel = Readonly<{ row: number; model: string; baseModel: string; reason: string }>;

/**
 * A `Base model` that names a model which cannot be the row's base: the row's own model, or a model
 * based (through any source's edges) on the row's model, so that the edge would close a cycle.
 * No lineage edge was made.
 */
export type InvalidBaseModel = Readonly<{ row: number; model: string; baseModel: string; reason: string }>;

/** A row whose list of countries or categories does not line up with its organizations. */
export type UnalignedFacts = Readonly<{ row: number; model: string; column: string; reason: string }>;

/** An organization whose rows give different countries or kinds: no claim was made. */
export type OrganizationFactConflict = Readonly<{
  organization: string;
  property: 'COUNTRY' | 'KIND';
  values: readonly { value: string; rows: readonly number[] }[];
}>;

/** A row naming the same model as an earlier row: the first wins. */
export type DuplicateRow = Readonly<{ row: number; line: number; name: string; firstRow: number; reason: string }>;

/** A match made by a rule other than the exact name, listed for review. */
export type InferredMatch = Readonly<{
  row?: number;
  name: string;
  method: MatchMethod;
  via: string;
  entity: EntityRef;
}>;

/** What {@link importEpoch} did. Counts are of database rows unless said otherwise. */
export type EpochImportSummary = {
  file: string;
  /** The snapshot date recorded on the source (YYYY-MM-DD). */
  snapshotDate: string;
  source: { slug: string; license: string; attribution: string; created: boolean; updated: boolean };
  /** Data rows in the file (the header not counted). */
  rowsRead: number;
  /** Rows whose model was matched or created, and got Epoch's claims. */
  rowsImported: number;
  /** Rows matched to a model that was already in the graph. */
  matchedModels: number;
  matchedModelsBy: Record<MatchMethod, number>;
  createdModels: number;
  /** Distinct organization names of the file matched to an organization already in the graph. */
  matchedOrganizations: number;
  createdOrganizations: number;
  /** Matches made by a name variant or a size rule (not by the exact name or a mapping): for review. */
  inferredMatches: InferredMatch[];
  /** Epoch spellings recorded as aliases of models and organizations. */
  aliasesAdded: number;
  developersAdded: number;
  developersRemoved: number;
  claimsAdded: number;
  claimsChanged: ClaimChange[];
  claimsUnchanged: number;
  claimsRemoved: ClaimRemoval[];
  lineageAdded: number;
  lineageChanged: number;
  lineageRemoved: number;
  lineageUnchanged: number;
  /** Base-model edges another source already had between the same two models (any kind): not duplicated. */
  lineageKnownFromOtherSources: number;
  /** Claims of organizations' country and kind (from `Country (of organization)`, `Organization categorization`). */
  organizationClaimsAdded: number;
  organizationClaimsChanged: number;
  organizationClaimsRemoved: number;
  unalignedOrganizationFacts: UnalignedFacts[];
  organizationFactConflicts: OrganizationFactConflict[];
  conflicts: Conflict[];
  ambiguous: AmbiguousRow[];
  ambiguousOrganizations: AmbiguousOrganization[];
  unknownBaseModels: UnknownBaseModel[];
  invalidBaseModels: InvalidBaseModel[];
  duplicates: DuplicateRow[];
  /** The papers and pages of the rows as articles (./articles.ts). */
  articles: {
    /** Distinct articles the rows name (rows with the same link or title share one). */
    referenced: number;
    created: number;
    updated: number;
    unchanged: number;
    /** Articles the graph had from another source (the user's note): they keep their fields. */
    matchedOtherSources: number;
    rowsSharingAnArticle: number;
    coverageAdded: number;
    coverageRemoved: number;
    /** Rows whose paper did not become an article, and why. */
    unused: UnusedReference[];
    /** The papers' citation counts, claims dated by the snapshot. */
    citations: {
      /** Articles with a count. */
      counted: number;
      /** Claims added (a newer snapshot adds its own day's). */
      added: number;
      /** Claims of the same day whose count changed. */
      changed: number;
      /** Counts that are not whole numbers, and rows of one paper that disagree. */
      problems: UnusedReference[];
    };
  };
  /** What the models were trained on (./training.ts). */
  training: {
    /** Kinds of hardware the rows name. */
    hardware: number;
    /** Datasets the rows name. */
    datasets: number;
    /** Of those, new to the graph (the others matched one it had, by folded name). */
    hardwareCreated: number;
    datasetsCreated: number;
    edgesAdded: number;
    edgesRemoved: number;
    /** Rows with a quantity of chips but several kinds of hardware (the quantity is on none). */
    quantitiesNotUsed: number;
    /** Names and quantities not used, and why. */
    unused: UnusedTraining[];
  };
  /** The authors of the papers as people (./people.ts). */
  people: {
    /** Papers with an author list. */
    papers: number;
    /** Names read, one per paper and place. */
    names: number;
    /** People the names became. */
    people: number;
    created: number;
    updated: number;
    unchanged: number;
    /** People of an earlier snapshot whose names no list gives any more. */
    removed: number;
    /** Author lists that changed. */
    listsChanged: number;
    /** Names carried by several people, kept apart for want of evidence that they are one. */
    namesakes: { name: string; people: number }[];
    /** Lists that end in "et al.". */
    truncatedLists: number;
    /** Names given twice in one list (the later place is left out). */
    repeatedInList: { row: number; name: string }[];
    /** Text of the lists that is not a person: headings, teams, titles. */
    dropped: DroppedAuthor[];
  };
  /** Problems of the rows left out with `skipInvalid` (one entry per problem). */
  rejected: RowProblem[];
  /** Where the rejected rows were written, if they were. */
  reportFile: string | null;
  /** Things a reviewer should know that did not stop the import (a mapping to a missing slug, ...). */
  warnings: string[];
  /** Whether anything was written. */
  changed: boolean;
  durationMs: number;
};

/** The summary of a run that has not done anything yet. */
export function emptySummary(
  file: string,
  snapshotDate: string,
  source: EpochImportSummary['source'],
): EpochImportSummary {
  return {
    file,
    snapshotDate,
    source,
    rowsRead: 0,
    rowsImported: 0,
    matchedModels: 0,
    matchedModelsBy: { mapping: 0, name: 0, variant: 0, size: 0 },
    createdModels: 0,
    matchedOrganizations: 0,
    createdOrganizations: 0,
    inferredMatches: [],
    aliasesAdded: 0,
    developersAdded: 0,
    developersRemoved: 0,
    claimsAdded: 0,
    claimsChanged: [],
    claimsUnchanged: 0,
    claimsRemoved: [],
    lineageAdded: 0,
    lineageChanged: 0,
    lineageRemoved: 0,
    lineageUnchanged: 0,
    lineageKnownFromOtherSources: 0,
    organizationClaimsAdded: 0,
    organizationClaimsChanged: 0,
    organizationClaimsRemoved: 0,
    unalignedOrganizationFacts: [],
    organizationFactConflicts: [],
    conflicts: [],
    ambiguous: [],
    ambiguousOrganizations: [],
    unknownBaseModels: [],
    invalidBaseModels: [],
    duplicates: [],
    articles: {
      referenced: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      matchedOtherSources: 0,
      rowsSharingAnArticle: 0,
      coverageAdded: 0,
      coverageRemoved: 0,
      unused: [],
      citations: { counted: 0, added: 0, changed: 0, problems: [] },
    },
    training: {
      hardware: 0,
      datasets: 0,
      hardwareCreated: 0,
      datasetsCreated: 0,
      edgesAdded: 0,
      edgesRemoved: 0,
      quantitiesNotUsed: 0,
      unused: [],
    },
    people: {
      papers: 0,
      names: 0,
      people: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      listsChanged: 0,
      namesakes: [],
      truncatedLists: 0,
      repeatedInList: [],
      dropped: [],
    },
    rejected: [],
    reportFile: null,
    warnings: [],
    changed: false,
    durationMs: 0,
  };
}

/** Rows of the file left out, counted once per row. */
export function rejectedRowCount(summary: Pick<EpochImportSummary, 'rejected'>): number {
  return new Set(summary.rejected.map((problem) => problem.row ?? -1)).size;
}

function list<T>(title: string, items: readonly T[], line: (item: T) => string, limit: number): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, limit).map((item) => `    ${line(item)}`);
  if (items.length > limit) shown.push(`    … and ${items.length - limit} more`);
  return [`  ${title} (${items.length}):`, ...shown];
}

/** Options of {@link formatSummary}. */
export type FormatSummaryOptions = {
  /** How many entries of each detail list to print. @default 15 */
  limit?: number;
};

/** The summary as the CLI prints it: counts first, then the details a reviewer acts on. */
export function formatSummary(summary: EpochImportSummary, options: FormatSummaryOptions = {}): string {
  const limit = options.limit ?? 15;
  const by = summary.matchedModelsBy;
  const rejectedRows = rejectedRowCount(summary);
  const pad = (label: string) => `  ${label.padEnd(20)}`;
  const lines = [
    `Epoch AI — Data on Notable AI Models, snapshot ${summary.snapshotDate} (${summary.source.license})`,
    `  ${summary.source.attribution}`,
    `${pad('file')}${summary.file}`,
    `${pad('rows read')}${summary.rowsRead}: ${summary.rowsImported} imported, ${rejectedRows} rejected, ${summary.duplicates.length} duplicate, ${summary.ambiguous.length} ambiguous`,
    `${pad('models')}${summary.matchedModels} matched (${by.mapping} by mapping, ${by.name} by name, ${by.variant} by name variant, ${by.size} by name and size), ${summary.createdModels} created`,
    `${pad('organizations')}${summary.matchedOrganizations} matched, ${summary.createdOrganizations} created, ${summary.ambiguousOrganizations.length} ambiguous`,
    `${pad('claims')}${summary.claimsAdded} added, ${summary.claimsChanged.length} changed, ${summary.claimsUnchanged} unchanged, ${summary.claimsRemoved.length} removed`,
    `${pad('lineage')}${summary.lineageAdded} added, ${summary.lineageChanged} changed, ${summary.lineageUnchanged} unchanged, ${summary.lineageRemoved} removed, ${summary.lineageKnownFromOtherSources} already known from other sources`,
    `${pad('organization facts')}${summary.organizationClaimsAdded} country/kind claims added, ${summary.organizationClaimsChanged} changed, ${summary.organizationClaimsRemoved} removed; ${summary.unalignedOrganizationFacts.length} rows with lists that do not line up, ${summary.organizationFactConflicts.length} organizations whose rows disagree`,
    `${pad('articles')}${summary.articles.referenced} papers and pages (${summary.articles.created} created, ${summary.articles.updated} updated, ${summary.articles.unchanged} unchanged, ${summary.articles.matchedOtherSources} the graph had from other sources); ${summary.articles.rowsSharingAnArticle} rows share another row's; ${summary.articles.coverageAdded} coverage edges added, ${summary.articles.coverageRemoved} removed; ${summary.articles.unused.length} rows without one`,
    `${pad('citations')}${summary.articles.citations.counted} papers counted (${summary.articles.citations.added} claims added, ${summary.articles.citations.changed} changed, dated ${summary.snapshotDate}); ${summary.articles.citations.problems.length} problems`,
    `${pad('training')}${summary.training.hardware} kinds of hardware (${summary.training.hardwareCreated} new) and ${summary.training.datasets} datasets (${summary.training.datasetsCreated} new); ${summary.training.edgesAdded} edges added, ${summary.training.edgesRemoved} removed; ${summary.training.quantitiesNotUsed} quantities on rows naming several kinds of hardware left out; ${summary.training.unused.length} names or quantities not used`,
    `${pad('people')}${summary.people.names} author names on ${summary.people.papers} papers became ${summary.people.people} people (${summary.people.created} created, ${summary.people.updated} updated, ${summary.people.unchanged} unchanged, ${summary.people.removed} removed); ${summary.people.namesakes.length} names carried by several people kept apart; ${summary.people.listsChanged} author lists changed, ${summary.people.truncatedLists} end in "et al."; ${summary.people.dropped.length} parts of lists are not people`,
    `${pad('developers, aliases')}${summary.developersAdded} developer edges added, ${summary.developersRemoved} removed; ${summary.aliasesAdded} aliases added`,
    `${pad('conflicts')}${summary.conflicts.length} (model properties where Epoch disagrees with another source; both claims kept)`,
    `${pad('unknown base models')}${summary.unknownBaseModels.length}`,
    `${pad('invalid base models')}${summary.invalidBaseModels.length} (the row itself, or a lineage cycle; no edge made)`,
    `${pad('time')}${(summary.durationMs / 1000).toFixed(2)} s${summary.changed ? '' : ' (nothing to change)'}`,
    ...list('rejected rows', summary.rejected, formatProblem, limit),
    ...(summary.reportFile ? [`  rejected rows written to ${summary.reportFile}`] : []),
    ...list('warnings', summary.warnings, (warning) => warning, limit),
    ...list(
      'rows whose paper is not an article',
      summary.articles.unused,
      (item) => `row ${item.row} "${item.model}": ${item.reason}`,
      limit,
    ),
    ...list(
      'citation counts not used as they are',
      summary.articles.citations.problems,
      (item) => `row ${item.row} "${item.model}": ${item.reason}`,
      limit,
    ),
    ...list(
      'training hardware and datasets not used',
      summary.training.unused,
      (item) => `row ${item.row} "${item.model}": "${item.text}" ${item.reason}`,
      limit,
    ),
    ...list(
      'parts of author lists that are not people',
      summary.people.dropped,
      (item) => `row ${item.row} "${item.text}": ${item.reason}`,
      limit,
    ),
    ...list(
      'ambiguous rows (left out; resolve them in seed/data/epoch/mappings.yaml)',
      summary.ambiguous,
      (item) =>
        `row ${item.row} "${item.name}": ${item.reason}: ${item.candidates.map((candidate) => candidate.slug).join(', ')}`,
      limit,
    ),
    ...list(
      'ambiguous organizations (no edge made)',
      summary.ambiguousOrganizations,
      (item) =>
        `"${item.name}" (rows ${item.rows.join(', ')}): ${item.candidates.map((candidate) => candidate.slug).join(', ')}`,
      limit,
    ),
    ...list(
      'organization lists that do not line up (nothing read from them)',
      summary.unalignedOrganizationFacts,
      (item) => `row ${item.row} "${item.model}", ${item.column}: ${item.reason}`,
      limit,
    ),
    ...list(
      'organizations whose rows disagree (no claim made)',
      summary.organizationFactConflicts,
      (item) =>
        `${item.organization} ${item.property}: ${item.values.map((value) => `${value.value} (rows ${value.rows.join(', ')})`).join(' vs ')}`,
      limit,
    ),
    ...list(
      'duplicate rows (first kept)',
      summary.duplicates,
      (item) => `row ${item.row} "${item.name}": ${item.reason}`,
      limit,
    ),
    ...list(
      'inferred matches (check them)',
      summary.inferredMatches,
      (item) =>
        `${item.row !== undefined ? `row ${item.row} ` : ''}"${item.name}" → ${item.entity.slug} (by ${item.method}: "${item.via}")`,
      limit,
    ),
    ...list(
      'changed claims',
      summary.claimsChanged,
      (item) =>
        `row ${item.row} ${item.model} ${item.property}: ${item.changes.map((change) => `${change.field} ${change.from ?? '∅'} → ${change.to ?? '∅'}`).join('; ')}`,
      limit,
    ),
    ...list(
      'removed claims',
      summary.claimsRemoved,
      (item) => `row ${item.row} ${item.model} ${item.property}: was ${item.value}`,
      limit,
    ),
    ...list(
      'conflicts',
      summary.conflicts,
      (item) =>
        `${item.model} ${item.property}: Epoch ${item.epoch}; ${item.others.map((other) => `${other.source} ${other.value}`).join(', ')}`,
      limit,
    ),
    ...list(
      'unknown base models',
      summary.unknownBaseModels,
      (item) => `row ${item.row} "${item.model}": "${item.baseModel}" (${item.reason})`,
      limit,
    ),
    ...list(
      'invalid base models (no edge made)',
      summary.invalidBaseModels,
      (item) => `row ${item.row} "${item.model}": "${item.baseModel}" (${item.reason})`,
      limit,
    ),
  ];
  return lines.join('\n');
}

function csvCell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the rejected rows as CSV (row, line, model, column, reason), creating the folder. */
export function writeRejectedReport(file: string, rejected: readonly RowProblem[]): void {
  ensureFolderOf(file);
  const lines = [
    'row,line,model,column,reason',
    ...rejected.map((problem) =>
      [problem.row, problem.line, problem.model, problem.column, problem.reason].map(csvCell).join(','),
    ),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
}
