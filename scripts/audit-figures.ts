/**
 * Data-quality figures of a graph: what `npm run audit:data` prints and test/audit.test.ts holds
 * against the committed baseline (seed/data/audit-baseline.json).
 *
 * Every figure is a count where lower is better, with the worst examples (at most
 * {@link EXAMPLE_LIMIT}). Some are invariants that must be 0 whatever the data: the write layer
 * derives preferred values and ranks from the claims, a speculative claim is never preferred
 * unless a curator says so, and a lineage walk follows associations only when asked. The others
 * measure what curation has still to do, and may only go down.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAPPINGS_FILE, loadEpochMappings } from '../seed/epoch/mappings.js';
import { matchKey, trailingParenthetical } from '../seed/epoch/reconcile.js';
import type { Database } from '../src/db/client.js';
import { valuesDisagree } from '../src/domain/claims.js';
import type { ClaimProperty, OrganizationProperty } from '../src/domain/enums.js';
import { followedLineageKinds, LINEAGE_KINDS } from '../src/domain/lineage-kinds.js';
import { compareText } from '../src/domain/normalize.js';
import { type RankableClaim, rankClaims } from '../src/domain/ranking.js';
import { preferredFields, RANKED_CLAIM_SELECT } from '../src/graph/preferred.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { LineageGraph, MAX_LINEAGE_DEPTH } from '../src/schema/lineage.js';

/** At most this many examples per figure. */
export const EXAMPLE_LIMIT = 10;

/** What each figure counts; `invariant`: must be 0 on any graph. Lower is better for every figure. */
export const AUDIT_FIGURES = {
  organizationsWithoutCountry: { label: 'organizations without a country', invariant: false },
  organizationsOfKindOther: { label: 'organizations of kind OTHER', invariant: false },
  modelsWithoutDeveloper: { label: 'models without a developer', invariant: false },
  modelsWithoutReleaseDate: { label: 'models without a release date', invariant: false },
  chineseOrganizationsWithoutNameZh: { label: 'organizations of country CN without a Chinese name', invariant: false },
  chineseModelsWithoutNameZh: {
    label: 'models developed by an organization of country CN without a Chinese name',
    invariant: false,
  },
  preferredValuesOffClaims: {
    label: 'preferred values or claim ranks that re-ranking the claims does not give',
    invariant: true,
  },
  claimsWithoutRankReason: { label: 'claims without a rank reason', invariant: true },
  speculativePreferredUnmarked: {
    label: "speculative claims preferred without a curator's mark",
    invariant: true,
  },
  duplicateOrganizationCandidates: { label: 'candidate duplicate organizations (pairs)', invariant: false },
  duplicateModelCandidates: { label: 'candidate duplicate models (pairs)', invariant: false },
  associationEdgesWalkedByDefault: {
    label: 'association lineage edges a default lineage walk follows',
    invariant: true,
  },
  lineageParentReleasedAfterChild: {
    label: 'lineage edges whose parent is released after its child',
    invariant: false,
  },
  modelsWithDisagreements: { label: 'models whose sources disagree', invariant: false },
} as const satisfies Record<string, { label: string; invariant: boolean }>;

export type AuditFigureName = keyof typeof AUDIT_FIGURES;

/** A count and its worst examples, one line of text each. */
export type AuditFigure = Readonly<{ count: number; examples: readonly string[] }>;

export type AuditFigures = { readonly [Name in AuditFigureName]: AuditFigure };

/** The figures' names, in the order they are printed. */
export const AUDIT_FIGURE_NAMES = Object.keys(AUDIT_FIGURES) as AuditFigureName[];

/** Sorted items → the figure: their count and the first {@link EXAMPLE_LIMIT} as examples. */
function figure(examples: readonly string[]): AuditFigure {
  return { count: examples.length, examples: examples.slice(0, EXAMPLE_LIMIT) };
}

/** Orders by a numeric key, largest first (nulls last), then by text. */
function worstFirst<T>(items: T[], weight: (item: T) => number | bigint | null, text: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const x = weight(a);
    const y = weight(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return x > y ? -1 : 1;
    }
    return compareText(text(a), text(b));
  });
}

/** A trailing company or institution word: "DeepSeek AI" is "DeepSeek" plus "AI". */
const INSTITUTION_SUFFIX =
  /[\s,-]+(?:ai|a\.i\.|lab|labs|laboratory|laboratories|university|research|inc\.?|ltd\.?|co\.?|corp\.?|corporation|group|technologies|technology|team)$/i;

/**
 * A name folded for comparing: `normalizeName` (src/domain/normalize.ts), except that "+" counts
 * ("DeepLabV3+" and "DeepLabV3" are two models of Epoch's snapshot), as the Epoch import compares
 * names (`matchKey`).
 */
const nameKey = matchKey;

/** The folded forms of a name that make another entity of the folded name a candidate duplicate. */
function nameVariants(name: string): Set<string> {
  const stem = trailingParenthetical(name)?.stem;
  const variants = [stem, name.replace(INSTITUTION_SUFFIX, ''), stem?.replace(INSTITUTION_SUFFIX, '')];
  const own = nameKey(name);
  return new Set(
    variants
      .filter((variant): variant is string => variant !== undefined)
      .map(nameKey)
      .filter((key) => key !== '' && key !== own),
  );
}

type Named = { id: number; slug: string; name: string; aliases: { alias: string }[] };

/**
 * Pairs of entities whose folded names are equal, or where one's name is the other's plus a
 * trailing parenthetical or an institution word; without the pairs `skip` rules out.
 */
function duplicateCandidates<E extends Named>(
  entities: readonly E[],
  skip: (a: E, b: E) => boolean,
  weight: (a: E, b: E) => number | bigint | null,
): string[] {
  const byName = new Map<string, E[]>();
  for (const entity of entities) {
    const key = nameKey(entity.name);
    if (key !== '') byName.set(key, [...(byName.get(key) ?? []), entity]);
  }
  const pairs = new Map<string, { a: E; b: E; why: string }>();
  const add = (a: E, b: E, why: string) => {
    if (a.id === b.id || skip(a, b)) return;
    const [first, second] = a.id < b.id ? [a, b] : [b, a];
    const key = `${first.id}:${second.id}`;
    if (!pairs.has(key)) pairs.set(key, { a: first, b: second, why });
  };
  for (const group of byName.values())
    for (const a of group) for (const b of group) if (a.id < b.id) add(a, b, 'the same name');
  for (const entity of entities)
    for (const variant of nameVariants(entity.name))
      for (const other of byName.get(variant) ?? [])
        add(entity, other, `"${entity.name}" is "${other.name}" plus more`);
  return worstFirst(
    [...pairs.values()],
    ({ a, b }) => weight(a, b),
    ({ a, b }) => `${a.slug} ${b.slug}`,
  ).map(({ a, b, why }) => `${a.slug} ("${a.name}") ~ ${b.slug} ("${b.name}"): ${why}`);
}

/** The last day a date of this precision may stand for: 2021-05 (MONTH) → 2021-05-31. */
function lastDay(date: Date, precision: string | null): Date {
  const year = date.getUTCFullYear();
  if (precision === 'YEAR') return new Date(Date.UTC(year, 11, 31));
  if (precision === 'MONTH') return new Date(Date.UTC(year, date.getUTCMonth() + 1, 0));
  return date;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** A claim of either table, as the audit reads it. */
type StoredClaim = RankableClaim & { subjectId: number; property: string; rank: string; rankReason: string | null };

/** Groups claims by subject, then property, in id order (as the write layer ranks them). */
function claimsBySubject(claims: readonly StoredClaim[]): Map<number, Map<string, StoredClaim[]>> {
  const bySubject = new Map<number, Map<string, StoredClaim[]>>();
  for (const claim of [...claims].sort((a, b) => a.id - b.id)) {
    const properties = bySubject.get(claim.subjectId) ?? new Map<string, StoredClaim[]>();
    properties.set(claim.property, [...(properties.get(claim.property) ?? []), claim]);
    bySubject.set(claim.subjectId, properties);
  }
  return bySubject;
}

/**
 * Re-ranks every subject's claims with the one rule and lists where the stored ranks, reasons
 * or preferred fields differ from what it gives.
 */
function offClaims(
  kind: 'model' | 'organization',
  subjects: readonly ({ id: number; slug: string } & Record<string, unknown>)[],
  claims: readonly StoredClaim[],
  fields: (preferred: ReadonlyMap<string, string>) => Record<string, unknown>,
): string[] {
  const bySubject = claimsBySubject(claims);
  const found: string[] = [];
  const shown = (value: unknown) =>
    value instanceof Date ? day(value) : value === null || value === undefined ? 'null' : String(value);
  for (const subject of subjects) {
    const preferred = new Map<string, string>();
    for (const [property, ofProperty] of bySubject.get(subject.id) ?? []) {
      const { rankings, preferred: chosen } = rankClaims(property as ClaimProperty | OrganizationProperty, ofProperty);
      if (chosen) preferred.set(property, chosen.value);
      rankings.forEach((ranking, index) => {
        const claim = ofProperty[index] as StoredClaim;
        if (claim.rank !== ranking.rank || claim.rankReason !== ranking.reason) {
          found.push(
            `${kind} ${subject.slug} ${property} claim of ${claim.source.slug}: stored ${claim.rank} (${claim.rankReason === null ? 'no reason' : `"${claim.rankReason}"`}), the rule gives ${ranking.rank} ("${ranking.reason}")`,
          );
        }
      });
    }
    for (const [field, value] of Object.entries(fields(preferred))) {
      if (shown(subject[field]) !== shown(value)) {
        found.push(
          `${kind} ${subject.slug} ${field}: stored ${shown(subject[field])}, its claims give ${shown(value)}`,
        );
      }
    }
  }
  return found;
}

/** The database an audit reads: its Prisma client and its store. */
export type AuditedDatabase = Pick<Database, 'prisma' | 'store'>;

/** Computes every figure of {@link AUDIT_FIGURES} on a database, reading it only. */
export async function auditFigures(
  database: AuditedDatabase,
  options: { mappingsFile?: string } = {},
): Promise<AuditFigures> {
  const { prisma } = database;
  const [organizations, models, modelClaims, organizationClaims, lineage, redirects] = await Promise.all([
    prisma.organization.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        nameZh: true,
        country: true,
        kind: true,
        parentId: true,
        aliases: { select: { alias: true } },
        _count: { select: { models: true } },
      },
      orderBy: { id: 'asc' },
    }),
    prisma.model.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        nameZh: true,
        parameters: true,
        releaseDate: true,
        releaseDatePrecision: true,
        openWeights: true,
        aliases: { select: { alias: true } },
        developers: { select: { organization: { select: { country: true } } } },
      },
      orderBy: { id: 'asc' },
    }),
    prisma.claim.findMany({ select: { ...RANKED_CLAIM_SELECT, modelId: true } }),
    prisma.organizationClaim.findMany({ select: { ...RANKED_CLAIM_SELECT, organizationId: true } }),
    database.store.lineageEdges(),
    prisma.slugRedirect.findMany({
      select: { entityType: true, fromSlug: true, modelId: true, organizationId: true },
    }),
  ]);
  const mappings = loadEpochMappings(options.mappingsFile ?? DEFAULT_MAPPINGS_FILE);
  const modelById = new Map(models.map((model) => [model.id, model]));

  const ofModels = (model: (typeof organizations)[number]) => model._count.models;
  const organizationList = (items: typeof organizations) =>
    worstFirst(items, ofModels, (item) => item.slug).map(
      (item) => `${item.slug} ("${item.name}", ${item._count.models} model${item._count.models === 1 ? '' : 's'})`,
    );
  const modelList = (items: typeof models) =>
    worstFirst(
      items,
      (item) => item.parameters,
      (item) => item.slug,
    ).map(
      (item) => `${item.slug} ("${item.name}"${item.parameters === null ? '' : `, ${item.parameters} parameters`})`,
    );

  // ── Claims and what is derived from them ─────────────────────────────────────────────────
  const storedModelClaims: StoredClaim[] = modelClaims.map(({ modelId, ...claim }) => ({
    ...claim,
    subjectId: modelId,
  }));
  const storedOrganizationClaims: StoredClaim[] = organizationClaims.map(({ organizationId, ...claim }) => ({
    ...claim,
    subjectId: organizationId,
  }));
  const preferredOff = [
    ...offClaims('model', models, storedModelClaims, (preferred) =>
      preferredFields(preferred as ReadonlyMap<ClaimProperty, string>),
    ),
    // As the write layer derives them (src/graph/preferred.ts): an organization no claim gives a
    // kind to is OTHER.
    ...offClaims('organization', organizations, storedOrganizationClaims, (preferred) => ({
      country: preferred.get('COUNTRY') ?? null,
      kind: preferred.get('KIND') ?? 'OTHER',
    })),
  ];
  const subjectSlug = (claim: StoredClaim, table: 'model' | 'organization') =>
    table === 'model'
      ? (modelById.get(claim.subjectId)?.slug ?? String(claim.subjectId))
      : (organizations.find((organization) => organization.id === claim.subjectId)?.slug ?? String(claim.subjectId));
  const tagged = [
    ...storedModelClaims.map((claim) => ({ claim, table: 'model' as const })),
    ...storedOrganizationClaims.map((claim) => ({ claim, table: 'organization' as const })),
  ];
  const withoutReason = tagged
    .filter(({ claim }) => claim.rankReason === null)
    .map(({ claim, table }) => `${table} ${subjectSlug(claim, table)} ${claim.property} claim of ${claim.source.slug}`);
  const speculative = tagged
    .filter(
      ({ claim }) =>
        claim.rank === 'PREFERRED' && claim.confidence === 'SPECULATIVE' && claim.assertedRank !== 'PREFERRED',
    )
    .map(
      ({ claim, table }) =>
        `${table} ${subjectSlug(claim, table)} ${claim.property} = ${claim.value} (${claim.source.slug})`,
    );

  // ── Candidate duplicates ─────────────────────────────────────────────────────────────────
  // Checked non-matches of mappings.yaml: an entity known by such a name was looked at and is
  // its own. Merged pairs leave a slug redirect from one to the other.
  const checkedModels = new Set([...mappings.models].filter(([, target]) => target === null).map(([key]) => key));
  const checkedOrganizations = new Set(
    [...mappings.organizations].filter(([, target]) => target === null).map(([key]) => key),
  );
  const isChecked = (entity: Named, checked: ReadonlySet<string>) =>
    [entity.name, ...entity.aliases.map((alias) => alias.alias)].some((name) => checked.has(matchKey(name)));
  const merged = new Set(
    redirects.map(
      (redirect) => `${redirect.entityType}:${redirect.fromSlug}:${redirect.modelId ?? redirect.organizationId}`,
    ),
  );
  const wasMerged = (type: 'MODEL' | 'ORGANIZATION', a: Named, b: Named) =>
    merged.has(`${type}:${a.slug}:${b.id}`) || merged.has(`${type}:${b.slug}:${a.id}`);
  // Two entities the graph relates (an organization and its parent, a model and its lineage
  // parent) are known to be two.
  const linked = new Set(
    lineage.flatMap((edge) => [`${edge.childId}:${edge.parentId}`, `${edge.parentId}:${edge.childId}`]),
  );
  const duplicateOrganizations = duplicateCandidates(
    organizations,
    (a, b) =>
      wasMerged('ORGANIZATION', a, b) ||
      isChecked(a, checkedOrganizations) ||
      isChecked(b, checkedOrganizations) ||
      a.parentId === b.id ||
      b.parentId === a.id,
    (a, b) => a._count.models + b._count.models,
  );
  const duplicateModels = duplicateCandidates(
    models,
    (a, b) =>
      wasMerged('MODEL', a, b) ||
      isChecked(a, checkedModels) ||
      isChecked(b, checkedModels) ||
      linked.has(`${a.id}:${b.id}`),
    // The larger model of the pair first.
    (a, b) => ((a.parameters ?? -1n) > (b.parameters ?? -1n) ? a.parameters : b.parameters),
  );

  // ── Lineage ──────────────────────────────────────────────────────────────────────────────
  const byDefault = followedLineageKinds({});
  const graph = new LineageGraph(lineage);
  const walked = new Set<number>();
  for (const model of models) {
    for (const direction of ['UP', 'DOWN'] as const) {
      for (const hit of graph.walk(model.id, { direction, maxDepth: MAX_LINEAGE_DEPTH })) {
        for (const id of hit.edgeIds) walked.add(id);
      }
    }
  }
  const edgeText = (edge: (typeof lineage)[number]) =>
    `${modelById.get(edge.childId)?.slug} ${edge.kind} ${modelById.get(edge.parentId)?.slug}`;
  const associationsWalked = lineage
    .filter((edge) => LINEAGE_KINDS[edge.kind].relation === 'ASSOCIATION')
    .filter((edge) => byDefault.has(edge.kind) || walked.has(edge.id))
    .map(edgeText)
    .sort(compareText);
  const inverted = lineage.flatMap((edge) => {
    const child = modelById.get(edge.childId);
    const parent = modelById.get(edge.parentId);
    if (!child?.releaseDate || !parent?.releaseDate) return [];
    // After for certain: the parent's first possible day is after the child's last.
    const days =
      (parent.releaseDate.getTime() - lastDay(child.releaseDate, child.releaseDatePrecision).getTime()) / 86_400_000;
    return days > 0 ? [{ edge, days, child, parent }] : [];
  });
  const lineageInverted = worstFirst(
    inverted,
    (item) => item.days,
    (item) => edgeText(item.edge),
  ).map(
    ({ edge, days, child, parent }) =>
      `${edgeText(edge)}: parent ${day(parent.releaseDate as Date)}, child ${day(child.releaseDate as Date)} (${days} days)`,
  );

  // ── Disagreements, as Model.disagreements finds them ─────────────────────────────────────
  const disagreements = new Map<number, string[]>();
  for (const [modelId, properties] of claimsBySubject(storedModelClaims)) {
    for (const [property, claims] of properties) {
      const values = [...new Set(claims.map((claim) => claim.value))];
      if (valuesDisagree(property, values)) {
        disagreements.set(modelId, [...(disagreements.get(modelId) ?? []), `${property} ${values.join(' | ')}`]);
      }
    }
  }
  const disagreeing = worstFirst(
    [...disagreements],
    ([, properties]) => properties.length,
    ([modelId]) => modelById.get(modelId)?.slug ?? '',
  ).map(([modelId, properties]) => `${modelById.get(modelId)?.slug}: ${properties.join('; ')}`);

  return {
    organizationsWithoutCountry: figure(organizationList(organizations.filter((item) => item.country === null))),
    organizationsOfKindOther: figure(organizationList(organizations.filter((item) => item.kind === 'OTHER'))),
    modelsWithoutDeveloper: figure(modelList(models.filter((item) => item.developers.length === 0))),
    modelsWithoutReleaseDate: figure(modelList(models.filter((item) => item.releaseDate === null))),
    chineseOrganizationsWithoutNameZh: figure(
      organizationList(organizations.filter((item) => item.country === 'CN' && !item.nameZh)),
    ),
    chineseModelsWithoutNameZh: figure(
      modelList(
        models.filter(
          (item) => !item.nameZh && item.developers.some((developer) => developer.organization.country === 'CN'),
        ),
      ),
    ),
    preferredValuesOffClaims: figure(preferredOff),
    claimsWithoutRankReason: figure(withoutReason),
    speculativePreferredUnmarked: figure(speculative),
    duplicateOrganizationCandidates: figure(duplicateOrganizations),
    duplicateModelCandidates: figure(duplicateModels),
    associationEdgesWalkedByDefault: figure(associationsWalked),
    lineageParentReleasedAfterChild: figure(lineageInverted),
    modelsWithDisagreements: figure(disagreeing),
  };
}

// ── The baseline ───────────────────────────────────────────────────────────────────────────

/** The committed counts the figures may not exceed. */
export const BASELINE_FILE = join(PROJECT_ROOT, 'seed', 'data', 'audit-baseline.json');

export type AuditBaseline = { readonly [Name in AuditFigureName]?: number };

const BASELINE_COMMENT =
  'Counts of `npm run audit:data` on the graph `npm start` builds; test/audit.test.ts fails when a figure is higher. After curation lowers (or, on purpose, raises) a figure: npm run audit:data -- --write-baseline';

/** Reads the baseline's counts (none when the file does not exist yet). */
export function readBaseline(file: string = BASELINE_FILE): AuditBaseline {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { figures?: Record<string, unknown> };
  const counts: Partial<Record<AuditFigureName, number>> = {};
  for (const [name, count] of Object.entries(parsed.figures ?? {})) {
    if (name in AUDIT_FIGURES && typeof count === 'number') counts[name as AuditFigureName] = count;
  }
  return counts;
}

/** Writes the figures' counts as the new baseline. */
export function writeBaseline(figures: AuditFigures, file: string = BASELINE_FILE): void {
  const counts = Object.fromEntries(AUDIT_FIGURE_NAMES.map((name) => [name, figures[name].count]));
  writeFileSync(file, `${JSON.stringify({ $comment: BASELINE_COMMENT, figures: counts }, null, 2)}\n`);
}

/** What is wrong with the figures: an invariant above 0, a figure above its baseline or without one. */
export function auditProblems(figures: AuditFigures, baseline: AuditBaseline): string[] {
  const problems: string[] = [];
  for (const name of AUDIT_FIGURE_NAMES) {
    const { label, invariant } = AUDIT_FIGURES[name];
    const { count, examples } = figures[name];
    const shown = examples.length > 0 ? `; e.g. ${examples.join('; ')}` : '';
    const allowed = baseline[name];
    if (invariant && count > 0) problems.push(`${label} (${name}): must be 0, is ${count}${shown}`);
    else if (allowed === undefined) problems.push(`${label} (${name}): no baseline (is ${count})`);
    else if (count > allowed)
      problems.push(`${label} (${name}): worse than the baseline ${allowed}, is ${count}${shown}`);
  }
  return problems;
}

/** Figures now lower than the baseline: the baseline can be lowered to hold the gain. */
export function auditImprovements(figures: AuditFigures, baseline: AuditBaseline): string[] {
  return AUDIT_FIGURE_NAMES.flatMap((name) => {
    const allowed = baseline[name];
    const { count } = figures[name];
    return allowed !== undefined && count < allowed
      ? [`${AUDIT_FIGURES[name].label} (${name}): ${count}, baseline ${allowed}`]
      : [];
  });
}

/** One line per figure (label, count, baseline, examples). */
export function formatFigures(figures: AuditFigures, baseline: AuditBaseline = {}): string[] {
  return AUDIT_FIGURE_NAMES.map((name) => {
    const { label, invariant } = AUDIT_FIGURES[name];
    const { count, examples } = figures[name];
    const allowed = baseline[name];
    const against = invariant ? ' (must be 0)' : allowed === undefined ? '' : ` (baseline ${allowed})`;
    return `${label}: ${count}${against}${examples.length > 0 ? ` — e.g. ${examples.join('; ')}` : ''}`;
  });
}
