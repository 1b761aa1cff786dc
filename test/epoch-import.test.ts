import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpochInputError } from '../seed/epoch/csv.js';
import { EPOCH_SOURCE, type ImportEpochOptions, importEpoch } from '../seed/epoch/import.js';
import { type EpochImportSummary, formatSummary } from '../seed/epoch/summary.js';
import { createTestDatabase, failInsertsInto, type TestDatabase } from './helpers/database.js';
import {
  epochFixture,
  insertCuratedGraph,
  tableCounts,
  writeEpochCsv,
  writeStatements,
} from './helpers/epoch-fixtures.js';

const SNAPSHOT = '2026-01-26';
const NEWER = '2026-03-01';
const quirks: ImportEpochOptions = { file: epochFixture('quirks.csv'), snapshotDate: SNAPSHOT };

async function modelBySlug(db: TestDatabase, slug: string) {
  return db.prisma.model.findUniqueOrThrow({
    where: { slug },
    include: {
      aliases: { orderBy: { alias: 'asc' } },
      developers: { include: { organization: true }, orderBy: { organizationId: 'asc' } },
      claims: { include: { source: true }, orderBy: [{ property: 'asc' }, { sourceId: 'asc' }] },
      parents: { include: { parent: true, source: true }, orderBy: { parentId: 'asc' } },
    },
  });
}

describe('importing the quirks fixture into a curated graph', () => {
  let db: TestDatabase;
  let first: EpochImportSummary;

  beforeAll(async () => {
    db = await createTestDatabase('epoch-import');
    await insertCuratedGraph(db.prisma);
    first = await importEpoch(db.database, quirks);
  });
  afterAll(() => db.cleanup());

  it('reports what it read, matched and created', () => {
    expect(first).toMatchObject({
      rowsRead: 18,
      rowsImported: 17,
      matchedModels: 6,
      matchedModelsBy: { mapping: 5, name: 1, variant: 0, size: 0 },
      createdModels: 11,
      matchedOrganizations: 8,
      createdOrganizations: 3,
      aliasesAdded: 7,
      developersAdded: 13,
      claimsAdded: 64,
      claimsChanged: [],
      claimsUnchanged: 0,
      claimsRemoved: [],
      lineageAdded: 3,
      lineageKnownFromOtherSources: 2,
      ambiguous: [],
      rejected: [],
      warnings: [],
      changed: true,
    });
    expect(first.duplicates).toEqual([
      { row: 12, line: 14, name: 'Gopher (280B)', firstRow: 11, reason: 'same model name as row 11' },
    ]);
  });

  it('records the source with its snapshot date, licence and attribution', async () => {
    const source = await db.prisma.source.findUniqueOrThrow({ where: { slug: EPOCH_SOURCE.slug } });
    expect(source).toMatchObject({
      kind: 'DATASET',
      title: 'Epoch AI — Data on Notable AI Models',
      url: 'https://epoch.ai/data/notable-ai-models',
      license: 'CC BY 4.0',
      attribution: "Epoch AI, 'Data on Notable AI Models'. Published online at epoch.ai.",
      snapshotDate: new Date('2026-01-26T00:00:00Z'),
    });
  });

  it('matches the curated GPT-3 and keeps both sides of the disagreement', async () => {
    const gpt3 = await modelBySlug(db, 'gpt-3');
    // Curated values untouched.
    expect(gpt3.parameters).toBe(175_000_000_000n);
    expect(gpt3.aliases.map((alias) => alias.alias).sort()).toEqual(['GPT-3 175B (davinci)', 'davinci']);
    const parameters = gpt3.claims.filter((claim) => claim.property === 'PARAMETERS');
    expect(
      parameters.map((claim) => [claim.source.slug, claim.value, claim.quote, claim.confidence, claim.locator]),
    ).toEqual([
      ['llm-atlas-curated', '175000000000', '175B', 'CONFIDENT', null],
      ['epoch-notable-ai-models', '174600000000', '1.746e11', 'CONFIDENT', 'https://arxiv.org/abs/2005.14165'],
    ]);
    expect(gpt3.claims.find((claim) => claim.property === 'TRAINING_COMPUTE')?.value).toBe('314000000000000000000000');
    // The note's "2020-05" and Epoch's 2020-05-28 agree, and so do the curated 175B and Epoch's 174.6B (within 5%).
    expect(first.conflicts).toEqual([
      {
        model: 'ernie-3-0',
        property: 'ACCESSIBILITY',
        epoch: 'Open weights (unrestricted)',
        others: [{ source: 'llm-atlas-curated', value: 'Unreleased' }],
      },
    ]);
  });

  it('splits comma-joined organizations and maps Epoch names onto curated organizations', async () => {
    const medPalm = await modelBySlug(db, 'med-palm-2');
    expect(medPalm.developers.map((edge) => [edge.organization.slug, edge.sourceId !== null])).toEqual([
      ['google-research', true],
      ['deepmind', true],
    ]);
    const glm = await modelBySlug(db, 'glm-4-5');
    expect(glm.developers.map((edge) => edge.organization.slug)).toEqual(['zhipu-ai', 'tsinghua']);
    const zhipu = await db.prisma.organization.findUniqueOrThrow({
      where: { slug: 'zhipu-ai' },
      include: { aliases: true },
    });
    expect(zhipu.aliases.map((alias) => [alias.alias, alias.normalized])).toEqual([['Z.ai (Zhipu AI)', 'zaizhipuai']]);
    const funSearch = await modelBySlug(db, 'funsearch');
    expect(funSearch.developers.map((edge) => edge.organization.slug)).toEqual(['google-deepmind']);
    const created = await db.prisma.organization.findMany({
      where: { slug: { in: ['upstage', 'university-of-oulu', 'ieee'] } },
    });
    expect(created.map((organization) => organization.name).sort()).toEqual(['IEEE', 'University of Oulu', 'Upstage']);
  });

  it('creates new models with Epoch values, cleaned names and the Chinese name', async () => {
    const solar = await modelBySlug(db, 'solar-open-100b');
    expect(solar).toMatchObject({
      name: 'Solar Open 100B',
      parameters: 102_000_000_000n,
      releaseDate: new Date('2025-12-31T00:00:00Z'),
    });
    const ernie = await modelBySlug(db, 'ernie-4-5-vl-424b-a47b');
    expect(ernie).toMatchObject({
      name: 'ERNIE-4.5-VL-424B-A47B',
      nameZh: '文心大模型4.5',
      parameters: 424_000_000_000n,
    });
    expect(ernie.aliases.map((alias) => alias.alias)).toEqual(['ERNIE-4.5-VL-424B-A47B (文心大模型4.5)']);
    expect((await modelBySlug(db, 'ernie-doc-247m')).parameters).toBe(247_000_000n);
    expect(
      (await modelBySlug(db, 'ieee-benchmark-net')).claims.map((claim) => [claim.property, claim.value, claim.locator]),
    ).toEqual([
      ['COUNTRY', 'FI', 'https://arxiv.org/abs/2006.00001'],
      ['PARAMETERS', '1750000000000', 'https://arxiv.org/abs/2006.00001'],
      ['RELEASE_DATE', '2020-06-01', 'https://arxiv.org/abs/2006.00001'],
    ]);
    const blank = await modelBySlug(db, 'blank-model');
    expect(blank).toMatchObject({ parameters: null, developers: [] });
    expect(blank.claims.map((claim) => [claim.property, claim.value, claim.confidence, claim.locator])).toEqual([
      ['RELEASE_DATE', '2019-01-01', 'UNKNOWN', 'https://epoch.ai/data/notable-ai-models'],
    ]);
    // "+" keeps them apart, and the slug spells it out.
    expect((await modelBySlug(db, 'deeplabv3-plus')).name).toBe('DeepLabV3+');
    expect((await modelBySlug(db, 'deeplabv3')).name).toBe('DeepLabV3');
    // A checked non-match of mappings.yaml: its own model, not the curated InstructGPT.
    expect((await modelBySlug(db, 'instructgpt-6b')).parameters).toBe(6_000_000_000n);
  });

  it('turns Base model into lineage, reusing edges other sources already have', async () => {
    const edges = await db.prisma.modelLineage.findMany({
      include: { child: true, parent: true, source: true },
      orderBy: { id: 'asc' },
    });
    expect(edges.map((edge) => [edge.child.slug, edge.kind, edge.parent.slug, edge.source?.slug])).toEqual([
      ['instructgpt', 'FINE_TUNED_FROM', 'gpt-3', 'llm-atlas-curated'],
      ['flan-palm', 'INSTRUCTION_TUNED_FROM', 'palm', 'llm-atlas-curated'],
      // Epoch's FunSearch row has a fine-tune compute of 0.0: "based on", not "fine-tuned from".
      ['funsearch', 'BASED_ON', 'palm', 'epoch-notable-ai-models'],
      ['ieee-benchmark-net', 'BASED_ON', 'ernie-doc-247m', 'epoch-notable-ai-models'],
      ['deeplabv3-plus', 'BASED_ON', 'deeplabv3', 'epoch-notable-ai-models'],
    ]);
    expect(first.unknownBaseModels).toEqual([
      {
        row: 4,
        model: 'ERNIE-4.5-VL-424B-A47B (文心大模型4.5)',
        baseModel: 'ERNIE-4.5-300B-A47B',
        reason: 'no row of the file and no model of the graph has this name',
      },
      {
        row: 6,
        model: 'Med-PaLM 2',
        baseModel: 'PaLM 2',
        reason: 'no row of the file and no model of the graph has this name',
      },
      {
        row: 10,
        model: 'InstructGPT 6B',
        baseModel: 'GPT-3 6.7B',
        reason: 'no row of the file and no model of the graph has this name',
      },
    ]);
  });

  it('prints a summary with the attribution', () => {
    const text = formatSummary(first);
    expect(text).toContain("Epoch AI, 'Data on Notable AI Models'. Published online at epoch.ai.");
    expect(text).toContain('rows read           18: 17 imported, 0 rejected, 1 duplicate, 0 ambiguous');
    expect(text).toContain('ernie-3-0 ACCESSIBILITY: Epoch Open weights (unrestricted); llm-atlas-curated Unreleased');
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await tableCounts(db.prisma);
    db.queries.length = 0;
    const again = await importEpoch(db.database, quirks);
    expect(writeStatements(db.queries)).toEqual([]);
    expect(await tableCounts(db.prisma)).toEqual(before);
    expect(again).toMatchObject({
      matchedModels: 17,
      createdModels: 0,
      createdOrganizations: 0,
      aliasesAdded: 0,
      developersAdded: 0,
      claimsAdded: 0,
      claimsChanged: [],
      claimsUnchanged: 64,
      lineageAdded: 0,
      lineageUnchanged: 3,
      changed: false,
    });
    expect(again.conflicts).toEqual(first.conflicts);
  });

  it('updates Epoch claims in place from a newer snapshot and reports old → new', async () => {
    const ernieDoc = await modelBySlug(db, 'ernie-doc-247m');
    const claimId = ernieDoc.claims.find((claim) => claim.property === 'PARAMETERS')?.id;
    const before = await tableCounts(db.prisma);
    const newer = await importEpoch(db.database, { file: epochFixture('quirks-newer.csv'), snapshotDate: NEWER });

    expect(newer.source).toMatchObject({ created: false, updated: true });
    expect((await db.prisma.source.findUniqueOrThrow({ where: { slug: EPOCH_SOURCE.slug } })).snapshotDate).toEqual(
      new Date(`${NEWER}T00:00:00Z`),
    );
    expect(newer.claimsChanged.find((change) => change.model === 'ernie-doc-247m')).toEqual({
      row: 13,
      model: 'ernie-doc-247m',
      property: 'PARAMETERS',
      changes: [
        { field: 'value', from: '247000000', to: '250000000' },
        { field: 'quote', from: '247000000.00000003', to: '250000000.0' },
      ],
    });
    // Same claim row, new value; the model Epoch created follows its parameter count.
    const updated = await modelBySlug(db, 'ernie-doc-247m');
    const claim = updated.claims.find((entry) => entry.property === 'PARAMETERS');
    expect([claim?.id, claim?.value]).toEqual([claimId, '250000000']);
    expect(updated.parameters).toBe(250_000_000n);
    // GPT-3's row confidence went from Confident to Likely: it qualifies the row's estimates, so
    // the parameter count and the compute changed; the date, country and accessibility (which
    // Epoch states no confidence for) did not, and neither did the curated parameter count.
    expect(
      newer.claimsChanged
        .filter((change) => change.model === 'gpt-3')
        .map((change) => [change.property, change.changes]),
    ).toEqual([
      ['PARAMETERS', [{ field: 'confidence', from: 'CONFIDENT', to: 'LIKELY' }]],
      ['TRAINING_COMPUTE', [{ field: 'confidence', from: 'CONFIDENT', to: 'LIKELY' }]],
    ]);
    expect((await modelBySlug(db, 'gpt-3')).parameters).toBe(175_000_000_000n);
    expect(newer.claimsChanged).toHaveLength(3);
    expect(newer.claimsRemoved).toEqual([
      { row: 3, model: 'solar-open-100b', property: 'ACCESSIBILITY', value: 'API access' },
    ]);
    expect(newer).toMatchObject({
      createdModels: 1,
      claimsAdded: 4,
      lineageAdded: 1,
      lineageChanged: 1,
      lineageRemoved: 0,
    });
    const funSearch = await modelBySlug(db, 'funsearch');
    expect(funSearch.parents.map((edge) => [edge.kind, edge.parent.slug])).toEqual([['FINE_TUNED_FROM', 'palm']]);
    const glm46 = await modelBySlug(db, 'glm-4-6');
    expect(glm46.parents.map((edge) => [edge.kind, edge.parent.slug])).toEqual([['BASED_ON', 'glm-4-5']]);
    expect(await tableCounts(db.prisma)).toEqual({
      ...before,
      models: before.models + 1,
      developers: before.developers + 2,
      lineage: before.lineage + 1,
      claims: before.claims + 4 - 1,
    });
  });
});

describe('bad input', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('epoch-bad');
    await insertCuratedGraph(db.prisma);
  });
  afterAll(() => db.cleanup());

  const refused = async (file: string, message: string, options: Partial<ImportEpochOptions> = {}) => {
    const before = await tableCounts(db.prisma);
    db.queries.length = 0;
    const error = await importEpoch(db.database, {
      file: epochFixture(file),
      snapshotDate: SNAPSHOT,
      ...options,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EpochInputError);
    expect((error as Error).message).toBe(message);
    // Refused before the database was touched.
    expect(db.queries).toEqual([]);
    expect(await tableCounts(db.prisma)).toEqual(before);
  };

  it('refuses a malformed CSV', () =>
    refused(
      'bad-unclosed-quote.csv',
      'bad-unclosed-quote.csv: row 4 (line 4), column "Model": a quoted cell is never closed (unbalanced ")',
    ));

  it('refuses a file without a required column, even with skipInvalid', () =>
    refused(
      'bad-missing-column.csv',
      'bad-missing-column.csv: row 1 (line 1), column "Parameters": required column is missing from the header',
      { skipInvalid: true },
    ));

  it('refuses a row whose parameters are not a number, naming the row and column', () =>
    refused(
      'bad-values.csv',
      'bad-values.csv: row 3 (line 3, "Wordy Params"), column "Parameters": expected a parameter count (a number such as 175000000000 or 1.75e11), got "about 7B" (and 2 more problems)',
    ));

  it('refuses a snapshot date that is not on the calendar', () =>
    refused('quirks.csv', 'quirks.csv: snapshot date "2026-02-30" is not a date such as 2026-01-26', {
      snapshotDate: '2026-02-30',
    }));

  it('refuses a file with a header and no rows, leaving the snapshot date alone', () =>
    refused('header-only', 'epoch.csv: the file has a header but no data rows: expected at least one model row', {
      file: writeEpochCsv([]),
    }));

  it('refuses a parameter count the database cannot store before writing, naming the row and column', () =>
    refused(
      'too-big',
      'epoch.csv: row 2 (line 2, "Too Big"), column "Parameters": expected at most 9223372036854775807 parameters (about 9.2e18, the largest count the database stores), got "1e19"',
      { file: writeEpochCsv([{ Model: 'Too Big', Parameters: '1e19' }]) },
    ));

  it('refuses another file without a snapshot date', () =>
    refused(
      'quirks.csv',
      'quirks.csv: no snapshot date: give the date the file was taken (--snapshot-date YYYY-MM-DD)',
      { snapshotDate: undefined },
    ));

  it('rolls everything back when a write fails half-way', async () => {
    const before = await tableCounts(db.prisma);
    // Lineage is written after organizations, models, aliases, developers and claims: make it fail.
    const undo = await failInsertsInto(db, 'ModelLineage', 'lineage refused by the test');
    try {
      const error = await importEpoch(db.database, quirks).catch((caught: unknown) => caught);
      // The adapter reports the trigger's abort as a failure of the lineage insert.
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).toContain('modelLineage.createManyAndReturn()');
    } finally {
      await undo();
    }
    expect(await tableCounts(db.prisma)).toEqual(before);
  });

  it('imports the valid rows with skipInvalid and writes the rejected ones to the report', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'llm-atlas-epoch-report-')), 'nested', 'rejected.csv');
    const summary = await importEpoch(db.database, {
      file: epochFixture('bad-values.csv'),
      snapshotDate: SNAPSHOT,
      skipInvalid: true,
      reportFile: report,
    });
    expect(summary).toMatchObject({
      rowsRead: 6,
      rowsImported: 3,
      createdModels: 3,
      lineageAdded: 1,
      reportFile: report,
    });
    expect(summary.rejected.map((problem) => [problem.row, problem.column])).toEqual([
      [3, 'Parameters'],
      [5, 'Publication date'],
      [6, 'Country (of organization)'],
    ]);
    expect(summary.unknownBaseModels).toEqual([
      { row: 7, model: 'Based On Wordy Too', baseModel: 'Wordy Params', reason: 'its row 3 was rejected' },
    ]);
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, 'utf8')).toBe(
      [
        'row,line,model,column,reason',
        '3,3,Wordy Params,Parameters,"expected a parameter count (a number such as 175000000000 or 1.75e11), got ""about 7B"""',
        '5,6,Bad Date,Publication date,"expected an ISO date such as 2020-05-28, got ""2020-02-30"""',
        '6,7,Based On Wordy,Country (of organization),"unknown country ""Atlantis"": add it to the countries of seed/data/epoch/mappings.yaml"',
        '',
      ].join('\n'),
    );
    expect(formatSummary(summary)).toContain('3 imported, 3 rejected');
  });
});

describe('findings of the review', () => {
  /** A fresh database with the curated fixture, for one test. */
  const curatedDatabase = async (name: string) => {
    const db = await createTestDatabase(name);
    await insertCuratedGraph(db.prisma);
    return db;
  };

  it('matches "OPT-13B" to opt-13b alone and creates "ERNIE 30" (slugs are not names)', async () => {
    const db = await curatedDatabase('epoch-review-slugs');
    try {
      await db.prisma.model.createMany({
        data: [
          { slug: 'opt-1-3b', name: 'OPT-1.3B', parameters: 1_300_000_000n },
          { slug: 'opt-13b', name: 'OPT-13B', parameters: 13_000_000_000n },
        ],
      });
      const file = writeEpochCsv([
        { Model: 'OPT-13B', Parameters: '13000000000', 'Publication date': '2022-05-02' },
        { Model: 'ERNIE 30', 'Publication date': '2021-01-01' },
      ]);
      const summary = await importEpoch(db.database, { file, snapshotDate: SNAPSHOT });
      expect(summary).toMatchObject({
        ambiguous: [],
        matchedModels: 1,
        matchedModelsBy: { name: 1 },
        createdModels: 1,
        inferredMatches: [],
      });
      expect((await modelBySlug(db, 'opt-13b')).claims.map((claim) => [claim.property, claim.value])).toEqual([
        ['PARAMETERS', '13000000000'],
        ['RELEASE_DATE', '2022-05-02'],
      ]);
      expect((await modelBySlug(db, 'opt-1-3b')).claims).toEqual([]);
      expect((await modelBySlug(db, 'ernie-3-0')).claims.map((claim) => claim.source.slug)).toEqual([
        'llm-atlas-curated',
      ]);
      expect((await modelBySlug(db, 'ernie-30')).name).toBe('ERNIE 30');
    } finally {
      await db.cleanup();
    }
  });

  it('keeps the fields of a model only Epoch cites in step with its claims', async () => {
    const db = await curatedDatabase('epoch-review-fields');
    try {
      const fields = async (slug: string) => {
        const model = await modelBySlug(db, slug);
        const epoch = model.claims.filter((claim) => claim.source.slug === EPOCH_SOURCE.slug);
        return {
          parameters: model.parameters,
          releaseDate: model.releaseDate?.toISOString().slice(0, 10) ?? null,
          claims: epoch.map((claim) => claim.property),
        };
      };
      await importEpoch(db.database, {
        file: writeEpochCsv([
          { Model: 'Solo', Parameters: '1e9', 'Publication date': '2021-01-01' },
          { Model: 'Late' },
          { Model: 'GPT-3 175B (davinci)', Parameters: '1.746e11', 'Publication date': '2020-05-28' },
        ]),
        snapshotDate: SNAPSHOT,
      });
      expect(await fields('solo')).toEqual({
        parameters: 1_000_000_000n,
        releaseDate: '2021-01-01',
        claims: ['PARAMETERS', 'RELEASE_DATE'],
      });
      expect(await fields('late')).toEqual({ parameters: null, releaseDate: null, claims: [] });

      // A newer snapshot blanks Solo's cells and fills Late's; GPT-3's count goes blank too.
      await importEpoch(db.database, {
        file: writeEpochCsv([
          { Model: 'Solo' },
          { Model: 'Late', Parameters: '2e9', 'Publication date': '2022-02' },
          { Model: 'GPT-3 175B (davinci)', 'Publication date': '2020-05-28' },
        ]),
        snapshotDate: NEWER,
      });
      expect(await fields('solo')).toEqual({ parameters: null, releaseDate: null, claims: [] });
      expect(await fields('late')).toEqual({
        parameters: 2_000_000_000n,
        releaseDate: '2022-02-01',
        claims: ['PARAMETERS', 'RELEASE_DATE'],
      });
      // GPT-3's count is the curated claim's now that Epoch gives none; its date is the most precise that agrees.
      expect(await fields('gpt-3')).toEqual({
        parameters: 175_000_000_000n,
        releaseDate: '2020-05-28',
        claims: ['RELEASE_DATE'],
      });

      // A value set by hand, past the write layer and without a claim behind it, does not stay:
      // the preferred value is always the preferred claim's.
      await db.prisma.model.update({ where: { slug: 'late' }, data: { parameters: 5_000_000_000n } });
      const third = {
        file: writeEpochCsv([
          { Model: 'Solo', Parameters: '3e9' },
          { Model: 'Late', Parameters: '4e9', 'Publication date': '2022-03-01' },
        ]),
        snapshotDate: '2026-04-01',
      };
      await importEpoch(db.database, third);
      expect(await fields('solo')).toEqual({ parameters: 3_000_000_000n, releaseDate: null, claims: ['PARAMETERS'] });
      expect(await fields('late')).toEqual({
        parameters: 4_000_000_000n,
        releaseDate: '2022-03-01',
        claims: ['PARAMETERS', 'RELEASE_DATE'],
      });

      db.queries.length = 0;
      expect(await importEpoch(db.database, third)).toMatchObject({ changed: false });
      expect(writeStatements(db.queries)).toEqual([]);
    } finally {
      await db.cleanup();
    }
  });

  it('skips Parameters=1e19 with skipInvalid instead of failing at write', async () => {
    const db = await curatedDatabase('epoch-review-huge');
    try {
      const file = writeEpochCsv([
        { Model: 'Too Big', Parameters: '1e19' },
        { Model: 'Fine', Parameters: '1e9' },
      ]);
      const summary = await importEpoch(db.database, { file, snapshotDate: SNAPSHOT, skipInvalid: true });
      expect(summary).toMatchObject({ rowsRead: 2, rowsImported: 1, createdModels: 1 });
      expect(summary.rejected.map((problem) => [problem.row, problem.column])).toEqual([[2, 'Parameters']]);
    } finally {
      await db.cleanup();
    }
  });

  it('cites the first of several comma-separated links, without the comma', async () => {
    const db = await curatedDatabase('epoch-review-links');
    try {
      const file = writeEpochCsv([
        {
          Model: 'Mixtral 8x7B',
          Parameters: '46700000000',
          Link: 'https://mistral.ai/news/mixtral-of-experts/, https://arxiv.org/abs/2401.04088',
        },
      ]);
      await importEpoch(db.database, { file, snapshotDate: SNAPSHOT });
      expect((await modelBySlug(db, 'mixtral-8x7b')).claims.map((claim) => claim.locator)).toEqual([
        'https://mistral.ai/news/mixtral-of-experts/',
      ]);
    } finally {
      await db.cleanup();
    }
  });

  it('drops and reports a base model that would close a lineage cycle or names the row itself', async () => {
    const db = await curatedDatabase('epoch-review-cycles');
    try {
      const options = {
        file: writeEpochCsv([
          { Model: 'CycA', 'Base model': 'CycB' },
          { Model: 'CycB', 'Base model': 'CycA' },
          // The curated graph says InstructGPT is fine-tuned from GPT-3.
          { Model: 'GPT-3 175B (davinci)', 'Base model': 'InstructGPT' },
          { Model: 'SelfRef', 'Base model': 'SelfRef' },
        ]),
        snapshotDate: SNAPSHOT,
      };
      const first = await importEpoch(db.database, options);
      const invalid = [
        { row: 5, model: 'SelfRef', baseModel: 'SelfRef', reason: 'it names the row itself' },
        {
          row: 3,
          model: 'CycB',
          baseModel: 'CycA',
          reason: 'it would close a lineage cycle (cycb → cyca → cycb; → reads "is based on")',
        },
        {
          row: 4,
          model: 'GPT-3 175B (davinci)',
          baseModel: 'InstructGPT',
          reason: 'it would close a lineage cycle (gpt-3 → instructgpt → gpt-3; → reads "is based on")',
        },
      ];
      expect(first).toMatchObject({ lineageAdded: 1, unknownBaseModels: [], invalidBaseModels: invalid });
      expect(formatSummary(first)).toContain('row 3 "CycB": "CycA" (it would close a lineage cycle');
      const epochEdges = await db.prisma.modelLineage.findMany({
        where: { source: { slug: EPOCH_SOURCE.slug } },
        include: { child: true, parent: true },
      });
      expect(epochEdges.map((edge) => [edge.child.slug, edge.parent.slug])).toEqual([['cyca', 'cycb']]);

      db.queries.length = 0;
      const again = await importEpoch(db.database, options);
      expect(writeStatements(db.queries)).toEqual([]);
      expect(again).toMatchObject({ lineageUnchanged: 1, invalidBaseModels: invalid });
    } finally {
      await db.cleanup();
    }
  });
});
