/**
 * Live updates: `articleChanged` and `claimChanged`, heard from the writes the API commits
 * (src/events.ts), over Server-Sent Events (`Accept: text/event-stream`, the GraphQL over SSE
 * protocol's distinct-connections mode, which Yoga serves as it is).
 */
import { filter, pipe } from '@graphql-yoga/subscription';
import type { Context } from '../context.js';
import type { GraphChange } from '../events.js';
import { currentRequest } from '../request-scope.js';
import { type BuilderTypes, builder } from './builder.js';
import { HistoryEntity, RevisionAction } from './enums.js';
import { FieldChange } from './history.js';

builder.subscriptionType({
  description:
    'Live updates of the graph, over Server-Sent Events: send the subscription with `Accept: text/event-stream` (a `graphql-sse` client does). Reading needs no token.',
});

const ChangeFilter = builder.inputType('ChangeFilter', {
  description: 'Which changes to hear; conditions combine with AND. Slugs are matched as they are now.',
  fields: (t) => ({
    model: t.string({ description: 'Only changes concerning this model (slug).' }),
    organization: t.string({
      description: 'Only changes concerning this organization (slug) or one of the models it developed.',
    }),
    topic: t.string({ description: 'Only changes concerning this topic (slug) or one of the models in it.' }),
  }),
});

type ChangeFilterShape = typeof ChangeFilter.$inferInput;

const changeFields = (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, GraphChange>) => ({
  action: t.field({
    type: RevisionAction,
    description: 'Whether the write created, changed or deleted it.',
    resolve: (change) => change.action.toUpperCase() as 'CREATED' | 'UPDATED' | 'DELETED',
  }),
  version: t.exposeInt('version', { description: 'Its version after the write.' }),
  actor: t.exposeString('actor', { description: "Who made the write (the token's name)." }),
  at: t.field({ type: 'DateTime', description: 'When the write committed.', resolve: (change) => new Date(change.at) }),
  entityType: t.field({
    type: HistoryEntity,
    description: 'The kind of entity.',
    resolve: (change) => change.entity.toUpperCase() as 'MODEL',
  }),
});

const ArticleChange = builder.objectRef<GraphChange>('ArticleChange').implement({
  description: 'An article added, changed or deleted by a write.',
  fields: (t) => ({
    ...changeFields(t),
    url: t.exposeString('key', { description: 'Its URL.' }),
    changes: t.field({
      type: [FieldChange],
      description: 'What changed (its fields and coverage), from the old value to the new.',
      resolve: (change) => [...change.changes],
    }),
    article: t.prismaField({
      type: 'Article',
      nullable: true,
      description: 'The article as it is now; null when it was deleted.',
      resolve: (query, change, _args, context) =>
        context.prisma.article.findUnique({ ...query, where: { id: change.id } }),
    }),
  }),
});

const ClaimChange = builder.objectRef<GraphChange>('ClaimChange').implement({
  description:
    'Claims of a model changed by a write: added, replaced or retracted. Its preferred values follow from them.',
  fields: (t) => ({
    ...changeFields(t),
    slug: t.exposeString('key', { description: "The model's slug." }),
    changes: t.field({
      type: [FieldChange],
      description: 'The claims that changed (fields `claim:<PROPERTY>:<source>`), from the old value to the new.',
      resolve: (change) => change.changes.filter((field) => field.field.startsWith('claim:')),
    }),
    model: t.prismaField({
      type: 'Model',
      nullable: true,
      description: 'The model as it is now (with its preferred values); null when it was deleted.',
      resolve: (query, change, _args, context) =>
        context.prisma.model.findUnique({ ...query, where: { id: change.id } }),
    }),
  }),
});

/** Whether an article (by id) concerns what the filter names, as the graph says now. */
async function articleMatches(context: Context, articleId: number, filter: ChangeFilterShape): Promise<boolean> {
  const conditions = [
    filter.model ? { models: { some: { model: { slug: filter.model } } } } : undefined,
    filter.organization
      ? {
          OR: [
            { organizations: { some: { organization: { slug: filter.organization } } } },
            { models: { some: { model: { developers: { some: { organization: { slug: filter.organization } } } } } } },
          ],
        }
      : undefined,
    filter.topic
      ? {
          OR: [
            { topics: { some: { topic: { slug: filter.topic } } } },
            { models: { some: { model: { topics: { some: { topic: { slug: filter.topic } } } } } } },
          ],
        }
      : undefined,
  ].filter((condition) => condition !== undefined);
  if (conditions.length === 0) return true;
  return (await context.prisma.article.count({ where: { id: articleId, AND: conditions } })) > 0;
}

/** Whether a model (by id) concerns what the filter names, as the graph says now. */
async function modelMatches(context: Context, change: GraphChange, filter: ChangeFilterShape): Promise<boolean> {
  if (filter.model && filter.model !== change.key) {
    // An old slug names the model it redirects to.
    const redirect = await context.prisma.slugRedirect.findUnique({
      where: { entityType_fromSlug: { entityType: 'MODEL', fromSlug: filter.model } },
    });
    if (redirect?.modelId !== change.id) return false;
  }
  const conditions = [
    filter.organization ? { developers: { some: { organization: { slug: filter.organization } } } } : undefined,
    filter.topic ? { topics: { some: { topic: { slug: filter.topic } } } } : undefined,
  ].filter((condition) => condition !== undefined);
  if (conditions.length === 0) return true;
  return (await context.prisma.model.count({ where: { id: change.id, AND: conditions } })) > 0;
}

builder.subscriptionField('articleChanged', (t) =>
  t.field({
    type: ArticleChange,
    description:
      'An article was added, changed or deleted (its fields or what it covers). With a filter, only articles covering that model, organization (or its models) or topic (or its models); a deleted article is heard only without a filter.',
    args: { filter: t.arg({ type: ChangeFilter, required: false, description: 'Only articles concerning this.' }) },
    subscribe: (_root, args, context) =>
      pipe(
        context.events.subscribe(currentRequest()?.client),
        filter(async (change: GraphChange) => {
          if (change.entity !== 'article') return false;
          if (!args.filter) return true;
          return change.action !== 'deleted' && (await articleMatches(context, change.id, args.filter));
        }),
      ),
    resolve: (change) => change,
  }),
);

builder.subscriptionField('claimChanged', (t) =>
  t.field({
    type: ClaimChange,
    description:
      'Claims of a model were added, replaced or retracted. With a filter, only that model, the models of that organization, or the models in that topic.',
    args: { filter: t.arg({ type: ChangeFilter, required: false, description: 'Only models concerning this.' }) },
    subscribe: (_root, args, context) =>
      pipe(
        context.events.subscribe(currentRequest()?.client),
        filter(async (change: GraphChange) => {
          if (change.entity !== 'model' || !change.changes.some((field) => field.field.startsWith('claim:')))
            return false;
          if (!args.filter) return true;
          return change.action !== 'deleted' && (await modelMatches(context, change, args.filter));
        }),
      ),
    resolve: (change) => change,
  }),
);
