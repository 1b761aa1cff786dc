/**
 * The history of the graph (recorded by the write layer, src/graph/history.ts): `Revision`, the
 * root feed `history`, and the `history` and `version` fields of every versioned entity.
 */
import type { PrismaClient } from '../db/client.js';
import type { HistoryEntity as HistoryEntityValue } from '../domain/enums.js';
import type * as Rows from '../generated/prisma/client.js';
import type { HistoryEntity as HistoryEntityName } from '../graph/index.js';
import { Article } from './article.js';
import { builder, type Prisma } from './builder.js';
import { ActorKind, HistoryEntity, RevisionAction } from './enums.js';
import { Model } from './model.js';
import { Organization } from './organization.js';
import { Person } from './person.js';
import { Source } from './source.js';
import { Topic } from './topic.js';
import { Dataset, Hardware } from './training.js';

/** One recorded change of a field, as stored in `Revision.changes`. */
type StoredChange = { field: string; from: unknown; to: unknown };

export const FieldChange = builder.objectRef<StoredChange>('FieldChange').implement({
  description:
    'One field of an entity as a write changed it. Edges and claims are fields named by what they link: `claim:PARAMETERS:arxiv-2005-14165`, `developer:openai`, `parent:gpt-3:FINE_TUNED_FROM`, `topic:rlhf`, `covers:model:chatgpt`, `alias:文心一言`.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The field (or edge, or claim) that changed.' }),
    from: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'Its value before the write; null when it had none (an edge or claim that was added). Dates are ISO text.',
      resolve: (change) => change.from ?? null,
    }),
    to: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Its value after the write; null when it has none (an edge or claim that was removed).',
      resolve: (change) => change.to ?? null,
    }),
  }),
});

const ENTITY_TYPENAME = {
  SOURCE: 'Source',
  ORGANIZATION: 'Organization',
  TOPIC: 'Topic',
  MODEL: 'Model',
  ARTICLE: 'Article',
  PERSON: 'Person',
  HARDWARE: 'Hardware',
  DATASET: 'Dataset',
} as const satisfies Record<HistoryEntityValue, string>;

/** The GraphQL type of each entity a revision's `entity` answered. */
const TYPENAMES = new WeakMap<object, string>();

function typed<T extends object>(typename: string, row: T | null): T | null {
  if (row) TYPENAMES.set(row, typename);
  return row;
}

/** The row of a versioned entity. */
type VersionedRow =
  | Rows.Source
  | Rows.Organization
  | Rows.Topic
  | Rows.Model
  | Rows.Article
  | Rows.Person
  | Rows.Hardware
  | Rows.Dataset;

/** A versioned entity by kind and id. */
export type EntityRef = Readonly<{ type: HistoryEntityName; id: number }>;

/** A versioned entity as it is now, typed for `VersionedEntity`; null when it has been deleted. */
export async function entityById(context: { prisma: PrismaClient }, ref: EntityRef): Promise<VersionedRow | null> {
  const where = { where: { id: ref.id } };
  switch (ref.type) {
    case 'source':
      return typed('Source', await context.prisma.source.findUnique(where));
    case 'organization':
      return typed('Organization', await context.prisma.organization.findUnique(where));
    case 'topic':
      return typed('Topic', await context.prisma.topic.findUnique(where));
    case 'model':
      return typed('Model', await context.prisma.model.findUnique(where));
    case 'article':
      return typed('Article', await context.prisma.article.findUnique(where));
    case 'person':
      return typed('Person', await context.prisma.person.findUnique(where));
    case 'hardware':
      return typed('Hardware', await context.prisma.hardware.findUnique(where));
    case 'dataset':
      return typed('Dataset', await context.prisma.dataset.findUnique(where));
  }
}

/** What a revision is about, as it is now. */
export const VersionedEntity = builder.unionType('VersionedEntity', {
  description:
    'An entity that has a history and a version: a source, organization, topic, model, article, person, hardware or dataset.',
  types: [Source, Organization, Topic, Model, Article, Person, Hardware, Dataset],
  resolveType: (value) => TYPENAMES.get(value),
});

export const Revision = builder.prismaNode('Revision', {
  id: { field: 'id' },
  nullable: true,
  description:
    "One write's changes to one entity: who made it, when, and each field from its old value to its new one. Every write to the graph records one per entity it changed, in the same transaction, importers' writes too.",
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When the write committed.' }),
    actor: t.exposeString('actor', {
      description: "Who made it: the token holder's name, or the importer's (`importer:curated`, `importer:epoch`).",
    }),
    actorKind: t.expose('actorKind', { type: ActorKind, description: 'What kind of actor made it.' }),
    entityType: t.expose('entityType', { type: HistoryEntity, description: 'The kind of entity it changed.' }),
    entityKey: t.exposeString('entityKey', {
      description: "The entity's slug (an article's URL) when the write ended: it names deleted entities too.",
    }),
    version: t.exposeInt('version', {
      description: "The entity's version after this write (1 for its first recorded write).",
    }),
    action: t.expose('action', { type: RevisionAction, description: 'Whether it created, changed or deleted it.' }),
    changes: t.field({
      type: [FieldChange],
      description: 'What changed, in the order the write made the changes.',
      resolve: (revision) => JSON.parse(revision.changes) as StoredChange[],
    }),
    entity: t.field({
      type: VersionedEntity,
      nullable: true,
      description: 'The entity as it is now; null when it has been deleted.',
      // findUnique calls of one tick are batched by Prisma into one statement per table.
      resolve: (revision, _args, context) =>
        entityById(context, { type: revision.entityType.toLowerCase() as HistoryEntityName, id: revision.entityId }),
    }),
    revertOf: t.prismaField({
      type: 'Revision',
      nullable: true,
      description: 'For a revert: the earlier revision whose state it restored.',
      resolve: (query, revision, _args, context) =>
        revision.revertOf === null
          ? null
          : context.prisma.revision.findUnique({ ...query, where: { id: revision.revertOf } }),
    }),
  }),
});

const HistoryFilter = builder.inputType('HistoryFilter', {
  description: 'Which revisions to list; conditions combine with AND.',
  fields: (t) => ({
    actor: t.string({ description: 'Only writes by this actor (a token name, or `importer:epoch`).' }),
    actorKind: t.field({ type: ActorKind, description: 'Only writes by this kind of actor.' }),
    entityType: t.field({ type: HistoryEntity, description: 'Only changes to this kind of entity.' }),
    action: t.field({ type: RevisionAction, description: 'Only revisions with this action.' }),
  }),
});

builder.queryField('history', (t) =>
  t.prismaConnection(
    {
      type: 'Revision',
      cursor: 'id',
      description: 'Every recorded write to the graph, newest first.',
      args: { filter: t.arg({ type: HistoryFilter, required: false, description: 'Only revisions matching this.' }) },
      totalCount: (_parent, args, context) => context.prisma.revision.count({ where: historyWhere(args.filter) }),
      resolve: (query, _parent, args, context) =>
        context.prisma.revision.findMany({ ...query, where: historyWhere(args.filter), orderBy: { id: 'desc' } }),
    },
    { name: 'HistoryConnection', description: 'A page of revisions, newest first.' },
    { name: 'HistoryEdge', description: 'A revision in a page.' },
  ),
);

/** The `where` of a history filter: each condition given, combined with AND. */
function historyWhere(filter: typeof HistoryFilter.$inferInput | null | undefined): Prisma.RevisionWhereInput {
  return {
    ...(filter?.actor != null ? { actor: filter.actor } : {}),
    ...(filter?.actorKind != null ? { actorKind: filter.actorKind } : {}),
    ...(filter?.entityType != null ? { entityType: filter.entityType } : {}),
    ...(filter?.action != null ? { action: filter.action } : {}),
  };
}

// `version` and `history` on every versioned entity. The five tables share the columns these
// read (`id`, `version`), so one definition typed as Model's serves them all.
for (const entityType of Object.keys(ENTITY_TYPENAME) as HistoryEntityValue[]) {
  const typename = ENTITY_TYPENAME[entityType];
  builder.prismaObjectFields(typename as 'Model', (t) => ({
    version: t.exposeInt('version', {
      description:
        "How many recorded writes changed it (0 before history began). Pass it as `expectedVersion` to a mutation: the write is refused if someone else's came first.",
    }),
    history: t.prismaConnection(
      {
        type: 'Revision',
        cursor: 'id',
        description: 'Its recorded writes, newest first.',
        totalCount: (parent, _args, context) =>
          context.prisma.revision.count({ where: { entityType, entityId: parent.id } }),
        resolve: (query, parent, _args, context) =>
          context.prisma.revision.findMany({
            ...query,
            where: { entityType, entityId: parent.id },
            orderBy: { id: 'desc' },
          }),
      },
      {
        name: `${typename}HistoryConnection`,
        description: `Revisions of a ${typename.toLowerCase()}, newest first.`,
      },
      { name: `${typename}HistoryEdge`, description: 'A revision in a page.' },
    ),
  }));
}
