/**
 * P0, the lower bound the benchmark measures the server against (issue 13): the benchmark's
 * operations served by the same GraphQL Yoga, over HTTP, with hand-written resolvers over raw
 * SQL (better-sqlite3's prepared statements, no ORM, no Pothos, no plugins). Only the fields
 * those operations select exist here; their answers must be byte for byte the server's
 * (test/bench/http.ts checks that before it times anything), so that the ratio compares the same
 * work done two ways.
 *
 * W5, the mutation (`updateArticle` of an article's language), writes what the server's write
 * layer writes for it, in one transaction: the article (its version bumped) and its revision (the
 * language is in no search document: those stay); the token is checked as the server checks it.
 *
 * `tsx test/bench/p0.ts <sqlite file> <port>` serves it and prints `listening <port>`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';
import { createSchema, createYoga } from 'graphql-yoga';
import { createSqliteSearchIndex } from '../../src/db/sqlite/search-index.js';
import type { LineageEdgeRow, SearchEntityType, StoreExecutor } from '../../src/db/store.js';
import { lineageReachSql } from '../../src/db/store-rows.js';
import { followedLineageKinds } from '../../src/domain/lineage-kinds.js';
import { compareText } from '../../src/domain/normalize.js';
import { HITS_PER_RESULT, MAX_SEARCH_RESULTS, rankHits } from '../../src/domain/search-rank.js';
import { LineageGraph } from '../../src/schema/lineage.js';

const typeDefs = /* GraphQL */ `
  interface Node { id: ID! }
  type Query {
    node(id: ID!): Node
    organization(slug: String!): Organization
    model(slug: String!): Model
    articles(first: Int, filter: ArticleFilter): ArticleConnection!
    search(query: String!, first: Int): SearchConnection!
  }
  type Mutation { updateArticle(input: UpdateArticleInput!): UpdateArticleResult! }
  input UpdateArticleInput { url: String! language: String! }
  union UpdateArticleResult = UpdateArticlePayload
  type UpdateArticlePayload { article: Article! }
  input OrganizationFilter { slug: String }
  input ArticleFilter { coversModelOf: OrganizationFilter }
  type Organization implements Node { id: ID! slug: String! name: String! models(first: Int): ModelConnection! }
  type ModelConnection { totalCount: Int! edges: [ModelEdge!]! }
  type ModelEdge { node: Model! }
  type Model implements Node {
    id: ID!
    slug: String!
    name: String!
    articles(first: Int): CoverageConnection!
    lineage(direction: LineageDirection, maxDepth: Int): [LineageStep!]!
  }
  enum LineageDirection { UP DOWN }
  type LineageStep { depth: Int! model: Model! }
  type CoverageConnection { totalCount: Int! edges: [CoverageEdge!]! }
  type CoverageEdge { relevance: String! node: Article! }
  type Article implements Node { id: ID! title: String! url: String! language: String! }
  type ArticleConnection { totalCount: Int! edges: [ArticleEdge!]! }
  type ArticleEdge { node: Article! }
  type Topic implements Node { id: ID! }
  type Person implements Node { id: ID! }
  union SearchNode = Organization | Model | Article | Topic | Person
  enum SearchField { NAME NAME_ZH ALIAS SLUG TITLE SUMMARY EXCERPT DESCRIPTION FAMILY }
  type SearchConnection { totalCount: Int! edges: [SearchEdge!]! }
  type SearchEdge { matchedField: SearchField! score: Float! node: SearchNode! }
`;

/** The tables and GraphQL types of what search finds. */
const SEARCHED: Record<SearchEntityType, { table: string; type: string }> = {
  ORGANIZATION: { table: 'Organization', type: 'Organization' },
  MODEL: { table: 'Model', type: 'Model' },
  ARTICLE: { table: 'Article', type: 'Article' },
  TOPIC: { table: 'Topic', type: 'Topic' },
  PERSON: { table: 'Person', type: 'Person' },
};

type Row = Record<string, unknown> & { id: number };
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

/** The P0 app over a SQLite file: reads on a read-only connection, W5 on a writing one. */
export function createP0App(file: string) {
  const db = new Database(file, { readonly: true });
  db.pragma('query_only = 1');
  const writer = new Database(file);
  writer.pragma('busy_timeout = 10000');
  const kinds = JSON.stringify([...followedLineageKinds({})]);
  const statements = {
    model: db.prepare('SELECT id, slug, name FROM "Model" WHERE id = ?'),
    modelBySlug: db.prepare('SELECT id, slug, name FROM "Model" WHERE slug = ?'),
    organizationBySlug: db.prepare('SELECT id, slug, name FROM "Organization" WHERE slug = ?'),
    organizationModels: db.prepare(
      `SELECT m.id, m.slug, m.name FROM "ModelDeveloper" d JOIN "Model" m ON m.id = d."modelId"
       WHERE d."organizationId" = ? ORDER BY m.slug LIMIT ?`,
    ),
    organizationModelCount: db.prepare('SELECT COUNT(*) AS n FROM "ModelDeveloper" WHERE "organizationId" = ?'),
    modelArticles: db.prepare(
      `SELECT a.id, a.title, a.url, am.relevance FROM "ArticleModel" am JOIN "Article" a ON a.id = am."articleId"
       WHERE am."modelId" = ? ORDER BY am."articleId" LIMIT ?`,
    ),
    modelArticleCount: db.prepare('SELECT COUNT(*) AS n FROM "ArticleModel" WHERE "modelId" = ?'),
    // The rows the database keeps of the articles each organization reaches (the migration
    // overview_counts), as the server reads them: an index range, and a kept count.
    articlesCoveringModelsOf: db.prepare(
      `SELECT a.id, a.title, a.url FROM "OrganizationArticle" r JOIN "Article" a ON a.id = r."articleId"
       WHERE r."organizationId" = ? AND r."viaModels" > 0 ORDER BY r."articleId" LIMIT ?`,
    ),
    articleCountCoveringModelsOf: db.prepare(
      'SELECT "modelArticles" AS n FROM "OrganizationCount" WHERE "organizationId" = ?',
    ),
    // The server's own recursive statement (src/db/store-rows.ts), in SQLite's dialect.
    lineageReach: (direction: 'UP' | 'DOWN') =>
      db.prepare(
        lineageReachSql(direction, {
          kinds: 'SELECT value FROM json_each(?)',
          startIds: 'SELECT value AS id FROM json_each(?)',
          lastDepth: '?',
          kindText: (column) => column,
          lateral: false,
        }),
      ),
    modelsByIds: db.prepare('SELECT id, slug, name FROM "Model" WHERE id IN (SELECT value FROM json_each(?))'),
  };
  const reach = { UP: statements.lineageReach('UP'), DOWN: statements.lineageReach('DOWN') };
  const rowsOf = Object.fromEntries(
    Object.entries(SEARCHED).map(([kind, { table }]) => [
      kind,
      db.prepare(`SELECT * FROM "${table}" WHERE id IN (SELECT value FROM json_each(?))`),
    ]),
  ) as Record<SearchEntityType, Database.Statement>;
  // The server's search statements (src/db/search-index.ts, SQLite's dialect), each prepared once
  // and run by better-sqlite3 itself: the store's SQL without the ORM.
  const prepared = new Map<string, Database.Statement>();
  const search = createSqliteSearchIndex({
    $queryRawUnsafe: async (sql: string, ...params: unknown[]) => {
      const statement = prepared.get(sql) ?? db.prepare(sql);
      prepared.set(sql, statement);
      return statement.all(...params);
    },
  } as unknown as StoreExecutor);
  const writes = {
    token: db.prepare('SELECT "name", "role", "secretHash", "revokedAt" FROM "ApiToken" WHERE id = ?'),
    article: writer.prepare('SELECT id, url, title, language, version FROM "Article" WHERE url = ?'),
    update: writer.prepare(
      'UPDATE "Article" SET "language" = ?, "version" = "version" + 1, "updatedAt" = ? WHERE id = ? RETURNING "version"',
    ),
    revision: writer.prepare(
      `INSERT INTO "Revision" ("at", "actor", "actorKind", "entityType", "entityId", "entityKey", "version", "action", "changes")
       VALUES (?, ?, ?, 'ARTICLE', ?, ?, ?, 'UPDATED', ?)`,
    ),
  };
  /** The holder of an `Authorization: Bearer atlas_<id>_<secret>` header, as src/auth/tokens.ts checks it. */
  const viewerOf = (authorization: string | null) => {
    const match = /^Bearer atlas_([1-9]\d{0,9})_([A-Za-z0-9_-]{43})$/.exec(authorization ?? '');
    const row = match && (writes.token.get(Number(match[1])) as Record<string, string | null> | undefined);
    if (!match || !row || row.revokedAt) return null;
    const given = createHash('sha256')
      .update(match[2] as string)
      .digest();
    return timingSafeEqual(Buffer.from(String(row.secretHash), 'hex'), given) ? row : null;
  };
  /** The write W5 makes, in one transaction (better-sqlite3 runs it synchronously: one at a time). */
  const writeLanguage = writer.transaction((viewer: Record<string, string | null>, url: string, language: string) => {
    const article = writes.article.get(url) as Row | undefined;
    if (!article) throw new Error(`no article ${url}`);
    // A value set to what it is writes nothing (no revision), as in the write layer. The language
    // is in none of an article's search documents: they stay as they are, as in the write layer.
    if (article.language !== language) {
      const at = new Date().toISOString().replace('Z', '+00:00');
      const { version } = writes.update.get(language, at, article.id) as { version: number };
      const changes = JSON.stringify([{ field: 'language', from: article.language, to: language }]);
      writes.revision.run(at, viewer.name, viewer.role, article.id, article.url, version, changes);
    }
    return { article: { ...article, language }, __typename: 'UpdateArticlePayload' };
  });
  const count = (statement: Database.Statement, ...params: unknown[]) =>
    Number((statement.get(...params) as { n: number }).n);
  const page = (first: number | null | undefined) => first ?? 20;

  const schema = createSchema({
    typeDefs,
    resolvers: {
      Node: { __resolveType: (row: Row) => row.__typename },
      SearchNode: { __resolveType: (row: Row) => row.__typename },
      Mutation: {
        updateArticle: (
          _: unknown,
          { input }: { input: { url: string; language: string } },
          context: { request: Request },
        ) => {
          const viewer = viewerOf(context.request.headers.get('authorization'));
          if (!viewer) throw new Error('not authenticated');
          return writeLanguage.immediate(viewer, input.url, input.language);
        },
      },
      UpdateArticleResult: { __resolveType: (row: Row) => row.__typename },
      Query: {
        search: async (_: unknown, args: { query: string; first?: number }) => {
          const query = args.query.trim();
          const hits = await search.query(query, { limit: MAX_SEARCH_RESULTS * HITS_PER_RESULT });
          const onPage = rankHits(hits, query).slice(0, page(args.first));
          const rows = new Map<string, Row>();
          for (const [kind, { type }] of Object.entries(SEARCHED) as [SearchEntityType, { type: string }][]) {
            const ids = onPage.filter((item) => item.hit.entityType === kind).map((item) => item.hit.entityId);
            if (ids.length === 0) continue;
            for (const row of rowsOf[kind].all(JSON.stringify(ids)) as Row[])
              rows.set(`${kind}:${row.id}`, { ...row, __typename: type });
          }
          return {
            totalCount: await search.count(query, { max: MAX_SEARCH_RESULTS }),
            edges: onPage.flatMap((item) => {
              const node = rows.get(`${item.hit.entityType}:${item.hit.entityId}`);
              return node ? [{ matchedField: item.hit.field, score: item.score, node }] : [];
            }),
          };
        },
        node: (_: unknown, { id }: { id: string }) => {
          const [type, key] = Buffer.from(id, 'base64').toString().split(':');
          if (type !== 'Model') return null;
          const row = statements.model.get(Number(key)) as Row | undefined;
          return row && { ...row, __typename: 'Model' };
        },
        organization: (_: unknown, { slug }: { slug: string }) => statements.organizationBySlug.get(slug) ?? null,
        model: (_: unknown, { slug }: { slug: string }) => statements.modelBySlug.get(slug) ?? null,
        articles: (_: unknown, args: { first?: number; filter?: { coversModelOf?: { slug?: string } } }) => {
          const slug = args.filter?.coversModelOf?.slug;
          const organization = slug && (statements.organizationBySlug.get(slug) as Row | undefined);
          if (!organization) return { totalCount: 0, edges: [] };
          return {
            totalCount: count(statements.articleCountCoveringModelsOf, organization.id),
            edges: (statements.articlesCoveringModelsOf.all(organization.id, page(args.first)) as Row[]).map(
              (node) => ({
                node,
              }),
            ),
          };
        },
      },
      Organization: {
        id: (row: Row) => globalId('Organization', row.id),
        models: (row: Row, args: { first?: number }) => ({
          totalCount: count(statements.organizationModelCount, row.id),
          edges: (statements.organizationModels.all(row.id, page(args.first)) as Row[]).map((node) => ({ node })),
        }),
      },
      Model: {
        id: (row: Row) => globalId('Model', row.id),
        articles: (row: Row, args: { first?: number }) => ({
          totalCount: count(statements.modelArticleCount, row.id),
          edges: (statements.modelArticles.all(row.id, page(args.first)) as Row[]).map((article) => ({
            relevance: article.relevance,
            node: article,
          })),
        }),
        // The edges near the model in one statement, walked in memory by the server's rule of the
        // preferred path (src/schema/lineage.ts): which depth a model is at is domain logic, the
        // same for both.
        lineage: (row: Row, args: { direction?: 'UP' | 'DOWN'; maxDepth?: number }) => {
          const direction = args.direction ?? 'UP';
          const maxDepth = args.maxDepth ?? 10;
          const edges = reach[direction].all(kinds, JSON.stringify([row.id]), maxDepth - 1) as LineageEdgeRow[];
          const hits = new LineageGraph(edges).walk(row.id, { direction, maxDepth });
          const models = new Map(
            (statements.modelsByIds.all(JSON.stringify(hits.map((hit) => hit.modelId))) as Row[]).map((model) => [
              model.id,
              model,
            ]),
          );
          return hits
            .map((hit) => ({ depth: hit.depth, model: models.get(hit.modelId) as Row }))
            .sort((a, b) => a.depth - b.depth || compareText(String(a.model.slug), String(b.model.slug)));
        },
      },
      Article: { id: (row: Row) => globalId('Article', row.id) },
      Topic: { id: (row: Row) => globalId('Topic', row.id) },
      Person: { id: (row: Row) => globalId('Person', row.id) },
    },
  });
  return createYoga({ schema, logging: false, graphiql: false, landingPage: false, maskedErrors: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, port] = process.argv.slice(2);
  if (!file || !port) throw new Error('Usage: tsx test/bench/p0.ts <sqlite file> <port>');
  const server = createServer(createP0App(file));
  server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
}
