/**
 * The response cache (src/plugins/use-response-cache.ts) over HTTP on the graph npm start builds:
 * a repeated anonymous query answered from it byte for byte with one statement, and never an
 * answer older than the last write, whoever wrote (a mutation, a tool writing the database
 * directly). Two servers on one database, one caching and one not, must always answer alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSynthetic } from '../seed/synthetic/generate.js';
import { createToken } from '../src/auth/tokens.js';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { ResponseCache } from '../src/plugins/use-response-cache.js';
import { createFullGraphDatabase } from './helpers/full-graph.js';
import { serveTestDatabase, type TestServer } from './helpers/server.js';

const EXAMPLES = [...EXAMPLE_OPERATIONS.matchAll(/^query (\w+)/gm)].map((match) => match[1] as string);

type Answer = { status: number; cache: string | null; text: string };

async function post(server: TestServer, body: object, token?: string): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, cache: response.headers.get('x-cache'), text: await response.text() };
}

const example = (server: TestServer, operationName: string) =>
  post(server, { query: EXAMPLE_OPERATIONS, operationName });

describe('the response cache', () => {
  let cached: TestServer;
  let uncached: TestServer;
  let editor: string;

  beforeAll(async () => {
    const database = await createFullGraphDatabase('response-cache');
    cached = await serveTestDatabase(database, { responseCacheMb: 16 });
    // The same database, served without a cache: what every answer must equal.
    uncached = await serveTestDatabase({ ...database, cleanup: async () => {} });
    editor = (await createToken(database.prisma, { name: 'editor', role: 'EDITOR' })).token;
  }, 120_000);

  afterAll(async () => {
    await uncached?.close();
    await cached?.close();
  });

  it('answers a repeated anonymous query from the cache, byte for byte, with one statement', async () => {
    for (const name of EXAMPLES) {
      const first = await example(cached, name);
      expect(first, name).toMatchObject({ status: 200, cache: 'miss' });
      cached.queries.length = 0;
      const second = await example(cached, name);
      expect(second, name).toEqual({ ...first, cache: 'hit' });
      // The graph's version, and nothing else.
      expect(cached.queries, name).toEqual([expect.stringMatching(/MAX\(id\).*"Revision"/)]);
    }
    // Another operation of the same document, other variables: other answers.
    const chatgpt = await post(cached, {
      query: 'query ($s: String!) { model(slug: $s) { slug } }',
      variables: { s: 'chatgpt' },
    });
    const gpt3 = await post(cached, {
      query: 'query ($s: String!) { model(slug: $s) { slug } }',
      variables: { s: 'gpt-3' },
    });
    expect([chatgpt.text, gpt3.text]).toEqual([
      JSON.stringify({ data: { model: { slug: 'chatgpt' } } }),
      JSON.stringify({ data: { model: { slug: 'gpt-3' } } }),
    ]);
  });

  it('never answers with what a mutation changed: after each one, every example answers as without a cache', async () => {
    const mutate = async (name: string, input: object) => {
      const answer = await post(
        cached,
        {
          query: `mutation ($input: ${name[0]?.toUpperCase()}${name.slice(1)}Input!) { result: ${name}(input: $input) { __typename } }`,
          variables: { input },
        },
        editor,
      );
      expect(answer.cache).toBeNull();
      expect(JSON.parse(answer.text).data.result.__typename, answer.text).toMatch(/Payload$/);
    };
    const url = 'https://example.com/cache/ernie-explained';
    const mutations: [string, object][] = [
      [
        'createArticle',
        {
          url,
          title: 'ERNIE 3.0, explained',
          language: 'en',
          source: 'user-note',
          covers: [{ target: 'MODEL', slug: 'ernie-3-0', relevance: 'MAIN' }],
        },
      ],
      ['addClaim', { model: 'glm-130b', property: 'PARAMETERS', value: '140000000000', source: 'user-note' }],
      ['linkLineage', { child: 'chatgpt', parent: 'instructgpt', kind: 'FINE_TUNED_FROM', source: 'user-note' }],
      ['updateModel', { slug: 'chatgpt', nameZh: '聊天生成预训练转换器' }],
      ['deleteArticle', { url }],
    ];
    let changedAnswers = 0;
    for (const [name, input] of mutations) {
      const before = new Map<string, string>();
      for (const operation of EXAMPLES) {
        await example(cached, operation);
        const warm = await example(cached, operation);
        expect(warm.cache, operation).toBe('hit');
        before.set(operation, warm.text);
      }
      await mutate(name, input);
      for (const operation of EXAMPLES) {
        const [fromCache, fresh] = [await example(cached, operation), await example(uncached, operation)];
        expect(fromCache.cache, `${operation} after ${name}`).toBe('miss');
        expect(fromCache.text, `${operation} after ${name}`).toBe(fresh.text);
        if (fresh.text !== before.get(operation)) changedAnswers += 1;
      }
    }
    // The mutations changed what the examples answer (the test would catch a stale one).
    expect(changedAnswers).toBeGreaterThanOrEqual(mutations.length);
  }, 120_000);

  it('sees a write made around the server (a tool on the database), at once', async () => {
    const before = await example(cached, 'Overview');
    expect((await example(cached, 'Overview')).cache).toBe('hit');
    await addSynthetic(cached.database, { articles: 40, seed: 9 });
    const after = await example(cached, 'Overview');
    expect(after.cache).toBe('miss');
    expect(after.text).not.toBe(before.text);
    expect(after.text).toBe((await example(uncached, 'Overview')).text);
  }, 60_000);

  it('keeps no answer for a token holder, a mutation, or an answer with errors', async () => {
    const mine = await post(cached, { query: '{ viewer { name } }' }, editor);
    expect(mine).toEqual({ status: 200, cache: null, text: JSON.stringify({ data: { viewer: { name: 'editor' } } }) });
    const bad = { query: '{ model(slug: "chatgpt") { lineage(maxDepth: 99) { depth } } }' };
    for (let i = 0; i < 2; i++) expect(await post(cached, bad)).toMatchObject({ cache: 'miss' });
  });
});

describe('ResponseCache', () => {
  it('keeps at most its size in answers, dropping the least recently used first', () => {
    const cache = new ResponseCache(4_000);
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, 'x'.repeat(498));
    // Each entry weighs its key and its answer (500 bytes): eight fit.
    expect(cache.size).toEqual({ entries: 8, bytes: 4_000 });
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k2')).toBeDefined();
    cache.set('k10', 'y'.repeat(497));
    // k2 was used last: k3 went instead.
    expect(cache.get('k2')).toBeDefined();
    expect(cache.get('k3')).toBeUndefined();
    // An answer larger than a quarter of the cache is not kept.
    cache.set('big', 'z'.repeat(1_500));
    expect(cache.get('big')).toBeUndefined();
    cache.clear();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });
});
