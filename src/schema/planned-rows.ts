/**
 * Rows that a field hands to objects of a Prisma type after the request's loaders found them (an
 * overview's organizations, a lineage walk's models), read with what the operation asks of them.
 *
 * Pothos plans a Prisma type's relations and counts into the query that reads its rows. A row that
 * came from elsewhere has no plan, so before such a field Pothos reads the row again, one
 * `findUnique` per row that Prisma batches: a statement per level, and Prisma's cost per row (the
 * overview's 361 organizations with `models { totalCount }`: 45-56 ms on the stock graph). Here
 * the field that lists them asks Pothos for the plan of the objects under it (`queryFromInfo`
 * with a path, as search does) and reads them with it in one `findMany` per batch; Pothos then maps
 * the fields to what that read brought. When the plan asks for nothing beyond the columns, the
 * rows stay the raw rows of the loaders (a third cheaper than Prisma's).
 */
import { brandWithType } from '@pothos/core';
import { queryFromInfo } from '@pothos/plugin-prisma';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { BATCH_SIZE } from '../db/batch.js';
import type { Prisma, PrismaClient } from '../db/client.js';

/** The rows of the tables a field may hand over planned, by Prisma's delegate names. */
type PlannedRow = {
  organization: Prisma.OrganizationGetPayload<object>;
  model: Prisma.ModelGetPayload<object>;
  topic: Prisma.TopicGetPayload<object>;
  article: Prisma.ArticleGetPayload<object>;
};

/** The tables whose rows a field may hand over planned: Prisma's delegates by name. */
export type PlannedTable = keyof PlannedRow;

/** Rows by id, null for an id that names none: a request's DataLoader. */
export type RowLoader<Row> = Pick<DataLoader<number, Row | null>, 'load' | 'loadMany'>;

/** The GraphQL type each {@link PlannedTable} is exposed as. */
const TYPE_NAMES: Record<PlannedTable, string> = {
  organization: 'Organization',
  model: 'Model',
  topic: 'Topic',
  article: 'Article',
};

/**
 * Pothos' plan of the `table`'s objects at `path` under the field `info` resolves (field names;
 * lists between them do not count), or undefined when it selects only their columns (no relation,
 * no count, no narrowed selection): then any row of the table answers.
 */
export async function plannedQuery(
  context: object,
  info: GraphQLResolveInfo,
  table: PlannedTable,
  path: string[],
): Promise<object | undefined> {
  const query = (await queryFromInfo({ context, info, typeName: TYPE_NAMES[table], path })) as {
    select?: object;
  };
  if (Object.keys(query).length === 0) return undefined;
  // A narrowed selection still brings what the callers key and order the rows by.
  const keys = table === 'article' ? { id: true } : { id: true, slug: true };
  return query.select ? { ...query, select: { ...query.select, ...keys } } : query;
}

/**
 * The request's loaders of planned rows: one per table and plan, so that the fields of a list
 * (each model of a page asking for its lineage) that plan alike share their statements. `extra` is
 * merged into every read (`relationsJoined` on PostgreSQL).
 */
export function plannedRowLoaders(prisma: PrismaClient, extra: object) {
  const loaders = new Map<string, DataLoader<number, { id: number } | null>>();
  return (table: PlannedTable, query: object): DataLoader<number, { id: number } | null> => {
    const key = `${table}:${JSON.stringify(query)}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader<number, { id: number } | null>(
        async (ids) => {
          // The delegates differ in type only; each reads its own table with the plan.
          const delegate = prisma[table] as unknown as {
            findMany(args: object): Promise<{ id: number }[]>;
          };
          const rows = await delegate.findMany({ ...query, ...extra, where: { id: { in: [...ids] } } });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        { maxBatchSize: BATCH_SIZE },
      );
      loaders.set(key, loader);
    }
    return loader;
  };
}

/**
 * Where the field `info` resolves takes the `table`'s objects it hands over at `path` from: the
 * request's loader of planned rows when the operation asks beyond their columns, otherwise its
 * loader of raw rows. Called once per execution of the field, since the plan records, for the
 * objects under it, that their rows carry what it asks (Pothos then does not read them again).
 */
export async function rowsAsAsked<T extends PlannedTable>(
  context: Context,
  info: GraphQLResolveInfo,
  table: T,
  path: string[],
): Promise<RowLoader<PlannedRow[T]>> {
  const query = await plannedQuery(context, info, table, path);
  if (query) return context.loaders.plannedRows(table, query) as unknown as RowLoader<PlannedRow[T]>;
  const raw: { [K in PlannedTable]: RowLoader<PlannedRow[K]> } = {
    organization: context.loaders.organizationRows.byId,
    model: context.loaders.modelRows,
    topic: context.loaders.topicRows.byId,
    article: context.loaders.articleRows,
  };
  return raw[table] as RowLoader<PlannedRow[T]>;
}

/** The rows a loader found (`loadMany`), by id; an error among them is thrown. */
export function presentById<Row extends { id: number }>(rows: readonly (Row | null | Error)[]): Map<number, Row> {
  const byId = new Map<number, Row>();
  for (const row of rows) {
    if (row instanceof Error) throw row;
    if (row) byId.set(row.id, row);
  }
  return byId;
}

/** The tables `node(id:)` and `nodes(ids:)` read rows of as above, by the type a global id names. */
const NODE_TABLES: Readonly<Record<string, PlannedTable>> = Object.fromEntries(
  Object.entries(TYPE_NAMES).map(([table, typeName]) => [typeName, table as PlannedTable]),
);

/** A global id, decoded: the type it names and the id of the row within it. */
type GlobalId = { typename: string; id: string };

/**
 * `node(id:)` and `nodes(ids:)`: the objects of organizations, models, topics and articles read
 * as the operation asks for them (raw when it asks only their columns: W1's one row without
 * Prisma's cost), in the order of `ids`, null where no row has the id. When an id names another
 * type, or is not a row's number, all of them go through Pothos' own loading (`resolveAll`, the
 * relay plugin's).
 */
export async function nodesAsAsked(
  context: Context,
  info: GraphQLResolveInfo,
  ids: readonly GlobalId[],
  resolveAll: () => Promise<readonly unknown[]>,
): Promise<readonly unknown[]> {
  const tables = ids.map((id) => (/^[1-9][0-9]{0,14}$/.test(id.id) ? NODE_TABLES[id.typename] : undefined));
  if (tables.some((table) => table === undefined)) return resolveAll();
  const loaders = new Map<PlannedTable, Promise<RowLoader<{ id: number }>>>();
  const loaderOf = (table: PlannedTable) => {
    let loader = loaders.get(table);
    if (!loader) {
      loader = rowsAsAsked(context, info, table, []) as Promise<RowLoader<{ id: number }>>;
      loaders.set(table, loader);
    }
    return loader;
  };
  return Promise.all(
    ids.map(async (id, index) => {
      const row = await (await loaderOf(tables[index] as PlannedTable)).load(Number(id.id));
      // The type the Node interface resolves to, as Pothos brands the rows it loads.
      if (row) brandWithType(row, id.typename as never);
      return row;
    }),
  );
}
