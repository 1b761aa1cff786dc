/**
 * Bad input over real HTTP, as the GraphQL-over-HTTP spec wants it answered with
 * `accept: application/graphql-response+json`: a document that does not parse, validate or
 * coerce its variables is a 400 without `data`; an argument rejected while executing is a 200
 * with both `errors` and `data`. Every message names the argument; no answer carries a stack.
 *
 * These messages reach the client only when the source files and Yoga share one copy of
 * graphql (the alias in test/vitest.config.ts); otherwise Yoga masks them as "Unexpected error.".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('bad-input');
});
afterAll(async () => {
  await server?.close();
});

type Body = GraphQLResponse['body'];

/** Sends an operation and checks what every answer must satisfy: no stack trace, no internals. */
async function send<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) {
  const response = await server.graphql<T>(query, variables, { accept: 'application/graphql-response+json' });
  const json = JSON.stringify(response.body);
  expect(json).not.toContain('    at ');
  expect(json).not.toContain('node_modules');
  expect(json).not.toMatch(/\bat [\w.<>]+ \(/);
  return response;
}

/** An argument rejected during execution: 200, `data` present, one error naming the argument. */
function expectExecutionError(response: { status: number; body: Body }, argument: string, path: string) {
  expect(response.status).toBe(200);
  expect(response.body).toHaveProperty('data');
  expect(response.body.errors).toHaveLength(1);
  const error = response.body.errors?.[0];
  expect(error?.message).toContain(`"${argument}"`);
  expect(error?.message).not.toBe('Unexpected error.');
  expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  expect(error?.path?.join('.')).toBe(path);
}

/** A request error (parse, validation, variable coercion): 400 and no `data` at all. */
function expectRequestError(response: { status: number; body: Body }) {
  expect(response.status).toBe(400);
  expect(response.body).not.toHaveProperty('data');
  expect(response.body.errors).toHaveLength(1);
  return response.body.errors?.map((error) => error.message).join('\n') ?? '';
}

const toGlobalId = (typename: string, id: string | number) => Buffer.from(`${typename}:${id}`).toString('base64');

describe('unknown keys answer null, not an error', () => {
  it('model, organization, topic and article', async () => {
    const { status, body } = await send(/* GraphQL */ `
      {
        model(slug: "no-such-model") { slug }
        organization(slug: "nope") { slug }
        topic(slug: "nope") { slug }
        article(url: "https://example.com/none") { title }
      }
    `);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { model: null, organization: null, topic: null, article: null } });
  });
});

describe('global ids', () => {
  it('rejects an id that is not one of ours, naming "id"', async () => {
    const response = await send(/* GraphQL */ `{ node(id: "not-a-global-id") { id } }`);
    expectExecutionError(response, 'id', 'node');
    expect(response.body.data).toEqual({ node: null });
  });

  // A well-formed id of a deleted or unknown row is null, as the schema says, not an error.
  it('answers null for a well-formed id of no row', async () => {
    const { status, body } = await send(`{ node(id: "${toGlobalId('Model', 999999)}") { id } }`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { node: null } });
  });

  it('round-trips the id of gpt-3 through node and nodes, in order', async () => {
    const ids = await send<{ gpt3: { id: string }; chatgpt: { id: string }; baidu: { id: string } }>(/* GraphQL */ `
      { gpt3: model(slug: "gpt-3") { id } chatgpt: model(slug: "chatgpt") { id } baidu: organization(slug: "baidu") { id } }
    `);
    const { gpt3, chatgpt, baidu } = ids.body.data ?? ({} as never);
    expect(Buffer.from(gpt3.id, 'base64').toString()).toMatch(/^Model:\d+$/);
    const { status, body } = await send(
      /* GraphQL */ `
        query Nodes($id: ID!, $ids: [ID!]!) {
          node(id: $id) { id ... on Model { slug } }
          nodes(ids: $ids) { id __typename ... on Model { slug } ... on Organization { slug } }
        }
      `,
      { id: gpt3.id, ids: [chatgpt.id, baidu.id, gpt3.id] },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      node: { id: gpt3.id, slug: 'gpt-3' },
      nodes: [
        { id: chatgpt.id, __typename: 'Model', slug: 'chatgpt' },
        { id: baidu.id, __typename: 'Organization', slug: 'baidu' },
        { id: gpt3.id, __typename: 'Model', slug: 'gpt-3' },
      ],
    });
  });

  // An unknown id in `nodes` is null in its place; the rest of the list is unaffected.
  it('keeps the order in nodes and answers null for an unknown id', async () => {
    const gpt3 = await send<{ model: { id: string } }>(/* GraphQL */ `{ model(slug: "gpt-3") { id } }`);
    const id = gpt3.body.data?.model.id as string;
    const { body } = await send(`{ nodes(ids: ["${toGlobalId('Model', 999999)}", "${id}"]) { id } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ nodes: [null, { id }] });
  });
});

describe('global ids of no type or no row', () => {
  // "Model:abc" is not an id of this API: rows have integer ids.
  it('rejects a Model id that is not a number, naming "id"', async () => {
    expectExecutionError(await send(`{ node(id: "${toGlobalId('Model', 'abc')}") { id } }`), 'id', 'node');
  });

  // A type that is not a node ("Nope:1") is a malformed id, named as such.
  it('rejects an id of an unknown type, naming "id"', async () => {
    expectExecutionError(await send(`{ node(id: "${toGlobalId('Nope', 1)}") { id } }`), 'id', 'node');
  });
});

describe('page arguments', () => {
  it.each([
    ['models(first: -1)', 'first'],
    ['models(first: 101)', 'first'],
    ['models(first: 5, last: 5)', 'first'],
    ['models(last: 101)', 'last'],
    ['articles(last: 1000)', 'last'],
    ['articles(first: -5)', 'first'],
  ])('%s names "%s"', async (field, argument) => {
    const response = await send(`{ ${field} { totalCount } }`);
    expectExecutionError(response, argument, field.slice(0, field.indexOf('(')));
    expect(response.body.data).toBeNull();
  });

  it('checks nested connections too: model.articles(first: 101)', async () => {
    const response = await send(/* GraphQL */ `{ model(slug: "gpt-3") { slug articles(first: 101) { totalCount } } }`);
    expectExecutionError(response, 'first', 'model.articles');
  });

  it('serves a page of 100, the cap', async () => {
    const { status, body } = await send<{ models: { totalCount: number; edges: unknown[] } }>(
      /* GraphQL */ `{ models(first: 100) { totalCount edges { node { slug } } } }`,
    );
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    // The seeded graph has fewer than 100 models, and more than the default page of 20: all of them.
    const models = await server.prisma.model.count();
    expect(models).toBeGreaterThan(20);
    expect(body.data?.models.totalCount).toBe(models);
    expect(body.data?.models.edges).toHaveLength(models);
  });
});

describe('search arguments', () => {
  it.each([[''], ['   ']])('rejects the query %j, naming "query"', async (query) => {
    const response = await send(/* GraphQL */ `query Search($q: String!) { search(query: $q) { totalCount } }`, {
      q: query,
    });
    expectExecutionError(response, 'query', 'search');
  });

  // Search is a connection like the others: 0 to 100 per page.
  it.each([[101], [-1]])('rejects first: %i, naming "first"', async (first) => {
    const response = await send(
      /* GraphQL */ `query Search($first: Int) { search(query: "x", first: $first) { edges { score } } }`,
      { first },
    );
    expectExecutionError(response, 'first', 'search');
  });
});

describe('values the schema cannot coerce are 400', () => {
  it('an unknown enum value, inline, names it', async () => {
    const message = expectRequestError(await send(/* GraphQL */ `{ models(orderBy: { field: SIZE }) { totalCount } }`));
    expect(message).toContain('SIZE');
    expect(message).toContain('ModelOrderField');
  });

  it('an unknown enum value in a variable names it', async () => {
    const message = expectRequestError(
      await send(/* GraphQL */ `query Models($o: ModelOrder) { models(orderBy: $o) { totalCount } }`, {
        o: { field: 'SIZE' },
      }),
    );
    expect(message).toContain('SIZE');
    expect(message).toContain('$o');
  });

  it('a BigInt that is not an integer, inline and as a variable', async () => {
    const inline = expectRequestError(
      await send(/* GraphQL */ `{ models(filter: { parameters: { gt: "abc" } }) { totalCount } }`),
    );
    expect(inline).toContain('BigInt');
    expect(inline).toContain('"abc"');
    const variable = expectRequestError(
      await send(/* GraphQL */ `query Models($f: ModelFilter) { models(filter: $f) { totalCount } }`, {
        f: { parameters: { gt: 'abc' } },
      }),
    );
    expect(variable).toContain('f.parameters.gt');
    expect(variable).toContain('BigInt must be an integer');
  });

  it('a BigInt that is a fraction', async () => {
    const message = expectRequestError(
      await send(/* GraphQL */ `query Models($f: ModelFilter) { models(filter: $f) { totalCount } }`, {
        f: { parameters: { gt: 1.5 } },
      }),
    );
    expect(message).toContain('BigInt');
  });

  it('a Date that is not a calendar date, inline and as a variable', async () => {
    const inline = expectRequestError(
      await send(/* GraphQL */ `{ models(filter: { releaseDate: { from: "2020-13-45" } }) { totalCount } }`),
    );
    expect(inline).toContain('2020-13-45');
    expect(inline).toContain('YYYY-MM-DD');
    const variable = expectRequestError(
      await send(/* GraphQL */ `query Models($f: ModelFilter) { models(filter: $f) { totalCount } }`, {
        f: { releaseDate: { from: '2021-02-30' } },
      }),
    );
    expect(variable).toContain('f.releaseDate.from');
    expect(variable).toContain('YYYY-MM-DD');
  });
});

describe('lookups', () => {
  it.each([
    ['model(slug: "gpt-3", name: "GPT-3")', 'model'],
    ['model', 'model'],
    ['organization(slug: "baidu", name: "Baidu")', 'organization'],
    ['organization', 'organization'],
  ])('%s: exactly one of slug or name', async (field, path) => {
    const response = await send(`{ ${field} { slug } }`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ [path]: null });
    const error = response.body.errors?.[0];
    expect(response.body.errors).toHaveLength(1);
    expect(error?.message).toMatch(/^Argument "(slug|name)": /);
    expect(error?.message).toContain('"slug"');
    expect(error?.message).toContain('"name"');
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('rejects an empty name', async () => {
    expectExecutionError(await send(/* GraphQL */ `{ model(name: "  ") { slug } }`), 'name', 'model');
  });

  it('rejects an article URL that is not a URL, naming "url"', async () => {
    const response = await send(/* GraphQL */ `{ article(url: "not a url") { title } }`);
    expectExecutionError(response, 'url', 'article');
    expect(response.body.data).toEqual({ article: null });
  });

  it('finds by English or Chinese name or alias, in any case', async () => {
    const { status, body } = await send(/* GraphQL */ `
      {
        instructgpt: model(name: "instructgpt") { slug }
        wudao: model(name: "悟道2.0") { slug }
        baiduZh: organization(name: "百度") { slug }
        closeAI: organization(name: "closeAI") { slug }
        baiduUpper: organization(name: "BAIDU") { slug }
      }
    `);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        instructgpt: { slug: 'instructgpt' },
        wudao: { slug: 'wudao-2-0' },
        baiduZh: { slug: 'baidu' },
        closeAI: { slug: 'openai' },
        baiduUpper: { slug: 'baidu' },
      },
    });
  });
});

describe('lineage depth', () => {
  it.each([[0], [21], [-3]])('lineage(maxDepth: %i) names "maxDepth"', async (maxDepth) => {
    const response = await send(
      /* GraphQL */ `query L($d: Int) { model(slug: "gpt-3") { lineage(maxDepth: $d) { depth } } }`,
      { d: maxDepth },
    );
    expectExecutionError(response, 'maxDepth', 'model.lineage');
    expect(response.body.errors?.[0]?.message).toContain(`got ${maxDepth}`);
  });

  it('lineagePath(maxDepth: 21) names "maxDepth"', async () => {
    const response = await send(/* GraphQL */ `{ lineagePath(from: "chatgpt", to: "gpt-1", maxDepth: 21) { kind } }`);
    expectExecutionError(response, 'maxDepth', 'lineagePath');
    expect(response.body.data).toEqual({ lineagePath: null });
  });

  it('accepts the bounds 1 and 20', async () => {
    const { body } = await send<{ model: { one: { depth: number }[]; twenty: { depth: number }[] } }>(/* GraphQL */ `
      { model(slug: "chatgpt") { one: lineage(maxDepth: 1) { depth } twenty: lineage(maxDepth: 20) { depth } } }
    `);
    // Within one step from ChatGPT: GPT-3.5, and GPT-3 by the note's BASED_ON (its only path of
    // one step). Within twenty: GPT-3.5, then GPT-3 through it (precise steps are preferred),
    // GPT-2 and GPT-1. InstructGPT, a sibling, is not an ancestor.
    expect(body).toEqual({
      data: {
        model: {
          one: [{ depth: 1 }, { depth: 1 }],
          twenty: [{ depth: 1 }, { depth: 2 }, { depth: 3 }, { depth: 4 }],
        },
      },
    });
  });
});

describe('text and lists the database cannot take (issue 9, classes 2 and 3)', () => {
  it.each([
    ['gpt\u0000', '0000'],
    ['\u0000z', '0000'],
    ['z\u0000', '0000'],
    ['gp\u001bt', '001B'],
  ])('rejects a search text holding a control character (%j), naming "query"', async (query, code) => {
    const response = await send('query Search($q: String!) { search(query: $q) { totalCount } }', { q: query });
    expectExecutionError(response, 'query', 'search');
    expect(response.body.errors?.[0]?.message).toBe(
      `Argument "query": must not contain control characters (found U+${code})`,
    );
  });

  it('rejects a control character anywhere in a filter, naming its path', async () => {
    const response = await send(
      'query M($s: String!) { models(filter: { developedBy: { slug: $s } }) { totalCount } }',
      {
        s: 'baidu\u0000',
      },
    );
    expectExecutionError(response, 'filter.developedBy.slug', 'models');
  });

  it('keeps tabs and line breaks, which are text', async () => {
    const response = await send('query Search($q: String!) { search(query: $q) { totalCount } }', { q: 'gpt\t3\n' });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses two slug lists that together pass 400 (two of 500, 998 bound parameters, once answered 500)', async () => {
    const slugs = (prefix: string, length: number) => Array.from({ length }, (_, index) => `${prefix}-${index}`);
    const response = await send(
      'query M($a: [String!], $b: [String!]) { models(filter: { or: [{ slugIn: $a }, { slugIn: $b }] }) { totalCount } }',
      { a: slugs('a', 300), b: slugs('b', 300) },
    );
    expectExecutionError(response, 'filter.or.slugIn', 'models');
    expect(response.body.errors?.[0]?.message).toBe(
      'Argument "filter.or.slugIn": at most 400 list items in all the arguments of a field (got 600)',
    );
    // One list of 400 is within the bound: each slug is bound twice (slug, redirect), 800 in all.
    const one = await send('query M($a: [String!]) { models(filter: { slugIn: $a }) { totalCount } }', {
      a: [...slugs('a', 399), 'gpt-3'],
    });
    expect(one.body).toEqual({ data: { models: { totalCount: 1 } } });
  });

  it('refuses search(types:) with 401 entries, naming "types"', async () => {
    const types = Array.from({ length: 401 }, () => 'MODEL');
    const response = await send('query S($t: [SearchType!]) { search(query: "gpt", types: $t) { totalCount } }', {
      t: types,
    });
    expectExecutionError(response, 'types', 'search');
  });

  it("refuses the probe's search(types:) with 32,764 entries by its body size, 413", async () => {
    const types = Array.from({ length: 32_764 }, () => 'MODEL');
    const response = await send('query S($t: [SearchType!]) { search(query: "gpt", types: $t) { totalCount } }', {
      t: types,
    });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      errors: [{ message: 'The request body is larger than 100000 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });
});

describe('variables too deep to coerce (issue 9, class 4)', () => {
  it('refuses a filter nested 1000 deep with 400 and a code, before coercion overflows the stack', async () => {
    let filter: Record<string, unknown> = { slug: 'gpt-3' };
    for (let depth = 0; depth < 1000; depth += 1) filter = { not: filter };
    const response = await send('query M($f: ModelFilter) { models(filter: $f) { totalCount } }', { f: filter });
    expectRequestError(response);
    expect(response.body.errors?.[0]).toMatchObject({
      message: 'Variables nested more than 32 levels deep.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // The server goes on answering.
    const after = await send('{ model(slug: "gpt-3") { slug } }');
    expect(after.body).toEqual({ data: { model: { slug: 'gpt-3' } } });
  });

  it('still takes a filter at the depth the filter check allows', async () => {
    let filter: Record<string, unknown> = { slug: 'gpt-3' };
    for (let depth = 0; depth < 6; depth += 1) filter = { and: [filter] };
    const response = await send('query M($f: ModelFilter) { models(filter: $f) { totalCount } }', { f: filter });
    expect(response.body).toEqual({ data: { models: { totalCount: 1 } } });
  });
});
