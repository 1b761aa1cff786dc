/**
 * What models were trained on: hardware (with how many chips, where a source says) and datasets.
 * Each edge cites its source and is recorded on the model (`hardware:<slug>`, `dataset:<slug>`);
 * an edge that exists is updated in what differs (its quantity, source or locator).
 */
import { batches } from '../db/batch.js';
import { edgeValue } from './history.js';
import type { WriteSession } from './session.js';

export type TrainingKind = 'hardware' | 'dataset';

export type TrainingInput = Readonly<{
  model: string;
  /** The hardware's or dataset's slug. */
  resource: string;
  /** How many chips (hardware only); null when not said. */
  quantity?: number | null;
  /** The source that says so (slug); null for none. */
  source?: string | null;
  /** Where in the source (the URL of a dataset's row). */
  locator?: string | null;
}>;

export type TrainingKey = Readonly<{ model: string; resource: string }>;

type Row = {
  modelId: number;
  resourceId: number;
  quantity: number | null;
  sourceId: number | null;
  locator: string | null;
};

/** The table of each kind, read and written as {@link Row}s. */
function table(session: WriteSession, kind: TrainingKind) {
  const tx = session.tx;
  if (kind === 'hardware')
    return {
      counted: 'modelHardware' as const,
      find: async (modelIds: number[]): Promise<Row[]> =>
        (await tx.modelHardware.findMany({ where: { modelId: { in: modelIds } } })).map((row) => ({
          ...row,
          resourceId: row.hardwareId,
        })),
      create: (rows: Row[]) =>
        tx.modelHardware.createMany({
          data: rows.map(({ resourceId, ...row }) => ({ ...row, hardwareId: resourceId })),
        }),
      update: (row: Row) =>
        tx.modelHardware.update({
          where: { modelId_hardwareId: { modelId: row.modelId, hardwareId: row.resourceId } },
          data: { quantity: row.quantity, sourceId: row.sourceId, locator: row.locator },
        }),
      delete: (rows: Row[]) =>
        tx.modelHardware.deleteMany({
          where: { OR: rows.map((row) => ({ modelId: row.modelId, hardwareId: row.resourceId })) },
        }),
    };
  return {
    counted: 'modelDataset' as const,
    find: async (modelIds: number[]): Promise<Row[]> =>
      (await tx.modelDataset.findMany({ where: { modelId: { in: modelIds } } })).map((row) => ({
        ...row,
        resourceId: row.datasetId,
        quantity: null,
      })),
    create: (rows: Row[]) =>
      tx.modelDataset.createMany({
        data: rows.map(({ resourceId, quantity: _quantity, ...row }) => ({ ...row, datasetId: resourceId })),
      }),
    update: (row: Row) =>
      tx.modelDataset.update({
        where: { modelId_datasetId: { modelId: row.modelId, datasetId: row.resourceId } },
        data: { sourceId: row.sourceId, locator: row.locator },
      }),
    delete: (rows: Row[]) =>
      tx.modelDataset.deleteMany({
        where: { OR: rows.map((row) => ({ modelId: row.modelId, datasetId: row.resourceId })) },
      }),
  };
}

/** Links models to what they were trained on. */
export async function linkTraining(
  session: WriteSession,
  kind: TrainingKind,
  inputs: readonly TrainingInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  const path = kind === 'hardware' ? 'modelHardware' : 'modelDatasets';
  const [models, resources, sources] = await session.resolveAll([
    { entity: 'model', keys: inputs.map((input, index) => ({ key: input.model, path: `${path}[${index}].model` })) },
    { entity: kind, keys: inputs.map((input, index) => ({ key: input.resource, path: `${path}[${index}].${kind}` })) },
    {
      entity: 'source',
      keys: inputs.flatMap((input, index) =>
        input.source ? [{ key: input.source, path: `${path}[${index}].source` }] : [],
      ),
    },
  ] as const);
  const edges = table(session, kind);
  const known = new Map<string, Row>();
  for (const batch of batches([...new Set(models.values())]))
    for (const row of await edges.find(batch)) known.set(`${row.modelId}:${row.resourceId}`, row);
  const sourceSlugs = await session.slugsOf(
    'source',
    [...known.values()].map((row) => row.sourceId),
  );
  const creating: Row[] = [];
  for (const input of inputs) {
    const row: Row = {
      modelId: models.get(input.model) as number,
      resourceId: resources.get(input.resource) as number,
      quantity: kind === 'hardware' ? (input.quantity ?? null) : null,
      sourceId: input.source ? (sources.get(input.source) as number) : null,
      locator: input.locator ?? null,
    };
    const field = `${kind}:${input.resource}`;
    const value = (of: Row, source: string | null | undefined) =>
      edgeValue({ ...(kind === 'hardware' ? { quantity: of.quantity } : {}), source, locator: of.locator });
    const had = known.get(`${row.modelId}:${row.resourceId}`);
    known.set(`${row.modelId}:${row.resourceId}`, row);
    if (!had) {
      creating.push(row);
      session.record('model', row.modelId, 'updated', [{ field, from: null, to: value(row, input.source) }]);
      continue;
    }
    if (had.quantity === row.quantity && had.sourceId === row.sourceId && had.locator === row.locator) {
      session.count(edges.counted, 'unchanged');
      continue;
    }
    await edges.update(row);
    session.count(edges.counted, 'updated');
    const hadSource = had.sourceId === null ? null : sourceSlugs.get(had.sourceId);
    session.record('model', row.modelId, 'updated', [
      { field, from: value(had, hadSource), to: value(row, input.source) },
    ]);
  }
  for (const batch of batches(creating)) await edges.create(batch);
  session.count(edges.counted, 'created', creating.length);
}

/** Removes what models were trained on; answers how many edges went. */
export async function unlinkTraining(
  session: WriteSession,
  kind: TrainingKind,
  keys: readonly TrainingKey[],
): Promise<number> {
  if (keys.length === 0) return 0;
  const path = kind === 'hardware' ? 'modelHardware' : 'modelDatasets';
  const [models, resources] = await session.resolveAll([
    { entity: 'model', keys: keys.map((key, index) => ({ key: key.model, path: `${path}[${index}].model` })) },
    { entity: kind, keys: keys.map((key, index) => ({ key: key.resource, path: `${path}[${index}].${kind}` })) },
  ] as const);
  const edges = table(session, kind);
  const wanted = new Set(
    keys.map((key) => `${models.get(key.model) as number}:${resources.get(key.resource) as number}`),
  );
  const going: Row[] = [];
  for (const batch of batches([...new Set(models.values())]))
    for (const row of await edges.find(batch)) if (wanted.has(`${row.modelId}:${row.resourceId}`)) going.push(row);
  if (going.length === 0) return 0;
  const slugOf = new Map(keys.map((key) => [resources.get(key.resource) as number, key.resource]));
  const sourceSlugs = await session.slugsOf(
    'source',
    going.map((row) => row.sourceId),
  );
  for (const batch of batches(going, 200)) await edges.delete(batch);
  for (const row of going) {
    const source = row.sourceId === null ? null : sourceSlugs.get(row.sourceId);
    session.record('model', row.modelId, 'updated', [
      {
        field: `${kind}:${slugOf.get(row.resourceId)}`,
        from: edgeValue({ ...(kind === 'hardware' ? { quantity: row.quantity } : {}), source, locator: row.locator }),
        to: null,
      },
    ]);
  }
  session.count(edges.counted, 'deleted', going.length);
  return going.length;
}
