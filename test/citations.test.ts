/**
 * Citation counts as dated claims: the one rule that picks an article's `citations`
 * (src/domain/article-claims.ts), the write layer keeping every day's count and deriving the
 * preferred one (src/graph/article-claims.ts), and the API over HTTP on the seeded graph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferredCitations } from '../src/domain/article-claims.js';
import { GraphInputError, writeGraph } from '../src/graph/index.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);

describe('the rule: which count is an article’s citations', () => {
  it('takes the latest day, and on one day the largest count', () => {
    expect(
      preferredCitations([
        { value: '120', asOf: day('2025-01-01') },
        { value: '90', asOf: day('2026-01-26') },
        { value: '100', asOf: day('2026-01-26') },
      ]),
    ).toEqual({ citations: 100, asOf: day('2026-01-26') });
  });

  it('has none without a claim, and skips a value that is not a whole number', () => {
    expect(preferredCitations([])).toBeNull();
    expect(
      preferredCitations([
        { value: 'many', asOf: day('2026-01-26') },
        { value: '7', asOf: day('2020-01-01') },
      ]),
    ).toEqual({ citations: 7, asOf: day('2020-01-01') });
  });
});

describe('dated claims through the write layer and the API', () => {
  let server: TestServer;
  // An article of the user's note, counted by two sources of the seed.
  const url = 'https://zhuanlan.zhihu.com/p/589621442';
  beforeAll(async () => {
    server = await startTestServer('citations');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const put = (value: string, asOf: string, source = 'user-note') =>
    writeGraph(server.database, (graph) =>
      graph.putArticleClaims([{ article: url, property: 'CITATIONS', value, asOf: day(asOf), source, locator: url }]),
    );
  const article = async () => {
    const { body } = await server.graphql<{
      article: {
        citations: number | null;
        citationsAsOf: string | null;
        claims: { value: string; asOf: string; source: { slug: string } }[];
        history: { edges: { node: { changes: { field: string; from: unknown; to: unknown }[] } }[] };
      };
    }>(
      `query ($url: String!) { article(url: $url) {
        citations citationsAsOf claims { value asOf source { slug } }
        history(first: 1) { edges { node { changes { field from to } } } }
      } }`,
      { url },
    );
    expect(body.errors).toBeUndefined();
    return body.data?.article;
  };

  it('keeps each day’s count, shows the latest, and records each in the history', async () => {
    expect(await article()).toMatchObject({ citations: null, citationsAsOf: null, claims: [] });
    const first = await put('10', '2025-06-01');
    expect(first.result).toBe(1);
    expect(await article()).toMatchObject({ citations: 10, citationsAsOf: '2025-06-01' });

    await put('25', '2026-01-26');
    const now = await article();
    expect(now).toMatchObject({
      citations: 25,
      citationsAsOf: '2026-01-26',
      claims: [
        { value: '25', asOf: '2026-01-26', source: { slug: 'user-note' } },
        { value: '10', asOf: '2025-06-01', source: { slug: 'user-note' } },
      ],
    });
    expect(now?.history.edges[0]?.node.changes).toEqual([
      { field: 'claim:CITATIONS:user-note:2026-01-26', from: null, to: '25' },
    ]);
  });

  it('writes nothing for a count it has, and changes a count of the same day', async () => {
    const again = await put('25', '2026-01-26');
    expect(again.result).toBe(0);
    expect(again.changes.articleClaim).toEqual({ created: 0, updated: 0, unchanged: 1, deleted: 0 });
    expect(again.revisions).toEqual([]);
    await put('26', '2026-01-26');
    expect(await article()).toMatchObject({ citations: 26, citationsAsOf: '2026-01-26' });
  });

  it('refuses a count that is not a whole number, or an article it does not have, writing nothing', async () => {
    const refused = await put('2.5', '2026-02-01').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphInputError);
    expect((refused as GraphInputError).problems).toEqual([
      { path: 'articleClaims[0].value', message: '"2.5" is not a whole number of citations', code: 'INVALID' },
    ]);
    const missing = await writeGraph(server.database, (graph) =>
      graph.putArticleClaims([
        {
          article: 'https://example.org/none',
          property: 'CITATIONS',
          value: '1',
          asOf: day('2026-01-01'),
          source: 'user-note',
        },
      ]),
    ).catch((error: unknown) => error);
    expect((missing as GraphInputError).problems?.[0]?.code).toBe('NOT_FOUND');
    expect(await article()).toMatchObject({ citations: 26 });
  });

  it('orders and filters articles by their citations', async () => {
    const { body } = await server.graphql<{ articles: { totalCount: number; edges: { node: { url: string } }[] } }>(
      `{ articles(first: 2, orderBy: { field: CITATIONS, direction: DESC }, filter: { citations: { gte: 20 } }) {
        totalCount edges { node { url } } } }`,
    );
    expect(body.data?.articles).toEqual({ totalCount: 1, edges: [{ node: { url } }] });
  });

  it('loses a deleted source’s counts, and the article’s citations follow', async () => {
    await put('500', '2026-03-01', 'arxiv-2107-02137');
    expect(await article()).toMatchObject({ citations: 500, citationsAsOf: '2026-03-01' });
    await writeGraph(server.database, (graph) => graph.deleteEntity('source', 'arxiv-2107-02137', { cascade: true }));
    expect(await article()).toMatchObject({ citations: 26, citationsAsOf: '2026-01-26' });
  });
});
