/**
 * Imports Epoch AI's "Notable AI Models" into the graph.
 *
 * The whole file is read and validated before the database is touched; then everything is
 * written in one transaction, after loading the graph once: a bad row, or a failure while
 * writing, leaves the database as it was. Writes are batched (`createMany`), and only what differs
 * is written, so a second run of the same file writes nothing at all.
 *
 * Epoch's values never overwrite anyone else's: each becomes a claim cited to the Epoch source
 * (one per model and property, updated in place by a newer snapshot), beside the claims of the
 * note and the curated file. A model only Epoch cites takes its parameter count and date from
 * Epoch's row, and follows them from snapshot to snapshot (see `followEpoch`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Prisma, PrismaClient } from '../../src/db/client.js';
import { claimValuesAgree } from '../../src/domain/claims.js';
import { dateValue, parseCalendarDate } from '../../src/domain/dates.js';
import { compareText, normalizeName, slugify } from '../../src/domain/normalize.js';
import { rebuildSearchIndex } from '../../src/search/index-sqlite.js';
import { type EpochConfidence, EpochInputError, type EpochRow, readEpochCsv } from './csv.js';
import { DEFAULT_MAPPINGS_FILE, type EpochMappings, loadEpochMappings } from './mappings.js';
import { type MatchResult, matchKey, matchModel, matchOrganization, NameIndex } from './reconcile.js';
import {
  type AmbiguousRow,
  type ClaimChange,
  type EntityRef,
  type EpochImportSummary,
  type EpochProperty,
  emptySummary,
  writeRejectedReport,
} from './summary.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The snapshot shipped in the repository. */
export const EPOCH_SNAPSHOT_FILE = join(here, '..', 'data', 'epoch', 'notable-ai-models.csv');
/** When the shipped snapshot was taken (accessed 2026-01-26, per its README). */
export const EPOCH_SNAPSHOT_DATE = '2026-01-26';

/** The source every Epoch claim and edge is cited to. */
export const EPOCH_SOURCE = {
  slug: 'epoch-notable-ai-models',
  kind: 'DATASET',
  title: 'Epoch AI — Data on Notable AI Models',
  url: 'https://epoch.ai/data/notable-ai-models',
  publisher: 'Epoch AI',
  license: 'CC BY 4.0',
  attribution: "Epoch AI, 'Data on Notable AI Models'. Published online at epoch.ai.",
  description:
    "Epoch AI's dataset of notable AI models (parameters, training compute, publication date, organizations, base model). Licensed CC BY 4.0; the attribution must be shown wherever the data is.",
} as const;

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
  /** Called as rows are reconciled and written. */
  onProgress?: (progress: EpochImportProgress) => void;
  /** Transaction timeout. @default 120000 */
  timeoutMs?: number;
};

type Tx = Prisma.TransactionClient;

/** Splits a list into chunks: SQLite limits the number of bound values per statement. */
function chunks<T>(items: readonly T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** A slug not yet used: "gpt-3", then "gpt-3-2", "gpt-3-3", … (deterministic for a given graph and file). */
function uniqueSlug(wanted: string, taken: (slug: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${wanted}-${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

/** The slug a new entity gets from its name: "+" spelled out, since slugify drops it. */
function slugFor(name: string, fallbackPrefix: string): string {
  const slug = slugify(name.replace(/\+/g, ' plus '));
  // Names without ASCII letters (only Chinese, say) still need a stable slug: a hash of the name.
  return slug !== ''
    ? slug
    : `${fallbackPrefix}-${createHash('sha256').update(matchKey(name)).digest('hex').slice(0, 8)}`;
}

/** The claims a row gives, in canonical form. */
type DesiredClaim = {
  property: EpochProperty;
  value: string;
  quote: string;
  confidence: EpochConfidence;
  locator: string;
};

function claimsOf(row: EpochRow): DesiredClaim[] {
  const base = { confidence: row.confidence, locator: row.link ?? EPOCH_SOURCE.url };
  const claims: DesiredClaim[] = [];
  if (row.parameters)
    claims.push({
      ...base,
      property: 'PARAMETERS',
      value: row.parameters.value.toString(),
      quote: row.parameters.quote,
    });
  if (row.publicationDate)
    claims.push({
      ...base,
      property: 'RELEASE_DATE',
      value: row.publicationDate.value,
      quote: row.publicationDate.quote,
    });
  if (row.trainingCompute) {
    claims.push({
      ...base,
      property: 'TRAINING_COMPUTE',
      value: row.trainingCompute.value.toString(),
      quote: row.trainingCompute.quote,
    });
  }
  if (row.countries)
    claims.push({ ...base, property: 'COUNTRY', value: row.countries.value.join(','), quote: row.countries.quote });
  if (row.accessibility)
    claims.push({ ...base, property: 'ACCESSIBILITY', value: row.accessibility.value, quote: row.accessibility.quote });
  return claims;
}

/** The model fields Epoch's rows give a value for. */
type EpochFields = { parameters: bigint | null; releaseDate: Date | null };

/**
 * How the fields of a model only Epoch cites follow Epoch: each takes the row's value (null for a
 * blank cell) while it is null or still holds the value of Epoch's previous claim, the one this
 * row replaces; a value someone else put there stays. `previous` is undefined for a property
 * Epoch had no claim on. Answers only the fields that change; a model being created has
 * `current` all null, so it answers the row's values.
 */
function followEpoch(
  current: EpochFields,
  row: EpochRow,
  previous: Readonly<Partial<Record<EpochProperty, string>>>,
): Partial<EpochFields> {
  const changes: Partial<EpochFields> = {};
  const parameters = row.parameters?.value ?? null;
  const heldParameters = current.parameters === null || current.parameters.toString() === previous.PARAMETERS;
  if (heldParameters && current.parameters !== parameters) changes.parameters = parameters;
  const releaseDate = row.publicationDate ? dateValue(row.publicationDate.value) : null;
  const previousDate = previous.RELEASE_DATE === undefined ? undefined : dateValue(previous.RELEASE_DATE).getTime();
  const heldDate = current.releaseDate === null || current.releaseDate.getTime() === previousDate;
  if (heldDate && current.releaseDate?.getTime() !== releaseDate?.getTime()) changes.releaseDate = releaseDate;
  return changes;
}

const PROPERTIES: readonly EpochProperty[] = [
  'PARAMETERS',
  'RELEASE_DATE',
  'TRAINING_COMPUTE',
  'COUNTRY',
  'ACCESSIBILITY',
];

/** The graph as the import needs it, read once. */
async function loadGraph(tx: Tx) {
  const [models, organizations, claims, lineage, developers, sources] = await Promise.all([
    tx.model.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        nameZh: true,
        parameters: true,
        releaseDate: true,
        aliases: { select: { alias: true, normalized: true } },
      },
      orderBy: { id: 'asc' },
    }),
    tx.organization.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        nameZh: true,
        aliases: { select: { alias: true, normalized: true } },
      },
      orderBy: { id: 'asc' },
    }),
    tx.claim.findMany({
      where: { property: { in: [...PROPERTIES] } },
      select: {
        id: true,
        modelId: true,
        property: true,
        sourceId: true,
        value: true,
        locator: true,
        quote: true,
        confidence: true,
      },
    }),
    tx.modelLineage.findMany({ select: { id: true, childId: true, parentId: true, kind: true, sourceId: true } }),
    tx.modelDeveloper.findMany({ select: { modelId: true, organizationId: true, sourceId: true } }),
    tx.source.findMany({ select: { id: true, slug: true } }),
  ]);
  return { models, organizations, claims, lineage, developers, sources };
}

/** What reconciliation decided for a row. */
type RowPlan =
  | { kind: 'existing'; row: EpochRow; modelId: number; match: Extract<MatchResult, { kind: 'matched' }> }
  | { kind: 'create'; row: EpochRow; modelId?: number }
  | { kind: 'skip'; row: EpochRow };

/**
 * Imports an Epoch CSV: reconciles its models and organizations with the graph, adds what is
 * missing, cites every value to Epoch, and answers what it did. Throws {@link EpochInputError}
 * (before any write) for a file that cannot be imported as it is.
 */
export async function importEpoch(prisma: PrismaClient, options: ImportEpochOptions = {}): Promise<EpochImportSummary> {
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
  // The calendar check of the CSV's dates: `new Date()` would store 2026-02-30 as March 2.
  if (parseCalendarDate(snapshotDate) === undefined) {
    throw new EpochInputError(fileName, [
      { reason: `snapshot date "${snapshotDate}" is not a date such as 2026-01-26` },
    ]);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new EpochInputError(fileName, [{ reason: `cannot read the file: ${(error as Error).message}` }]);
  }
  const mappings = loadEpochMappings(options.mappingsFile ?? DEFAULT_MAPPINGS_FILE);
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

  await prisma.$transaction((tx) => writeSnapshot(tx, csv.rows, mappings, snapshotDate, summary, options.onProgress), {
    timeout: options.timeoutMs ?? 120_000,
    maxWait: 10_000,
  });

  if (summary.rejected.length > 0 && options.reportFile) {
    writeRejectedReport(options.reportFile, summary.rejected);
    summary.reportFile = options.reportFile;
  }
  summary.durationMs = performance.now() - started;
  return summary;
}

async function writeSnapshot(
  tx: Tx,
  rows: readonly EpochRow[],
  mappings: EpochMappings,
  snapshotDate: string,
  summary: EpochImportSummary,
  onProgress: ImportEpochOptions['onProgress'],
): Promise<void> {
  const progress = (phase: EpochImportProgress['phase'], done: number, total: number) =>
    onProgress?.({ phase, done, total });
  const warn = (message: string) => {
    if (!summary.warnings.includes(message)) summary.warnings.push(message);
  };
  const graph = await loadGraph(tx);

  // ── Source ──────────────────────────────────────────────────────────────────────────────
  const sourceData = {
    kind: EPOCH_SOURCE.kind,
    title: EPOCH_SOURCE.title,
    url: EPOCH_SOURCE.url,
    publisher: EPOCH_SOURCE.publisher,
    license: EPOCH_SOURCE.license,
    attribution: EPOCH_SOURCE.attribution,
    description: EPOCH_SOURCE.description,
    snapshotDate: dateValue(snapshotDate),
  };
  const existingSource = await tx.source.findUnique({ where: { slug: EPOCH_SOURCE.slug } });
  let sourceId: number;
  if (!existingSource) {
    sourceId = (await tx.source.create({ data: { slug: EPOCH_SOURCE.slug, ...sourceData }, select: { id: true } })).id;
    summary.source.created = true;
  } else {
    sourceId = existingSource.id;
    const previous = existingSource.snapshotDate;
    if (previous && previous.getTime() > sourceData.snapshotDate.getTime()) {
      warn(
        `the graph holds Epoch data from snapshot ${previous.toISOString().slice(0, 10)}; this file is dated ${snapshotDate}, which is older`,
      );
    }
    const differs = (Object.keys(sourceData) as (keyof typeof sourceData)[]).some((key) => {
      const a = existingSource[key];
      const b = sourceData[key];
      return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
    });
    if (differs) {
      await tx.source.update({ where: { id: sourceId }, data: sourceData });
      summary.source.updated = true;
    }
  }
  const sourceSlug = new Map(graph.sources.map((source) => [source.id, source.slug]));
  sourceSlug.set(sourceId, EPOCH_SOURCE.slug);

  // ── Indexes of what is in the graph ─────────────────────────────────────────────────────
  const models = new NameIndex();
  const modelInfo = new Map(graph.models.map((model) => [model.id, model]));
  const modelAliasKeys = new Set<string>();
  for (const model of graph.models) {
    models.add({ id: model.id, slug: model.slug, name: model.name, parameters: model.parameters }, [
      model.nameZh,
      ...model.aliases.map((alias) => alias.alias),
    ]);
    for (const alias of model.aliases) modelAliasKeys.add(`${model.id}:${alias.normalized}`);
  }
  const organizations = new NameIndex();
  const organizationAliasKeys = new Set<string>();
  for (const organization of graph.organizations) {
    organizations.add({ id: organization.id, slug: organization.slug, name: organization.name }, [
      organization.nameZh,
      ...organization.aliases.map((alias) => alias.alias),
    ]);
    for (const alias of organization.aliases) organizationAliasKeys.add(`${organization.id}:${alias.normalized}`);
  }
  const ref = (index: NameIndex, id: number): EntityRef => {
    const entity = index.entities.get(id);
    return { slug: entity?.slug ?? String(id), name: entity?.name ?? '' };
  };
  /** Models some Epoch row already stands for: fuzzy rules may not hand them to another row. */
  const epochOwned = new Set(graph.claims.filter((claim) => claim.sourceId === sourceId).map((claim) => claim.modelId));

  // ── Duplicates: the first row of a name wins ────────────────────────────────────────────
  const firstRowOfKey = new Map<string, EpochRow>();
  const unique: EpochRow[] = [];
  for (const row of rows) {
    const first = firstRowOfKey.get(row.key);
    if (first) {
      summary.duplicates.push({
        row: row.row,
        line: row.line,
        name: row.name,
        firstRow: first.row,
        reason: `same model name as row ${first.row}`,
      });
    } else {
      firstRowOfKey.set(row.key, row);
      unique.push(row);
    }
  }

  // ── Models: reconcile every row against the graph as it was before this import ──────────
  const mappingOf = (row: EpochRow): string | null | undefined => {
    const mapping = mappings.models.has(row.key)
      ? mappings.models.get(row.key)
      : mappings.models.get(matchKey(row.englishName));
    if (typeof mapping === 'string' && !models.bySlug.has(mapping)) {
      warn(
        `mappings.yaml maps model "${row.name}" to "${mapping}", which is not in the graph: matched by the automatic rules instead`,
      );
    }
    return mapping;
  };
  const reconcile = (row: EpochRow, exclude: ReadonlySet<number>) =>
    matchModel(
      models,
      { name: row.name, englishName: row.englishName, nameZh: row.nameZh, mapping: mappingOf(row) },
      exclude,
    );
  const strong = (result: MatchResult) =>
    result.kind === 'matched' && (result.method === 'mapping' || result.method === 'name');
  let results = unique.map((row) => reconcile(row, epochOwned));
  // A model that a row names exactly is that row's: the fuzzy rules of the other rows skip it.
  const exactlyNamed = new Set(
    results.flatMap((result) => (result.kind === 'matched' && strong(result) ? [result.id] : [])),
  );
  const excluded = new Set([...epochOwned, ...exactlyNamed]);
  results = results.map((result, at) => {
    const row = unique[at] as EpochRow;
    progress('reconcile', at + 1, unique.length);
    return strong(result) || result.kind === 'none' || (result.kind === 'ambiguous' && result.method === 'name')
      ? result
      : reconcile(row, excluded);
  });

  const rowsOfTarget = new Map<number, number[]>();
  results.forEach((result, at) => {
    if (result.kind === 'matched') rowsOfTarget.set(result.id, [...(rowsOfTarget.get(result.id) ?? []), at]);
  });
  const plans: RowPlan[] = unique.map((row, at) => {
    const result = results[at] as MatchResult;
    const ambiguous = (entry: Omit<AmbiguousRow, 'row' | 'line' | 'name'>): RowPlan => {
      summary.ambiguous.push({ row: row.row, line: row.line, name: row.name, ...entry });
      return { kind: 'skip', row };
    };
    if (result.kind === 'ambiguous') {
      return ambiguous({
        method: result.method,
        reason: result.reason,
        candidates: result.candidates.map((id) => ref(models, id)),
      });
    }
    if (result.kind === 'none') return { kind: 'create', row };
    const competitors = rowsOfTarget.get(result.id) ?? [];
    if (competitors.length > 1) {
      const [firstAt = at] = competitors;
      const first = unique[firstAt] as EpochRow;
      if (strong(result) && strong(results[firstAt] as MatchResult) && firstAt !== at) {
        summary.duplicates.push({
          row: row.row,
          line: row.line,
          name: row.name,
          firstRow: first.row,
          reason: `names the same model (${ref(models, result.id).slug}) as row ${first.row}`,
        });
        return { kind: 'skip', row };
      }
      if (!strong(result)) {
        const others = competitors.filter((other) => other !== at).map((other) => (unique[other] as EpochRow).row);
        return ambiguous({
          method: result.method,
          reason: `matched by ${result.method} ("${result.via}"), like row${others.length > 1 ? 's' : ''} ${others.join(', ')}: which row is this model?`,
          candidates: [ref(models, result.id)],
        });
      }
    }
    return { kind: 'existing', row, modelId: result.id, match: result };
  });

  // ── Organizations ───────────────────────────────────────────────────────────────────────
  const imported = plans.filter((plan) => plan.kind !== 'skip');
  const spellings = new Map<string, { name: string; rows: number[] }>(); // folded Epoch name → first spelling
  for (const plan of imported) {
    for (const name of plan.row.organizations) {
      const key = matchKey(name);
      const entry = spellings.get(key) ?? { name, rows: [] };
      entry.rows.push(plan.row.row);
      spellings.set(key, entry);
    }
  }
  // Slugs rather than ids: some organizations are only created further down.
  const organizationSlugs = new Map<string, string[]>();
  const toCreate: { key: string; name: string; slug: string }[] = [];
  const pendingSlugs = new Set<string>();
  const aliasesToAdd: { slug: string; alias: string }[] = [];
  const resolveOrganization = (
    key: string,
    name: string,
    rowNumbers: number[],
    mapping: readonly string[] | null | undefined,
  ) => {
    const result = matchOrganization(organizations, name, mapping);
    if (result.kind === 'matched' || result.kind === 'mapped-many') {
      const ids = result.kind === 'matched' ? [result.id] : result.ids;
      organizationSlugs.set(
        key,
        ids.map((id) => ref(organizations, id).slug),
      );
      summary.matchedOrganizations += 1;
      if (result.kind === 'matched') {
        if (result.method === 'variant')
          summary.inferredMatches.push({
            name,
            method: result.method,
            via: result.via,
            entity: ref(organizations, result.id),
          });
        aliasesToAdd.push({ slug: ref(organizations, result.id).slug, alias: name });
      }
    } else if (result.kind === 'ambiguous') {
      summary.ambiguousOrganizations.push({
        name,
        rows: rowNumbers,
        reason: result.reason,
        candidates: result.candidates.map((id) => ref(organizations, id)),
      });
    } else {
      const slug = uniqueSlug(
        slugFor(name, 'organization'),
        (candidate) => organizations.bySlug.has(candidate) || pendingSlugs.has(candidate),
      );
      pendingSlugs.add(slug);
      toCreate.push({ key, name, slug });
      organizationSlugs.set(key, [slug]);
    }
  };
  const deferred: { key: string; name: string; rows: number[]; mapping: readonly string[] }[] = [];
  for (const [key, { name, rows: rowNumbers }] of spellings) {
    const mapping = mappings.organizations.get(key);
    if (mapping?.some((slug) => !organizations.bySlug.has(slug)))
      deferred.push({ key, name, rows: rowNumbers, mapping });
    else resolveOrganization(key, name, rowNumbers, mapping);
  }
  // A mapping may name an organization this very import creates from another spelling (into an
  // empty graph, "Google DeepMind" → deepmind, made from "DeepMind"): the next run would see it,
  // so this one must too, or the second run would move edges around.
  const available = (slug: string) => organizations.bySlug.has(slug) || pendingSlugs.has(slug);
  let remaining = deferred;
  for (let progressed = true; progressed; ) {
    progressed = false;
    const next: typeof deferred = [];
    for (const entry of remaining) {
      const [only] = entry.mapping;
      if (entry.mapping.every(available)) {
        organizationSlugs.set(entry.key, [...entry.mapping]);
        if (entry.mapping.length === 1 && only !== undefined) aliasesToAdd.push({ slug: only, alias: entry.name });
      } else if (entry.mapping.length === 1 && only !== undefined && slugFor(entry.name, 'organization') === only) {
        // "Meta AI" → meta-ai: the spelling that gives the mapped slug creates it, so that the
        // other spellings mapped to it ("Facebook AI Research") join it whatever their order.
        warn(`mappings.yaml maps organization "${entry.name}" to "${only}", which is not in the graph: created it`);
        pendingSlugs.add(only);
        toCreate.push({ key: entry.key, name: entry.name, slug: only });
        organizationSlugs.set(entry.key, [only]);
      } else {
        next.push(entry);
        continue;
      }
      progressed = true;
    }
    remaining = next;
  }
  for (const { key, name, rows: rowNumbers, mapping } of remaining) {
    for (const slug of mapping.filter((slug) => !available(slug))) {
      warn(
        `mappings.yaml maps organization "${name}" to "${slug}", which is not in the graph: matched by the automatic rules instead`,
      );
    }
    resolveOrganization(key, name, rowNumbers, undefined);
  }

  let writes = 0;
  const steps = 6;
  progress('write', 0, steps);

  for (const chunk of chunks(toCreate)) {
    const created = await tx.organization.createManyAndReturn({
      data: chunk.map(({ slug, name }) => ({ slug, name })),
      select: { id: true, slug: true, name: true },
    });
    writes += 1;
    for (const organization of created) organizations.add(organization, []);
  }
  const organizationIds = new Map<string, number[]>(
    [...organizationSlugs].map(([key, slugs]) => [key, slugs.flatMap((slug) => organizations.bySlug.get(slug) ?? [])]),
  );
  summary.createdOrganizations = toCreate.length;
  const newOrganizationAliases: { organizationId: number; alias: string; normalized: string }[] = [];
  for (const { slug, alias } of aliasesToAdd) {
    const organizationId = organizations.bySlug.get(slug);
    const normalized = normalizeName(alias);
    const aliasKey = `${organizationId}:${normalized}`;
    if (
      organizationId === undefined ||
      normalized === '' ||
      organizations.knows(organizationId, alias) ||
      organizationAliasKeys.has(aliasKey)
    )
      continue;
    organizationAliasKeys.add(aliasKey);
    organizations.addNames(organizationId, [alias]);
    newOrganizationAliases.push({ organizationId, alias, normalized });
  }
  progress('write', 1, steps);

  // ── Models: create the new ones, record Epoch's spellings as aliases ────────────────────
  const takenModelSlugs = new Set<string>();
  const creating = plans.filter((plan): plan is Extract<RowPlan, { kind: 'create' }> => plan.kind === 'create');
  const newModels = creating.map((plan) => {
    const slug = uniqueSlug(
      slugFor(plan.row.englishName, 'model'),
      (candidate) => models.bySlug.has(candidate) || takenModelSlugs.has(candidate),
    );
    takenModelSlugs.add(slug);
    const fields = {
      parameters: null,
      releaseDate: null,
      ...followEpoch({ parameters: null, releaseDate: null }, plan.row, {}),
    };
    return { plan, data: { slug, name: plan.row.englishName, nameZh: plan.row.nameZh, ...fields } };
  });
  for (const chunk of chunks(newModels)) {
    const created = await tx.model.createManyAndReturn({
      data: chunk.map((entry) => entry.data),
      select: { id: true, slug: true, name: true, nameZh: true, parameters: true, releaseDate: true },
    });
    writes += 1;
    for (const model of created) {
      models.add(model, [model.nameZh]);
      modelInfo.set(model.id, { ...model, aliases: [] });
    }
  }
  for (const { plan, data } of newModels) plan.modelId = models.bySlug.get(data.slug);
  summary.createdModels = newModels.length;

  const modelIdOf = (plan: RowPlan): number | undefined =>
    plan.kind === 'existing' ? plan.modelId : plan.kind === 'create' ? plan.modelId : undefined;
  const newModelAliases: { modelId: number; alias: string; normalized: string }[] = [];
  for (const plan of imported) {
    const modelId = modelIdOf(plan);
    if (modelId === undefined) continue;
    if (plan.kind === 'existing') {
      summary.matchedModels += 1;
      summary.matchedModelsBy[plan.match.method] += 1;
      if (plan.match.method === 'variant' || plan.match.method === 'size') {
        summary.inferredMatches.push({
          row: plan.row.row,
          name: plan.row.name,
          method: plan.match.method,
          via: plan.match.via,
          entity: ref(models, modelId),
        });
      }
    }
    // The Epoch spelling as an alias: searchable, and the next import matches it by name.
    const normalized = normalizeName(plan.row.name);
    const aliasKey = `${modelId}:${normalized}`;
    if (normalized !== '' && !models.knows(modelId, plan.row.name) && !modelAliasKeys.has(aliasKey)) {
      modelAliasKeys.add(aliasKey);
      models.addNames(modelId, [plan.row.name]);
      newModelAliases.push({ modelId, alias: plan.row.name, normalized });
    }
  }
  summary.rowsImported = imported.length;
  for (const chunk of chunks(newModelAliases)) {
    await tx.modelAlias.createMany({ data: chunk });
    writes += 1;
  }
  for (const chunk of chunks(newOrganizationAliases)) {
    await tx.organizationAlias.createMany({ data: chunk });
    writes += 1;
  }
  summary.aliasesAdded = newModelAliases.length + newOrganizationAliases.length;
  progress('write', 2, steps);

  // ── Developers ──────────────────────────────────────────────────────────────────────────
  const developerKeys = new Set(graph.developers.map((edge) => `${edge.modelId}:${edge.organizationId}`));
  const epochDevelopers = new Map<number, number[]>();
  for (const edge of graph.developers) {
    if (edge.sourceId === sourceId)
      epochDevelopers.set(edge.modelId, [...(epochDevelopers.get(edge.modelId) ?? []), edge.organizationId]);
  }
  const newDevelopers: { modelId: number; organizationId: number; role: 'DEVELOPER'; sourceId: number }[] = [];
  const staleDevelopers: { modelId: number; organizationId: number }[] = [];
  for (const plan of imported) {
    const modelId = modelIdOf(plan);
    if (modelId === undefined) continue;
    const wanted = new Set(plan.row.organizations.flatMap((name) => organizationIds.get(matchKey(name)) ?? []));
    for (const organizationId of wanted) {
      const key = `${modelId}:${organizationId}`;
      if (developerKeys.has(key)) continue;
      developerKeys.add(key);
      newDevelopers.push({ modelId, organizationId, role: 'DEVELOPER', sourceId });
    }
    // Epoch no longer names this organization for the model (a newer snapshot): its edge goes.
    for (const organizationId of epochDevelopers.get(modelId) ?? []) {
      if (!wanted.has(organizationId)) staleDevelopers.push({ modelId, organizationId });
    }
  }
  for (const chunk of chunks(newDevelopers)) {
    await tx.modelDeveloper.createMany({ data: chunk });
    writes += 1;
  }
  for (const chunk of chunks(staleDevelopers, 200)) {
    await tx.modelDeveloper.deleteMany({ where: { OR: chunk, sourceId } });
    writes += 1;
  }
  summary.developersAdded = newDevelopers.length;
  summary.developersRemoved = staleDevelopers.length;
  progress('write', 3, steps);

  // ── Claims ──────────────────────────────────────────────────────────────────────────────
  type ExistingClaim = (typeof graph.claims)[number];
  const claimsAt = new Map<string, ExistingClaim[]>();
  for (const claim of graph.claims) {
    const key = `${claim.modelId}:${claim.property}`;
    claimsAt.set(key, [...(claimsAt.get(key) ?? []), claim]);
  }
  /** Models some other source speaks for: Epoch never sets their fields. */
  const citedByOthers = new Set([
    ...graph.claims.filter((claim) => claim.sourceId !== sourceId).map((claim) => claim.modelId),
    ...graph.developers.filter((edge) => edge.sourceId !== sourceId).map((edge) => edge.modelId),
    ...graph.lineage.filter((edge) => edge.sourceId !== sourceId).flatMap((edge) => [edge.childId, edge.parentId]),
  ]);
  const newClaims: Prisma.ClaimCreateManyInput[] = [];
  const claimUpdates: { id: number; data: Prisma.ClaimUpdateInput }[] = [];
  const staleClaims: number[] = [];
  const fieldUpdates = new Map<number, Partial<EpochFields>>();
  for (const plan of imported) {
    const modelId = modelIdOf(plan);
    if (modelId === undefined) continue;
    const slug = ref(models, modelId).slug;
    const desired = claimsOf(plan.row);
    for (const claim of desired) {
      const here = claimsAt.get(`${modelId}:${claim.property}`) ?? [];
      const existing = here.find((entry) => entry.sourceId === sourceId);
      if (!existing) {
        newClaims.push({ modelId, sourceId, ...claim });
      } else {
        const changes: ClaimChange['changes'][number][] = [];
        for (const field of ['value', 'confidence', 'locator', 'quote'] as const) {
          if ((existing[field] ?? null) !== claim[field])
            changes.push({ field, from: existing[field] ?? null, to: claim[field] });
        }
        if (changes.length === 0) {
          summary.claimsUnchanged += 1;
        } else {
          claimUpdates.push({
            id: existing.id,
            data: { value: claim.value, confidence: claim.confidence, locator: claim.locator, quote: claim.quote },
          });
          summary.claimsChanged.push({ row: plan.row.row, model: slug, property: claim.property, changes });
        }
      }
      const others = here.filter(
        (entry) => entry.sourceId !== sourceId && !claimValuesAgree(claim.property, entry.value, claim.value),
      );
      if (others.length > 0) {
        summary.conflicts.push({
          model: slug,
          property: claim.property,
          epoch: claim.value,
          others: others.map((other) => ({
            source: sourceSlug.get(other.sourceId) ?? String(other.sourceId),
            value: other.value,
          })),
        });
      }
    }
    // The fields of a model only Epoch speaks for follow this row, whether a value changed,
    // appeared or went blank (a field without a claim behind it would be unsourced).
    const model = modelInfo.get(modelId);
    if (model && !citedByOthers.has(modelId)) {
      const previousValue = (property: EpochProperty) =>
        claimsAt.get(`${modelId}:${property}`)?.find((entry) => entry.sourceId === sourceId)?.value;
      const changes = followEpoch(model, plan.row, {
        PARAMETERS: previousValue('PARAMETERS'),
        RELEASE_DATE: previousValue('RELEASE_DATE'),
      });
      if (Object.keys(changes).length > 0) fieldUpdates.set(modelId, changes);
    }
    const given = new Set(desired.map((claim) => claim.property));
    for (const property of PROPERTIES) {
      if (given.has(property)) continue;
      const stale = claimsAt.get(`${modelId}:${property}`)?.find((entry) => entry.sourceId === sourceId);
      if (stale) {
        staleClaims.push(stale.id);
        summary.claimsRemoved.push({ row: plan.row.row, model: slug, property, value: stale.value });
      }
    }
  }
  summary.conflicts.sort((a, b) => compareText(a.model, b.model) || compareText(a.property, b.property));
  for (const chunk of chunks(newClaims)) {
    await tx.claim.createMany({ data: chunk });
    writes += 1;
  }
  for (const update of claimUpdates) {
    await tx.claim.update({ where: { id: update.id }, data: update.data });
    writes += 1;
  }
  for (const chunk of chunks(staleClaims)) {
    await tx.claim.deleteMany({ where: { id: { in: chunk } } });
    writes += 1;
  }
  for (const [id, data] of fieldUpdates) {
    await tx.model.update({ where: { id }, data });
    writes += 1;
  }
  summary.claimsAdded = newClaims.length;
  progress('write', 4, steps);

  // ── Lineage: `Base model` ───────────────────────────────────────────────────────────────
  const planOfKey = new Map<string, RowPlan>();
  for (const plan of plans) {
    planOfKey.set(plan.row.key, plan);
    const englishKey = matchKey(plan.row.englishName);
    if (!planOfKey.has(englishKey)) planOfKey.set(englishKey, plan);
  }
  const rejectedRowOfKey = new Map<string, number>();
  for (const problem of summary.rejected) {
    if (problem.model && problem.row !== undefined) rejectedRowOfKey.set(matchKey(problem.model), problem.row);
  }
  const ambiguousRows = new Set(summary.ambiguous.map((entry) => entry.row));
  const duplicateOf = new Map(summary.duplicates.map((entry) => [entry.row, entry.firstRow]));
  const planOfRow = new Map(plans.map((plan) => [plan.row.row, plan]));
  /** Models Epoch rows stand for: the fuzzy rules may not give a base model name one of them. */
  const rowModels = new Set([...epochOwned, ...imported.flatMap((plan) => modelIdOf(plan) ?? [])]);

  const resolveBase = (name: string): { id: number } | { reason: string } => {
    const key = matchKey(name);
    let plan = planOfKey.get(key);
    if (plan?.kind === 'skip') {
      if (ambiguousRows.has(plan.row.row)) return { reason: `its row ${plan.row.row} is ambiguous and was left out` };
      const first = duplicateOf.get(plan.row.row);
      plan = first === undefined ? undefined : planOfRow.get(first);
    }
    const id = plan ? modelIdOf(plan) : undefined;
    if (id !== undefined) return { id };
    const rejected = rejectedRowOfKey.get(key);
    if (rejected !== undefined) return { reason: `its row ${rejected} was rejected` };
    const mapping = mappings.models.get(key);
    const result = matchModel(models, { name, mapping }, rowModels);
    if (result.kind === 'matched') return { id: result.id };
    if (result.kind === 'ambiguous')
      return {
        reason: `${result.reason}: ${result.candidates.map((candidate) => ref(models, candidate).slug).join(', ')}`,
      };
    return { reason: 'no row of the file and no model of the graph has this name' };
  };

  const edgesOfChild = new Map<number, (typeof graph.lineage)[number][]>();
  for (const edge of graph.lineage) edgesOfChild.set(edge.childId, [...(edgesOfChild.get(edge.childId) ?? []), edge]);
  const candidates: {
    edge: Prisma.ModelLineageCreateManyInput & { childId: number; parentId: number };
    row: EpochRow;
    baseModel: string;
  }[] = [];
  const edgeUpdates: { id: number; kind: 'FINE_TUNED_FROM' | 'BASED_ON' }[] = [];
  const staleEdges: number[] = [];
  for (const plan of imported) {
    const childId = modelIdOf(plan);
    if (childId === undefined) continue;
    const kind = plan.row.fineTuned ? 'FINE_TUNED_FROM' : 'BASED_ON';
    const existing = edgesOfChild.get(childId) ?? [];
    const kept = new Set<number>();
    for (const base of plan.row.baseModels) {
      const resolved = resolveBase(base);
      if ('reason' in resolved) {
        summary.unknownBaseModels.push({
          row: plan.row.row,
          model: plan.row.name,
          baseModel: base,
          reason: resolved.reason,
        });
        continue;
      }
      const parentId = resolved.id;
      if (parentId === childId) {
        summary.invalidBaseModels.push({
          row: plan.row.row,
          model: plan.row.name,
          baseModel: base,
          reason: 'it names the row itself',
        });
        continue;
      }
      // Another source's edge between the same models, of any kind, already says it (the curated
      // "instruction-tuned from" is more precise than Epoch's "fine-tuned from"): no parallel edge.
      const same = existing.find(
        (edge) => edge.parentId === parentId && (edge.kind === kind || edge.sourceId !== sourceId),
      );
      if (same) {
        kept.add(same.id);
        if (same.sourceId === sourceId) summary.lineageUnchanged += 1;
        else summary.lineageKnownFromOtherSources += 1;
        continue;
      }
      const other = existing.find(
        (edge) => edge.parentId === parentId && edge.sourceId === sourceId && !kept.has(edge.id),
      );
      if (other) {
        // Epoch now gives (or no longer gives) a fine-tuning compute: same edge, other kind.
        kept.add(other.id);
        edgeUpdates.push({ id: other.id, kind });
        summary.lineageChanged += 1;
        continue;
      }
      if (candidates.some(({ edge }) => edge.childId === childId && edge.parentId === parentId)) continue;
      candidates.push({ edge: { childId, parentId, kind, sourceId }, row: plan.row, baseModel: base });
    }
    for (const edge of existing) {
      if (edge.sourceId === sourceId && !kept.has(edge.id)) staleEdges.push(edge.id);
    }
  }
  // Lineage must stay a DAG: queries walk ancestors, and "A is based on B is based on A" says
  // nothing true. The graph as it will be (every source's edges, without the Epoch edges about to
  // go) takes the new edges in row order; one that would close a cycle is dropped and reported.
  const stale = new Set(staleEdges);
  const parentsOf = new Map<number, number[]>();
  const link = (childId: number, parentId: number) =>
    parentsOf.set(childId, [...(parentsOf.get(childId) ?? []), parentId]);
  for (const edge of graph.lineage) if (!stale.has(edge.id)) link(edge.childId, edge.parentId);
  /** The ancestors from `from` up to `to` ([from, …, to]), or undefined when `to` is not an ancestor. */
  const ancestry = (from: number, to: number): number[] | undefined => {
    const cameFrom = new Map<number, number>([[from, from]]);
    const queue = [from];
    for (let at = 0; at < queue.length; at += 1) {
      const current = queue[at] as number;
      if (current === to) {
        const path = [to];
        while ((path[0] as number) !== from) path.unshift(cameFrom.get(path[0] as number) as number);
        return path;
      }
      for (const parent of parentsOf.get(current) ?? []) {
        if (!cameFrom.has(parent)) {
          cameFrom.set(parent, current);
          queue.push(parent);
        }
      }
    }
    return undefined;
  };
  const newEdges: Prisma.ModelLineageCreateManyInput[] = [];
  for (const { edge, row, baseModel } of candidates) {
    const cycle = ancestry(edge.parentId, edge.childId);
    if (cycle) {
      const path = [edge.childId, ...cycle].map((id) => ref(models, id).slug).join(' → ');
      summary.invalidBaseModels.push({
        row: row.row,
        model: row.name,
        baseModel,
        reason: `it would close a lineage cycle (${path}; → reads "is based on")`,
      });
      continue;
    }
    link(edge.childId, edge.parentId);
    newEdges.push(edge);
  }
  for (const chunk of chunks(newEdges)) {
    await tx.modelLineage.createMany({ data: chunk });
    writes += 1;
  }
  for (const update of edgeUpdates) {
    await tx.modelLineage.update({ where: { id: update.id }, data: { kind: update.kind } });
    writes += 1;
  }
  for (const chunk of chunks(staleEdges)) {
    await tx.modelLineage.deleteMany({ where: { id: { in: chunk } } });
    writes += 1;
  }
  summary.lineageAdded = newEdges.length;
  summary.lineageRemoved = staleEdges.length;
  progress('write', 5, steps);

  // Search must never see a half-written import: rebuilt inside the same transaction.
  if (writes > 0 || summary.source.created || summary.source.updated) {
    await rebuildSearchIndex(tx);
    summary.changed = true;
  }
  progress('write', steps, steps);
}
