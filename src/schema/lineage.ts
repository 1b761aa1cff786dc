/**
 * Lineage traversal: recursive SQL over ModelLineage, one statement per request shape (the
 * loader batches every model of a page asking the same question).
 */
import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/client.js';

export type LineageDirection = 'UP' | 'DOWN';
export type LineageKindName =
  | 'FINE_TUNED_FROM'
  | 'INSTRUCTION_TUNED_FROM'
  | 'DISTILLED_FROM'
  | 'SCALE_UP_OF'
  | 'SUCCESSOR_OF'
  | 'VARIANT_OF'
  | 'BASED_ON'
  | 'SIBLING_OF';

/** The largest depth a traversal may ask for. */
export const MAX_LINEAGE_DEPTH = 20;

/** A model reached from a start model, by the shortest path. */
export type LineageHit = {
  startId: number;
  modelId: number;
  direction: LineageDirection;
  depth: number;
  /** Model ids from the start model to this one, both included. */
  pathIds: number[];
  /** Lineage edge ids along the path, in order. */
  edgeIds: number[];
};

const ids = (text: string) => text.split(',').filter(Boolean).map(Number);

/**
 * Walks lineage edges from each start model in one direction: UP goes to what a model derives
 * from (its parents), DOWN to what derives from it. Cycles are cut; each model reached is
 * reported once, by its shortest path.
 */
export async function walkLineage(
  prisma: PrismaClient,
  startIds: number[],
  options: { direction: LineageDirection; maxDepth: number; kinds?: LineageKindName[] | null },
): Promise<LineageHit[]> {
  const [from, to] = options.direction === 'UP' ? ['childId', 'parentId'] : ['parentId', 'childId'];
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : undefined;
  const kindFilter = kinds ? ` AND l."kind" IN (${kinds.map(() => '?').join(', ')})` : '';
  const rows = await prisma.$queryRawUnsafe<{ startId: number; modelId: number; depth: number; path: string; edges: string }[]>(
    `WITH RECURSIVE walk(startId, modelId, depth, path, edges) AS (
       SELECT id, id, 0, ',' || id || ',', ',' FROM "Model" WHERE id IN (${startIds.map(() => '?').join(', ')})
       UNION ALL
       SELECT w.startId, l."${to}", w.depth + 1, w.path || l."${to}" || ',', w.edges || l.id || ','
       FROM walk w JOIN "ModelLineage" l ON l."${from}" = w.modelId
       WHERE w.depth < ? AND instr(w.path, ',' || l."${to}" || ',') = 0${kindFilter}
     )
     SELECT startId, modelId, depth, path, edges FROM (
       SELECT *, ROW_NUMBER() OVER (PARTITION BY startId, modelId ORDER BY depth, path) AS rank FROM walk WHERE depth > 0
     ) WHERE rank = 1 ORDER BY startId, depth, modelId`,
    ...startIds,
    options.maxDepth,
    ...(kinds ?? []),
  );
  return rows.map((row) => ({
    startId: Number(row.startId),
    modelId: Number(row.modelId),
    direction: options.direction,
    depth: Number(row.depth),
    pathIds: ids(row.path),
    edgeIds: ids(row.edges),
  }));
}

/**
 * The shortest chain of lineage edges between two models, following edges in either direction
 * (so it finds a common ancestor route too), or null when none exists within `maxDepth` steps.
 */
export async function findLineagePath(
  prisma: PrismaClient,
  fromId: number,
  toId: number,
  options: { maxDepth: number; kinds?: LineageKindName[] | null },
): Promise<{ pathIds: number[]; edgeIds: number[] } | null> {
  if (fromId === toId) return { pathIds: [fromId], edgeIds: [] };
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : undefined;
  const kindFilter = kinds ? ` AND l."kind" IN (${kinds.map(() => '?').join(', ')})` : '';
  const rows = await prisma.$queryRawUnsafe<{ path: string; edges: string }[]>(
    `WITH RECURSIVE walk(modelId, depth, path, edges) AS (
       SELECT ?, 0, ',' || ? || ',', ','
       UNION ALL
       SELECT CASE WHEN l."childId" = w.modelId THEN l."parentId" ELSE l."childId" END,
              w.depth + 1,
              w.path || (CASE WHEN l."childId" = w.modelId THEN l."parentId" ELSE l."childId" END) || ',',
              w.edges || l.id || ','
       FROM walk w JOIN "ModelLineage" l ON (l."childId" = w.modelId OR l."parentId" = w.modelId)
       WHERE w.depth < ? AND w.modelId <> ?
         AND instr(w.path, ',' || (CASE WHEN l."childId" = w.modelId THEN l."parentId" ELSE l."childId" END) || ',') = 0${kindFilter}
     )
     SELECT path, edges FROM walk WHERE modelId = ? ORDER BY depth, path LIMIT 1`,
    fromId,
    fromId,
    options.maxDepth,
    toId,
    ...(kinds ?? []),
    toId,
  );
  const row = rows[0];
  return row ? { pathIds: ids(row.path), edgeIds: ids(row.edges) } : null;
}

/** A per-request loader: the lineage of many models for the same question, in one statement. */
export function createLineageLoader(prisma: PrismaClient) {
  const loaders = new Map<string, DataLoader<number, LineageHit[]>>();
  return (options: { direction: LineageDirection; maxDepth: number; kinds?: LineageKindName[] | null }) => {
    const key = JSON.stringify([options.direction, options.maxDepth, [...(options.kinds ?? [])].sort()]);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (startIds: readonly number[]) => {
        const hits = await walkLineage(prisma, [...startIds], options);
        return startIds.map((id) => hits.filter((hit) => hit.startId === id));
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}
