/**
 * The synthetic data generator (`npm run seed:synthetic`, seed/synthetic/): on the graph npm start
 * builds, through the write layer, on both databases. Its shape (hot models, lineage chains, both
 * languages, every fact cited to its own source), its determinism (the same seed writes nothing
 * the second time), and the command line, as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSynthetic, MAX_CHAIN, type SyntheticReport } from '../seed/synthetic/generate.js';
import { createRandom, distinctDraws, zipf } from '../seed/synthetic/random.js';
import { createSearchIndex } from '../src/db/search-index.js';
import { SQLITE_SEARCH, searchIndexProblems } from '../src/db/sqlite/search-index.js';
import type { SearchEntityType } from '../src/db/store.js';
import { rowCounts, TEST_DATABASE, type TestDatabase } from './helpers/database.js';
import { createFullGraphDatabase, fullGraphTemplate } from './helpers/full-graph.js';
import { ROOT } from './helpers/process.js';

const ARTICLES = 3_000;
const SEED = 11;

describe('the synthetic data generator', () => {
  let db: TestDatabase;
  let before: Record<string, number>;
  let report: SyntheticReport;

  beforeAll(async () => {
    db = await createFullGraphDatabase('synthetic');
    before = await rowCounts(db.prisma);
    report = await addSynthetic(db.database, { articles: ARTICLES, seed: SEED });
  }, 120_000);

  afterAll(async () => {
    await db?.cleanup();
  });

  it('adds the articles and models asked for, with their edges, claims, history and search documents', async () => {
    expect(report).toMatchObject({
      seed: SEED,
      source: `synthetic-${SEED}`,
      articles: ARTICLES,
      models: 60,
      lineage: 60,
    });
    const after = await rowCounts(db.prisma);
    const added = (table: string) => (after[table] ?? 0) - (before[table] ?? 0);
    expect(added('Article')).toBe(ARTICLES);
    expect(added('Model')).toBe(60);
    expect(added('ModelLineage')).toBe(60);
    expect(added('Claim')).toBe(60 * 3);
    expect(added('ArticleModel')).toBe(report.coverage.models);
    expect(added('ArticleOrganization')).toBe(report.coverage.organizations);
    expect(added('ArticleTopic')).toBe(report.coverage.topics);
    // Each article covers 1-3 models and 1-2 topics.
    expect(report.coverage.models).toBeGreaterThanOrEqual(ARTICLES);
    expect(report.coverage.topics).toBeGreaterThanOrEqual(ARTICLES);
    // Written like any import: a revision per new article and model, their texts in the search index.
    expect(added('Revision')).toBeGreaterThanOrEqual(ARTICLES + 60);
    expect(added('SearchDocument')).toBeGreaterThanOrEqual(ARTICLES + 60);
  });

  it('cites every synthetic fact to a source of its own, so that none passes for knowledge', async () => {
    const source = await db.prisma.source.findUniqueOrThrow({ where: { slug: `synthetic-${SEED}` } });
    expect(source).toMatchObject({ kind: 'DATASET', title: `Synthetic load-test data, seed ${SEED}` });
    expect(source.description).toContain('not knowledge');
    const prefix = `https://synthetic.example/${SEED}/`;
    expect(await db.prisma.article.count({ where: { url: { startsWith: prefix }, sourceId: source.id } })).toBe(
      ARTICLES,
    );
    expect(await db.prisma.article.count({ where: { url: { startsWith: prefix } } })).toBe(ARTICLES);
    const models = await db.prisma.model.findMany({
      where: { slug: { startsWith: `syn${SEED}-` } },
      select: { claims: { select: { sourceId: true } }, parents: { select: { sourceId: true } }, parameters: true },
    });
    expect(models).toHaveLength(60);
    for (const model of models) {
      expect(model.claims.map((claim) => claim.sourceId)).toEqual([source.id, source.id, source.id]);
      expect(model.parents.map((step) => step.sourceId)).toEqual([source.id]);
      expect(model.parameters).not.toBeNull();
    }
  });

  it('is shaped like the real graph: a few hot models, chains of descent, both languages', async () => {
    const links = await db.prisma.articleModel.groupBy({
      by: ['modelId'],
      where: { article: { url: { startsWith: `https://synthetic.example/${SEED}/` } } },
      _count: { articleId: true },
      orderBy: { _count: { articleId: 'desc' } },
    });
    const counts = links.map((link) => link._count.articleId);
    const total = counts.reduce((sum, n) => sum + n, 0);
    expect(total).toBe(report.coverage.models);
    // Zipf: the ten most covered models take a large share, and most models few articles.
    expect(counts.slice(0, 10).reduce((sum, n) => sum + n, 0) / total).toBeGreaterThan(0.25);
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThan(5);
    expect(links.length).toBeGreaterThan(300);
    // Chains of descent below real models, as deep as MAX_CHAIN allows.
    expect(report.deepestChain).toBeGreaterThanOrEqual(4);
    expect(report.deepestChain).toBeLessThanOrEqual(MAX_CHAIN);
    const deepest = await db.prisma.model.findFirstOrThrow({
      where: {
        slug: { startsWith: `syn${SEED}-` },
        children: { none: {} },
        parents: { some: { parent: { slug: { startsWith: `syn${SEED}-` } } } },
      },
      select: { id: true },
    });
    const reached = await db.database.store.lineageReach({
      startIds: [deepest.id],
      direction: 'UP',
      maxDepth: MAX_CHAIN + 1,
      kinds: ['FINE_TUNED_FROM', 'INSTRUCTION_TUNED_FROM', 'SUCCESSOR_OF', 'DISTILLED_FROM'],
    });
    expect(reached.length).toBeGreaterThanOrEqual(2);
    // Chinese and English, about 55 to 45, each title naming what it covers.
    const chinese = await db.prisma.article.count({
      where: { url: { startsWith: `https://synthetic.example/${SEED}/` }, language: 'zh-Hans' },
    });
    expect(chinese / ARTICLES).toBeGreaterThan(0.5);
    expect(chinese / ARTICLES).toBeLessThan(0.6);
    expect(await db.database.store.search.count('技术解读', { max: 100_000 })).toBeGreaterThan(50);
    expect(await db.database.store.search.count('instruction tuning', { max: 100_000 })).toBeGreaterThan(50);
  });

  it.skipIf(TEST_DATABASE !== 'sqlite')(
    "reads a search's first hits in its index's order: the ones sorting every match finds, whatever the limit (SQLite)",
    async () => {
      // The triggers kept the index in step with everything the generator wrote.
      expect(await searchIndexProblems(db.prisma)).toEqual([]);
      const sorted = createSearchIndex(db.prisma, { ...SQLITE_SEARCH, window: undefined });
      const windowed = db.database.store.search;
      const queries = ['model', 'GPT', 'language model', 'Chat', '模型', '大模型', '百度', '智', 'Transformer', 'the'];
      let truncated = 0;
      for (const query of queries) {
        for (const types of [undefined, ['ARTICLE'], ['MODEL', 'ORGANIZATION']] as SearchEntityType[][]) {
          for (const limit of [1, 7, 300]) {
            const expected = await sorted.query(query, { types, limit });
            expect(await windowed.query(query, { types, limit }), `${query} ${types} ${limit}`).toEqual(expected);
            if (expected.length === limit) truncated += 1;
          }
        }
      }
      // Most of them cut a longer list of matches: where the window could have gone wrong.
      expect(truncated).toBeGreaterThan(60);
    },
    60_000,
  );

  it('writes nothing the second time with the same seed and size (so it also completes an interrupted run)', async () => {
    const counts = await rowCounts(db.prisma);
    const again = await addSynthetic(db.database, { articles: ARTICLES, seed: SEED });
    expect(again.coverage).toEqual(report.coverage);
    expect(again.deepestChain).toBe(report.deepestChain);
    expect(await rowCounts(db.prisma)).toEqual(counts);
  }, 120_000);

  it('refuses a size that is not a whole number of at least 1', async () => {
    for (const articles of [0, -5, 1.5, Number.NaN])
      await expect(addSynthetic(db.database, { articles })).rejects.toThrow('articles must be a whole number');
  });
});

describe('the random draws', () => {
  it('follow Zipf: the first item is drawn most, the draws are the same for a seed', () => {
    const items = Array.from({ length: 100 }, (_, index) => index);
    const draw = zipf(items);
    const tally = (seed: number) => {
      const random = createRandom(seed);
      const counts = new Array<number>(items.length).fill(0);
      for (let i = 0; i < 20_000; i++) {
        const drawn = draw(random);
        counts[drawn] = (counts[drawn] ?? 0) + 1;
      }
      return counts;
    };
    const counts = tally(3);
    expect(tally(3)).toEqual(counts);
    expect(counts[0]).toBe(Math.max(...counts));
    // 1/r^1.1 over 100 items: the first takes 1/4.3 of the draws, the last a few hundredths of that.
    expect((counts[0] as number) / 20_000).toBeGreaterThan(0.2);
    expect((counts[0] as number) / 20_000).toBeLessThan(0.26);
    expect(counts[99] as number).toBeLessThan((counts[0] as number) / 50);
    const random = createRandom(1);
    expect(new Set(distinctDraws(() => random.int(1, 3), 3)).size).toBe(3);
    expect(distinctDraws(() => 7, 3)).toEqual([7]);
  });
});

describe.skipIf(TEST_DATABASE !== 'sqlite')('npm run seed:synthetic', () => {
  const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-synthetic-cli-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const run = (args: string[], file: string) =>
    spawnSync('npm', ['run', '--silent', 'seed:synthetic', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      encoding: 'utf8',
    });

  it('grows a graph and says what it added, where, and under which source', async () => {
    const file = join(folder, 'graph.db');
    copyFileSync(await fullGraphTemplate(), file);
    const result = run(['--articles', '400', '--seed', '5'], file);
    expect(result.stderr).not.toMatch(/Error|\n\s+at /);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Added 400 synthetic articles and 10 models \\(lineage chains up to \\d+ steps; coverage: \\d+ model, \\d+ organization, \\d+ topic links\\) to ${file.replace(/[.]/g, '\\.')}, cited as source synthetic-5, in [\\d.]+ s\\.\\n$`,
      ),
    );
  }, 120_000);

  it('refuses a bad size with one line that says what it takes, and writes nothing', () => {
    const file = join(folder, 'untouched.db');
    for (const args of [['--articles', '0'], ['--articles', 'lots'], [], ['--articles', '10', '--seed=-1']]) {
      const result = run(args, file);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^seed:synthetic: --(articles|seed) takes a whole number of at least 1, got/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(spawnSync('test', ['-e', file]).status).toBe(1);
  });
});
