/**
 * Lineage traversal. The lineage graph is small next to the rest (one edge per derivation
 * step; about a thousand with Epoch's data), so a request loads its edges once (one
 * statement) and walks them breadth-first in memory: each model is reached once, by its
 * shortest path, and the work grows with the edges, never with the number of paths.
 */
import type { GraphStore, LineageEdgeRow } from '../db/store.js';
import type { LineageKind } from '../domain/enums.js';

export type LineageDirection = 'UP' | 'DOWN';

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

type Edge = LineageEdgeRow;

/** The lineage edges of the graph, indexed both ways. */
export class LineageGraph {
  private readonly up = new Map<number, Edge[]>();
  private readonly down = new Map<number, Edge[]>();

  constructor(edges: Edge[]) {
    // Sorted by id so that, among paths of the same length, the oldest edges win: stable answers.
    for (const edge of [...edges].sort((a, b) => a.id - b.id)) {
      this.up.set(edge.childId, [...(this.up.get(edge.childId) ?? []), edge]);
      this.down.set(edge.parentId, [...(this.down.get(edge.parentId) ?? []), edge]);
    }
  }

  /** Loads every edge in one statement. */
  static async load(store: Pick<GraphStore, 'lineageEdges'>): Promise<LineageGraph> {
    return new LineageGraph(await store.lineageEdges());
  }

  /**
   * Walks from `startId` in one direction: UP to what it derives from, DOWN to what derives
   * from it. Nearest first, then by model id.
   */
  walk(
    startId: number,
    options: { direction: LineageDirection; maxDepth: number; kinds?: LineageKind[] | null },
  ): LineageHit[] {
    const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : undefined;
    const index = options.direction === 'UP' ? this.up : this.down;
    const next = (edge: Edge) => (options.direction === 'UP' ? edge.parentId : edge.childId);
    const reached = new Map<number, LineageHit>([
      [startId, { startId, modelId: startId, direction: options.direction, depth: 0, pathIds: [startId], edgeIds: [] }],
    ]);
    let frontier = [startId];
    for (let depth = 1; depth <= options.maxDepth && frontier.length > 0; depth += 1) {
      const following: number[] = [];
      for (const modelId of frontier) {
        const from = reached.get(modelId) as LineageHit;
        for (const edge of index.get(modelId) ?? []) {
          const target = next(edge);
          if ((kinds && !kinds.has(edge.kind)) || reached.has(target)) continue;
          reached.set(target, {
            ...from,
            modelId: target,
            depth,
            pathIds: [...from.pathIds, target],
            edgeIds: [...from.edgeIds, edge.id],
          });
          following.push(target);
        }
      }
      frontier = following;
    }
    reached.delete(startId);
    return [...reached.values()].sort((a, b) => a.depth - b.depth || a.modelId - b.modelId);
  }

  /**
   * The shortest chain of edges between two models, following edges either way (so it finds a
   * route through a common ancestor too), or null when none exists within `maxDepth` steps.
   */
  path(
    fromId: number,
    toId: number,
    options: { maxDepth: number; kinds?: LineageKind[] | null },
  ): { pathIds: number[]; edgeIds: number[] } | null {
    const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : undefined;
    const reached = new Map<number, { pathIds: number[]; edgeIds: number[] }>([
      [fromId, { pathIds: [fromId], edgeIds: [] }],
    ]);
    let frontier = [fromId];
    for (let depth = 1; depth <= options.maxDepth && frontier.length > 0 && !reached.has(toId); depth += 1) {
      const following: number[] = [];
      for (const modelId of frontier) {
        const from = reached.get(modelId) as { pathIds: number[]; edgeIds: number[] };
        const edges = [...(this.up.get(modelId) ?? []), ...(this.down.get(modelId) ?? [])];
        for (const edge of edges) {
          const target = edge.childId === modelId ? edge.parentId : edge.childId;
          if ((kinds && !kinds.has(edge.kind)) || reached.has(target)) continue;
          reached.set(target, { pathIds: [...from.pathIds, target], edgeIds: [...from.edgeIds, edge.id] });
          following.push(target);
        }
      }
      frontier = following;
    }
    return reached.get(toId) ?? null;
  }
}
