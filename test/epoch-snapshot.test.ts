/**
 * The real snapshot (seed/data/epoch/notable-ai-models.csv, 976 rows). The expected numbers are
 * computed here from the file with csv-parse and the rules the import documents (names compared
 * folded with "+" kept; organizations and base models split on commas; a base model links when
 * another row has its name), not taken from the importer.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { seedDatabase } from '../seed/curated/import.js';
import { EPOCH_SNAPSHOT_FILE, importEpoch } from '../seed/epoch/import.js';
import { DEFAULT_MAPPINGS_FILE } from '../seed/epoch/mappings.js';
import { type EpochImportSummary, formatSummary } from '../seed/epoch/summary.js';
import { normalizeArticleUrl, normalizeName, slugify } from '../src/domain/normalize.js';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from './helpers/database.js';
import { insertCuratedGraph, tableCounts, writeStatements } from './helpers/epoch-fixtures.js';

type Row = Record<string, string>;
const rows = parseCsv(readFileSync(EPOCH_SNAPSHOT_FILE, 'utf8'), { columns: true, bom: true }) as Row[];
const mappings = parseYaml(readFileSync(DEFAULT_MAPPINGS_FILE, 'utf8')) as {
  models: Record<string, string | null>;
  organizations: Record<string, string | null>;
  countries: Record<string, string | null>;
};
const key = (name: string) => normalizeName(name.replace(/\+/g, ' plus '));
const list = (cell: string | undefined) =>
  (cell ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
const cell = (row: Row, column: string) => (row[column] ?? '').trim();

/** What the file says, counted independently of the importer. */
const expected = (() => {
  const rowKeys = new Set(rows.map((row) => key(cell(row, 'Model'))));
  // A row mapped onto the model another row of the file creates ("LDM-1.45B" →
  // stable-diffusion-ldm-kl-8-g, made from "Stable Diffusion (LDM-KL-8-G)") is that model: the
  // import keeps the first row and reports the other as a duplicate, reading nothing from it.
  const rowSlugs = new Set(rows.map((row) => slugify(cell(row, 'Model'))));
  const duplicate = (row: Row) => {
    const target = mappings.models[cell(row, 'Model')];
    return typeof target === 'string' && target !== slugify(cell(row, 'Model')) && rowSlugs.has(target);
  };
  const kept = rows.filter((row) => !duplicate(row));
  const spellings = new Map<string, string>();
  for (const row of kept)
    for (const name of list(row.Organization)) if (!spellings.has(key(name))) spellings.set(key(name), name);
  // Spellings mapped onto the organization another spelling of the file creates ("Google
  // DeepMind" → deepmind, made from "DeepMind") do not make an organization of their own.
  const createdSlugs = new Set(
    [...spellings.values()].filter((name) => !(name in mappings.organizations)).map(slugify),
  );
  for (const [name, target] of Object.entries(mappings.organizations))
    if (target === slugify(name)) createdSlugs.add(target);
  const merged = [...spellings.values()].filter((name) => {
    const target = mappings.organizations[name];
    return typeof target === 'string' && target !== slugify(name) && createdSlugs.has(target);
  });
  const edges = new Set<string>();
  let unknownBaseModels = 0;
  for (const row of kept) {
    for (const base of list(row['Base model'])) {
      if (rowKeys.has(key(base)) && key(base) !== key(cell(row, 'Model')))
        edges.add(`${key(cell(row, 'Model'))}→${key(base)}`);
      else unknownBaseModels += 1;
    }
  }
  const countryClaim = (row: Row) =>
    list(row['Country (of organization)']).some((name) => mappings.countries[name] !== null);
  const claims =
    kept.filter((row) => cell(row, 'Parameters') !== '').length +
    kept.filter((row) => cell(row, 'Publication date') !== '').length +
    kept.filter((row) => cell(row, 'Training compute (FLOP)') !== '').length +
    kept.filter(countryClaim).length +
    kept.filter((row) => cell(row, 'Model accessibility') !== '').length;
  const developers = kept.reduce(
    (sum, row) =>
      sum +
      new Set(
        list(row.Organization).map((name) => {
          const target = mappings.organizations[name];
          return typeof target === 'string' && merged.includes(name) ? target : slugify(name);
        }),
      ).size,
    0,
  );
  const tasks = kept.reduce((sum, row) => sum + new Set(list(row.Task).map(key)).size, 0);
  // The papers and pages: a row's Reference at the first URL of its Link. Rows with the same URL
  // (arXiv's abs and pdf links, with or without a version, are one) or the same folded title share
  // one article; a row without a Link or a Reference has none.
  const parent = new Map<string, string>();
  const root = (node: string): string => {
    let at = node;
    while (parent.get(at) !== at) at = parent.get(at) as string;
    return at;
  };
  const join = (a: string, b: string) => {
    for (const node of [a, b]) if (!parent.has(node)) parent.set(node, node);
    parent.set(root(a), root(b));
  };
  // A link is an http(s) URL, or a host and path without a scheme ("arxiv.org/abs/2501.14818").
  const LINK = /(?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s,;]*)?/i;
  const papered = kept.filter((row) => LINK.test(cell(row, 'Link')) && cell(row, 'Reference') !== '');
  for (const [index, row] of papered.entries()) {
    const found = LINK.exec(cell(row, 'Link'))?.[0] as string;
    const link = normalizeArticleUrl(/^https?:\/\//i.test(found) ? found : `https://${found}`);
    const arxiv = /arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})/.exec(link)?.[1];
    join(`row ${index}`, `url ${arxiv ? `arxiv ${arxiv}` : link}`);
    join(`row ${index}`, `title ${normalizeName(cell(row, 'Reference'))}`);
  }
  const articles = new Set(papered.map((_, index) => root(`row ${index}`))).size;
  return {
    articles,
    rowsWithArticles: papered.length,
    rowsWithoutArticles: kept.length - papered.length,
    tasks,
    distinctModels: rowKeys.size - (rows.length - kept.length),
    duplicates: rows.length - kept.length,
    organizationSpellings: spellings.size,
    organizations: spellings.size - merged.length,
    merged,
    lineage: edges.size,
    unknownBaseModels,
    claims,
    developers,
  };
})();

describe('the shipped snapshot, as the file says', () => {
  it('has the shape its README describes', () => {
    expect(rows).toHaveLength(976);
    expect(Object.keys(rows[0] ?? {})).toHaveLength(46);
    // No organization name holds a comma inside parentheses: splitting on commas is safe.
    expect(rows.some((row) => /\([^)]*,/.test(row.Organization ?? ''))).toBe(false);
    // No two rows name the same model once folded ("DeepLabV3+" and "DeepLabV3" differ by "+"),
    // but mappings.yaml makes one row the model of another: "LDM-1.45B" is the latent diffusion
    // paper's model, as "Stable Diffusion (LDM-KL-8-G)" is.
    expect(new Set(rows.map((row) => key(cell(row, 'Model')))).size).toBe(976);
    expect([expected.distinctModels, expected.duplicates]).toEqual([975, 1]);
    expect(expected.merged.sort()).toEqual([
      'Allen Institute for AI (Ai2)',
      'Facebook AI',
      'Facebook AI Research',
      'Jacobs University',
      'UT Austin',
    ]);
  });
});

describe('importing the shipped snapshot into an empty graph', () => {
  let db: TestDatabase;
  let summary: EpochImportSummary;
  let statements: number;

  beforeAll(async () => {
    db = await createTestDatabase('epoch-snapshot');
    db.queries.length = 0;
    summary = await importEpoch(db.database);
    statements = db.queries.length;
    console.info(`snapshot into an empty graph: ${summary.durationMs.toFixed(0)} ms, ${statements} SQL statements`);
  });
  afterAll(() => db.cleanup());

  it('creates one model per row, the organizations, claims and lineage the file gives', async () => {
    expect(summary).toMatchObject({
      rowsRead: 976,
      rowsImported: expected.distinctModels,
      createdModels: expected.distinctModels,
      matchedModels: 0,
      createdOrganizations: expected.organizations,
      matchedOrganizations: 0,
      claimsAdded: expected.claims,
      lineageAdded: expected.lineage,
      developersAdded: expected.developers,
      conflicts: [],
      ambiguous: [],
      rejected: [],
    });
    expect(summary.duplicates.map((duplicate) => [duplicate.name, duplicate.firstRow])).toEqual([['LDM-1.45B', 370]]);
    expect(summary.unknownBaseModels).toHaveLength(expected.unknownBaseModels);
    expect(await tableCounts(db.prisma)).toMatchObject({
      sources: 1,
      models: expected.distinctModels,
      organizations: expected.organizations,
      claims: expected.claims,
      lineage: expected.lineage,
      developers: expected.developers,
    });
    // The numbers above, pinned once (checked against the file with Python's csv module):
    // 975 models (976 rows, one a duplicate), 358 organizations (363 spellings, five mapped onto
    // others), 89 lineage edges
    // (130 rows with a Base model, 138 names after splitting, 49 of them not a row of the file).
    expect([expected.organizations, expected.lineage, expected.unknownBaseModels]).toEqual([358, 89, 49]);
    // Every task of every row, cited to Epoch: 163 distinct wordings, 2,023 model-task pairs.
    const tasks = await db.prisma.modelTask.findMany({ select: { task: true, source: { select: { slug: true } } } });
    expect([tasks.length, expected.tasks]).toEqual([2023, 2023]);
    expect(tasks.every((task) => task.source?.slug === 'epoch-notable-ai-models')).toBe(true);
    expect(new Set(tasks.map((task) => task.task)).size).toBe(163);
  });

  it("makes the rows' papers and pages articles, one per link or title, each covering its rows' models", async () => {
    expect(summary.articles).toMatchObject({
      referenced: expected.articles,
      created: expected.articles,
      rowsSharingAnArticle: expected.rowsWithArticles - expected.articles,
      coverageRemoved: 0,
    });
    expect(summary.articles.unused).toHaveLength(expected.rowsWithoutArticles);
    // Pinned once: 960 rows with both, 883 articles (77 rows share another row's), 15 rows without.
    expect([expected.rowsWithArticles, expected.articles, expected.rowsWithoutArticles]).toEqual([960, 883, 15]);
    const articles = await db.prisma.article.findMany({
      select: { url: true, kind: true, source: { select: { slug: true } }, _count: { select: { models: true } } },
    });
    expect(articles).toHaveLength(expected.articles);
    expect(articles.every((article) => article.source?.slug === 'epoch-notable-ai-models')).toBe(true);
    expect(articles.reduce((sum, article) => sum + article._count.models, 0)).toBe(expected.rowsWithArticles);
    // Each article covers the organizations that developed its models, once each.
    const [{ pairs }] = await db.prisma.$queryRawUnsafe<[{ pairs: bigint }]>(
      'SELECT COUNT(DISTINCT am."articleId" || \' \' || md."organizationId") AS pairs FROM "ArticleModel" am JOIN "ModelDeveloper" md ON md."modelId" = am."modelId"',
    );
    expect(await db.prisma.articleOrganization.count()).toBe(Number(pairs));
    expect(summary.articles.coverageAdded).toBe(expected.rowsWithArticles + Number(pairs));
    // One paper, three models (Baidu Research's scaling study); arXiv links in one form (new and old ids).
    const scaling = await db.prisma.article.findFirstOrThrow({
      where: { title: 'Deep Learning Scaling is Predictable, Empirically' },
      select: { kind: true, models: { select: { model: { select: { slug: true } } } } },
    });
    expect(scaling.models.map((edge) => edge.model.slug).sort()).toEqual([
      'dl-scaling-image',
      'dl-scaling-lm',
      'dl-scaling-speech',
    ]);
    expect(
      articles.filter(
        (article) =>
          article.url.includes('arxiv.org') &&
          !/^https:\/\/arxiv\.org\/abs\/(\d{4}\.\d{4,5}|[a-z-]+\/\d{7})$/.test(article.url),
      ),
    ).toEqual([]);
  });

  it('is batched: the statement count does not follow the number of rows', () => {
    // One round trip per batch of up to 500 rows, not per row (976 rows; Prisma splits a batch's
    // INSERT further to stay under SQLite's bound parameters, and the ~9,100 revisions go 90 to a
    // statement through the store, as do people and places in author lists); pinned, so that an intentional
    // change updates it. 65 write the papers as articles and their coverage, 16 their 577
    // citation counts; 286 read and write the 6,544 people and their 10,204 places in author
    // lists, with their history and search documents; 30 the 69 kinds of hardware, 283 datasets
    // and their 1,147 edges to models; 4 count the facets of the countries whose models changed.
    // Its speed is measured by npm run bench, not here. PostgreSQL takes far larger statements (65,535
    // bound parameters; the store's bulk rows as one JSON parameter of 5,000): 285 there. (New
    // articles and coverage rows are appended by the store too, their ids read back by URL.)
    expect(statements).toBe(TEST_DATABASE === 'sqlite' ? 624 : 285);
  });

  it('writes nothing when run again', async () => {
    const before = await tableCounts(db.prisma);
    db.queries.length = 0;
    const again = await importEpoch(db.database);
    console.info(`second run: ${again.durationMs.toFixed(0)} ms, ${db.queries.length} SQL statements`);
    expect(writeStatements(db.queries)).toEqual([]);
    expect(await tableCounts(db.prisma)).toEqual(before);
    expect(again).toMatchObject({
      matchedModels: expected.distinctModels,
      createdModels: 0,
      claimsAdded: 0,
      claimsChanged: [],
      claimsUnchanged: expected.claims,
      changed: false,
    });
  });
});

describe('importing the shipped snapshot into a curated graph', () => {
  let db: TestDatabase;
  let summary: EpochImportSummary;

  beforeAll(async () => {
    db = await createTestDatabase('epoch-snapshot-curated');
    await insertCuratedGraph(db.prisma);
    summary = await importEpoch(db.database);
  });
  afterAll(() => db.cleanup());

  it('reconciles the curated models instead of duplicating them', async () => {
    // The fixture's six models all have an Epoch row: "GPT-3 175B (davinci)", "PaLM (540B)",
    // "Gopher (280B)", "Flan-PaLM 540B", "InstructGPT 175B" (mappings.yaml) and "ERNIE 3.0" (name).
    expect(summary).toMatchObject({
      matchedModels: 6,
      matchedModelsBy: { mapping: 5, name: 1, variant: 0, size: 0 },
      createdModels: 969,
    });
    expect(await db.prisma.model.count()).toBe(975);
    const aliases = await db.prisma.modelAlias.findMany({
      where: { model: { slug: { in: ['gpt-3', 'palm', 'gopher'] } } },
      include: { model: true },
    });
    expect(aliases.map((alias) => `${alias.model.slug}: ${alias.alias}`).sort()).toEqual([
      'gopher: Gopher (280B)',
      'gpt-3: GPT-3 175B (davinci)',
      'gpt-3: davinci',
      'palm: PaLM (540B)',
    ]);
  });

  it('reports where Epoch disagrees with the curated values', () => {
    expect(summary.conflicts).toEqual([
      {
        model: 'ernie-3-0',
        property: 'ACCESSIBILITY',
        epoch: 'Open weights (unrestricted)',
        others: [{ source: 'llm-atlas-curated', value: 'Unreleased' }],
      },
    ]);
  });

  it('links lineage to curated models and does not repeat curated edges', async () => {
    // InstructGPT 175B → GPT-3 and Flan-PaLM 540B → PaLM are curated already.
    expect(summary.lineageKnownFromOtherSources).toBe(2);
    expect(summary.lineageAdded).toBe(expected.lineage - 2);
    const palmE = await db.prisma.modelLineage.findMany({
      where: { child: { slug: 'palm-e' } },
      include: { parent: true },
    });
    expect(palmE.map((edge) => [edge.kind, edge.parent.slug])).toEqual([['BASED_ON', 'palm']]);
    // The curated fixture has no BLOOM: mappings.yaml's target is missing, and that is said.
    expect(summary.warnings).toContain(
      'mappings.yaml maps model "BLOOM-176B" to "bloom", which is not in the graph: matched by the automatic rules instead',
    );
  });
});

describe('the real curated seed, then the real snapshot', () => {
  it('reconciles Epoch with the curated graph and is idempotent', async () => {
    const db = await createTestDatabase('epoch-after-seed');
    try {
      await seedDatabase(db.database);
      const curatedModels = await db.prisma.model.count();
      const summary = await importEpoch(db.database);
      console.info(formatSummary(summary, { limit: 40 }));
      const source = await db.prisma.source.findUniqueOrThrow({ where: { slug: 'epoch-notable-ai-models' } });
      /** The quote of Epoch's parameter claim on a model: it tells which row the model got. */
      const epochParameters = async (slug: string) =>
        (await db.prisma.claim.findFirst({ where: { model: { slug }, sourceId: source.id, property: 'PARAMETERS' } }))
          ?.quote;
      const parametersOfRow = (name: string) =>
        cell(rows.find((row) => cell(row, 'Model') === name) ?? {}, 'Parameters');
      for (const [name, slug] of [
        ['GPT-3 175B (davinci)', 'gpt-3'],
        ['PaLM (540B)', 'palm'],
        ['Gopher (280B)', 'gopher'],
        ['BLOOM-176B', 'bloom'],
        ['GPT-2 (1.5B)', 'gpt-2'],
      ]) {
        expect([name, await epochParameters(slug as string)]).toEqual([name, parametersOfRow(name as string)]);
      }
      // Checked non-match: Epoch's LDM row is not the curated Stable Diffusion v1.
      expect(await epochParameters('stable-diffusion')).toBeUndefined();
      const medPalm = await db.prisma.model.findUniqueOrThrow({
        where: { slug: 'med-palm-2' },
        include: { developers: { include: { organization: true } } },
      });
      expect(medPalm.developers.map((edge) => edge.organization.slug).sort()).toEqual(['deepmind', 'google-research']);
      const zhipu = await db.prisma.organization.findUniqueOrThrow({
        where: { slug: 'zhipu-ai' },
        include: { models: { include: { model: true } } },
      });
      expect(zhipu.models.map((edge) => edge.model.slug).sort()).toEqual([
        'chatglm-6b',
        'chatglm3-6b',
        'cogagent',
        'cogvlm-17b',
        'glm-4-0520',
        'glm-4-5',
        'glm-4-6',
        'glm-4-7',
        'glm-4-plus',
      ]);
      expect(summary.createdModels + summary.matchedModels + summary.ambiguous.length + summary.duplicates.length).toBe(
        976,
      );
      expect(await db.prisma.model.count()).toBe(curatedModels + summary.createdModels);

      const before = await tableCounts(db.prisma);
      db.queries.length = 0;
      const again = await importEpoch(db.database);
      expect(writeStatements(db.queries)).toEqual([]);
      expect(await tableCounts(db.prisma)).toEqual(before);
      expect(again.conflicts).toEqual(summary.conflicts);
    } finally {
      await db.cleanup();
    }
  });
});
