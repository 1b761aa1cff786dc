/**
 * No N+1: the number of SQL statements depends on the shape of the query, not on how many rows
 * come back. Every operation runs on the seeded graph and on the same graph grown ~100 times by
 * synthetic data (100 articles per seeded article, 10 models per seeded model); both must send
 * the same number of statements, and that number is pinned in {@link STATEMENTS}.
 *
 * A ceiling would hide a regression of one statement; an exact count shows it. When a change
 * alters a count on purpose, update STATEMENTS, the only place the counts are written.
 */
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { type ModelFilterShape, modelWhere } from '../src/schema/filters.js';
import { keptCountry } from '../src/schema/model.js';
import { TEST_DATABASE } from './helpers/database.js';
import { type GraphQLResponse, startTestServer, type TestServer } from './helpers/server.js';
import {
  addSyntheticData,
  addSyntheticPeople,
  addSyntheticTraining,
  type SyntheticPeopleSummary,
  type SyntheticSummary,
} from './helpers/synthetic.js';

const FACTOR = 100;

/**
 * SQL statements each operation sends (reads only: see {@link NOT_A_READ}), the same on the
 * seeded graph and on the graph grown {@link FACTOR} times; each key names its test. The only
 * exception is search over every kind, whose two answers differ in the kinds they find.
 */
const STATEMENTS = {
  // A connection's totalCount is one statement per join table and filter, for the parents of the
  // page (the relationCounts loader), never Prisma's _count, which aggregates the whole join table.
  // The ten example operations of GraphiQL (src/graphiql-examples.ts), by operation name.
  // One of them resolves the filter's slug ("baidu") to ids before the others run (src/schema/request-lookups.ts);
  // the filter names one organization, whose reach rows give the page's ids and its kept count.
  ArticlesAboutBaiduModels: 9,
  // Three walks of three shapes (up, down, either way for lineagePath): a recursive statement each;
  // the walks' models in one statement, the path's edges, models and sources in one each.
  ChatGPTLineage: 10,
  BigChineseModels: 4,
  AboutRLHF: 9,
  Search: 4,
  Disagreements: 9,
  OrganizationsOfAnArticle: 7,
  // The overview reads the counts the database keeps (a statement each), the unfiltered article
  // facets theirs in one statement; the models of one country are the rows kept of that
  // country's models, their count and facets kept per country (the facets in one statement). The
  // organizations and topics the facets name are those the overview read (the request's loaders),
  // the countries' counts are read once. The synthetic data adds no organizations, topics or
  // countries: a statement per organization would not show up here. The organizations' largest
  // models are read once, with their sizes (no field reads its row again).
  Overview: 11,
  CoAuthorsOfGPT3AndInstructGPT: 5,
  AuthorsOfBigChineseModels: 7,
  // Full pages of 100 with nested lists.
  'models(first: 100) with developers, topics, aliases, lineage, claims and articles': 14,
  // lineage(direction: BOTH) of every model of the page: one recursive statement each way.
  // The edges' models (child, parent) in one statement, not one per relation; the walks' in another.
  'models(first: 100) with parents, children, associations and lineage with associations': 12,
  'articles(first: 100) with models, organizations, topics and organizationsTouched': 13,
  'articles(first: 100) with organizationsTouched.viaModels': 9,
  // Their articles' (and the topics' models') totalCount alone: no page read for them.
  'organizations(first: 100) with models, articles, children and parent': 7,
  'topics(first: 100) with model and article counts': 5,
  // Search loads each kind of object it found in one statement, with what is asked of it (the
  // models' developers: no second read of the models): the count follows the kinds in the answer
  // (the seed's answer has more kinds than the large graph's first 100), not its size.
  'search("GPT", first: 100, types: [MODEL]) with developers': 5,
  'search("GPT", first: 100) over every kind, finding articles, models, organizations and topics': 7,
  'search("GPT", first: 100) over every kind, finding models and topics': 5,
  // People (authors): every article has 1 to 4 synthetic authors on both sizes (addSyntheticPeople).
  'articles(first: 100) with authors(first: 5) and their totalCount': 4,
  'people(first: 100) with articles(first: 5), models, organizations and namesakes': 12,
  'person(slug:) with articles(first: 100) and their authors': 6,
  // What models were trained on (addSyntheticTraining gives every model a chip and datasets).
  'models(first: 100) with trainedOn and trainingData': 7,
  // Plain pages of articles, whatever the page size and direction.
  'articles(first:, after:) or (last:, before:)': 2,
  // Objects the request's loaders found, asked for more than their columns: read once, with what
  // is asked of them (src/schema/planned-rows.ts), not once from the loader and again by Pothos.
  // The largest models are found raw (their rows: a statement), then read with their developers.
  "overview with the organizations' models and the largest models' developers": 11,
  // The walk's models with their developers, the paths' models (the start's too) with their topics.
  "lineage with the steps' developers and their paths' topics": 8,
  "facets with their organizations' and topics' models": 10,
  "organizationsTouched with the organizations' models": 8,
  // node(id:) and nodes(ids:): a statement per table named, with what is asked of the rows.
  // (The model asked for its developers in one read with them; the nodes' rows raw, one per table.)
  'node(id:) and nodes(ids:) of models, organizations and an article, with developers': 6,
} as const satisfies Record<string, number>;

type Pinned = keyof typeof STATEMENTS;

/**
 * Where PostgreSQL sends fewer: reading one row, it loads the row's relations in the same
 * statement (`relationJoins`, src/db/client.ts), except the first articles of a coverage list,
 * read as on SQLite (joined, they were built for every parent of a list before its limit: 553 of
 * OpenAI's models at a million articles, to show 20). Lists send the same statements as on SQLite.
 */
const FEWER_ON_POSTGRES: Partial<Record<Pinned, number>> = {
  // lineagePath's edges with their models and sources joined in one statement.
  ChatGPTLineage: 8,
  AboutRLHF: 5,
  Disagreements: 5,
  'models(first: 100) with parents, children, associations and lineage with associations': 10,
  'search("GPT", first: 100, types: [MODEL]) with developers': 3,
  'search("GPT", first: 100) over every kind, finding articles, models, organizations and topics': 5,
  'search("GPT", first: 100) over every kind, finding models and topics': 3,
  'person(slug:) with articles(first: 100) and their authors': 2,
  "overview with the organizations' models and the largest models' developers": 7,
  "lineage with the steps' developers and their paths' topics": 4,
  'node(id:) and nodes(ids:) of models, organizations and an article, with developers': 4,
};

/** The pinned count of `name` on the database the tests run on. */
const pinned = (name: Pinned): number =>
  (TEST_DATABASE === 'postgresql' ? FEWER_ON_POSTGRES[name] : undefined) ?? STATEMENTS[name];

let small: TestServer;
let large: TestServer;
let synthetic: SyntheticSummary;
let people: { small: SyntheticPeopleSummary; large: SyntheticPeopleSummary };
/** Training edges written on each size: every model has some. */
let training: { small: number; large: number };

beforeAll(async () => {
  [small, large] = await Promise.all([startTestServer('queries-small'), startTestServer('queries-large')]);
  synthetic = await addSyntheticData(large.database, FACTOR);
  people = {
    small: await addSyntheticPeople(small.database, 1),
    large: await addSyntheticPeople(large.database, FACTOR),
  };
  training = { small: await addSyntheticTraining(small.database), large: await addSyntheticTraining(large.database) };
  small.queries.length = 0;
  large.queries.length = 0;
});
afterAll(async () => {
  await Promise.all([small?.close(), large?.close()]);
});

/** Transaction control and pragmas are not reads: only statements that fetch data count. */
const NOT_A_READ = /^\s*(BEGIN|COMMIT|ROLLBACK|PRAGMA|SAVEPOINT|RELEASE)\b/i;

type Measured<T> = { data: T; statements: string[] };

/** Runs an operation, checks it answered without errors and returns its data with the SQL it sent. */
async function measure<T = Record<string, unknown>>(
  server: TestServer,
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<Measured<T>> {
  server.queries.length = 0;
  const { status, body }: GraphQLResponse<T> = await server.graphql<T>(
    query,
    variables,
    operationName ? { operationName } : {},
  );
  const statements = server.queries.filter((sql) => !NOT_A_READ.test(sql));
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return { data: body.data as T, statements };
}

const listing = (statements: string[]) =>
  statements.map((sql, index) => `  ${index + 1}. ${sql.replace(/\s+/g, ' ').trim()}`).join('\n');

/** Asserts that `measured` sent exactly the pinned number of statements, listing them if not. */
function expectPinned(name: Pinned, where: string, measured: Measured<unknown>): void {
  expect(
    measured.statements.length,
    `${name} on ${where} sent ${measured.statements.length} statements (pinned: ${pinned(name)}):\n${listing(measured.statements)}\n`,
  ).toBe(pinned(name));
}

/** Runs on both sizes; asserts no errors and the pinned statement count on both. */
async function onBothSizes<T = Record<string, unknown>>(
  name: Pinned,
  query: string,
  options: { variables?: Record<string, unknown>; operationName?: string } = {},
): Promise<{ small: T; large: T }> {
  const onSmall = await measure<T>(small, query, options.variables, options.operationName);
  const onLarge = await measure<T>(large, query, options.variables, options.operationName);
  // A count that grows with the data is an N+1: both runs' statements side by side show which repeats.
  expect(
    onLarge.statements.length,
    `${name}: ${onSmall.statements.length} statements on the seeded graph, ${onLarge.statements.length} on the large one.\nSeeded:\n${listing(onSmall.statements)}\nLarge:\n${listing(onLarge.statements)}\n`,
  ).toBe(onSmall.statements.length);
  expectPinned(name, 'the seeded graph', onSmall);
  expectPinned(name, 'the large graph', onLarge);
  return { small: onSmall.data, large: onLarge.data };
}

const OPERATION_NAMES = parse(EXAMPLE_OPERATIONS).definitions.flatMap((definition) =>
  definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
);

/** One of the example operations, by name, on both sizes. */
const example = <T>(name: Pinned) => onBothSizes<T>(name, EXAMPLE_OPERATIONS, { operationName: name });

describe('the ten example operations send their pinned statements on both sizes', () => {
  it('pins a count for each of the ten operations', () => {
    expect(OPERATION_NAMES).toEqual(Object.keys(STATEMENTS).slice(0, 10));
  });

  it('CoAuthorsOfGPT3AndInstructGPT', async () => {
    type Data = { people: { totalCount: number } };
    const result = await example<Data>('CoAuthorsOfGPT3AndInstructGPT');
    // Synthetic people write the seeded articles too; the count is what SQL finds.
    for (const [server, data] of [
      [small, result.small],
      [large, result.large],
    ] as const) {
      const both = await server.prisma.person.count({
        where: {
          AND: ['gpt-3', 'instructgpt'].map((slug) => ({
            authorships: { some: { article: { models: { some: { model: { slug } } } } } },
          })),
        },
      });
      expect(data.people.totalCount).toBe(both);
    }
  });

  it('AuthorsOfBigChineseModels', async () => {
    type Data = { people: { totalCount: number; edges: unknown[] } };
    const result = await example<Data>('AuthorsOfBigChineseModels');
    // The authors of the synthetic paper on a Chinese model over 100B, and on the large graph
    // those of the synthetic articles that are papers on one.
    expect(result.small.people.totalCount).toBeGreaterThan(0);
    expect(result.large.people.totalCount).toBeGreaterThan(result.small.people.totalCount);
    expect(result.large.people.edges.length).toBe(Math.min(20, result.large.people.totalCount));
  });

  it('ArticlesAboutBaiduModels', async () => {
    type Data = {
      articles: {
        totalCount: number;
        edges: { node: { url: string; models: { edges: { node: { slug: string } }[] } } }[];
      };
    };
    const result = await example<Data>('ArticlesAboutBaiduModels');
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
    const result = await example<Data>('ChatGPTLineage');
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
    const result = await example<Data>('BigChineseModels');
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
    const result = await example<Data>('AboutRLHF');
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
    const result = await example<Data>('Search');
    // No synthetic row mentions 悟道: the answer is the same.
    expect(result.small.search.edges.length).toBeGreaterThan(0);
    expect(result.large).toEqual(result.small);
  });

  it('Disagreements', async () => {
    type Data = { modelsWithDisagreements: { totalCount: number; edges: unknown[] } };
    const result = await example<Data>('Disagreements');
    expect(synthetic.disagreements).toBeGreaterThan(50);
    expect(result.large.modelsWithDisagreements.totalCount).toBe(
      result.small.modelsWithDisagreements.totalCount + synthetic.disagreements,
    );
    expect(result.large.modelsWithDisagreements.edges).toHaveLength(50);
  });

  it('OrganizationsOfAnArticle', async () => {
    type Data = { article: { organizationsTouched: unknown[] } | null };
    const result = await example<Data>('OrganizationsOfAnArticle');
    expect(result.small.article?.organizationsTouched.length).toBeGreaterThan(0);
    expect(result.large).toEqual(result.small);
  });

  it('Overview', async () => {
    type Data = { articles: { totalCount: number; facets: { languages: { value: string; count: number }[] } } };
    const result = await example<Data>('Overview');
    expect(result.large.articles.totalCount).toBe(result.small.articles.totalCount + synthetic.articles);
    const languageTotal = result.large.articles.facets.languages.reduce((sum, facet) => sum + facet.count, 0);
    expect(languageTotal).toBe(result.large.articles.totalCount);
  });
});

describe('full pages of 100 with nested lists send their pinned statements on both sizes', () => {
  it('models(first: 100) with developers, topics, aliases, lineage, claims and articles', async () => {
    type Data = {
      models: {
        totalCount: number;
        edges: { node: { slug: string; articles: { totalCount: number; edges: unknown[] } } }[];
      };
    };
    const result = await onBothSizes<Data>(
      'models(first: 100) with developers, topics, aliases, lineage, claims and articles',
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

  it('models(first: 100) with parents, children, associations and lineage with associations', async () => {
    type Edge = { kind: string; child: { slug: string }; parent: { slug: string } };
    type Data = {
      models: {
        edges: {
          node: {
            slug: string;
            parents: Edge[];
            children: Edge[];
            associations: Edge[];
            lineage: { edges: { relation: string }[] }[];
          };
        }[];
      };
    };
    const result = await onBothSizes<Data>(
      'models(first: 100) with parents, children, associations and lineage with associations',
      /* GraphQL */ `
        {
          models(first: 100) {
            edges {
              node {
                slug
                parents { kind child { slug } parent { slug } }
                children { kind child { slug } parent { slug } }
                associations { kind child { slug } parent { slug } }
                lineage(direction: BOTH, includeAssociations: true) { depth model { slug } edges { relation } }
              }
            }
          }
        }
      `,
    );
    expect(result.large.models.edges).toHaveLength(100);
    const node = (slug: string) => result.small.models.edges.find((edge) => edge.node.slug === slug)?.node;
    // OPT-175B's eight smaller sizes are its associations, not its children.
    expect(node('opt-175b')?.associations.map((edge) => edge.child.slug)).toEqual([
      'opt-125m',
      'opt-350m',
      'opt-1-3b',
      'opt-2-7b',
      'opt-6-7b',
      'opt-13b',
      'opt-30b',
      'opt-66b',
    ]);
    expect(node('opt-175b')?.children.map((edge) => edge.child.slug)).toEqual(['opt-iml-175b', 'opt-iml-max-175b']);
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
    const result = await onBothSizes<Data>(
      'articles(first: 100) with models, organizations, topics and organizationsTouched',
      ARTICLES_PAGE,
    );
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

  // viaModels is batched by the per-request model loader: one statement for the whole page.
  it('articles(first: 100) with organizationsTouched.viaModels', async () => {
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
    const result = await onBothSizes<Data>('articles(first: 100) with organizationsTouched.viaModels', VIA_MODELS_PAGE);
    const edges = result.large.articles.edges;
    expect(edges).toHaveLength(100);
    // Each organization reached through a model develops that model, which the article covers.
    const developers = await large.prisma.modelDeveloper.findMany({
      select: { model: { select: { slug: true } }, organization: { select: { slug: true } } },
    });
    const developed = new Set(developers.map((row) => `${row.organization.slug}/${row.model.slug}`));
    const wrong: string[] = [];
    let checked = 0;
    for (const edge of edges) {
      const covered = new Set(edge.node.models.edges.map((model) => model.node.slug));
      for (const touched of edge.node.organizationsTouched) {
        for (const model of touched.viaModels) {
          const pair = `${touched.organization.slug}/${model.slug}`;
          if (!covered.has(model.slug) || !developed.has(pair)) wrong.push(`${edge.node.url}: ${pair}`);
          checked++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
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
      'organizations(first: 100) with models, articles, children and parent',
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
      'topics(first: 100) with model and article counts',
      /* GraphQL */ `
        {
          topics(first: 100) {
            edges { node { slug name parent { slug } children { slug } models(first: 5) { totalCount } articles(first: 5) { totalCount } } }
          }
        }
      `,
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
      'search("GPT", first: 100, types: [MODEL]) with developers',
      /* GraphQL */ `
        {
          search(query: "GPT", first: 100, types: [MODEL]) {
            totalCount
            edges { node { __typename ... on Model { slug developers { organization { slug } } } } }
          }
        }
      `,
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
    const kinds = (data: Data) => [...new Set(data.search.edges.map((hit) => hit.node.__typename))].sort();
    expect(kinds(onSmall.data)).toEqual(['Article', 'Model', 'Organization', 'Topic']);
    expect(kinds(onLarge.data)).toEqual(['Model', 'Topic']);
    expect(onLarge.data.search.edges).toHaveLength(100);
    expectPinned(
      'search("GPT", first: 100) over every kind, finding articles, models, organizations and topics',
      'the seeded graph',
      onSmall,
    );
    expectPinned('search("GPT", first: 100) over every kind, finding models and topics', 'the large graph', onLarge);
  });
});

describe('people and the lists of authors send their pinned statements on both sizes', () => {
  it('articles(first: 100) with authors(first: 5) and their totalCount', async () => {
    type Data = {
      articles: {
        edges: { node: { authors: { totalCount: number; edges: { position: number; node: { slug: string } }[] } } }[];
      };
    };
    const result = await onBothSizes<Data>(
      'articles(first: 100) with authors(first: 5) and their totalCount',
      /* GraphQL */ `{
        articles(first: 100) {
          edges { node { url authors(first: 5) { totalCount edges { position writtenAs node { slug name } } } } }
        }
      }`,
    );
    expect(people.large.authorships).toBeGreaterThan(50 * people.small.authorships);
    for (const data of [result.small, result.large]) {
      for (const { node } of data.articles.edges) {
        expect(node.authors.totalCount).toBeGreaterThanOrEqual(1);
        expect(node.authors.edges.map((edge) => edge.position)).toEqual(
          node.authors.edges.map((_, index) => index + 1),
        );
      }
    }
  });

  it('people(first: 100) with articles(first: 5), models, organizations and namesakes', async () => {
    type Data = {
      people: { totalCount: number; edges: { node: { slug: string; articles: { totalCount: number } } }[] };
    };
    const result = await onBothSizes<Data>(
      'people(first: 100) with articles(first: 5), models, organizations and namesakes',
      /* GraphQL */ `{
        people(first: 100, orderBy: { field: ARTICLES, direction: DESC }) {
          totalCount
          edges { node {
            slug name
            articles(first: 5) { totalCount edges { position node { url } } }
            models { articles model { slug } }
            organizations { articles organization { slug } }
            namesakes { slug }
          } }
        }
      }`,
    );
    expect(result.small.people.totalCount).toBe(people.small.people);
    expect(result.large.people.totalCount).toBe(people.large.people);
    // synthetic-person-0 writes every tenth article: on the large graph, the most articles.
    const first = (data: Data) => data.people.edges[0]?.node;
    expect(first(result.large)).toMatchObject({
      slug: 'synthetic-person-0',
      articles: { totalCount: Math.ceil(people.large.articles / 10) },
    });
    const counts = (data: Data) => data.people.edges.map((edge) => edge.node.articles.totalCount);
    for (const data of [result.small, result.large])
      expect(counts(data)).toEqual([...counts(data)].sort((a, b) => b - a));
  });

  it('person(slug:) with articles(first: 100) and their authors', async () => {
    type Data = { person: { articles: { totalCount: number; edges: { node: { authors: { edges: unknown[] } } }[] } } };
    const result = await onBothSizes<Data>(
      'person(slug:) with articles(first: 100) and their authors',
      /* GraphQL */ `{
        person(slug: "synthetic-person-0") {
          articles(first: 100) { totalCount edges { position node { url authors(first: 10) { edges { node { slug } } } } } }
        }
      }`,
    );
    expect(result.small.person.articles.totalCount).toBe(Math.ceil(people.small.articles / 10));
    expect(result.large.person.articles.totalCount).toBe(Math.ceil(people.large.articles / 10));
    expect(result.large.person.articles.edges.length).toBe(Math.min(100, result.large.person.articles.totalCount));
  });
});

describe('what models were trained on', () => {
  it('models(first: 100) with trainedOn and trainingData', async () => {
    type Data = { models: { edges: { node: { trainedOn: unknown[]; trainingData: unknown[] } }[] } };
    const result = await onBothSizes<Data>(
      'models(first: 100) with trainedOn and trainingData',
      /* GraphQL */ `{
        models(first: 100) {
          edges { node { slug
            trainedOn { quantity hardware { slug name } source { slug } }
            trainingData { dataset { slug name } source { slug } }
          } }
        }
      }`,
    );
    expect(result.large.models.edges).toHaveLength(100);
    expect(training.large).toBeGreaterThan(5 * training.small);
    for (const data of [result.small, result.large])
      for (const { node } of data.models.edges) {
        expect(node.trainedOn).toHaveLength(1);
        expect(node.trainingData.length).toBeGreaterThanOrEqual(1);
      }
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

  const PAGES: Pinned = 'articles(first:, after:) or (last:, before:)';

  it('walks every article once with first: 100 and after, each page costing the same', async () => {
    const urls: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 50; page++) {
      const measured: Measured<Page> = await measure<Page>(large, PAGE, { first: 100, after });
      const articles: Page['articles'] = measured.data.articles;
      expectPinned(PAGES, `page ${page + 1} of the large graph`, measured);
      totalCount = articles.totalCount;
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
  });

  it('goes back with last: 10 and before', async () => {
    const forward = await measure<Page>(large, PAGE, { first: 60 });
    expectPinned(PAGES, 'the large graph (first: 60)', forward);
    const edges = forward.data.articles.edges;
    expect(edges).toHaveLength(60);
    const back = await measure<Page>(large, PAGE, { last: 10, before: edges[50]?.cursor });
    expectPinned(PAGES, 'the large graph (last: 10, before:)', back);
    const page = back.data.articles;
    expect(page.edges.map((edge) => edge.node.url)).toEqual(edges.slice(40, 50).map((edge) => edge.node.url));
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });
});

describe('a list of articles of one language, site or kind, or covering one model, organization or topic', () => {
  it('reads its totalCount from the counts the database keeps, not by counting its articles', async () => {
    for (const filter of [
      '{ language: "zh-Hans" }',
      '{ site: WECHAT }',
      '{ kind: PAPER }',
      '{ coversTopic: { slug: "rlhf" } }',
      '{ coversOrganization: { slug: "baidu" } }',
      '{ coversModel: { slug: "gpt-3" } }',
    ]) {
      const kept = await measure<{ articles: { totalCount: number } }>(
        large,
        `{ articles(first: 1, filter: ${filter}) { totalCount } }`,
      );
      expect(
        kept.statements.filter((sql) => /COUNT\(/i.test(sql)),
        filter,
      ).toEqual([]);
      // The same condition twice is not one condition: counted, the same number.
      const counted = await measure<{ articles: { totalCount: number } }>(
        large,
        `{ articles(first: 1, filter: { and: [${filter}, ${filter}] }) { totalCount } }`,
      );
      expect(counted.statements.some((sql) => /COUNT\(/i.test(sql))).toBe(true);
      expect(kept.data.articles.totalCount).toBe(counted.data.articles.totalCount);
      expect(kept.data.articles.totalCount).toBeGreaterThan(0);
    }
  });
});

describe("an organization's, a model's or a topic's articles of one language or site", () => {
  it('read their totalCount from the counts the database keeps per parent, not by counting their articles', async () => {
    for (const parents of ['organizations(first: 30)', 'models(first: 30)', 'topics(first: 30)'])
      for (const filter of ['{ language: "zh-Hans" }', '{ language: "en" }', '{ site: WECHAT }']) {
        type Counts = { parents: { edges: { node: { slug: string; articles: { totalCount: number } } }[] } };
        const query = (articleFilter: string) =>
          `{ parents: ${parents} { edges { node { slug articles(first: 1, filter: ${articleFilter}) { totalCount } } } } }`;
        const kept = await measure<Counts>(large, query(filter));
        expect(
          kept.statements.filter((sql) => /COUNT\(/i.test(sql)),
          `${parents} ${filter}`,
        ).toEqual([]);
        // Read once, by totalCount: the page, not asked, is not read (nor the counts that size it).
        expect(kept.statements.filter((sql) => /"CoverageValueCount"/.test(sql))).toHaveLength(1);
        // The same condition twice is not one condition: counted, the same numbers.
        const counted = await measure<Counts>(large, query(`{ and: [${filter}, ${filter}] }`));
        expect(counted.statements.some((sql) => /COUNT\(/i.test(sql))).toBe(true);
        expect(kept.data).toEqual(counted.data);
        const totals = kept.data.parents.edges.map((edge) => edge.node.articles.totalCount);
        expect(
          totals.some((total) => total > 0),
          `${parents} ${filter}`,
        ).toBe(true);
      }
  });
});

describe("a parent's articles asked for their totalCount alone", () => {
  /** A statement that reads articles' rows (a page's), not only their counts. */
  const readsArticles = (sql: string) => /["`]Article["`]/.test(sql);
  /** `totalCount` asked directly, through an inline fragment, through a named one. */
  const ASKED = ['totalCount', '__typename ... { totalCount }', '...Counted'];

  it('read no page of articles, and count what the page would have counted', async () => {
    for (const [parents, connection] of [
      ['organizations(first: 30)', 'OrganizationArticlesConnection'],
      ['models(first: 30)', 'ModelArticlesConnection'],
      ['topics(first: 30)', 'TopicArticlesConnection'],
    ])
      for (const args of [
        '',
        '(first: 3, filter: { language: "en" })',
        '(last: 2)',
        '(last: 2, orderBy: { field: PUBLISHED_AT, direction: DESC })',
        '(first: 2, filter: { site: WECHAT }, orderBy: { field: CITATIONS })',
      ])
        for (const asked of ASKED) {
          type Counts = { parents: { edges: { node: { slug: string; articles: { totalCount: number } } }[] } };
          const label = `${parents} articles${args} { ${asked} }`;
          const query = (selection: string) =>
            `{ parents: ${parents} { edges { node { slug articles${args} { ${selection} } } } } }${
              selection.includes('...Counted') ? ` fragment Counted on ${connection} { totalCount __typename }` : ''
            }`;
          const counted = await measure<Counts>(large, query(asked));
          const { data, statements } = await measure<Counts>(large, query(`${asked} edges { cursor }`));
          expect(counted.statements.filter(readsArticles), `${label}:\n${listing(counted.statements)}`).toEqual([]);
          expect(statements.some(readsArticles), `${label} with edges:\n${listing(statements)}`).toBe(true);
          // The same totals as when the page is read.
          const totals = (answer: Counts) => answer.parents.edges.map((edge) => edge.node.articles.totalCount);
          expect(totals(counted.data), label).toEqual(totals(data));
          expect(totals(counted.data).some((total) => total > 0)).toBe(true);
        }
  });
});

describe("a parent's models asked for their totalCount alone", () => {
  /** A statement that reads a page of models (their developers' or topics' rows, then the models). */
  const readsPage = (sql: string) =>
    /["`](ModelDeveloper|ModelTopic)["`]\.["`]modelId["`]|["`]Model["`]\.["`]id["`] FROM/.test(sql);
  type Counts = { parents: { edges: { node: { slug: string; models: { totalCount: number } } }[] } };
  const totals = (answer: Counts) => answer.parents.edges.map((edge) => edge.node.models.totalCount);

  it('read no page of models with the parents, and count what the page would have counted', async () => {
    for (const parents of ['organizations(first: 30)', 'topics(first: 30)'])
      for (const args of ['', '(first: 3)', '(first: 2, orderBy: { field: PARAMETERS, direction: DESC })'])
        for (const asked of [
          'totalCount',
          '__typename ... { totalCount }',
          'totalCount edges @include(if: false) { cursor }',
        ]) {
          const label = `${parents} models${args} { ${asked} }`;
          const query = (selection: string) =>
            `{ parents: ${parents} { edges { node { slug models${args} { ${selection} } } } } }`;
          const counted = await measure<Counts>(large, query(asked));
          const paged = await measure<Counts>(large, query('totalCount edges { cursor }'));
          expect(counted.statements.filter(readsPage), `${label}:\n${listing(counted.statements)}`).toEqual([]);
          expect(paged.statements.some(readsPage), `${label} with edges:\n${listing(paged.statements)}`).toBe(true);
          expect(totals(counted.data), label).toEqual(totals(paged.data));
          expect(totals(counted.data).some((total) => total > 0)).toBe(true);
        }
  });

  it('read the page when the same field, merged, asks for it elsewhere in the document', async () => {
    const { data, statements } = await measure<{
      parents: { edges: { node: { models: { totalCount: number; edges: { node: { slug: string } }[] } } }[] };
    }>(
      large,
      `{ parents: organizations(first: 10) { edges { node { models(first: 3) { totalCount }
          ... on Organization { models(first: 3) { edges { node { slug } } } } } } } }`,
    );
    expect(statements.some(readsPage)).toBe(true);
    const listed = data.parents.edges.map((edge) => edge.node.models);
    expect(listed.some((models) => models.edges.length > 0)).toBe(true);
    for (const models of listed) expect(models.edges.length).toBe(Math.min(3, models.totalCount));
  });
});

describe("objects the request's loaders found, asked for more than their columns, are read once", () => {
  it("overview with the organizations' models and the largest models' developers", async () => {
    type Data = {
      overview: {
        organizations: {
          organization: { slug: string; models: { totalCount: number } };
          modelCount: number;
          largestModel: { slug: string; developers: { organization: { slug: string } }[] } | null;
        }[];
        topics: { topic: { slug: string; models: { edges: { node: { slug: string } }[] } }; modelCount: number }[];
      };
    };
    const result = await onBothSizes<Data>(
      "overview with the organizations' models and the largest models' developers",
      /* GraphQL */ `
        {
          overview {
            organizations {
              organization { slug models { totalCount } }
              modelCount
              largestModel { slug developers { organization { slug } } }
            }
            topics { topic { slug models(first: 2) { edges { node { slug } } } } modelCount }
          }
        }
      `,
    );
    for (const data of [result.small, result.large]) {
      const { organizations, topics } = data.overview;
      // The connection's count and the kept count agree; each largest model is its organization's.
      for (const item of organizations) {
        expect(item.organization.models.totalCount, item.organization.slug).toBe(item.modelCount);
        if (item.largestModel)
          expect(item.largestModel.developers.map((developer) => developer.organization.slug)).toContain(
            item.organization.slug,
          );
      }
      expect(organizations.filter((item) => item.largestModel).length).toBeGreaterThan(10);
      for (const item of topics) expect(item.topic.models.edges.length).toBe(Math.min(2, item.modelCount));
    }
  });

  it("lineage with the steps' developers and their paths' topics", async () => {
    type Step = {
      depth: number;
      model: { slug: string; developers: { organization: { slug: string } }[] };
      path: { slug: string; topics: { slug: string }[] }[];
    };
    type Data = { model: { lineage: Step[] } };
    const result = await onBothSizes<Data>(
      "lineage with the steps' developers and their paths' topics",
      /* GraphQL */ `
        {
          model(slug: "gpt-3") {
            lineage(direction: DOWN, maxDepth: 5) {
              depth
              model { slug developers { organization { slug } } }
              path { slug topics { slug } }
            }
          }
        }
      `,
    );
    const developers = await small.prisma.modelDeveloper.findMany({
      select: { model: { select: { slug: true } }, organization: { select: { slug: true } } },
    });
    for (const data of [result.small, result.large]) {
      const steps = data.model.lineage;
      expect(steps.length).toBeGreaterThanOrEqual(3);
      for (const step of steps) {
        expect(step.path.map((model) => model.slug)).toEqual(expect.arrayContaining(['gpt-3', step.model.slug]));
        expect(step.path).toHaveLength(step.depth + 1);
        expect(step.path.at(-1)?.slug).toBe(step.model.slug);
      }
      expect(steps.find((step) => step.model.slug === 'chatgpt')?.model.developers).toEqual(
        developers
          .filter((row) => row.model.slug === 'chatgpt')
          .map((row) => ({ organization: { slug: row.organization.slug } })),
      );
      expect(steps.some((step) => step.path.some((model) => model.topics.length > 0))).toBe(true);
    }
  });

  it("facets with their organizations' and topics' models", async () => {
    type Counted = { count: number; models: { totalCount: number } };
    type Data = {
      articles: {
        facets: {
          organizations: { organization: { slug: string; models: { totalCount: number } }; count: number }[];
          topics: { topic: { slug: string; models: { totalCount: number } }; count: number }[];
        };
      };
      models: { facets: { organizations: { organization: Counted['models'] & { slug: string }; count: number }[] } };
    };
    const result = await onBothSizes<Data>(
      "facets with their organizations' and topics' models",
      /* GraphQL */ `
        {
          articles(first: 1) {
            facets {
              organizations { organization { slug models { totalCount } } count }
              topics { topic { slug models(first: 1) { totalCount } } count }
            }
          }
          models(first: 1) { facets { organizations { organization { slug totalCount: models { totalCount } } count } } }
        }
      `,
    );
    for (const data of [result.small, result.large]) {
      const { facets } = data.articles;
      expect(facets.organizations.some((item) => item.organization.models.totalCount > 0)).toBe(true);
      expect(facets.topics.some((item) => item.topic.models.totalCount > 0)).toBe(true);
    }
  });

  it('node(id:) and nodes(ids:) of models, organizations and an article, with developers', async () => {
    type Found = { id: string; __typename: string; slug?: string; url?: string; developers?: unknown[] } | null;
    const ids = async (server: TestServer) => {
      const { body } = await server.graphql<{
        gpt3: { id: string };
        baidu: { id: string };
        articles: { edges: { node: { id: string } }[] };
      }>(
        '{ gpt3: model(slug: "gpt-3") { id } baidu: organization(slug: "baidu") { id } articles(first: 1) { edges { node { id } } } }',
      );
      const data = body.data as NonNullable<typeof body.data>;
      return { gpt3: data.gpt3.id, baidu: data.baidu.id, article: data.articles.edges[0]?.node.id as string };
    };
    const query = /* GraphQL */ `
      query ($gpt3: ID!, $ids: [ID!]!) {
        node(id: $gpt3) { id ... on Model { slug developers { organization { slug } } } }
        nodes(ids: $ids) { id __typename ... on Model { slug } ... on Organization { slug } ... on Article { url } }
      }
    `;
    for (const [server, where] of [
      [small, 'the seeded graph'],
      [large, 'the large graph'],
    ] as const) {
      const { gpt3, baidu, article } = await ids(server);
      const unknown = Buffer.from('Model:999999').toString('base64');
      const measured = await measure<{ node: Found; nodes: Found[] }>(server, query, {
        gpt3,
        ids: [baidu, gpt3, unknown, article],
      });
      expectPinned(
        'node(id:) and nodes(ids:) of models, organizations and an article, with developers',
        where,
        measured,
      );
      expect(measured.data.node?.slug).toBe('gpt-3');
      expect(measured.data.node?.developers).toEqual([{ organization: { slug: 'openai' } }]);
      expect(measured.data.nodes.map((found) => found && [found.__typename, found.slug ?? found.url])).toEqual([
        ['Organization', 'baidu'],
        ['Model', 'gpt-3'],
        null,
        ['Article', expect.stringMatching(/^https?:/)],
      ]);
    }
  });

  it('root lookups and nodes asking only columns read their rows raw: the lookups by slug of a table in one statement', async () => {
    // The store's raw rows (src/db/store-rows.ts) name Prisma's fields as `t."id" AS "id"`, ...;
    // Prisma's own statements do not (findUnique, findMany).
    const raw = /^\s*SELECT t\."id" AS "id"/;
    const lookups = await measure<{
      a: { slug: string };
      b: { slug: string };
      organization: { name: string; id: string };
    }>(
      large,
      '{ a: model(slug: "gpt-3") { slug name } b: model(slug: "chatgpt") { slug } organization(slug: "openai") { id name } }',
    );
    expect(lookups.data.a.slug).toBe('gpt-3');
    expect(lookups.data.b.slug).toBe('chatgpt');
    expect(lookups.data.organization.name).toBe('OpenAI');
    expect(lookups.statements, listing(lookups.statements)).toHaveLength(2);
    for (const sql of lookups.statements) expect(sql, listing(lookups.statements)).toMatch(raw);
    const node = await measure<{ node: { slug: string } }>(
      large,
      `{ node(id: "${lookups.data.organization.id}") { ... on Organization { slug } } }`,
    );
    expect(node.data.node.slug).toBe('openai');
    expect(node.statements).toHaveLength(1);
    expect(node.statements[0]).toMatch(raw);
  });

  it("organizationsTouched with the organizations' models", async () => {
    type Data = {
      articles: {
        edges: {
          node: {
            organizationsTouched: {
              organization: { slug: string; models: { totalCount: number } };
              viaModels: { slug: string }[];
            }[];
          };
        }[];
      };
    };
    const result = await onBothSizes<Data>(
      "organizationsTouched with the organizations' models",
      /* GraphQL */ `
        {
          articles(first: 100) {
            edges { node { organizationsTouched { organization { slug models(first: 1) { totalCount } } viaModels { slug } } } }
          }
        }
      `,
    );
    for (const data of [result.small, result.large]) {
      const touched = data.articles.edges.flatMap((edge) => edge.node.organizationsTouched);
      expect(touched.length).toBeGreaterThan(0);
      // An organization reached through a model developed at least that one.
      for (const item of touched)
        if (item.viaModels.length > 0) expect(item.organization.models.totalCount).toBeGreaterThan(0);
      for (const edge of data.articles.edges) {
        const slugs = edge.node.organizationsTouched.map((item) => item.organization.slug);
        expect(slugs).toEqual([...slugs].sort());
      }
    }
  });
});

describe('the models of one country (filter: { developedBy: { country } })', () => {
  it('is told from any other filter by the shape of its where', () => {
    const kept = (filter: ModelFilterShape) => keptCountry(modelWhere(filter));
    expect(kept({ developedBy: { country: 'CN' } })).toBe('CN');
    // One condition inside `and` is still one condition.
    expect(kept({ and: [{ developedBy: { country: 'US' } }] })).toBe('US');
    for (const other of [
      { developedBy: { countryIn: ['CN'] } },
      { developedBy: { country: 'CN', kind: 'COMPANY' } },
      { developedBy: { country: 'CN' }, openWeights: true },
      { and: [{ developedBy: { country: 'CN' } }, { developedBy: { country: 'CN' } }] },
      { or: [{ developedBy: { country: 'CN' } }] },
      { not: { developedBy: { country: 'CN' } } },
      { family: 'GLM' },
      {},
    ] as ModelFilterShape[])
      expect({ other, kept: kept(other) }).toEqual({ other, kept: undefined });
  });

  it("counts them and their facets from the rows kept of the country's models, not over every model", async () => {
    const facets = `totalCount facets { organizations { count } topics { count } families { count } domains { count }
      tasks { count } hardware { count } datasets { count } countries { count } years { count } }`;
    const kept = await measure<{ models: unknown }>(
      large,
      `{ models(first: 0, filter: { developedBy: { country: "CN" } }) { ${facets} } }`,
    );
    // The nine facets read the counts kept for the country in one statement (counting its models
    // only while a write left it marked); nothing else counts or groups (the page, ordered by
    // slug, stops at its first model).
    expect(kept.statements.filter((sql) => /"CountryModelFacetCount"/.test(sql))).toHaveLength(1);
    expect(kept.statements.filter((sql) => /COUNT\(/i.test(sql) && !/"CountryModelFacetCount"/.test(sql))).toEqual([]);
    // The same condition twice is not one condition: grouped by Prisma, the same answer.
    const grouped = await measure<{ models: unknown }>(
      large,
      `{ models(first: 0, filter: { and: [{ developedBy: { country: "CN" } }, { developedBy: { country: "CN" } }] }) { ${facets} } }`,
    );
    expect(grouped.statements.some((sql) => /\bEXISTS\b/i.test(sql))).toBe(true);
    expect(kept.data).toEqual(grouped.data);
  });
});

describe('pages in an order of the articles (first, last, after a cursor) send their pinned statements, and one more where they walk the order', () => {
  /**
   * A page read in the articles' order (`GraphStore.orderedCoverageRows`, `orderedArticleIds`)
   * sends a statement that walks the order's index, one that sorts, or both (parents that walk
   * and parents, or a walk that found too few, that sort): which depends on the data, not on the
   * number of rows shown. Without those, the count is pinned here.
   */
  const ORDERED = {
    // The models (and their count), the kept counts of the article total and of each parent's
    // coverage, then the pages' articles and their count of articles.
    'models(first: 100) with articles(first: 5) newest first': 6,
    // The language's kept count and the article total, then the page's articles, and the
    // language's kept count again for totalCount (its own resolver).
    'articles(first: 20) in one language, newest first': 4,
    // As the models' above, and the language's kept count (its share of the articles); their
    // count of articles in that language is counted.
    'models(first: 100) with articles(first: 5) in one language, newest first': 7,
    // The organization, the cursor's article (its date), the kept counts of the article total and
    // of the organization's coverage, then the page's articles.
    "an organization's articles(first: 3, after:) newest first": 5,
    // The last page, read from the end of the order: the organization, the kept counts of the
    // article total and of its coverage, then the page's articles.
    "an organization's articles(last: 3) newest first": 4,
    // Every article's last page: the page's articles (the order's index read from its end).
    'articles(last: 10) newest first': 1,
  } as const;
  const walks = (sql: string) => /FROM \(SELECT a\."id"/.test(sql);
  const sorts = (sql: string) => /CROSS JOIN "Article" a|FROM "Article" a WHERE a\."(language|site)" =/.test(sql);

  /** The `endCursor` of the connection at `path` in `data`, when a next page follows. */
  const nextPageCursor = (data: Record<string, unknown>, path: string[]): string | undefined => {
    const connection = path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], data) as {
      pageInfo: { endCursor: string; hasNextPage: boolean };
    };
    return connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : undefined;
  };

  /**
   * Sends `query` on both graphs and checks its statements; a query of a page after a cursor takes
   * the cursor (`$after`) from the end of `firstPage`'s, run first on the same graph.
   */
  async function onBoth(
    name: keyof typeof ORDERED,
    query: string,
    firstPage?: { query: string; endCursor: (data: Record<string, unknown>) => string | undefined },
  ): Promise<void> {
    for (const [where, server] of [
      ['the seeded graph', small],
      ['the large graph', large],
    ] as const) {
      const after = firstPage ? firstPage.endCursor((await measure(server, firstPage.query)).data) : undefined;
      if (firstPage) expect(after, `${name} on ${where}: a first page with a next one`).toMatch(/^[A-Za-z0-9+/=]+$/);
      const { statements } = await measure(server, query, firstPage ? { after } : undefined);
      const ordered = statements.filter((sql) => walks(sql) || sorts(sql));
      expect(ordered.length, `${name} on ${where}:\n${listing(statements)}`).toBeGreaterThanOrEqual(1);
      expect(ordered.length).toBeLessThanOrEqual(2);
      expect(
        statements.length - ordered.length,
        `${name} on ${where} sent ${statements.length} statements, ${ordered.length} of them walking or sorting the order (pinned: ${ORDERED[name]} besides):\n${listing(statements)}\n`,
      ).toBe(ORDERED[name]);
    }
  }

  it('models(first: 100) with articles(first: 5) newest first', () =>
    onBoth(
      'models(first: 100) with articles(first: 5) newest first',
      `{ models(first: 100) { totalCount edges { node { slug
        articles(first: 5, orderBy: { field: PUBLISHED_AT, direction: DESC }) { totalCount edges { node { title } } } } } } }`,
    ));

  it('models(first: 100) with articles(first: 5) in one language, newest first', () =>
    onBoth(
      'models(first: 100) with articles(first: 5) in one language, newest first',
      `{ models(first: 100) { totalCount edges { node { slug
        articles(first: 5, filter: { language: "en" }, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
          totalCount edges { node { title } } } } } } }`,
    ));

  it('articles(first: 20) in one language, newest first', () =>
    onBoth(
      'articles(first: 20) in one language, newest first',
      `{ articles(first: 20, filter: { language: "en" }, orderBy: { field: PUBLISHED_AT, direction: DESC }) {
        totalCount edges { node { title } } } }`,
    ));

  it("an organization's articles(last: 3) newest first", () =>
    onBoth(
      "an organization's articles(last: 3) newest first",
      `{ organization(slug: "openai") {
        articles(last: 3, orderBy: { field: PUBLISHED_AT, direction: DESC }) { edges { node { title } } } } }`,
    ));

  it('articles(last: 10) newest first', () =>
    onBoth(
      'articles(last: 10) newest first',
      '{ articles(last: 10, orderBy: { field: PUBLISHED_AT, direction: DESC }) { edges { node { title } } } }',
    ));

  it("an organization's articles(first: 3, after:) newest first", () =>
    onBoth(
      "an organization's articles(first: 3, after:) newest first",
      `query ($after: String) { organization(slug: "openai") {
        articles(first: 3, after: $after, orderBy: { field: PUBLISHED_AT, direction: DESC }) { edges { node { title } } } } }`,
      {
        query: `{ organization(slug: "openai") {
          articles(first: 3, orderBy: { field: PUBLISHED_AT, direction: DESC }) { pageInfo { endCursor hasNextPage } } } }`,
        endCursor: (data) => nextPageCursor(data, ['organization', 'articles']),
      },
    ));

  it("an organization's or a model's articles in a language none of them has: no page read", async () => {
    // A language no article has, and one some have but not these parents.
    for (const [parent, language, orderBy] of [
      ['organization(slug: "openai")', 'x-none', '{ field: PUBLISHED_AT, direction: DESC }'],
      ['organization(slug: "meta-ai")', 'zh-Hant', '{ field: PUBLISHED_AT, direction: DESC }'],
      ['model(slug: "gpt-3")', 'zh-Hant', '{ field: CITATIONS }'],
    ] as const) {
      const field = parent.slice(0, parent.indexOf('('));
      const query = `{ ${parent} { articles(first: 5, filter: { language: "${language}" }, orderBy: ${orderBy}) {
          totalCount edges { node { title } } } } }`;
      const counted = await measure<Record<string, { articles: { totalCount: number } }>>(
        large,
        query.replace(`{ language: "${language}" }`, `{ and: [{ language: "${language}" }] }`),
      );
      // (Checked: the parent has none in that language.)
      expect(counted.data[field]?.articles.totalCount, `${parent} ${language}`).toBe(0);
      const { data, statements } = await measure(large, query);
      expect(data).toEqual({ [field]: { articles: { totalCount: 0, edges: [] } } });
      expect(
        statements.filter((sql) => walks(sql) || sorts(sql)),
        `${parent} ${language}`,
      ).toEqual([]);
    }
  });
});
