/**
 * Facet counts: how many items of a filtered list fall in each organization, topic, language or
 * year, from the same `where` as the list, so a frontend draws its filter sidebar from the same
 * request. Each facet is one grouped SQL query, whatever the size of the list, and lists its
 * {@link FACET_LIMIT} most frequent values.
 *
 * The `where` is rebuilt from the connection's own arguments, which plugin-prisma keeps on the
 * connection object it builds (`args`, beside `edges` and `pageInfo`): {@link connectionArgs}.
 */

import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { Prisma } from '../db/client.js';
import { compareText } from '../domain/normalize.js';
import { builder } from './builder.js';
import { Organization } from './organization.js';
import { rowsAsAsked } from './planned-rows.js';
import { Topic } from './topic.js';

export const FacetCount = builder.objectRef<{ value: string; count: number }>('FacetCount').implement({
  description: 'A value of a facet and how many items have it.',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'The value (a language tag, a site, a kind, a country code, ...).' }),
    count: t.exposeInt('count', { description: 'How many items of the filtered list have it.' }),
  }),
});

export const YearCount = builder.objectRef<{ year: number; count: number }>('YearCount').implement({
  description: 'A year and how many items fall in it.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The calendar year.' }),
    count: t.exposeInt('count', { description: 'How many items of the filtered list fall in it.' }),
  }),
});

type OrganizationRow = Prisma.OrganizationGetPayload<object>;
type TopicRow = Prisma.TopicGetPayload<object>;

export const OrganizationCount = builder
  .objectRef<{ organization: OrganizationRow; count: number }>('OrganizationCount')
  .implement({
    description: 'An organization and how many items of a filtered list relate to it.',
    fields: (t) => ({
      organization: t.field({
        type: Organization,
        description: 'The organization.',
        resolve: (item) => item.organization,
      }),
      count: t.exposeInt('count', { description: 'How many items relate to it.' }),
    }),
  });

export const TopicCount = builder.objectRef<{ topic: TopicRow; count: number }>('TopicCount').implement({
  description: 'A topic and how many items of a filtered list belong to it.',
  fields: (t) => ({
    topic: t.field({ type: Topic, description: 'The topic.', resolve: (item) => item.topic }),
    count: t.exposeInt('count', { description: 'How many items belong to it.' }),
  }),
});

/** The arguments of the field that built a plugin-prisma connection. */
export function connectionArgs<Args>(connection: unknown): Args {
  return (connection as { args: Args }).args;
}

const byCountDesc = <T extends { count: number }>(a: T, b: T) => b.count - a.count;

/** Counts per value from a `groupBy`, most frequent first. */
export function toFacetCounts<K extends string>(rows: ({ _count: { _all: number } } & Record<K, unknown>)[], key: K) {
  return sortedFacetCounts(
    rows.filter((row) => row[key] != null).map((row) => ({ value: String(row[key]), count: row._count._all })),
  );
}

/** Counts per value, most frequent first, ties by value; the top {@link FACET_LIMIT}. */
export function sortedFacetCounts(rows: { value: string; count: number }[]) {
  return [...rows].sort((a, b) => byCountDesc(a, b) || compareText(a.value, b.value)).slice(0, FACET_LIMIT);
}

/** Sums per-day (or per-year) counts into per-year counts, newest year first. */
export function toYearCounts(rows: ({ count: number } & ({ date: Date | null } | { year: number }))[]) {
  const years = new Map<number, number>();
  for (const row of rows) {
    const year = 'year' in row ? row.year : row.date?.getUTCFullYear();
    if (year === undefined || Number.isNaN(year)) continue;
    years.set(year, (years.get(year) ?? 0) + row.count);
  }
  return [...years].map(([year, count]) => ({ year, count })).sort((a, b) => b.year - a.year);
}

/** The most values a facet lists: a sidebar shows the top of it. */
export const FACET_LIMIT = 50;

/**
 * The counts that can make the top {@link FACET_LIMIT}: every one at least as large as the
 * {@link FACET_LIMIT}th. Ties at the cut are broken by slug once the rows are loaded, so the
 * cut depends on public keys only (a graph rebuilt from its export lists the same).
 */
function candidates(counts: { id: number; count: number }[]) {
  const sorted = [...counts].sort((a, b) => b.count - a.count);
  const cut = sorted[FACET_LIMIT - 1]?.count ?? 0;
  return sorted.filter((item) => item.count >= cut);
}

/**
 * The rows of the top grouped counts, loaded by id through the request's loader `rows` (facets of
 * several lists, and the overview, share one read), most frequent first, ties by slug; counts
 * whose row is gone are left out.
 */
async function withRows<Row extends { slug: string }>(
  rows: { loadMany(ids: readonly number[]): Promise<(Row | null | Error)[]> },
  counts: { id: number; count: number }[],
): Promise<{ row: Row; count: number }[]> {
  const kept = candidates(counts);
  const loaded = await rows.loadMany(kept.map((item) => item.id));
  return kept
    .flatMap((item, index) => {
      const row = loaded[index];
      if (row instanceof Error) throw row;
      return row ? [{ row, count: item.count }] : [];
    })
    .sort((a, b) => byCountDesc(a, b) || compareText(a.row.slug, b.row.slug))
    .slice(0, FACET_LIMIT);
}

/**
 * The organizations of the top grouped counts, most frequent first, ties by slug ({@link withRows}),
 * read as the operation under the facet plans them when it asks beyond their columns
 * (src/schema/planned-rows.ts).
 */
export async function withOrganizations(
  context: Context,
  info: GraphQLResolveInfo,
  counts: { id: number; count: number }[],
) {
  const rows = await rowsAsAsked(context, info, 'organization', ['organization']);
  return (await withRows(rows, counts)).map(({ row, count }) => ({ organization: row, count }));
}

/** The topics of the top grouped counts, most frequent first, ties by slug ({@link withOrganizations}). */
export async function withTopics(context: Context, info: GraphQLResolveInfo, counts: { id: number; count: number }[]) {
  const rows = await rowsAsAsked(context, info, 'topic', ['topic']);
  return (await withRows(rows, counts)).map(({ row, count }) => ({ topic: row, count }));
}
