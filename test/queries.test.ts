/**
 * No N+1: the number of SQL statements depends on the shape of the query, not on how many rows
 * come back. Every operation runs on the seeded graph and on the same graph made ~100× larger
 * by synthetic data; both must send exactly the same number of statements.
 *
 * Statements measured (small = seed, large = seed + addSyntheticData(…, 100): 909 vs 9 articles,
 * 473 vs 43 models):
 *
 *   operation                                        small  large  ceiling
 *   ArticlesAboutBaiduModels                             6      6        8
 *   ChatGPTLineage                                      12     12       14
 *   BigChineseModels                                     4      4        6
 *   AboutRLHF                                            7      7        9
 *   Search                                               3      3        5
 *   Disagreements                                        9      9       11
 *   OrganizationsOfAnArticle                             9      9       11
 *   Overview                                            25     25       27
 *   models(first: 100) with six nested lists            13     13       15
 *   articles(first: 100) with four nested lists         13     13       15
 *   … plus organizationsTouched.viaModels              (same on both sizes)
 *   organizations(first: 100) with four nested lists     7      7        9
 *   topics(first: 100) with counts                       7      7        9
 *   search("GPT", first: 100, types: [MODEL])            5      5        6
 *   a page of articles(first: 100, after:)                  2 each
 *
 * Overview's 25 are all aggregates (GROUP BY, window functions) over the whole graph; the
 * synthetic data adds no organizations, topics or countries, so a statement per organization
 * there would not show up in this comparison.
 */
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { type GraphQLResponse, startTestServer, type TestServer } from './helpers/server.js';
import { addSyntheticData, type SyntheticSummary } from './helpers/synthetic.js';

const FACTOR = 100;

let small: TestServer;
let large: TestServer;
let synthetic: SyntheticSummary;

beforeAll(async () => {
  [small, large] = await Promise.all([startTestServer('queries-small'), startTestServer('queries-large')]);
  synthetic = await addSyntheticData(large.prisma, FACTOR);
  large.queries.length = 0;
});
afterAll(async () => {
  await Promise.all([small?.close(), large?.close()]);
});

/** Transaction control and pragmas are not reads: only statements that fetch data count. */
const NOT_A_READ = /^\s*(BEGIN|COMMIT|ROLLBACK|PRAGMA|SAVEPOINT|RELEASE)\b/i;

type Measured<T> = { body: GraphQLResponse<T>['body']; statements: string[] };

/** Runs an operation and returns its body with the SQL statements it sent. */
async function measure<T = Record<string, unknown>>(
  server: TestServer,
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<Measured<T>> {
  server.queries.length = 0;
  const { status, body } = await server.graphql<T>(query, variables, operationName ? { operationName } : {});
  const statements = server.queries.filter((sql) => !NOT_A_READ.test(sql));
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  expect(body.data).toBeTruthy();
  return { body, statements };
}

/** Runs on both sizes; asserts no errors, the same statement count on both, under `ceiling`. */
async function onBothSizes<T = Record<string, unknown>>(
  query: string,
  ceiling: number,
  options: { variables?: Record<string, unknown>; operationName?: string } = {},
): Promise<{ small: T; large: T; statements: number }> {
  const onSmall = await measure<T>(small, query, options.variables, options.operationName);
  const onLarge = await measure<T>(large, query, options.variables, options.operationName);
  // On failure, the statements of both runs side by side show which one repeats.
  expect({ count: onLarge.statements.length, statements: onLarge.statements }).toEqual({
    count: onSmall.statements.length,
    statements: expect.any(Array),
  });
  expect(onLarge.statements.length).toBeLessThanOrEqual(ceiling);
  return { small: onSmall.body.data as T, large: onLarge.body.data as T, statements: onLarge.statements.length };
}

const OPERATION_NAMES = parse(EXAMPLE_OPERATIONS).definitions.flatMap((definition) =>
  definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
);

/** Measured statement count per example operation plus a small margin; see the table above. */
const CEILINGS: Record<string, number> = {
  ArticlesAboutBaiduModels: 8,
  ChatGPTLineage: 14,
  BigChineseModels: 6,
  AboutRLHF: 9,
  Search: 6,
  Disagreements: 11,
  OrganizationsOfAnArticle: 11,
  Overview: 27,
};

describe('the eight example operations send as many statements on 100× the data', () => {
  it('has a ceiling for each of the eight operations', () => {
    expect(OPERATION_NAMES).toHaveLength(8);
    expect(Object.keys(CEILINGS).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('ArticlesAboutBaiduModels', async () => {
    type Data = {
      articles: {
        totalCount: number;
        edges: { node: { url: string; models: { edges: { node: { slug: string } }[] } } }[];
      };
    };
    const result = await onBothSizes<Data>(EXAMPLE_OPERATIONS, CEILINGS.ArticlesAboutBaiduModels as number, {
      operationName: 'ArticlesAboutBaiduModels',
    });
    const syntheticAboutBaidu = await large.prisma.article.count({
      where: {
        url: { startsWith: 'https://example.com/synthetic/' },
        models: { some: { model: { developers: { some: { organization: { slug: 'baidu' } } } } } },
      },
    });
    expect(syntheticAboutBaidu).toBeGreaterThan(20);
    expect(result.large.articles.totalCount).toBe(result.small.articles.totalCount + syntheticAboutBaidu);
    // The default page is 20 articles; on the large graph it is full.
    expect(result.large.articles.edges).toHaveLength(20);
  });

  it('ChatGPTLineage', async () => {
    type Data = {
      chatgpt: { lineage: { model: { slug: string } }[] };
      gpt3: { descendants: { depth: number; model: { slug: string } }[] };
      lineagePath: unknown[];
    };
    const result = await onBothSizes<Data>(EXAMPLE_OPERATIONS, CEILINGS.ChatGPTLineage as number, {
      operationName: 'ChatGPTLineage',
    });
    // Synthetic models only derive from existing ones: ChatGPT's ancestors and path are unchanged.
    expect(result.large.chatgpt).toEqual(result.small.chatgpt);
    expect(result.large.lineagePath).toEqual(result.small.lineagePath);
    expect(result.small.chatgpt.lineage.map((step) => step.model.slug)).toContain('gpt-1');
    const syntheticChildren = await large.prisma.modelLineage.count({
      where: { parent: { slug: 'gpt-3' }, child: { slug: { startsWith: 'synthetic-' } } },
    });
    expect(syntheticChildren).toBeGreaterThan(0);
    expect(result.large.gpt3.descendants).toHaveLength(result.small.gpt3.descendants.length + syntheticChildren);
  });

  it('BigChineseModels', async () => {
    type Data = {
      models: { totalCount: number; edges: { node: { slug: string; parameterCount: { value: string } } }[] };
    };
    const result = await onBothSizes<Data>(EXAMPLE_OPERATIONS, CEILINGS.BigChineseModels as number, {
      operationName: 'BigChineseModels',
    });
    const syntheticBig = await large.prisma.model.count({
      where: {
        slug: { startsWith: 'synthetic-' },
        parameters: { gt: 100_000_000_000n },
        developers: { some: { organization: { country: 'CN' } } },
      },
    });
    expect(syntheticBig).toBeGreaterThan(20);
    expect(result.large.models.totalCount).toBe(result.small.models.totalCount + syntheticBig);
    const sizes = result.large.models.edges.map((edge) => BigInt(edge.node.parameterCount.value));
    expect(sizes).toEqual([...sizes].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('AboutRLHF', async () => {
    type Data = { topic: { models: { totalCount: number }; articles: { totalCount: number } } };
    const result = await onBothSizes<Data>(EXAMPLE_OPERATIONS, CEILINGS.AboutRLHF as number, {
      operationName: 'AboutRLHF',
    });
    const [syntheticModels, syntheticArticles] = await Promise.all([
      large.prisma.modelTopic.count({
        where: { topic: { slug: 'rlhf' }, model: { slug: { startsWith: 'synthetic-' } } },
      }),
      large.prisma.articleTopic.count({
        where: { topic: { slug: 'rlhf' }, article: { url: { startsWith: 'https://example.com/synthetic/' } } },
      }),
    ]);
    expect(syntheticArticles).toBeGreaterThan(50);
    expect(result.large.topic.models.totalCount).toBe(result.small.topic.models.totalCount + syntheticModels);
    expect(result.large.topic.articles.totalCount).toBe(result.small.topic.articles.totalCount + syntheticArticles);
  });

  it('Search', async () => {
    type Data = { search: { totalCount: number; edges: { node: { __typename: string } }[] } };
    const result = await onBothSizes<Data>(EXAMPLE_OPERATIONS, CEILINGS.Search as number, { operationName: 'Search' });
    // No synthetic row mentions 悟道: the answer is the same.
    expect(result.small.search.edges.length).toBeGreaterThan(0);
    expect(result.large).toEqual(result.small);
  });

  it('Disagreements', async () => {
    type Data = { modelsWithDisagreements: { totalCount: number; edges: unknown[] } };
    const result = await onBothSizes<Data>(EXAMPLE_OPERATIONS, CEILINGS.Disagreements as number, {
      operationName: 'Disagreements',
    });
    expect(synthetic.disagreements).toBeGreaterThan(50);
    expect(result.large.modelsWithDisagreements.totalCount).toBe(
      result.small.modelsWithDisagreements.totalCount + synthetic.disagreements,
    );
    expect(result.large.modelsWithDisagreements.edges).toHaveLength(50);
  });

  it('OrganizationsOfAnArticle', async () => {
    type Data = { article: { organizationsTouched: unknown[] } | null };
    const result = await onBothSizes<Data>(EXAMPLE_OPERATIONS, CEILINGS.OrganizationsOfAnArticle as number, {
      operationName: 'OrganizationsOfAnArticle',
    });
    expect(result.small.article?.organizationsTouched.length).toBeGreaterThan(0);
    expect(result.large).toEqual(result.small);
  });

  it('Overview', async () => {
    type Data = { articles: { totalCount: number; facets: { languages: { value: string; count: number }[] } } };
    const result = await onBothSizes<Data>(EXAMPLE_OPERATIONS, CEILINGS.Overview as number, {
      operationName: 'Overview',
    });
    expect(result.large.articles.totalCount).toBe(result.small.articles.totalCount + synthetic.articles);
    const languageTotal = result.large.articles.facets.languages.reduce((sum, facet) => sum + facet.count, 0);
    expect(languageTotal).toBe(result.large.articles.totalCount);
  });
});

describe('full pages of 100 with nested lists send as many statements on 100× the data', () => {
  it('models(first: 100) with developers, topics, aliases, lineage, claims and articles', async () => {
    type Data = {
      models: {
        totalCount: number;
        edges: { node: { slug: string; articles: { totalCount: number; edges: unknown[] } } }[];
      };
    };
    const result = await onBothSizes<Data>(
      /* GraphQL */ `
        {
          models(first: 100) {
            totalCount
            edges {
              node {
                slug
                developers { organization { slug } }
                topics { slug }
                aliases
                lineage(direction: UP) { depth model { slug } }
                claims { value source { slug } }
                articles(first: 5) { totalCount edges { node { title } } }
              }
            }
          }
        }
      `,
      15,
    );
    expect(result.large.models.totalCount).toBe(result.small.models.totalCount + synthetic.models);
    expect(result.large.models.edges).toHaveLength(100);
    expect(result.small.models.edges).toHaveLength(result.small.models.totalCount);
    // Each nested page is cut at 5 while its count covers all the model's articles.
    for (const edge of result.large.models.edges) {
      expect(edge.node.articles.edges.length).toBe(Math.min(5, edge.node.articles.totalCount));
    }
    expect(Math.max(...result.large.models.edges.map((edge) => edge.node.articles.totalCount))).toBeGreaterThan(5);
  });

  const ARTICLES_PAGE = /* GraphQL */ `
    {
      articles(first: 100) {
        totalCount
        edges {
          node {
            title
            models(first: 5) { edges { node { slug } } }
            organizations { organization { slug } }
            topics { topic { slug } }
            organizationsTouched { direct organization { slug } }
          }
        }
      }
    }
  `;

  it('articles(first: 100) with models, organizations, topics and organizationsTouched', async () => {
    type Data = {
      articles: {
        totalCount: number;
        edges: { node: { models: { edges: unknown[] }; topics: unknown[]; organizationsTouched: unknown[] } }[];
      };
    };
    const result = await onBothSizes<Data>(ARTICLES_PAGE, 15);
    expect(result.large.articles.totalCount).toBe(result.small.articles.totalCount + synthetic.articles);
    expect(result.large.articles.edges).toHaveLength(100);
    // Synthetic articles (after the seeded ones) each cover 1 to 3 models and 1 to 2 topics.
    const syntheticEdges = result.large.articles.edges.slice(result.small.articles.totalCount);
    expect(syntheticEdges.length).toBeGreaterThan(0);
    for (const edge of syntheticEdges) {
      expect(edge.node.models.edges.length).toBeGreaterThanOrEqual(1);
      expect(edge.node.topics.length).toBeGreaterThanOrEqual(1);
      expect(edge.node.organizationsTouched.length).toBeGreaterThanOrEqual(1);
    }
  });

  const VIA_MODELS_PAGE = /* GraphQL */ `
    {
      articles(first: 100) {
        edges { node { url models(first: 5) { edges { node { slug } } } organizationsTouched { organization { slug } viaModels { slug } } } }
      }
    }
  `;

  it('articles(first: 100) with organizationsTouched.viaModels answers right', async () => {
    type Data = {
      articles: {
        edges: {
          node: {
            url: string;
            models: { edges: { node: { slug: string } }[] };
            organizationsTouched: { organization: { slug: string }; viaModels: { slug: string }[] }[];
          };
        }[];
      };
    };
    const { body } = await measure<Data>(large, VIA_MODELS_PAGE);
    const edges = (body.data as Data).articles.edges;
    expect(edges).toHaveLength(100);
    const developers = await large.prisma.modelDeveloper.findMany({
      select: { model: { select: { slug: true } }, organization: { select: { slug: true } } },
    });
    const developed = new Set(developers.map((row) => `${row.organization.slug}/${row.model.slug}`));
    let checked = 0;
    for (const edge of edges) {
      const covered = new Set(edge.node.models.edges.map((model) => model.node.slug));
      for (const touched of edge.node.organizationsTouched) {
        for (const model of touched.viaModels) {
          expect(covered.has(model.slug) && developed.has(`${touched.organization.slug}/${model.slug}`)).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  // viaModels is batched by the per-request model loader: one statement for the whole page.
  it('articles(first: 100) with organizationsTouched.viaModels', async () => {
    await onBothSizes(VIA_MODELS_PAGE, 15);
  });

  it('organizations(first: 100) with models, articles, children and parent', async () => {
    type Data = {
      organizations: {
        edges: {
          node: { slug: string; models: { totalCount: number; edges: unknown[] }; articles: { totalCount: number } };
        }[];
      };
    };
    const result = await onBothSizes<Data>(
      /* GraphQL */ `
        {
          organizations(first: 100) {
            edges {
              node {
                slug
                models(first: 5) { totalCount edges { role node { slug } } }
                articles(first: 5) { totalCount }
                children { slug }
                parent { slug }
              }
            }
          }
        }
      `,
      9,
    );
    const baidu = (data: Data) => data.organizations.edges.find((edge) => edge.node.slug === 'baidu')?.node;
    const syntheticBaiduModels = await large.prisma.modelDeveloper.count({
      where: { organization: { slug: 'baidu' }, model: { slug: { startsWith: 'synthetic-' } } },
    });
    expect(syntheticBaiduModels).toBeGreaterThan(0);
    expect(baidu(result.large)?.models.totalCount).toBe(
      (baidu(result.small)?.models.totalCount ?? Number.NaN) + syntheticBaiduModels,
    );
    expect(baidu(result.large)?.models.edges).toHaveLength(5);
  });

  it('topics(first: 100) with model and article counts', async () => {
    type Data = {
      topics: { edges: { node: { slug: string; models: { totalCount: number }; articles: { totalCount: number } } }[] };
    };
    const result = await onBothSizes<Data>(
      /* GraphQL */ `
        {
          topics(first: 100) {
            edges { node { slug name parent { slug } children { slug } models(first: 5) { totalCount } articles(first: 5) { totalCount } } }
          }
        }
      `,
      9,
    );
    const articleTotal = (data: Data) =>
      data.topics.edges.reduce((sum, edge) => sum + edge.node.articles.totalCount, 0);
    const modelTotal = (data: Data) => data.topics.edges.reduce((sum, edge) => sum + edge.node.models.totalCount, 0);
    expect(articleTotal(result.large)).toBe(articleTotal(result.small) + synthetic.articleTopics);
    expect(modelTotal(result.large)).toBe(modelTotal(result.small) + synthetic.modelTopics);
  });

  it('search("GPT", first: 100, types: [MODEL]) with developers', async () => {
    type Data = {
      search: { totalCount: number; edges: { node: { __typename: string; slug: string; developers: unknown[] } }[] };
    };
    const result = await onBothSizes<Data>(
      /* GraphQL */ `
        {
          search(query: "GPT", first: 100, types: [MODEL]) {
            totalCount
            edges { node { __typename ... on Model { slug developers { organization { slug } } } } }
          }
        }
      `,
      7,
    );
    expect(result.large.search.edges).toHaveLength(100);
    expect(result.large.search.totalCount).toBeGreaterThan(100);
    expect(result.small.search.edges.length).toBeLessThan(100);
    expect(result.small.search.totalCount).toBe(result.small.search.edges.length);
    expect(result.large.search.edges.some((hit) => hit.node.slug.startsWith('synthetic-gpt-'))).toBe(true);
    for (const hit of result.large.search.edges) {
      expect(hit.node.__typename).toBe('Model');
      expect(hit.node.developers.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('search("GPT", first: 100) over every kind: one statement per kind found, not per result', async () => {
    // Search loads each kind of object it found in one statement, so the count follows the kinds
    // in the answer (at most four), not the number of results: the seed's answer has more kinds.
    const query = /* GraphQL */ `
      {
        search(query: "GPT", first: 100) {
          edges {
            node {
              __typename
              ... on Model { slug developers { organization { slug } } }
              ... on Article { title }
            }
          }
        }
      }
    `;
    type Data = { search: { edges: { node: { __typename: string } }[] } };
    const onSmall = await measure<Data>(small, query);
    const onLarge = await measure<Data>(large, query);
    const kinds = (data: Data) => new Set(data.search.edges.map((hit) => hit.node.__typename)).size;
    expect((onLarge.body.data as Data).search.edges).toHaveLength(100);
    // The search itself, one per kind, plus developers and their organizations.
    expect(onSmall.statements.length).toBeLessThanOrEqual(1 + kinds(onSmall.body.data as Data) + 3);
    expect(onLarge.statements.length).toBeLessThanOrEqual(1 + kinds(onLarge.body.data as Data) + 3);
    expect(onLarge.statements.length).toBeLessThanOrEqual(onSmall.statements.length);
  });
});

describe('paging through the large graph', () => {
  type Page = {
    articles: {
      totalCount: number;
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
      edges: { cursor: string; node: { url: string } }[];
    };
  };
  const PAGE = /* GraphQL */ `
    query Page($first: Int, $after: String, $last: Int, $before: String) {
      articles(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { url } }
      }
    }
  `;

  it('walks every article once with first: 100 and after, each page costing the same', async () => {
    const urls: string[] = [];
    const statementsPerPage = new Set<number>();
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 50; page++) {
      const measured: Measured<Page> = await measure<Page>(large, PAGE, { first: 100, after });
      const articles: Page['articles'] = (measured.body.data as Page).articles;
      const statements = measured.statements;
      totalCount = articles.totalCount;
      statementsPerPage.add(statements.length);
      urls.push(...articles.edges.map((edge) => edge.node.url));
      expect(articles.pageInfo.hasPreviousPage).toBe(page > 0);
      if (!articles.pageInfo.hasNextPage) break;
      expect(articles.edges).toHaveLength(100);
      after = articles.pageInfo.endCursor;
    }
    expect(totalCount).toBe((await small.prisma.article.count()) + synthetic.articles);
    expect(urls).toHaveLength(totalCount);
    expect(new Set(urls).size).toBe(urls.length);
    expect(await large.prisma.article.count()).toBe(totalCount);
    expect([...statementsPerPage]).toEqual([2]);
  });

  it('goes back with last: 10 and before', async () => {
    const forward = await measure<Page>(large, PAGE, { first: 60 });
    const edges = (forward.body.data as Page).articles.edges;
    const before = edges[50]?.cursor;
    expect(before).toBeTypeOf('string');
    const back = await measure<Page>(large, PAGE, { last: 10, before });
    const page = (back.body.data as Page).articles;
    expect(page.edges.map((edge) => edge.node.url)).toEqual(edges.slice(40, 50).map((edge) => edge.node.url));
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });
});
