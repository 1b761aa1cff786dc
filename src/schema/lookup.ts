import type { Prisma } from '../db/client.js';
import type { GraphStore, NamedTable } from '../db/store.js';
import { badInput } from './errors.js';

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
