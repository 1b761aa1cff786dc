/**
 * Named fixtures for the Epoch import tests: a few curated entities (as the curated seed makes
 * them) and helpers to read the database's state.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '../../src/db/client.js';
import { normalizeName } from '../../src/domain/normalize.js';

/** A fixture CSV of `test/fixtures/epoch/`. */
export function epochFixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/epoch/${name}`, import.meta.url));
}

/** Writes a mappings file to a temporary folder (for tests of the automatic rules). */
export function writeMappings(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'llm-atlas-epoch-mappings-')), 'mappings.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** The columns the importer reads, in the order {@link writeEpochCsv} writes them. */
export const EPOCH_TEST_COLUMNS = [
  'Model',
  'Organization',
  'Publication date',
  'Parameters',
  'Training compute (FLOP)',
  'Confidence',
  'Link',
  'Country (of organization)',
  'Base model',
  'Finetune compute (FLOP)',
  'Model accessibility',
  'Domain',
  'Task',
] as const;

/** One row of a test CSV: any column left out is blank. */
export type EpochTestRow = Partial<Record<(typeof EPOCH_TEST_COLUMNS)[number], string>>;

/** The CSV text of `rows` under the header of {@link EPOCH_TEST_COLUMNS}, every cell quoted. */
export function epochCsvText(rows: readonly EpochTestRow[]): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = [
    EPOCH_TEST_COLUMNS.join(','),
    ...rows.map((row) => EPOCH_TEST_COLUMNS.map((column) => quote(row[column] ?? '')).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes a small Epoch CSV (a reviewer's repro, say) to a temporary folder; answers its path. */
export function writeEpochCsv(rows: readonly EpochTestRow[], name = 'epoch.csv'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'llm-atlas-epoch-csv-')), name);
  writeFileSync(file, epochCsvText(rows));
  return file;
}

/** The source slugs the curated fixture cites. */
export const CURATED_FIXTURE_SOURCES = { curated: 'llm-atlas-curated', note: 'user-note' } as const;

/**
 * "Curated graph": the slice of the curated seed the Epoch tests need, written the way the seed
 * writes it (slugs, aliases with `normalized`, claims and edges cited to a source).
 *
 * - organizations openai, google, google-research, deepmind, google-deepmind (the 2023 merger,
 *   kept apart from DeepMind as curated.yaml keeps it), zhipu-ai (智谱AI), tsinghua, baidu, meta-ai;
 * - models gpt-3 (175B, curated PARAMETERS claim 175000000000: Epoch says 174600000000, the
 *   conflict; the note's RELEASE_DATE "2020-05", which agrees with Epoch's 2020-05-28), palm
 *   (540B), gopher (280B), flan-palm (540B), instructgpt (175B), ernie-3-0 (10B, curated
 *   ACCESSIBILITY "Unreleased");
 * - lineage instructgpt FINE_TUNED_FROM gpt-3 and flan-palm INSTRUCTION_TUNED_FROM palm (curated).
 */
export async function insertCuratedGraph(prisma: PrismaClient): Promise<void> {
  const curated = await prisma.source.create({
    data: { slug: CURATED_FIXTURE_SOURCES.curated, kind: 'CURATED', title: 'llm-atlas curated data' },
  });
  const note = await prisma.source.create({
    data: { slug: CURATED_FIXTURE_SOURCES.note, kind: 'NOTE', title: "The user's note on ChatGPT" },
  });

  const organizations: { slug: string; name: string; nameZh?: string; aliases?: string[]; country: string }[] = [
    { slug: 'openai', name: 'OpenAI', country: 'US' },
    { slug: 'google', name: 'Google', country: 'US' },
    { slug: 'google-research', name: 'Google Research', country: 'US' },
    { slug: 'deepmind', name: 'DeepMind', country: 'GB' },
    { slug: 'google-deepmind', name: 'Google DeepMind', country: 'GB' },
    { slug: 'zhipu-ai', name: 'Zhipu AI', nameZh: '智谱AI', country: 'CN' },
    { slug: 'tsinghua', name: 'Tsinghua University', nameZh: '清华大学', country: 'CN' },
    { slug: 'baidu', name: 'Baidu', nameZh: '百度', country: 'CN' },
    { slug: 'meta-ai', name: 'Meta AI', aliases: ['FAIR'], country: 'US' },
  ];
  const organizationIds = new Map<string, number>();
  for (const { aliases = [], ...organization } of organizations) {
    const created = await prisma.organization.create({
      data: {
        ...organization,
        aliases: { create: aliases.map((alias) => ({ alias, normalized: normalizeName(alias) })) },
      },
    });
    organizationIds.set(organization.slug, created.id);
  }

  const models: {
    slug: string;
    name: string;
    parameters: bigint;
    releaseDate: string;
    developer: string;
    aliases?: string[];
  }[] = [
    {
      slug: 'gpt-3',
      name: 'GPT-3',
      parameters: 175_000_000_000n,
      releaseDate: '2020-05-28',
      developer: 'openai',
      aliases: ['davinci'],
    },
    {
      slug: 'palm',
      name: 'PaLM',
      parameters: 540_000_000_000n,
      releaseDate: '2022-04-04',
      developer: 'google-research',
    },
    { slug: 'gopher', name: 'Gopher', parameters: 280_000_000_000n, releaseDate: '2021-12-08', developer: 'deepmind' },
    {
      slug: 'flan-palm',
      name: 'Flan-PaLM',
      parameters: 540_000_000_000n,
      releaseDate: '2022-10-20',
      developer: 'google',
    },
    {
      slug: 'instructgpt',
      name: 'InstructGPT',
      parameters: 175_000_000_000n,
      releaseDate: '2022-01-27',
      developer: 'openai',
    },
    {
      slug: 'ernie-3-0',
      name: 'ERNIE 3.0',
      parameters: 10_000_000_000n,
      releaseDate: '2021-07-05',
      developer: 'baidu',
    },
  ];
  const modelIds = new Map<string, number>();
  for (const { developer, aliases = [], releaseDate, ...model } of models) {
    const created = await prisma.model.create({
      data: {
        ...model,
        releaseDate: new Date(`${releaseDate}T00:00:00Z`),
        aliases: { create: aliases.map((alias) => ({ alias, normalized: normalizeName(alias) })) },
        developers: { create: { organizationId: organizationIds.get(developer) as number, sourceId: curated.id } },
      },
    });
    modelIds.set(model.slug, created.id);
  }
  const id = (slug: string) => modelIds.get(slug) as number;
  await prisma.claim.createMany({
    data: [
      {
        modelId: id('gpt-3'),
        property: 'PARAMETERS',
        value: '175000000000',
        sourceId: curated.id,
        confidence: 'CONFIDENT',
        quote: '175B',
        // The curated file's choice, as the seed marks it where the rule alone would pick another.
        assertedRank: 'PREFERRED',
        assertedReason: 'the curated choice',
      },
      { modelId: id('gpt-3'), property: 'RELEASE_DATE', value: '2020-05', sourceId: note.id, confidence: 'LIKELY' },
      {
        modelId: id('ernie-3-0'),
        property: 'ACCESSIBILITY',
        value: 'Unreleased',
        sourceId: curated.id,
        confidence: 'CONFIDENT',
      },
    ],
  });
  await prisma.modelLineage.createMany({
    data: [
      { childId: id('instructgpt'), parentId: id('gpt-3'), kind: 'FINE_TUNED_FROM', sourceId: curated.id },
      { childId: id('flan-palm'), parentId: id('palm'), kind: 'INSTRUCTION_TUNED_FROM', sourceId: curated.id },
    ],
  });
}

/** Row counts of the tables the Epoch import writes. */
export type TableCounts = Record<
  'sources' | 'organizations' | 'organizationAliases' | 'models' | 'modelAliases' | 'developers' | 'lineage' | 'claims',
  number
>;

/** Row counts of every table the import writes: equal before and after means nothing was written. */
export async function tableCounts(prisma: PrismaClient): Promise<TableCounts> {
  const [sources, organizations, organizationAliases, models, modelAliases, developers, lineage, claims] =
    await Promise.all([
      prisma.source.count(),
      prisma.organization.count(),
      prisma.organizationAlias.count(),
      prisma.model.count(),
      prisma.modelAlias.count(),
      prisma.modelDeveloper.count(),
      prisma.modelLineage.count(),
      prisma.claim.count(),
    ]);
  return { sources, organizations, organizationAliases, models, modelAliases, developers, lineage, claims };
}

/** SQL statements among `queries` that write (INSERT, UPDATE, DELETE). */
export function writeStatements(queries: readonly string[]): string[] {
  return queries.filter((sql) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql));
}
