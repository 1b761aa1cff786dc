/**
 * What a write did: per table, how many rows were created, updated, left unchanged or deleted,
 * and per input, its outcome. Every writer reports from these, so "nothing changed" means the
 * same thing for the seed, the Epoch import and the mutations.
 */

/** The tables the write layer writes, and the derived values it keeps. */
export const TABLES = [
  'source',
  'organization',
  'organizationAlias',
  'topic',
  'model',
  'modelAlias',
  'modelDeveloper',
  'modelTopic',
  'modelDomain',
  'modelTask',
  'modelLineage',
  'claim',
  'organizationClaim',
  'article',
  'articleModel',
  'articleOrganization',
  'articleTopic',
  'person',
  'articleAuthor',
  'articleClaim',
  'hardware',
  'dataset',
  'modelHardware',
  'modelDataset',
  // Derived by the write layer, not given by writers: claims whose rank or reason changed, and
  // models whose preferred fields (parameters, release date, open weights) changed.
  'claimRank',
  'preferredValues',
] as const;

export type Table = (typeof TABLES)[number];

/** How one row fared. */
export type Outcome = 'created' | 'updated' | 'unchanged' | 'deleted';

export type TableChanges = Record<Outcome, number>;

/** Per table, how many rows each outcome had. */
export type ChangeCounts = Record<Table, TableChanges>;

export function emptyChangeCounts(): ChangeCounts {
  return Object.fromEntries(
    TABLES.map((table) => [table, { created: 0, updated: 0, unchanged: 0, deleted: 0 }]),
  ) as ChangeCounts;
}

/** Whether a table had any row created, updated or deleted. */
export function wroteRows(table: TableChanges): boolean {
  return table.created + table.updated + table.deleted > 0;
}

/** Whether any row was created, updated or deleted. */
export function wroteAnything(counts: ChangeCounts): boolean {
  return Object.values(counts).some(wroteRows);
}

/** A field whose value a write changed. */
export type FieldChange = Readonly<{ field: string; from: unknown; to: unknown }>;

/** The outcome of one input of a write. */
export type Written = Readonly<{
  /** The row's id. */
  id: number;
  outcome: Exclude<Outcome, 'deleted'>;
  /** For `updated`: the fields that changed, from the old value to the new one. */
  changes: readonly FieldChange[];
}>;
