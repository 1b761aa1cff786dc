/**
 * The Epoch import's plan (seed/epoch/plan.ts) on its own: no database. Views of the graph are
 * plain objects, written here by hand (a few curated entities) or derived from an earlier plan
 * by `applyPlan`, which does to a view what the write layer does to the graph; rows are read
 * from small CSV texts by the importer's own reader. Each test pins whole sections of the plan.
 */
import { describe, expect, it } from 'vitest';
import { readEpochCsv } from '../seed/epoch/csv.js';
import { type EpochMappings, loadEpochMappings } from '../seed/epoch/mappings.js';
import {
  EPOCH_SOURCE,
  type EpochGraphView,
  type EpochPlan,
  type EpochPlanReport,
  parameterConfidence,
  planEpochImport,
} from '../seed/epoch/plan.js';
import { normalizeName } from '../src/domain/normalize.js';
import { type EpochTestRow, epochCsvText, writeMappings } from './helpers/epoch-fixtures.js';

const EPOCH = EPOCH_SOURCE.slug;
const SNAPSHOT = '2026-01-26';
const NEWER = '2026-03-01';

/** A mappings file as a reviewer writes it: one model mapping and the countries the rows name. */
const MAPPINGS: EpochMappings = loadEpochMappings(
  writeMappings(`
models:
  "InstructGPT 175B": instructgpt
countries:
  "United States of America": US
  "United Kingdom of Great Britain and Northern Ireland": GB
  "China": CN
  "Multinational": null
`),
);

/** The rows the importer reads from a CSV of these cells (header = row 1, first model row 2). */
function rowsOf(cells: readonly EpochTestRow[]) {
  return readEpochCsv(epochCsvText(cells), { fileName: 'epoch.csv', countries: MAPPINGS.countries }).rows;
}

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const alias = (text: string) => ({ alias: text, normalized: normalizeName(text) });

/** A report with nothing in it but `report`. */
function reportWith(report: Partial<EpochPlanReport>): EpochPlanReport {
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
    unalignedOrganizationFacts: [],
    organizationFactConflicts: [],
    lineageUnchanged: 0,
    lineageKnownFromOtherSources: 0,
    warnings: [],
    ...report,
  };
}

// ── Fixtures ────────────────────────────────────────────────────────────────────────────────

const CURATED = { id: 1, slug: 'llm-atlas-curated' };
const NOTE = { id: 2, slug: 'user-note' };

/**
 * "Curated graph", before any Epoch import: GPT-3 (alias davinci; the curated 175B and the note's
 * "2020-05"), InstructGPT, PaLM (developed by Google, say the curated data), "Gopher LM" (which
 * holds the slug `gopher`), GLM-130B and GLM-10B (both also called "GLM"); OpenAI, Google,
 * DeepMind (alias "Google DeepMind"), "Meta Platforms" (slug `meta`), Baidu (百度).
 */
const CURATED_VIEW: EpochGraphView = {
  epochSource: null,
  organizationClaims: [],
  domains: [],
  tasks: [],
  sources: [CURATED, NOTE],
  models: [
    {
      id: 10,
      slug: 'gpt-3',
      name: 'GPT-3',
      nameZh: null,
      parameters: 175_000_000_000n,
      releaseDate: day('2020-05-28'),
      aliases: [alias('davinci')],
    },
    {
      id: 11,
      slug: 'instructgpt',
      name: 'InstructGPT',
      nameZh: null,
      parameters: 175_000_000_000n,
      releaseDate: null,
      aliases: [],
    },
    { id: 12, slug: 'palm', name: 'PaLM', nameZh: null, parameters: 540_000_000_000n, releaseDate: null, aliases: [] },
    { id: 13, slug: 'gopher', name: 'Gopher LM', nameZh: null, parameters: null, releaseDate: null, aliases: [] },
    {
      id: 14,
      slug: 'glm-130b',
      name: 'GLM-130B',
      nameZh: null,
      parameters: 130_000_000_000n,
      releaseDate: null,
      aliases: [alias('GLM')],
    },
    {
      id: 15,
      slug: 'glm-10b',
      name: 'GLM-10B',
      nameZh: null,
      parameters: 10_000_000_000n,
      releaseDate: null,
      aliases: [alias('GLM')],
    },
  ],
  organizations: [
    { id: 20, slug: 'openai', name: 'OpenAI', nameZh: null, aliases: [] },
    { id: 21, slug: 'google', name: 'Google', nameZh: null, aliases: [] },
    { id: 22, slug: 'deepmind', name: 'DeepMind', nameZh: null, aliases: [alias('Google DeepMind')] },
    { id: 23, slug: 'meta', name: 'Meta Platforms', nameZh: null, aliases: [] },
    { id: 24, slug: 'baidu', name: 'Baidu', nameZh: '百度', aliases: [] },
  ],
  claims: [
    { modelId: 10, property: 'PARAMETERS', sourceId: CURATED.id, value: '175000000000' },
    { modelId: 10, property: 'RELEASE_DATE', sourceId: NOTE.id, value: '2020-05' },
  ],
  lineage: [{ childId: 11, parentId: 10, kind: 'FINE_TUNED_FROM', sourceId: CURATED.id }],
  developers: [
    { modelId: 10, organizationId: 20, sourceId: CURATED.id },
    { modelId: 11, organizationId: 20, sourceId: CURATED.id },
    { modelId: 12, organizationId: 21, sourceId: CURATED.id },
  ],
};

/** Rows of a first import into the curated graph: one of each case the reconciliation meets. */
const FIRST_ROWS: readonly EpochTestRow[] = [
  // Row 2: GPT-3 by a variant of its name (its alias "davinci"); Epoch's count disagrees with the curated one.
  {
    Model: 'GPT-3 175B (davinci)',
    Organization: 'OpenAI',
    'Publication date': '2020-05-28',
    Parameters: '174600000000',
    'Training compute (FLOP)': '3.14e23',
    Confidence: 'Confident',
    Link: 'https://arxiv.org/abs/2005.14165',
    'Country (of organization)': 'United States of America',
    'Model accessibility': 'API access',
  },
  // Row 3: PaLM by its name; "Google Research" is new.
  {
    Model: 'PaLM',
    Organization: 'Google Research,Google',
    'Publication date': '2022-04-04',
    Parameters: '540350000000',
    Confidence: 'Confident',
  },
  // Row 4: InstructGPT by the mappings file; its base is row 2's model, which the curated data already links.
  {
    Model: 'InstructGPT 175B',
    Organization: 'OpenAI',
    'Base model': 'GPT-3 175B (davinci)',
    'Finetune compute (FLOP)': '4.9e21',
  },
  // Row 5: a new model, fine-tuned from PaLM.
  {
    Model: 'Flan-PaLM 540B',
    Organization: 'Google',
    'Publication date': '2022-10-20',
    Parameters: '540000000000',
    'Base model': 'PaLM',
    'Finetune compute (FLOP)': '5.6e21',
  },
  // Row 6: a new model whose slug "Gopher LM" holds.
  { Model: 'Gopher', Organization: 'Google DeepMind', 'Publication date': '2021-12-08', Parameters: '280000000000' },
  // Row 7: a base model nobody has.
  { Model: 'Chinchilla', Organization: 'Google DeepMind', Parameters: '70000000000', 'Base model': 'Gopher-XL' },
  // Row 8: "+" in the name.
  { Model: 'DeepLabV3+', Organization: 'Google', 'Publication date': '2018-02' },
  // Row 9: a new organization whose slug "Meta Platforms" holds; a country that is not one.
  { Model: 'LLaMA-7B', Organization: 'Meta', Parameters: '6700000000', 'Country (of organization)': 'Multinational' },
  // Row 10: a Chinese name in parentheses.
  {
    Model: 'ERNIE 3.0 Titan (鹏城-百度·文心)',
    Organization: 'Baidu,Peng Cheng Laboratory',
    Parameters: '260000000000',
    'Country (of organization)': 'China',
  },
  // Row 11: two models are called GLM.
  { Model: 'GLM', Organization: 'Tsinghua University', Parameters: '130000000000' },
  // Row 12: row 3 again, in another case.
  { Model: 'palm', Organization: 'Google', Parameters: '1' },
];

/** The claims Epoch's rows give, as the plan cites them. */
const epochClaim = (
  row: number,
  model: string,
  property: string,
  value: string,
  extra: { quote?: string; confidence?: string; locator?: string } = {},
) => ({
  row,
  model,
  property,
  value,
  quote: extra.quote ?? value,
  source: EPOCH,
  // The row's confidence qualifies its estimates (the count, the compute); dates, countries and
  // accessibility are facts Epoch states no confidence for.
  ...(property === 'PARAMETERS'
    ? { confidence: extra.confidence ?? 'UNKNOWN', note: ROW_CONFIDENCE_NOTE }
    : property === 'TRAINING_COMPUTE'
      ? { confidence: extra.confidence ?? 'UNKNOWN', note: "Epoch's row confidence." }
      : { confidence: 'UNKNOWN', note: null }),
  locator: extra.locator ?? EPOCH_SOURCE.url,
});

const ROW_CONFIDENCE_NOTE =
  "Epoch's row confidence, which qualifies the row's estimates together (its Parameters notes say no more).";

const EPOCH_ID = 99;

/**
 * The view of the graph after the write layer has applied `plan` to `view`: what `loadEpochView`
 * would read back. New entities get ids from 1000; the Epoch source is id 99.
 */
function applyPlan(view: EpochGraphView, plan: EpochPlan): EpochGraphView {
  let nextId = 1000 + view.models.length + view.organizations.length;
  const models = view.models.map((model) => ({ ...model, aliases: [...model.aliases] }));
  const organizations = view.organizations.map((organization) => ({
    ...organization,
    aliases: [...organization.aliases],
  }));
  for (const { slug, name } of plan.organizations) {
    organizations.push({ id: nextId++, slug, name, nameZh: null, aliases: [] });
  }
  for (const { slug, name, nameZh } of plan.models) {
    // The preferred fields are the write layer's to derive; the view of the next import would hold them.
    const count = plan.claims.put.find((claim) => claim.model === slug && claim.property === 'PARAMETERS');
    models.push({
      id: nextId++,
      slug,
      name,
      nameZh: nameZh ?? null,
      parameters: count && count.confidence !== 'SPECULATIVE' ? BigInt(count.value) : null,
      releaseDate: null,
      aliases: [],
    });
  }
  const model = (slug: string) => models.find((entry) => entry.slug === slug) as (typeof models)[number];
  const organization = (slug: string) =>
    organizations.find((entry) => entry.slug === slug) as (typeof organizations)[number];
  for (const { owner, alias: text } of plan.organizationAliases) organization(owner).aliases.push(alias(text));
  for (const { owner, alias: text } of plan.modelAliases) model(owner).aliases.push(alias(text));

  const isEpochClaim = (claim: EpochGraphView['claims'][number], key: { model: string; property: string }) =>
    claim.sourceId === EPOCH_ID && claim.modelId === model(key.model).id && claim.property === key.property;
  let claims = view.claims.filter((claim) => !plan.claims.retract.some((key) => isEpochClaim(claim, key)));
  for (const put of plan.claims.put) {
    claims = [
      ...claims.filter((claim) => !isEpochClaim(claim, put)),
      { modelId: model(put.model).id, property: put.property, sourceId: EPOCH_ID, value: put.value },
    ];
  }
  const developers = [
    ...view.developers.filter(
      (edge) =>
        !plan.developers.unlink.some(
          (key) => model(key.model).id === edge.modelId && organization(key.organization).id === edge.organizationId,
        ),
    ),
    ...plan.developers.link.map((edge) => ({
      modelId: model(edge.model).id,
      organizationId: organization(edge.organization).id,
      sourceId: EPOCH_ID,
    })),
  ];
  const sameStep = (edge: EpochGraphView['lineage'][number], key: { child: string; parent: string; kind: string }) =>
    edge.childId === model(key.child).id && edge.parentId === model(key.parent).id && edge.kind === key.kind;
  const lineage = [
    ...view.lineage
      .filter((edge) => !plan.lineage.unlink.some((key) => sameStep(edge, key)))
      .map((edge) => {
        const change = plan.lineage.changeKind.find((key) => sameStep(edge, key));
        return change ? { ...edge, kind: change.to } : edge;
      }),
    ...plan.lineage.link.map((step) => ({
      childId: model(step.child).id,
      parentId: model(step.parent).id,
      kind: step.kind,
      sourceId: EPOCH_ID,
    })),
  ];
  return {
    epochSource: { id: EPOCH_ID, snapshotDate: plan.source.snapshotDate ?? null },
    domains: plan.domains.link.map((entry) => ({ modelId: model(entry.model).id, domain: entry.domain })),
    tasks: plan.tasks.link.map((entry) => ({ modelId: model(entry.model).id, task: entry.task })),
    organizationClaims: plan.organizationClaims.put.map((claim) => ({
      organizationId: organization(claim.organization).id,
      property: claim.property,
      value: claim.value,
    })),
    sources: [...view.sources.filter((source) => source.id !== EPOCH_ID), { id: EPOCH_ID, slug: EPOCH }],
    models,
    organizations,
    claims,
    lineage,
    developers,
  };
}

/** A graph with nothing in it. */
const EMPTY_VIEW: EpochGraphView = {
  epochSource: null,
  organizationClaims: [],
  domains: [],
  tasks: [],
  sources: [],
  models: [],
  organizations: [],
  claims: [],
  lineage: [],
  developers: [],
};

// ── Tests ───────────────────────────────────────────────────────────────────────────────────

describe('a first import into the curated graph', () => {
  const plan = planEpochImport(CURATED_VIEW, rowsOf(FIRST_ROWS), MAPPINGS, { snapshotDate: SNAPSHOT });

  it('cites everything to the Epoch source, dated by the snapshot', () => {
    expect(plan.source).toEqual({
      slug: EPOCH,
      kind: 'DATASET',
      title: EPOCH_SOURCE.title,
      url: EPOCH_SOURCE.url,
      publisher: 'Epoch AI',
      license: 'CC BY 4.0',
      attribution: EPOCH_SOURCE.attribution,
      description: EPOCH_SOURCE.description,
      snapshotDate: day(SNAPSHOT),
    });
  });

  it('creates the models no row matches, with slugs: "+" spelled out, -2 when the slug is taken', () => {
    // Names only: their parameter counts and dates are claims, from which the write layer derives them.
    expect(plan.models).toEqual([
      { slug: 'flan-palm-540b', name: 'Flan-PaLM 540B', nameZh: null },
      { slug: 'gopher-2', name: 'Gopher', nameZh: null },
      { slug: 'chinchilla', name: 'Chinchilla', nameZh: null },
      { slug: 'deeplabv3-plus', name: 'DeepLabV3+', nameZh: null },
      { slug: 'llama-7b', name: 'LLaMA-7B', nameZh: null },
      { slug: 'ernie-3-0-titan', name: 'ERNIE 3.0 Titan', nameZh: '鹏城-百度·文心' },
    ]);
  });

  it('creates the organizations no spelling matches, and leaves out those of skipped rows', () => {
    expect(plan.organizations).toEqual([
      { slug: 'google-research', name: 'Google Research' },
      { slug: 'meta-2', name: 'Meta' },
      { slug: 'peng-cheng-laboratory', name: 'Peng Cheng Laboratory' },
    ]);
    // "Google DeepMind" is already DeepMind's alias; the other matches are by name.
    expect(plan.organizationAliases).toEqual([]);
  });

  it("records Epoch's spelling as an alias only where it adds a name", () => {
    expect(plan.modelAliases).toEqual([
      { owner: 'gpt-3', alias: 'GPT-3 175B (davinci)' },
      { owner: 'instructgpt', alias: 'InstructGPT 175B' },
      { owner: 'ernie-3-0-titan', alias: 'ERNIE 3.0 Titan (鹏城-百度·文心)' },
    ]);
  });

  it('links the developers that are missing, and unlinks none', () => {
    const developer = (model: string, organization: string) => ({
      model,
      organization,
      role: 'DEVELOPER',
      source: EPOCH,
    });
    expect(plan.developers).toEqual({
      link: [
        developer('palm', 'google-research'),
        developer('flan-palm-540b', 'google'),
        developer('gopher-2', 'deepmind'),
        developer('chinchilla', 'deepmind'),
        developer('deeplabv3-plus', 'google'),
        developer('llama-7b', 'meta-2'),
        developer('ernie-3-0-titan', 'baidu'),
        developer('ernie-3-0-titan', 'peng-cheng-laboratory'),
      ],
      unlink: [],
    });
  });

  it("puts every value of a matched row as Epoch's claim, beside the other sources' claims", () => {
    const link = { locator: 'https://arxiv.org/abs/2005.14165', confidence: 'CONFIDENT' };
    expect(plan.claims.put.filter((claim) => claim.row === 2)).toEqual([
      epochClaim(2, 'gpt-3', 'PARAMETERS', '174600000000', link),
      epochClaim(2, 'gpt-3', 'RELEASE_DATE', '2020-05-28', link),
      epochClaim(2, 'gpt-3', 'TRAINING_COMPUTE', '314000000000000000000000', { ...link, quote: '3.14e23' }),
      epochClaim(2, 'gpt-3', 'COUNTRY', 'US', { ...link, quote: 'United States of America' }),
      epochClaim(2, 'gpt-3', 'ACCESSIBILITY', 'API access', link),
    ]);
    expect(plan.claims.put.map((claim) => `${claim.row} ${claim.model} ${claim.property}`)).toEqual([
      '2 gpt-3 PARAMETERS',
      '2 gpt-3 RELEASE_DATE',
      '2 gpt-3 TRAINING_COMPUTE',
      '2 gpt-3 COUNTRY',
      '2 gpt-3 ACCESSIBILITY',
      '3 palm PARAMETERS',
      '3 palm RELEASE_DATE',
      '5 flan-palm-540b PARAMETERS',
      '5 flan-palm-540b RELEASE_DATE',
      '6 gopher-2 PARAMETERS',
      '6 gopher-2 RELEASE_DATE',
      '7 chinchilla PARAMETERS',
      '8 deeplabv3-plus RELEASE_DATE',
      '9 llama-7b PARAMETERS',
      '10 ernie-3-0-titan PARAMETERS',
      '10 ernie-3-0-titan COUNTRY',
    ]);
    expect(plan.claims.retract).toEqual([]);
  });

  it('links the base models it can name, and none another source already links', () => {
    expect(plan.lineage).toEqual({
      unlink: [],
      changeKind: [],
      link: [
        {
          child: 'flan-palm-540b',
          parent: 'palm',
          kind: 'FINE_TUNED_FROM',
          source: EPOCH,
          row: 5,
          model: 'Flan-PaLM 540B',
          baseModel: 'PaLM',
        },
      ],
    });
  });

  it('reports matches, conflicts, ambiguous and duplicate rows and unknown base models', () => {
    expect(plan.report).toEqual(
      reportWith({
        rowsImported: 9,
        matchedModels: 3,
        matchedModelsBy: { mapping: 1, name: 1, variant: 1, size: 0 },
        // OpenAI, Google, Google DeepMind, Baidu.
        matchedOrganizations: 4,
        inferredMatches: [
          {
            row: 2,
            name: 'GPT-3 175B (davinci)',
            method: 'variant',
            via: 'davinci',
            entity: { slug: 'gpt-3', name: 'GPT-3' },
          },
        ],
        // The note's "2020-05" agrees with Epoch's 2020-05-28 and the curated 175B with Epoch's 174.6B: no conflict.
        conflicts: [],
        ambiguous: [
          {
            row: 11,
            line: 11,
            name: 'GLM',
            method: 'name',
            reason: 'several models have this name',
            candidates: [
              { slug: 'glm-130b', name: 'GLM-130B' },
              { slug: 'glm-10b', name: 'GLM-10B' },
            ],
          },
        ],
        unknownBaseModels: [
          {
            row: 7,
            model: 'Chinchilla',
            baseModel: 'Gopher-XL',
            reason: 'no row of the file and no model of the graph has this name',
          },
        ],
        duplicates: [{ row: 12, line: 12, name: 'palm', firstRow: 3, reason: 'same model name as row 3' }],
        lineageKnownFromOtherSources: 1,
      }),
    );
  });

  it('plans nothing more when the same file comes again', () => {
    const again = planEpochImport(applyPlan(CURATED_VIEW, plan), rowsOf(FIRST_ROWS), MAPPINGS, {
      snapshotDate: SNAPSHOT,
    });
    expect({
      organizations: again.organizations,
      organizationAliases: again.organizationAliases,
      models: again.models,
      modelAliases: again.modelAliases,
      developers: again.developers,
      retract: again.claims.retract,
      lineage: again.lineage,
    }).toEqual({
      organizations: [],
      organizationAliases: [],
      models: [],
      modelAliases: [],
      developers: { link: [], unlink: [] },
      retract: [],
      lineage: { unlink: [], changeKind: [], link: [] },
    });
    // The same claims, which the write layer finds unchanged.
    expect(again.claims.put).toEqual(plan.claims.put);
    expect(again.report).toEqual(
      reportWith({
        ...plan.report,
        // Epoch's spellings are aliases now: every matched row matches by name.
        matchedModels: 9,
        matchedModelsBy: { mapping: 1, name: 8, variant: 0, size: 0 },
        matchedOrganizations: 7,
        inferredMatches: [],
        lineageUnchanged: 1,
      }),
    );
  });
});

describe('a newer snapshot', () => {
  /** A first snapshot: GPT-3 (curated), and models only Epoch cites, with base models. */
  const OLD_ROWS: readonly EpochTestRow[] = [
    {
      Model: 'GPT-3 175B (davinci)',
      Organization: 'OpenAI',
      'Publication date': '2020-05-28',
      Parameters: '174600000000',
      'Training compute (FLOP)': '3.14e23',
    },
    {
      Model: 'Gato',
      Organization: 'DeepMind,Google',
      'Publication date': '2022-05-12',
      Parameters: '1180000000',
      'Model accessibility': 'Unreleased',
      'Country (of organization)': 'United Kingdom of Great Britain and Northern Ireland',
    },
    { Model: 'T5-11B', Organization: 'Google', Parameters: '11000000000' },
    { Model: 'Flan-T5 XXL', Organization: 'Google', 'Base model': 'T5-11B' },
    { Model: 'LLaMA-7B', Organization: 'Meta Platforms', Parameters: '6700000000' },
    {
      Model: 'Alpaca',
      Organization: 'Stanford University',
      'Base model': 'LLaMA-7B',
      'Finetune compute (FLOP)': '6e18',
    },
  ];
  /**
   * The next snapshot: GPT-3's date and count change and its compute goes blank; Gato loses
   * Google and its accessibility, and its count changes; Flan-T5 XXL gets a fine-tuning compute;
   * Alpaca's base model is gone.
   */
  const NEW_ROWS: readonly EpochTestRow[] = [
    { Model: 'GPT-3 175B (davinci)', Organization: 'OpenAI', 'Publication date': '2020-06-11', Parameters: '175e9' },
    {
      Model: 'Gato',
      Organization: 'DeepMind',
      'Publication date': '2022-05-12',
      Parameters: '1200000000',
      'Country (of organization)': 'United Kingdom of Great Britain and Northern Ireland',
    },
    { Model: 'T5-11B', Organization: 'Google', Parameters: '11000000000' },
    { Model: 'Flan-T5 XXL', Organization: 'Google', 'Base model': 'T5-11B', 'Finetune compute (FLOP)': '7.6e19' },
    { Model: 'LLaMA-7B', Organization: 'Meta Platforms', Parameters: '6700000000' },
    { Model: 'Alpaca', Organization: 'Stanford University' },
  ];
  const oldPlan = planEpochImport(CURATED_VIEW, rowsOf(OLD_ROWS), MAPPINGS, { snapshotDate: SNAPSHOT });
  const afterOld = applyPlan(CURATED_VIEW, oldPlan);
  const plan = planEpochImport(afterOld, rowsOf(NEW_ROWS), MAPPINGS, { snapshotDate: NEWER });

  it('starts from the steps and developers the first snapshot planned', () => {
    expect(oldPlan.lineage.link.map((step) => `${step.child} ${step.kind} ${step.parent}`)).toEqual([
      'flan-t5-xxl BASED_ON t5-11b',
      'alpaca FINE_TUNED_FROM llama-7b',
    ]);
    expect(oldPlan.developers.link.map((edge) => `${edge.model} ${edge.organization}`)).toEqual([
      'gato deepmind',
      'gato google',
      't5-11b google',
      'flan-t5-xxl google',
      'llama-7b meta',
      'alpaca stanford-university',
    ]);
  });

  it('creates nothing: every row matches the model the first snapshot made or matched', () => {
    expect({ models: plan.models, organizations: plan.organizations, modelAliases: plan.modelAliases }).toEqual({
      models: [],
      organizations: [],
      modelAliases: [],
    });
  });

  it('retracts the claims whose cells went blank, with the value they had', () => {
    expect(plan.claims.retract).toEqual([
      {
        model: 'gpt-3',
        property: 'TRAINING_COMPUTE',
        source: EPOCH,
        row: 2,
        value: '314000000000000000000000',
      },
      { model: 'gato', property: 'ACCESSIBILITY', source: EPOCH, row: 3, value: 'Unreleased' },
    ]);
    expect(plan.claims.put.filter((claim) => claim.model === 'gato')).toEqual([
      epochClaim(3, 'gato', 'PARAMETERS', '1200000000'),
      epochClaim(3, 'gato', 'RELEASE_DATE', '2022-05-12'),
      epochClaim(3, 'gato', 'COUNTRY', 'GB', { quote: 'United Kingdom of Great Britain and Northern Ireland' }),
    ]);
  });

  it('unlinks the developers Epoch no longer names', () => {
    expect(plan.developers).toEqual({
      link: [],
      unlink: [{ model: 'gato', organization: 'google', source: EPOCH }],
    });
  });

  it('changes the kind of a step Epoch now gives a fine-tuning compute for, and unlinks a base that is gone', () => {
    expect(plan.lineage).toEqual({
      unlink: [{ child: 'alpaca', parent: 'llama-7b', kind: 'FINE_TUNED_FROM' }],
      changeKind: [{ child: 'flan-t5-xxl', parent: 't5-11b', kind: 'BASED_ON', to: 'FINE_TUNED_FROM' }],
      link: [],
    });
  });

  it('reports the conflicts of this snapshot only', () => {
    expect(plan.report.conflicts).toEqual([
      {
        model: 'gpt-3',
        property: 'RELEASE_DATE',
        epoch: '2020-06-11',
        others: [{ source: 'user-note', value: '2020-05' }],
      },
    ]);
    expect(plan.report.warnings).toEqual([]);
  });

  it('warns when the file is older than the snapshot the graph holds, and plans it all the same', () => {
    const older = planEpochImport(afterOld, rowsOf(NEW_ROWS), MAPPINGS, { snapshotDate: '2026-01-01' });
    expect(older.report.warnings).toEqual([
      'the graph holds Epoch data from snapshot 2026-01-26; this file is dated 2026-01-01, which is older',
    ]);
    expect({ ...older, source: { ...older.source, snapshotDate: day(NEWER) }, report: plan.report }).toEqual(plan);
  });
});

describe('parameterConfidence: the confidence of a count, from its own notes before the row', () => {
  it('calls a rumoured or guessed count speculative, whatever the row says', () => {
    expect(
      parameterConfidence({
        confidence: 'LIKELY',
        parametersNotes: 'Rumored to be 1.8T parameter MoE with 280B activated',
      }),
    ).toEqual({
      confidence: 'SPECULATIVE',
      note: "Confidence from Epoch's Parameters notes: they call the count a rumour or a guess.",
    });
    expect(
      parameterConfidence({ confidence: 'CONFIDENT', parametersNotes: '[Speculative] scaled up to 800 billion' }),
    ).toEqual({
      confidence: 'SPECULATIVE',
      note: "Confidence from Epoch's Parameters notes: they call the count a rumour or a guess.",
    });
  });

  it('keeps a count quoted from its source confident, where the row is speculative for its compute (GPT-2)', () => {
    expect(
      parameterConfidence({
        confidence: 'SPECULATIVE',
        parametersNotes: '"GPT-2 is a large transformer-based language model with 1.5 billion parameters"',
      }),
    ).toEqual({
      confidence: 'CONFIDENT',
      note: "Confidence from Epoch's Parameters notes: they quote or point at where the count is stated.",
    });
    expect(parameterConfidence({ confidence: 'LIKELY', parametersNotes: 'See Table 2 of the paper' }).confidence).toBe(
      'CONFIDENT',
    );
  });

  it("takes the row's confidence where the notes say neither", () => {
    const rowConfidence = {
      note: "Epoch's row confidence, which qualifies the row's estimates together (its Parameters notes say no more).",
    };
    expect(parameterConfidence({ confidence: 'LIKELY', parametersNotes: 'MoE architecture' })).toEqual({
      confidence: 'LIKELY',
      ...rowConfidence,
    });
    expect(parameterConfidence({ confidence: 'UNKNOWN', parametersNotes: null })).toEqual({
      confidence: 'UNKNOWN',
      ...rowConfidence,
    });
  });
});

describe('rows and names the plan must not guess', () => {
  it('reports a base model that names its own row, and one whose row is ambiguous', () => {
    const plan = planEpochImport(
      CURATED_VIEW,
      rowsOf([
        { Model: 'Orca', Organization: 'Microsoft', 'Base model': 'Orca' },
        { Model: 'GLM', Organization: 'Tsinghua University' },
        { Model: 'ChatGLM', Organization: 'Tsinghua University', 'Base model': 'GLM' },
      ]),
      MAPPINGS,
      { snapshotDate: SNAPSHOT },
    );
    expect(plan.report.invalidBaseModels).toEqual([
      { row: 2, model: 'Orca', baseModel: 'Orca', reason: 'it names the row itself' },
    ]);
    expect(plan.report.unknownBaseModels).toEqual([
      { row: 4, model: 'ChatGLM', baseModel: 'GLM', reason: 'its row 3 is ambiguous and was left out' },
    ]);
    expect(plan.lineage).toEqual({ unlink: [], changeKind: [], link: [] });
  });

  // Regression (duplicate rows): rows are duplicates only when their whole names
  // fold alike, but a new model is named by the row's English name: "ERNIE 3.0 Titan (文心)" and
  // "ERNIE 3.0 Titan" become two models, ernie-3-0-titan and ernie-3-0-titan-2, both named
  // "ERNIE 3.0 Titan". The next import of the same file finds two models of that name for each
  // row: both rows are ambiguous and left out, so those models never follow Epoch again.
  it('matches the same rows again on the next import of the same file', () => {
    const rows = rowsOf([
      { Model: 'ERNIE 3.0 Titan (文心)', Organization: 'Baidu', Parameters: '260000000000' },
      { Model: 'ERNIE 3.0 Titan', Organization: 'Baidu', Parameters: '260000000000' },
    ]);
    const first = planEpochImport(EMPTY_VIEW, rows, MAPPINGS, { snapshotDate: SNAPSHOT });
    const again = planEpochImport(applyPlan(EMPTY_VIEW, first), rows, MAPPINGS, { snapshotDate: SNAPSHOT });
    expect(again.report.ambiguous).toEqual([]);
  });

  // Regression: mappings.yaml maps "LDM-1.45B" onto stable-diffusion-ldm-kl-8-g. Into an empty
  // graph that slug is the one the row "Stable Diffusion (LDM-KL-8-G)" creates: the mapped row
  // made a second model, which the slug changes merged away after the summary had counted it.
  it('reads a row mapped onto the model another row of the file creates as a duplicate of that row', () => {
    const mappings = loadEpochMappings(
      writeMappings(`
models:
  "LDM-1.45B": stable-diffusion-ldm-kl-8-g
countries: {}
`),
    );
    const rows = rowsOf([
      { Model: 'Stable Diffusion (LDM-KL-8-G)', Organization: 'Runway', Parameters: '1450000000' },
      { Model: 'LDM-1.45B', Organization: 'Runway', Parameters: '1450000000' },
    ]);
    const first = planEpochImport(EMPTY_VIEW, rows, mappings, { snapshotDate: SNAPSHOT });
    expect(first.models.map((model) => model.slug)).toEqual(['stable-diffusion-ldm-kl-8-g']);
    expect(first.report.duplicates).toEqual([
      {
        row: 3,
        line: 3,
        name: 'LDM-1.45B',
        firstRow: 2,
        reason: 'mappings.yaml maps it onto stable-diffusion-ldm-kl-8-g, the model row 2 creates',
      },
    ]);
    expect(first.report.warnings).toEqual([]);
    // Once the model exists, the mapping finds it: the same row is a duplicate by name of row 2.
    const again = planEpochImport(applyPlan(EMPTY_VIEW, first), rows, mappings, { snapshotDate: SNAPSHOT });
    expect(again.models).toEqual([]);
    expect(again.report.duplicates.map((duplicate) => [duplicate.row, duplicate.firstRow])).toEqual([[3, 2]]);
  });
});

describe("a row's domains and tasks", () => {
  const first = rowsOf([
    {
      Model: 'Qwen-VL',
      Organization: 'Alibaba',
      Domain: 'Multimodal,Language,Vision,Language',
      Task: 'Visual question answering, Chat,chat, Image captioning',
    },
  ]);
  const plan = planEpochImport(EMPTY_VIEW, first, MAPPINGS, { snapshotDate: SNAPSHOT });

  it("links each domain and task once, tasks in Epoch's words (the first spelling of a repeat)", () => {
    expect(plan.domains).toEqual({
      link: [
        { model: 'qwen-vl', domain: 'MULTIMODAL', source: EPOCH },
        { model: 'qwen-vl', domain: 'LANGUAGE', source: EPOCH },
        { model: 'qwen-vl', domain: 'VISION', source: EPOCH },
      ],
      unlink: [],
    });
    expect(plan.tasks).toEqual({
      link: [
        { model: 'qwen-vl', task: 'Visual question answering', source: EPOCH },
        { model: 'qwen-vl', task: 'Chat', source: EPOCH },
        { model: 'qwen-vl', task: 'Image captioning', source: EPOCH },
      ],
      unlink: [],
    });
  });

  it('unlinks on a newer snapshot the domains and tasks its row no longer gives, and links the new ones', () => {
    const newer = rowsOf([
      { Model: 'Qwen-VL', Organization: 'Alibaba', Domain: 'Multimodal', Task: 'Chat, Visual grounding' },
    ]);
    const next = planEpochImport(applyPlan(EMPTY_VIEW, plan), newer, MAPPINGS, { snapshotDate: NEWER });
    expect(next.domains).toEqual({
      link: [],
      unlink: [
        { model: 'qwen-vl', domain: 'LANGUAGE' },
        { model: 'qwen-vl', domain: 'VISION' },
      ],
    });
    expect(next.tasks).toEqual({
      link: [{ model: 'qwen-vl', task: 'Visual grounding', source: EPOCH }],
      unlink: [
        { model: 'qwen-vl', task: 'Visual question answering' },
        { model: 'qwen-vl', task: 'Image captioning' },
      ],
    });
  });
});
