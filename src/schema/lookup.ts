import type { PrismaClient } from '../db/client.js';
import { normalizeName } from '../domain/normalize.js';
import { badInput } from './errors.js';

/**
 * The unique `where` of the organization, model or topic named by `slug`, or by `name`: its
 * English or Chinese name in any case, or (organizations and models) an alias ignoring case,
 * spaces and punctuation ("Open AI", "悟道2").
 * Exactly one of the two arguments must be given; a name costs one SQL statement.
 */
/** The alias table of each kind of entity that has one. */
const ALIASES = {
  Organization: { table: 'OrganizationAlias', owner: 'organizationId' },
  Model: { table: 'ModelAlias', owner: 'modelId' },
  Topic: undefined,
} as const;

export async function findEntityWhere(
  prisma: PrismaClient,
  table: 'Organization' | 'Model' | 'Topic',
  args: { slug?: string | null; name?: string | null },
): Promise<{ slug: string } | { id: number } | null> {
  if ((args.slug == null) === (args.name == null)) {
    throw badInput(args.slug == null ? 'slug' : 'name', 'give exactly one of "slug" or "name"');
  }
  if (args.slug != null) return { slug: args.slug };
  const name = (args.name as string).trim();
  if (name === '') throw badInput('name', 'must not be empty');
  const aliases = ALIASES[table];
  // A name match ranks before an alias match, so "GPT-3" is GPT-3 even if another model lists it as an alias.
  const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
    `SELECT id, 0 AS rank FROM "${table}" WHERE lower(name) = lower(?) OR nameZh = ? OR slug = lower(?)
     ${aliases ? `UNION ALL SELECT "${aliases.owner}" AS id, 1 AS rank FROM "${aliases.table}" WHERE normalized = ?` : ''}
     ORDER BY rank, id LIMIT 1`,
    name,
    name,
    name,
    ...(aliases ? [normalizeName(name)] : []),
  );
  return rows[0] ? { id: Number(rows[0].id) } : null;
}
