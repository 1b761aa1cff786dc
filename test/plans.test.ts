/**
 * The hot paths read by index: every statement of the point lookup (W1), the nested question (an
 * organization's models with their first articles and counts, W2), lineage (W4), an article with
 * what it covers and a person with their articles is explained on the graph npm start builds grown
 * by synthetic articles, and none may read a table that grows with the articles from end to end
 * (`SCAN` in SQLite's plan; on PostgreSQL, with sequential scans discouraged, a `Seq Scan` or an
 * index read without a condition). Such a statement would take time in proportion to the graph:
 * fine at a thousand articles, not at a million.
 *
 * Not yet index-bound, and so not here: `articles(filter: { coversModelOf })` naming several
 * organizations, or with other conditions (a correlated EXISTS over every article), search for one or two Latin letters or digits ("AI": LIKE over every
 * document), and the overview's aggregates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSynthetic } from '../seed/synthetic/generate.js';
import { createToken } from '../src/auth/tokens.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { searchDocumentsOf } from '../src/db/search-documents.js';
import { createApp } from '../src/yoga.js';
import { BENCH_OPERATIONS, w5Request } from './bench/operations.js';
import { createP0App } from './bench/p0.js';
import { TEST_DATABASE, type TestDatabase } from './helpers/database.js';
import { createFullGraphDatabase } from './helpers/full-graph.js';

/** The tables that grow with the articles (and their authors, history and search documents). */
const GROWING = [
  'Article',
  'ArticleModel',
  'ArticleOrganization',
  'ArticleTopic',
  'ArticleAuthor',
  'ArticleClaim',
  'Revision',
  'SearchDocument',
  // The articles each organization and country reaches (the overview's counts).
  'OrganizationArticle',
  'CountryArticle',
];

const OPERATIONS: Record<string, string> = {
  'W1 model(slug:)': '{ model(slug: "chatgpt") { id slug name nameZh parameterCount { display } } }',
  // The id is ChatGPT's, read in beforeAll.
  'W1 node(id:)': 'query ($id: ID!) { node(id: $id) { id ... on Model { slug } } }',
  'W2 an organization, its models, their first articles and counts': `{ organization(slug: "openai") {
      models(first: 20) { totalCount edges { node { slug articles(first: 5) { totalCount edges { relevance node { title url } } } } } } } }`,
  'W2 a model page': `{ model(slug: "gpt-3") { name developers { organization { slug } } topics { slug }
      articles(first: 10) { totalCount edges { node { title language publishedAt } } } claims { value source { slug } } } }`,
  'W4 lineage down from GPT-3, depth 5':
    '{ model(slug: "gpt-3") { lineage(direction: DOWN, maxDepth: 5) { depth kind model { slug } } } }',
  'an article with what it covers': `{ article(url: "https://synthetic.example/21/articles/7") { title
      models { totalCount edges { relevance node { slug } } } organizations { organization { slug } } topics { topic { slug } }
      authors(first: 5) { totalCount } } }`,
  'the overview: counts per organization, topic and country': `{ overview {
      organizations { organization { slug } modelCount articleCount largestModel { slug } }
      topics { topic { slug } modelCount articleCount } countries { country organizationCount modelCount articleCount } } }`,
  'every article: the count and the facets': `{ articles(first: 5) { totalCount edges { node { title } }
      facets { languages { value count } sites { value count } kinds { value count } years { year count }
        organizations { organization { slug } count } topics { topic { slug } count } } } }`,
  // A model covered by many articles: its newest read from the articles' order (the model with
  // the most coverage of the synthetic graph).
  'the newest articles of a much-covered model': `{ organization(slug: "meta-ai") {
      articles(first: 10, orderBy: { field: PUBLISHED_AT, direction: DESC }) { edges { node { title } } } } }`,
  'W2 flat: the articles covering the models of an organization': `{ articles(first: 20, filter: { coversModelOf: { slug: "openai" } }) {
      totalCount edges { node { title url } } } }`,
  'the articles covering the models of a country': `{ articles(first: 20, filter: { coversModelOf: { country: "CN" } }) {
      totalCount edges { node { title url } } } }`,
  // One or two CJK characters have no trigram: they are looked up in the documents' grams.
  'W3 search for two Chinese characters': `{ search(query: "百度", first: 10) { totalCount edges { node { __typename
      ... on Organization { slug } ... on Model { slug } ... on Article { title } } } } }`,
  'W3 search for one Chinese character': `{ search(query: "悟", first: 10) { totalCount edges { node { __typename
      ... on Organization { slug } ... on Model { slug } ... on Article { title } } } } }`,
  'a person with their articles': `{ people(first: 1) { edges { node { slug articles(first: 10) { totalCount edges { node { title } } } } } } }`,
};

/**
 * Every article in an order of its own, the unknown ones last (the migrations article_order_indexes:
 * on SQLite indexes on Prisma's CASE for the nulls, on PostgreSQL indexes with NULLS LAST).
 */
const SORTED_OPERATIONS: Record<string, string> = {
  'every article, newest first': `{ articles(first: 10, orderBy: { field: PUBLISHED_AT, direction: DESC }) { edges { node { title } } } }`,
  'every article, oldest first': `{ articles(first: 10, orderBy: { field: PUBLISHED_AT }) { edges { node { title } } } }`,
  'every article, most cited first': `{ articles(first: 10, orderBy: { field: CITATIONS, direction: DESC }) { edges { node { title } } } }`,
  'every article, least cited first': `{ articles(first: 10, orderBy: { field: CITATIONS }) { edges { node { title } } } }`,
  // The articles of a common language or site, from the order's index (GraphStore.orderedArticleIds).
  'the articles in English, newest first': `{ articles(first: 10, filter: { language: "en" }, orderBy: { field: PUBLISHED_AT, direction: DESC }) { edges { node { title } } } }`,
  'the articles in Chinese, most cited first': `{ articles(first: 10, filter: { language: "zh-Hans" }, orderBy: { field: CITATIONS, direction: DESC }) { edges { node { title } } } }`,
  // Read backwards with a filter Prisma's statement answers: its order written backwards (on
  // SQLite, the migration article_order_reversed_indexes).
  'the last papers, newest first': `{ articles(last: 10, filter: { kind: PAPER }, orderBy: { field: PUBLISHED_AT, direction: DESC }) { edges { node { title } } } }`,
  'the last papers, oldest first': `{ articles(last: 10, filter: { kind: PAPER }, orderBy: { field: PUBLISHED_AT }) { edges { node { title } } } }`,
  'the least cited papers, most cited first': `{ articles(last: 10, filter: { kind: PAPER }, orderBy: { field: CITATIONS, direction: DESC }) { edges { node { title } } } }`,
  'the most cited papers, least cited first': `{ articles(last: 10, filter: { kind: PAPER }, orderBy: { field: CITATIONS }) { edges { node { title } } } }`,
};

type Statement = { sql: string; params: string };
const variables: Record<string, unknown> = {};

describe('the hot paths read by index, never a whole growing table', () => {
  let db: TestDatabase;
  let traced: Database;
  const statements: Statement[] = [];

  beforeAll(async () => {
    db = await createFullGraphDatabase('plans');
    await addSynthetic(db.database, { articles: 2_000, seed: 21 });
    traced = openDatabase(db.database.config, { onQuery: (sql, params) => statements.push({ sql, params }) });
    variables.id = (await run('{ model(slug: "chatgpt") { id } }')).model.id;
  }, 120_000);

  afterAll(async () => {
    await traced?.disconnect();
    await db?.cleanup();
  });

  /** PostgreSQL's plan of a statement (JSON), sequential scans off: what the indexes allow. */
  async function postgresPlan(sql: string, params: unknown[]): Promise<unknown> {
    return db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      const [row] = await tx.$queryRawUnsafe<{ 'QUERY PLAN': unknown }[]>(`EXPLAIN (FORMAT JSON) ${sql}`, ...params);
      return row?.['QUERY PLAN'];
    });
  }

  /** The plan of a statement as text lines, and the growing tables it reads from end to end. */
  async function fullReads(statement: Statement): Promise<string[]> {
    const params = JSON.parse(statement.params) as unknown[];
    if (TEST_DATABASE === 'postgresql') {
      const plan = await postgresPlan(statement.sql, params);
      const found: string[] = [];
      const visit = (node: Record<string, unknown>, parent?: Record<string, unknown>) => {
        const relation = node['Relation Name'] as string | undefined;
        const type = node['Node Type'] as string;
        if (relation && GROWING.includes(relation)) {
          if (type === 'Seq Scan') found.push(`Seq Scan on ${relation}`);
          // An index read in its order under a Limit stops at the page's last row: a page of the
          // whole list, not the whole list.
          if (/Index/.test(type) && !node['Index Cond'] && parent?.['Node Type'] !== 'Limit')
            found.push(`${type} on ${relation} without a condition`);
          // A bitmap over a whole index (its index scans have no condition) reads every row too.
          if (type === 'Bitmap Heap Scan' && !node['Recheck Cond'])
            found.push(`${type} on ${relation} of a whole index`);
        }
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child, node);
      };
      for (const entry of (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: Record<string, unknown> }[])
        visit(entry.Plan);
      return found;
    }
    const sql = statement.sql.replace(/`main`\./g, '');
    // A table's alias stands for the table: in Prisma's SQL (`Article` AS `t0`) and in the store's
    // ("SearchDocument" d, "Article" AS a).
    const aliases = new Map<string, string>(GROWING.map((table) => [table, table]));
    for (const match of sql.matchAll(/`(\w+)` AS `(\w+)`|"(\w+)"\s+(?:AS\s+)?"?(\w+)"?/gi)) {
      const table = (match[1] ?? match[3]) as string;
      if (GROWING.includes(table)) aliases.set((match[2] ?? match[4]) as string, table);
    }
    const rows = await db.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
    // A page of a whole table in the order of its key (a plain SCAN, no sorting, then LIMIT), or
    // in the order of an index (the page's ORDER BY, no sorting), stops at the page's last row.
    const page = rows.length === 1 && /LIMIT \? OFFSET \?$/.test(sql.trim());
    const pageInKeyOrder = page && /ORDER BY `?(\w+)`?\.`?id`? ASC LIMIT \? OFFSET \?$/.test(sql.trim());
    // A subquery reading a table in an index's order up to a LIMIT (`(SELECT ... FROM "Article" a
    // ORDER BY ... LIMIT ?) AS a`) stops there too: its index scan, and the scan of its rows.
    const limited = new Set(
      [...sql.matchAll(/\(SELECT [^()]* FROM "\w+" (\w+)\s+ORDER BY [^()]* LIMIT \?\) AS "?(\w+)"?/g)].flatMap(
        (match) => [match[1] as string, match[2] as string],
      ),
    );
    const found = rows
      .map((row) => row.detail)
      .filter((detail) => {
        const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
        if (pageInKeyOrder && /^SCAN \w+$/.test(detail)) return false;
        if (page && /^SCAN \w+ USING (COVERING )?INDEX \w+$/.test(detail)) return false;
        if (scanned && limited.has(scanned) && /^SCAN \w+( USING (COVERING )?INDEX \w+)?$/.test(detail)) return false;
        return scanned !== undefined && aliases.has(scanned);
      });
    // A page (a positive LIMIT) that is sorted after reading: every matching row of a growing table
    // is read and sorted for it, however few the page holds (a hot model's 220,000 articles at a
    // million, for its first five), where an index in the page's order would stop at its last row.
    const limit = /LIMIT \? OFFSET \?$/.test(sql.trim()) ? Number(params.at(-2)) : -1;
    if (limit > 0 && rows.some((row) => /USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/.test(row.detail))) {
      const read = rows
        .filter((row) => !/\(articleId=\?\)/.test(row.detail))
        .map((row) => /^(?:SEARCH|SCAN) (\w+)/.exec(row.detail)?.[1])
        .find((table) => table && aliases.has(table));
      if (read) found.push(`a page sorted after reading ${aliases.get(read)}`);
    }
    return found;
  }

  // biome-ignore lint/suspicious/noExplicitAny: answers are read by path.
  async function run(query: string): Promise<any> {
    const response = await createApp(traced).fetch('http://plans/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: query.includes('$id') ? variables : undefined }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  const checked: Record<string, string> = { ...OPERATIONS, ...SORTED_OPERATIONS };
  it.each(Object.keys(checked))('%s', async (name) => {
    statements.length = 0;
    const data = await run(checked[name] as string);
    // Something was found: an empty answer would explain nothing.
    expect(JSON.stringify(data)).toMatch(/slug|title/);
    const reads = statements.filter((statement) => /^\s*(SELECT|WITH)\b/i.test(statement.sql));
    expect(reads.length).toBeGreaterThan(0);
    const scans: string[] = [];
    for (const statement of reads)
      for (const scan of await fullReads(statement)) scans.push(`${scan} in ${statement.sql.slice(0, 160)}`);
    expect(scans).toEqual([]);
  });

  it('looks one or two CJK characters up in the index of the grams', async () => {
    // PostgreSQL reads a bitmap of its trigram index whether or not the index holds the query's
    // trigrams (without them it reads the whole index): the check above cannot tell, this one can.
    for (const query of ['百度', '悟']) {
      statements.length = 0;
      await run(`{ search(query: "${query}", first: 10) { totalCount } }`);
      const searches = statements.filter((statement) => /"SearchDocument"/.test(statement.sql));
      expect(searches.length).toBeGreaterThan(0);
      for (const statement of searches) {
        const params = JSON.parse(statement.params) as unknown[];
        const plan =
          TEST_DATABASE === 'postgresql'
            ? await db.prisma.$transaction(async (tx) => {
                await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
                return tx.$queryRawUnsafe<unknown[]>(`EXPLAIN ${statement.sql}`, ...params);
              })
            : await db.prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${statement.sql}`, ...params);
        expect(JSON.stringify(plan, (_key, value) => (typeof value === 'bigint' ? Number(value) : value))).toMatch(
          TEST_DATABASE === 'postgresql' ? /SearchDocument_grams_trgm_idx/ : /SCAN SearchRank VIRTUAL TABLE INDEX/,
        );
        // SQLite's one index has a column of grams: the query names it.
        if (TEST_DATABASE === 'sqlite') expect(params).toContainEqual(expect.stringMatching(/^\{grams\} : " /));
      }
    }
  });

  it("reads each parent's first articles in a limited range, as the parent's query would read them", async () => {
    // A filter of nothing keeps every article but takes the other path: Prisma's, with the parent.
    const page = (args: string) => `articles(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor relevance confidence basis node { url title } } }`;
    // No size is the default size (20), read the same way (`orderBy: null`: an argument that says nothing).
    for (const size of [1, 5, 20, undefined]) {
      statements.length = 0;
      const fast = await run(`{ organization(slug: "openai") { models(first: 20) { edges { node { slug
        ${size === undefined ? page('orderBy: null') : page(`first: ${size}`)} } } } } }`);
      // On SQLite (PostgreSQL's Prisma limits each parent's page in the parent's statement).
      if (TEST_DATABASE === 'sqlite')
        expect(statements.some((statement) => /UNION ALL/.test(statement.sql))).toBe(true);
      const full = await run(`{ organization(slug: "openai") { models(first: 20) { edges { node { slug
        ${page(`first: ${size ?? 20}, filter: {}`)} } } } } }`);
      expect(fast).toEqual(full);
      // Some pages were cut at their size (more follow), others hold all their parent's articles.
      const edges = fast.organization.models.edges as { node: { articles: { edges: unknown[] } } }[];
      if (size !== undefined && size < 20)
        expect(edges.some((edge) => edge.node.articles.edges.length === size)).toBe(true);
    }
    // The page goes on from a fast page's cursor as from the other's.
    for (const parent of ['model(slug: "gpt-3")', 'organization(slug: "openai")', 'topic(slug: "rlhf")']) {
      const field = parent.slice(0, parent.indexOf('('));
      const first = (await run(`{ ${parent} { ${page('first: 3')} } }`))[field].articles;
      const next = (await run(`{ ${parent} { ${page(`first: 3, after: "${first.pageInfo.endCursor}"`)} } }`))[field]
        .articles;
      const whole = (await run(`{ ${parent} { ${page('first: 6, filter: {}')} } }`))[field].articles;
      expect(first.edges.length).toBe(3);
      expect([...first.edges, ...next.edges]).toEqual(whole.edges);
    }
  });

  /**
   * Parents of article pages, each as the text around its page (one parent, or a list of them):
   * the most covered model, a few well-known ones, and the lists of OpenAI's models and of topics.
   */
  async function parentsAroundPages(): Promise<[string, string][]> {
    const hotModel = await mostCoveredModel();
    return [
      [`model(slug: "${hotModel.slug}") {`, '}'],
      ['model(slug: "gpt-3") {', '}'],
      ['organization(slug: "openai") {', '}'],
      ['organization(slug: "meta-ai") {', '}'],
      ['topic(slug: "rlhf") {', '}'],
      ['organization(slug: "openai") { models(first: 20) { edges { node { slug', '} } } }'],
      ['topics(first: 30) { edges { node { slug', '} } }'],
    ];
  }

  it("reads each parent's last articles in the default order from the end of its range, as the parent's query would", async () => {
    const page = (args: string) => `articles(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor }
      edges { cursor relevance node { url language } } }`;
    const parents = await parentsAroundPages();
    const ranges = (sql: string) => /AS "range0"/.test(sql);
    let fromEnd = 0;
    for (const filter of ['', 'filter: { language: "en" },', 'filter: { language: "zh-Hant" },'])
      for (const [before, after] of parents)
        for (const size of [1, 5, 20]) {
          const query = (args: string) => `{ ${before} ${page(args)} ${after} }`;
          statements.length = 0;
          const fast = await run(query(`${filter} last: ${size}`));
          const reads = statements.filter((statement) => ranges(statement.sql));
          if (reads.some((statement) => /DESC LIMIT/.test(statement.sql))) fromEnd++;
          for (const statement of reads) expect(await fullReads(statement), statement.sql).toEqual([]);
          // The same arguments with a filter the store does not read: Prisma's page, with the parent.
          const general = filter === '' ? 'filter: {},' : `filter: { and: [{ ${filter.slice(9, -2)} }] },`;
          const full = await run(query(`${general} last: ${size}`));
          expect(fast, `${before} ${filter} ${size}`).toEqual(full);
        }
    expect(fromEnd).toBeGreaterThanOrEqual(15);
    // The page before the last goes on from its cursor as the other's does.
    const last = (await run(`{ topic(slug: "rlhf") { ${page('last: 3')} } }`)).topic.articles;
    const previous = (
      await run(`{ topic(slug: "rlhf") { ${page(`last: 3, before: "${last.pageInfo.startCursor}"`)} } }`)
    ).topic.articles;
    const whole = (await run(`{ topic(slug: "rlhf") { ${page('last: 6, filter: {}')} } }`)).topic.articles;
    expect(last.edges.length).toBe(3);
    expect([...previous.edges, ...last.edges]).toEqual(whole.edges);
  });

  it("reads a parent's first articles of one language or site in the default order from the smaller of its rows and the value's articles, as the parent's query would", async () => {
    const page = (args: string) => `articles(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor relevance node { url language site } } }`;
    const parents = await parentsAroundPages();
    const byParent = (sql: string) =>
      /FROM "Article(Model|Organization|Topic)" c\s+WHERE c\."\w+" = \S+\s+AND \(SELECT/.test(sql);
    const byValue = (sql: string) =>
      /FROM \(SELECT a\."id" FROM "Article" a\s+WHERE a\."\w+" = \S+\s+AND \(SELECT 1/.test(sql);
    let parentReads = 0;
    let valueReads = 0;
    // A rare language (one article: read from its articles), the common ones, a site, and one no
    // article has (nothing read).
    for (const filter of [
      'language: "zh-Hant"',
      'language: "en"',
      'language: "zh-Hans"',
      'site: WECHAT',
      'language: "x-none"',
    ])
      for (const [before, after] of parents)
        for (const size of [1, 5, 20]) {
          const query = (args: string) => `{ ${before} ${page(args)} ${after} }`;
          statements.length = 0;
          const fast = await run(query(`first: ${size}, filter: { ${filter} }`));
          const reads = [...statements];
          parentReads += reads.filter((statement) => byParent(statement.sql)).length;
          valueReads += reads.filter((statement) => byValue(statement.sql)).length;
          for (const statement of reads.filter((read) => byParent(read.sql) || byValue(read.sql)))
            expect(await fullReads(statement), statement.sql).toEqual([]);
          const full = await run(query(`first: ${size}, filter: { and: [{ ${filter} }] }`));
          expect(fast, `${before} ${filter} ${size}`).toEqual(full);
        }
    expect(parentReads).toBeGreaterThan(0);
    expect(valueReads).toBeGreaterThan(0);
    // The next page goes on from a fast page's cursor as from the other's.
    const first = (await run(`{ organization(slug: "openai") { ${page('first: 3, filter: { language: "en" }')} } }`))
      .organization.articles;
    const next = (
      await run(
        `{ organization(slug: "openai") { ${page(`first: 3, after: "${first.pageInfo.endCursor}", filter: { language: "en" }`)} } }`,
      )
    ).organization.articles;
    const whole = (
      await run(`{ organization(slug: "openai") { ${page('first: 6, filter: { and: [{ language: "en" }] }')} } }`)
    ).organization.articles;
    expect(first.edges.length).toBe(3);
    expect([...first.edges, ...next.edges]).toEqual(whole.edges);
  });

  it("reads a parent's first articles by date or citations from the articles' order where it covers many, as a sort would", async () => {
    const page = (args: string) => `articles(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor relevance node { url publishedAt citations } } }`;
    const hotModel = await mostCoveredModel();
    const orders = [
      '{ field: PUBLISHED_AT, direction: DESC }',
      '{ field: PUBLISHED_AT }',
      '{ field: CITATIONS, direction: DESC }',
      '{ field: CITATIONS }',
    ];
    const parents = [
      `model(slug: "${hotModel.slug}")`,
      'model(slug: "gpt-3")',
      'organization(slug: "openai")',
      'organization(slug: "meta-ai")',
      'topic(slug: "rlhf")',
    ];
    const walks = (sql: string) => /FROM \(SELECT a\."id"/.test(sql);
    let walked = 0;
    for (const parent of parents)
      for (const orderBy of orders)
        for (const size of [1, 5, 20]) {
          statements.length = 0;
          const fast = await run(`{ ${parent} { ${page(`first: ${size}, orderBy: ${orderBy}`)} } }`);
          if (statements.some((statement) => walks(statement.sql))) walked++;
          const full = await run(`{ ${parent} { ${page(`first: ${size}, orderBy: ${orderBy}, filter: {}`)} } }`);
          expect(fast, `${parent} ${orderBy} ${size}`).toEqual(full);
        }
    // The hot model's pages were read from the order (12 of them), the others may be.
    expect(walked).toBeGreaterThanOrEqual(12);
    // A list of parents: each its own page, the same as sorted with the parent.
    for (const orderBy of orders) {
      const list = (extra: string) =>
        run(
          `{ organization(slug: "openai") { models(first: 20) { edges { node { slug ${page(`first: 3, orderBy: ${orderBy}${extra}`)} } } } } }`,
        );
      expect(await list('')).toEqual(await list(', filter: {}'));
    }
    // A topic covering many articles, all among the oldest: its newest are not found early in the
    // order, and the walk gives way to a sort.
    const oldest = await db.prisma.article.findMany({
      where: { publishedAt: { not: null } },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      take: 600,
      select: { id: true },
    });
    const topic = await db.prisma.topic.create({ data: { slug: 'old-articles', name: 'Old articles' } });
    try {
      await db.prisma.articleTopic.createMany({ data: oldest.map(({ id }) => ({ articleId: id, topicId: topic.id })) });
      statements.length = 0;
      const orderBy = '{ field: PUBLISHED_AT, direction: DESC }';
      const fast = await run(`{ topic(slug: "old-articles") { ${page(`first: 5, orderBy: ${orderBy}`)} } }`);
      const reads = statements.map((statement) => statement.sql);
      expect(reads.some(walks)).toBe(true);
      expect(reads.some((sql) => /CROSS JOIN "Article" a/.test(sql))).toBe(true);
      expect(fast).toEqual(
        await run(`{ topic(slug: "old-articles") { ${page(`first: 5, orderBy: ${orderBy}, filter: {}`)} } }`),
      );
      expect(fast.topic.articles.edges).toHaveLength(5);
    } finally {
      await db.prisma.topic.delete({ where: { id: topic.id } });
    }
  });

  it('reads the first articles of one language or site by date or citations from the order where the value is common, as a sort would', async () => {
    const page = (args: string) => `{ articles(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { url publishedAt citations language site } } } }`;
    const { facets } = (
      await run('{ articles(first: 1) { facets { languages { value count } sites { value count } } } }')
    ).articles as { facets: Record<'languages' | 'sites', { value: string; count: number }[]> };
    // Every language, the most and the least common sites (a rare one is sorted, not walked).
    const sites = facets.sites.map((site) => `site: ${site.value}`);
    const filters = [
      ...facets.languages.map((language) => `language: ${JSON.stringify(language.value)}`),
      ...sites.slice(0, 3),
      ...sites.slice(-2),
    ];
    expect(facets.languages.length).toBeGreaterThan(1);
    const orders = [
      '{ field: PUBLISHED_AT, direction: DESC }',
      '{ field: PUBLISHED_AT }',
      '{ field: CITATIONS, direction: DESC }',
      '{ field: CITATIONS }',
    ];
    const walks = (sql: string) => /FROM \(SELECT a\."id"/.test(sql);
    let walked = 0;
    let sorted = 0;
    for (const filter of filters)
      for (const orderBy of orders)
        for (const size of [1, 5, 20]) {
          statements.length = 0;
          // An \`and\` of nothing keeps the same articles but takes Prisma's statement: the answer to compare with.
          const fast = await run(page(`first: ${size}, filter: { ${filter} }, orderBy: ${orderBy}`));
          const reads = statements.map((statement) => statement.sql);
          if (reads.some(walks)) walked++;
          else if (reads.some((sql) => /FROM "Article" a WHERE a\."(language|site)" =/.test(sql))) sorted++;
          const full = await run(page(`first: ${size}, filter: { ${filter}, and: [{}] }, orderBy: ${orderBy}`));
          expect(fast, `${filter} ${orderBy} ${size}`).toEqual(full);
          expect(fast.articles.edges.length).toBe(Math.min(size, full.articles.totalCount));
        }
    expect(walked).toBeGreaterThanOrEqual(12);
    expect(sorted).toBeGreaterThanOrEqual(12);
    // The next pages, walked from the cursor (its value known), go on where the first ended.
    let walkedOn = 0;
    // The two most common languages and the most common site.
    for (const filter of [...filters.slice(0, 2), sites[0] as string])
      for (const orderBy of orders) {
        const first = (await run(page(`first: 3, filter: { ${filter} }, orderBy: ${orderBy}`))).articles;
        statements.length = 0;
        const second = (
          await run(page(`first: 3, after: "${first.pageInfo.endCursor}", filter: { ${filter} }, orderBy: ${orderBy}`))
        ).articles;
        if (statements.some((statement) => walks(statement.sql))) walkedOn++;
        const third = (
          await run(page(`first: 3, after: "${second.pageInfo.endCursor}", filter: { ${filter} }, orderBy: ${orderBy}`))
        ).articles;
        const whole = (await run(page(`first: 9, filter: { ${filter}, and: [{}] }, orderBy: ${orderBy}`))).articles;
        expect([...first.edges, ...second.edges, ...third.edges], `${filter} ${orderBy}`).toEqual(whole.edges);
      }
    expect(walkedOn).toBeGreaterThanOrEqual(4);
    // A common language all among the oldest articles: its newest are not found early in the
    // order, and the walk gives way to a sort.
    const oldest = await db.prisma.article.findMany({
      where: { publishedAt: { not: null } },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      take: 600,
      select: { id: true, language: true },
    });
    try {
      await db.prisma.article.updateMany({
        where: { id: { in: oldest.map(({ id }) => id) } },
        data: { language: 'x-old' },
      });
      statements.length = 0;
      const args = 'first: 5, filter: { language: "x-old" }, orderBy: { field: PUBLISHED_AT, direction: DESC }';
      const fast = await run(page(args));
      const reads = statements.map((statement) => statement.sql);
      expect(reads.some(walks)).toBe(true);
      expect(reads.some((sql) => /FROM "Article" a WHERE a\."language" =/.test(sql))).toBe(true);
      expect(fast).toEqual(await run(page(args.replace('"x-old" }', '"x-old", and: [{}] }'))));
      expect(fast.articles.edges).toHaveLength(5);
    } finally {
      for (const { id, language } of oldest) await db.prisma.article.update({ where: { id }, data: { language } });
    }
  });

  it('pages on from a cursor by date or citations, both ways, unknown values included, as the whole list runs', async () => {
    type Page = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string; startCursor: string };
      edges: { cursor: string; node: { url: string; publishedAt: string | null; citations: number | null } }[];
    };
    const list = async (args: string): Promise<Page> =>
      (
        await run(`{ articles(${args}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
          edges { cursor node { url publishedAt citations } } } }`)
      ).articles;
    const orders = [
      'orderBy: { field: PUBLISHED_AT, direction: DESC }',
      'orderBy: { field: PUBLISHED_AT }',
      'orderBy: { field: CITATIONS, direction: DESC }',
      'orderBy: { field: CITATIONS }',
    ];
    /**
     * Whether the page was read by `GraphStore.orderedArticleIds`, from the cursor or the end of the
     * order's index. A page read backwards (the last, or before a cursor) always is: Prisma writes
     * that order on SQLite as no index holds it.
     */
    const readByStore = () => statements.some((statement) => /^SELECT a\."id" AS "id" FROM/.test(statement.sql.trim()));
    const expectReadFromEnd = (label: string) => expect(readByStore(), label).toBe(true);
    /** Pages of `size` after `from` (the start when none) until `count` edges are read. */
    const forwardFrom = async (args: string, from: string | undefined, count: number, size: number) => {
      const edges: Page['edges'] = [];
      let after = from;
      while (edges.length < count) {
        statements.length = 0;
        const page = await list(`first: ${size}, ${after ? `after: "${after}",` : ''} ${args}`);
        // After a cursor (the previous page's last edge) of a known value, the page is read from the
        // cursor on in the order's index; after one of unknown value, by Prisma's keyset page.
        const cursorEdge = edges.at(-1);
        if (cursorEdge) {
          const value = args.includes('CITATIONS') ? cursorEdge.node.citations : cursorEdge.node.publishedAt;
          expect(readByStore(), `${args} after ${JSON.stringify(cursorEdge.node)}`).toBe(value !== null);
        }
        edges.push(...page.edges);
        // No page reads the whole list to page it in memory, as Prisma's cursor did in these
        // orders (SQLite's statement then had no limit: LIMIT -1).
        expect(statements.filter(readsWholeList)).toEqual([]);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return edges.slice(0, count);
    };
    /** Pages of `size` before `from` until `count` edges are read, in the list's order. */
    const backwardFrom = async (args: string, from: string, count: number, size: number) => {
      const edges: Page['edges'] = [];
      let before = from;
      while (edges.length < count) {
        statements.length = 0;
        const page = await list(`last: ${size}, before: "${before}", ${args}`);
        expectReadFromEnd(`${args} before`);
        edges.unshift(...page.edges);
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      return edges.slice(-count);
    };
    let unknown = 0;
    for (const filter of ['', 'filter: { site: WECHAT },', 'filter: { language: "zh-Hans" },'])
      for (const orderBy of orders) {
        const args = `${filter} ${orderBy}`;
        // The head of the list, and its tail (where the unknown values are).
        const head = (await list(`first: 30, ${args}`)).edges;
        statements.length = 0;
        const tail = (await list(`last: 30, ${args}`)).edges;
        expectReadFromEnd(`${args} last`);
        expect(head.length, args).toBe(30);
        if (tail.some((edge) => edge.node.publishedAt === null || edge.node.citations === null)) unknown++;
        expect(await forwardFrom(args, undefined, 30, 7), `${args} forward`).toEqual(head);
        expect(await backwardFrom(args, (head.at(-1) as Page['edges'][number]).cursor, 29, 5)).toEqual(
          head.slice(0, 29),
        );
        expect(await forwardFrom(args, (tail[0] as Page['edges'][number]).cursor, 29, 7), `${args} tail`).toEqual(
          tail.slice(1),
        );
        expect(await backwardFrom(args, (tail.at(-1) as Page['edges'][number]).cursor, 29, 5)).toEqual(
          tail.slice(0, 29),
        );
      }
    // Some lists held articles of unknown date or citations, which come last.
    expect(unknown).toBeGreaterThan(0);
  });

  /** The model the most articles cover (a parent whose pages walk the articles' order). */
  async function mostCoveredModel() {
    const [hot] = await db.prisma.articleModel.groupBy({
      by: ['modelId'],
      _count: { _all: true },
      orderBy: { _count: { articleId: 'desc' } },
      take: 1,
    });
    return db.prisma.model.findUniqueOrThrow({ where: { id: hot?.modelId ?? 0 } });
  }

  /** Whether a statement reads a whole list to page it in memory (Prisma's cursor in an order with the unknown values last: LIMIT -1 on SQLite). */
  const readsWholeList = (statement: Statement) =>
    /ORDER BY [\s\S]* LIMIT \? OFFSET \?$/.test(statement.sql.trim()) &&
    (JSON.parse(statement.params) as unknown[]).at(-2) === -1;

  /**
   * Pages from the first edge of `whole` (a list's head or tail, read at once) forward and from
   * its last back, `size` at a time, and expects the edges between them, no page reading its
   * whole list; `checkPage` checks the statements of each page, either way.
   */
  async function expectPagesBothWays<Edge extends { cursor: string }>(
    list: (args: string) => Promise<{ pageInfo: { endCursor: string; startCursor: string }; edges: Edge[] }>,
    label: string,
    args: string,
    whole: Edge[],
    size: number,
    checkPage?: (reads: string[]) => void,
  ): Promise<void> {
    const between = whole.length - 1;
    const forward: Edge[] = [];
    let after = (whole[0] as Edge).cursor;
    while (forward.length < between) {
      statements.length = 0;
      const page = await list(`first: ${size}, after: "${after}", ${args}`);
      expect(statements.filter(readsWholeList)).toEqual([]);
      checkPage?.(statements.map((statement) => statement.sql));
      forward.push(...page.edges);
      after = page.pageInfo.endCursor;
    }
    expect(forward.slice(0, between), `${label} forward`).toEqual(whole.slice(1));
    const backward: Edge[] = [];
    let before = (whole.at(-1) as Edge).cursor;
    while (backward.length < between) {
      statements.length = 0;
      const page = await list(`last: ${size}, before: "${before}", ${args}`);
      checkPage?.(statements.map((statement) => statement.sql));
      backward.unshift(...page.edges);
      before = page.pageInfo.startCursor;
    }
    expect(backward.slice(-between), `${label} backward`).toEqual(whole.slice(0, between));
  }

  it("pages a parent's articles on from a cursor by date or citations, both ways, as the whole list runs", async () => {
    type Edge = {
      cursor: string;
      relevance: string;
      node: { url: string; publishedAt: string | null; citations: number | null };
    };
    type Page = {
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string; startCursor: string };
      edges: Edge[];
    };
    const hotModel = await mostCoveredModel();
    const parents = [
      'organization(slug: "meta-ai")',
      'organization(slug: "openai")',
      `model(slug: "${hotModel.slug}")`,
    ];
    let unknown = 0;
    let pagesFromCursor = 0;
    /** Whether a walk of the order's index fell back to sorting the parent's rows (two statements from the cursor). */
    const walked = (reads: string[]) =>
      reads.some((sql) => /AS "walk0"/.test(sql)) && reads.some((sql) => /AS "sort0"/.test(sql));
    for (const parent of parents) {
      const field = parent.slice(0, parent.indexOf('('));
      const list = async (args: string): Promise<Page> =>
        (
          await run(`{ ${parent} { articles(${args}) { pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
            edges { cursor relevance node { url publishedAt citations } } } } }`)
        )[field].articles;
      // No filter, one language (read by the store), and the same language as a filter the store
      // does not read (Prisma's statement: the answers to compare with).
      const general = 'filter: { and: [{ language: "en" }] },';
      for (const orderBy of [
        'orderBy: { field: PUBLISHED_AT, direction: DESC }',
        'orderBy: { field: PUBLISHED_AT }',
        'orderBy: { field: CITATIONS, direction: DESC }',
        'orderBy: { field: CITATIONS }',
      ]) {
        const english = {
          head: (await list(`first: 16, ${general} ${orderBy}`)).edges,
          tail: (await list(`last: 16, ${general} ${orderBy}`)).edges,
        };
        for (const filter of ['', 'filter: { language: "en" },', general]) {
          const args = `${filter} ${orderBy}`;
          const head = (await list(`first: 16, ${args}`)).edges;
          statements.length = 0;
          const tail = (await list(`last: 16, ${args}`)).edges;
          if (filter !== '') expect({ head, tail }, `${parent} ${args}`).toEqual(english);
          // But for the general filter, the last page, and a page after or before a cursor, are
          // read as a first page is, from the end or the cursor (the walk of the order's index or
          // the parent's rows sorted), not by Prisma's join.
          const ours = (reads: string[]) => {
            const read = reads.filter((sql) => /AS "(walk|sort)0"/.test(sql));
            expect(read.length, `${parent} ${args}`).toBe(filter === general ? 0 : 1 + Number(walked(reads)));
            if (filter !== general) pagesFromCursor++;
          };
          ours(statements.map((statement) => statement.sql));
          for (const whole of [head, tail]) {
            expect(whole.length, `${parent} ${args}`).toBe(16);
            // (Each parent covers more than 16 articles in English.)
            if (whole.some((edge) => edge.node.publishedAt === null || edge.node.citations === null)) unknown++;
            await expectPagesBothWays(list, `${parent} ${args}`, args, whole, 4, ours);
          }
        }
      }
    }
    expect(unknown).toBeGreaterThan(0);
    expect(pagesFromCursor).toBeGreaterThan(0);
  });

  it('pages models on from a cursor by size or release date, both ways, unknown values included, as the whole list runs', async () => {
    type Edge = { cursor: string; node: { slug: string; parameters: string | null; releaseDate: string | null } };
    type Page = {
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string; startCursor: string };
      edges: Edge[];
    };
    const list = async (args: string): Promise<Page> =>
      (
        await run(`{ models(${args}) { pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
          edges { cursor node { slug parameters: parameterCount { display } releaseDate } } } }`)
      ).models;
    let unknown = 0;
    for (const filter of ['', 'filter: { developedBy: { country: "CN" } },'])
      for (const orderBy of [
        'orderBy: { field: PARAMETERS, direction: DESC }',
        'orderBy: { field: PARAMETERS }',
        'orderBy: { field: RELEASE_DATE, direction: DESC }',
        'orderBy: { field: RELEASE_DATE }',
      ]) {
        const args = `${filter} ${orderBy}`;
        for (const whole of [(await list(`first: 24, ${args}`)).edges, (await list(`last: 24, ${args}`)).edges]) {
          expect(whole.length, args).toBe(24);
          if (whole.some((edge) => edge.node.parameters === null || edge.node.releaseDate === null)) unknown++;
          await expectPagesBothWays(list, args, args, whole, 5);
        }
      }
    expect(unknown).toBeGreaterThan(0);
  });

  /** Whether the plan of a statement sorts rows after reading them (its ORDER BY not an index's order). */
  async function sorts(statement: Statement): Promise<boolean> {
    const params = JSON.parse(statement.params) as unknown[];
    if (TEST_DATABASE === 'postgresql') {
      const plan = await postgresPlan(statement.sql, params);
      return /"Node Type":\s*"(Incremental )?Sort"/.test(typeof plan === 'string' ? plan : JSON.stringify(plan));
    }
    const rows = await db.prisma.$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN ${statement.sql}`,
      ...params,
    );
    return rows.some((row) => /USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/.test(row.detail));
  }

  it('reads a page of models by size or release date in the order of an index, both ways, unsorted', async () => {
    // The migrations model_order_indexes: Prisma's order (the unknown ones last, ties by slug) and,
    // for \`last:\`, that order reversed, each held by an index.
    for (const field of ['PARAMETERS', 'RELEASE_DATE'])
      for (const direction of ['ASC', 'DESC'])
        for (const end of ['first', 'last']) {
          const args = `${end}: 10, orderBy: { field: ${field}, direction: ${direction} }`;
          statements.length = 0;
          const data = await run(`{ models(${args}) { edges { node { slug } } } }`);
          expect(data.models.edges, args).toHaveLength(10);
          const pages = statements.filter((statement) => /ORDER BY/.test(statement.sql));
          expect(pages, args).toHaveLength(1);
          expect(await sorts(pages[0] as Statement), args).toBe(false);
        }
    // The check sees a sort: an order no index holds.
    statements.length = 0;
    await traced.prisma.model.findMany({ orderBy: [{ description: 'asc' }, { slug: 'asc' }], take: 5 });
    const sorted = statements.find((statement) => /ORDER BY/.test(statement.sql));
    expect(await sorts(sorted as Statement)).toBe(true);
  });

  it('pages and counts articles(filter: { coversModelOf }) of organizations or a country from the reach rows as the full filter would, both ways', async () => {
    // An \`and\` of nothing keeps the same articles but is not the one condition the reach rows
    // answer: Prisma tests every article, the answer to compare with.
    const list = async (filter: string, page: string) =>
      (
        await run(`{ articles(${page}, filter: ${filter}) { totalCount pageInfo { hasNextPage hasPreviousPage }
        edges { cursor node { url } } } }`)
      ).articles;
    // A few organizations (by slugs, or a country and a kind): their count and facets from their
    // kept rows; their page is Prisma's.
    const owners = [
      'slug: "openai"',
      'slug: "baidu"',
      'slug: "meta"',
      'country: "CN"',
      'country: "US"',
      'slugIn: ["openai", "google", "baidu"]',
      'country: "CN", kind: COMPANY',
    ];
    for (const owner of owners) {
      const fast = `{ coversModelOf: { ${owner} } }`;
      const full = `{ coversModelOf: { ${owner} }, and: [{}] }`;
      const first = await list(fast, 'first: 7');
      expect(first.totalCount, owner).toBeGreaterThan(7);
      expect(first).toEqual(await list(full, 'first: 7'));
      const after = `first: 5, after: "${first.edges[6].cursor}"`;
      expect(await list(fast, after)).toEqual(await list(full, after));
      const before = `last: 4, before: "${first.edges[6].cursor}"`;
      expect(await list(fast, before)).toEqual(await list(full, before));
      expect(await list(fast, 'last: 3')).toEqual(await list(full, 'last: 3'));
      // In another order the page is Prisma's; the count is still the kept one, not counted.
      const newest = 'first: 7, orderBy: { field: PUBLISHED_AT, direction: DESC }';
      statements.length = 0;
      const ordered = await list(fast, newest);
      expect(
        statements.some((statement) => /"(OrganizationCount|CountryCount|OrganizationArticle)"/.test(statement.sql)),
      ).toBe(true);
      // (Prisma's count of the articles names its result `_count$_all`.)
      expect(statements.filter((statement) => /_count\$_all/.test(statement.sql))).toEqual([]);
      expect(ordered).toEqual(await list(full, newest));
      // Their facets, counted over the kept rows, the same as over every article.
      const facets = (filter: string) =>
        run(`{ articles(first: 1, filter: ${filter}) { facets { languages { value count } sites { value count }
          kinds { value count } years { year count } organizations { organization { slug } count }
          topics { topic { slug } count } authors { person { slug } count } } } }`);
      statements.length = 0;
      const kept = await facets(fast);
      expect(
        statements.filter((statement) =>
          /FROM "(OrganizationArticle|CountryArticle)"[\s\S]*\) AS r JOIN/.test(statement.sql),
        ),
      ).toHaveLength(7);
      expect(kept).toEqual(await facets(full));
      expect(kept.articles.facets.years.length).toBeGreaterThan(0);
    }
  });

  it('would see a statement that reads a whole growing table', async () => {
    // The check itself: a count of every article is a full read on both databases.
    statements.length = 0;
    await traced.prisma.article.count({ where: { title: { contains: 'e' } } });
    const count = statements.find((statement) => /count/i.test(statement.sql));
    expect(await fullReads(count as Statement)).not.toEqual([]);
  });

  it.skipIf(TEST_DATABASE !== 'sqlite')('would see a page sorted after reading all its rows', async () => {
    // A model's first articles ordered by the joined article's id, as they were before.
    statements.length = 0;
    await traced.prisma.articleModel.findMany({ where: { modelId: 1 }, orderBy: { article: { id: 'asc' } }, take: 5 });
    const page = statements.find((statement) => /ArticleModel/.test(statement.sql));
    expect(await fullReads(page as Statement)).toEqual(['a page sorted after reading ArticleModel']);
  });
});

// P0 reads the SQLite file itself (better-sqlite3): its PostgreSQL twin is not written yet.
describe.skipIf(TEST_DATABASE !== 'sqlite')("npm run bench:http's lower bound (P0)", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createFullGraphDatabase('p0');
    await addSynthetic(db.database, { articles: 500, seed: 22 });
  }, 120_000);

  afterAll(async () => {
    await db?.cleanup();
  });

  it('answers every bench operation byte for byte as the server does', async () => {
    if (db.database.config.provider !== 'sqlite') throw new Error('P0 reads a SQLite file');
    const [server, p0] = [createApp(db.database, { responseCacheMb: 0 }), createP0App(db.database.config.filePath)];
    type Fetch = (url: string, init: RequestInit) => Response | Promise<Response>;
    const ask = async (fetchOf: Fetch, body: object) =>
      (
        await fetchOf('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).text();
    const fromServer: Fetch = (url, init) => server.fetch(url, init);
    const fromP0: Fetch = (url, init) => p0.fetch(url, init);
    const { data } = JSON.parse(await ask(fromServer, { query: '{ model(slug: "chatgpt") { id } }' }));
    for (const [name, operation] of Object.entries(BENCH_OPERATIONS)) {
      const body = name.startsWith('W1') ? { ...operation, variables: { id: data.model.id } } : operation;
      const answer = await ask(fromServer, body);
      // A real answer that found something: agreeing on nothing would prove nothing.
      expect(answer, name).not.toMatch(/"errors"|"data":\{"\w+":null/);
      expect(answer, name).toMatch(/"(slug|title)":"/);
      expect(await ask(fromP0, body), name).toBe(answer);
    }
  });

  it('writes W5 as the server does: the article, its revision, its kept count, its search documents', async () => {
    if (db.database.config.provider !== 'sqlite') throw new Error('P0 reads a SQLite file');
    const { prisma } = db.database;
    const [server, p0] = [createApp(db.database, { responseCacheMb: 0 }), createP0App(db.database.config.filePath)];
    const { token } = await createToken(prisma, { name: 'bench writer', role: 'EDITOR' });
    const before = await prisma.article.findMany({
      take: 2,
      orderBy: { id: 'asc' },
      select: { id: true, url: true, language: true, version: true },
    });
    const [first, second] = before as [(typeof before)[0], (typeof before)[0]];
    const urls = [first.url, second.url];
    const german = async () =>
      Number(
        (
          await prisma.$queryRawUnsafe<{ count: number | bigint }[]>(
            `SELECT "count" FROM "ArticleFacetCount" WHERE "facet" = 'language' AND "value" = 'de'`,
          )
        )[0]?.count ?? 0,
      );
    const germanBefore = await german();
    const send = async (app: typeof p0 | typeof server, n: number, authorization?: string) => {
      const { body, expected } = w5Request(urls, n);
      const headers = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
      const text = await (
        await app.fetch('http://bench/graphql', { method: 'POST', headers, body: JSON.stringify(body) })
      ).text();
      return { text, expected };
    };
    // Request 0 edits the first article on the server, request 1 the second on P0: the same answer.
    for (const [app, n] of [
      [server, 0],
      [p0, 1],
    ] as const) {
      const { text, expected } = await send(app, n, `Bearer ${token}`);
      expect(text).toBe(expected);
    }
    const after = await prisma.article.findMany({
      where: { id: { in: [first.id, second.id] } },
      orderBy: { id: 'asc' },
      select: { language: true, version: true },
    });
    expect(after).toEqual([
      { language: 'de', version: first.version + 1 },
      { language: 'de', version: second.version + 1 },
    ]);
    // The same revision, field for field, but for whose it is.
    const revisions = await Promise.all(
      [first, second].map((article) =>
        prisma.revision.findFirstOrThrow({
          where: { entityType: 'ARTICLE', entityId: article.id },
          orderBy: { version: 'desc' },
          select: { actor: true, actorKind: true, action: true, version: true, changes: true, entityKey: true },
        }),
      ),
    );
    expect(revisions).toEqual(
      [first, second].map((article) => ({
        actor: 'bench writer',
        actorKind: 'EDITOR',
        action: 'UPDATED',
        version: article.version + 1,
        changes: JSON.stringify([{ field: 'language', from: article.language, to: 'de' }]),
        entityKey: article.url,
      })),
    );
    // The triggers counted both; the search documents are the article's (P0 rewrote its own).
    expect(await german()).toBe(germanBefore + 2);
    const documents = await prisma.$queryRawUnsafe<{ field: string; text: string }[]>(
      `SELECT "field", "text" FROM "SearchDocument" WHERE "entityType" = 'ARTICLE' AND "entityId" = ? ORDER BY "id"`,
      second.id,
    );
    expect(documents).toEqual(
      (await searchDocumentsOf(prisma, 'ARTICLE', [second.id])).map(({ field, text }) => ({ field, text })),
    );
    expect(documents.length).toBeGreaterThan(0);
    // The same value again writes nothing; without a token, nothing is written.
    expect((await send(p0, 1, `Bearer ${token}`)).text).toBe(w5Request(urls, 1).expected);
    expect((await send(p0, 3)).text).toMatch(/"errors"/);
    expect(
      await prisma.article.findMany({
        where: { id: { in: [first.id, second.id] } },
        orderBy: { id: 'asc' },
        select: { language: true, version: true },
      }),
    ).toEqual(after);
  });
});
