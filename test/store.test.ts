/**
 * The SQLite store (src/db/sqlite/) on its own, over a migrated database with named fixtures
 * written by Prisma: the search index (reindex per entity, rebuild, matching and ranking), name
 * lookup, and the aggregates the schema modules ask it for. Statement counts come from the
 * statements Prisma logs (`queries`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchIndexProblems } from '../src/db/sqlite/search-index.js';
import {
  ARTICLE_FACETS,
  type ArticleColumnValue,
  COUNTRY_MODEL_FACETS,
  type CountryModelFacet,
  type CoverageValueOwner,
  type GraphStore,
  type ModelsOwner,
  type SearchEntity,
  type SearchEntityType,
} from '../src/db/store.js';
import { normalizeName } from '../src/domain/normalize.js';
import { writeGraph } from '../src/graph/index.js';
import { createTestDatabase, TEST_DATABASE, type TestDatabase } from './helpers/database.js';

let db: TestDatabase;
let store: GraphStore;

/** The fixtures' ids, by name. */
const ids = {} as Record<
  | 'baidu'
  | 'openai'
  | 'baai'
  | 'ernieBot'
  | 'wudao'
  | 'instructgpt'
  | 'gpt3'
  | 'glm'
  | 'rlhf'
  | 'baiduArticle'
  | 'rlhfArticle'
  | 'note'
  | 'paper',
  number
>;

const alias = (text: string) => ({ alias: text, normalized: normalizeName(text) });

/**
 * A small graph in which every searchable field occurs: Baidu (百度) with ERNIE Bot (文心一言),
 * BAAI with Wu Dao 2.0 (悟道2.0), OpenAI with InstructGPT (created before GPT-3, and listing
 * "GPT 3" as an alias) and GPT-3, Tsinghua's GLM-130B, the topic RLHF and two articles.
 */
async function createFixtures(): Promise<void> {
  const { prisma } = db;
  ids.note = (await prisma.source.create({ data: { slug: 'user-note', kind: 'NOTE', title: 'The note' } })).id;
  ids.paper = (await prisma.source.create({ data: { slug: 'ernie-paper', kind: 'PAPER', title: 'ERNIE 3.0' } })).id;
  ids.baidu = (
    await prisma.organization.create({
      data: {
        slug: 'baidu',
        name: 'Baidu',
        nameZh: '百度',
        country: 'CN',
        kind: 'COMPANY',
        description: 'Chinese search company.',
        aliases: { create: [alias('Baidu Inc.')] },
      },
    })
  ).id;
  ids.openai = (
    await prisma.organization.create({
      data: {
        slug: 'openai',
        name: 'OpenAI',
        country: 'US',
        aliases: { create: [alias('Open AI'), alias('closeAI')] },
      },
    })
  ).id;
  ids.baai = (
    await prisma.organization.create({
      data: {
        slug: 'baai',
        name: 'Beijing Academy of Artificial Intelligence',
        nameZh: '北京智源人工智能研究院',
        country: 'CN',
        description: 'Non-profit research institute in Beijing. Built the Wu Dao (悟道) models.',
      },
    })
  ).id;
  const model = async (data: Parameters<typeof prisma.model.create>[0]['data'], developer: number) => {
    const created = await prisma.model.create({ data });
    await prisma.modelDeveloper.create({ data: { modelId: created.id, organizationId: developer } });
    return created.id;
  };
  ids.ernieBot = await model(
    {
      slug: 'ernie-bot',
      name: 'ERNIE Bot',
      nameZh: '文心一言',
      family: 'ERNIE',
      parameters: 260_000_000_000n,
      aliases: { create: [alias('Wenxin Yiyan')] },
    },
    ids.baidu,
  );
  ids.wudao = await model(
    { slug: 'wudao-2-0', name: 'Wu Dao 2.0', nameZh: '悟道2.0', parameters: 1_750_000_000_000n },
    ids.baai,
  );
  ids.instructgpt = await model(
    {
      slug: 'instructgpt',
      name: 'InstructGPT',
      family: 'GPT',
      parameters: 175_000_000_000n,
      aliases: { create: [alias('GPT 3')] },
    },
    ids.openai,
  );
  ids.gpt3 = await model(
    {
      slug: 'gpt-3',
      name: 'GPT-3',
      family: 'GPT',
      parameters: 175_000_000_000n,
      description: 'Autoregressive language model.',
    },
    ids.openai,
  );
  ids.glm = await model({ slug: 'glm-130b', name: 'GLM-130B' }, ids.baai);
  ids.rlhf = (
    await prisma.topic.create({
      data: { slug: 'rlhf', name: 'RLHF', nameZh: '基于人类反馈的强化学习', description: 'Reinforcement learning.' },
    })
  ).id;
  ids.baiduArticle = (
    await prisma.article.create({
      data: {
        url: 'https://www.zhihu.com/question/1',
        title: '为什么百度没有做出chatGPT这种产品？',
        language: 'zh-Hans',
        site: 'ZHIHU',
        kind: 'QA',
        summary: '文心一言 and ERNIE Bot.',
        models: { create: [{ modelId: ids.ernieBot, relevance: 'MAIN' }] },
      },
    })
  ).id;
  ids.rlhfArticle = (
    await prisma.article.create({
      data: {
        url: 'https://mp.weixin.qq.com/s/rlhf',
        title: 'RLHF explained',
        language: 'en',
        site: 'WECHAT',
        kind: 'BLOG_POST',
        excerpt: 'How InstructGPT was trained.',
        organizations: { create: [{ organizationId: ids.openai }, { organizationId: ids.baidu }] },
        models: { create: [{ modelId: ids.instructgpt }, { modelId: ids.gpt3 }] },
        topics: { create: [{ topicId: ids.rlhf }] },
      },
    })
  ).id;
  await prisma.modelLineage.create({ data: { childId: ids.instructgpt, parentId: ids.gpt3, kind: 'FINE_TUNED_FROM' } });
  await prisma.claim.createMany({
    data: [
      { modelId: ids.ernieBot, property: 'PARAMETERS', value: '260000000000', sourceId: ids.note },
      { modelId: ids.ernieBot, property: 'PARAMETERS', value: '10000000000', sourceId: ids.paper },
      { modelId: ids.gpt3, property: 'PARAMETERS', value: '175000000000', sourceId: ids.note },
      { modelId: ids.gpt3, property: 'PARAMETERS', value: '175000000000', sourceId: ids.paper },
      { modelId: ids.gpt3, property: 'RELEASE_DATE', value: '2020-05-28', sourceId: ids.note },
      { modelId: ids.gpt3, property: 'RELEASE_DATE', value: '2020-06-11', sourceId: ids.paper },
    ],
  });
}

type DocumentRow = { id: number; entityType: string; entityId: number; field: string; text: string };

/** Every document, by id. */
const documents = async (): Promise<DocumentRow[]> =>
  db.prisma.searchDocument.findMany({ orderBy: { id: 'asc' } }) as Promise<DocumentRow[]>;

const documentsOf = async (type: SearchEntityType, id: number) =>
  (await documents()).filter((row) => row.entityType === type && row.entityId === id);

/** The hits of a query as `TYPE:id FIELD text`, in order. */
async function search(query: string, types?: SearchEntityType[]) {
  const hits = await store.search.query(query, { types, limit: 100 });
  return hits.map((hit) => `${hit.entityType}:${hit.entityId} ${hit.field} ${hit.text}`);
}

/**
 * SQLite's FTS5 table checks itself and is checked against the documents (every document under its
 * key, found by its own text, start and grams; no key of a gone one); a PostgreSQL index is kept
 * by the database and has nothing to check.
 */
async function checkFullTextIndex(): Promise<void> {
  if (TEST_DATABASE === 'sqlite') expect(await searchIndexProblems(db.prisma)).toEqual([]);
}

/** The statements `work` sends that read or write data (transaction control left out). */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  db.queries.length = 0;
  await work();
  return db.queries.filter((sql) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)\b/i.test(sql));
}

beforeAll(async () => {
  db = await createTestDatabase('store');
  store = db.database.store;
  await createFixtures();
  await store.search.rebuild();
});

afterAll(async () => {
  await db?.cleanup();
});

describe('search index: rebuild', () => {
  it('holds one document per searchable field, names and aliases with their folded form', async () => {
    expect((await documentsOf('MODEL', ids.wudao)).map((row) => [row.field, row.text])).toEqual([
      ['NAME', 'Wu Dao 2.0 wudao2.0'],
      ['NAME_ZH', '悟道2.0'],
      ['SLUG', 'wudao-2-0 wudao20'],
    ]);
    expect((await documentsOf('ORGANIZATION', ids.openai)).map((row) => [row.field, row.text])).toEqual([
      ['NAME', 'OpenAI'],
      ['SLUG', 'openai'],
      ['ALIAS', 'Open AI openai'],
      ['ALIAS', 'closeAI'],
    ]);
    expect((await documentsOf('ARTICLE', ids.rlhfArticle)).map((row) => [row.field, row.text])).toEqual([
      ['TITLE', 'RLHF explained'],
      ['EXCERPT', 'How InstructGPT was trained.'],
    ]);
    expect(await store.search.isEmpty()).toBe(false);
  });

  it('writes nothing when the index is in step, and repairs it when it is not', async () => {
    const before = await documents();
    const unchanged = await statementsOf(() => store.search.rebuild());
    expect(unchanged.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql))).toEqual([]);
    expect(await documents()).toEqual(before);

    // Stray documents (of no entity, of no kind searched) and a missing one: the rebuild deletes
    // the first and restores the second.
    const gpt3Name = before.find((row) => row.entityId === ids.gpt3 && row.field === 'NAME') as DocumentRow;
    await db.prisma.searchDocument.delete({ where: { id: gpt3Name.id } });
    await db.prisma.searchDocument.createMany({
      data: [
        { entityType: 'MODEL', entityId: 999, field: 'NAME', text: 'Ghost' },
        { entityType: 'WIDGET', entityId: 1, field: 'NAME', text: 'Ghost widget' },
      ],
    });
    expect((await search('Ghost')).sort()).toEqual(['MODEL:999 NAME Ghost', 'WIDGET:1 NAME Ghost widget']);
    await store.search.rebuild();
    expect(await search('Ghost')).toEqual([]);
    const after = await documents();
    expect(after.map(({ id: _, ...row }) => row)).toEqual(
      [...before.filter((row) => row.id !== gpt3Name.id), gpt3Name].map(({ id: _, ...row }) => row),
    );
    await checkFullTextIndex();
  });
});

describe('search index: query and count', () => {
  it('finds one and two Chinese characters (LIKE over the documents), names first', async () => {
    expect(await search('百度')).toEqual([
      `ORGANIZATION:${ids.baidu} NAME_ZH 百度`,
      `ARTICLE:${ids.baiduArticle} TITLE 为什么百度没有做出chatGPT这种产品？`,
    ]);
    expect(await search('悟')).toEqual([
      `MODEL:${ids.wudao} NAME_ZH 悟道2.0`,
      `ORGANIZATION:${ids.baai} DESCRIPTION Non-profit research institute in Beijing. Built the Wu Dao (悟道) models.`,
    ]);
    expect(await search('文心', ['MODEL'])).toEqual([`MODEL:${ids.ernieBot} NAME_ZH 文心一言`]);
    expect(await store.search.count('百度', { max: 1000 })).toBe(2);
    expect(await store.search.count('悟', { types: ['ORGANIZATION'], max: 1000 })).toBe(1);
  });

  it('finds three characters or more with the trigram index, in any case, in order', async () => {
    // Both documents contain "wudao"; the slug starts with it.
    expect(await search('wudao')).toEqual([
      `MODEL:${ids.wudao} SLUG wudao-2-0 wudao20`,
      `MODEL:${ids.wudao} NAME Wu Dao 2.0 wudao2.0`,
    ]);
    expect(await search('智源人工')).toEqual([`ORGANIZATION:${ids.baai} NAME_ZH 北京智源人工智能研究院`]);
    // Names, then aliases, then titles, then families, then longer texts; a prefix first among equals.
    // A name and a slug that differ only by case tie on every key: such pairs come in either order.
    const gpt = await search('gpt');
    expect(gpt.slice(0, 2).sort()).toEqual([`MODEL:${ids.gpt3} NAME GPT-3 gpt3`, `MODEL:${ids.gpt3} SLUG gpt-3 gpt3`]);
    expect(gpt.slice(2, 4).sort()).toEqual([
      `MODEL:${ids.instructgpt} NAME InstructGPT`,
      `MODEL:${ids.instructgpt} SLUG instructgpt`,
    ]);
    expect(gpt.slice(4)).toEqual([
      `MODEL:${ids.instructgpt} ALIAS GPT 3 gpt3`,
      `ARTICLE:${ids.baiduArticle} TITLE 为什么百度没有做出chatGPT这种产品？`,
      // Equal but for the entity: by id.
      `MODEL:${ids.instructgpt} FAMILY GPT`,
      `MODEL:${ids.gpt3} FAMILY GPT`,
      `ARTICLE:${ids.rlhfArticle} EXCERPT How InstructGPT was trained.`,
    ]);
    expect(await store.search.count('GPT', { max: 1000 })).toBe(4);
    expect(await store.search.count('GPT', { max: 2 })).toBe(2);
    expect(await store.search.count('GPT', { types: ['ARTICLE', 'ORGANIZATION'], max: 1000 })).toBe(2);
    expect(await search('gpt', ['ARTICLE'])).toHaveLength(2);
    expect((await store.search.query('gpt', { limit: 3 })).length).toBe(3);
  });

  it('takes the query literally: quotes, FTS5 syntax and LIKE wildcards', async () => {
    expect(await search('"GPT')).toEqual([]);
    expect(await search('GPT OR RLHF')).toEqual([]);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    expect((await search('RLHF', ['TOPIC'])).sort()).toEqual([
      `TOPIC:${ids.rlhf} NAME RLHF`,
      `TOPIC:${ids.rlhf} SLUG rlhf`,
    ]);
  });
});

describe('search index: reindex', () => {
  it('replaces the documents of a renamed model, and only its documents', async () => {
    const before = await documents();
    const others = before.filter((row) => !(row.entityType === 'MODEL' && row.entityId === ids.ernieBot));
    expect(await search('ERNIE Bot')).toContain(`MODEL:${ids.ernieBot} NAME ERNIE Bot erniebot`);

    await db.prisma.model.update({
      where: { id: ids.ernieBot },
      data: { name: 'Ernie Turbo', nameZh: null, aliases: { deleteMany: {} } },
    });
    await store.search.reindex([{ type: 'MODEL', id: ids.ernieBot }]);

    const after = await documents();
    // Everyone else's documents are the same rows, ids included.
    expect(after.filter((row) => !(row.entityType === 'MODEL' && row.entityId === ids.ernieBot))).toEqual(others);
    expect((await documentsOf('MODEL', ids.ernieBot)).map((row) => [row.field, row.text])).toEqual([
      ['NAME', 'Ernie Turbo ernieturbo'],
      ['SLUG', 'ernie-bot erniebot'],
      ['FAMILY', 'ERNIE'],
    ]);
    // Five documents before (name, Chinese name, slug, alias, family), three now.
    expect(before.length - after.length).toBe(2);
    expect(await search('Ernie Turbo')).toEqual([`MODEL:${ids.ernieBot} NAME Ernie Turbo ernieturbo`]);
    expect(await search('ERNIE Bot')).toEqual([`ARTICLE:${ids.baiduArticle} SUMMARY 文心一言 and ERNIE Bot.`]);
    expect(await search('文心一言', ['MODEL'])).toEqual([]);
    await checkFullTextIndex();
  });

  it('removes the documents of a deleted entity', async () => {
    const total = (await documents()).length;
    const glm = await documentsOf('MODEL', ids.glm);
    expect(glm.length).toBe(2);
    expect((await search('GLM-130')).sort()).toEqual([
      `MODEL:${ids.glm} NAME GLM-130B glm130b`,
      `MODEL:${ids.glm} SLUG glm-130b glm130b`,
    ]);
    await db.prisma.model.delete({ where: { id: ids.glm } });
    await store.search.reindex([{ type: 'MODEL', id: ids.glm }]);
    expect(await documentsOf('MODEL', ids.glm)).toEqual([]);
    expect((await documents()).length).toBe(total - 2);
    expect(await search('GLM-130')).toEqual([]);
  });

  it('changes nothing when the transaction that reindexed rolls back (storeFor binds to it)', async () => {
    const before = await documents();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.topic.update({ where: { id: ids.rlhf }, data: { name: 'Human feedback' } });
        await db.database.storeFor(tx).search.reindex([{ type: 'TOPIC', id: ids.rlhf }]);
        expect((await tx.searchDocument.findMany({ where: { entityType: 'TOPIC' } })).map((row) => row.text)).toContain(
          'Human feedback humanfeedback',
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await documents()).toEqual(before);
    expect((await search('RLHF', ['TOPIC'])).sort()).toEqual([
      `TOPIC:${ids.rlhf} NAME RLHF`,
      `TOPIC:${ids.rlhf} SLUG rlhf`,
    ]);
  });

  it('sends as many statements for the same entities whatever the size of the index', async () => {
    const touched: SearchEntity[] = [
      { type: 'MODEL', id: ids.gpt3 },
      { type: 'ORGANIZATION', id: ids.openai },
      { type: 'ARTICLE', id: ids.rlhfArticle },
      { type: 'TOPIC', id: ids.rlhf },
      // Repeated and unknown entities cost nothing more.
      { type: 'MODEL', id: ids.gpt3 },
      { type: 'MODEL', id: 999_999 },
    ];
    const onSmall = await statementsOf(() => store.search.reindex(touched));
    // Per kind: its rows (and aliases), one DELETE, one INSERT.
    expect(onSmall.map((sql) => /^\s*(\w+)/.exec(sql)?.[1])).toEqual([
      'SELECT', // articles
      'DELETE',
      'INSERT',
      'SELECT', // models
      'SELECT', // their aliases
      'DELETE',
      'INSERT',
      'SELECT', // organizations
      'SELECT', // their aliases
      'DELETE',
      'INSERT',
      'SELECT', // topics
      'DELETE',
      'INSERT',
    ]);

    // Grow the index about a thousand times: 3,000 models with an alias each.
    const grown = Array.from({ length: 3000 }, (_, index) => ({
      slug: `synthetic-${index}`,
      name: `Synthetic Model ${index}`,
      description: `A synthetic model, number ${index}, to make the index large.`,
    }));
    const created = await db.prisma.model.createManyAndReturn({ data: grown, select: { id: true } });
    await db.prisma.modelAlias.createMany({
      data: created.map(({ id }) => ({ modelId: id, ...alias(`SM-${id}`) })),
    });
    const reindexAll = await statementsOf(() => store.search.reindex(created.map(({ id }) => ({ type: 'MODEL', id }))));
    // 3,000 models are 6 batches of 500: rows, aliases, DELETE and 4 INSERTs of 500 documents each.
    expect(reindexAll).toHaveLength(6 * (3 + 4));
    expect((await documents()).length).toBeGreaterThan(12_000);

    const onLarge = await statementsOf(() => store.search.reindex(touched));
    expect(onLarge).toEqual(onSmall);

    // A rebuild reads every table 500 rows at a time, and finds nothing to write.
    const rebuild = await statementsOf(() => store.search.rebuild());
    expect(rebuild.filter((sql) => !/^\s*SELECT\b/i.test(sql))).toEqual([]);
    expect(rebuild.filter((sql) => /FROM [`"]\w+[`"]\.[`"]Model[`"]/.test(sql))).toHaveLength(Math.ceil(3004 / 500));
    expect(await search('Synthetic Model 2999')).toEqual([
      `MODEL:${created.at(-1)?.id} NAME Synthetic Model 2999 syntheticmodel2999`,
    ]);
    await checkFullTextIndex();
  });
});

describe('findIdByName', () => {
  it('finds by English name in any case, Chinese name, slug, or folded alias', async () => {
    expect(await store.findIdByName('Organization', 'BAIDU')).toBe(ids.baidu);
    expect(await store.findIdByName('Organization', '百度')).toBe(ids.baidu);
    expect(await store.findIdByName('Organization', 'open ai')).toBe(ids.openai);
    expect(await store.findIdByName('Organization', 'Close-AI')).toBe(ids.openai);
    expect(await store.findIdByName('Model', '悟道2.0')).toBe(ids.wudao);
    expect(await store.findIdByName('Model', 'WUDAO-2-0')).toBe(ids.wudao);
    expect(await store.findIdByName('Topic', 'rlhf')).toBe(ids.rlhf);
    expect(await store.findIdByName('Topic', '基于人类反馈的强化学习')).toBe(ids.rlhf);
    expect(await store.findIdByName('Model', 'nothing like it')).toBeNull();
  });

  it('prefers a name over an alias, even an alias of an older entity', async () => {
    // InstructGPT (the smaller id) lists "GPT 3" as an alias, folded to "gpt3".
    expect(ids.instructgpt).toBeLessThan(ids.gpt3);
    expect(await store.findIdByName('Model', 'GPT-3')).toBe(ids.gpt3);
    expect(await store.findIdByName('Model', 'gpt 3')).toBe(ids.instructgpt);
  });

  it('folds letters outside ASCII as PostgreSQL does (SQLite lower() folds only ASCII)', async () => {
    // Names of Epoch AI's models: NÜWA, PanGu-Σ. In a transaction rolled back: the fixture stays.
    await expect(
      db.prisma.$transaction(async (tx) => {
        const nuwa = await tx.model.create({ data: { slug: 'nuwa', name: 'NÜWA' } });
        const pangu = await tx.model.create({ data: { slug: 'pangu-sigma', name: 'PanGu-Σ' } });
        const inTransaction = db.database.storeFor(tx);
        for (const name of ['NÜWA', 'Nüwa', 'nüwa', 'nuwa'])
          expect(await inTransaction.findIdByName('Model', name), name).toBe(nuwa.id);
        for (const name of ['PanGu-Σ', 'pangu-σ', 'PANGU-Σ'])
          expect(await inTransaction.findIdByName('Model', name), name).toBe(pangu.id);
        // Folded, not stripped of accents: another accent is another name.
        expect(await inTransaction.findIdByName('Model', 'NÙWA')).toBeNull();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
  });

  it('sends one statement', async () => {
    expect(await statementsOf(() => store.findIdByName('Model', 'GPT-3'))).toHaveLength(1);
  });
});

describe('graph statements', () => {
  it("allRows, rowsById and largestModelByOrganization: rows read raw in Prisma's shape, field for field", async () => {
    const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);
    expect(byId(await store.allRows('Organization'))).toStrictEqual(
      await db.prisma.organization.findMany({ orderBy: { id: 'asc' } }),
    );
    expect(byId(await store.allRows('Topic'))).toStrictEqual(
      await db.prisma.topic.findMany({ orderBy: { id: 'asc' } }),
    );
    const largest = [...(await store.largestModelByOrganization()).values()];
    expect(largest.length).toBeGreaterThan(0);
    expect(byId(largest)).toStrictEqual(
      await db.prisma.model.findMany({
        where: { id: { in: largest.map((model) => model.id) } },
        orderBy: { id: 'asc' },
      }),
    );
    // By id, every table the request's loaders read (ids that name no row are absent).
    const prismaRows = {
      Organization: () => db.prisma.organization.findMany({ orderBy: { id: 'asc' } }),
      Topic: () => db.prisma.topic.findMany({ orderBy: { id: 'asc' } }),
      Model: () => db.prisma.model.findMany({ orderBy: { id: 'asc' } }),
      Article: () => db.prisma.article.findMany({ orderBy: { id: 'asc' } }),
      Source: () => db.prisma.source.findMany({ orderBy: { id: 'asc' } }),
      ModelLineage: () => db.prisma.modelLineage.findMany({ orderBy: { id: 'asc' } }),
    } as const;
    for (const [table, read] of Object.entries(prismaRows) as [
      keyof typeof prismaRows,
      () => Promise<{ id: number }[]>,
    ][]) {
      const expected = await read();
      expect(expected.length, table).toBeGreaterThan(0);
      const ids = [...expected.map((row) => row.id), 999_999];
      expect(byId(await store.rowsById(table, ids)), table).toStrictEqual(expected);
    }
    // Every kind of value a row holds: dates, a bigint, an enum, a boolean, nulls.
    const ernie = largest.find((model) => model.id === ids.ernieBot);
    expect(ernie?.parameters).toBe(260_000_000_000n);
    expect(ernie?.createdAt).toBeInstanceOf(Date);
  });

  it('on SQLite, whole rows are read on the connection itself, and through Prisma while a transaction is open', async () => {
    const direct = db.database.directRows;
    if (TEST_DATABASE !== 'sqlite') {
      expect(direct).toBeUndefined();
      return;
    }
    if (!direct) throw new Error('a SQLite database reads whole rows on its connection');
    const before = direct.answered;
    expect((await store.rowsById('Model', [ids.gpt3]))[0]?.slug).toBe('gpt-3');
    expect((await store.allRows('Topic')).length).toBeGreaterThan(0);
    expect(direct.answered).toBe(before + 2);
    // A write's transaction open on the connection: the same rows, read by Prisma (which reads
    // them as it always has), not on the connection.
    await db.prisma.$transaction(async (tx) => {
      await tx.model.findUnique({ where: { id: ids.gpt3 } });
      const during = direct.answered;
      expect((await store.rowsById('Model', [ids.gpt3]))[0]?.slug).toBe('gpt-3');
      expect(direct.answered).toBe(during);
    });
  });

  it('lineageEdges: every edge', async () => {
    expect(await store.lineageEdges()).toEqual([
      { id: expect.any(Number), childId: ids.instructgpt, parentId: ids.gpt3, kind: 'FINE_TUNED_FROM' },
    ]);
  });

  it('claimsWithSeveralValues: only (model, property) pairs with more than one distinct value', async () => {
    const rows = await store.claimsWithSeveralValues();
    const pairs = rows.map((row) => `${row.slug} ${row.property} ${row.value}`).sort();
    expect(pairs).toEqual([
      'ernie-bot PARAMETERS 10000000000',
      'ernie-bot PARAMETERS 260000000000',
      'gpt-3 RELEASE_DATE 2020-05-28',
      'gpt-3 RELEASE_DATE 2020-06-11',
    ]);
    expect(rows.every((row) => typeof row.modelId === 'number')).toBe(true);
    const parameters = await store.claimsWithSeveralValues('PARAMETERS');
    expect(parameters.map((row) => row.slug)).toEqual(['ernie-bot', 'ernie-bot']);
  });

  it('organizationCounts: models developed; articles direct or through a model, each article once', async () => {
    expect(await store.organizationCounts()).toEqual(
      new Map([
        // Baidu: ERNIE Bot's article through its model, the RLHF article directly.
        [ids.baidu, { models: 1, articles: 2, modelArticles: 1 }],
        [ids.openai, { models: 2, articles: 1, modelArticles: 1 }],
        [ids.baai, { models: 1, articles: 0, modelArticles: 0 }],
      ]),
    );
  });

  it("firstCoverageRows: each parent's first rows in article id order, as many as asked", async () => {
    const ROLLBACK = new Error('rollback');
    // More coverage than the fixtures hold (one row per model at most), written in a transaction
    // that is rolled back: every article covers the first model, and each of them its organizations.
    await db.prisma
      .$transaction(async (tx) => {
        const articles = await tx.article.findMany({ select: { id: true }, orderBy: { id: 'desc' } });
        expect(articles.length).toBeGreaterThanOrEqual(2);
        const [model] = await tx.model.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 1 });
        for (const article of articles)
          await tx.articleModel.upsert({
            where: { articleId_modelId: { articleId: article.id, modelId: model?.id as number } },
            create: { articleId: article.id, modelId: model?.id as number, relevance: 'MAIN' },
            update: {},
          });
        const txStore = db.database.storeFor(tx);
        const tables = [
          ['ArticleModel', 'modelId', () => tx.articleModel.findMany()],
          ['ArticleOrganization', 'organizationId', () => tx.articleOrganization.findMany()],
          ['ArticleTopic', 'topicId', () => tx.articleTopic.findMany()],
        ] as const;
        for (const [table, key, read] of tables) {
          const rows = (await read()) as unknown as (Record<string, unknown> & { articleId: number })[];
          expect(rows.length, table).toBeGreaterThan(0);
          const parents = [...new Set(rows.map((row) => row[key] as number))].sort((a, b) => a - b);
          for (const limit of [1, 2, 10]) {
            const expected = parents.flatMap((parentId) =>
              rows
                .filter((row) => row[key] === parentId)
                .sort((a, b) => a.articleId - b.articleId)
                .slice(0, limit)
                .map((row) => ({
                  parentId,
                  articleId: row.articleId,
                  relevance: row.relevance,
                  confidence: row.confidence,
                  basis: row.basis,
                })),
            );
            // A parent without coverage gives no row.
            const found = await txStore.firstCoverageRows(table, [...parents, 999_999], limit);
            expect(found, `${table} ${limit}`).toEqual(expected);
            if (table === 'ArticleModel')
              expect(found.filter((row) => row.parentId === model?.id)).toHaveLength(Math.min(limit, articles.length));
          }
        }
        expect(await txStore.firstCoverageRows('ArticleModel', [], 5)).toEqual([]);
        throw ROLLBACK;
      })
      .catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      });
  });

  it('largestModelByOrganization: most parameters, ties by slug (by code unit)', async () => {
    // InstructGPT and GPT-3 both have 175B: "gpt-3" comes before "instructgpt".
    const largest = await store.largestModelByOrganization();
    expect(new Map([...largest].map(([organization, model]) => [organization, model.id]))).toEqual(
      new Map([
        [ids.baidu, ids.ernieBot],
        [ids.openai, ids.gpt3],
        [ids.baai, ids.wudao],
      ]),
    );
  });

  it('coverageCounts: per parent asked for, its rows in the join table, as the database keeps them', async () => {
    const { prisma } = db;
    // Each parent's rows, counted here from the join table itself.
    const rowsPer = (parentIds: number[]) => {
      const counts = new Map<number, number>();
      for (const id of parentIds) counts.set(id, (counts.get(id) ?? 0) + 1);
      return counts;
    };
    const cases = [
      ['model', await prisma.model.findMany(), rowsPer((await prisma.articleModel.findMany()).map((r) => r.modelId))],
      [
        'organization',
        await prisma.organization.findMany(),
        rowsPer((await prisma.articleOrganization.findMany()).map((r) => r.organizationId)),
      ],
      ['topic', await prisma.topic.findMany(), rowsPer((await prisma.articleTopic.findMany()).map((r) => r.topicId))],
    ] as const;
    for (const [facet, parents, expected] of cases) {
      expect(expected.size, facet).toBeGreaterThan(0);
      // Every parent asked for (one twice): those without rows are absent.
      const ids = [...parents.map((parent) => parent.id), parents[0]?.id ?? 0];
      expect(await store.coverageCounts(facet, ids), facet).toEqual(expected);
    }
    expect(await store.coverageCounts('model', [])).toEqual(new Map());
  });

  it('countryCounts: organizations, distinct models and articles per country, and the articles about its models', async () => {
    const counts = await store.countryCounts();
    // China's second article covers Baidu itself, none of its models.
    expect(counts.sort((a, b) => (a.country < b.country ? -1 : 1))).toEqual([
      { country: 'CN', organizationCount: 2, modelCount: 2, articleCount: 2, modelArticleCount: 1 },
      { country: 'US', organizationCount: 1, modelCount: 2, articleCount: 1, modelArticleCount: 1 },
    ]);
    expect(
      await store.articlesCoveringModelsOf({ country: 'CN' }, { inclusive: true, forward: true, limit: 10 }),
    ).toEqual([ids.baiduArticle]);
  });

  it("refreshStatistics: the query planner's statistics describe the tables as they are", async () => {
    const { prisma } = db;
    const models = await prisma.model.count();
    await store.refreshStatistics();
    if (TEST_DATABASE === 'postgresql') {
      // ANALYZE sets the row estimate (-1: never analyzed).
      const [row] = await prisma.$queryRawUnsafe<{ rows: number }[]>(
        `SELECT reltuples::int AS rows FROM pg_class WHERE relname = 'Model' AND relnamespace = current_schema()::regnamespace`,
      );
      expect(row?.rows).toBe(models);
    } else {
      // sqlite_stat1: per index, the rows of its table, then the rows per distinct key prefix.
      const rows = await prisma.$queryRawUnsafe<{ idx: string; stat: string }[]>(
        `SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'ModelDeveloper' ORDER BY idx`,
      );
      expect(rows.map((row) => row.idx)).toContain('ModelDeveloper_organizationId_idx');
      const developers = await prisma.modelDeveloper.count();
      for (const row of rows) expect(Number(row.stat.split(' ')[0])).toBe(developers);
    }
    // A second call with nothing changed is a no-op on SQLite, and harmless on both.
    await store.refreshStatistics();
  });

  it('isReachable: true while the database answers', async () => {
    expect(await store.isReachable()).toBe(true);
  });
});

/**
 * The overview's counts, computed from scratch with the aggregates they replace: what the
 * database's triggers keep must equal it after any write. Statements alike on both databases.
 */
async function countsFromScratch() {
  const { prisma } = db;
  const rows = <T>(sql: string) => prisma.$queryRawUnsafe<T[]>(sql);
  const reach = `SELECT "organizationId", "articleId" FROM "ArticleOrganization"
    UNION SELECT d."organizationId", am."articleId" FROM "ArticleModel" am JOIN "ModelDeveloper" d ON d."modelId" = am."modelId"`;
  const throughModels = `SELECT DISTINCT d."organizationId", am."articleId" FROM "ArticleModel" am
    JOIN "ModelDeveloper" d ON d."modelId" = am."modelId"`;
  const organizations = await rows<{ id: number; models: unknown; articles: unknown; modelArticles: unknown }>(
    `SELECT o.id AS id, (SELECT COUNT(*) FROM "ModelDeveloper" d WHERE d."organizationId" = o.id) AS models,
       (SELECT COUNT(*) FROM (${reach}) r WHERE r."organizationId" = o.id) AS articles,
       (SELECT COUNT(*) FROM (${throughModels}) r WHERE r."organizationId" = o.id) AS "modelArticles"
     FROM "Organization" o`,
  );
  const covering = new Map<number, number[]>();
  for (const row of await rows<{ organizationId: unknown; articleId: unknown }>(`${throughModels} ORDER BY 2`)) {
    const id = Number(row.organizationId);
    covering.set(id, [...(covering.get(id) ?? []), Number(row.articleId)]);
  }
  const largest = await rows<{ organizationId: unknown; slug: string }>(
    `SELECT "organizationId", slug FROM (SELECT d."organizationId" AS "organizationId", m.slug AS slug,
       RANK() OVER (PARTITION BY d."organizationId" ORDER BY m.parameters DESC) AS position
       FROM "ModelDeveloper" d JOIN "Model" m ON m.id = d."modelId" WHERE m.parameters IS NOT NULL) ranked WHERE position = 1`,
  );
  const countries = await rows<{
    country: string;
    organizations: unknown;
    models: unknown;
    articles: unknown;
    modelArticles: unknown;
  }>(
    `SELECT o.country AS country, COUNT(*) AS organizations,
       (SELECT COUNT(DISTINCT d."modelId") FROM "ModelDeveloper" d JOIN "Organization" o2 ON o2.id = d."organizationId" WHERE o2.country = o.country) AS models,
       (SELECT COUNT(DISTINCT r."articleId") FROM (${reach}) r JOIN "Organization" o3 ON o3.id = r."organizationId" WHERE o3.country = o.country) AS articles,
       (SELECT COUNT(DISTINCT r."articleId") FROM (${throughModels}) r JOIN "Organization" o4 ON o4.id = r."organizationId" WHERE o4.country = o.country) AS "modelArticles"
     FROM "Organization" o WHERE o.country IS NOT NULL GROUP BY o.country`,
  );
  // Each organization's articles with the number of paths to each (directly, through each of its
  // models), and of those through its models: the rows the triggers keep, row for row.
  const organizationReach = (
    await rows<{ organizationId: unknown; articleId: unknown; paths: unknown; viaModels: unknown }>(
      `SELECT "organizationId" AS "organizationId", "articleId" AS "articleId", COUNT(*) AS paths, SUM("viaModel") AS "viaModels"
       FROM (SELECT "organizationId", "articleId", 0 AS "viaModel" FROM "ArticleOrganization"
             UNION ALL SELECT d."organizationId", am."articleId", 1 FROM "ArticleModel" am JOIN "ModelDeveloper" d ON d."modelId" = am."modelId") p
       GROUP BY "organizationId", "articleId" ORDER BY 1, 2`,
    )
  ).map((row) => [Number(row.organizationId), Number(row.articleId), Number(row.paths), Number(row.viaModels)]);
  // Each country's articles with the number of its organizations each reaches, and of those
  // through their models: the rows the triggers keep, row for row.
  const countryReach = (
    await rows<{ country: string; articleId: unknown; paths: unknown; viaModels: unknown }>(
      `SELECT o.country AS country, r."articleId" AS "articleId", COUNT(*) AS paths,
         SUM(CASE WHEN r."organizationId" IN (SELECT m."organizationId" FROM (${throughModels}) m WHERE m."articleId" = r."articleId") THEN 1 ELSE 0 END) AS "viaModels"
       FROM (${reach}) r JOIN "Organization" o ON o.id = r."organizationId" WHERE o.country IS NOT NULL
       GROUP BY o.country, r."articleId" ORDER BY 1, 2`,
    )
  ).map((row) => [row.country, Number(row.articleId), Number(row.paths), Number(row.viaModels)]);
  const topics = await rows<{ id: number; models: unknown; articles: unknown }>(
    `SELECT t.id AS id, (SELECT COUNT(*) FROM "ModelTopic" x WHERE x."topicId" = t.id) AS models,
       (SELECT COUNT(*) FROM "ArticleTopic" x WHERE x."topicId" = t.id) AS articles FROM "Topic" t`,
  );
  const tables = {
    Organization: 0,
    Model: 0,
    Article: 0,
    Topic: 0,
    Person: 0,
    Source: 0,
    ArticleAuthor: 0,
    Hardware: 0,
    Dataset: 0,
  };
  for (const table of Object.keys(tables) as (keyof typeof tables)[]) {
    const [row] = await rows<{ rows: unknown }>(`SELECT COUNT(*) AS rows FROM "${table}"`);
    tables[table] = Number(row?.rows);
  }
  const facets: Record<string, Record<string, number>> = {};
  const tally = (facet: string, value: unknown) => {
    if (value === null || value === undefined) return;
    facets[facet] ??= {};
    const key = value instanceof Date ? String(value.getUTCFullYear()) : String(value);
    facets[facet][key] = (facets[facet][key] ?? 0) + 1;
  };
  for (const article of await prisma.article.findMany()) {
    tally('language', article.language);
    tally('site', article.site);
    tally('kind', article.kind);
    tally('year', article.publishedAt);
  }
  for (const row of await prisma.articleOrganization.findMany()) tally('organization', row.organizationId);
  for (const row of await prisma.articleTopic.findMany()) tally('topic', row.topicId);
  for (const row of await prisma.articleAuthor.findMany()) tally('author', row.personId);
  for (const row of await prisma.articleModel.findMany()) tally('model', row.modelId);
  // Each organization's, model's and topic's coverage per language and site of the article.
  const coverageValues: Record<string, number> = {};
  const countValues = (owner: string, parentId: number, article: { language: string; site: string }) => {
    for (const column of ['language', 'site'] as const) {
      const key = `${owner} ${parentId} ${column} ${article[column]}`;
      coverageValues[key] = (coverageValues[key] ?? 0) + 1;
    }
  };
  for (const row of await prisma.articleOrganization.findMany({ include: { article: true } }))
    countValues('organization', row.organizationId, row.article);
  for (const row of await prisma.articleModel.findMany({ include: { article: true } }))
    countValues('model', row.modelId, row.article);
  for (const row of await prisma.articleTopic.findMany({ include: { article: true } }))
    countValues('topic', row.topicId, row.article);
  // Each country's models per facet value: every model of an organization of the country, once
  // per value it has (computed here from the tables, not from the rows the triggers keep).
  const countriesOf = new Map<number, Set<string>>();
  const developers = await prisma.modelDeveloper.findMany({ include: { organization: true } });
  for (const { modelId, organization } of developers)
    if (organization.country)
      countriesOf.set(modelId, (countriesOf.get(modelId) ?? new Set()).add(organization.country));
  const valuesOf = new Map<number, [string, unknown][]>();
  const value = (modelId: number, facet: string, of: unknown) =>
    valuesOf.set(modelId, [...(valuesOf.get(modelId) ?? []), [facet, of]]);
  for (const row of developers) value(row.modelId, 'organization', row.organizationId);
  for (const row of await prisma.modelTopic.findMany()) value(row.modelId, 'topic', row.topicId);
  for (const row of await prisma.modelDomain.findMany()) value(row.modelId, 'domain', row.domain);
  for (const row of await prisma.modelTask.findMany()) value(row.modelId, 'task', row.task);
  for (const row of await prisma.modelHardware.findMany()) value(row.modelId, 'hardware', row.hardwareId);
  for (const row of await prisma.modelDataset.findMany()) value(row.modelId, 'dataset', row.datasetId);
  for (const model of await prisma.model.findMany({ select: { id: true, family: true, releaseDate: true } })) {
    value(model.id, 'family', model.family);
    value(model.id, 'year', model.releaseDate?.getUTCFullYear());
    for (const country of countriesOf.get(model.id) ?? []) value(model.id, 'country', country);
  }
  const countryFacets: Record<string, Record<string, Record<string, number>>> = {};
  for (const [modelId, countries] of countriesOf)
    for (const country of countries)
      for (const [facet, of] of valuesOf.get(modelId) ?? []) {
        if (of === null || of === undefined) continue;
        countryFacets[country] ??= {};
        const counts = countryFacets[country];
        counts[facet] ??= {};
        counts[facet][String(of)] = (counts[facet][String(of)] ?? 0) + 1;
      }
  const largestSlugs = new Map<number, string>();
  for (const row of largest) {
    const id = Number(row.organizationId);
    const current = largestSlugs.get(id);
    if (current === undefined || row.slug < current) largestSlugs.set(id, row.slug);
  }
  return {
    organizations: new Map(
      organizations.map((row) => [
        Number(row.id),
        { models: Number(row.models), articles: Number(row.articles), modelArticles: Number(row.modelArticles) },
      ]),
    ),
    covering,
    largest: largestSlugs,
    countries: countries
      .map((row) => ({
        country: row.country,
        organizationCount: Number(row.organizations),
        modelCount: Number(row.models),
        articleCount: Number(row.articles),
        modelArticleCount: Number(row.modelArticles),
      }))
      .sort((a, b) => (a.country < b.country ? -1 : 1)),
    countryReach,
    organizationReach,
    topics: new Map(
      topics.map((row) => [Number(row.id), { models: Number(row.models), articles: Number(row.articles) }]),
    ),
    tables,
    facets,
    countryFacets,
    coverageValues,
  };
}

/**
 * The coverage per language and site as the store reads it (`coverageValueCounts`), for every
 * parent and value `expected` names or the table holds, in the shape of
 * `countsFromScratch().coverageValues`.
 */
async function keptCoverageValues(expected: Record<string, number>) {
  const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    'SELECT "owner", "parentId", "column", "value" FROM "CoverageValueCount"',
  );
  const asked = new Map<string, { owner: CoverageValueOwner; column: ArticleColumnValue; ids: Set<number> }>();
  const ask = (owner: string, parentId: number, column: string, value: string) => {
    const key = `${owner} ${column} ${value}`;
    const entry = asked.get(key) ?? {
      owner: owner as CoverageValueOwner,
      column: { column: column as ArticleColumnValue['column'], value },
      ids: new Set<number>(),
    };
    asked.set(key, entry.ids.add(parentId) && entry);
  };
  for (const row of rows) ask(String(row.owner), Number(row.parentId), String(row.column), String(row.value));
  for (const key of Object.keys(expected)) {
    const [owner = '', parentId = '', column = '', value = ''] = key.split(' ');
    ask(owner, Number(parentId), column, value);
  }
  const read: Record<string, number> = {};
  for (const { owner, column, ids } of asked.values())
    for (const [parentId, count] of await store.coverageValueCounts(owner, column, [...ids]))
      read[`${owner} ${parentId} ${column.column} ${column.value}`] = count;
  return read;
}

/** The facets of every country's models as the store reads them, in the shape of `countsFromScratch().countryFacets`. */
async function keptCountryFacets(countries: Iterable<string>) {
  const read: Record<string, Record<string, Record<string, number>>> = {};
  const sorted = (rows: { value: string; count: number }[] = []) =>
    [...rows].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  for (const country of countries)
    for (const [facet, rows] of await store.countryModelFacets(
      country,
      Object.keys(COUNTRY_MODEL_FACETS) as CountryModelFacet[],
    )) {
      // Asked alone, a facet reads the same rows as asked with every other.
      expect(sorted((await store.countryModelFacets(country, [facet])).get(facet))).toEqual(sorted(rows));
      if (rows.length === 0) continue;
      read[country] ??= {};
      read[country][facet] = Object.fromEntries(rows.map((row) => [row.value, row.count]));
    }
  return read;
}

/**
 * The articles covering the models of an organization or a country, page by page both ways, from
 * the rows the triggers keep: `all` of them in id order.
 */
async function expectPages(owner: ModelsOwner, all: number[]) {
  expect(await store.articlesCoveringModelsOf(owner, { inclusive: true, forward: true, limit: 100 })).toEqual(all);
  const middle = all[Math.floor(all.length / 2)];
  if (middle === undefined) return;
  expect(
    await store.articlesCoveringModelsOf(owner, { from: middle, inclusive: false, forward: true, limit: 1 }),
  ).toEqual(all.filter((article) => article > middle).slice(0, 1));
  expect(
    await store.articlesCoveringModelsOf(owner, { from: middle, inclusive: true, forward: false, limit: 2 }),
  ).toEqual(all.filter((article) => article <= middle).slice(-2));
}

/**
 * The database's words for a write it refused. Prisma's client files a trigger's refusal on
 * SQLite under "Foreign key constraint violated" (P2003) and keeps the trigger's own message in
 * the error's `meta`; both are read.
 */
async function refusal(write: Promise<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    const { message, meta } = error as { message: string; meta?: unknown };
    return `${message} ${JSON.stringify(meta ?? {})}`;
  }
  return 'not refused';
}

/** The counts the store reads, in the shape of {@link countsFromScratch}. */
async function keptCounts() {
  const slugs = new Map(
    (await db.prisma.model.findMany({ select: { id: true, slug: true } })).map((m) => [m.id, m.slug]),
  );
  return {
    organizations: await store.organizationCounts(),
    largest: new Map([...(await store.largestModelByOrganization())].map(([id, model]) => [id, slugs.get(model.id)])),
    countries: (await store.countryCounts()).sort((a, b) => (a.country < b.country ? -1 : 1)),
    topics: await store.topicCounts(),
    tables: await store.tableCounts(),
    facets: Object.fromEntries(
      (
        await Promise.all(
          ARTICLE_FACETS.map(
            async (facet) =>
              [
                facet,
                Object.fromEntries(
                  ((await store.articleFacets([facet])).get(facet) ?? []).map((row) => [row.value, row.count]),
                ),
              ] as const,
          ),
        )
      ).filter(([, values]) => Object.keys(values).length > 0),
    ),
  };
}

describe("the overview's counts, kept by the database's triggers", () => {
  // Last in the file: these writes change the fixtures.
  const second = { id: 0, article: 0 };
  const steps: [string, () => Promise<unknown>][] = [
    ['as built', async () => {}],
    [
      'a second BAAI model, without a size',
      async () => {
        second.id = (
          await db.prisma.model.create({
            data: { slug: 'wudao-mini', name: 'Wu Dao mini', developers: { create: [{ organizationId: ids.baai }] } },
          })
        ).id;
      },
    ],
    [
      'a second developer for ERNIE Bot, abroad',
      () => db.prisma.modelDeveloper.create({ data: { modelId: ids.ernieBot, organizationId: ids.openai } }),
    ],
    [
      'a second developer for Wu Dao in the same country (its articles reach China through two organizations)',
      () => db.prisma.modelDeveloper.create({ data: { modelId: ids.wudao, organizationId: ids.baidu } }),
    ],
    [
      'an article covering Wu Dao and BAAI directly',
      async () => {
        second.article = (
          await db.prisma.article.create({
            data: {
              url: 'https://example.com/wudao',
              title: 'Wu Dao',
              language: 'en',
              site: 'OTHER',
              kind: 'NEWS',
              publishedAt: new Date('2021-06-01T00:00:00Z'),
              models: { create: [{ modelId: ids.wudao }, { modelId: second.id }] },
              authors: {
                create: [
                  {
                    position: 0,
                    writtenAs: 'Tang Jie',
                    person: { create: { slug: 'tang-jie', name: 'Tang Jie', nameKey: 'tang jie' } },
                  },
                ],
              },
              organizations: { create: [{ organizationId: ids.baai }] },
              topics: { create: [{ topicId: ids.rlhf }] },
            },
          })
        ).id;
      },
    ],
    [
      'that article moves to another language and site (its parents count it under the new ones)',
      () => db.prisma.article.update({ where: { id: second.article }, data: { language: 'zh-Hans', site: 'ZHIHU' } }),
    ],
    [
      'that article changes its language only, and its title',
      () => db.prisma.article.update({ where: { id: second.article }, data: { language: 'en', title: 'Wu Dao 2' } }),
    ],
    [
      'the second BAAI model joins the topic',
      () => db.prisma.modelTopic.create({ data: { modelId: second.id, topicId: ids.rlhf } }),
    ],
    [
      'ERNIE Bot gets a family and a release date, Wu Dao a domain, a task, hardware and a dataset',
      async () => {
        await db.prisma.model.update({
          where: { id: ids.ernieBot },
          data: { family: 'ERNIE', releaseDate: new Date('2023-03-16T00:00:00Z') },
        });
        const hardware = await db.prisma.hardware.create({
          data: { slug: 'ascend-910', name: 'Ascend 910', nameKey: 'ascend 910' },
        });
        const dataset = await db.prisma.dataset.create({
          data: { slug: 'wudao-corpora', name: 'WuDaoCorpora', nameKey: 'wudaocorpora' },
        });
        await db.prisma.model.update({
          where: { id: ids.wudao },
          data: {
            domains: { create: [{ domain: 'LANGUAGE' }] },
            tasks: { create: [{ task: 'Chat', key: 'chat' }] },
            hardware: { create: [{ hardwareId: hardware.id }] },
            datasets: { create: [{ datasetId: dataset.id }] },
          },
        });
      },
    ],
    [
      'ERNIE Bot released a year later, without a family',
      () =>
        db.prisma.model.update({
          where: { id: ids.ernieBot },
          data: { family: null, releaseDate: new Date('2024-01-01T00:00:00Z') },
        }),
    ],
    [
      'BAAI moves to another country',
      () => db.prisma.organization.update({ where: { id: ids.baai }, data: { country: 'SG' } }),
    ],
    [
      'OpenAI loses its country',
      () => db.prisma.organization.update({ where: { id: ids.openai }, data: { country: null } }),
    ],
    [
      'OpenAI gets it back',
      () => db.prisma.organization.update({ where: { id: ids.openai }, data: { country: 'US' } }),
    ],
    [
      'GPT-3 shrinks (it held the largest size with InstructGPT)',
      () => db.prisma.model.update({ where: { id: ids.gpt3 }, data: { parameters: 1n } }),
    ],
    [
      'InstructGPT loses its size',
      () => db.prisma.model.update({ where: { id: ids.instructgpt }, data: { parameters: null } }),
    ],
    [
      'the second BAAI model gets the largest size of BAAI',
      () => db.prisma.model.update({ where: { id: second.id }, data: { parameters: 9_000_000_000_000n } }),
    ],
    [
      'coverage of a model removed',
      () =>
        db.prisma.articleModel.delete({
          where: { articleId_modelId: { articleId: ids.rlhfArticle, modelId: ids.gpt3 } },
        }),
    ],
    [
      'direct coverage removed',
      () =>
        db.prisma.articleOrganization.delete({
          where: { articleId_organizationId: { articleId: ids.rlhfArticle, organizationId: ids.openai } },
        }),
    ],
    [
      'a developer removed',
      () =>
        db.prisma.modelDeveloper.delete({
          where: { modelId_organizationId: { modelId: ids.ernieBot, organizationId: ids.openai } },
        }),
    ],
    [
      "ERNIE Bot merged into InstructGPT through the write layer (Baidu's developer edge and the article covering it move)",
      () =>
        writeGraph(db.database, (graph) =>
          graph.changeSlugs([{ type: 'MODEL', from: 'ernie-bot', to: 'instructgpt' }]),
        ),
    ],
    [
      'the second BAAI model merged into Wu Dao (both developed by BAAI and covered by the same article: nothing moves)',
      () =>
        writeGraph(db.database, (graph) => graph.changeSlugs([{ type: 'MODEL', from: 'wudao-mini', to: 'wudao-2-0' }])),
    ],
    [
      'a new organization in a new country, with a model',
      async () => {
        const organization = await db.prisma.organization.create({ data: { slug: 'lab', name: 'Lab', country: 'FR' } });
        await db.prisma.model.create({
          data: {
            slug: 'lab-1',
            name: 'Lab 1',
            parameters: 7n,
            developers: { create: [{ organizationId: organization.id }] },
          },
        });
      },
    ],
    ['an article deleted (its coverage cascades)', () => db.prisma.article.delete({ where: { id: ids.rlhfArticle } })],
    [
      'a model deleted (its developers and coverage cascade)',
      () => db.prisma.model.delete({ where: { id: ids.wudao } }),
    ],
    [
      'an organization deleted (its developers and coverage cascade)',
      () => db.prisma.organization.delete({ where: { id: ids.baidu } }),
    ],
    ['the topic deleted', () => db.prisma.topic.delete({ where: { id: ids.rlhf } })],
  ];
  it('refuses to change in place what a link row links (the counts follow inserts and deletes), on every table they count', async () => {
    const refused = /ArticleModel: articleId and modelId are not changed in place/;
    await expect(
      refusal(
        db.prisma.articleModel.update({
          where: { articleId_modelId: { articleId: ids.baiduArticle, modelId: ids.ernieBot } },
          data: { modelId: ids.wudao },
        }),
      ),
    ).resolves.toMatch(refused);
    await expect(
      refusal(db.prisma.$executeRawUnsafe('UPDATE "ArticleModel" SET "articleId" = "articleId" + 1')),
    ).resolves.toMatch(refused);
    await expect(
      refusal(
        db.prisma.modelDeveloper.update({
          where: { modelId_organizationId: { modelId: ids.ernieBot, organizationId: ids.baidu } },
          data: { organizationId: ids.baai },
        }),
      ),
    ).resolves.toMatch(/ModelDeveloper: modelId and organizationId are not changed in place/);
    // What is not a key may change; the rows are as they were.
    await db.prisma.articleModel.update({
      where: { articleId_modelId: { articleId: ids.baiduArticle, modelId: ids.ernieBot } },
      data: { relevance: 'MAIN' },
    });
    expect(await db.prisma.articleModel.count({ where: { articleId: ids.baiduArticle, modelId: ids.ernieBot } })).toBe(
      1,
    );
    const guards = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
      TEST_DATABASE === 'postgresql'
        ? `SELECT t."tgname" AS name FROM pg_trigger t JOIN pg_class c ON c."oid" = t."tgrelid"
           WHERE c."relnamespace" = current_schema()::regnamespace AND t."tgname" LIKE '%\\_count\\_keys' ORDER BY 1`
        : `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_count\\_keys' ESCAPE '\\' ORDER BY 1`,
    );
    expect(guards.map((row) => row.name.replace('_count_keys', ''))).toEqual([
      'ArticleAuthor',
      'ArticleModel',
      'ArticleOrganization',
      'ArticleTopic',
      'ModelDataset',
      'ModelDeveloper',
      'ModelDomain',
      'ModelHardware',
      'ModelTask',
      'ModelTopic',
    ]);
  });

  it.each(steps.map(([name, write], index) => ({ name, write, index })))('after: $name', async ({ write, index }) => {
    await write();
    const expected = await countsFromScratch();
    const kept = await keptCounts();
    // Organizations and topics without any row in the kept tables count 0, as in the overview.
    for (const [id, counts] of kept.organizations)
      if (!expected.organizations.has(id)) expect({ id, counts }).toBeNull();
    for (const [id, counts] of expected.organizations) {
      expect(kept.organizations.get(id) ?? { models: 0, articles: 0, modelArticles: 0 }, `organization ${id}`).toEqual(
        counts,
      );
      await expectPages({ organizationId: id }, expected.covering.get(id) ?? []);
    }
    expect(
      (
        await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
          'SELECT "organizationId", "articleId", "paths", "viaModels" FROM "OrganizationArticle" ORDER BY 1, 2',
        )
      ).map((row) => [Number(row.organizationId), Number(row.articleId), Number(row.paths), Number(row.viaModels)]),
    ).toEqual(expected.organizationReach);
    // The same of each country: the articles covering a model of one of its organizations.
    expect(
      await db.prisma
        .$queryRawUnsafe('SELECT "country", "articleId", "paths", "viaModels" FROM "CountryArticle" ORDER BY 1, 2')
        .then((rows) =>
          (rows as Record<string, unknown>[]).map((row) => [
            row.country,
            Number(row.articleId),
            Number(row.paths),
            Number(row.viaModels),
          ]),
        ),
    ).toEqual(expected.countryReach);
    for (const { country } of expected.countries) {
      const all = [
        ...new Set(
          expected.countryReach.filter((row) => row[0] === country && Number(row[3]) > 0).map((row) => Number(row[1])),
        ),
      ];
      await expectPages({ country }, all);
    }
    expect(kept.largest).toEqual(expected.largest);
    expect(kept.countries).toEqual(expected.countries);
    expect(kept.topics).toEqual(expected.topics);
    expect(kept.tables).toEqual(expected.tables);
    expect(kept.facets).toEqual(expected.facets);
    expect(await keptCoverageValues(expected.coverageValues)).toEqual(expected.coverageValues);
    if (index === 0) expect(Object.keys(expected.coverageValues).length).toBeGreaterThan(10);
    if (index === 0) expect(expected.countries.length).toBeGreaterThan(0);
    // Each country's model facets: these writes bypass the write layer, so the countries they
    // changed are marked and read from their models; counted again, from the kept rows.
    const countries = new Set([...Object.keys(expected.countryFacets), 'CN', 'US', 'SG', 'FR']);
    expect(await keptCountryFacets(countries)).toEqual(expected.countryFacets);
    await store.refreshCountryModelFacets();
    expect(await db.prisma.$queryRawUnsafe('SELECT "country" FROM "CountryModelFacetStale"')).toEqual([]);
    expect(await keptCountryFacets(countries)).toEqual(expected.countryFacets);
    if (index === 0) expect(expected.countryFacets.CN?.organization).toBeDefined();
  });

  it("through the write layer: the countries' facets are counted again before the write commits", async () => {
    await store.refreshCountryModelFacets();
    await writeGraph(db.database, async (graph) => {
      await graph.upsertModels([{ slug: 'lab-2', name: 'Lab 2', family: 'Lab' }]);
      await graph.linkDevelopers([{ model: 'lab-2', organization: 'lab' }]);
      await graph.updateModels([{ slug: 'lab-1', family: 'Lab' }]);
    });
    // Nothing left marked: read from the kept rows, which the write changed.
    expect(await db.prisma.$queryRawUnsafe('SELECT "country" FROM "CountryModelFacetStale"')).toEqual([]);
    const expected = await countsFromScratch();
    expect(expected.countryFacets.FR?.family).toEqual({ Lab: 2 });
    expect(await keptCountryFacets(Object.keys(expected.countryFacets))).toEqual(expected.countryFacets);
  });
});
