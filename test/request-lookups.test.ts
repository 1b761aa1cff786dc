/**
 * A request looks up what its filters name before it runs (src/schema/request-lookups.ts): the
 * topic hierarchy for `includeDescendants`, and the entities named by slug, current or former, so
 * that each condition is a list of ids instead of relations Prisma took seconds to prepare
 * (issue 9, class 1). Both forms must answer the same: the ids form over HTTP is compared with
 * the relation form run directly, on the curated graph.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ArticleFilterShape,
  articleWhere,
  type ModelFilterShape,
  modelWhere,
  type OrganizationFilterShape,
  organizationWhere,
} from '../src/schema/filters.js';
import { filterSlugs } from '../src/schema/request-lookups.js';
import { type TopicTree, topicIdsWithDescendants } from '../src/schema/topic-tree.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('request-lookups');
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

  it('costs the same statements whatever the number of conditions: 2 for the hierarchy, 1 for the slugs', async () => {
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
    const none = await run({ openWeights: true });
    expect(await run(conditions(1))).toBe(none + 3);
    expect(await run(conditions(33))).toBe(none + 3);
    expect(await run({ topic: { slug: 'rlhf' } })).toBe(none + 1);
  });
});

describe('slugs looked up once, current and former', () => {
  it('names an organization by a slug it had before, in a filter, as the relation form does', async () => {
    const redirect = await server.prisma.slugRedirect.findFirst({
      where: { entityType: 'ORGANIZATION', organization: { models: { some: {} } } },
      include: { organization: true },
    });
    expect(redirect).not.toBeNull();
    const former = redirect?.fromSlug as string;
    const filter: ModelFilterShape = { developedBy: { slug: former } };
    const expected = await server.prisma.model.findMany({
      where: modelWhere(filter),
      select: { slug: true },
      orderBy: { slug: 'asc' },
    });
    expect(expected.length).toBeGreaterThan(0);
    const { body } = await server.graphql<{ models: Slugs }>(
      'query ($f: ModelFilter) { models(first: 100, filter: $f) { edges { node { slug } } } }',
      { f: filter },
    );
    expect(body.data?.models.edges.map((edge) => edge.node.slug)).toEqual(expected.map((row) => row.slug));
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['models by slugIn, written in the document', 'models', { slugIn: ['gpt-3', 'chatgpt', 'no-such-model'] }],
    [
      'models by developer and topic',
      'models',
      { developedBy: { slugIn: ['openai', 'baidu'] }, topic: { slug: 'rlhf' } },
    ],
    ['models by slug and slugIn together', 'models', { slug: 'gpt-3', slugIn: ['gpt-3', 'chatgpt'] }],
    ['articles about Baidu', 'articles', { coversModelOf: { slug: 'baidu' } }],
    [
      'articles about models or organizations',
      'articles',
      { or: [{ coversModel: { slug: 'chatgpt' } }, { coversOrganization: { slug: 'openai' } }] },
    ],
    ['organizations, not these', 'organizations', { not: { slugIn: ['openai', 'google'] } }],
  ])('%s: the same as the relation form', async (_, field, filter) => {
    const where = {
      models: () => server.prisma.model.count({ where: modelWhere(filter as ModelFilterShape) }),
      articles: () => server.prisma.article.count({ where: articleWhere(filter as ArticleFilterShape) }),
      organizations: () =>
        server.prisma.organization.count({ where: organizationWhere(filter as OrganizationFilterShape) }),
    }[field as 'models' | 'articles' | 'organizations'];
    const type = { models: 'ModelFilter', articles: 'ArticleFilter', organizations: 'OrganizationFilter' }[field];
    const expected = await where?.();
    const { body } = await server.graphql<Record<string, { totalCount: number }>>(
      `query ($f: ${type}) { ${field}(filter: $f) { totalCount } }`,
      { f: filter },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.[field]?.totalCount).toBe(expected);
  });

  it('reads slugs from the running operation only, from literals and from variables', () => {
    const document = parse(/* GraphQL */ `
      query A($s: String, $many: [String!], $f: ModelFilter) {
        models(filter: { slug: $s, developedBy: { slugIn: ["openai", $one] }, and: [$f] }) { totalCount }
        model(slug: "not-a-filter") { slug }
      }
      query B { models(filter: { slug: "other-operation" }) { totalCount } }
    `);
    expect(
      filterSlugs(document, { s: 'gpt-3', one: 'baidu', many: ['x'], f: { topic: { slugIn: ['rlhf'] } } }, 'A').sort(),
    ).toEqual(['baidu', 'gpt-3', 'openai', 'rlhf']);
    expect(filterSlugs(document, {}, 'B')).toEqual(['other-operation']);
    // The document is walked once; each request's variables are its own.
    expect(filterSlugs(document, { s: 'chatgpt', one: 'meta-ai' }, 'A').sort()).toEqual([
      'chatgpt',
      'meta-ai',
      'openai',
    ]);
    expect(filterSlugs(document, {}, 'A')).toEqual(['openai']);
    expect(filterSlugs(document, {}, 'B')).toEqual(['other-operation']);
  });

  it('does not take a variable called slug for a filter when it is an argument', () => {
    // `organization(slug: $slug)` reads its row by slug itself: looking the slug up first was a
    // statement more on every such request.
    const lookup = parse('query ($slug: String!) { organization(slug: $slug) { name } }');
    expect(filterSlugs(lookup, { slug: 'openai' })).toEqual([]);
    const filtered = parse('query ($slug: String!) { models(filter: { slug: $slug }) { totalCount } }');
    expect(filterSlugs(filtered, { slug: 'gpt-3' })).toEqual(['gpt-3']);
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
