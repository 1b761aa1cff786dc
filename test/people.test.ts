/**
 * People over HTTP, on the graph `npm start` builds (the note, the curated data and Epoch AI's
 * snapshot): the issue's two questions in one request each, articles' ordered authors checked
 * against the file itself, a person's articles, models, organizations and namesakes, lookups by
 * name, search, the overview's totals, and history. Expected answers come from the CSV (read here
 * with csv-parse, not the importer) or from SQL on the served database.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPOCH_SNAPSHOT_FILE } from '../seed/epoch/import.js';
import { normalizeArticleUrl, normalizeName } from '../src/domain/normalize.js';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { startFullGraphServer } from './helpers/full-graph.js';
import type { TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startFullGraphServer('people');
}, 120_000);
afterAll(async () => {
  await server?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: GraphQL results are compared whole or by a few fields.
type Data = any;

async function run(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const { status, body } = await server.graphql<Data>(query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

type Row = Record<string, string>;
const rows = parseCsv(readFileSync(EPOCH_SNAPSHOT_FILE, 'utf8'), { columns: true, bom: true }) as Row[];
/** The row whose Link is this arXiv paper. */
const rowOf = (arxivId: string) => rows.find((row) => (row.Link ?? '').includes(arxivId)) as Row;
/** A plain list ("A, B, C"): the names as the file writes them. */
const plainList = (cell: string) => cell.split(',').map((name) => name.trim());

describe('who co-authored papers on both GPT-3 and InstructGPT?', () => {
  it('is one request, and its answer is the names the two papers share in the file', async () => {
    const data = await run(`{
      people(filter: { and: [
        { wrote: { coversModel: { slug: "gpt-3" } } },
        { wrote: { coversModel: { slug: "instructgpt" } } }
      ] }) {
        totalCount
        edges { node { slug name articles(first: 10) { edges { position node { title } } } } }
      }
    }`);
    const gpt3 = plainList(rowOf('2005.14165').Authors as string);
    const instructGpt = new Set(plainList(rowOf('2203.02155').Authors as string).map(normalizeName));
    const shared = gpt3.filter((name) => instructGpt.has(normalizeName(name))).sort();
    expect(shared).toEqual(['Amanda Askell', 'Sandhini Agarwal']);
    expect(data.people.totalCount).toBe(shared.length);
    expect(data.people.edges.map((edge: Data) => edge.node.name).sort()).toEqual(shared);
    const askell = data.people.edges.find((edge: Data) => edge.node.slug === 'amanda-askell').node;
    expect(askell.articles.edges.map((edge: Data) => edge.node.title)).toEqual(
      expect.arrayContaining([
        'Language Models are Few-Shot Learners',
        'Training language models to follow instructions with human feedback',
      ]),
    );
  });
});

describe('which people wrote papers on Chinese models over 100B?', () => {
  it('is one request, and its answer is what SQL finds in the database', async () => {
    const data = await run(`{
      people(first: 5, orderBy: { field: ARTICLES, direction: DESC }, filter: { wrote: {
        kind: PAPER, coversModel: { developedBy: { country: "CN" }, parameters: { gte: "100000000000" } }
      } }) {
        totalCount
        edges { node { slug name } }
      }
    }`);
    const expected = await server.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(DISTINCT aa."personId") AS n
      FROM "ArticleAuthor" aa
      JOIN "Article" a ON a.id = aa."articleId" AND a.kind = 'PAPER'
      JOIN "ArticleModel" am ON am."articleId" = a.id
      JOIN "Model" m ON m.id = am."modelId" AND m.parameters >= 100000000000
      JOIN "ModelDeveloper" md ON md."modelId" = m.id
      JOIN "Organization" o ON o.id = md."organizationId" AND o.country = 'CN'`;
    expect(data.people.totalCount).toBe(Number(expected[0]?.n));
    expect(data.people.totalCount).toBeGreaterThan(100);
    // The GLM-130B paper's authors are among them.
    const glm = await run(`{
      people(first: 100, filter: { and: [
        { wrote: { kind: PAPER, coversModel: { developedBy: { country: "CN" }, parameters: { gte: "100000000000" } } } },
        { wrote: { coversModel: { slug: "glm-130b" } } }
      ] }) { totalCount edges { node { name } } }
    }`);
    const glmRow = rows.find((row) => row.Model === 'GLM-130B') as Row;
    expect(glm.people.totalCount).toBe(plainList(glmRow.Authors as string).length);
    expect(glm.people.edges.map((edge: Data) => edge.node.name)).toContain('Jie Tang');
  });
});

describe("GraphiQL's examples about people, on the graph npm start builds", () => {
  const example = async (operationName: string) => {
    const { status, body } = await server.graphql<Data>(EXAMPLE_OPERATIONS, undefined, { operationName });
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return body.data;
  };

  it('CoAuthorsOfGPT3AndInstructGPT answers the two co-authors with their papers', async () => {
    const data = await example('CoAuthorsOfGPT3AndInstructGPT');
    expect(data.people.totalCount).toBe(2);
    expect(data.people.edges.map((edge: Data) => edge.node.slug)).toEqual(['amanda-askell', 'sandhini-agarwal']);
    for (const edge of data.people.edges)
      expect(edge.node.articles.edges.map((article: Data) => article.node.title)).toEqual(
        expect.arrayContaining([
          'Language Models are Few-Shot Learners',
          'Training language models to follow instructions with human feedback',
        ]),
      );
  });

  it('AuthorsOfBigChineseModels answers the first 20 of the people the README question counts', async () => {
    const data = await example('AuthorsOfBigChineseModels');
    expect(data.people.totalCount).toBe(461);
    expect(data.people.edges).toHaveLength(20);
    expect(data.people.edges.slice(0, 3).map((edge: Data) => edge.node.name)).toEqual([
      'Jingren Zhou',
      'Jie Tang',
      'Junyang Lin',
    ]);
  });
});

describe('the authors of an article', () => {
  it('come in the order of the paper, with their place and spelling', async () => {
    const data = await run(`{
      article(url: "https://arxiv.org/abs/2203.02155") {
        authorsNotListed
        authors(first: 100) { totalCount edges { position writtenAs node { slug name } } }
      }
    }`);
    const names = plainList(rowOf('2203.02155').Authors as string);
    expect(data.article.authorsNotListed).toBeNull();
    expect(data.article.authors.totalCount).toBe(names.length);
    expect(data.article.authors.edges.map((edge: Data) => edge.writtenAs)).toEqual(names);
    expect(data.article.authors.edges.map((edge: Data) => edge.position)).toEqual(names.map((_, index) => index + 1));
    expect(data.article.authors.edges[0].node).toEqual({ slug: 'long-ouyang', name: 'Long Ouyang' });
  });

  it('match the file for every paper whose list is plain ("A, B, C")', async () => {
    const stored = await server.prisma.article.findMany({
      select: { url: true, authors: { orderBy: { position: 'asc' }, select: { writtenAs: true } } },
    });
    const authorsOf = new Map(stored.map((article) => [article.url, article.authors.map((a) => a.writtenAs)]));
    let checked = 0;
    for (const row of rows) {
      const cell = row.Authors ?? '';
      // Plain: names of letters, spaces, dots, hyphens and apostrophes between single commas.
      if (!/^[\p{L}][\p{L} .'’-]*(, [\p{L}][\p{L} .'’-]*)*$/u.test(cell) || / and /.test(cell)) continue;
      let url: string;
      try {
        url = normalizeArticleUrl(row.Link ?? '');
      } catch {
        continue;
      }
      const arxiv = /arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})/.exec(url);
      const key = arxiv ? `https://arxiv.org/abs/${arxiv[1]}` : url;
      const authors = authorsOf.get(key);
      if (!authors || authors.length === 0) continue;
      // A paper shared by rows takes the first row's list; a list with a name twice keeps its first place.
      // The full stop that ends some lists ("..., Demis Hassabis.") is not part of the last name.
      const list = plainList(cell.replace(/(?<=\p{L}{2})\.$/u, ''));
      const names = [...new Map(list.map((name) => [normalizeName(name), name])).values()];
      if (authors.length !== names.length) continue;
      expect(authors, row.Model).toEqual(names);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('say how many authors the file leaves out', async () => {
    const truncated = rows.filter((row) => /additional authors not shown/.test(row.Authors ?? ''));
    const data = await run(`{
      articles(first: 100, filter: { writtenBy: { slug: "josh-achiam" } }) { edges { node { url authorsNotListed } } }
    }`);
    expect(truncated.length).toBeGreaterThan(0);
    const notListed = data.articles.edges.map((edge: Data) => edge.node.authorsNotListed);
    expect(notListed).toContain(181);
  });
});

describe('a person', () => {
  it('has their articles, the models and organizations of those articles, and a node id', async () => {
    const data = await run(`{
      person(slug: "long-ouyang") {
        id name identity
        articles(first: 10) { totalCount edges { position writtenAs node { url } } }
        models { articles model { slug } }
        organizations { articles organization { slug } }
        version
      }
    }`);
    const person = data.person;
    expect(person.name).toBe('Long Ouyang');
    expect(person.articles.edges.map((edge: Data) => edge.node.url)).toContain('https://arxiv.org/abs/2203.02155');
    const instruct = person.articles.edges.find((edge: Data) => edge.node.url === 'https://arxiv.org/abs/2203.02155');
    expect(instruct.position).toBe(1);
    expect(person.models.map((entry: Data) => entry.model.slug)).toContain('instructgpt');
    expect(person.organizations.map((entry: Data) => entry.organization.slug)).toContain('openai');
    expect(person.version).toBe(1);
    const byNode = await run('query ($id: ID!) { node(id: $id) { __typename ... on Person { slug } } }', {
      id: person.id,
    });
    expect(byNode.node).toEqual({ __typename: 'Person', slug: 'long-ouyang' });
  });

  it('is kept apart from namesakes without shared evidence, and says so', async () => {
    const data = await run(`{
      people(first: 10, filter: { name: "geoffrey e hinton" }) {
        totalCount
        edges { node { slug identity namesakes { slug } articles(first: 1) { totalCount } } }
      }
    }`);
    const [counted] = await server.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM "Person" WHERE "nameKey" = 'geoffreyehinton'`;
    expect(data.people.totalCount).toBe(Number(counted?.n));
    expect(data.people.totalCount).toBeGreaterThan(1);
    for (const { node } of data.people.edges) {
      expect(node.namesakes).toHaveLength(data.people.totalCount - 1);
      expect(node.identity).toMatch(/same name: kept apart/);
      expect(node.articles.totalCount).toBeGreaterThan(0);
    }
  });

  it('is found by search, in English and Chinese, with the field that matched', async () => {
    const data = await run(`{
      english: search(query: "Long Ouyang", types: [PERSON], first: 3) { edges { matchedField node { ... on Person { slug } } } }
      chinese: search(query: "汪子涵", types: [PERSON]) { edges { matchedField matchedText node { ... on Person { slug name } } } }
    }`);
    expect(data.english.edges[0]).toEqual({ matchedField: 'NAME', node: { slug: 'long-ouyang' } });
    expect(data.chinese.edges).toEqual([
      { matchedField: 'NAME_ZH', matchedText: '汪子涵', node: { slug: 'zihan-wang', name: 'Zihan Wang' } },
    ]);
  });

  it('is unknown as null, and a page too large is refused', async () => {
    expect(await run('{ person(slug: "no-such-person") { slug } }')).toEqual({ person: null });
    const { body } = await server.graphql('{ people(first: 1000) { totalCount } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe("papers' citations", () => {
  it("are the file's counts, dated by the snapshot, with the most cited first", async () => {
    const stored = await server.prisma.article.findMany({
      select: { url: true, citations: true, citationsAsOf: true },
    });
    const byUrl = new Map(stored.map((article) => [article.url, article]));
    const counted = new Set<string>();
    for (const row of rows) {
      if (!/^\d+(\.0)?$/.test(row.Citations ?? '')) continue;
      let url: string;
      try {
        // A row may give several links ("page; paper"): its article is at the first.
        url = normalizeArticleUrl((row.Link ?? '').trim().split(/[\s;,]+/)[0] ?? '');
      } catch {
        continue;
      }
      const arxiv = /arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})/.exec(url);
      const article = byUrl.get(arxiv ? `https://arxiv.org/abs/${arxiv[1]}` : url);
      if (!article) continue;
      // Rows of one paper may differ: the article keeps the largest.
      expect(article.citations, row.Model).toBeGreaterThanOrEqual(Number(row.Citations));
      expect(article.citationsAsOf?.toISOString().slice(0, 10)).toBe('2026-01-26');
      counted.add(article.url);
    }
    expect(counted.size).toBeGreaterThan(500);
    expect(stored.filter((article) => article.citations !== null).length).toBeGreaterThanOrEqual(counted.size);
    const data = await run(`{
      articles(first: 1, orderBy: { field: CITATIONS, direction: DESC }) {
        edges { node { title citations citationsAsOf claims { value asOf source { slug } locator } } }
      }
    }`);
    const resnet = rows.find((row) => row.Reference === 'Deep Residual Learning for Image Recognition') as Row;
    expect(data.articles.edges[0].node).toEqual({
      title: 'Deep Residual Learning for Image Recognition',
      citations: Number(resnet.Citations),
      citationsAsOf: '2026-01-26',
      claims: [
        {
          value: String(Number(resnet.Citations)),
          asOf: '2026-01-26',
          source: { slug: 'epoch-notable-ai-models' },
          locator: 'https://arxiv.org/abs/1512.03385',
        },
      ],
    });
  });
});

describe('search over papers', () => {
  it('ranks title matches before abstract matches', async () => {
    const data = await run(`{
      search(query: "instruction", types: [ARTICLE], first: 50) { edges { matchedField } }
    }`);
    const fields = data.search.edges.map((edge: Data) => edge.matchedField);
    expect(fields).toContain('TITLE');
    expect(fields).toContain('SUMMARY');
    expect(fields.lastIndexOf('TITLE')).toBeLessThan(fields.indexOf('SUMMARY'));
  });
});

describe('facets and attributions', () => {
  it('count the authors of a filtered list of articles, and credit Epoch AI on pages of articles and people', async () => {
    const data = await run(`{
      articles(first: 5, filter: { coversModelOf: { slug: "baidu" } }) {
        attributions { slug attribution }
        facets { authors { count person { slug } } }
      }
      people(first: 5) { attributions { slug } }
    }`);
    // The ERNIE papers' most frequent authors, counted in SQL over the same articles.
    const expected = await server.prisma.$queryRaw<{ slug: string; n: bigint }[]>`
      SELECT p.slug AS slug, COUNT(DISTINCT aa."articleId") AS n
      FROM "ArticleAuthor" aa JOIN "Person" p ON p.id = aa."personId"
      WHERE aa."articleId" IN (
        SELECT am."articleId" FROM "ArticleModel" am
        JOIN "ModelDeveloper" md ON md."modelId" = am."modelId"
        JOIN "Organization" o ON o.id = md."organizationId" AND o.slug = 'baidu')
      GROUP BY p.id ORDER BY n DESC, p.id ASC LIMIT 50`;
    expect(data.articles.facets.authors).toEqual(
      expected.map((row) => ({ count: Number(row.n), person: { slug: row.slug } })),
    );
    expect(data.articles.facets.authors[0].count).toBeGreaterThanOrEqual(3);
    expect(data.articles.attributions.map((source: Data) => source.slug)).toEqual(['epoch-notable-ai-models']);
    expect(data.articles.attributions[0].attribution).toMatch(/Epoch AI/);
    expect(data.people.attributions).toEqual([{ slug: 'epoch-notable-ai-models' }]);
  });
});

describe('the overview and the history', () => {
  it('count the people and their places in author lists', async () => {
    const data = await run('{ overview { totals { people authorships articles } } }');
    expect(data.overview.totals).toEqual({
      people: await server.prisma.person.count(),
      authorships: await server.prisma.articleAuthor.count(),
      articles: await server.prisma.article.count(),
    });
    expect(data.overview.totals.people).toBeGreaterThan(6000);
  });

  it("record the import's people and author lists", async () => {
    const data = await run(`{
      people: history(first: 1, filter: { entityType: PERSON }) { totalCount edges { node { actor action } } }
      person(slug: "long-ouyang") { history(first: 1) { edges { node { action changes { field } } } } }
    }`);
    expect(data.people.totalCount).toBe(await server.prisma.person.count());
    expect(data.people.edges[0].node).toEqual({ actor: 'importer:epoch', action: 'CREATED' });
    expect(data.person.history.edges[0].node.changes.map((change: Data) => change.field)).toContain('name');
  });
});
