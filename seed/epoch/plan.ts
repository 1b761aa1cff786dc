/**
 * The Epoch import as a plan: the graph as it stands (a read-only view) and the rows of the file
 * become the changes the import intends, in the write layer's terms (slugs, never ids), and what
 * the report will say about them. Pure: nothing here touches the database, so every decision
 * (which row is which model, what is created, which values change, which edges go) can be
 * tested on hand-made views, and a bad decision is never half-written.
 *
 * New organizations and models get provisional negative ids while planning, so that the name
 * rules see them exactly as they will be; the plan names everything by slug.
 */
import { createHash } from 'node:crypto';
import { claimValuesAgree } from '../../src/domain/claims.js';
import { dateValue, formatDate } from '../../src/domain/dates.js';
import type { ClaimProperty, Confidence, Domain, LineageKind, OrganizationProperty } from '../../src/domain/enums.js';
import { compareText, normalizeName, slugify } from '../../src/domain/normalize.js';
import type {
  AliasInput,
  ClaimInput,
  ClaimKey,
  DeveloperInput,
  DeveloperKey,
  LineageInput,
  LineageKey,
  MembershipKey,
  ModelDomainInput,
  ModelInput,
  ModelTaskInput,
  ModelTaskKey,
  ModelUpdate,
  OrganizationClaimInput,
  OrganizationClaimKey,
  OrganizationInput,
  OrganizationUpdate,
  SourceInput,
} from '../../src/graph/index.js';
import type { RowModel } from './articles.js';
import type { EpochRow } from './csv.js';
import type { EpochMappings } from './mappings.js';
import { type MatchResult, matchKey, matchModel, matchOrganization, NameIndex } from './reconcile.js';
import type {
  AmbiguousOrganization,
  AmbiguousRow,
  Conflict,
  DuplicateRow,
  EntityRef,
  EpochProperty,
  InferredMatch,
  InvalidBaseModel,
  OrganizationFactConflict,
  UnalignedFacts,
  UnknownBaseModel,
} from './summary.js';

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

/** The claim properties Epoch's rows give, in the order a row's claims are written. */
export const EPOCH_PROPERTIES: readonly EpochProperty[] = [
  'PARAMETERS',
  'RELEASE_DATE',
  'TRAINING_COMPUTE',
  'COUNTRY',
  'ACCESSIBILITY',
];

/** The graph as the plan needs it, read once in the import's transaction (see ./view.ts). */
export type EpochGraphView = Readonly<{
  /** The Epoch source, when an earlier import made it. */
  epochSource: Readonly<{ id: number; snapshotDate: Date | null }> | null;
  sources: readonly { id: number; slug: string }[];
  models: readonly {
    id: number;
    slug: string;
    name: string;
    nameZh: string | null;
    parameters: bigint | null;
    releaseDate: Date | null;
    aliases: readonly { alias: string; normalized: string }[];
  }[];
  organizations: readonly {
    id: number;
    slug: string;
    name: string;
    nameZh: string | null;
    aliases: readonly { alias: string; normalized: string }[];
  }[];
  /** The domains Epoch gave models (ModelDomain rows cited to it). */
  domains: readonly { modelId: number; domain: Domain }[];
  /** The tasks Epoch gave models (ModelTask rows cited to it). */
  tasks: readonly { modelId: number; task: string }[];
  /** Epoch's claims of organizations' country and kind. */
  organizationClaims: readonly { organizationId: number; property: OrganizationProperty; value: string }[];
  /** Claims of the properties Epoch gives, from every source. */
  claims: readonly {
    modelId: number;
    property: ClaimProperty;
    sourceId: number;
    value: string;
  }[];
  lineage: readonly { childId: number; parentId: number; kind: LineageKind; sourceId: number | null }[];
  developers: readonly { modelId: number; organizationId: number; sourceId: number | null }[];
}>;

/** A claim the plan puts, with the row it comes from. */
export type PlannedClaim = ClaimInput & { row: number };

/** What the import intends, in write order, and what its report says about the rows. */
export type EpochPlan = {
  source: SourceInput;
  organizations: OrganizationInput[];
  organizationAliases: AliasInput[];
  models: ModelInput[];
  /** Chinese names the mappings give models that have none (`names.models`). */
  modelUpdates: ModelUpdate[];
  /** Chinese names the mappings give organizations that have none (`names.organizations`). */
  organizationUpdates: OrganizationUpdate[];
  modelAliases: AliasInput[];
  developers: { link: DeveloperInput[]; unlink: DeveloperKey[] };
  /** The domains each row's `Domain` gives its model; Epoch's earlier ones a row dropped go. */
  domains: { link: ModelDomainInput[]; unlink: MembershipKey<'domain'>[] };
  /** The tasks each row's `Task` gives its model; Epoch's earlier ones a row dropped go. */
  tasks: { link: ModelTaskInput[]; unlink: ModelTaskKey[] };
  /** The country and kind of organizations, as their rows give them. */
  organizationClaims: { put: OrganizationClaimInput[]; retract: (OrganizationClaimKey & { value: string })[] };
  claims: { put: PlannedClaim[]; retract: (ClaimKey & { row: number; value: string })[] };
  lineage: {
    unlink: LineageKey[];
    changeKind: (LineageKey & { to: LineageKind })[];
    /** New steps in row order; the write layer refuses those that would close a cycle. */
    link: (LineageInput & { row: number; model: string; baseModel: string })[];
  };
  /** Each imported row and the slug of the model it became: the articles follow from them (./articles.ts). */
  rowModels: RowModel[];
  report: EpochPlanReport;
};

/** The parts of the import's summary the plan decides. */
export type EpochPlanReport = {
  rowsImported: number;
  matchedModels: number;
  matchedModelsBy: Record<'mapping' | 'name' | 'variant' | 'size', number>;
  matchedOrganizations: number;
  inferredMatches: InferredMatch[];
  conflicts: Conflict[];
  ambiguous: AmbiguousRow[];
  ambiguousOrganizations: AmbiguousOrganization[];
  unknownBaseModels: UnknownBaseModel[];
  invalidBaseModels: InvalidBaseModel[];
  duplicates: DuplicateRow[];
  lineageUnchanged: number;
  lineageKnownFromOtherSources: number;
  /** Rows whose country or categorization list does not line up with their organizations: nothing read from it. */
  unalignedOrganizationFacts: UnalignedFacts[];
  /** Organizations whose rows disagree on a country or kind: no claim made. */
  organizationFactConflicts: OrganizationFactConflict[];
  warnings: string[];
};

export type PlanOptions = {
  /** Date of the snapshot (YYYY-MM-DD). */
  snapshotDate: string;
  /** Rows of the file that failed validation (with `skipInvalid`): base models naming them say so. */
  rejected?: readonly { row?: number; model?: string }[];
  onProgress?: (done: number, total: number) => void;
};

/** A slug not yet used: "gpt-3", then "gpt-3-2", "gpt-3-3", … (deterministic for a given graph and file). */
function uniqueSlug(wanted: string, taken: (slug: string) => boolean): string {
  if (!taken(wanted)) return wanted;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${wanted}-${suffix}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Greek letters spelled out in slugs: "PanGu-Σ" is `pangu-sigma`, not the family's `pangu`. */
const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
};

/** The longest slug an import makes: a slug is typed and read by people. */
export const MAX_SLUG_LENGTH = 40;

/**
 * The slug a new entity gets from its name: "+" and Greek letters spelled out (slugify drops
 * them), at most {@link MAX_SLUG_LENGTH} characters, cut at a word boundary.
 */
export function slugFor(name: string, fallbackPrefix: string): string {
  const spell = (text: string) =>
    slugify(
      text.replace(/\+/g, ' plus ').replace(/\p{Script=Greek}/gu, (letter) => ` ${GREEK[letter.toLowerCase()] ?? ''} `),
    );
  let slug = spell(name);
  if (slug.length > MAX_SLUG_LENGTH) slug = shorten(name, spell, fallbackPrefix === 'organization');
  // Names without ASCII letters (only Chinese, say) still need a stable slug: a hash of the name.
  return slug !== ''
    ? slug
    : `${fallbackPrefix}-${createHash('sha256').update(matchKey(name)).digest('hex').slice(0, 8)}`;
}

/** Words a slug does not end on when it is cut short. */
const TRAILING_WORDS = /(-(of|and|for|in|at|by|the|to|on|de|du|des|la|le|et))+$/;

/**
 * A name too long for a slug: an institution's acronym where it gives one in parentheses ("Korea
 * Advanced Institute of Science and Technology (KAIST)" → `kaist`), else the name without its trailing
 * parenthetical, else the name cut at a word boundary, without a dangling "of" or "and".
 */
function shorten(name: string, spell: (text: string) => string, institution: boolean): string {
  const parenthetical = /^(.*?)\s*[(（]([^()（）]*)[)）]\s*$/u.exec(name);
  // An institution's acronym names it; a model's parenthetical is a dataset or a year ("(WT2)").
  const acronym = institution ? parenthetical?.[2]?.trim() : undefined;
  if (acronym && /^[A-Z][A-Z0-9]{1,7}$/.test(acronym)) return spell(acronym);
  const stem = parenthetical?.[1] ? spell(parenthetical[1]) : spell(name);
  if (stem.length <= MAX_SLUG_LENGTH) return stem;
  const cut = stem.slice(0, MAX_SLUG_LENGTH + 1);
  return cut.slice(0, Math.max(cut.lastIndexOf('-'), 1)).replace(TRAILING_WORDS, '');
}

/**
 * How sure Epoch is of a row's parameter count. Epoch's `Confidence` is given once per row and
 * qualifies its estimates together (compute above all), so a count quoted from the paper in a row
 * whose compute is a guess would be called speculative. The count's own confidence is read from
 * its `Parameters notes` first:
 * - notes that call it a rumour, a leak, unconfirmed or a guess: SPECULATIVE;
 * - notes that quote the source (quotation marks) or point at where it is stated (a table, a
 *   figure, the abstract, a model card, the weights' index): CONFIDENT;
 * - otherwise the row's confidence.
 * Answers the confidence and the words that say which rule applied (the claim's note).
 */
export function parameterConfidence(row: Pick<EpochRow, 'confidence' | 'parametersNotes'>): {
  confidence: Confidence;
  note: string;
} {
  const notes = row.parametersNotes ?? '';
  if (/rumou?r|\bleak|unconfirmed|speculat|\bguess/i.test(notes)) {
    return {
      confidence: 'SPECULATIVE',
      note: "Confidence from Epoch's Parameters notes: they call the count a rumour or a guess.",
    };
  }
  if (/["\u201c\u201d]|\btable \d|\bfig(ure|\.) ?\d|\babstract\b|model card|safetensors|config\.json/i.test(notes)) {
    return {
      confidence: 'CONFIDENT',
      note: "Confidence from Epoch's Parameters notes: they quote or point at where the count is stated.",
    };
  }
  return {
    confidence: row.confidence,
    note: "Epoch's row confidence, which qualifies the row's estimates together (its Parameters notes say no more).",
  };
}

/**
 * The claims a row gives, in canonical form. Epoch's row confidence goes where it belongs: on the
 * training compute (an estimate) and, by {@link parameterConfidence}, on the parameter count; dates,
 * countries and accessibility are documented facts Epoch states no confidence for (UNKNOWN).
 */
function claimsOf(row: EpochRow): Omit<PlannedClaim, 'model' | 'row'>[] {
  const base = { source: EPOCH_SOURCE.slug, locator: row.link ?? EPOCH_SOURCE.url };
  const stated = { ...base, confidence: 'UNKNOWN' as const, note: null };
  const claims: Omit<PlannedClaim, 'model' | 'row'>[] = [];
  if (row.parameters) {
    claims.push({
      ...base,
      ...parameterConfidence(row),
      property: 'PARAMETERS',
      value: row.parameters.value.toString(),
      quote: row.parameters.quote,
    });
  }
  if (row.publicationDate) {
    claims.push({
      ...stated,
      property: 'RELEASE_DATE',
      value: row.publicationDate.value,
      quote: row.publicationDate.quote,
    });
  }
  if (row.trainingCompute) {
    claims.push({
      ...base,
      confidence: row.confidence as Confidence,
      note: "Epoch's row confidence.",
      property: 'TRAINING_COMPUTE',
      value: row.trainingCompute.value.toString(),
      quote: row.trainingCompute.quote,
    });
  }
  if (row.countries) {
    claims.push({ ...stated, property: 'COUNTRY', value: row.countries.value.join(','), quote: row.countries.quote });
  }
  if (row.accessibility) {
    claims.push({
      ...stated,
      property: 'ACCESSIBILITY',
      value: row.accessibility.value,
      quote: row.accessibility.quote,
    });
  }
  return claims;
}

/** What reconciliation decided for a row. */
type RowPlan =
  | { kind: 'existing'; row: EpochRow; modelId: number; match: Extract<MatchResult, { kind: 'matched' }> }
  | { kind: 'create'; row: EpochRow; modelId: number }
  | { kind: 'skip'; row: EpochRow };

function emptyReport(): EpochPlanReport {
  return {
    rowsImported: 0,
    matchedModels: 0,
    matchedModelsBy: { mapping: 0, name: 0, variant: 0, size: 0 },
    matchedOrganizations: 0,
    inferredMatches: [],
    conflicts: [],
    ambiguous: [],
    ambiguousOrganizations: [],
    unknownBaseModels: [],
    invalidBaseModels: [],
    duplicates: [],
    lineageUnchanged: 0,
    lineageKnownFromOtherSources: 0,
    unalignedOrganizationFacts: [],
    organizationFactConflicts: [],
    warnings: [],
  };
}

/**
 * Plans the import of `rows` into the graph `view`: reconciles models and organizations (rules in
 * ./reconcile.ts), decides what to create, cites every value to Epoch, and which of Epoch's
 * earlier claims and edges a newer snapshot drops.
 */
export function planEpochImport(
  view: EpochGraphView,
  rows: readonly EpochRow[],
  mappings: EpochMappings,
  options: PlanOptions,
): EpochPlan {
  const report = emptyReport();
  const warn = (message: string) => {
    if (!report.warnings.includes(message)) report.warnings.push(message);
  };
  const snapshot = dateValue(options.snapshotDate);
  const previousSnapshot = view.epochSource?.snapshotDate;
  if (previousSnapshot && previousSnapshot.getTime() > snapshot.getTime()) {
    warn(
      `the graph holds Epoch data from snapshot ${formatDate(previousSnapshot)}; this file is dated ${options.snapshotDate}, which is older`,
    );
  }
  // No row of the graph is Epoch's before its source exists.
  const sourceId = view.epochSource?.id ?? Number.NaN;
  const sourceSlug = new Map(view.sources.map((source) => [source.id, source.slug]));

  // ── Indexes of what is in the graph ─────────────────────────────────────────────────────
  const models = new NameIndex();
  const modelAliasKeys = new Set<string>();
  for (const model of view.models) {
    models.add({ id: model.id, slug: model.slug, name: model.name, parameters: model.parameters }, [
      model.nameZh,
      ...model.aliases.map((alias) => alias.alias),
    ]);
    for (const alias of model.aliases) modelAliasKeys.add(`${model.id}:${alias.normalized}`);
  }
  const organizations = new NameIndex();
  const organizationAliasKeys = new Set<string>();
  for (const organization of view.organizations) {
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
  const slugOfModel = (id: number) => ref(models, id).slug;
  let provisional = 0;
  const nextProvisionalId = () => {
    provisional -= 1;
    return provisional;
  };
  /** Models some Epoch row already stands for: fuzzy rules may not hand them to another row. */
  const epochOwned = new Set(view.claims.filter((claim) => claim.sourceId === sourceId).map((claim) => claim.modelId));

  // ── Duplicates: the first row of a name wins ────────────────────────────────────────────
  const firstRowOfKey = new Map<string, EpochRow>();
  const unique: EpochRow[] = [];
  for (const row of rows) {
    // "ERNIE 3.0 Titan (文心)" names the model of a row "ERNIE 3.0 Titan": the English name counts too.
    const keys = [row.key, matchKey(row.englishName)];
    const first = keys.map((key) => firstRowOfKey.get(key)).find((found) => found !== undefined);
    if (first) {
      report.duplicates.push({
        row: row.row,
        line: row.line,
        name: row.name,
        firstRow: first.row,
        reason: `same model name as row ${first.row}`,
      });
    } else {
      for (const key of keys) if (!firstRowOfKey.has(key)) firstRowOfKey.set(key, row);
      unique.push(row);
    }
  }
  // A row that mappings.yaml maps onto a model not yet in the graph, which another row of this
  // file creates under that slug ("LDM-1.45B" → stable-diffusion-ldm-kl-8-g, the slug of
  // "Stable Diffusion (LDM-KL-8-G)"), names that row's model: it is a duplicate, as it would be
  // once the model exists.
  const mappedModel = (row: EpochRow) => {
    const mapping = mappings.models.has(row.key)
      ? mappings.models.get(row.key)
      : mappings.models.get(matchKey(row.englishName));
    return typeof mapping === 'string' && !models.bySlug.has(mapping) ? mapping : undefined;
  };
  const creatorOfSlug = new Map<string, EpochRow>();
  for (const row of unique) {
    const slug = slugFor(row.englishName, 'model');
    if (mappedModel(row) === undefined && !creatorOfSlug.has(slug)) creatorOfSlug.set(slug, row);
  }
  for (const row of [...unique]) {
    const mapping = mappedModel(row);
    const creator = mapping === undefined ? undefined : creatorOfSlug.get(mapping);
    if (!creator || creator === row) continue;
    report.duplicates.push({
      row: row.row,
      line: row.line,
      name: row.name,
      firstRow: creator.row,
      reason: `mappings.yaml maps it onto ${mapping}, the model row ${creator.row} creates`,
    });
    unique.splice(unique.indexOf(row), 1);
  }
  report.duplicates.sort((a, b) => a.row - b.row);

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
    options.onProgress?.(at + 1, unique.length);
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
      report.ambiguous.push({ row: row.row, line: row.line, name: row.name, ...entry });
      return { kind: 'skip', row };
    };
    if (result.kind === 'ambiguous') {
      return ambiguous({
        method: result.method,
        reason: result.reason,
        candidates: result.candidates.map((id) => ref(models, id)),
      });
    }
    if (result.kind === 'none') return { kind: 'create', row, modelId: 0 };
    const competitors = rowsOfTarget.get(result.id) ?? [];
    if (competitors.length > 1) {
      const [firstAt = at] = competitors;
      const first = unique[firstAt] as EpochRow;
      if (strong(result) && strong(results[firstAt] as MatchResult) && firstAt !== at) {
        report.duplicates.push({
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
  const imported = plans.filter((plan): plan is Exclude<RowPlan, { kind: 'skip' }> => plan.kind !== 'skip');

  // ── Organizations ───────────────────────────────────────────────────────────────────────
  const organizationPlan = planOrganizations(imported, organizations, mappings, report, warn, ref);
  for (const { slug, name } of organizationPlan.create) {
    organizations.add({ id: nextProvisionalId(), slug, name }, []);
  }
  // Chinese names and aliases the mappings give the organizations rows name (names.organizations).
  const createdOrganizations = new Set(organizationPlan.create.map((entry) => entry.slug));
  const organizationNameZh = new Map(
    view.organizations.map((organization) => [organization.slug, organization.nameZh]),
  );
  const organizationUpdates = new Map<string, OrganizationUpdate>();
  const givenOrganizationNames: { slug: string; alias: string }[] = [];
  for (const [key, slugs] of organizationPlan.slugs) {
    const names = mappings.organizationNames.get(key);
    const [slug] = slugs;
    if (!names || slug === undefined || slugs.length !== 1) continue;
    if (names.nameZh && (createdOrganizations.has(slug) || !organizationNameZh.get(slug))) {
      organizationUpdates.set(slug, { slug, nameZh: names.nameZh });
    }
    for (const alias of names.aliases) givenOrganizationNames.push({ slug, alias });
  }
  const organizationAliases: AliasInput[] = [];
  for (const { slug, alias } of [...organizationPlan.aliases, ...givenOrganizationNames]) {
    const organizationId = organizations.bySlug.get(slug);
    const normalized = normalizeName(alias);
    const aliasKey = `${organizationId}:${normalized}`;
    if (
      organizationId === undefined ||
      normalized === '' ||
      organizations.knows(organizationId, alias) ||
      organizationAliasKeys.has(aliasKey)
    ) {
      continue;
    }
    organizationAliasKeys.add(aliasKey);
    organizations.addNames(organizationId, [alias]);
    organizationAliases.push({ owner: slug, alias });
  }

  // ── Models: create the new ones, record Epoch's spellings as aliases ────────────────────
  const newModels: ModelInput[] = [];
  const namesOf = (row: EpochRow) =>
    mappings.modelNames.get(row.key) ?? mappings.modelNames.get(matchKey(row.englishName));
  const modelNameZh = new Map(view.models.map((model) => [model.id, model.nameZh]));
  const modelUpdates: ModelUpdate[] = [];
  for (const plan of imported) {
    const names = namesOf(plan.row);
    if (plan.kind === 'existing' && names?.nameZh && !modelNameZh.get(plan.modelId)) {
      modelUpdates.push({ slug: ref(models, plan.modelId).slug, nameZh: names.nameZh });
    }
    if (plan.kind !== 'create') continue;
    const slug = uniqueSlug(slugFor(plan.row.englishName, 'model'), (candidate) => models.bySlug.has(candidate));
    plan.modelId = nextProvisionalId();
    // The size rule matches names against parameter counts: a new model's is its row's.
    models.add({ id: plan.modelId, slug, name: plan.row.englishName, parameters: plan.row.parameters?.value ?? null }, [
      plan.row.nameZh,
    ]);
    newModels.push({ slug, name: plan.row.englishName, nameZh: names?.nameZh ?? plan.row.nameZh });
  }

  const modelAliases: AliasInput[] = [];
  for (const plan of imported) {
    const modelId = plan.modelId;
    if (plan.kind === 'existing') {
      report.matchedModels += 1;
      report.matchedModelsBy[plan.match.method] += 1;
      if (plan.match.method === 'variant' || plan.match.method === 'size') {
        report.inferredMatches.push({
          row: plan.row.row,
          name: plan.row.name,
          method: plan.match.method,
          via: plan.match.via,
          entity: ref(models, modelId),
        });
      }
    }
    // The Epoch spelling as an alias (searchable, and the next import matches it by name), and
    // the aliases the mappings give it.
    for (const alias of [plan.row.name, ...(namesOf(plan.row)?.aliases ?? [])]) {
      const normalized = normalizeName(alias);
      const aliasKey = `${modelId}:${normalized}`;
      if (normalized === '' || models.knows(modelId, alias) || modelAliasKeys.has(aliasKey)) continue;
      modelAliasKeys.add(aliasKey);
      models.addNames(modelId, [alias]);
      modelAliases.push({ owner: slugOfModel(modelId), alias });
    }
  }
  report.rowsImported = imported.length;

  // ── Developers ──────────────────────────────────────────────────────────────────────────
  const developerKeys = new Set(view.developers.map((edge) => `${edge.modelId}:${edge.organizationId}`));
  const epochDevelopers = new Map<number, number[]>();
  for (const edge of view.developers) {
    if (edge.sourceId === sourceId) {
      epochDevelopers.set(edge.modelId, [...(epochDevelopers.get(edge.modelId) ?? []), edge.organizationId]);
    }
  }
  const organizationIds = new Map<string, number[]>(
    [...organizationPlan.slugs].map(([key, slugs]) => [
      key,
      slugs.flatMap((slug) => organizations.bySlug.get(slug) ?? []),
    ]),
  );
  const developers: EpochPlan['developers'] = { link: [], unlink: [] };
  for (const plan of imported) {
    const modelId = plan.modelId;
    const wanted = new Set(plan.row.organizations.flatMap((name) => organizationIds.get(matchKey(name)) ?? []));
    for (const organizationId of wanted) {
      const key = `${modelId}:${organizationId}`;
      if (developerKeys.has(key)) continue;
      developerKeys.add(key);
      developers.link.push({
        model: slugOfModel(modelId),
        organization: ref(organizations, organizationId).slug,
        role: 'DEVELOPER',
        source: EPOCH_SOURCE.slug,
      });
    }
    // Epoch no longer names this organization for the model (a newer snapshot): its edge goes.
    for (const organizationId of epochDevelopers.get(modelId) ?? []) {
      if (!wanted.has(organizationId)) {
        developers.unlink.push({
          model: slugOfModel(modelId),
          organization: ref(organizations, organizationId).slug,
          source: EPOCH_SOURCE.slug,
        });
      }
    }
  }

  const organizationClaims = planOrganizationFacts(view, imported, organizationIds, organizations, report);

  // ── Domains: `Domain` ───────────────────────────────────────────────────────────────────
  const epochDomains = new Map<number, Set<Domain>>();
  for (const { modelId, domain } of view.domains)
    epochDomains.set(modelId, (epochDomains.get(modelId) ?? new Set()).add(domain));
  const domains: EpochPlan['domains'] = { link: [], unlink: [] };
  for (const plan of imported) {
    const slug = slugOfModel(plan.modelId);
    const had = epochDomains.get(plan.modelId) ?? new Set<Domain>();
    for (const domain of plan.row.domains) {
      if (!had.has(domain)) domains.link.push({ model: slug, domain, source: EPOCH_SOURCE.slug });
    }
    for (const domain of had) if (!plan.row.domains.includes(domain)) domains.unlink.push({ model: slug, domain });
  }

  // ── Tasks: `Task` ───────────────────────────────────────────────────────────────────────
  const epochTasks = new Map<number, Set<string>>();
  for (const { modelId, task } of view.tasks) epochTasks.set(modelId, (epochTasks.get(modelId) ?? new Set()).add(task));
  const tasks: EpochPlan['tasks'] = { link: [], unlink: [] };
  for (const plan of imported) {
    const slug = slugOfModel(plan.modelId);
    const had = epochTasks.get(plan.modelId) ?? new Set<string>();
    for (const task of plan.row.tasks)
      if (!had.has(task)) tasks.link.push({ model: slug, task, source: EPOCH_SOURCE.slug });
    for (const task of had) if (!plan.row.tasks.includes(task)) tasks.unlink.push({ model: slug, task });
  }

  // ── Claims ──────────────────────────────────────────────────────────────────────────────
  const claimsAt = new Map<string, EpochGraphView['claims'][number][]>();
  for (const claim of view.claims) {
    const key = `${claim.modelId}:${claim.property}`;
    claimsAt.set(key, [...(claimsAt.get(key) ?? []), claim]);
  }
  const claims: EpochPlan['claims'] = { put: [], retract: [] };
  for (const plan of imported) {
    const modelId = plan.modelId;
    const slug = slugOfModel(modelId);
    const desired = claimsOf(plan.row);
    for (const claim of desired) {
      claims.put.push({ ...claim, model: slug, row: plan.row.row });
      const others = (claimsAt.get(`${modelId}:${claim.property}`) ?? []).filter(
        (entry) => entry.sourceId !== sourceId && !claimValuesAgree(claim.property, entry.value, claim.value),
      );
      if (others.length > 0) {
        report.conflicts.push({
          model: slug,
          property: claim.property as EpochProperty,
          epoch: claim.value,
          others: others.map((other) => ({
            source: sourceSlug.get(other.sourceId) ?? String(other.sourceId),
            value: other.value,
          })),
        });
      }
    }
    const previousValue = (property: EpochProperty) =>
      claimsAt.get(`${modelId}:${property}`)?.find((entry) => entry.sourceId === sourceId)?.value;
    const given = new Set(desired.map((claim) => claim.property));
    for (const property of EPOCH_PROPERTIES) {
      const value = given.has(property) ? undefined : previousValue(property);
      if (value !== undefined) {
        claims.retract.push({ model: slug, property, source: EPOCH_SOURCE.slug, row: plan.row.row, value });
      }
    }
  }
  report.conflicts.sort((a, b) => compareText(a.model, b.model) || compareText(a.property, b.property));

  // ── Lineage: `Base model` ───────────────────────────────────────────────────────────────
  const lineage = planLineage(view, plans, imported, mappings, models, epochOwned, sourceId, options, report);

  return {
    source: {
      slug: EPOCH_SOURCE.slug,
      kind: EPOCH_SOURCE.kind,
      title: EPOCH_SOURCE.title,
      url: EPOCH_SOURCE.url,
      publisher: EPOCH_SOURCE.publisher,
      license: EPOCH_SOURCE.license,
      attribution: EPOCH_SOURCE.attribution,
      description: EPOCH_SOURCE.description,
      snapshotDate: snapshot,
    },
    organizations: organizationPlan.create.map(({ slug, name }) => ({
      slug,
      name,
      ...(organizationUpdates.has(slug) ? { nameZh: organizationUpdates.get(slug)?.nameZh } : {}),
    })),
    organizationUpdates: [...organizationUpdates.values()].filter((update) => !createdOrganizations.has(update.slug)),
    modelUpdates,
    organizationAliases,
    models: newModels,
    modelAliases,
    rowModels: imported.map((plan) => ({ row: plan.row, model: slugOfModel(plan.modelId) })),
    developers,
    domains,
    tasks,
    organizationClaims,
    claims,
    lineage,
    report,
  };
}

/**
 * The country and kind Epoch's rows give each organization (./csv.ts `organizationFacts`): a claim
 * where every row naming the organization that says anything says the same; a conflict reported
 * where they differ. Epoch's earlier claims that no row supports any more are retracted.
 */
function planOrganizationFacts(
  view: EpochGraphView,
  imported: readonly Exclude<RowPlan, { kind: 'skip' }>[],
  organizationIds: ReadonlyMap<string, number[]>,
  organizations: NameIndex,
  report: EpochPlanReport,
): EpochPlan['organizationClaims'] {
  type Seen = { value: string; quote: string; rows: number[]; link: string | null };
  const facts = new Map<number, Map<OrganizationProperty, Map<string, Seen>>>();
  const note = (id: number, property: OrganizationProperty, value: string, quote: string, row: EpochRow) => {
    const properties = facts.get(id) ?? new Map<OrganizationProperty, Map<string, Seen>>();
    facts.set(id, properties);
    const values = properties.get(property) ?? new Map<string, Seen>();
    properties.set(property, values);
    const seen = values.get(value) ?? { value, quote, rows: [], link: row.link };
    seen.rows.push(row.row);
    values.set(value, seen);
  };
  for (const plan of imported) {
    for (const { column, reason } of plan.row.unalignedColumns) {
      report.unalignedOrganizationFacts.push({ row: plan.row.row, model: plan.row.name, column, reason });
    }
    for (const fact of plan.row.organizationFacts) {
      const ids = organizationIds.get(matchKey(fact.name)) ?? [];
      // A name mapped onto several organizations ("Google Research,DeepMind"): whose fact is it?
      if (ids.length !== 1) continue;
      const id = ids[0] as number;
      if (fact.country?.value) note(id, 'COUNTRY', fact.country.value, fact.country.quote, plan.row);
      if (fact.kind) note(id, 'KIND', fact.kind.value, fact.kind.quote, plan.row);
    }
  }
  const slugOf = (id: number) => organizations.entities.get(id)?.slug ?? String(id);
  const put: OrganizationClaimInput[] = [];
  const supported = new Set<string>();
  for (const [id, properties] of facts) {
    for (const [property, values] of properties) {
      const [only, ...others] = values.values();
      if (!only) continue;
      if (others.length > 0) {
        report.organizationFactConflicts.push({
          organization: slugOf(id),
          property,
          values: [only, ...others].map((seen) => ({ value: seen.value, rows: seen.rows })),
        });
        continue;
      }
      supported.add(`${id}:${property}`);
      put.push({
        organization: slugOf(id),
        property,
        value: only.value,
        source: EPOCH_SOURCE.slug,
        quote: only.quote,
        locator: only.link ?? EPOCH_SOURCE.url,
        confidence: 'UNKNOWN',
        // Not the rows' numbers: which rows name an organization changes with reconciliation, not the fact.
        note: "Given alike by every row of Epoch's snapshot that names the organization and says.",
      });
    }
  }
  report.organizationFactConflicts.sort((a, b) => compareText(a.organization, b.organization));
  const retract = view.organizationClaims
    .filter((claim) => !supported.has(`${claim.organizationId}:${claim.property}`))
    .map((claim) => ({
      organization: slugOf(claim.organizationId),
      property: claim.property,
      source: EPOCH_SOURCE.slug,
      value: claim.value,
    }));
  return { put, retract };
}

/** Which organization each Epoch spelling is, which are new, and which spellings become aliases. */
function planOrganizations(
  imported: readonly Exclude<RowPlan, { kind: 'skip' }>[],
  organizations: NameIndex,
  mappings: EpochMappings,
  report: EpochPlanReport,
  warn: (message: string) => void,
  ref: (index: NameIndex, id: number) => EntityRef,
): {
  slugs: Map<string, string[]>;
  create: { key: string; name: string; slug: string }[];
  aliases: { slug: string; alias: string }[];
} {
  const spellings = new Map<string, { name: string; rows: number[] }>(); // folded Epoch name → first spelling
  for (const plan of imported) {
    for (const name of plan.row.organizations) {
      const key = matchKey(name);
      const entry = spellings.get(key) ?? { name, rows: [] };
      entry.rows.push(plan.row.row);
      spellings.set(key, entry);
    }
  }
  const slugs = new Map<string, string[]>();
  const create: { key: string; name: string; slug: string }[] = [];
  const pendingSlugs = new Set<string>();
  const aliases: { slug: string; alias: string }[] = [];
  const resolve = (key: string, name: string, rowNumbers: number[], mapping: readonly string[] | null | undefined) => {
    const result = matchOrganization(organizations, name, mapping);
    if (result.kind === 'matched' || result.kind === 'mapped-many') {
      const ids = result.kind === 'matched' ? [result.id] : result.ids;
      slugs.set(
        key,
        ids.map((id) => ref(organizations, id).slug),
      );
      report.matchedOrganizations += 1;
      if (result.kind === 'matched') {
        if (result.method === 'variant') {
          report.inferredMatches.push({
            name,
            method: result.method,
            via: result.via,
            entity: ref(organizations, result.id),
          });
        }
        aliases.push({ slug: ref(organizations, result.id).slug, alias: name });
      }
    } else if (result.kind === 'ambiguous') {
      report.ambiguousOrganizations.push({
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
      create.push({ key, name, slug });
      slugs.set(key, [slug]);
    }
  };
  const deferred: { key: string; name: string; rows: number[]; mapping: readonly string[] }[] = [];
  for (const [key, { name, rows: rowNumbers }] of spellings) {
    const mapping = mappings.organizations.get(key);
    if (mapping?.some((slug) => !organizations.bySlug.has(slug)))
      deferred.push({ key, name, rows: rowNumbers, mapping });
    else resolve(key, name, rowNumbers, mapping);
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
        slugs.set(entry.key, [...entry.mapping]);
        if (entry.mapping.length === 1 && only !== undefined) aliases.push({ slug: only, alias: entry.name });
      } else if (entry.mapping.length === 1 && only !== undefined && slugFor(entry.name, 'organization') === only) {
        // "Meta AI" → meta-ai: the spelling that gives the mapped slug creates it, so that the
        // other spellings mapped to it ("Facebook AI Research") join it whatever their order.
        warn(`mappings.yaml maps organization "${entry.name}" to "${only}", which is not in the graph: created it`);
        pendingSlugs.add(only);
        create.push({ key: entry.key, name: entry.name, slug: only });
        slugs.set(entry.key, [only]);
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
    resolve(key, name, rowNumbers, undefined);
  }
  return { slugs, create, aliases };
}

/**
 * The lineage steps of `Base model`: which model each base name is (a row of the file, or a model
 * of the graph), which of Epoch's earlier steps change kind or go, and which are new.
 */
function planLineage(
  view: EpochGraphView,
  plans: readonly RowPlan[],
  imported: readonly Exclude<RowPlan, { kind: 'skip' }>[],
  mappings: EpochMappings,
  models: NameIndex,
  epochOwned: ReadonlySet<number>,
  sourceId: number,
  options: PlanOptions,
  report: EpochPlanReport,
): EpochPlan['lineage'] {
  const slugOf = (id: number) => models.entities.get(id)?.slug ?? String(id);
  const modelIdOf = (plan: RowPlan): number | undefined => (plan.kind === 'skip' ? undefined : plan.modelId);
  const planOfKey = new Map<string, RowPlan>();
  for (const plan of plans) {
    planOfKey.set(plan.row.key, plan);
    const englishKey = matchKey(plan.row.englishName);
    if (!planOfKey.has(englishKey)) planOfKey.set(englishKey, plan);
  }
  const rejectedRowOfKey = new Map<string, number>();
  for (const problem of options.rejected ?? []) {
    if (problem.model && problem.row !== undefined) rejectedRowOfKey.set(matchKey(problem.model), problem.row);
  }
  const ambiguousRows = new Set(report.ambiguous.map((entry) => entry.row));
  const duplicateOf = new Map(report.duplicates.map((entry) => [entry.row, entry.firstRow]));
  const planOfRow = new Map(plans.map((plan) => [plan.row.row, plan]));
  /** Models Epoch rows stand for: the fuzzy rules may not give a base model name one of them. */
  const rowModels = new Set([...epochOwned, ...imported.map((plan) => plan.modelId)]);

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
    if (result.kind === 'ambiguous') {
      return { reason: `${result.reason}: ${result.candidates.map((candidate) => slugOf(candidate)).join(', ')}` };
    }
    return { reason: 'no row of the file and no model of the graph has this name' };
  };

  type ViewEdge = EpochGraphView['lineage'][number];
  const edgesOfChild = new Map<number, ViewEdge[]>();
  for (const edge of view.lineage) edgesOfChild.set(edge.childId, [...(edgesOfChild.get(edge.childId) ?? []), edge]);
  const lineage: EpochPlan['lineage'] = { unlink: [], changeKind: [], link: [] };
  const linked = new Set<string>();
  for (const plan of imported) {
    const childId = plan.modelId;
    const kind: LineageKind = plan.row.fineTuned ? 'FINE_TUNED_FROM' : 'BASED_ON';
    const existing = edgesOfChild.get(childId) ?? [];
    const kept = new Set<ViewEdge>();
    for (const base of plan.row.baseModels) {
      const resolved = resolveBase(base);
      if ('reason' in resolved) {
        report.unknownBaseModels.push({
          row: plan.row.row,
          model: plan.row.name,
          baseModel: base,
          reason: resolved.reason,
        });
        continue;
      }
      const parentId = resolved.id;
      if (parentId === childId) {
        report.invalidBaseModels.push({
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
        kept.add(same);
        if (same.sourceId === sourceId) report.lineageUnchanged += 1;
        else report.lineageKnownFromOtherSources += 1;
        continue;
      }
      const other = existing.find(
        (edge) => edge.parentId === parentId && edge.sourceId === sourceId && !kept.has(edge),
      );
      if (other) {
        // Epoch now gives (or no longer gives) a fine-tuning compute: same edge, other kind.
        kept.add(other);
        lineage.changeKind.push({ child: slugOf(childId), parent: slugOf(parentId), kind: other.kind, to: kind });
        continue;
      }
      const pair = `${childId}:${parentId}`;
      if (linked.has(pair)) continue;
      linked.add(pair);
      lineage.link.push({
        child: slugOf(childId),
        parent: slugOf(parentId),
        kind,
        source: EPOCH_SOURCE.slug,
        row: plan.row.row,
        model: plan.row.name,
        baseModel: base,
      });
    }
    for (const edge of existing) {
      if (edge.sourceId === sourceId && !kept.has(edge)) {
        lineage.unlink.push({ child: slugOf(edge.childId), parent: slugOf(edge.parentId), kind: edge.kind });
      }
    }
  }
  return lineage;
}
