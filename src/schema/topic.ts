import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { coveringArticlesField } from './article.js';
import { builder, type NodeRef } from './builder.js';
import { joinConnection, totalCountField } from './connections.js';
import { ModelFilter, ModelOrder, TopicFilter, throughModels, topicWhere } from './filters.js';
import { findPlanned } from './lookup.js';
import { Model } from './model.js';

const topicModels = prismaConnectionHelpers(builder, 'ModelTopic', {
  cursor: 'modelId_topicId',
  select: (nodeSelection) => ({ derivation: true, model: nodeSelection({ select: { id: true } }) }),
  resolveNode: (membership) => membership.model,
});

const topicArticles = prismaConnectionHelpers(builder, 'ArticleTopic', {
  cursor: 'articleId_topicId',
  select: (nodeSelection) => ({
    relevance: true,
    confidence: true,
    basis: true,
    article: nodeSelection({ select: { id: true } }),
  }),
  resolveNode: (coverage) => coverage.article,
});

export const Topic: NodeRef<'Topic'> = builder.prismaNode('Topic', {
  id: { field: 'id' },
  // `node(id:)` answers null for an id that names no row, instead of failing.
  nullable: true,
  description:
    'A subject area of the landscape (GPT lineage, RLHF, Chinese LLMs, ...), possibly under a broader topic.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, public identifier (e.g. `rlhf`, `chinese-llms`).' }),
    name: t.exposeString('name', { description: 'English name.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Chinese name.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the topic is about.' }),
    parent: t.relation('parent', { nullable: true, description: 'The broader topic this one belongs to.' }),
    children: t.relation('children', { description: 'Narrower topics, by slug.', query: { orderBy: { slug: 'asc' } } }),
    models: t.connection(
      {
        type: Model,
        description: 'Models that belong to this topic.',
        args: {
          filter: t.arg({ type: ModelFilter, required: false, description: 'Only models matching this.' }),
          orderBy: t.arg({ type: ModelOrder, required: false, description: 'Sort order (default: by slug).' }),
        },
        ...joinConnection({
          relation: 'models',
          count: { table: 'modelTopic', key: 'topicId' },
          helpers: topicModels,
          ...throughModels,
        }),
      },
      {
        name: 'TopicModelsConnection',
        description: 'Models of a topic.',
        fields: (connection) => ({
          totalCount: totalCountField(connection, 'models'),
        }),
      },
      {
        name: 'TopicModelsEdge',
        description: 'A model of a topic, with how it came to be in it.',
        fields: (edge) => ({
          derivation: edge.string({
            nullable: true,
            description:
              'The rule that put the model in the topic (seed/data/derivations.yaml, e.g. "a language model developed by an organization headquartered in China"); null when the curators did.',
            resolve: (membership) => (membership as unknown as { derivation: string | null }).derivation,
          }),
        }),
      },
    ),
    articles: coveringArticlesField(t, { owner: 'Topic', helpers: topicArticles }),
  }),
});

builder.queryFields((t) => ({
  topic: t.prismaField({
    type: 'Topic',
    nullable: true,
    description:
      'A topic by its slug, or by its English or Chinese name in any case ("RLHF", "指令微调"). Null when none matches.',
    args: {
      slug: t.arg.string({ required: false, description: 'The slug (e.g. `rlhf`).' }),
      name: t.arg.string({ required: false, description: 'The English or Chinese name, any case.' }),
    },
    resolve: async (query, _root, args, context) => {
      // Spread now: a name that matches nothing finds no row without running the planned query,
      // which Pothos would otherwise report as unused.
      const planned = { ...query };
      return findPlanned(context, 'Topic', args, planned, (where) =>
        context.prisma.topic.findUnique({ ...planned, where }),
      );
    },
  }),
  topics: t.prismaConnection(
    {
      type: 'Topic',
      cursor: 'id',
      description: 'All topics, by slug.',
      args: { filter: t.arg({ type: TopicFilter, required: false, description: 'Only topics matching this.' }) },
      totalCount: (_parent, args, context) => context.prisma.topic.count({ where: topicWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.prisma.topic.findMany({ ...query, where: topicWhere(args.filter), orderBy: [{ slug: 'asc' }] }),
    },
    { name: 'TopicConnection', description: 'A page of topics.' },
    { name: 'TopicEdge', description: 'A topic in a page.' },
  ),
}));
