import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument } from 'yaml';
import { DEFAULT_SEED_FILES, type SeedSummary, seedDatabase } from '../seed/curated/import.js';
import { loadCuratedData, SeedDataError } from '../seed/curated/load.js';
import { parseNote } from '../seed/curated/note.js';
import { createTestDatabase, dumpTables, rowCounts, type TestDatabase } from './helpers/database.js';

const curatedText = readFileSync(DEFAULT_SEED_FILES.curated, 'utf8');
const noteText = readFileSync(DEFAULT_SEED_FILES.note, 'utf8');

/** The nine links of seed/data/chatgpt-note.md, copied by hand: title → URL as the note writes it. */
const NOTE_ARTICLES: [title: string, url: string][] = [
  ['一块RTX3090跑ChatGPT体量模型的方法来了！代码已开源', 'https://mp.weixin.qq.com/s/8FOojNMnCe1D3q0TOgE_EQ'],
  [
    '当ChatGPT和Stable diffusion碰撞：谷歌用人类反馈提升文生图效果',
    'https://mp.weixin.qq.com/s/FrqpybryiJ-ikO4ZVeISIg',
  ],
  ['ChatGPT 团队背景（共87人）', 'https://mp.weixin.qq.com/s/VM2SzNyZF2bZDQ7tYvZFkA'],
  ['李宏毅-ChatGPT 原理剖析1對ChatGPT的常見誤解', 'https://mp.weixin.qq.com/s/gQ6SCJXmcF86o5TH3mW7Sg'],
  [
    '打造中国版ChatGPT，这是国内最有实力的一批NLP团队与人才',
    'https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=2650869214&idx=1&sn=e8dab20eab64f3f92d42b2e3fd8e2a2b&chksm=84e4c9a0b39340b6e08200354f72c09d589a99e7763ebaf58bd1d3d0510ee0a954b65a040eff&scene=126&sessionid=1677048170#rd',
  ],
  [
    'ChatGPT是怎么练成的？斯坦福CS224N课程讲解《自然语言生成》等核心技术，附71页Slides',
    'https://mp.weixin.qq.com/s/wxYdUMBDFc7InBi83OBy-A',
  ],
  [
    '历史最全ChatGPT、LLM相关书籍、论文、博客、工具、数据集、开源项目等资源整理分享',
    'https://mp.weixin.qq.com/s/VoOEw2-cJ-klGMrl7MJeQQ',
  ],
  ['一文读懂ChatGPT模型原理', 'https://zhuanlan.zhihu.com/p/589621442'],
  ['为什么百度没有做出chatGPT这种产品？', 'https://www.zhihu.com/question/572106826/answer/2808336053'],
];
const WECHAT_TITLE = '打造中国版ChatGPT，这是国内最有实力的一批NLP团队与人才';

let db: TestDatabase;
let firstRun: SeedSummary;

beforeAll(async () => {
  db = await createTestDatabase('seed');
  firstRun = await seedDatabase(db.database);
});

afterAll(async () => {
  await db?.cleanup();
});

async function model(slug: string) {
  return db.prisma.model.findUniqueOrThrow({
    where: { slug },
    include: {
      developers: { include: { organization: true } },
      claims: { include: { source: true } },
      topics: { include: { topic: true } },
    },
  });
}

describe('content of the first import', () => {
  it('reports what it created', () => {
    const created = (count: number) => ({ created: count, updated: 0, unchanged: 0 });
    expect(firstRun).toEqual({
      sources: created(50),
      organizations: created(62),
      // Each organization's curated kind, and its country where known (61 of 62).
      organizationClaims: created(123),
      aliases: created(109),
      topics: created(14),
      models: created(45),
      // A developer edge that both the curated file and the note's table state is written once.
      developers: { created: 65, updated: 0, unchanged: 9 },
      modelTopics: created(81),
      claims: created(160),
      lineage: created(35),
      articles: created(9),
      coverage: created(68),
    });
  });

  it('imports the nine articles of the note with their titles and normalized URLs', async () => {
    const articles = await db.prisma.article.findMany({ orderBy: { id: 'asc' } });
    expect(articles).toHaveLength(9);
    const byTitle = new Map(articles.map((article) => [article.title, article]));
    expect([...byTitle.keys()].sort()).toEqual(NOTE_ARTICLES.map(([title]) => title).sort());
    for (const [title, url] of NOTE_ARTICLES) {
      if (title === WECHAT_TITLE) continue;
      // These links carry no query and no fragment: normalizing leaves them as written.
      expect(byTitle.get(title)?.url, title).toBe(url);
    }
  });

  it('strips the tracking parameters and fragment of the long WeChat link but keeps the ones that name the article', async () => {
    const article = await db.prisma.article.findFirstOrThrow({ where: { title: WECHAT_TITLE } });
    const url = new URL(article.url);
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe('https://mp.weixin.qq.com/s');
    expect(url.hash).toBe('');
    expect(article.url).not.toContain('#');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      __biz: 'MzA3MzI4MjgzMw==',
      mid: '2650869214',
      idx: '1',
      sn: 'e8dab20eab64f3f92d42b2e3fd8e2a2b',
    });
    expect(article.url).not.toMatch(/chksm|scene|sessionid/);
    expect(article.site).toBe('WECHAT');
  });

  it('gives every article at least one model or organization and at least one topic', async () => {
    const articles = await db.prisma.article.findMany({
      include: { _count: { select: { models: true, organizations: true, topics: true } } },
    });
    const bare = articles.filter(
      (article) => article._count.models + article._count.organizations === 0 || article._count.topics === 0,
    );
    expect(bare.map((article) => article.title)).toEqual([]);
  });

  it('keeps the note as the source of its articles, with the text under a link as its excerpt', async () => {
    const note = await db.prisma.source.findUniqueOrThrow({
      where: { slug: 'user-note' },
      include: { articles: true },
    });
    expect(note.kind).toBe('NOTE');
    expect(note.articles).toHaveLength(9);
    const list = note.articles.find((article) => article.title.startsWith('历史最全ChatGPT'));
    expect(list?.excerpt).toContain('本资源整理了有关 ChatGPT');
    const baidu = note.articles.find((article) => article.title === '为什么百度没有做出chatGPT这种产品？');
    expect(baidu?.kind).toBe('QA');
    expect(baidu?.site).toBe('ZHIHU');
  });

  it('has the organizations of the note, with "closeAI" as an alias of OpenAI', async () => {
    const slugs = ['openai', 'baidu', 'alibaba', 'baai', 'tsinghua', 'google', 'deepmind'];
    const found = await db.prisma.organization.findMany({ where: { slug: { in: [...slugs, 'meta', 'meta-ai'] } } });
    // Meta (the owner in the note's table) and Meta AI (its lab, which published OPT) are both there.
    expect(found.map((organization) => organization.slug).sort()).toEqual([...slugs, 'meta', 'meta-ai'].sort());
    const countries = Object.fromEntries(found.map((organization) => [organization.slug, organization.country]));
    expect(countries).toMatchObject({
      openai: 'US',
      baidu: 'CN',
      alibaba: 'CN',
      baai: 'CN',
      tsinghua: 'CN',
      google: 'US',
      deepmind: 'GB',
    });
    const closeAI = await db.prisma.organizationAlias.findMany({
      where: { normalized: 'closeai' },
      include: { organization: true },
    });
    expect(closeAI.map((alias) => alias.organization.slug)).toEqual(['openai']);
  });

  it('has the models of the table with exact BigInt parameter counts', async () => {
    const expected: Record<string, bigint | null> = {
      chatgpt: null, // OpenAI never disclosed ChatGPT's size: the note's 175B stays a claim only
      instructgpt: 175_000_000_000n,
      'opt-175b': 175_000_000_000n,
      'opt-iml-30b': 30_000_000_000n,
      'ernie-3-0': 10_000_000_000n,
      'ernie-3-0-titan': 260_000_000_000n,
      plug: 27_000_000_000n,
      'wudao-2-0': 1_750_000_000_000n,
      'glm-130b': 130_000_000_000n,
      'glm-10b': 10_000_000_000n,
      palm: 540_000_000_000n,
      'flan-palm': 540_000_000_000n,
      gopher: 280_000_000_000n,
    };
    const models = await db.prisma.model.findMany({ where: { slug: { in: Object.keys(expected) } } });
    const actual = Object.fromEntries(models.map((row) => [row.slug, row.parameters]));
    expect(actual).toEqual(expected);
    expect(typeof actual['wudao-2-0']).toBe('bigint');
  });

  it('has the topics gpt-lineage, rlhf (under a parent) and chinese-llms, with their members', async () => {
    const topics = await db.prisma.topic.findMany({
      where: { slug: { in: ['gpt-lineage', 'rlhf', 'chinese-llms'] } },
      include: { parent: true, models: { include: { model: true } } },
    });
    const bySlug = new Map(topics.map((topic) => [topic.slug, topic]));
    expect([...bySlug.keys()].sort()).toEqual(['chinese-llms', 'gpt-lineage', 'rlhf']);
    expect(bySlug.get('rlhf')?.parent?.slug).toBe('alignment');
    const members = (slug: string) => (bySlug.get(slug)?.models.map((row) => row.model.slug) ?? []).sort();
    expect(members('gpt-lineage')).toEqual([
      'chatgpt',
      'code-davinci-002',
      'gpt-1',
      'gpt-2',
      'gpt-3',
      'gpt-3-5',
      'instructgpt',
      'text-davinci-002',
      'text-davinci-003',
    ]);
    expect(members('rlhf')).toEqual(['chatglm-6b', 'chatgpt', 'ernie-bot', 'instructgpt', 'text-davinci-003']);
    expect(members('chinese-llms')).toEqual([
      'chatglm-6b',
      'ernie-1-0',
      'ernie-2-0',
      'ernie-3-0',
      'ernie-3-0-titan',
      'ernie-bot',
      'glm-10b',
      'glm-130b',
      'm6',
      'm6-t',
      'plug',
      'wudao-1-0',
      'wudao-2-0',
    ]);
  });

  it('connects GPT-1 → GPT-2 → GPT-3 → InstructGPT → ChatGPT by lineage edges', async () => {
    const edges = await db.prisma.modelLineage.findMany({ include: { child: true, parent: true } });
    const has = (child: string, parent: string) =>
      edges.some((edge) => edge.child.slug === child && edge.parent.slug === parent);
    expect(has('gpt-2', 'gpt-1')).toBe(true);
    expect(has('gpt-3', 'gpt-2')).toBe(true);
    expect(has('instructgpt', 'gpt-3')).toBe(true);
    expect(has('chatgpt', 'gpt-3-5')).toBe(true);
    // Walk up from ChatGPT: every step of the chain is reachable through parents.
    const reachable = new Set(['chatgpt']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const edge of edges) {
        if (reachable.has(edge.child.slug) && !reachable.has(edge.parent.slug)) {
          reachable.add(edge.parent.slug);
          grew = true;
        }
      }
    }
    expect([...reachable].sort()).toEqual(['chatgpt', 'gpt-1', 'gpt-2', 'gpt-3', 'gpt-3-5', 'instructgpt']);
    const kinds = Object.fromEntries(
      edges.filter((edge) => edge.child.slug === 'chatgpt').map((edge) => [edge.parent.slug, edge.kind]),
    );
    expect(kinds).toEqual({ 'gpt-3-5': 'FINE_TUNED_FROM', instructgpt: 'SIBLING_OF', 'gpt-3': 'BASED_ON' });
  });

  it("lists Tsinghua among the developers of GLM-130B and each table row owner among its models' developers", async () => {
    const glm = await model('glm-130b');
    expect(glm.developers.map((developer) => developer.organization.slug).sort()).toEqual(['tsinghua', 'tsinghua-keg']);
    const curated = loadCuratedData(DEFAULT_SEED_FILES.curated);
    const missing: string[] = [];
    for (const row of parseNote(noteText).table) {
      const owner = curated.note.owners[row.owner];
      for (const name of row.models) {
        const slug = curated.note.models[name] as string;
        const developers = (await model(slug)).developers.map((developer) => developer.organization.slug);
        if (!owner || !developers.includes(owner)) missing.push(`${slug} (${row.owner})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('provenance', () => {
  it('keeps both ERNIE 3.0 parameter counts: 260B from the note and 10B from its paper', async () => {
    const ernie = await model('ernie-3-0');
    const claims = ernie.claims
      .filter((claim) => claim.property === 'PARAMETERS')
      .map((claim) => ({ value: claim.value, source: claim.source.slug, quote: claim.quote }))
      .sort((a, b) => a.source.localeCompare(b.source));
    expect(claims).toEqual([
      { value: '10000000000', source: 'arxiv-2107-02137', quote: null },
      { value: '260000000000', source: 'user-note', quote: '260B/100B/10B' },
    ]);
    const paper = await db.prisma.source.findUniqueOrThrow({ where: { slug: 'arxiv-2107-02137' } });
    expect(paper.kind).toBe('PAPER');
    expect(paper.title).toMatch(/ERNIE 3\.0/);
  });

  it('claims 260B for ERNIE 3.0 Titan', async () => {
    const titan = await model('ernie-3-0-titan');
    const claims = titan.claims
      .filter((claim) => claim.property === 'PARAMETERS')
      .map((claim) => [claim.source.slug, claim.value])
      .sort();
    // The paper, Peng Cheng Lab's page and Stanford's Ecosystem Graphs agree.
    expect(claims).toEqual([
      ['arxiv-2112-12731', '260000000000'],
      ['csipf-pcl-baidu-wenxin', '260000000000'],
      ['stanford-ecosystem-graphs', '260000000000'],
    ]);
  });

  it('gives every claim, lineage edge and developer edge a source', async () => {
    expect(await db.prisma.claim.count()).toBeGreaterThan(0);
    expect(await db.prisma.modelLineage.count()).toBeGreaterThan(0);
    expect(await db.prisma.modelLineage.count({ where: { sourceId: null } })).toBe(0);
    expect(await db.prisma.modelDeveloper.count({ where: { sourceId: null } })).toBe(0);
    const [orphans] = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
      'SELECT count(*) AS n FROM "Claim" c LEFT JOIN "Source" s ON s.id = c."sourceId" WHERE s.id IS NULL',
    );
    expect(Number(orphans?.n)).toBe(0);
  });

  it("turns each model name of the note's table into a PARAMETERS claim sourced to the note", async () => {
    const curated = loadCuratedData(DEFAULT_SEED_FILES.curated);
    const table = parseNote(noteText).table;
    expect(table.length).toBe(8);
    const expected = new Map<string, string>(); // slug → the parameter cell it is quoted from
    for (const row of table) {
      for (const name of row.models) {
        const slug = curated.note.models[name];
        expect(slug, `note.models has no mapping for "${name}"`).toBeDefined();
        expected.set(slug as string, row.parameterCell);
      }
      for (const slugs of Object.values(curated.note.parameterReadings[row.modelCell] ?? {})) {
        for (const slug of slugs) expected.set(slug, row.parameterCell);
      }
    }
    const claims = await db.prisma.claim.findMany({
      where: { property: 'PARAMETERS', source: { slug: 'user-note' } },
      include: { model: true },
    });
    const actual = new Map(claims.map((claim) => [claim.model.slug, claim.quote]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(claims).toHaveLength(expected.size);
    // Values as the note writes them, read exactly.
    const values = Object.fromEntries(claims.map((claim) => [claim.model.slug, claim.value]));
    expect(values).toMatchObject({
      chatgpt: '175000000000',
      instructgpt: '175000000000',
      'ernie-2-0': '100000000000',
      'ernie-1-0': '10000000000',
      plug: '27000000000',
      'wudao-2-0': '1750000000000',
      'glm-130b': '130000000000',
      'glm-10b': '10000000000',
      gopher: '280000000000',
    });
  });
});

/** SQL statements of a second seed run, transaction control included. */
const SECOND_RUN_STATEMENTS = 28;

describe('a second run', () => {
  it('writes nothing, and leaves every row as it was', async () => {
    const countsBefore = await rowCounts(db.prisma);
    const rowsBefore = await dumpTables(db.prisma);
    db.queries.length = 0;
    const summary = await seedDatabase(db.database);
    const statements = [...db.queries];

    for (const [kind, count] of Object.entries(summary)) {
      expect({ kind, created: count.created, updated: count.updated }).toEqual({ kind, created: 0, updated: 0 });
    }
    expect(summary.models.unchanged).toBe(firstRun.models.created);
    expect(summary.claims.unchanged).toBe(firstRun.claims.created);
    expect(await rowCounts(db.prisma)).toEqual(countsBefore);
    expect(await dumpTables(db.prisma)).toEqual(rowsBefore);

    // Nothing at all is written, search documents included (the write layer reindexes only what
    // it touched). Reads are a statement per table and batch, not one per entry: an N+1 would send
    // hundreds. The number is pinned: an intentional change updates it.
    const writes = statements.filter((sql) => /^\s*(INSERT|UPDATE|DELETE|REPLACE|UPSERT)\b/i.test(sql));
    expect(writes).toEqual([]);
    expect({ count: statements.length, statements }).toEqual({
      count: SECOND_RUN_STATEMENTS,
      statements: expect.any(Array),
    });
  });
});

describe('bad seed data', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'llm-atlas-seed-fixtures-'));
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Writes `text` to `name` in the fixture folder and answers its path. */
  const fixture = (name: string, text: string) => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };

  /** The real curated data, edited by `edit` on its YAML document (comments and layout kept). */
  const editedCurated = (name: string, edit: (document: ReturnType<typeof parseDocument>) => void) => {
    const document = parseDocument(curatedText);
    edit(document);
    return fixture(name, document.toString());
  };

  const indexOfModel = (slug: string) => {
    const models = parseDocument(curatedText).toJS().models as { slug: string }[];
    const index = models.findIndex((entry) => entry.slug === slug);
    expect(index).toBeGreaterThanOrEqual(0);
    return index;
  };

  /** Runs the seed with the given files and answers its SeedDataError; fails if the database changed. */
  async function seedError(options: { curatedFile?: string; noteFile?: string }): Promise<SeedDataError> {
    const before = await rowCounts(db.prisma);
    const rowsBefore = await dumpTables(db.prisma);
    let caught: unknown;
    try {
      await seedDatabase(db.database, options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SeedDataError);
    expect(await rowCounts(db.prisma)).toEqual(before);
    expect(await dumpTables(db.prisma)).toEqual(rowsBefore);
    return caught as SeedDataError;
  }

  it('accepts an unedited round trip of the real file (so the fixtures below differ only by their defect)', async () => {
    const path = editedCurated('round-trip.yaml', () => {});
    const summary = await seedDatabase(db.database, { curatedFile: path });
    expect(summary.models.created + summary.models.updated).toBe(0);
    expect(summary.claims.created + summary.claims.updated).toBe(0);
  });

  it('(a) reports a YAML syntax error with the file name and its line', async () => {
    const lines = curatedText.split('\n');
    const at = lines.indexOf('  - slug: gpt-3') + 1; // the `name:` line after it
    expect(lines[at]).toBe('    name: GPT-3');
    lines[at] = '    name: "GPT-3'; // an unclosed quote
    const path = fixture('syntax-error.yaml', lines.join('\n'));
    const error = await seedError({ curatedFile: path });
    // `at` is 0-based; the report is 1-based.
    expect(error.problems).toEqual([`line ${at + 1}: YAML syntax: Missing closing "quote`]);
    expect(error.message).toContain('syntax-error.yaml');
    expect(error.message).toContain(`line ${at + 1}`);
  });

  it('(b) names the entry and the field of a malformed parameter count and says what is expected', async () => {
    const index = indexOfModel('gpt-3');
    const path = editedCurated('bad-parameters.yaml', (document) =>
      // GPT-3's first claim is its paper's parameter count.
      document.setIn(['models', index, 'claims', 0, 'value'], '17x5B'),
    );
    const error = await seedError({ curatedFile: path });
    expect(error.problems).toHaveLength(1);
    const [problem] = error.problems;
    expect(problem).toContain(`models[${index}] (gpt-3).claims[0].value`);
    expect(problem).toContain('"17x5B" is not a parameter count');
    expect(problem).toMatch(/expected e\.g\. 175B/);
    expect(problem).toMatch(/^line \d+: /);
    expect(error.message).toContain('bad-parameters.yaml');
    expect(error.message).toContain(problem);
  });

  it("(c) reports an unknown organization among a model's developers", async () => {
    const index = indexOfModel('glm-130b');
    const path = editedCurated('unknown-organization.yaml', (document) =>
      document.setIn(['models', index, 'developers'], document.createNode(['tsinghua', 'no-such-lab'])),
    );
    const error = await seedError({ curatedFile: path });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^line \d+: /);
    expect(error.problems[0]).toContain(
      `models[${index}] (glm-130b).developers[1]: unknown organization "no-such-lab"`,
    );
    expect(error.message).toContain('unknown-organization.yaml');
  });

  it('(d) reports a model slug defined twice', async () => {
    let duplicateIndex = -1;
    const path = editedCurated('duplicate-slug.yaml', (document) => {
      const models = document.get('models');
      if (!isSeq(models)) throw new Error('models is not a sequence');
      const copy = document.getIn(['models', indexOfModel('gopher')]);
      if (!isMap(copy)) throw new Error('a model is not a mapping');
      duplicateIndex = models.items.length;
      models.add(copy.clone());
    });
    const error = await seedError({ curatedFile: path });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(`models[${duplicateIndex}] (gopher).slug: slug "gopher" is defined twice`);
    expect(error.message).toContain('duplicate-slug.yaml');
  });

  it('(e) reports an unknown field', async () => {
    const index = indexOfModel('palm');
    const path = editedCurated('unknown-field.yaml', (document) =>
      document.setIn(['models', index, 'paramters'], '540B'),
    );
    const error = await seedError({ curatedFile: path });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^line \d+: /);
    expect(error.problems[0]).toContain(`models[${index}] (palm): unknown field(s) "paramters"`);
  });

  it("(f) reports a model name of the note's table that has no mapping, with its note line", async () => {
    const lines = noteText.split('\n');
    const gopher = lines.findIndex((line) => line.startsWith('| Gopher'));
    expect(gopher).toBeGreaterThan(0);
    lines.splice(gopher + 1, 0, '| FooLM               | deepmind | 7B                                  |');
    const path = fixture('unmapped-note.md', lines.join('\n'));
    const error = await seedError({ noteFile: path });
    const line = gopher + 2; // 1-based line of the inserted row
    expect(error.problems).toEqual([
      `line ${line} (row "FooLM"): model "FooLM" has no mapping in curated.yaml note.models`,
    ]);
    expect(error.file).toContain('unmapped-note.md');
    expect(error.message).toContain('unmapped-note.md');
  });

  it('(g) reports a missing curated file or note clearly', async () => {
    const curated = await seedError({ curatedFile: join(folder, 'missing.yaml') });
    expect(curated.problems).toHaveLength(1);
    expect(curated.problems[0]).toMatch(/^cannot read the file: ENOENT/);
    expect(curated.message).toContain('missing.yaml');

    const note = await seedError({ noteFile: join(folder, 'missing-note.md') });
    expect(note.problems).toHaveLength(1);
    expect(note.problems[0]).toMatch(/^cannot read the file: ENOENT/);
    expect(note.message).toContain('missing-note.md');
    expect(basename(note.file)).toBe('missing-note.md');
  });
});

describe('a failure while writing', () => {
  it('rolls the whole import back', async () => {
    const broken = await createTestDatabase('seed-rollback');
    try {
      // Articles come last: by then sources, organizations, topics, models and lineage are written
      // inside the transaction, and must all disappear with it.
      await broken.prisma.$executeRawUnsafe('DROP TABLE "ArticleTopic"');
      await expect(seedDatabase(broken.database)).rejects.toThrow(/ArticleTopic/);
      const counts = await rowCounts(broken.prisma, { except: ['ArticleTopic'] });
      expect(counts).toMatchObject({
        Organization: 0,
        Model: 0,
        Source: 0,
        Topic: 0,
        ModelLineage: 0,
        Claim: 0,
        Article: 0,
        SearchDocument: 0,
      });
      const data = Object.entries(counts).filter(([table, count]) => table !== '_prisma_migrations' && count !== 0);
      expect(data).toEqual([]);
    } finally {
      await broken.cleanup();
    }
  });
});

/**
 * Files that would import wrongly without their own checks. Each test runs on its own database,
 * so a regression cannot change the shared one.
 */
describe('checks beyond the field shapes', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'llm-atlas-seed-gaps-'));
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const gpt3Index = () =>
    (parseDocument(curatedText).toJS().models as { slug: string }[]).findIndex((entry) => entry.slug === 'gpt-3');

  async function seedOnFreshDatabase(file: string, edit: (document: ReturnType<typeof parseDocument>) => void) {
    const document = parseDocument(curatedText);
    edit(document);
    const path = join(folder, file);
    writeFileSync(path, document.toString());
    const fresh = await createTestDatabase('seed-gap');
    try {
      return await seedDatabase(fresh.database, { curatedFile: path });
    } finally {
      await fresh.cleanup();
    }
  }

  // A second value from the same source would overwrite the first and make re-runs flip between them.
  it('rejects a claim stated twice for the same model, property and source', async () => {
    const index = gpt3Index();
    const run = seedOnFreshDatabase('duplicate-claim.yaml', (document) => {
      const claims = document.getIn(['models', index, 'claims']);
      if (!isSeq(claims)) throw new Error('claims is not a sequence');
      claims.add(document.createNode({ property: 'PARAMETERS', value: '170B', source: 'stanford-ecosystem-graphs' }));
    });
    await expect(run).rejects.toThrow(SeedDataError);
    await expect(run).rejects.toThrow(new RegExp(`models\\[${index}\\] \\(gpt-3\\)\\.claims\\[\\d+\\]`));
  });

  // The database holds 64-bit integers: a larger count must be refused before any write.
  it('rejects a parameter count beyond 64 bits before writing, naming the entry and field', async () => {
    const index = gpt3Index();
    const run = seedOnFreshDatabase('huge-parameters.yaml', (document) =>
      document.setIn(['models', index, 'claims', 0, 'value'], '10000000T'),
    );
    await expect(run).rejects.toThrow(SeedDataError);
    await expect(run).rejects.toThrow(`models[${index}] (gpt-3).claims[0].value`);
  });
});
