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
