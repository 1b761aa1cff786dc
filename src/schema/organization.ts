import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { coveringArticlesField } from './article.js';
import { builder, type NodeRef } from './builder.js';
import { joinConnection, totalCountField } from './connections.js';
import { ClaimRank, DeveloperRole, OrganizationKind, OrganizationProperty } from './enums.js';
import {
  ModelFilter,
  ModelOrder,
  OrganizationFilter,
  OrganizationOrder,
  organizationOrderBy,
  organizationWhere,
  throughModels,
} from './filters.js';
import { findPlanned } from './lookup.js';
import { Model } from './model.js';

export const Organization: NodeRef<'Organization'> = builder.prismaNode('Organization', {
  id: { field: 'id' },
  // `node(id:)` answers null for an id that names no row, instead of failing.
  nullable: true,
  description: 'A company, lab, university or institute that builds or studies language models.',
  fields: (t) => ({
    slug: t.exposeString('slug', {
      description: 'Stable, public identifier (e.g. `openai`, `baidu`); never changes once published.',
    }),
    name: t.exposeString('name', { description: 'Usual English name.' }),
    nameZh: t.exposeString('nameZh', { nullable: true, description: 'Chinese name, where it has one.' }),
    aliases: t.stringList({
      description: 'Other names it is known by (abbreviations, old names, nicknames).',
      select: { aliases: { select: { alias: true }, orderBy: { alias: 'asc' } } },
      resolve: (organization) => organization.aliases.map((alias) => alias.alias),
    }),
    kind: t.expose('kind', {
      type: OrganizationKind,
      description: 'What kind of body it is: the preferred KIND claim (OTHER when no claim says).',
    }),
    country: t.exposeString('country', {
      nullable: true,
      description:
        'ISO 3166-1 alpha-2 code of its headquarters (e.g. `US`, `CN`): the preferred COUNTRY claim, null when no claim says.',
    }),
    claims: t.relation('claims', {
      description: "Every sourced claim of the organization's country and kind, by property then source.",
      args: {
        property: t.arg({ type: OrganizationProperty, required: false, description: 'Only claims of this property.' }),
        rank: t.arg({ type: ClaimRank, required: false, description: 'Only claims of this rank.' }),
      },
      query: (args) => ({
        where: { ...(args.property ? { property: args.property } : {}), ...(args.rank ? { rank: args.rank } : {}) },
        orderBy: [{ property: 'asc' }, { source: { slug: 'asc' } }],
      }),
    }),
    website: t.exposeString('website', { nullable: true, description: 'Official website.' }),
    foundedYear: t.exposeInt('foundedYear', { nullable: true, description: 'Year it was founded.' }),
    wikidataId: t.exposeString('wikidataId', { nullable: true, description: 'Wikidata item id (e.g. `Q21708200`).' }),
    description: t.exposeString('description', { nullable: true, description: 'A short description.' }),
    parent: t.relation('parent', {
      nullable: true,
      description: 'The organization this one belongs to (Google Research belongs to Google).',
    }),
    children: t.relation('children', {
      description: 'Organizations that belong to this one.',
      query: { orderBy: { slug: 'asc' } },
    }),
    models: t.connection(
      {
        type: Model,
        description: 'Models this organization developed, with its role on each edge.',
        args: {
          filter: t.arg({ type: ModelFilter, required: false, description: 'Only models matching this.' }),
          orderBy: t.arg({ type: ModelOrder, required: false, description: 'Sort order (default: by slug).' }),
        },
        ...joinConnection({
          relation: 'models',
          count: { table: 'modelDeveloper', key: 'organizationId' },
          helpers: developedModels,
          ...throughModels,
        }),
      },
      {
        name: 'OrganizationModelsConnection',
        description: 'Models of an organization.',
        fields: (connection) => ({
          totalCount: totalCountField(connection, 'models'),
        }),
      },
      {
        name: 'OrganizationModelsEdge',
        description: 'A model of an organization, with the role the organization played.',
        fields: (edge) => ({
          role: edge.field({
            type: DeveloperRole,
            description: "The organization's role in building the model.",
            resolve: (developer) => (developer as unknown as { role: never }).role,
          }),
        }),
      },
    ),
    articles: coveringArticlesField(t, { owner: 'Organization', helpers: coveringArticles }),
  }),
});

const developedModels = prismaConnectionHelpers(builder, 'ModelDeveloper', {
  cursor: 'modelId_organizationId',
  select: (nodeSelection) => ({ role: true, model: nodeSelection({ select: { id: true } }) }),
  resolveNode: (developer) => developer.model,
});

const coveringArticles = prismaConnectionHelpers(builder, 'ArticleOrganization', {
  cursor: 'articleId_organizationId',
  select: (nodeSelection) => ({
    relevance: true,
    confidence: true,
    basis: true,
    article: nodeSelection({ select: { id: true } }),
  }),
  resolveNode: (coverage) => coverage.article,
});

builder.queryFields((t) => ({
  organization: t.prismaField({
    type: 'Organization',
    nullable: true,
    description:
      'An organization by its slug, or by its English or Chinese name or an alias (case-insensitive: "Baidu", "百度", "closeAI"). Null when none matches.',
    args: {
      slug: t.arg.string({ required: false, description: 'The slug (e.g. `baidu`).' }),
      name: t.arg.string({ required: false, description: 'An English or Chinese name or alias, any case.' }),
    },
    resolve: async (query, _root, args, context) => {
      // Spread now: a name that matches nothing finds no row without running the planned query,
      // which Pothos would otherwise report as unused.
      const planned = { ...query };
      return findPlanned(context, 'Organization', args, planned, (where) =>
        context.prisma.organization.findUnique({ ...planned, where }),
      );
    },
  }),
  organizations: t.prismaConnection(
    {
      type: 'Organization',
      cursor: 'id',
      description: 'All organizations, filtered and sorted.',
      args: {
        filter: t.arg({ type: OrganizationFilter, required: false, description: 'Only organizations matching this.' }),
        orderBy: t.arg({ type: OrganizationOrder, required: false, description: 'Sort order (default: by slug).' }),
      },
      totalCount: (_parent, args, context) =>
        context.prisma.organization.count({ where: organizationWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.prisma.organization.findMany({
          ...query,
          where: organizationWhere(args.filter),
          orderBy: organizationOrderBy(args.orderBy),
        }),
    },
    { name: 'OrganizationConnection', description: 'A page of organizations.' },
    { name: 'OrganizationEdge', description: 'An organization in a page.' },
  ),
}));
