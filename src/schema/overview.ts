/**
 * `overview`: the counts a dashboard draws, in one request: models and articles per
 * organization, per topic and per country, and each organization's largest model. A fixed
 * handful of statements that read counts the database keeps in step with every write (the
 * store's `tableCounts`, `articleCountsByOrganization`, ...: src/db/store.ts), so that the
 * overview costs the same at a thousand articles and at a million.
 */

import { type Prisma, relationsJoined } from '../db/client.js';
import type { CountryCounts } from '../db/store.js';
import { compareText } from '../domain/normalize.js';
import { builder } from './builder.js';
import { Model } from './model.js';
import { Organization } from './organization.js';
import { plannedQuery, presentById, rowsAsAsked } from './planned-rows.js';
import { Topic } from './topic.js';

type OrganizationStats = {
  organization: Prisma.OrganizationGetPayload<object>;
  modelCount: number;
  articleCount: number;
  modelArticleCount: number;
  largestModel: Prisma.ModelGetPayload<object> | null;
};
type TopicStats = { topic: Prisma.TopicGetPayload<object>; modelCount: number; articleCount: number };
type CountryStats = CountryCounts;

const OrganizationStatsRef = builder.objectRef<OrganizationStats>('OrganizationStats').implement({
  description: 'Counts for one organization.',
  fields: (t) => ({
    organization: t.field({
      type: Organization,
      description: 'The organization.',
      resolve: (stats) => stats.organization,
    }),
    modelCount: t.exposeInt('modelCount', { description: 'Models it developed.' }),
    articleCount: t.exposeInt('articleCount', {
      description: 'Articles covering it or one of its models, each counted once.',
    }),
    modelArticleCount: t.exposeInt('modelArticleCount', {
      description:
        'Of those, the articles covering one of its models: what `articles(filter: { coversModelOf: { slug } })` lists.',
    }),
    largestModel: t.field({
      type: Model,
      nullable: true,
      description: 'Its model with the most parameters (null when no size is known).',
      resolve: (stats) => stats.largestModel,
    }),
  }),
});

const TopicStatsRef = builder.objectRef<TopicStats>('TopicStats').implement({
  description: 'Counts for one topic.',
  fields: (t) => ({
    topic: t.field({ type: Topic, description: 'The topic.', resolve: (stats) => stats.topic }),
    modelCount: t.exposeInt('modelCount', { description: 'Models that belong to it.' }),
    articleCount: t.exposeInt('articleCount', { description: 'Articles that cover it.' }),
  }),
});

const CountryStatsRef = builder.objectRef<CountryStats>('CountryStats').implement({
  description: 'Counts for one country (of the organizations headquartered there).',
  fields: (t) => ({
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 code.' }),
    organizationCount: t.exposeInt('organizationCount', { description: 'Organizations headquartered there.' }),
    modelCount: t.exposeInt('modelCount', {
      description: 'Models developed by at least one of them, each counted once.',
    }),
    articleCount: t.exposeInt('articleCount', {
      description: 'Articles covering one of them or one of their models, each counted once.',
    }),
    modelArticleCount: t.exposeInt('modelArticleCount', {
      description:
        'Of those, the articles covering one of their models: what `articles(filter: { coversModelOf: { country } })` lists.',
    }),
  }),
});

type Totals = Record<
  'organizations' | 'models' | 'articles' | 'topics' | 'people' | 'sources' | 'authorships' | 'hardware' | 'datasets',
  number
>;

const TotalsRef = builder.objectRef<Totals>('GraphTotals').implement({
  description: 'How many of each kind of entity the graph holds.',
  fields: (t) => ({
    organizations: t.exposeInt('organizations', { description: 'Organizations.' }),
    models: t.exposeInt('models', { description: 'Models.' }),
    articles: t.exposeInt('articles', { description: 'Articles (papers, pages, posts, answers).' }),
    topics: t.exposeInt('topics', { description: 'Topics.' }),
    people: t.exposeInt('people', { description: 'People (authors of articles).' }),
    sources: t.exposeInt('sources', { description: 'Sources the facts are cited to.' }),
    authorships: t.exposeInt('authorships', { description: "Places in articles' lists of authors." }),
    hardware: t.exposeInt('hardware', { description: 'Kinds of hardware models were trained on.' }),
    datasets: t.exposeInt('datasets', { description: 'Datasets models were trained on.' }),
  }),
});

const Overview = builder.objectRef<object>('Overview').implement({
  description: 'Counts over the whole graph.',
  fields: (t) => ({
    totals: t.field({
      type: TotalsRef,
      description: 'How many of each kind of entity the graph holds.',
      resolve: async (_parent, _args, context) => {
        const rows = await context.store.tableCounts();
        return {
          organizations: rows.Organization,
          models: rows.Model,
          articles: rows.Article,
          topics: rows.Topic,
          people: rows.Person,
          sources: rows.Source,
          authorships: rows.ArticleAuthor,
          hardware: rows.Hardware,
          datasets: rows.Dataset,
        };
      },
    }),
    organizations: t.field({
      type: [OrganizationStatsRef],
      description: 'Every organization with its model and article counts and largest model, most models first.',
      resolve: async (_parent, _args, context, info) => {
        // Asked beyond their columns (an organization's models, a model's developers), the
        // organizations and the largest models are read as the operation asks for them
        // (planned-rows.ts); otherwise raw, the largest models with the statement that finds them.
        const organizationQuery = await plannedQuery(context, info, 'organization', ['organization']);
        const [organizations, counts, largest, models] = await Promise.all([
          organizationQuery
            ? (context.prisma.organization.findMany({
                ...organizationQuery,
                ...relationsJoined(context.database.config),
              }) as Promise<OrganizationStats['organization'][]>)
            : context.loaders.organizationRows.all(),
          context.store.organizationCounts(),
          context.store.largestModelByOrganization(),
          rowsAsAsked(context, info, 'model', ['largestModel']),
        ]);
        for (const model of largest.values()) context.loaders.modelRows.prime(model.id, model);
        const largestRows = presentById(await models.loadMany([...largest.values()].map((model) => model.id)));
        return organizations
          .map((organization) => ({
            organization,
            modelCount: counts.get(organization.id)?.models ?? 0,
            articleCount: counts.get(organization.id)?.articles ?? 0,
            modelArticleCount: counts.get(organization.id)?.modelArticles ?? 0,
            largestModel: largestRows.get(largest.get(organization.id)?.id ?? -1) ?? null,
          }))
          .sort(
            (a, b) =>
              b.modelCount - a.modelCount ||
              b.articleCount - a.articleCount ||
              compareText(a.organization.slug, b.organization.slug),
          );
      },
    }),
    topics: t.field({
      type: [TopicStatsRef],
      description: 'Every topic with its model and article counts, by slug.',
      resolve: async (_parent, _args, context, info) => {
        const query = await plannedQuery(context, info, 'topic', ['topic']);
        const [topics, counts] = await Promise.all([
          query
            ? (context.prisma.topic.findMany({ ...query, ...relationsJoined(context.database.config) }) as Promise<
                TopicStats['topic'][]
              >)
            : context.loaders.topicRows.all(),
          context.store.topicCounts(),
        ]);
        // By slug in JavaScript, by code unit: the same order whatever the database's collation.
        return topics
          .map((topic) => ({
            topic,
            modelCount: counts.get(topic.id)?.models ?? 0,
            articleCount: counts.get(topic.id)?.articles ?? 0,
          }))
          .sort((a, b) => compareText(a.topic.slug, b.topic.slug));
      },
    }),
    countries: t.field({
      type: [CountryStatsRef],
      description: 'Every country with organizations, most models first.',
      resolve: async (_parent, _args, context) =>
        [...(await context.loaders.countryCounts())].sort(
          (a, b) => b.modelCount - a.modelCount || compareText(a.country, b.country),
        ),
    }),
  }),
});

builder.queryFields((t) => ({
  overview: t.field({
    type: Overview,
    description: 'Counts over the whole graph: per organization, per topic, per country. One request for a dashboard.',
    resolve: () => ({}),
  }),
}));
