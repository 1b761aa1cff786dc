import type { PrismaClient } from '../db/client.js';
import { normalizeName } from '../lib/normalize.js';
import { badInput } from './errors.js';

/**
 * The unique `where` of the organization or model named by `slug`, or by `name`: its English or Chinese
 * name in any case, or an alias ignoring case, spaces and punctuation ("Open AI", "悟道2").
 * Exactly one of the two arguments must be given; a name costs one SQL statement.
 */
export async function findEntityWhere(
  prisma: PrismaClient,
  table: 'Organization' | 'Model',
  args: { slug?: string | null; name?: string | null },
): Promise<{ slug: string } | { id: number } | null> {
  if ((args.slug == null) === (args.name == null)) {
    throw badInput(args.slug == null ? 'slug' : 'name', 'give exactly one of "slug" or "name"');
  }
  if (args.slug != null) return { slug: args.slug };
  const name = (args.name as string).trim();
  if (name === '') throw badInput('name', 'must not be empty');
  const aliasTable = table === 'Organization' ? 'OrganizationAlias' : 'ModelAlias';
  const owner = table === 'Organization' ? 'organizationId' : 'modelId';
  // A name match ranks before an alias match, so "GPT-3" is GPT-3 even if another model lists it as an alias.
  const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
    `SELECT id, 0 AS rank FROM "${table}" WHERE lower(name) = lower(?) OR nameZh = ? OR slug = lower(?)
     UNION ALL SELECT "${owner}" AS id, 1 AS rank FROM "${aliasTable}" WHERE normalized = ?
     ORDER BY rank, id LIMIT 1`,
    name,
    name,
    name,
    normalizeName(name),
  );
  return rows[0] ? { id: Number(rows[0].id) } : null;
}
