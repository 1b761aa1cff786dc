import type { Prisma } from '../db/client.js';
import type { GraphStore, NamedTable } from '../db/store.js';
import { badInput } from './errors.js';
import type { Loaders } from './loaders.js';

/**
 * The unique `where` of the organization, model or topic named by `slug`, or by `name`: its
 * English or Chinese name in any case, or (organizations and models) an alias ignoring case,
 * spaces and punctuation ("Open AI", "悟道2"); a name wins over another entity's alias
 * (`GraphStore.findIdByName`). Exactly one of the two arguments must be given; a name costs one
 * SQL statement.
 */
export async function findEntityWhere(
  store: Pick<GraphStore, 'findIdByName'>,
  table: NamedTable,
  args: { slug?: string | null; name?: string | null },
): Promise<{ slug: string } | { id: number } | null> {
  if ((args.slug == null) === (args.name == null)) {
    throw badInput(args.slug == null ? 'slug' : 'name', 'give exactly one of "slug" or "name"');
  }
  if (args.slug != null) return { slug: args.slug };
  const name = (args.name as string).trim();
  if (name === '') throw badInput('name', 'must not be empty');
  const id = await store.findIdByName(table, name);
  return id == null ? null : { id };
}

/** The slug redirect column of each table. */
const REDIRECT = {
  Model: { type: 'MODEL', column: 'modelId' },
  Organization: { type: 'ORGANIZATION', column: 'organizationId' },
  Topic: { type: 'TOPIC', column: 'topicId' },
} as const;

/**
 * Finds the entity `args` names (see {@link findEntityWhere}) with `find`. A slug that names no
 * entity any more, because it was renamed or merged into another, follows its redirect: published
 * slugs never stop resolving. The redirect costs a statement only when the slug itself misses.
 */
export async function findEntity<T>(
  context: { store: Pick<GraphStore, 'findIdByName'>; prisma: Prisma.TransactionClient },
  table: NamedTable,
  args: { slug?: string | null; name?: string | null },
  find: (where: { slug: string } | { id: number }) => Promise<T | null>,
): Promise<T | null> {
  const where = await findEntityWhere(context.store, table, args);
  if (!where) return null;
  const found = await find(where);
  if (found || !('slug' in where)) return found;
  const { type, column } = REDIRECT[table];
  const redirect = await context.prisma.slugRedirect.findUnique({
    where: { entityType_fromSlug: { entityType: type, fromSlug: where.slug } },
    select: { [column]: true } as { modelId: true },
  });
  const id = (redirect as Record<string, number | null> | null)?.[column];
  return id == null ? null : find({ id });
}

/**
 * {@link findEntity} for a root lookup planned by Pothos (`model(slug:)`, `organization(slug:)`,
 * `topic(slug:)`): with `find` (Prisma, with the plan) when the operation asks more of the row
 * than its columns, otherwise the row read raw through the request's loaders (a third of
 * `findUnique`'s cost; on SQLite on the connection itself), in the same shape, the lookups of a
 * request by slug in one statement per table.
 */
export function findPlanned<T>(
  context: {
    store: Pick<GraphStore, 'findIdByName'>;
    prisma: Prisma.TransactionClient;
    loaders: Pick<Loaders, 'slugRows' | 'modelRows' | 'organizationRows' | 'topicRows'>;
  },
  table: NamedTable,
  args: { slug?: string | null; name?: string | null },
  planned: object,
  find: (where: { slug: string } | { id: number }) => Promise<T | null>,
): Promise<T | null> {
  if (Object.keys(planned).length > 0) return findEntity(context, table, args, find);
  const byId = {
    Model: context.loaders.modelRows,
    Organization: context.loaders.organizationRows.byId,
    Topic: context.loaders.topicRows.byId,
  }[table];
  return findEntity(context, table, args, async (where) =>
    'id' in where
      ? ((await byId.load(where.id)) as T | null)
      : ((await context.loaders.slugRows(table).load(where.slug)) as T | null),
  );
}
