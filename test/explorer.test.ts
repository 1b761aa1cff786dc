/**
 * The atlas explorer over real HTTP, on the graph `npm start` builds: every page answers from the
 * persisted operations with what the GraphQL API says (the test asks the API, then reads the
 * page), the lineage picture draws the API's lineage, addresses that name nothing or are wrong
 * are answered 404 or 400 without internals, renamed slugs redirect, and the persisted operations
 * serve any client: read by their hash over GET, and the editors' mutations with a token.
 */
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { escapeHtml } from '../src/explorer/html.js';
import { PERSISTED_OPERATIONS } from '../src/explorer/operations.js';
import { externalHref, pathOf } from '../src/explorer/pages.js';
import { TEST_DATABASE } from './helpers/database.js';
import { startFullGraphServer } from './helpers/full-graph.js';
import type { TestServer } from './helpers/server.js';

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startFullGraphServer('explorer');
  editor = (await createToken(server.prisma, { name: 'editor', role: 'EDITOR' })).token;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: GraphQL results are read by a few fields.
type Data = any;

async function api(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const { status, body } = await server.graphql<Data>(query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

async function page(path: string, init?: RequestInit) {
  const response = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The hrefs of the links inside the element of the page that `marker` opens. */
function hrefsIn(text: string, marker: string, end: string): string[] {
  const start = text.indexOf(marker);
  expect(start, `the page has ${marker}`).toBeGreaterThan(-1);
  const part = text.slice(start, text.indexOf(end, start));
  return [...part.matchAll(/href="([^"]+)"/g)].map((match) => match[1] as string);
}

const svgParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['a', 'g'].includes(name),
});

describe('the home page', () => {
  it('shows the overview in numbers from the API, the chart, and links to the largest models', async () => {
    const { overview, models } = await api(
      '{ overview { totals { models organizations articles people } } models(first: 12, orderBy: { field: PARAMETERS, direction: DESC }) { edges { node { slug } } } }',
    );
    const home = await page('/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(home.text).toMatch(/^<!doctype html><html lang="en">/);
    for (const [label, count] of Object.entries(overview.totals) as [string, number][])
      expect(home.text).toContain(`<dt>${label}</dt><dd>${count.toLocaleString('en')}</dd>`);
    expect(home.text).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart"');
    const largest = hrefsIn(home.text, 'id="largest"', '</ol>').filter((href) => href.startsWith('/models/'));
    expect(largest).toEqual(models.edges.map((edge: Data) => pathOf.model(edge.node.slug)));
    // No inline script: the CSP allows only the explorer's own file.
    expect(home.text.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/explorer/explorer.js">']);
  });
});

describe("a model's page", () => {
  it("has ChatGPT's facts, every claim with its source, and the articles that cover it, as the API gives them", async () => {
    const { model } = await api(
      '{ model(slug: "chatgpt") { name releaseDate claims { source { title } } articles { totalCount } developers { organization { slug } } } }',
    );
    const chatgpt = await page('/models/chatgpt');
    expect(chatgpt.status).toBe(200);
    expect(chatgpt.text).toContain(`<h1><span lang="en">${model.name}</span>`);
    expect(chatgpt.text).toContain(`<th scope="row">Released</th><td>${model.releaseDate}`);
    expect(chatgpt.text).toContain(`href="/organizations/${model.developers[0].organization.slug}"`);
    const claimRows = chatgpt.text.slice(chatgpt.text.indexOf('<table class="claims">')).split('</table>')[0];
    expect(claimRows?.match(/<tr class="rank-/g)).toHaveLength(model.claims.length);
    for (const claim of model.claims) expect(claimRows).toContain(escapeHtml(claim.source.title));
    expect(chatgpt.text).toContain(`Articles that cover it (${model.articles.totalCount})`);
  });

  it('draws the lineage the API gives, to the depth asked, each model a link and each edge by kind', async () => {
    for (const depth of [1, 3]) {
      const { model } = await api(
        `{ model(slug: "chatgpt") { up: lineage(direction: UP, maxDepth: ${depth}, includeAssociations: true) { model { slug } edges { kind relation } } down: lineage(direction: DOWN, maxDepth: ${depth}, includeAssociations: true) { model { slug } } } }`,
      );
      const chatgpt = await page(`/models/chatgpt?depth=${depth}`);
      const svg = chatgpt.text.slice(chatgpt.text.indexOf('<svg xmlns="http://www.w3.org/2000/svg" class="lineage"'));
      const tree = svgParser.parse(svg.slice(0, svg.indexOf('</svg>') + 6)).svg;
      const linked = new Set((tree.a as Data[]).map((link) => link.href));
      const expected = new Set([
        '/models/chatgpt',
        ...[...model.up, ...model.down].map((step: Data) => pathOf.model(step.model.slug)),
      ]);
      expect(linked).toEqual(expected);
      const kinds = new Set(
        (tree.g as Data[]).filter((group) => group['data-kind']).map((group) => group['data-kind']),
      );
      for (const step of model.up) for (const edge of step.edges) expect(kinds.has(edge.kind)).toBe(true);
    }
    // At depth 3 ChatGPT reaches GPT-3, through GPT-3.5 or the note's "based on".
    expect((await page('/models/chatgpt?depth=3')).text).toContain('href="/models/gpt-3"');
    // Kin is counted apart from descent; without associations, InstructGPT (a sibling) is not drawn.
    expect((await page('/models/chatgpt?depth=1')).text).toContain(
      '2 ancestors and 0 descendants, 1 variant or sibling within 1 step.',
    );
    const ancestryOnly = await page('/models/chatgpt?depth=1&set=1');
    expect(ancestryOnly.text).not.toContain('href="/models/instructgpt" class="node"');
    expect((await page('/models/chatgpt?depth=1')).text).toContain('href="/models/instructgpt" class="node"');
  });

  it('shows where the sources disagree side by side (ERNIE 3.0: 260B in the note, 10B in its paper)', async () => {
    const ernie = await page('/models/ernie-3-0');
    expect(ernie.status).toBe(200);
    const block = ernie.text.slice(ernie.text.indexOf('class="disagreements"')).split('</section>')[0] as string;
    expect(block).toContain('<h3>parameters</h3>');
    expect(block.match(/<div class="side">/g)).toHaveLength(2);
    expect(block).toContain('260B');
    expect(block).toContain('10B');
  });

  it('answers an unknown slug with 404 and a bad depth with 400, each saying why, and redirects a renamed slug', async () => {
    const missing = await page('/models/no-such-model');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('No model has the slug &quot;no-such-model&quot;.');
    const deep = await page('/models/chatgpt?depth=99');
    expect(deep.status).toBe(400);
    expect(deep.text).toContain('depth must be one of 1, 2, 3, 4, 5, 6, not &quot;99&quot;');
    const hostile = await page('/models/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(hostile.status).toBe(404);
    expect(hostile.text).not.toContain('<script>alert');
    const broken = await page('/models/%E0%A4%A');
    expect(broken.status).toBe(400);

    const admin = (await createToken(server.prisma, { name: 'admin', role: 'ADMIN' })).token;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        query:
          'mutation { renameSlug(input: { entityType: MODEL, slug: "gpt-2", newSlug: "gpt-2-1-5b" }) { __typename } }',
      }),
    });
    expect(((await response.json()) as Data).data.renameSlug.__typename).toBe('RenameSlugPayload');
    const old = await page('/models/gpt-2?depth=2');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/models/gpt-2-1-5b?depth=2');
    expect((await page('/models/gpt-2-1-5b')).status).toBe(200);
  });
});

describe('the other pages', () => {
  it("show Baidu's models along time, each dated one a link on the timeline", async () => {
    const { organization } = await api(
      '{ organization(slug: "baidu") { nameZh models(first: 100) { totalCount edges { node { slug releaseDate } } } } }',
    );
    const baidu = await page('/organizations/baidu');
    expect(baidu.status).toBe(200);
    expect(baidu.text).toContain(`<span class="zh" lang="zh">${organization.nameZh}</span>`);
    const timeline = hrefsIn(baidu.text, 'class="timeline"', '</svg>');
    const dated = organization.models.edges.filter((edge: Data) => edge.node.releaseDate);
    expect(new Set(timeline)).toEqual(new Set(dated.map((edge: Data) => pathOf.model(edge.node.slug))));
    expect(baidu.text).toContain(`Models over time (${organization.models.totalCount})`);
  });

  it('find an article by its URL pasted with its query string, and link out only to web addresses', async () => {
    const { articles } = await api('{ articles(first: 100, filter: { site: WECHAT }) { edges { node { url } } } }');
    const withQuery = articles.edges.map((edge: Data) => edge.node.url).find((url: string) => url.includes('?'));
    expect(withQuery).toBeDefined();
    const pasted = await page(`/articles/${withQuery.replace('https://', '')}`);
    expect(pasted.status).toBe(301);
    expect(pasted.headers.get('location')).toBe(pathOf.article(withQuery));
    expect((await page(pathOf.article(withQuery))).status).toBe(200);
    expect(externalHref('https://example.org/x')).toBe('https://example.org/x');
    expect(externalHref('javascript:alert(1)//x')).toBeNull();
    expect(externalHref('data:text/html,hi')).toBeNull();
  });

  it('show a topic, a person and an article with what the API says of them', async () => {
    const { topic, person } = await api(
      '{ topic(slug: "rlhf") { name nameZh models { totalCount } } person(slug: "long-ouyang") { name articles(first: 50) { totalCount edges { node { url title } } } } }',
    );
    const rlhf = await page('/topics/rlhf');
    expect(rlhf.text).toContain(`<span class="zh" lang="zh">${topic.nameZh}</span>`);
    expect(rlhf.text).toContain(`Models (${topic.models.totalCount})`);

    const ouyang = await page('/people/long-ouyang');
    expect(ouyang.status).toBe(200);
    expect(ouyang.text).toContain(`Papers and articles (${person.articles.totalCount})`);
    const first = person.articles.edges[0].node;
    expect(ouyang.text).toContain(`href="${pathOf.article(first.url)}"`);

    const { article } = await api(
      'query ($url: String!) { article(url: $url) { title authors(first: 100) { totalCount edges { node { slug } } } } }',
      { url: first.url },
    );
    const articlePage = await page(pathOf.article(first.url));
    expect(articlePage.status).toBe(200);
    expect(articlePage.text).toContain(`Authors (${article.authors.totalCount})`);
    expect(hrefsIn(articlePage.text, 'id="authors"', '</section>')).toEqual(
      article.authors.edges.map((edge: Data) => pathOf.person(edge.node.slug)),
    );
    expect((await page('/articles/example.org/not-in-the-graph')).status).toBe(404);
    expect((await page('/topics/nothing')).status).toBe(404);
    expect((await page('/people/nobody-at-all')).status).toBe(404);
    expect((await page('/organizations/nobody')).status).toBe(404);
  });

  it('search in Chinese and English, and say what is wrong with a query too long', async () => {
    const chinese = await page(`/search?q=${encodeURIComponent('百度')}`);
    expect(chinese.status).toBe(200);
    expect(hrefsIn(chinese.text, '<ol class="results">', '</ol>')[0]).toBe('/organizations/baidu');
    const english = await page('/search?q=instructgpt');
    expect(hrefsIn(english.text, '<ol class="results">', '</ol>')).toContain('/models/instructgpt');
    expect((await page('/search')).status).toBe(200);
    const long = await page(`/search?q=${'x'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.text).toContain('role="alert"');
    expect(long.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('are read with GET or HEAD only', async () => {
    const post = await page('/models/chatgpt', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await page('/models/chatgpt', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('cost a fixed number of SQL statements (pinned: a page must not grow one per item)', async () => {
    const counts: Record<string, number> = {};
    for (const path of ['/', '/models/chatgpt', '/models/gpt-3', '/organizations/openai', '/people/long-ouyang']) {
      server.queries.length = 0;
      expect((await page(path)).status).toBe(200);
      counts[path] = server.queries.length;
    }
    // GPT-3's page draws dozens of descendants, ChatGPT's a handful: the same statements.
    // PostgreSQL loads one row's relations in the same statement (relationJoins): fewer there.
    // (A page's `$slug` variable was taken for a filter's and looked up first: one statement less
    // per page since.) The first articles of a page are read as on SQLite, two statements more
    // (Prisma's joined statement built them for every parent of a list before its limit). A lineage
    // edge's models come from a loader of the request's: two statements fewer on a model's page on
    // SQLite, one more on a model's and an organization's on PostgreSQL (they were joined there).
    // A model's claims and its disagreements share one read of the claims (two statements fewer:
    // the claims and the model were read again for the disagreements).
    expect(counts).toEqual(
      TEST_DATABASE === 'postgresql'
        ? { '/': 15, '/models/chatgpt': 10, '/models/gpt-3': 10, '/organizations/openai': 6, '/people/long-ouyang': 9 }
        : {
            '/': 15,
            '/models/chatgpt': 28,
            '/models/gpt-3': 28,
            '/organizations/openai': 14,
            '/people/long-ouyang': 12,
          },
    );
  });
});

describe('the persisted operations', () => {
  it('are listed with the SHA-256 of their text, and the script knows them all', async () => {
    const response = await page('/explorer/operations.json');
    const listed = JSON.parse(response.text) as { operations: { name: string; query: string; sha256Hash: string }[] };
    expect(listed.operations.map((operation) => operation.name).sort()).toEqual(
      [...PERSISTED_OPERATIONS.keys()].sort(),
    );
    for (const operation of listed.operations)
      expect(operation.sha256Hash).toBe(createHash('sha256').update(operation.query).digest('hex'));
    const script = await page('/explorer/explorer.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const operation of listed.operations) expect(script.text).toContain(operation.sha256Hash);
    expect((await page('/explorer/explorer.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answer a GET by hash as the same operation sent as text, and refuse a hash they do not know', async () => {
    const search = PERSISTED_OPERATIONS.get('ExplorerSearch');
    const variables = { query: '悟道', first: 5 };
    const byHash = await fetch(
      `${server.url}/graphql?${new URLSearchParams({
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: search?.sha256Hash } }),
        variables: JSON.stringify(variables),
      })}`,
      { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } },
    );
    expect(byHash.status).toBe(200);
    const asText = await api(search?.query as string, variables);
    expect(((await byHash.json()) as Data).data).toEqual(asText);
    expect(asText.search.totalCount).toBeGreaterThan(0);

    const unknown = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
    });
    const body = (await unknown.json()) as Data;
    expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it("let an editor correct a fact from a model's page: the claim is on the page after, refused without a token", async () => {
    const addClaim = PERSISTED_OPERATIONS.get('ExplorerAddClaim');
    const send = async (token?: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({
          extensions: { persistedQuery: { version: 1, sha256Hash: addClaim?.sha256Hash } },
          variables: {
            input: {
              model: 'gopher',
              property: 'ARCHITECTURE',
              value: 'decoder-only Transformer (explorer test)',
              source: 'user-note',
              quote: 'from the explorer',
            },
          },
        }),
      });
      return ((await response.json()) as Data).data.addClaim;
    };
    expect((await send()).__typename).toBe('AuthenticationError');
    expect((await page('/models/gopher')).text).not.toContain('decoder-only Transformer (explorer test)');
    expect(await send(editor)).toEqual({
      __typename: 'AddClaimPayload',
      model: { slug: 'gopher', version: expect.any(Number) },
    });
    expect((await page('/models/gopher')).text).toContain('decoder-only Transformer (explorer test)');
  });
});
