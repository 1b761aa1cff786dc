/**
 * The eight questions of the graph API, each answered in one request on the seeded graph (the
 * user's note and the curated data), checked against what the sources say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('questions');
});
afterAll(async () => {
  await server?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: GraphQL results are checked field by field below.
type Data = any;

async function run(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const { status, body } = await server.graphql<Data>(query, variables);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return body.data;
}

async function example(operationName: string): Promise<Data> {
  const { status, body } = await server.graphql<Data>(EXAMPLE_OPERATIONS, undefined, { operationName });
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return body.data;
}

describe("1. articles covering Baidu's models", () => {
  it('as a root filter: each article once, with the Baidu models it covers', async () => {
    const data = await example('ArticlesAboutBaiduModels');
    const articles = data.articles.edges.map((edge: Data) => edge.node);
    expect(articles.map((article: Data) => article.url)).toContain(
      'https://www.zhihu.com/question/572106826/answer/2808336053',
    );
    expect(new Set(articles.map((article: Data) => article.url)).size).toBe(articles.length);
    expect(data.articles.totalCount).toBe(articles.length);
    for (const article of articles) {
      const baiduModels = article.models.edges.filter((edge: Data) =>
        edge.node.developers.some((developer: Data) => developer.organization.slug === 'baidu'),
      );
      expect(baiduModels.length).toBeGreaterThan(0);
    }
  });

  it('as a filtered connection on the organization, with totalCount', async () => {
    const data = await run(/* GraphQL */ `
      {
        organization(slug: "baidu") {
          models(first: 50) { totalCount edges { role node { slug articles(first: 50) { totalCount edges { relevance node { url } } } } } }
        }
      }
    `);
    const models = data.organization.models.edges.map((edge: Data) => edge.node);
    expect(data.organization.models.totalCount).toBe(models.length);
    expect(models.map((model: Data) => model.slug)).toEqual(
      expect.arrayContaining(['ernie-3-0', 'ernie-3-0-titan', 'ernie-bot']),
    );
    const covered = models.filter((model: Data) => model.articles.totalCount > 0).map((model: Data) => model.slug);
    expect(covered).toContain('ernie-3-0-titan');
    // The same articles as the root filter.
    const viaModels = new Set(models.flatMap((model: Data) => model.articles.edges.map((edge: Data) => edge.node.url)));
    const root = await example('ArticlesAboutBaiduModels');
    expect([...viaModels].sort()).toEqual(root.articles.edges.map((edge: Data) => edge.node.url).sort());
  });
});

describe('2. lineage', () => {
  it("walks ChatGPT's lineage back to GPT-1 with kinds, depths and paths", async () => {
    const data = await example('ChatGPTLineage');
    const steps = data.chatgpt.lineage;
    const bySlug = new Map(steps.map((step: Data) => [step.model.slug, step]));
    for (const slug of ['gpt-3-5', 'instructgpt', 'gpt-3', 'gpt-2', 'gpt-1']) expect(bySlug.has(slug)).toBe(true);
    const gpt1 = bySlug.get('gpt-1') as Data;
    expect(gpt1.path[0].slug).toBe('chatgpt');
    expect(gpt1.path.at(-1).slug).toBe('gpt-1');
    expect(gpt1.path.length).toBe(gpt1.depth + 1);
    expect(gpt1.kind).toBe('SCALE_UP_OF');
    expect((bySlug.get('gpt-3-5') as Data).kind).toBe('FINE_TUNED_FROM');
    // Depths never decrease: nearest first.
    const depths = steps.map((step: Data) => step.depth);
    expect(depths).toEqual([...depths].sort((a: number, b: number) => a - b));
  });

  it('lists the descendants of GPT-3, and the path between ChatGPT and GPT-1', async () => {
    const data = await example('ChatGPTLineage');
    const descendants = data.gpt3.descendants.map((step: Data) => step.model.slug);
    expect(descendants).toEqual(expect.arrayContaining(['instructgpt', 'gpt-3-5', 'chatgpt']));
    expect(descendants).not.toContain('gpt-1');
    const path = data.lineagePath;
    expect(path[0].child.slug).toBe('chatgpt');
    expect(path.at(-1).parent.slug).toBe('gpt-1');
    for (let index = 1; index < path.length; index += 1)
      expect(path[index].child.slug).toBe(path[index - 1].parent.slug);
  });

  it('limits by depth and kind, and walks both ways', async () => {
    const data = await run(/* GraphQL */ `
      {
        model(slug: "gpt-3") {
          up1: lineage(direction: UP, maxDepth: 1) { model { slug } }
          finetunes: lineage(direction: DOWN, kinds: [FINE_TUNED_FROM]) { kind model { slug } }
          both: lineage(direction: BOTH) { direction model { slug } }
        }
        none: lineagePath(from: "gpt-1", to: "bert") { kind }
      }
    `);
    expect(data.model.up1.map((step: Data) => step.model.slug)).toEqual(['gpt-2']);
    expect(data.model.finetunes.every((step: Data) => step.kind === 'FINE_TUNED_FROM')).toBe(true);
    expect(data.model.finetunes.map((step: Data) => step.model.slug)).toContain('instructgpt');
    const directions = new Set(data.model.both.map((step: Data) => step.direction));
    expect(directions).toEqual(new Set(['UP', 'DOWN']));
    expect(data.none).toBeNull();
  });
});

describe('3. large Chinese models', () => {
  it('filters over 100B parameters by country, largest first, exact and displayed', async () => {
    const data = await example('BigChineseModels');
    const models = data.models.edges.map((edge: Data) => edge.node);
    expect(models.map((model: Data) => model.slug).slice(0, 2)).toEqual(['wudao-2-0', 'ernie-3-0-titan']);
    expect(models.map((model: Data) => model.slug)).toContain('glm-130b');
    const sizes = models.map((model: Data) => BigInt(model.parameterCount.value));
    expect(sizes.every((size: bigint) => size > 100_000_000_000n)).toBe(true);
    expect(sizes).toEqual([...sizes].sort((a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(models[0].parameterCount).toEqual({ value: '1750000000000', display: '1.75T', displayZh: '1.75万亿' });
    expect(data.models.totalCount).toBe(models.length);
  });
});

describe('4. everything about RLHF', () => {
  it('gives its models, articles, parent and children', async () => {
    const data = await example('AboutRLHF');
    const topic = data.topic;
    expect(topic.parent).not.toBeNull();
    expect(topic.models.edges.map((edge: Data) => edge.node.slug)).toEqual(
      expect.arrayContaining(['chatgpt', 'instructgpt']),
    );
    expect(topic.models.totalCount).toBe(topic.models.edges.length);
    expect(topic.articles.totalCount).toBeGreaterThan(0);
    expect(Array.isArray(topic.children)).toBe(true);
  });

  it('finds a topic by its English or Chinese name in any case', async () => {
    const data = await run(/* GraphQL */ `
      { bySlug: topic(name: "RLHF") { slug } byChinese: topic(name: "指令微调") { slug } byName: topic(name: "chinese llms") { slug } none: topic(name: "cooking") { slug } }
    `);
    expect(data).toEqual({
      bySlug: { slug: 'rlhf' },
      byChinese: { slug: 'instruction-tuning' },
      byName: { slug: 'chinese-llms' },
      none: null,
    });
  });
});

describe('5. search', () => {
  const search = async (query: string, types?: string[]) =>
    (
      await run(
        /* GraphQL */ `
          query ($query: String!, $types: [SearchType!]) {
            search(query: $query, types: $types) {
              totalCount
              edges {
                score matchedField matchedText
                node { __typename ... on Model { slug } ... on Organization { slug } ... on Topic { slug } ... on Article { url title } }
              }
            }
          }
        `,
        { query, types },
      )
    ).search.edges as Data[];

  it.each([
    ['百度', 'Organization', 'baidu'],
    ['悟道', 'Model', 'wudao-2-0'],
    ['wudao', 'Model', 'wudao-2-0'],
    ['InstructGPT', 'Model', 'instructgpt'],
    ['instructgpt', 'Model', 'instructgpt'],
    ['flan', 'Model', 'flan-palm'],
    ['RLHF', 'Topic', 'rlhf'],
  ])('finds %s', async (query, typename, slug) => {
    const results = await search(query);
    expect(results.some((result) => result.node.__typename === typename && result.node.slug === slug)).toBe(true);
  });

  it('finds an article by a short Chinese phrase of its title and says which field matched', async () => {
    const results = await search('模型原理');
    const article = results.find((result) => result.node.__typename === 'Article');
    expect(article?.node.title).toBe('一文读懂ChatGPT模型原理');
    expect(article?.matchedField).toBe('TITLE');
  });

  it('ranks an exact name first and restricts by type', async () => {
    const results = await search('GPT-3');
    expect(results[0].node.slug).toBe('gpt-3');
    expect(results[0].matchedField).toBe('NAME');
    const scores = results.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const topics = await search('GPT', ['TOPIC']);
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.every((result) => result.node.__typename === 'Topic')).toBe(true);
  });

  it('pages through results with cursors, and counts them all', async () => {
    const page = async (after?: string) =>
      (
        await run(
          /* GraphQL */ `
            query ($after: String) {
              search(query: "GPT", first: 3, after: $after) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges { node { __typename ... on Model { slug } ... on Article { url } ... on Topic { slug } ... on Organization { slug } } }
              }
            }
          `,
          { after },
        )
      ).search;
    const seen: string[] = [];
    let current = await page();
    const total = current.totalCount;
    for (let guard = 0; guard < 50; guard += 1) {
      for (const edge of current.edges) seen.push(`${edge.node.__typename}:${edge.node.slug ?? edge.node.url}`);
      if (!current.pageInfo.hasNextPage) break;
      current = await page(current.pageInfo.endCursor);
    }
    expect(total).toBeGreaterThan(3);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});

describe('6. where sources disagree', () => {
  it("keeps both claims on ERNIE 3.0's size, each with its source", async () => {
    const data = await example('Disagreements');
    const claims = data.model.claims;
    const bySource = new Map(claims.map((claim: Data) => [claim.source.slug, claim.value]));
    expect(bySource.get('user-note')).toBe('260000000000');
    expect([...bySource.values()]).toContain('10000000000');
    expect(data.model.disagreements).toEqual([
      { property: 'PARAMETERS', values: expect.arrayContaining(['260000000000', '10000000000']) },
    ]);
    const slugs = data.modelsWithDisagreements.edges.map((edge: Data) => edge.node.slug);
    expect(slugs).toContain('ernie-3-0');
    expect(data.modelsWithDisagreements.totalCount).toBe(slugs.length);
    for (const edge of data.modelsWithDisagreements.edges) expect(edge.node.disagreements.length).toBeGreaterThan(0);
  });
});

describe('7. organizations an article touches', () => {
  it('lists direct coverage and developers of covered models, each once', async () => {
    const data = await example('OrganizationsOfAnArticle');
    const touched = data.article.organizationsTouched;
    const slugs = touched.map((item: Data) => item.organization.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const baidu = touched.find((item: Data) => item.organization.slug === 'baidu');
    expect(baidu.viaModels.map((model: Data) => model.slug)).toEqual(expect.arrayContaining(['ernie-3-0-titan']));
    // Peng Cheng Lab co-developed ERNIE 3.0 Titan: reached through the model only.
    const pcl = touched.find((item: Data) => item.organization.slug === 'peng-cheng-lab');
    expect(pcl).toMatchObject({ direct: false });
  });
});

describe('8. overview and facets', () => {
  it('counts per organization, topic and country, with largest models', async () => {
    const data = await example('Overview');
    const baidu = data.overview.organizations.find((item: Data) => item.organization.slug === 'baidu');
    expect(baidu.largestModel.slug).toBe('ernie-3-0-titan');
    expect(baidu.modelCount).toBeGreaterThanOrEqual(5);
    const cn = data.overview.countries.find((item: Data) => item.country === 'CN');
    expect(cn.modelCount).toBeGreaterThan(0);
    const rlhf = data.overview.topics.find((item: Data) => item.topic.slug === 'rlhf');
    expect(rlhf.modelCount).toBeGreaterThan(0);
  });

  it('computes facets under the same filter as the list', async () => {
    const data = await example('Overview');
    const total = data.articles.totalCount;
    const byLanguage = data.articles.facets.languages.reduce((sum: number, facet: Data) => sum + facet.count, 0);
    expect(byLanguage).toBe(total);
    const filtered = await run(/* GraphQL */ `
      {
        articles(filter: { language: "zh-Hant" }) { totalCount facets { languages { value count } } }
        models(filter: { developedBy: { country: "CN" } }) { totalCount facets { organizations { organization { slug } count } } }
      }
    `);
    expect(filtered.articles.facets.languages).toEqual([{ value: 'zh-Hant', count: filtered.articles.totalCount }]);
    for (const facet of filtered.models.facets.organizations) {
      expect(facet.count).toBeLessThanOrEqual(filtered.models.totalCount);
    }
  });
});
