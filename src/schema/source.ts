import type { Prisma } from '../db/client.js';
import { parseParameterCount } from '../domain/parameters.js';
import { type BuilderTypes, builder } from './builder.js';
import { ClaimProperty, ClaimRank, Confidence, OrganizationProperty, SourceKind } from './enums.js';
import { ParameterCount } from './parameters.js';

export const Source = builder.prismaNode('Source', {
  id: { field: 'id' },
  // `node(id:)` answers null for an id that names no row, instead of failing.
  nullable: true,
  description:
    "Where facts come from: the user's note, a paper, a website, a dataset. Licence and attribution travel with it.",
  fields: (t) => ({
    slug: t.exposeString('slug', {
      description: 'Stable identifier (e.g. `user-note`, `arxiv-2107-02137`, `epoch-notable-ai-models`).',
    }),
    kind: t.expose('kind', { type: SourceKind, description: 'What kind of source it is.' }),
    title: t.exposeString('title', { description: 'Title.' }),
    url: t.exposeString('url', { nullable: true, description: 'Where to read it.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Who wrote or published it.' }),
    publishedAt: t.expose('publishedAt', { type: 'Date', nullable: true, description: 'When it was published.' }),
    snapshotDate: t.expose('snapshotDate', {
      type: 'Date',
      nullable: true,
      description: 'For a dataset: the date of the snapshot imported.',
    }),
    license: t.exposeString('license', { nullable: true, description: 'Licence of the material (e.g. `CC BY 4.0`).' }),
    attribution: t.exposeString('attribution', {
      nullable: true,
      description: 'Attribution the licence requires wherever its data is shown.',
    }),
    description: t.exposeString('description', { nullable: true, description: 'Notes on the source.' }),
    claims: t.relatedConnection(
      'claims',
      {
        cursor: 'id',
        description: 'Claims citing this source.',
        totalCount: true,
        query: { orderBy: { id: 'asc' } },
      },
      { name: 'SourceClaimsConnection', description: 'Claims citing a source.' },
      { name: 'SourceClaimsEdge', description: 'A claim citing a source.' },
    ),
  }),
});

export const Claim = builder.prismaNode('Claim', {
  id: { field: 'id' },
  // `node(id:)` answers null for an id that names no row, instead of failing.
  nullable: true,
  description: 'A sourced statement of one property of a model. Sources may disagree: every claim is kept.',
  fields: (t) => ({
    model: t.relation('model', { description: 'The model the claim is about.' }),
    property: t.expose('property', { type: ClaimProperty, description: 'The property claimed.' }),
    value: t.exposeString('value', {
      description:
        'Canonical value: an integer for parameters, an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for dates, a number for compute, text otherwise.',
    }),
    parameters: t.field({
      type: ParameterCount,
      nullable: true,
      description: 'For a PARAMETERS claim: the value as an exact count with display forms.',
      select: { property: true, value: true },
      resolve: (claim) => (claim.property === 'PARAMETERS' ? parseParameterCount(claim.value) : null),
    }),
    source: t.relation('source', { description: 'Who claims it.' }),
    locator: t.exposeString('locator', {
      nullable: true,
      description: 'Where in the source (a row link, a section, a table row).',
    }),
    quote: t.exposeString('quote', {
      nullable: true,
      description: 'The words of the source as written (e.g. `260B/100B/10B`).',
    }),
    confidence: t.expose('confidence', { type: Confidence, description: 'How sure the source is.' }),
    note: t.exposeString('note', { nullable: true, description: 'A note on how the value was read.' }),
    rank: t.expose('rank', {
      type: ClaimRank,
      description:
        'Where the claim stands among the claims of its property: PREFERRED gives the value the graph shows (e.g. `Model.parameters`), DEPRECATED is known wrong. One rule decides, for every source (README, "How facts are chosen").',
    }),
    rankReason: t.string({
      description:
        'Why the claim has its rank, in words (e.g. "the best qualifying claim: confident, from a paper (arxiv-2005-14165)").',
      resolve: (claim) => claim.rankReason ?? '',
    }),
  }),
});

builder.queryFields((t) => ({
  source: t.prismaField({
    type: 'Source',
    nullable: true,
    description: 'A source by its slug; null when none has it.',
    args: { slug: t.arg.string({ required: true, description: 'The slug (e.g. `user-note`).' }) },
    resolve: (query, _root, args, context) =>
      context.prisma.source.findUnique({ ...query, where: { slug: args.slug } }),
  }),
  sources: t.prismaConnection(
    {
      type: 'Source',
      cursor: 'id',
      description: 'All sources, by slug.',
      totalCount: (_parent, _args, context) => context.prisma.source.count(),
      resolve: (query, _parent, _args, context) =>
        context.prisma.source.findMany({ ...query, orderBy: [{ slug: 'asc' }] }),
    },
    { name: 'SourceConnection', description: 'A page of sources.' },
    { name: 'SourceEdge', description: 'A source in a page.' },
  ),
}));

builder.prismaObject('OrganizationClaim', {
  description:
    "A sourced statement of an organization's country or kind. Sources may disagree: every claim is kept, and one rule ranks them.",
  fields: (t) => ({
    organization: t.relation('organization', { description: 'The organization the claim is about.' }),
    property: t.expose('property', { type: OrganizationProperty, description: 'The property claimed.' }),
    value: t.exposeString('value', {
      description: 'Canonical value: an ISO 3166-1 alpha-2 code for COUNTRY, an OrganizationKind value for KIND.',
    }),
    source: t.relation('source', { description: 'Who claims it.' }),
    locator: t.exposeString('locator', { nullable: true, description: 'Where in the source (a row link, a section).' }),
    quote: t.exposeString('quote', {
      nullable: true,
      description: 'The words of the source as written (e.g. `Industry`).',
    }),
    confidence: t.expose('confidence', { type: Confidence, description: 'How sure the source is.' }),
    note: t.exposeString('note', { nullable: true, description: 'A note on how the value was read.' }),
    rank: t.expose('rank', {
      type: ClaimRank,
      description: "Where the claim stands among the claims of its property: PREFERRED gives the organization's value.",
    }),
    rankReason: t.string({
      description: 'Why the claim has its rank, in words.',
      resolve: (claim) => claim.rankReason ?? '',
    }),
  }),
});

/**
 * `attributions` on a page of a connection: the sources whose licence asks to be credited (Epoch
 * AI's CC BY 4.0 dataset) that supplied what is on the page, by `suppliedBy` (the sources' link
 * to the page's ids). One query per page.
 */
export function attributionsField(
  connection: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, object>,
  what: string,
  suppliedBy: (ids: number[]) => Prisma.SourceWhereInput[],
) {
  return connection.field({
    type: [Source],
    description: `Sources whose licence requires attribution (e.g. Epoch AI, CC BY 4.0) that supplied ${what} on this page: show their \`attribution\` with the data.`,
    resolve: async (result, _args, context) => {
      const edges = (result as { edges?: ({ node: { id: number } } | null)[] }).edges ?? [];
      const ids = edges.flatMap((edge) => (edge ? [edge.node.id] : []));
      if (ids.length === 0) return [];
      return context.prisma.source.findMany({
        where: { attribution: { not: null }, OR: suppliedBy(ids) },
        orderBy: { slug: 'asc' },
      });
    },
  });
}
