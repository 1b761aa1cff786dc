/**
 * People: the authors of the graph's articles (`Person`), each article's ordered `authors`, and
 * the root `person` and `people`. A person's models and organizations are derived from the
 * articles they wrote, never stored twice.
 */
import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import type { Prisma } from '../db/client.js';
import { compareText } from '../domain/normalize.js';
import { Article } from './article.js';
import { builder, type NodeRef } from './builder.js';
import { type ConnectionFieldBuilder, joinConnection, totalCountField } from './connections.js';
import {
  ArticleFilter,
  ArticleOrder,
  PersonFilter,
  PersonOrder,
  personOrderBy,
  personWhere,
  throughArticles,
} from './filters.js';
import type { Covered } from './loaders.js';
import { Model } from './model.js';
import { Organization } from './organization.js';
import { rowsAsAsked } from './planned-rows.js';
import { attributionsField } from './source.js';

type ModelRow = Prisma.ModelGetPayload<object>;
type OrganizationRow = Prisma.OrganizationGetPayload<object>;

const authoredArticles = prismaConnectionHelpers(builder, 'ArticleAuthor', {
  cursor: 'personId_articleId',
  select: (nodeSelection) => ({
    position: true,
    writtenAs: true,
    article: nodeSelection({ select: { id: true } }),
  }),
  resolveNode: (authorship) => authorship.article,
});

const articleAuthors = prismaConnectionHelpers(builder, 'ArticleAuthor', {
  cursor: 'articleId_position',
  select: (nodeSelection) => ({
    position: true,
    writtenAs: true,
    person: nodeSelection({ select: { id: true } }),
  }),
  resolveNode: (authorship) => authorship.person,
});

/** The authorship fields of an edge (`position`, `writtenAs`). */
function authorshipEdgeFields(t: ConnectionFieldBuilder) {
  const authorship = (item: unknown) => item as { position: number; writtenAs: string };
  return {
    position: t.int({
      description: 'Where the person stands in the list of authors: 1 for the first author.',
      resolve: (item) => authorship(item).position + 1,
    }),
    writtenAs: t.string({
      description: 'The name as this article writes it.',
      resolve: (item) => authorship(item).writtenAs,
    }),
  };
}

/** A model the articles of a person cover. */
const PersonModel = builder.objectRef<{ model: ModelRow; articles: number }>('PersonModel').implement({
  description: 'A model covered by articles a person wrote, and by how many of them.',
  fields: (t) => ({
    model: t.field({
      type: Model,
      description: 'The model.',
      resolve: (item) => item.model,
    }),
    articles: t.exposeInt('articles', { description: 'How many of their articles cover it.' }),
  }),
});

/** An organization the articles of a person cover. */
const PersonOrganization = builder
  .objectRef<{ organization: OrganizationRow; articles: number }>('PersonOrganization')
  .implement({
    description:
      'An organization covered directly by articles a person wrote (the developer of the models of their papers), and by how many of them.',
    fields: (t) => ({
      organization: t.field({
        type: Organization,
        description: 'The organization.',
        resolve: (item) => item.organization,
      }),
      articles: t.exposeInt('articles', { description: 'How many of their articles cover it.' }),
    }),
  });

/** Covered rows, most covered first, then by slug; rows that went missing left out. */
async function coveredRows<Row extends { slug: string }>(
  covered: readonly Covered[],
  load: (ids: number[]) => Promise<(Row | null | Error)[]>,
): Promise<{ row: Row; articles: number }[]> {
  const rows = await load(covered.map((item) => item.id));
  return covered
    .flatMap((item, index) => {
      const row = rows[index];
      return row && !(row instanceof Error) ? [{ row, articles: item.articles }] : [];
    })
    .sort((a, b) => b.articles - a.articles || compareText(a.row.slug, b.row.slug));
}

export const Person: NodeRef<'Person'> = builder.prismaNode('Person', {
  id: { field: 'id' },
  nullable: true,
  description:
    'A person who wrote articles of the graph (an author of a paper), as the sources name them. The same name is one person only with evidence (a shared organization or co-author); otherwise namesakes are kept apart, and `identity` says which.',
  fields: (t) => ({
    slug: t.exposeString('slug', {
      description:
        'Stable identifier (e.g. `long-ouyang`; a namesake told apart carries an organization: `wei-li-meta`).',
    }),
    name: t.exposeString('name', { description: 'The name as the articles write it most often.' }),
    nameZh: t.exposeString('nameZh', {
      nullable: true,
      description: 'The name in Chinese characters, where a source gives it.',
    }),
    identity: t.exposeString('identity', {
      nullable: true,
      description:
        "How the sources' names became this person: the evidence that joined them (shared organizations or co-authors), or the namesakes kept apart for want of it.",
    }),
    source: t.relation('source', {
      nullable: true,
      description: "Where the person was found (Epoch AI's author lists).",
    }),
    namesakes: t.field({
      type: [Person],
      description:
        'Other people of the graph with the same name (ignoring case and punctuation), kept apart for want of evidence that they are one; by slug.',
      resolve: async (person, _args, context) => {
        // Batched across the request by folded name: one statement for a page of people.
        const named = await context.loaders.peopleNamed.load(person.nameKey);
        return named.filter((row) => row.id !== person.id);
      },
    }),
    articles: t.connection(
      {
        type: Article,
        description: 'Articles the person wrote, with their place in each list of authors.',
        args: {
          filter: t.arg({ type: ArticleFilter, required: false, description: 'Only articles matching this.' }),
          orderBy: t.arg({ type: ArticleOrder, required: false, description: 'Sort order (default: import order).' }),
        },
        ...joinConnection({
          relation: 'authorships',
          count: { table: 'articleAuthor', key: 'personId' },
          helpers: authoredArticles,
          ...throughArticles,
        }),
      },
      {
        name: 'PersonArticlesConnection',
        description: 'Articles written by a person.',
        fields: (connection) => ({ totalCount: totalCountField(connection, 'authorships') }),
      },
      {
        name: 'PersonArticlesEdge',
        description: 'An article written by a person.',
        fields: (edge) => authorshipEdgeFields(edge),
      },
    ),
    models: t.field({
      type: [PersonModel],
      description:
        'The models covered by the articles they wrote (for a paper: the models it introduces), most covered first, then by slug.',
      resolve: async (person, _args, context, info) => {
        const [{ models: covered }, models] = await Promise.all([
          context.loaders.personCoverage.load(person.id),
          rowsAsAsked(context, info, 'model', ['model']),
        ]);
        const rows = await coveredRows(covered, (ids) => models.loadMany(ids));
        return rows.map(({ row, articles }) => ({ model: row, articles }));
      },
    }),
    organizations: t.field({
      type: [PersonOrganization],
      description:
        'The organizations the articles they wrote cover directly (the developers of the models of their papers): their affiliations as the articles show them, most covered first, then by slug.',
      select: { id: true },
      resolve: async (person, _args, context, info) => {
        const [{ organizations: covered }, organizations] = await Promise.all([
          context.loaders.personCoverage.load(person.id),
          rowsAsAsked(context, info, 'organization', ['organization']),
        ]);
        const rows = await coveredRows(covered, (ids) => organizations.loadMany(ids));
        return rows.map(({ row, articles }) => ({ organization: row as OrganizationRow, articles }));
      },
    }),
  }),
});

/** A person and how many items of a filtered list they wrote (a facet of articles). */
export const PersonCount = builder
  .objectRef<{ person: Prisma.PersonGetPayload<object>; count: number }>('PersonCount')
  .implement({
    description: 'A person and how many items of a filtered list they wrote.',
    fields: (t) => ({
      person: t.field({ type: Person, description: 'The person.', resolve: (item) => item.person }),
      count: t.exposeInt('count', { description: 'How many items they wrote.' }),
    }),
  });

builder.prismaObjectFields('Article', (t) => ({
  authors: t.connection(
    {
      type: Person,
      description: 'Who wrote the article, in the order the article lists them (first author first).',
      ...joinConnection({
        relation: 'authors',
        count: { table: 'articleAuthor', key: 'articleId' },
        helpers: articleAuthors,
        where: () => ({}),
        orderBy: () => [{ position: 'asc' }],
      }),
    },
    {
      name: 'ArticleAuthorsConnection',
      description: 'The authors of an article, in order.',
      fields: (connection) => ({ totalCount: totalCountField(connection, 'authors') }),
    },
    {
      name: 'ArticleAuthorsEdge',
      description: 'An author of an article, at their place in the list.',
      fields: (edge) => authorshipEdgeFields(edge),
    },
  ),
  authorsNotListed: t.exposeInt('authorsNotListed', {
    nullable: true,
    description:
      'How many authors the source leaves out of `authors` ("et al. (82 additional authors not shown)"); null when it names them all or says nothing of others.',
  }),
}));

builder.queryFields((t) => ({
  person: t.prismaField({
    type: 'Person',
    nullable: true,
    description: 'A person by slug; null when none has it. `people(filter: { name: ... })` finds people by name.',
    args: { slug: t.arg.string({ required: true, description: 'The slug (e.g. `long-ouyang`).' }) },
    resolve: (query, _root, args, context) =>
      context.prisma.person.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  people: t.prismaConnection(
    {
      type: 'Person',
      cursor: 'id',
      description:
        'All people, filtered and sorted. `filter: { wrote: { coversModel: { developedBy: { country: "CN" }, parameters: { gte: "100000000000" } } } }` answers "who wrote papers on Chinese models over 100B?".',
      args: {
        filter: t.arg({ type: PersonFilter, required: false, description: 'Only people matching this.' }),
        orderBy: t.arg({ type: PersonOrder, required: false, description: 'Sort order (default: by slug).' }),
      },
      totalCount: (_parent, args, context) => context.prisma.person.count({ where: personWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.prisma.person.findMany({
          ...query,
          where: personWhere(args.filter),
          orderBy: personOrderBy(args.orderBy),
        }),
    },
    {
      name: 'PersonConnection',
      description: 'A page of people.',
      fields: (connection) => ({
        attributions: attributionsField(connection, 'the people', (ids) => [{ people: { some: { id: { in: ids } } } }]),
      }),
    },
    { name: 'PersonEdge', description: 'A person in a page.' },
  ),
}));
