/**
 * The graph write layer (src/graph/) against a migrated SQLite file. Every test starts from an
 * empty graph and writes its named scenario through the writer itself, then pins what a write
 * answers (outcomes, field changes, refused lineage), what it counts per table, what it leaves in
 * the tables and the search index, and which SQL statements it sends (`queries`).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphStore, SearchEntity } from '../src/db/store.js';
import {
  type ArticleInput,
  type ChangeCounts,
  GraphInputError,
  type GraphWriter,
  type ModelInput,
  type OrganizationInput,
  type Outcome,
  type SourceInput,
  TABLES,
  type TopicInput,
  writeGraph,
} from '../src/graph/index.js';
import { createTestDatabase, dumpTables as dumpRows, type TestDatabase } from './helpers/database.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('graph');
});
afterAll(() => db.cleanup());
beforeEach(async () => {
  await emptyGraph();
  db.queries.length = 0;
});

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────

/** Runs one write; answers what the work answered and the write's counts. */
function write<T>(work: (graph: GraphWriter) => Promise<T>) {
  return writeGraph(db.database, work);
}

/** The counts of a write that did only `tables` (every other table and outcome zero). */
function counts(tables: Partial<Record<keyof ChangeCounts, Partial<Record<Outcome, number>>>> = {}): ChangeCounts {
  return Object.fromEntries(
    TABLES.map((table) => [table, { created: 0, updated: 0, unchanged: 0, deleted: 0, ...tables[table] }]),
  ) as ChangeCounts;
}

/** The SQL statements among `statements` that change the database. */
function writeStatements(statements: readonly string[]): string[] {
  return statements.filter((sql) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql));
}

/** "SELECT `main`.`Model`.`id`, … FROM `main`.`Model` WHERE …" → "SELECT Model": a statement's verb and table. */
function statementShape(sql: string): string {
  const verb = sql.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  // SQLite names its schema `main`; PostgreSQL the test's own schema.
  const table = /\b(?:FROM|INTO|UPDATE)\s+(?:[`"]\w+[`"]\.)?[`"]?(\w+)/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** Every table of the graph, search documents included, row by row: equal dumps mean nothing was written. */
const dumpTables = () => dumpRows(db.prisma);

/** Deletes every row the writer can write, and every search document. */
async function emptyGraph(): Promise<void> {
  const { prisma } = db;
  await prisma.claim.deleteMany();
  await prisma.modelLineage.deleteMany();
  await prisma.modelDeveloper.deleteMany();
  await prisma.modelTopic.deleteMany();
  await prisma.articleModel.deleteMany();
  await prisma.articleOrganization.deleteMany();
  await prisma.articleTopic.deleteMany();
  await prisma.modelAlias.deleteMany();
  await prisma.organizationAlias.deleteMany();
  await prisma.article.deleteMany();
  await prisma.model.deleteMany();
  await prisma.topic.updateMany({ data: { parentId: null } });
  await prisma.topic.deleteMany();
  await prisma.organization.updateMany({ data: { parentId: null } });
  await prisma.organization.deleteMany();
  await prisma.source.deleteMany();
  await prisma.$executeRawUnsafe('DELETE FROM "SearchDocument"');
}

/** The error a write fails with (the test fails when it does not fail). */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the write to fail');
    },
    (error: unknown) => error,
  );
}

/**
 * The problems of the `GraphInputError` a write fails with, as path and message; their codes are
 * checked here: NOT_FOUND for an unknown key, INVALID for everything else these tests cause.
 */
async function problemsOf(promise: Promise<unknown>) {
  const error = await failureOf(promise);
  expect(error).toBeInstanceOf(GraphInputError);
  return (error as GraphInputError).problems.map(({ code, ...problem }) => {
    expect({ ...problem, code }).toEqual({
      ...problem,
      code: /^no \w+ ".*" in the graph$/.test(problem.message) ? 'NOT_FOUND' : 'INVALID',
    });
    return problem;
  });
}

/** What the search index answers for `query`, as (type, id, field, text). */
async function search(query: string, store: GraphStore = db.database.store) {
  return (await store.search.query(query, { limit: 10 })).map(({ entityType, entityId, field, text }) => ({
    entityType,
    entityId,
    field,
    text,
  }));
}

/** The id of a model, organization or topic by slug. */
async function idOf(table: 'model' | 'organization' | 'topic', slug: string): Promise<number> {
  const where = { where: { slug }, select: { id: true } };
  const row =
    table === 'model'
      ? await db.prisma.model.findUniqueOrThrow(where)
      : table === 'organization'
        ? await db.prisma.organization.findUniqueOrThrow(where)
        : await db.prisma.topic.findUniqueOrThrow(where);
  return row.id;
}

// ── The scenario ────────────────────────────────────────────────────────────────────────────

const SOURCES = {
  note: { slug: 'user-note', kind: 'NOTE', title: "The user's note on ChatGPT" },
  gpt3Paper: {
    slug: 'arxiv-2005-14165',
    kind: 'PAPER',
    title: 'Language Models are Few-Shot Learners',
    url: 'https://arxiv.org/abs/2005.14165',
  },
  curated: { slug: 'llm-atlas-curated', kind: 'CURATED', title: 'llm-atlas curated data' },
} satisfies Record<string, SourceInput>;

/** Google comes before its parent Alphabet: the writer sets parents after the nodes. */
const ORGANIZATIONS = {
  google: { slug: 'google', name: 'Google', website: 'https://google.com', parent: 'alphabet' },
  alphabet: { slug: 'alphabet', name: 'Alphabet', foundedYear: 2015 },
  openai: { slug: 'openai', name: 'OpenAI' },
  baidu: { slug: 'baidu', name: 'Baidu', nameZh: '百度' },
} satisfies Record<string, OrganizationInput>;

/** RLHF comes before its parent Alignment. */
const TOPICS = {
  rlhf: { slug: 'rlhf', name: 'RLHF', nameZh: '人类反馈强化学习', parent: 'alignment' },
  alignment: { slug: 'alignment', name: 'Alignment' },
} satisfies Record<string, TopicInput>;

const MODELS = {
  gpt3: {
    slug: 'gpt-3',
    name: 'GPT-3',
    family: 'GPT',
    arxivId: '2005.14165',
  },
  instructgpt: { slug: 'instructgpt', name: 'InstructGPT', family: 'GPT', arxivId: '2203.02155' },
  chatgpt: { slug: 'chatgpt', name: 'ChatGPT', family: 'GPT', description: 'A chat model fine-tuned with RLHF.' },
  ernieBot: { slug: 'ernie-bot', name: 'ERNIE Bot', nameZh: '文心一言', architecture: 'Transformer' },
} satisfies Record<string, ModelInput>;

/** The note's WeChat link, with the tracking parameters WeChat adds when an article is shared. */
const BAIDU_ARTICLE = {
  url: 'https://mp.weixin.qq.com/s?__biz=MzA3&mid=2650&idx=1&chksm=84e6&scene=21#wechat_redirect',
  title: '为什么百度没有做出chatGPT这种产品？',
  language: 'zh',
  site: 'WECHAT',
  kind: 'BLOG_POST',
  source: 'user-note',
} satisfies ArticleInput;
/** Its key: https, no fragment, no tracking parameters, the others sorted. */
const BAIDU_ARTICLE_URL = 'https://mp.weixin.qq.com/s?__biz=MzA3&idx=1&mid=2650';

/** Writes the scenario through the writer; answers what its operations answered. */
async function writeScenario(graph: GraphWriter) {
  const sources = await graph.upsertSources(Object.values(SOURCES));
  const organizations = await graph.upsertOrganizations(Object.values(ORGANIZATIONS));
  const topics = await graph.upsertTopics(Object.values(TOPICS));
  const models = await graph.upsertModels(Object.values(MODELS));
  await graph.addModelAliases([{ owner: 'gpt-3', alias: 'davinci' }]);
  await graph.addOrganizationAliases([{ owner: 'baidu', alias: 'Baidu Inc.' }]);
  await graph.linkDevelopers([
    { model: 'gpt-3', organization: 'openai', source: 'arxiv-2005-14165' },
    { model: 'instructgpt', organization: 'openai', source: 'llm-atlas-curated' },
    { model: 'chatgpt', organization: 'openai' },
    { model: 'ernie-bot', organization: 'baidu', source: 'user-note' },
  ]);
  await graph.linkModelTopics([
    { model: 'chatgpt', topic: 'rlhf' },
    { model: 'instructgpt', topic: 'rlhf' },
  ]);
  const claims = await graph.putClaims([
    {
      model: 'gpt-3',
      property: 'PARAMETERS',
      value: '175000000000',
      source: 'arxiv-2005-14165',
      confidence: 'CONFIDENT',
      quote: '175 billion parameters',
    },
    { model: 'gpt-3', property: 'RELEASE_DATE', value: '2020-05', source: 'user-note' },
    { model: 'ernie-bot', property: 'PARAMETERS', value: '260000000000', source: 'user-note', confidence: 'LIKELY' },
  ]);
  const articles = await graph.upsertArticles([BAIDU_ARTICLE]);
  await graph.putCoverage([
    { article: BAIDU_ARTICLE.url, target: 'model', slug: 'ernie-bot', relevance: 'MAIN' },
    { article: BAIDU_ARTICLE.url, target: 'model', slug: 'chatgpt', relevance: 'MENTION' },
    { article: BAIDU_ARTICLE.url, target: 'organization', slug: 'baidu', relevance: 'MAIN' },
    { article: BAIDU_ARTICLE.url, target: 'topic', slug: 'rlhf', relevance: 'MENTION' },
  ]);
  const lineage = await graph.linkLineage([
    { child: 'instructgpt', parent: 'gpt-3', kind: 'FINE_TUNED_FROM', source: 'llm-atlas-curated' },
    { child: 'chatgpt', parent: 'instructgpt', kind: 'SIBLING_OF', note: 'OpenAI: "a sibling model to InstructGPT"' },
  ]);
  return { sources, organizations, topics, models, claims, articles, lineage };
}

/** The scenario's counts: `outcome` for every row it writes. */
function scenarioCounts(outcome: 'created' | 'unchanged'): ChangeCounts {
  const n = (count: number) => ({ [outcome]: count });
  return counts({
    source: n(3),
    organization: n(4),
    organizationAlias: n(1),
    topic: n(2),
    model: n(4),
    modelAlias: n(1),
    modelDeveloper: n(4),
    modelTopic: n(2),
    modelLineage: n(2),
    claim: n(3),
    article: n(1),
    articleModel: n(2),
    articleOrganization: n(1),
    articleTopic: n(1),
    // Derived by the write layer on the first write only: the three claims ranked, and the
    // preferred fields of the two models they are about.
    ...(outcome === 'created' ? { claimRank: { updated: 3 }, preferredValues: { updated: 2 } } : {}),
  });
}

// ── Tests ───────────────────────────────────────────────────────────────────────────────────

describe('writing the same thing twice', () => {
  it('creates the scenario, then finds every row unchanged and sends no write statement', async () => {
    const first = await write(writeScenario);
    expect(first.changes).toEqual(scenarioCounts('created'));
    expect([...first.result.models.values()].map((written) => written.outcome)).toEqual([
      'created',
      'created',
      'created',
      'created',
    ]);
    const afterFirst = await dumpTables();

    db.queries.length = 0;
    const second = await write(writeScenario);
    expect(second.changes).toEqual(scenarioCounts('unchanged'));
    expect(writeStatements(db.queries)).toEqual([]);
    expect(await dumpTables()).toEqual(afterFirst);

    // Each input answers its row and that nothing changed.
    expect(second.result.models).toEqual(
      new Map(
        [...first.result.models].map(([slug, written]) => [
          slug,
          { id: written.id, outcome: 'unchanged', changes: [] },
        ]),
      ),
    );
    expect(second.result.claims).toEqual(
      first.result.claims.map((written) => ({ id: written.id, outcome: 'unchanged', changes: [] })),
    );
    expect(second.result.lineage).toEqual({
      written: first.result.lineage.written.map((written) => ({ id: written?.id, outcome: 'unchanged', changes: [] })),
      refused: [],
    });
  });

  it('keys articles by their normalized URL', async () => {
    const { result } = await write(writeScenario);
    expect([...result.articles.keys()]).toEqual([BAIDU_ARTICLE_URL]);
    expect(await db.prisma.article.findMany({ select: { url: true } })).toEqual([{ url: BAIDU_ARTICLE_URL }]);
  });

  it('sets parents given before the parent itself, in the same write', async () => {
    await write(writeScenario);
    const google = await db.prisma.organization.findUniqueOrThrow({ where: { slug: 'google' } });
    const rlhf = await db.prisma.topic.findUniqueOrThrow({ where: { slug: 'rlhf' } });
    expect(google.parentId).toBe(await idOf('organization', 'alphabet'));
    expect(rlhf.parentId).toBe(await idOf('topic', 'alignment'));
  });
});

describe('updating fields', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  it('keeps a field left undefined, clears one given null, and lists exactly the fields that changed', async () => {
    const chatgpt = await idOf('model', 'chatgpt');
    const { result, changes } = await write((graph) =>
      graph.updateModels([{ slug: 'chatgpt', name: 'ChatGPT (GPT-3.5)', family: null, description: undefined }]),
    );
    expect(result).toEqual(
      new Map([
        [
          'chatgpt',
          {
            id: chatgpt,
            outcome: 'updated',
            changes: [
              { field: 'name', from: 'ChatGPT', to: 'ChatGPT (GPT-3.5)' },
              { field: 'family', from: 'GPT', to: null },
            ],
          },
        ],
      ]),
    );
    expect(changes).toEqual(counts({ model: { updated: 1 } }));
    expect(
      await db.prisma.model.findUniqueOrThrow({
        where: { slug: 'chatgpt' },
        select: { name: true, family: true, description: true },
      }),
    ).toEqual({ name: 'ChatGPT (GPT-3.5)', family: null, description: 'A chat model fine-tuned with RLHF.' });
  });

  it('compares dates by instant: the same date is no change', async () => {
    const paper = { ...SOURCES.gpt3Paper, publishedAt: new Date('2020-05-28T00:00:00Z') };
    const first = await write((graph) => graph.upsertSources([paper]));
    db.queries.length = 0;
    const { result, changes } = await write((graph) =>
      graph.upsertSources([{ ...paper, publishedAt: new Date('2020-05-28T00:00:00.000+00:00') }]),
    );
    expect(result.get(paper.slug)).toEqual({ id: first.result.get(paper.slug)?.id, outcome: 'unchanged', changes: [] });
    expect(changes).toEqual(counts({ source: { unchanged: 1 } }));
    expect(writeStatements(db.queries)).toEqual([]);
  });

  it('reports updates and creations of one upsert apart', async () => {
    const { result, changes } = await write((graph) =>
      graph.upsertOrganizations([
        { slug: 'openai', name: 'OpenAI', website: 'https://openai.com' },
        { slug: 'deepmind', name: 'DeepMind', foundedYear: 2010, parent: 'alphabet' },
        { slug: 'baidu', name: 'Baidu' },
      ]),
    );
    expect(result).toEqual(
      new Map([
        [
          'openai',
          {
            id: await idOf('organization', 'openai'),
            outcome: 'updated',
            changes: [{ field: 'website', from: null, to: 'https://openai.com' }],
          },
        ],
        ['baidu', { id: await idOf('organization', 'baidu'), outcome: 'unchanged', changes: [] }],
        ['deepmind', { id: await idOf('organization', 'deepmind'), outcome: 'created', changes: [] }],
      ]),
    );
    expect(changes).toEqual(counts({ organization: { created: 1, updated: 1, unchanged: 1 } }));
    expect(
      await db.prisma.organization.findUniqueOrThrow({ where: { slug: 'deepmind' }, select: { parentId: true } }),
    ).toEqual({ parentId: await idOf('organization', 'alphabet') });
  });

  it('derives the paper URL from the arXiv id when none is given, and keeps one that is given', async () => {
    await write((graph) =>
      graph.upsertModels([
        { slug: 'palm', name: 'PaLM', arxivId: '2204.02311', paperUrl: 'https://research.google/pubs/palm' },
      ]),
    );
    expect(
      await db.prisma.model.findMany({
        where: { slug: { in: ['gpt-3', 'instructgpt', 'chatgpt', 'palm'] } },
        select: { slug: true, arxivId: true, paperUrl: true },
        orderBy: { slug: 'asc' },
      }),
    ).toEqual([
      { slug: 'chatgpt', arxivId: null, paperUrl: null },
      { slug: 'gpt-3', arxivId: '2005.14165', paperUrl: 'https://arxiv.org/abs/2005.14165' },
      { slug: 'instructgpt', arxivId: '2203.02155', paperUrl: 'https://arxiv.org/abs/2203.02155' },
      { slug: 'palm', arxivId: '2204.02311', paperUrl: 'https://research.google/pubs/palm' },
    ]);
  });

  // Regression (`modelData`): the paper URL is derived whenever an update
  // gives an `arxivId` without a `paperUrl`, so an update that only restates the arXiv id
  // replaces a paper URL given earlier: `undefined` should keep the field.
  it('keeps a given paper URL when an update restates only the arXiv id', async () => {
    await write((graph) =>
      graph.upsertModels([
        { slug: 'palm', name: 'PaLM', arxivId: '2204.02311', paperUrl: 'https://research.google/pubs/palm' },
      ]),
    );
    const { result } = await write((graph) => graph.updateModels([{ slug: 'palm', arxivId: '2204.02311' }]));
    expect(result.get('palm')).toEqual({ id: await idOf('model', 'palm'), outcome: 'unchanged', changes: [] });
  });

  it('answers a parent change of an otherwise unchanged node as its change', async () => {
    const google = await idOf('organization', 'google');
    const alphabet = await idOf('organization', 'alphabet');
    const { result, changes } = await write((graph) =>
      graph.upsertOrganizations([{ slug: 'google', name: 'Google', parent: null }]),
    );
    expect(result).toEqual(
      new Map([
        ['google', { id: google, outcome: 'updated', changes: [{ field: 'parentId', from: alphabet, to: null }] }],
      ]),
    );
    expect(changes).toEqual(counts({ organization: { updated: 1 } }));
  });

  // Regression (`setParents`): the parent's change is added to `changes` only
  // when nothing else changed; a node whose name and parent both change answers its name alone.
  it('lists the parent among the changes when other fields change too', async () => {
    const google = await idOf('organization', 'google');
    const alphabet = await idOf('organization', 'alphabet');
    const { result } = await write((graph) =>
      graph.upsertOrganizations([{ slug: 'google', name: 'Google LLC', parent: null }]),
    );
    expect(result.get('google')).toEqual({
      id: google,
      outcome: 'updated',
      changes: [
        { field: 'name', from: 'Google', to: 'Google LLC' },
        { field: 'parentId', from: alphabet, to: null },
      ],
    });
  });
});

describe('input the graph cannot take', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  it('names every unknown slug of a kind with its path, and leaves the graph as it was', async () => {
    const before = await dumpTables();
    const problems = await problemsOf(
      write(async (graph) => {
        // Writes that the failure must undo.
        await graph.upsertModels([{ slug: 'gpt-4', name: 'GPT-4' }]);
        await graph.updateModels([{ slug: 'chatgpt', name: 'ChatGPT Plus' }]);
        await graph.linkDevelopers([
          { model: 'gpt-4', organization: 'openai' },
          { model: 'palm', organization: 'google' },
          { model: 'chatgpt', organization: 'openai' },
          { model: 'llama', organization: 'openai' },
        ]);
      }),
    );
    expect(problems).toEqual([
      { path: 'developers[1].model', message: 'no model "palm" in the graph' },
      { path: 'developers[3].model', message: 'no model "llama" in the graph' },
    ]);
    expect(await dumpTables()).toEqual(before);
  });

  it('names unknown sources, organizations, topics and articles', async () => {
    expect(
      await problemsOf(
        write((graph) =>
          graph.putClaims([{ model: 'gpt-3', property: 'PARAMETERS', value: '1', source: 'wikipedia' }]),
        ),
      ),
    ).toEqual([{ path: 'claims[0].source', message: 'no source "wikipedia" in the graph' }]);
    expect(
      await problemsOf(write((graph) => graph.unlinkDevelopers([{ model: 'gpt-3', organization: 'microsoft' }]))),
    ).toEqual([{ path: 'developers[0].organization', message: 'no organization "microsoft" in the graph' }]);
    expect(await problemsOf(write((graph) => graph.linkModelTopics([{ model: 'gpt-3', topic: 'moe' }])))).toEqual([
      { path: 'modelTopics[0].topic', message: 'no topic "moe" in the graph' },
    ]);
    expect(
      await problemsOf(
        write((graph) =>
          graph.putCoverage([
            { article: 'https://zhuanlan.zhihu.com/p/1', target: 'model', slug: 'gpt-3', relevance: 'MAIN' },
          ]),
        ),
      ),
    ).toEqual([{ path: 'coverage[0].article', message: 'no article "https://zhuanlan.zhihu.com/p/1" in the graph' }]);
    expect(
      await problemsOf(
        write((graph) => graph.addOrganizationAliases([{ owner: 'anthropic', alias: 'Anthropic PBC' }])),
      ),
    ).toEqual([{ path: 'organizationAliases[0].owner', message: 'no organization "anthropic" in the graph' }]);
    expect(await problemsOf(write((graph) => graph.upsertArticles([{ ...BAIDU_ARTICLE, source: 'weibo' }])))).toEqual([
      { path: 'articles[0].source', message: 'no source "weibo" in the graph' },
    ]);
  });

  it('refuses a slug that is not one, and a URL that is not one', async () => {
    expect(await problemsOf(write((graph) => graph.upsertModels([{ slug: 'GPT 4', name: 'GPT-4' }])))).toEqual([
      {
        path: 'models[0].slug',
        message: '"GPT 4" is not a slug (lowercase ASCII letters and digits, words joined by "-")',
      },
    ]);
    expect(
      await problemsOf(write((graph) => graph.upsertArticles([{ ...BAIDU_ARTICLE, url: 'mp.weixin.qq.com/s/x' }]))),
    ).toEqual([{ path: 'articles[0].url', message: '"mp.weixin.qq.com/s/x" is not a URL' }]);
  });

  // Regression (`upsertNodes` with `mustExist`): `updateModels` stops at the
  // first unknown slug, where every other operation names them all (`WriteSession.resolve`).
  it('names every unknown slug of an update', async () => {
    expect(
      await problemsOf(
        write((graph) =>
          graph.updateModels([
            { slug: 'gpt-4', name: 'GPT-4' },
            { slug: 'gpt-3', name: 'GPT-3' },
            { slug: 'llama', name: 'LLaMA' },
          ]),
        ),
      ),
    ).toEqual([
      { path: 'models[0]', message: 'no model "gpt-4" in the graph' },
      { path: 'models[2]', message: 'no model "llama" in the graph' },
    ]);
  });

  // Regression (`linkDevelopers`): models, sources and
  // organizations are resolved one kind after the other, each throwing on its own, so a call
  // naming an unknown model and an unknown organization reports only the model.
  it('names unknown slugs of every kind in one error', async () => {
    expect(
      await problemsOf(
        write((graph) => graph.linkDevelopers([{ model: 'gpt-4', organization: 'microsoft', source: 'gpt-4-report' }])),
      ),
    ).toEqual([
      { path: 'developers[0].model', message: 'no model "gpt-4" in the graph' },
      { path: 'developers[0].source', message: 'no source "gpt-4-report" in the graph' },
      { path: 'developers[0].organization', message: 'no organization "microsoft" in the graph' },
    ]);
  });

  // Regression (`setParents`): the path of an unknown parent counts only the
  // inputs that give a parent, so the second organization here is reported as organizations[0].
  it('names an unknown parent by the index of its input', async () => {
    expect(
      await problemsOf(
        write((graph) =>
          graph.upsertOrganizations([
            { slug: 'openai', name: 'OpenAI' },
            { slug: 'deepmind', name: 'DeepMind', parent: 'alphabet-inc' },
          ]),
        ),
      ),
    ).toEqual([{ path: 'organizations[1].parent', message: 'no organization "alphabet-inc" in the graph' }]);
  });

  it('refuses a parent below the node, and the node as its own parent', async () => {
    const before = await dumpTables();
    expect(
      await problemsOf(
        write((graph) => graph.upsertOrganizations([{ slug: 'alphabet', name: 'Alphabet', parent: 'google' }])),
      ),
    ).toEqual([{ path: 'organizations[0].parent', message: '"google" is below "alphabet": it cannot be its parent' }]);
    expect(
      await problemsOf(
        write((graph) => graph.upsertTopics([{ slug: 'alignment', name: 'Alignment', parent: 'rlhf' }])),
      ),
    ).toEqual([{ path: 'topics[0].parent', message: '"rlhf" is below "alignment": it cannot be its parent' }]);
    expect(
      await problemsOf(write((graph) => graph.upsertTopics([{ slug: 'rlhf', name: 'RLHF', parent: 'rlhf' }]))),
    ).toEqual([{ path: 'topics[0].parent', message: '"rlhf" cannot be its own parent' }]);
    expect(await dumpTables()).toEqual(before);
  });

  it('refuses a key given twice in one call', async () => {
    expect(
      await problemsOf(
        write((graph) =>
          graph.upsertModels([
            { slug: 'gpt-4', name: 'GPT-4' },
            { slug: 'gpt-3', name: 'GPT-3' },
            { slug: 'gpt-4', name: 'GPT 4' },
          ]),
        ),
      ),
    ).toEqual([{ path: 'models[2]', message: '"gpt-4" is given twice (also at models[0])' }]);
  });
});

describe('claims', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  /** The stored claims of a model, as (property, source, value). */
  async function claimsOf(slug: string) {
    const claims = await db.prisma.claim.findMany({
      where: { model: { slug } },
      select: { property: true, value: true, confidence: true, source: { select: { slug: true } } },
      orderBy: { id: 'asc' },
    });
    return claims.map(({ source, ...claim }) => ({ ...claim, source: source.slug }));
  }

  it('stores values in canonical form', async () => {
    const { result, changes } = await write((graph) =>
      graph.putClaims([
        { model: 'instructgpt', property: 'PARAMETERS', value: '0175000000000', source: 'llm-atlas-curated' },
        { model: 'instructgpt', property: 'TRAINING_COMPUTE', value: ' 000 ', source: 'llm-atlas-curated' },
        { model: 'instructgpt', property: 'RELEASE_DATE', value: ' 2022-01 ', source: 'llm-atlas-curated' },
        { model: 'instructgpt', property: 'ACCESSIBILITY', value: '  API access ', source: 'llm-atlas-curated' },
      ]),
    );
    expect(result.map((written) => written.outcome)).toEqual(['created', 'created', 'created', 'created']);
    // Ranked as they are written; InstructGPT takes its parameter count and date from them.
    expect(changes).toEqual(
      counts({ claim: { created: 4 }, claimRank: { updated: 4 }, preferredValues: { updated: 1 } }),
    );
    expect(await claimsOf('instructgpt')).toEqual([
      { property: 'PARAMETERS', value: '175000000000', confidence: 'UNKNOWN', source: 'llm-atlas-curated' },
      { property: 'TRAINING_COMPUTE', value: '0', confidence: 'UNKNOWN', source: 'llm-atlas-curated' },
      { property: 'RELEASE_DATE', value: '2022-01', confidence: 'UNKNOWN', source: 'llm-atlas-curated' },
      { property: 'ACCESSIBILITY', value: 'API access', confidence: 'UNKNOWN', source: 'llm-atlas-curated' },
    ]);
  });

  it('finds a value written in another form unchanged', async () => {
    const { result, changes } = await write((graph) =>
      graph.putClaims([
        { model: 'gpt-3', property: 'PARAMETERS', value: ' 0175000000000', source: 'arxiv-2005-14165' },
      ]),
    );
    expect(result).toEqual([{ id: expect.any(Number), outcome: 'unchanged', changes: [] }]);
    expect(changes).toEqual(counts({ claim: { unchanged: 1 } }));
    expect(writeStatements(db.queries)).toEqual([]);
  });

  it('updates the fields of a claim that differ, keeping those left undefined', async () => {
    const { result } = await write((graph) =>
      graph.putClaims([
        { model: 'ernie-bot', property: 'PARAMETERS', value: '10000000000', source: 'user-note', note: 'rounded' },
      ]),
    );
    expect(result).toEqual([
      {
        id: expect.any(Number),
        outcome: 'updated',
        changes: [
          { field: 'value', from: '260000000000', to: '10000000000' },
          { field: 'note', from: null, to: 'rounded' },
        ],
      },
    ]);
    expect(await claimsOf('ernie-bot')).toEqual([
      { property: 'PARAMETERS', value: '10000000000', confidence: 'LIKELY', source: 'user-note' },
    ]);
  });

  it.each([
    ['PARAMETERS', '-175000000000', 'a parameter count is a whole number written in digits, got "-175000000000"'],
    ['PARAMETERS', '1.75e11', 'a parameter count is a whole number written in digits, got "1.75e11"'],
    ['PARAMETERS', '175B', 'a parameter count is a whole number written in digits, got "175B"'],
    ['PARAMETERS', '000', 'a parameter count is between 1 and 9223372036854775807, got 000'],
    [
      'PARAMETERS',
      '9223372036854775808',
      'a parameter count is between 1 and 9223372036854775807, got 9223372036854775808',
    ],
    ['TRAINING_COMPUTE', '-1', 'a training compute is a whole number of FLOP written in digits, got "-1"'],
    ['RELEASE_DATE', '2021-02-30', 'a release date is written YYYY, YYYY-MM or YYYY-MM-DD, got "2021-02-30"'],
    ['RELEASE_DATE', '2021/02/03', 'a release date is written YYYY, YYYY-MM or YYYY-MM-DD, got "2021/02/03"'],
    ['ACCESSIBILITY', '   ', 'a claim needs a value'],
  ] as const)('refuses %s "%s"', async (property, value, message) => {
    const before = await dumpTables();
    expect(
      await problemsOf(
        write((graph) =>
          graph.putClaims([
            { model: 'chatgpt', property: 'ARCHITECTURE', value: 'Transformer', source: 'llm-atlas-curated' },
            { model: 'chatgpt', property, value, source: 'llm-atlas-curated' },
          ]),
        ),
      ),
    ).toEqual([{ path: 'claims[1].value', message }]);
    expect(await dumpTables()).toEqual(before);
  });

  it('refuses two claims of one model, property and source in one call, whatever the spelling', async () => {
    expect(
      await problemsOf(
        write((graph) =>
          graph.putClaims([
            { model: 'gpt-3', property: 'PARAMETERS', value: '175000000000', source: 'user-note' },
            { model: 'gpt-3', property: 'PARAMETERS', value: '175000000000', source: 'arxiv-2005-14165' },
            { model: 'gpt-3', property: 'PARAMETERS', value: '0175000000000', source: 'user-note' },
          ]),
        ),
      ),
    ).toEqual([{ path: 'claims[2]', message: 'the same as claims[0]' }]);
  });

  it('retracts claims and answers the values they had; keys without a claim are absent', async () => {
    const { result, changes } = await write((graph) =>
      graph.retractClaims([
        { model: 'gpt-3', property: 'RELEASE_DATE', source: 'arxiv-2005-14165' },
        { model: 'gpt-3', property: 'PARAMETERS', source: 'arxiv-2005-14165' },
        { model: 'chatgpt', property: 'PARAMETERS', source: 'user-note' },
      ]),
    );
    expect(result).toEqual([
      { model: 'gpt-3', property: 'PARAMETERS', source: 'arxiv-2005-14165', value: '175000000000' },
    ]);
    // GPT-3 loses its preferred parameter count with the claim: no claim earns one any more.
    expect(changes).toEqual(counts({ claim: { deleted: 1 }, preferredValues: { updated: 1 } }));
    expect(await claimsOf('gpt-3')).toEqual([
      { property: 'RELEASE_DATE', value: '2020-05', confidence: 'UNKNOWN', source: 'user-note' },
    ]);
    expect(await db.prisma.model.findUniqueOrThrow({ where: { slug: 'gpt-3' }, select: { parameters: true } })).toEqual(
      {
        parameters: null,
      },
    );
  });

  it('retracts nothing, and sends nothing, for an empty list', async () => {
    const { result, changes } = await write((graph) => graph.retractClaims([]));
    expect(result).toEqual([]);
    expect(changes).toEqual(counts());
    expect(db.queries).toEqual(['COMMIT']);
  });
});

describe('developers', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  /** gpt-3's developer edges as (organization, role, source). */
  async function developersOfGpt3() {
    const edges = await db.prisma.modelDeveloper.findMany({
      where: { model: { slug: 'gpt-3' } },
      select: { role: true, organization: { select: { slug: true } }, source: { select: { slug: true } } },
      orderBy: { organizationId: 'asc' },
    });
    return edges.map((edge) => ({ organization: edge.organization.slug, role: edge.role, source: edge.source?.slug }));
  }

  it('links an edge once: linking it again from another source keeps the first source and role', async () => {
    const { changes } = await write((graph) =>
      graph.linkDevelopers([
        { model: 'gpt-3', organization: 'openai', role: 'CO_DEVELOPER', source: 'user-note' },
        { model: 'gpt-3', organization: 'google', role: 'CO_DEVELOPER', source: 'user-note' },
        { model: 'gpt-3', organization: 'google', source: 'llm-atlas-curated' },
      ]),
    );
    expect(changes).toEqual(counts({ modelDeveloper: { created: 1, unchanged: 2 } }));
    expect(await developersOfGpt3()).toEqual([
      { organization: 'google', role: 'CO_DEVELOPER', source: 'user-note' },
      { organization: 'openai', role: 'DEVELOPER', source: 'arxiv-2005-14165' },
    ]);
  });

  it('unlinks with a source only the edge that source gave, and without one any edge', async () => {
    const bySource = await write((graph) =>
      graph.unlinkDevelopers([{ model: 'gpt-3', organization: 'openai', source: 'user-note' }]),
    );
    expect(bySource.result).toBe(0);
    expect(bySource.changes).toEqual(counts());
    expect(await developersOfGpt3()).toEqual([
      { organization: 'openai', role: 'DEVELOPER', source: 'arxiv-2005-14165' },
    ]);

    const rightSource = await write((graph) =>
      graph.unlinkDevelopers([
        { model: 'gpt-3', organization: 'openai', source: 'arxiv-2005-14165' },
        { model: 'ernie-bot', organization: 'openai' },
      ]),
    );
    expect(rightSource.result).toBe(1);
    expect(rightSource.changes).toEqual(counts({ modelDeveloper: { deleted: 1 } }));
    expect(await developersOfGpt3()).toEqual([]);

    const anySource = await write((graph) => graph.unlinkDevelopers([{ model: 'ernie-bot', organization: 'baidu' }]));
    expect(anySource.result).toBe(1);
    expect(anySource.changes).toEqual(counts({ modelDeveloper: { deleted: 1 } }));
    expect(await db.prisma.modelDeveloper.count({ where: { model: { slug: 'ernie-bot' } } })).toBe(0);
  });
});

describe('lineage', () => {
  /** GPT-1, GPT-2 and GPT-3 without any lineage. */
  const GPTS: ModelInput[] = [
    { slug: 'gpt-1', name: 'GPT-1' },
    { slug: 'gpt-2', name: 'GPT-2' },
    { slug: 'gpt-3', name: 'GPT-3' },
  ];

  /** Every lineage step as "child KIND parent". */
  async function steps(): Promise<string[]> {
    const rows = await db.prisma.modelLineage.findMany({
      select: { kind: true, child: { select: { slug: true } }, parent: { select: { slug: true } } },
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => `${row.child.slug} ${row.kind} ${row.parent.slug}`);
  }

  beforeEach(async () => {
    await write(async (graph) => {
      await graph.upsertSources([SOURCES.curated]);
      await graph.upsertModels(GPTS);
    });
    db.queries.length = 0;
  });

  it('refuses a model derived from itself', async () => {
    const { result, changes } = await write((graph) =>
      graph.linkLineage([{ child: 'gpt-3', parent: 'gpt-3', kind: 'SUCCESSOR_OF' }]),
    );
    expect(result).toEqual({ written: [], refused: [{ index: 0, reason: 'a model cannot derive from itself' }] });
    expect(changes).toEqual(counts());
    expect(await steps()).toEqual([]);
  });

  it('refuses the step that closes a cycle, with the cycle; later steps see earlier ones', async () => {
    const { result, changes } = await write((graph) =>
      graph.linkLineage([
        { child: 'gpt-3', parent: 'gpt-2', kind: 'SUCCESSOR_OF' },
        { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF' },
        { child: 'gpt-1', parent: 'gpt-3', kind: 'BASED_ON' },
        { child: 'gpt-3', parent: 'gpt-1', kind: 'SUCCESSOR_OF', source: 'llm-atlas-curated' },
      ]),
    );
    expect(result).toEqual({
      written: [
        { id: expect.any(Number), outcome: 'created', changes: [] },
        { id: expect.any(Number), outcome: 'created', changes: [] },
        undefined,
        { id: expect.any(Number), outcome: 'created', changes: [] },
      ],
      refused: [{ index: 2, reason: 'it would close a lineage cycle', cycle: ['gpt-1', 'gpt-3', 'gpt-2', 'gpt-1'] }],
    });
    expect(changes).toEqual(counts({ modelLineage: { created: 3 } }));
    expect(await steps()).toEqual(['gpt-3 SUCCESSOR_OF gpt-2', 'gpt-2 SCALE_UP_OF gpt-1', 'gpt-3 SUCCESSOR_OF gpt-1']);
  });

  it('refuses a step against the steps of earlier writes', async () => {
    await write((graph) => graph.linkLineage([{ child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF' }]));
    const { result } = await write((graph) =>
      graph.linkLineage([{ child: 'gpt-1', parent: 'gpt-2', kind: 'VARIANT_OF' }]),
    );
    expect(result).toEqual({
      written: [],
      refused: [{ index: 0, reason: 'it would close a lineage cycle', cycle: ['gpt-1', 'gpt-2', 'gpt-1'] }],
    });
  });

  // Regression (`linkLineage`): the cycle is spelled with the slugs of
  // the models the call names; a model of the cycle that only an earlier write named (gpt-2 here)
  // shows as its numeric id.
  it('spells the whole cycle in slugs when it runs through models the call does not name', async () => {
    await write((graph) =>
      graph.linkLineage([
        { child: 'gpt-3', parent: 'gpt-2', kind: 'SUCCESSOR_OF' },
        { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF' },
      ]),
    );
    const { result } = await write((graph) =>
      graph.linkLineage([{ child: 'gpt-1', parent: 'gpt-3', kind: 'BASED_ON' }]),
    );
    expect(result.refused).toEqual([
      { index: 0, reason: 'it would close a lineage cycle', cycle: ['gpt-1', 'gpt-3', 'gpt-2', 'gpt-1'] },
    ]);
  });

  it('updates the note and source of a step that exists, and keeps what is left undefined', async () => {
    const first = await write((graph) =>
      graph.linkLineage([{ child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF', note: 'GPT-2 paper' }]),
    );
    const id = first.result.written[0]?.id;
    const { result, changes } = await write((graph) =>
      graph.linkLineage([
        { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF', source: 'llm-atlas-curated' },
        { child: 'gpt-2', parent: 'gpt-1', kind: 'SUCCESSOR_OF' },
      ]),
    );
    const curated = await db.prisma.source.findUniqueOrThrow({ where: { slug: 'llm-atlas-curated' } });
    expect(result).toEqual({
      written: [
        { id, outcome: 'updated', changes: [{ field: 'sourceId', from: null, to: curated.id }] },
        { id: expect.any(Number), outcome: 'created', changes: [] },
      ],
      refused: [],
    });
    expect(changes).toEqual(counts({ modelLineage: { created: 1, updated: 1 } }));
    expect(
      await db.prisma.modelLineage.findUniqueOrThrow({ where: { id }, select: { note: true, sourceId: true } }),
    ).toEqual({ note: 'GPT-2 paper', sourceId: curated.id });
  });

  it('changes the kind of a step, and unlinks steps; keys without a step change nothing', async () => {
    await write((graph) =>
      graph.linkLineage([
        { child: 'gpt-3', parent: 'gpt-2', kind: 'BASED_ON' },
        { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF' },
      ]),
    );
    const changed = await write((graph) =>
      graph.changeLineageKind([
        { child: 'gpt-3', parent: 'gpt-2', kind: 'BASED_ON', to: 'SUCCESSOR_OF' },
        { child: 'gpt-3', parent: 'gpt-1', kind: 'BASED_ON', to: 'SUCCESSOR_OF' },
        { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF', to: 'SCALE_UP_OF' },
      ]),
    );
    expect(changed.result).toBe(1);
    expect(changed.changes).toEqual(counts({ modelLineage: { updated: 1 } }));
    expect(await steps()).toEqual(['gpt-3 SUCCESSOR_OF gpt-2', 'gpt-2 SCALE_UP_OF gpt-1']);

    const unlinked = await write((graph) =>
      graph.unlinkLineage([
        { child: 'gpt-3', parent: 'gpt-2', kind: 'BASED_ON' },
        { child: 'gpt-3', parent: 'gpt-2', kind: 'SUCCESSOR_OF' },
      ]),
    );
    expect(unlinked.result).toBe(1);
    expect(unlinked.changes).toEqual(counts({ modelLineage: { deleted: 1 } }));
    expect(await steps()).toEqual(['gpt-2 SCALE_UP_OF gpt-1']);
  });

  it('sees, in one write, a step an earlier operation unlinked', async () => {
    await write((graph) => graph.linkLineage([{ child: 'gpt-2', parent: 'gpt-1', kind: 'BASED_ON' }]));
    const { result, changes } = await write(async (graph) => {
      await graph.unlinkLineage([{ child: 'gpt-2', parent: 'gpt-1', kind: 'BASED_ON' }]);
      return graph.linkLineage([{ child: 'gpt-1', parent: 'gpt-2', kind: 'BASED_ON' }]);
    });
    expect(result).toEqual({ written: [{ id: expect.any(Number), outcome: 'created', changes: [] }], refused: [] });
    expect(changes).toEqual(counts({ modelLineage: { created: 1, deleted: 1 } }));
    expect(await steps()).toEqual(['gpt-1 BASED_ON gpt-2']);
  });

  // Regression (`unlinkLineage`): a key given twice is counted (and
  // answered) twice although one row is deleted.
  it('counts a step unlinked by a key given twice once', async () => {
    await write((graph) => graph.linkLineage([{ child: 'gpt-2', parent: 'gpt-1', kind: 'BASED_ON' }]));
    const key = { child: 'gpt-2', parent: 'gpt-1', kind: 'BASED_ON' } as const;
    const { result, changes } = await write((graph) => graph.unlinkLineage([key, key]));
    expect({ result, changes }).toEqual({ result: 1, changes: counts({ modelLineage: { deleted: 1 } }) });
  });

  // Regression (`LineageState.remove`): the step of a key given
  // twice is removed twice from the in-memory parents, which also drops the parallel step of
  // another kind between the same models; the cycle check then lets a cycle into the graph.
  it('still sees a parallel step after unlinking the other one by a key given twice', async () => {
    await write((graph) =>
      graph.linkLineage([
        { child: 'gpt-2', parent: 'gpt-1', kind: 'BASED_ON' },
        { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF' },
      ]),
    );
    const key = { child: 'gpt-2', parent: 'gpt-1', kind: 'BASED_ON' } as const;
    const { result } = await write(async (graph) => {
      await graph.unlinkLineage([key, key]);
      return graph.linkLineage([{ child: 'gpt-1', parent: 'gpt-2', kind: 'BASED_ON' }]);
    });
    expect(result.refused).toEqual([
      { index: 0, reason: 'it would close a lineage cycle', cycle: ['gpt-1', 'gpt-2', 'gpt-1'] },
    ]);
    expect(await steps()).toEqual(['gpt-2 SCALE_UP_OF gpt-1']);
  });

  // Regression (`linkLineage`): a new step given twice in one call is
  // found by the second input as if it existed, with the id 0 it has until it is written; with
  // another note the second input updates the row of id 0, and the write fails with Prisma's
  // "record not found" instead of refusing the input as every other operation refuses a key
  // given twice (src/graph/edges.ts:75 `refuseDuplicates`).
  it('refuses a new step given twice in one call', async () => {
    const error = await failureOf(
      write((graph) =>
        graph.linkLineage([
          { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF', note: 'GPT-2 paper' },
          { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF', note: 'Wikipedia' },
        ]),
      ),
    );
    expect(error).toBeInstanceOf(GraphInputError);
  });

  // Regression (`changeLineageKind`): changing a step to a kind the two
  // models already have a step of breaks the (child, parent, kind) unique constraint: the write
  // fails with Prisma's error, not a `GraphInputError` naming the input.
  it('refuses to change a step to the kind of a parallel step', async () => {
    await write((graph) =>
      graph.linkLineage([
        { child: 'gpt-2', parent: 'gpt-1', kind: 'BASED_ON' },
        { child: 'gpt-2', parent: 'gpt-1', kind: 'SCALE_UP_OF' },
      ]),
    );
    const error = await failureOf(
      write((graph) =>
        graph.changeLineageKind([{ child: 'gpt-2', parent: 'gpt-1', kind: 'BASED_ON', to: 'SCALE_UP_OF' }]),
      ),
    );
    expect(error).toBeInstanceOf(GraphInputError);
  });
});

describe('aliases', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  it('adds an alias once, folded: a folded duplicate and an alias that folds to nothing are skipped', async () => {
    const { changes } = await write(async (graph) => {
      await graph.addModelAliases([
        { owner: 'gpt-3', alias: 'DaVinci' },
        { owner: 'gpt-3', alias: 'GPT-3 175B' },
        { owner: 'gpt-3', alias: 'gpt 3 175b' },
        { owner: 'gpt-3', alias: ' — ' },
        { owner: 'chatgpt', alias: 'GPT-3 175B' },
      ]);
      await graph.addOrganizationAliases([
        { owner: 'baidu', alias: 'BAIDU INC' },
        { owner: 'baidu', alias: '百度公司' },
      ]);
    });
    expect(changes).toEqual(
      counts({ modelAlias: { created: 2, unchanged: 2 }, organizationAlias: { created: 1, unchanged: 1 } }),
    );
    expect(
      await db.prisma.modelAlias.findMany({
        select: { alias: true, normalized: true, model: { select: { slug: true } } },
        orderBy: { id: 'asc' },
      }),
    ).toEqual([
      { alias: 'davinci', normalized: 'davinci', model: { slug: 'gpt-3' } },
      { alias: 'GPT-3 175B', normalized: 'gpt3175b', model: { slug: 'gpt-3' } },
      { alias: 'GPT-3 175B', normalized: 'gpt3175b', model: { slug: 'chatgpt' } },
    ]);
    expect(
      await db.prisma.organizationAlias.findMany({ select: { alias: true, normalized: true }, orderBy: { id: 'asc' } }),
    ).toEqual([
      { alias: 'Baidu Inc.', normalized: 'baiduinc' },
      { alias: '百度公司', normalized: '百度公司' },
    ]);
  });
});

describe('memberships a rule derives', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  const RULE = 'rule (seed/data/derivations.yaml): a test rule';

  async function topicsOf(slug: string) {
    const rows = await db.prisma.modelTopic.findMany({
      where: { model: { slug } },
      select: { derivation: true, topic: { select: { slug: true } } },
      orderBy: { topicId: 'asc' },
    });
    return rows.map((row) => [row.topic.slug, row.derivation]);
  }
  async function domainsOf(slug: string) {
    const rows = await db.prisma.modelDomain.findMany({
      where: { model: { slug } },
      select: { domain: true, derivation: true, source: { select: { slug: true } } },
      orderBy: { domain: 'asc' },
    });
    return rows.map((row) => [row.domain, row.source?.slug ?? null, row.derivation]);
  }

  it("gives a derived topic membership up to the curators' own, and never the reverse", async () => {
    await write((graph) => graph.linkModelTopics([{ model: 'gpt-3', topic: 'alignment', derivation: RULE }]));
    expect(await topicsOf('gpt-3')).toEqual([['alignment', RULE]]);
    // The curators put it there too: the membership is theirs now, and no rule can take it away.
    const given = await write((graph) => graph.linkModelTopics([{ model: 'gpt-3', topic: 'alignment' }]));
    expect(given.changes).toEqual(counts({ modelTopic: { updated: 1 } }));
    expect(await topicsOf('gpt-3')).toEqual([['alignment', null]]);
    const derivedAgain = await write((graph) =>
      graph.linkModelTopics([{ model: 'gpt-3', topic: 'alignment', derivation: RULE }]),
    );
    expect(derivedAgain.changes).toEqual(counts({ modelTopic: { unchanged: 1 } }));
    const removed = await write((graph) =>
      graph.unlinkModelTopics([{ model: 'gpt-3', topic: 'alignment' }], { derivedOnly: true }),
    );
    expect([removed.result, await topicsOf('gpt-3')]).toEqual([0, [['alignment', null]]]);
  });

  it("makes a derived domain the source's when a source gives it, and unlinks by rule only what a rule made", async () => {
    await write((graph) =>
      graph.linkModelDomains([
        { model: 'gpt-3', domain: 'LANGUAGE', derivation: RULE },
        { model: 'chatgpt', domain: 'LANGUAGE', derivation: RULE },
        { model: 'chatgpt', domain: 'MULTIMODAL', source: 'user-note' },
      ]),
    );
    const sourced = await write((graph) =>
      graph.linkModelDomains([
        { model: 'gpt-3', domain: 'LANGUAGE', source: 'arxiv-2005-14165' },
        { model: 'chatgpt', domain: 'MULTIMODAL', source: 'llm-atlas-curated' },
      ]),
    );
    expect(sourced.changes).toEqual(counts({ modelDomain: { updated: 1, unchanged: 1 } }));
    expect(await domainsOf('gpt-3')).toEqual([['LANGUAGE', 'arxiv-2005-14165', null]]);
    const removed = await write((graph) =>
      graph.unlinkModelDomains(
        [
          { model: 'gpt-3', domain: 'LANGUAGE' },
          { model: 'chatgpt', domain: 'LANGUAGE' },
          { model: 'chatgpt', domain: 'MULTIMODAL' },
        ],
        { derivedOnly: true },
      ),
    );
    expect(removed.result).toBe(1);
    expect(await domainsOf('chatgpt')).toEqual([['MULTIMODAL', 'user-note', null]]);
    expect(await domainsOf('gpt-3')).toEqual([['LANGUAGE', 'arxiv-2005-14165', null]]);
  });
});

describe('coverage', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  /** Another spelling of the Baidu article's URL: http, parameters reordered, share tracking, fragment. */
  const OTHER_SPELLING = 'http://mp.weixin.qq.com/s?mid=2650&idx=1&__biz=MzA3&utm_source=weibo&sharer_shareid=9#top';

  it('finds the article under another spelling of its URL and changes a relevance', async () => {
    const { changes } = await write(async (graph) => {
      const articles = await graph.upsertArticles([
        { ...BAIDU_ARTICLE, url: OTHER_SPELLING, summary: 'Why not Baidu?' },
      ]);
      expect([...articles.entries()]).toEqual([
        [
          BAIDU_ARTICLE_URL,
          {
            id: expect.any(Number),
            outcome: 'updated',
            changes: [{ field: 'summary', from: null, to: 'Why not Baidu?' }],
          },
        ],
      ]);
      await graph.putCoverage([
        { article: OTHER_SPELLING, target: 'model', slug: 'chatgpt', relevance: 'MAIN' },
        { article: OTHER_SPELLING, target: 'model', slug: 'ernie-bot', relevance: 'MAIN' },
        { article: OTHER_SPELLING, target: 'model', slug: 'gpt-3', relevance: 'MENTION' },
        { article: BAIDU_ARTICLE.url, target: 'organization', slug: 'openai', relevance: 'MENTION' },
      ]);
    });
    expect(changes).toEqual(
      counts({
        article: { updated: 1 },
        articleModel: { created: 1, updated: 1, unchanged: 1 },
        articleOrganization: { created: 1 },
      }),
    );
    const article = await db.prisma.article.findMany({
      select: {
        url: true,
        models: { select: { relevance: true, model: { select: { slug: true } } }, orderBy: { modelId: 'asc' } },
        organizations: {
          select: { relevance: true, organization: { select: { slug: true } } },
          orderBy: { organizationId: 'asc' },
        },
      },
    });
    expect(article).toEqual([
      {
        url: BAIDU_ARTICLE_URL,
        models: [
          { relevance: 'MENTION', model: { slug: 'gpt-3' } },
          { relevance: 'MAIN', model: { slug: 'chatgpt' } },
          { relevance: 'MAIN', model: { slug: 'ernie-bot' } },
        ],
        organizations: [
          { relevance: 'MENTION', organization: { slug: 'openai' } },
          { relevance: 'MAIN', organization: { slug: 'baidu' } },
        ],
      },
    ]);
  });

  it('refuses two spellings of one URL in one call', async () => {
    expect(
      await problemsOf(
        write((graph) => graph.upsertArticles([BAIDU_ARTICLE, { ...BAIDU_ARTICLE, url: OTHER_SPELLING }])),
      ),
    ).toEqual([{ path: 'articles[1]', message: `"${BAIDU_ARTICLE_URL}" is given twice (also at articles[0])` }]);
  });

  it('refuses the same coverage twice in one call', async () => {
    expect(
      await problemsOf(
        write((graph) =>
          graph.putCoverage([
            { article: BAIDU_ARTICLE.url, target: 'model', slug: 'gpt-3', relevance: 'MAIN' },
            { article: OTHER_SPELLING, target: 'model', slug: 'gpt-3', relevance: 'MENTION' },
          ]),
        ),
      ),
    ).toEqual([{ path: 'coverage of models[1]', message: 'the same as coverage of models[0]' }]);
  });
});

describe('the search index follows every write', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  it('finds a model under its new name and no longer under its old one', async () => {
    const ernieBot = await idOf('model', 'ernie-bot');
    expect(await search('文心一言')).toEqual([
      { entityType: 'MODEL', entityId: ernieBot, field: 'NAME_ZH', text: '文心一言' },
    ]);
    await write((graph) => graph.updateModels([{ slug: 'ernie-bot', nameZh: '文心大模型', name: 'Wenxin Yiyan' }]));
    expect(await search('文心一言')).toEqual([]);
    expect(await search('ERNIE Bot')).toEqual([]);
    expect(await search('文心大模型')).toEqual([
      { entityType: 'MODEL', entityId: ernieBot, field: 'NAME_ZH', text: '文心大模型' },
    ]);
    expect(await search('wenxin')).toEqual([
      { entityType: 'MODEL', entityId: ernieBot, field: 'NAME', text: 'Wenxin Yiyan wenxinyiyan' },
    ]);
  });

  it('finds an alias added through the writer', async () => {
    const ernieBot = await idOf('model', 'ernie-bot');
    const baidu = await idOf('organization', 'baidu');
    expect(await search('Yiyan')).toEqual([]);
    await write(async (graph) => {
      await graph.addModelAliases([{ owner: 'ernie-bot', alias: 'Wenxin Yiyan' }]);
      await graph.addOrganizationAliases([{ owner: 'baidu', alias: 'Baidu Netcom' }]);
    });
    expect(await search('Yiyan')).toEqual([
      { entityType: 'MODEL', entityId: ernieBot, field: 'ALIAS', text: 'Wenxin Yiyan wenxinyiyan' },
    ]);
    expect(await search('Netcom')).toEqual([
      { entityType: 'ORGANIZATION', entityId: baidu, field: 'ALIAS', text: 'Baidu Netcom baidunetcom' },
    ]);
  });

  it('indexes what a write creates: models, organizations, topics and articles', async () => {
    const openai = await idOf('organization', 'openai');
    expect(await search('OpenAI')).toEqual([
      { entityType: 'ORGANIZATION', entityId: openai, field: 'NAME', text: 'OpenAI' },
      { entityType: 'ORGANIZATION', entityId: openai, field: 'SLUG', text: 'openai' },
    ]);
    expect(await search('人类反馈')).toEqual([
      { entityType: 'TOPIC', entityId: await idOf('topic', 'rlhf'), field: 'NAME_ZH', text: '人类反馈强化学习' },
    ]);
    const [article] = await db.prisma.article.findMany({ select: { id: true } });
    expect(await search('做出chatGPT')).toEqual([
      { entityType: 'ARTICLE', entityId: article?.id, field: 'TITLE', text: BAIDU_ARTICLE.title },
    ]);
  });

  it('reindexes only the touched entity: a rename sends the same statements among 4 or 500 models', async () => {
    const rename = async (name: string) => {
      db.queries.length = 0;
      await write((graph) => graph.updateModels([{ slug: 'chatgpt', name }]));
      return [...db.queries];
    };
    const small = await rename('ChatGPT 3.5');
    expect(small.map(statementShape)).toEqual([
      'SELECT Model',
      'UPDATE Model',
      'SELECT Model',
      'SELECT ModelAlias',
      'DELETE SearchDocument',
      'INSERT SearchDocument',
      // Its history: the version goes up and the revision is written (src/graph/history.ts).
      'UPDATE Model',
      'INSERT Revision',
      // A model was written: are any countries' facets to count again? (None: its name is no facet.)
      'SELECT CountryModelFacetStale',
      'COMMIT',
    ]);
    // One entity's documents go and come back: one id, and its four documents (name, slug, description, family).
    // PostgreSQL numbers its parameters ($1): as SQLite's ? they read the same.
    expect(
      writeStatements(small)
        .slice(1, 3)
        .map((sql) => sql.replace(/\$\d+/g, '?')),
    ).toEqual([
      'DELETE FROM "SearchDocument" WHERE "entityType" = ? AND "entityId" IN (?)',
      'INSERT INTO "SearchDocument" ("entityType", "entityId", "field", "text", "grams") VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)',
    ]);

    await write((graph) =>
      graph.upsertModels(
        Array.from({ length: 496 }, (_, at) => ({ slug: `synthetic-${at + 1}`, name: `Synthetic model ${at + 1}` })),
      ),
    );
    expect(await db.prisma.model.count()).toBe(500);
    expect(await rename('ChatGPT 4')).toEqual(small);
  });

  it('leaves the documents alone when no field they are made from changed', async () => {
    const documents = () =>
      db.prisma.$queryRawUnsafe<{ id: number; entityType: string; entityId: number; text: string }[]>(
        'SELECT "id", "entityType", "entityId", "text" FROM "SearchDocument" ORDER BY "id"',
      );
    const before = await documents();
    const [article] = await db.prisma.article.findMany({ take: 1, select: { url: true } });
    const edit = async (work: (graph: GraphWriter) => Promise<unknown>) => {
      db.queries.length = 0;
      await write(work);
      return db.queries.map(statementShape);
    };
    // An article's language and a model's architecture are in no document: one read of the row,
    // its update, its history; nothing read or written for search.
    expect(await edit((graph) => graph.updateArticles([{ url: article?.url as string, language: 'de' }]))).toEqual([
      'SELECT Article',
      'UPDATE Article',
      'UPDATE Article',
      'INSERT Revision',
      'COMMIT',
    ]);
    expect(
      await edit((graph) => graph.updateModels([{ slug: 'chatgpt', architecture: 'Transformer decoder' }])),
    ).not.toContain('DELETE SearchDocument');
    expect(await documents()).toEqual(before);
    // The same write changing its title reindexes it.
    expect(
      await edit((graph) => graph.updateArticles([{ url: article?.url as string, title: 'A new title' }])),
    ).toEqual([
      'SELECT Article',
      'UPDATE Article',
      'SELECT Article',
      'DELETE SearchDocument',
      'INSERT SearchDocument',
      'UPDATE Article',
      'INSERT Revision',
      'COMMIT',
    ]);
    expect((await search('A new title')).map((hit) => hit.text)).toEqual(['A new title']);
  });

  it('refuses an update of an article the graph does not have, naming it', async () => {
    await expect(
      write((graph) => graph.updateArticles([{ url: 'https://example.com/none', language: 'de' }])),
    ).rejects.toMatchObject({
      problems: [
        { path: 'articles[0]', code: 'NOT_FOUND', message: 'no article "https://example.com/none" in the graph' },
      ],
    });
  });

  it('leaves the documents of entities a write does not touch as they are', async () => {
    const documents = () =>
      db.prisma.$queryRawUnsafe<{ id: number; entityType: string; entityId: number }[]>(
        'SELECT "id", "entityType", "entityId" FROM "SearchDocument" ORDER BY "id"',
      );
    const chatgpt = await idOf('model', 'chatgpt');
    const before = await documents();
    await write(async (graph) => {
      await graph.updateModels([{ slug: 'chatgpt', name: 'ChatGPT Plus' }]);
      // Edges and claims have no documents: they touch no entity's.
      await graph.putClaims([{ model: 'gpt-3', property: 'ARCHITECTURE', value: 'Decoder', source: 'user-note' }]);
      await graph.linkDevelopers([{ model: 'gpt-3', organization: 'google' }]);
      await graph.linkLineage([{ child: 'chatgpt', parent: 'gpt-3', kind: 'FINE_TUNED_FROM' }]);
    });
    const after = await documents();
    const untouched = (rows: typeof before) =>
      rows.filter((row) => !(row.entityType === 'MODEL' && Number(row.entityId) === chatgpt));
    expect(untouched(after)).toEqual(untouched(before));
    expect(untouched(before)).toHaveLength(before.length - 4);
  });
});

describe('a write that fails', () => {
  beforeEach(async () => {
    await write(writeScenario);
    db.queries.length = 0;
  });

  it('leaves nothing of its writes when its work throws', async () => {
    const before = await dumpTables();
    const error = await failureOf(
      write(async (graph) => {
        await graph.upsertModels([{ slug: 'gpt-4', name: 'GPT-4' }]);
        await graph.updateModels([{ slug: 'chatgpt', name: 'ChatGPT Plus' }]);
        await graph.addModelAliases([{ owner: 'gpt-4', alias: 'GPT 4 Turbo' }]);
        await graph.putClaims([{ model: 'gpt-4', property: 'RELEASE_DATE', value: '2023-03-14', source: 'user-note' }]);
        await graph.linkLineage([{ child: 'gpt-4', parent: 'gpt-3', kind: 'SUCCESSOR_OF' }]);
        expect(graph.changes.model).toEqual({ created: 1, updated: 1, unchanged: 0, deleted: 0 });
        throw new Error('the work failed');
      }),
    );
    expect(error).toEqual(new Error('the work failed'));
    expect(await dumpTables()).toEqual(before);
    expect(await search('GPT-4')).toEqual([]);
  });

  it('leaves nothing of its search documents when it fails after reindexing', async () => {
    const before = await dumpTables();
    // A store whose reindex writes the documents, then fails: the documents go with the transaction.
    const failingStore = (tx: Parameters<typeof db.database.storeFor>[0]): GraphStore => {
      const store = db.database.storeFor(tx);
      return {
        ...store,
        search: {
          ...store.search,
          async reindex(entities: readonly SearchEntity[]) {
            await store.search.reindex(entities);
            expect((await search('Orca', store)).map((hit) => `${hit.field} ${hit.text}`)).toEqual([
              'NAME Orca',
              'SLUG orca',
            ]);
            throw new Error('reindex failed');
          },
        },
      };
    };
    const error = await failureOf(
      writeGraph({ prisma: db.prisma, storeFor: failingStore }, (graph) =>
        graph.upsertModels([{ slug: 'orca', name: 'Orca' }]),
      ),
    );
    expect(error).toEqual(new Error('reindex failed'));
    expect(await dumpTables()).toEqual(before);
    expect(await search('Orca')).toEqual([]);
  });
});
