/**
 * What both stores (src/db/sqlite/, src/db/postgres/) do alike around their SQL: where aliases
 * live, how counts and ids come back, and the tie-breaks made in JavaScript so that no
 * database's collation decides an answer.
 */
import { compareText } from '../domain/normalize.js';
import type { NamedTable } from './store.js';

/** The alias table of each kind of entity that has one. */
export const ALIASES: Record<NamedTable, { table: string; owner: string } | undefined> = {
  Organization: { table: 'OrganizationAlias', owner: 'organizationId' },
  Model: { table: 'ModelAlias', owner: 'modelId' },
  Topic: undefined,
};

/** Counts and ids as numbers: SQLite answers bigints for large integers, PostgreSQL for every COUNT. */
export const count = (value: unknown) => Number(value);

/**
 * Each organization's largest model from rows tied for the most parameters (SQL's RANK keeps
 * every tie): the smallest slug by code unit wins, whatever the database's collation.
 */
export function largestBySlug(
  rows: readonly { organizationId: unknown; modelId: unknown; slug: string }[],
): Map<number, number> {
  const largest = new Map<number, { modelId: number; slug: string }>();
  for (const row of rows) {
    const organizationId = count(row.organizationId);
    const current = largest.get(organizationId);
    if (!current || compareText(row.slug, current.slug) < 0)
      largest.set(organizationId, { modelId: count(row.modelId), slug: row.slug });
  }
  return new Map([...largest].map(([organizationId, { modelId }]) => [organizationId, modelId]));
}
