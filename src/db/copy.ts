/**
 * Copies a whole graph from one database to another, whatever their providers (`npm run
 * db:copy`): the embedded file to PostgreSQL when a deployment outgrows one machine, and back.
 *
 * Every table of the schema is copied row by row with its ids, so that global ids, cursors and
 * history stay valid; parents before the rows that point at them (the relations of the Prisma
 * schema give the order, and a table pointing at itself is copied parents first). The target
 * must be migrated and empty; everything is written in one transaction, so a failed copy leaves
 * it empty. Values are read raw and brought to their column's type (dates, booleans, bigints),
 * since each database answers them in its own form.
 */
import { getDatamodel } from '../generated/pothos-types.js';
import type { Database } from './client.js';
import type { ColumnValue, GraphStore, TableName } from './store.js';

/** Thrown when a copy cannot start or fails; nothing was written. */
export class CopyError extends Error {
  override name = 'CopyError';
}

type Field = { name: string; kind: string; type: string; relationFromFields?: string[]; isId?: boolean };
type Table = {
  name: TableName;
  columns: Field[];
  dependsOn: Set<string>;
  selfReference?: string;
  /** Whether the table's key is one column `id` (the sequences a copy moves past its rows). */
  keyed: boolean;
  /** The columns of its primary key when all are integers (`id`, or a link table's pair): the order it is read in by slices. */
  key?: string[];
};
type DatamodelModel = { fields: Field[]; primaryKey?: { fields: string[] } | null };

/** The schema's tables, each after the tables it points at. */
export function tablesInCopyOrder(): Table[] {
  const models = getDatamodel().datamodel.models as unknown as Record<string, DatamodelModel>;
  const tables = Object.entries(models).map(([name, model]): Table => {
    const dependsOn = new Set<string>();
    let selfReference: string | undefined;
    for (const field of model.fields) {
      if (field.kind !== 'object' || !field.relationFromFields?.length) continue;
      if (field.type === name) selfReference = field.relationFromFields[0];
      else dependsOn.add(field.type);
    }
    const columns = model.fields.filter((field) => field.kind === 'scalar' || field.kind === 'enum');
    const keyed = columns.some((field) => field.name === 'id' && field.isId);
    const key = keyed ? ['id'] : (model.primaryKey?.fields ?? []);
    const integers = key.length > 0 && key.every((name) => columns.some((c) => c.name === name && c.type === 'Int'));
    return {
      name: name as TableName,
      columns,
      dependsOn,
      selfReference,
      keyed,
      ...(integers ? { key } : {}),
    };
  });
  const ordered: Table[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((table) => !placed.has(table.name) && [...table.dependsOn].every((d) => placed.has(d)));
    if (ready.length === 0) throw new CopyError('the schema has a cycle of required relations: cannot order a copy');
    for (const table of ready.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      ordered.push(table);
      placed.add(table.name);
    }
  }
  return ordered;
}

/** A raw value as its column's type, whichever database answered it. */
function columnValue(field: Field, value: unknown): ColumnValue {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'DateTime': {
      if (value instanceof Date) return value;
      const text = String(value);
      // PostgreSQL's `timestamp` comes without an offset: it is UTC, as Prisma writes it.
      return new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
    }
    case 'Boolean':
      return value === true || value === 1 || value === 1n || value === '1' || value === 't' || value === 'true';
    case 'BigInt':
      return BigInt(value as string | number | bigint);
    case 'Int':
    case 'Float':
      return Number(value);
    default:
      return String(value);
  }
}

/** Rows so that each comes after the row it points at through `column` (a tree, as topics are). */
function parentsFirst(rows: Record<string, ColumnValue>[], column: string): Record<string, ColumnValue>[] {
  const placed = new Set<unknown>();
  const ordered: Record<string, ColumnValue>[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const next = pending.filter((row) => row[column] != null && !placed.has(row[column]));
    const ready = pending.filter((row) => row[column] == null || placed.has(row[column]));
    if (ready.length === 0) throw new CopyError(`rows of a table point at each other in a cycle through ${column}`);
    for (const row of ready) {
      ordered.push(row);
      placed.add(row.id);
    }
    pending = next;
  }
  return ordered;
}

/** Rows per read from the source: a table is copied in slices of this many. */
export const READ_BATCH = 5000;

export type CopyReport = { tables: { table: string; rows: number }[]; rows: number; ms: number };

/** How many rows each table of `database` holds, in copy order. */
export async function countRows(database: Database): Promise<{ table: string; rows: number }[]> {
  const counts: { table: string; rows: number }[] = [];
  for (const table of tablesInCopyOrder()) {
    const [row] = await database.prisma.$queryRawUnsafe<{ count: unknown }[]>(
      `SELECT COUNT(*) AS count FROM "${table.name}"`,
    );
    counts.push({ table: table.name, rows: Number(row?.count ?? 0) });
  }
  return counts;
}

/**
 * Copies every row of `from` into `to` (migrated, empty), in one transaction of `to`.
 * `progress` hears each table as it is done.
 */
export async function copyGraph(
  from: Database,
  to: Database,
  progress: (table: string, rows: number) => void = () => {},
  options: { batch?: number } = {},
): Promise<CopyReport> {
  const batch = options.batch ?? READ_BATCH;
  if (!Number.isSafeInteger(batch) || batch < 1)
    throw new CopyError(`a copy reads at least one row at a time, not ${batch}`);
  const started = performance.now();
  const occupied = (await countRows(to)).filter((table) => table.rows > 0);
  if (occupied.length > 0) {
    throw new CopyError(
      `the target already holds a graph (${occupied.map((table) => `${table.rows} rows in ${table.table}`).join(', ')}): copy into an empty database`,
    );
  }
  const tables = tablesInCopyOrder();
  const report: CopyReport['tables'] = [];
  await to.prisma.$transaction(
    async (tx) => {
      const store = to.storeFor(tx);
      await store.withoutKeptCounts(() => copyTables(from, store, tables, report, progress, batch));
      await store.refreshCountryModelFacets();
      await store.restartIdentities(tables.filter((table) => table.keyed).map((table) => table.name));
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  await to.store.refreshStatistics();
  return {
    tables: report,
    rows: report.reduce((sum, table) => sum + table.rows, 0),
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Copies each table's rows from `from` into `store` (a transaction's), in order: in slices of
 * `batch` rows in the order of an integer key (a link table's pair too: 2M coverage rows at a
 * million articles), or whole (a tree, to order its parents first, and the small tables keyed by
 * an enum: a model's tasks and domains).
 */
async function copyTables(
  from: Database,
  store: GraphStore,
  tables: readonly Table[],
  report: CopyReport['tables'],
  progress: (table: string, rows: number) => void,
  batch: number,
): Promise<void> {
  for (const table of tables) {
    const names = table.columns.map((column) => `"${column.name}"`).join(', ');
    let copied = 0;
    const convert = (raw: Record<string, unknown>) =>
      Object.fromEntries(table.columns.map((column) => [column.name, columnValue(column, raw[column.name])]));
    if (table.selfReference || !table.key) {
      const rows = (
        await from.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
          `SELECT ${names} FROM "${table.name}" ORDER BY ${names}`,
        )
      ).map(convert);
      const ordered = table.selfReference ? parentsFirst(rows, table.selfReference) : rows;
      await store.insertRows(table.name, ordered);
      copied = ordered.length;
    } else {
      // The key's columns as a row value: both databases compare them in order, by the key's index.
      const key = table.key.map((column) => `"${column}"`).join(', ');
      let after: number[] | undefined;
      for (;;) {
        const rows = await from.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
          `SELECT ${names} FROM "${table.name}" ${after ? `WHERE (${key}) > (${after.join(', ')})` : ''}
           ORDER BY ${key} LIMIT ${batch}`,
        );
        if (rows.length === 0) break;
        await store.insertRows(table.name, rows.map(convert));
        copied += rows.length;
        const last = rows[rows.length - 1] as Record<string, unknown>;
        after = table.key.map((column) => Number(last[column]));
      }
    }
    report.push({ table: table.name, rows: copied });
    progress(table.name, copied);
  }
}
