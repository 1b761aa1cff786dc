/**
 * `includeDescendants` reads the topic hierarchy once per request (src/schema/topic-tree.ts)
 * instead of asking Prisma for a tree of joins that took seconds to prepare (issue 9, class 1).
 * Both forms must answer the same: the ids form over HTTP is compared with the relation form
 * run directly, on the curated graph, for models, articles and a nested connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticleFilterShape, articleWhere, type ModelFilterShape, modelWhere } from '../src/schema/filters.js';
import { type TopicTree, topicIdsWithDescendants } from '../src/schema/topic-tree.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('topic-tree');
});
afterAll(async () => {
  await server?.close();
});

type Slugs = { edges: { node: { slug?: string; url?: string } }[] };

describe('includeDescendants from the loaded hierarchy', () => {
  it.each(['training-methods', 'alignment', 'model-architecture', 'rlhf', 'no-such-topic'])(
    'models under %s: the same as the relation form, and more than the topic alone when it has sub-topics',
    async (slug) => {
      const filter: ModelFilterShape = { topic: { slug, includeDescendants: true } };
      const expected = await server.prisma.model.findMany({
        where: modelWhere(filter),
        select: { slug: true },
        orderBy: { slug: 'asc' },
      });
      const { body } = await server.graphql<{ models: Slugs & { totalCount: number } }>(
        /* GraphQL */ `
          query ($f: ModelFilter) {
            models(first: 100, filter: $f) { totalCount edges { node { slug } } }
          }
        `,
        { f: filter },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.models.edges.map((edge) => edge.node.slug)).toEqual(expected.map((row) => row.slug));
      expect(body.data?.models.totalCount).toBe(expected.length);
    },
  );

  it('finds the models of sub-topics (training-methods reaches rlhf two levels down)', async () => {
    const rlhf = await server.prisma.modelTopic.count({ where: { topic: { slug: 'rlhf' } } });
    expect(rlhf).toBeGreaterThan(0);
    const { body } = await server.graphql<{ all: { totalCount: number }; own: { totalCount: number } }>(/* GraphQL */ `
      {
        all: models(filter: { topic: { slug: "training-methods", includeDescendants: true } }) { totalCount }
        own: models(filter: { topic: { slug: "training-methods" } }) { totalCount }
      }
    `);
    expect(body.data?.all.totalCount).toBeGreaterThan(body.data?.own.totalCount ?? 0);
  });

  it('articles covering a topic or its sub-topics, at the root and nested under an organization', async () => {
    const filter: ArticleFilterShape = { coversTopic: { slug: 'training-methods', includeDescendants: true } };
    const expected = await server.prisma.article.findMany({ where: articleWhere(filter), select: { url: true } });
    const { body } = await server.graphql<{ articles: Slugs & { totalCount: number } }>(
      /* GraphQL */ `
        query ($f: ArticleFilter) { articles(first: 100, filter: $f) { totalCount } }
      `,
      { f: filter },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.articles.totalCount).toBe(expected.length);

    const modelFilter: ModelFilterShape = { topic: { slugIn: ['alignment', 'chat-models'], includeDescendants: true } };
    const openai = await server.prisma.model.count({
      where: { AND: [modelWhere(modelFilter), { developers: { some: { organization: { slug: 'openai' } } } }] },
    });
    const nested = await server.graphql<{ organization: { models: { totalCount: number } } }>(
      /* GraphQL */ `
        query ($f: ModelFilter) { organization(slug: "openai") { models(filter: $f) { totalCount } } }
      `,
      { f: modelFilter },
    );
    expect(nested.body.errors).toBeUndefined();
    expect(nested.body.data?.organization.models.totalCount).toBe(openai);
  });

  it('costs two statements whatever the number of conditions, and none when not asked for', async () => {
    const conditions = (count: number) => ({
      or: Array.from({ length: count }, (_, index) => ({ topic: { slug: `t${index}`, includeDescendants: true } })),
    });
    const run = async (filter: unknown) => {
      server.queries.length = 0;
      const { body } = await server.graphql('query ($f: ModelFilter) { models(first: 0, filter: $f) { totalCount } }', {
        f: filter,
      });
      expect(body.errors).toBeUndefined();
      return server.queries.length;
    };
    const one = await run(conditions(1));
    expect(await run(conditions(33))).toBe(one);
    expect(await run({ topic: { slug: 'rlhf' } })).toBe(one - 2);
  });
});

describe('topicIdsWithDescendants', () => {
  // 1 ─ 2 ─ 3 ─ 4 ─ 5 (a chain four levels deep), 6 alone; "old-two" is a former slug of 2.
  const tree: TopicTree = {
    idsBySlug: new Map([
      ['one', 1],
      ['two', 2],
      ['old-two', 2],
      ['three', 3],
      ['four', 4],
      ['five', 5],
      ['six', 6],
    ]),
    children: new Map([
      [1, [2]],
      [2, [3]],
      [3, [4]],
      [4, [5]],
    ]),
  };

  it.each([
    [['one'], [1, 2, 3, 4]],
    [['old-two'], [2, 3, 4, 5]],
    [
      ['one', 'four'],
      [1, 2, 3, 4, 5],
    ],
    [['six', 'unknown'], [6]],
    [[], []],
  ])('%j → %j (three levels down, former slugs too)', (slugs, ids) => {
    expect(topicIdsWithDescendants(tree, slugs)).toEqual(ids);
  });
});
