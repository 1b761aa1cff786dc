import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { relationsJoined } from '../db/client.js';
/**
 * `search(query:)`: one ranked list across organizations, models, articles, topics and people, saying
 * which field matched. Backed by the store's search index (`context.store.search`; on SQLite an
 * FTS5 trigram index, src/db/sqlite/search-index.ts): a constant number of statements per
 * request, whatever the size of the graph.
 */

import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import type { Prisma } from '../db/client.js';
import type { SearchEntityType, SearchHit } from '../db/store.js';
import { HITS_PER_RESULT, MAX_SEARCH_RESULTS, type Ranked, rankHits, stripFolded } from '../domain/search-rank.js';
import { Article } from './article.js';
import { builder } from './builder.js';
import { badInput } from './errors.js';
import { Model } from './model.js';
import { Organization } from './organization.js';
import { Person } from './person.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './plugins/argument-checks.js';
import { Topic } from './topic.js';

const SearchType = builder.enumType('SearchType', {
  description: 'Kinds of object `search` can return.',
  values: {
    ORGANIZATION: { description: 'Organizations.' },
    MODEL: { description: 'Models.' },
    ARTICLE: { description: 'Articles.' },
    TOPIC: { description: 'Topics.' },
    PERSON: { description: 'People (authors of articles).' },
  } as const,
});

const SearchFieldEnum = builder.enumType('SearchField', {
  description: 'The field of an object that matched a search.',
  values: {
    NAME: { description: 'The English name.' },
    NAME_ZH: { description: 'The Chinese name.' },
    ALIAS: { description: 'An alias.' },
    SLUG: { description: 'The slug.' },
    TITLE: { description: "An article's title." },
    SUMMARY: { description: "An article's summary (a paper's abstract)." },
    EXCERPT: { description: "The excerpt quoted with an article's link." },
    DESCRIPTION: { description: 'The description.' },
    FAMILY: { description: "A model's family." },
  } as const,
});

type Row =
  | { type: 'ORGANIZATION'; row: Prisma.OrganizationGetPayload<object> }
  | { type: 'MODEL'; row: Prisma.ModelGetPayload<object> }
  | { type: 'ARTICLE'; row: Prisma.ArticleGetPayload<object> }
  | { type: 'TOPIC'; row: Prisma.TopicGetPayload<object> }
  | { type: 'PERSON'; row: Prisma.PersonGetPayload<object> };

type Result = { hit: SearchHit; score: number; entity: Row };

const SearchNode = builder.unionType('SearchNode', {
  description: 'Anything `search` can find.',
  types: [Organization, Model, Article, Topic, Person],
  resolveType: (value) => {
    const tagged = value as { [ENTITY_TYPE]?: SearchEntityType };
    switch (tagged[ENTITY_TYPE]) {
      case 'ORGANIZATION':
        return Organization;
      case 'MODEL':
        return Model;
      case 'ARTICLE':
        return Article;
      case 'PERSON':
        return Person;
      default:
        return Topic;
    }
  },
});

/** Marks a loaded row with its entity type, for the union's resolveType. */
const ENTITY_TYPE = Symbol('entityType');

/** The longest search text: names and titles are shorter, and longer text only costs time. */
const MAX_QUERY_LENGTH = 200;

/** Runs the index query and ranks what it finds (src/domain/search-rank.ts). */
async function rank(context: Context, query: string, types: SearchEntityType[] | undefined): Promise<Ranked[]> {
  // Always the same window, whatever page is asked for: offset cursors then point into the same
  // list on every request.
  const hits = await context.store.search.query(query, { types, limit: MAX_SEARCH_RESULTS * HITS_PER_RESULT });
  return rankHits(hits, query);
}

/**
 * Loads the rows of the ranked results on a page: one query per kind of object present, planned
 * by Pothos from what the operation selects of that kind (`queryFromInfo`): the relations asked
 * come with the rows, which Pothos then maps to the fields (loaded plainly, it read each row again
 * before a field it plans, such as a model's `developers`).
 */
async function withRows(context: Context, ranked: Ranked[], info: GraphQLResolveInfo): Promise<Result[]> {
  // On PostgreSQL, the relations in the same statement (relationJoins), as Pothos' reading again
  // did: 100 models with their developers in one statement rather than three.
  const planned = (typeName: string): object => ({
    ...(queryFromInfo({ context, info, typeName, path: ['edges', 'node'] }) as object),
    ...relationsJoined(context.database.config),
  });
  const idsOf = (type: SearchEntityType) =>
    ranked.filter((item) => item.hit.entityType === type).map((item) => item.hit.entityId);
  const [organizations, models, articles, topics, people] = await Promise.all([
    idsOf('ORGANIZATION').length
      ? context.prisma.organization.findMany({
          ...planned('Organization'),
          where: { id: { in: idsOf('ORGANIZATION') } },
        })
      : [],
    idsOf('MODEL').length
      ? context.prisma.model.findMany({ ...planned('Model'), where: { id: { in: idsOf('MODEL') } } })
      : [],
    idsOf('ARTICLE').length
      ? context.prisma.article.findMany({ ...planned('Article'), where: { id: { in: idsOf('ARTICLE') } } })
      : [],
    idsOf('TOPIC').length
      ? context.prisma.topic.findMany({ ...planned('Topic'), where: { id: { in: idsOf('TOPIC') } } })
      : [],
    idsOf('PERSON').length
      ? context.prisma.person.findMany({ ...planned('Person'), where: { id: { in: idsOf('PERSON') } } })
      : [],
  ]);
  const rows = new Map<string, Row>([
    ...organizations.map((row) => [`ORGANIZATION:${row.id}`, { type: 'ORGANIZATION', row }] as const),
    ...models.map((row) => [`MODEL:${row.id}`, { type: 'MODEL', row }] as const),
    ...articles.map((row) => [`ARTICLE:${row.id}`, { type: 'ARTICLE', row }] as const),
    ...topics.map((row) => [`TOPIC:${row.id}`, { type: 'TOPIC', row }] as const),
    ...people.map((row) => [`PERSON:${row.id}`, { type: 'PERSON', row }] as const),
  ]);
  return ranked.flatMap((item) => {
    const entity = rows.get(`${item.hit.entityType}:${item.hit.entityId}`);
    return entity ? [{ ...item, entity }] : [];
  });
}

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: SearchNode,
      description:
        'Finds organizations, models, articles, topics and people by any part of a name, alias, title, abstract or description, in English (any case) or Chinese (even one or two characters: "百度", "悟道"). Best first (names before titles, titles before abstracts); each edge says which field matched. Pages reach the first 1000 results.',
      args: {
        query: t.arg.string({ required: true, description: 'What to look for: 1 to 200 characters after trimming.' }),
        types: t.arg({
          type: [SearchType],
          required: false,
          description: 'Only these kinds of object (default, or an empty list: all).',
        }),
      },
      resolve: async (_root, args, context, info) => {
        const query = args.query.trim();
        if (query === '') throw badInput('query', 'must not be empty');
        if (query.length > MAX_QUERY_LENGTH)
          throw badInput('query', `at most ${MAX_QUERY_LENGTH} characters (got ${query.length})`);
        const types = args.types ?? undefined;
        const ranked = await rank(context, query, types);
        const connection = resolveArrayConnection(
          { args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
          ranked,
        );
        const onPage = await withRows(
          context,
          connection.edges.flatMap((edge) => (edge ? [edge.node] : [])),
          info,
        );
        const results = new Map(onPage.map((result) => [`${result.hit.entityType}:${result.hit.entityId}`, result]));
        return {
          ...connection,
          edges: connection.edges.flatMap((edge) => {
            const result = edge && results.get(`${edge.node.hit.entityType}:${edge.node.hit.entityId}`);
            return result
              ? [
                  {
                    cursor: edge.cursor,
                    node: Object.assign(result.entity.row, { [ENTITY_TYPE]: result.entity.type }),
                    result,
                  },
                ]
              : [];
          }),
          totalCount: () => context.store.search.count(query, { types, max: MAX_SEARCH_RESULTS }),
        };
      },
    },
    {
      name: 'SearchConnection',
      description: 'A page of search results, best first.',
      fields: (connection) => ({
        totalCount: connection.int({
          description: 'Number of objects found (at most 1000, the results search ranks).',
          resolve: (result) => (result as unknown as { totalCount: () => Promise<number> }).totalCount(),
        }),
      }),
    },
    {
      name: 'SearchEdge',
      description: 'A search result: the object, the field that matched, and a score.',
      fields: (edge) => ({
        matchedField: edge.field({
          type: SearchFieldEnum,
          description: 'Which field matched.',
          resolve: (item) => resultOf(item).hit.field,
        }),
        matchedText: edge.string({
          description: 'The text of the field that matched.',
          resolve: (item) => stripFolded(resultOf(item).hit),
        }),
        score: edge.float({
          description:
            'Relevance, higher first: the field that matched (name 100, slug and Chinese name 95, alias 85, title 70, family 50, summary 30, excerpt 25, description 20), plus 50 for an exact match or 20 when the text starts with the query, plus up to 10 for how much of the text the query covers. Computed from the text alone: every database scores alike.',
          resolve: (item) => resultOf(item).score,
        }),
      }),
    },
  ),
}));

const resultOf = (edge: unknown) => (edge as { result: Result }).result;
