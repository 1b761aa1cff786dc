/**
 * What keeps one request from taking the server down, and the argument checks found in review:
 * each limit refuses the request with a clear error before the expensive work.
 */
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { LineageGraph } from '../src/schema/lineage.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('limits');
});
afterAll(async () => {
  await server?.close();
});

const OPERATION_NAMES = parse(EXAMPLE_OPERATIONS).definitions.flatMap((definition) =>
  definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
);

const noStack = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(/ {4}at |node_modules/);

describe('query cost', () => {
  it('refuses lineage nested ten deep (it once exhausted the heap) before resolving anything', async () => {
    let selection = '{ slug }';
    for (let level = 0; level < 10; level += 1)
      selection = `{ slug lineage(direction: BOTH, maxDepth: 20) { model ${selection} } }`;
    server.queries.length = 0;
    const { status, body } = await server.graphql(`{ model(slug: "opt-175b") ${selection} }`);
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Query too deep: depth 22, at most 12. Ask for smaller pages or fewer nested lists.',
            locations: [{ line: 1, column: 3 }],
            path: ['model'],
            extensions: { code: 'QUERY_TOO_COMPLEX' },
          },
        ],
        data: { model: null },
      },
    });
    expect(server.queries).toEqual([]);
  });

  it('refuses pages of pages of pages (100 × 100 × 100 items) with 400 and a code', async () => {
    const { status, body } = await server.graphql(/* GraphQL */ `
      {
        models(first: 100) {
          edges { node { articles(first: 100) { edges { node { models(first: 100) { edges { node { slug } } } } } } } }
        }
      }
    `);
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message:
              'Query too complex: complexity 3030301, at most 60000. Ask for smaller pages or fewer nested lists.',
            locations: [{ line: 3, column: 9 }],
            path: ['models'],
            extensions: { code: 'QUERY_TOO_COMPLEX' },
          },
        ],
        data: null,
      },
    });
  });

  it('refuses a document with hundreds of aliases with 400', async () => {
    const aliases = Array.from({ length: 200 }, (_, index) => `a${index}: models(first: 1) { totalCount }`).join('\n');
    const { status, body } = await server.graphql(`{ ${aliases} }`);
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          { message: 'Aliases limit of 15 exceeded, found 200.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ],
      },
    });
  });

  it('refuses a document of too many tokens with 400', async () => {
    const fields = Array.from({ length: 4000 }, () => '__typename').join(' ');
    const { status, body } = await server.graphql(`{ ${fields} }`);
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          { message: 'Syntax Error: Token limit of 3000 exceeded.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
        ],
      },
    });
  });

  it('still answers the ten GraphiQL examples', async () => {
    expect(OPERATION_NAMES).toHaveLength(10);
    for (const operationName of OPERATION_NAMES) {
      const { status, body } = await server.graphql(EXAMPLE_OPERATIONS, undefined, { operationName });
      expect({ operationName, status, errors: body.errors }).toEqual({ operationName, status: 200, errors: undefined });
    }
  });

  it('still answers a full page with nested lists', async () => {
    const { status, body } = await server.graphql<{ models: { edges: unknown[] } }>(/* GraphQL */ `
      { models(first: 100) { edges { node { slug developers { organization { slug } } lineage { depth model { slug } } articles(first: 5) { totalCount } } } } }
    `);
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    // Every model of the seeded graph: fewer than a page.
    expect(body.data?.models.edges).toHaveLength(await server.prisma.model.count());
  });
});

describe('arguments found in review', () => {
  it('refuses a search text over 200 characters, naming "query"', async () => {
    const { body } = await server.graphql('query ($q: String!) { search(query: $q) { totalCount } }', {
      q: 'a'.repeat(5000),
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query' });
  });

  it('refuses a BigInt beyond 64 bits with 400 instead of an internal error', async () => {
    const { status, body } = await server.graphql(
      '{ models(filter: { parameters: { gt: "99999999999999999999999" } }) { totalCount } }',
    );
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message:
              'BigInt must be an integer, written as a string of digits such as "175000000000" (got "99999999999999999999999")',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    });
  });

  it('refuses a slugIn list over 400 values, naming it', async () => {
    const slugs = Array.from({ length: 401 }, (_, index) => `m${index}`);
    const { body } = await server.graphql('query ($s: [String!]) { models(filter: { slugIn: $s }) { totalCount } }', {
      s: slugs,
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.slugIn' });
  });

  it('applies slug and slugIn together, as every given condition must hold', async () => {
    const { body } = await server.graphql<{
      both: { totalCount: number };
      none: { totalCount: number };
    }>(/* GraphQL */ `
      {
        both: models(filter: { slug: "gpt-3", slugIn: ["gpt-3", "gpt-2"] }) { totalCount }
        none: models(filter: { slug: "gpt-1", slugIn: ["gpt-3", "gpt-2"] }) { totalCount }
      }
    `);
    expect(body.data).toEqual({ both: { totalCount: 1 }, none: { totalCount: 0 } });
  });

  it('lets coversModel and coversModelOf be met by different models of one article', async () => {
    const { body } = await server.graphql<{ articles: { edges: { node: { url: string } }[] } }>(/* GraphQL */ `
      { articles(filter: { coversModel: { slug: "chatgpt" }, coversModelOf: { slug: "baidu" } }) { edges { node { url } } } }
    `);
    // The Zhihu answer covers ChatGPT (OpenAI) and the ERNIE models (Baidu).
    expect(body).toEqual({
      data: { articles: { edges: [{ node: { url: 'https://www.zhihu.com/question/572106826/answer/2808336053' } }] } },
    });
  });

  it('lists main developers before co-developers', async () => {
    const { body } = await server.graphql(
      '{ model(slug: "ernie-3-0-titan") { developers { role organization { slug } } } }',
    );
    expect(body).toEqual({
      data: {
        model: {
          developers: [
            { role: 'DEVELOPER', organization: { slug: 'baidu' } },
            { role: 'CO_DEVELOPER', organization: { slug: 'peng-cheng-lab' } },
          ],
        },
      },
    });
  });

  it('ranks a name before a description for a one- or two-character query', async () => {
    const { body } = await server.graphql('{ search(query: "GP", first: 1) { edges { matchedField } } }');
    expect(body).toEqual({ data: { search: { edges: [{ matchedField: 'NAME' }] } } });
  });
});

describe('arguments found in the second review', () => {
  type Edges = {
    edges: { cursor: string; node: { __typename: string; slug?: string; url?: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  const key = (edge: Edges['edges'][number]) => `${edge.node.__typename}:${edge.node.slug ?? edge.node.url}`;
  const SEARCH = /* GraphQL */ `
    query ($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
      search(query: $q, first: $first, after: $after, last: $last, before: $before) {
        pageInfo { hasNextPage endCursor }
        edges { cursor node { __typename ... on Model { slug } ... on Organization { slug } ... on Topic { slug } ... on Article { url } } }
      }
    }
  `;

  it.each([['a'], ['GP'], ['model']])('pages search results for %j by 3 exactly as one page of 100', async (q) => {
    const all = await server.graphql<{ search: Edges }>(SEARCH, { q, first: 100 });
    const expected = all.body.data?.search.edges.map(key) ?? [];
    expect(expected.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let guard = 0; guard < 60; guard += 1) {
      const page = await server.graphql<{ search: Edges }>(SEARCH, { q, first: 3, after });
      seen.push(...(page.body.data?.search.edges.map(key) ?? []));
      if (!page.body.data?.search.pageInfo.hasNextPage || seen.length >= expected.length) break;
      after = page.body.data.search.pageInfo.endCursor;
    }
    expect(seen.slice(0, expected.length)).toEqual(expected);
  });

  it('takes `last` without `before` on search, as on every other list', async () => {
    const all = await server.graphql<{ search: Edges }>(SEARCH, { q: 'GP', first: 100 });
    const last = await server.graphql<{ search: Edges }>(SEARCH, { q: 'GP', last: 2 });
    expect(last.body.errors).toBeUndefined();
    expect(last.body.data?.search.edges.map(key)).toEqual(all.body.data?.search.edges.slice(-2).map(key));
  });

  it('refuses more than 100 ids in nodes, naming "ids"', async () => {
    const ids = Array.from({ length: 101 }, (_, index) => Buffer.from(`Model:${index + 1}`).toString('base64'));
    const { body } = await server.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
  });

  it('refuses a filter of thousands of conditions, or nested too deep, naming "filter"', async () => {
    const wide = { or: Array.from({ length: 5000 }, (_, index) => ({ slug: `m${index}` })) };
    let deep: Record<string, unknown> = { slug: 'gpt-3' };
    for (let level = 0; level < 30; level += 1) deep = { not: deep };
    for (const filter of [wide, deep]) {
      const { body } = await server.graphql('query ($f: ModelFilter) { models(filter: $f) { totalCount } }', {
        f: filter,
      });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter' });
    }
  });

  it('refuses a cursor of another list, or no cursor at all, naming "after"', async () => {
    const own = await server.graphql<{ organization: { models: { edges: { cursor: string }[] } } }>(
      '{ organization(slug: "openai") { models(first: 1) { edges { cursor } } } }',
    );
    expect(own.body.data?.organization.models.edges).toHaveLength(1);
    const foreign = own.body.data?.organization.models.edges[0]?.cursor;
    for (const query of [
      `{ models(after: "${foreign}") { edges { cursor } } }`,
      '{ models(after: "garbage") { edges { cursor } } }',
      '{ search(query: "gpt", after: "garbage") { edges { cursor } } }',
      '{ modelsWithDisagreements(after: "garbage") { edges { cursor } } }',
    ]) {
      const { body } = await server.graphql(query);
      expect(body.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      noStack(body);
    }
  });

  it('reports a bad page size of a nested list on that list, not on its parent', async () => {
    const { body } = await server.graphql<{ organization: { slug: string } | null }>(
      '{ organization(slug: "openai") { slug models(first: -3) { totalCount } } }',
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(body.errors?.[0]?.path).toEqual(['organization', 'models']);
  });
});

describe('lists computed in memory', () => {
  it('pages models whose sources disagree when there are thousands of them', async () => {
    const FIXTURE = { timeout: 60_000 };
    // More disagreeing models than SQLite takes parameters in one statement (an `id IN (...)`
    // of all of them failed once, on the Epoch graph grown a hundred times).
    const count = 5000;
    const DISAGREEING =
      '{ modelsWithDisagreements(property: PARAMETERS, first: 3) { totalCount edges { node { slug } } } }';
    // On the seed, the sizes of ERNIE 1.0, 2.0 and 3.0 are disputed: the note's counts against
    // those Baidu publishes.
    const seeded = ['ernie-1-0', 'ernie-2-0', 'ernie-3-0'];
    expect((await server.graphql(DISAGREEING)).body).toEqual({
      data: {
        modelsWithDisagreements: { totalCount: seeded.length, edges: seeded.map((slug) => ({ node: { slug } })) },
      },
    });
    const sources = await server.prisma.source.findMany({
      where: { slug: { in: ['user-note', 'llm-atlas-curated'] } },
    });
    const [first, second] = sources.map((source) => source.id);
    const before = await server.prisma.model.count();
    await server.prisma.$transaction(async (tx) => {
      for (let start = 0; start < count; start += 5000) {
        const batch = Array.from({ length: Math.min(5000, count - start) }, (_, index) => start + index);
        await tx.model.createMany({
          data: batch.map((index) => ({
            slug: `disputed-${String(index).padStart(5, '0')}`,
            name: `Disputed ${index}`,
          })),
        });
      }
      // Setting up 15,000 rows may take longer than Prisma's 5 s default on a busy machine.
    }, FIXTURE);
    const models = await server.prisma.model.findMany({
      where: { slug: { startsWith: 'disputed-' } },
      select: { id: true },
    });
    expect(models).toHaveLength(count);
    await server.prisma.$transaction(async (tx) => {
      for (let start = 0; start < models.length; start += 2500) {
        const batch = models.slice(start, start + 2500);
        await tx.claim.createMany({
          data: batch.flatMap(({ id }) => [
            { modelId: id, property: 'PARAMETERS' as const, value: '1000', sourceId: first as number },
            { modelId: id, property: 'PARAMETERS' as const, value: '2000', sourceId: second as number },
          ]),
        });
      }
    }, FIXTURE);
    expect((await server.graphql(DISAGREEING)).body).toEqual({
      data: {
        modelsWithDisagreements: {
          totalCount: count + seeded.length,
          edges: [
            { node: { slug: 'disputed-00000' } },
            { node: { slug: 'disputed-00001' } },
            { node: { slug: 'disputed-00002' } },
          ],
        },
      },
    });
    expect(await server.prisma.model.count()).toBe(before + count);
  });
});

describe('LineageGraph', () => {
  it('walks a chain of diamonds (2^30 paths) reaching each model once, by its shortest path', () => {
    // 0 → (1 | 2) → 3 → (4 | 5) → 6 ...: every diamond doubles the number of paths.
    const edges: { id: number; childId: number; parentId: number; kind: 'BASED_ON' }[] = [];
    for (let diamond = 0; diamond < 30; diamond += 1) {
      const top = diamond * 3;
      for (const [child, parent] of [
        [top + 1, top],
        [top + 2, top],
        [top + 3, top + 1],
        [top + 3, top + 2],
      ]) {
        edges.push({ id: edges.length + 1, childId: child as number, parentId: parent as number, kind: 'BASED_ON' });
      }
    }
    // Enumerating paths would never finish (2^30 of them); a breadth-first walk visits 91 models.
    const graph = new LineageGraph(edges);
    const hits = graph.walk(0, { direction: 'DOWN', maxDepth: 60 });
    expect(hits).toHaveLength(90);
    expect(new Set(hits.map((hit) => hit.modelId)).size).toBe(90);
    const last = hits.find((hit) => hit.modelId === 90);
    expect(last?.depth).toBe(60);
    expect(last?.pathIds).toHaveLength(61);
    expect(graph.path(90, 0, { maxDepth: 60 })?.edgeIds).toHaveLength(60);
    expect(graph.path(90, 0, { maxDepth: 59 })).toBeNull();
  });
});
