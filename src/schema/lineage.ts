/**
 * Lineage traversal. The database finds the edges near the start (one recursive statement,
 * `GraphStore.lineageReach`, shared by the walks of a request that go the same way); the walk
 * over them happens here, in memory, never enumerating paths, because which path is preferred
 * is one rule written once, in JavaScript, for both databases.
 *
 * Which steps a walk follows and which path it prefers come from src/domain/lineage-kinds.ts:
 * by default only ancestry (a sibling or another size of the same release is not an ancestor),
 * and among the paths to a model the one with the fewest association steps, then the fewest
 * imprecise ones (BASED_ON), then the fewest steps, then the oldest edges. So ChatGPT reaches
 * GPT-3 through OpenAI's chain (FINE_TUNED_FROM GPT-3.5, SUCCESSOR_OF GPT-3) rather than through
 * the note's one-step BASED_ON.
 */
import type { LineageEdgeRow } from '../db/store.js';
import type { LineageKind } from '../domain/enums.js';
import { followedLineageKinds, LINEAGE_KINDS } from '../domain/lineage-kinds.js';

export type LineageDirection = 'UP' | 'DOWN';

/** The largest depth a traversal may ask for. */
export const MAX_LINEAGE_DEPTH = 20;

/** A model reached from a start model, by its preferred path. */
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

/** Which steps to follow: see {@link followedLineageKinds}. */
export type LineageFollow = {
  /** Exactly these kinds, when given and not empty. */
  kinds?: readonly LineageKind[] | null;
  /** Without `kinds`: follow associations (VARIANT_OF, SIBLING_OF) as well as ancestry. @default false */
  includeAssociations?: boolean | null;
};

type Edge = LineageEdgeRow;

/** The best path found so far to a model, with its cost (lower is preferred). */
type Label = { modelId: number; cost: number; depth: number; pathIds: number[]; edgeIds: number[] };

/**
 * The cost of a step as one integer: an association step outweighs any number of imprecise
 * ones (a path has at most `maxDepth` steps), an imprecise step costs 1, a precise ancestry step
 * nothing. Comparing costs, then depths, orders paths by association steps, imprecise steps,
 * then length.
 */
function stepCost(maxDepth: number): (kind: LineageKind) => number {
  return (kind) => {
    const { relation, precise } = LINEAGE_KINDS[kind];
    if (relation === 'ASSOCIATION') return maxDepth + 1;
    return precise ? 0 : 1;
  };
}

/** The lineage edges of the graph, indexed by child (up), by parent (down) and by either end. */
export class LineageGraph {
  private readonly up = new Map<number, Edge[]>();
  private readonly down = new Map<number, Edge[]>();
  private readonly either = new Map<number, Edge[]>();

  constructor(edges: Edge[]) {
    // Sorted by id so that, among equally preferred paths, the oldest edges win: stable answers.
    const add = (index: Map<number, Edge[]>, key: number, edge: Edge) => {
      const list = index.get(key);
      if (list) list.push(edge);
      else index.set(key, [edge]);
    };
    for (const edge of [...edges].sort((a, b) => a.id - b.id)) {
      add(this.up, edge.childId, edge);
      add(this.down, edge.parentId, edge);
      add(this.either, edge.childId, edge);
      add(this.either, edge.parentId, edge);
    }
  }

  /**
   * Walks from `startId` in one direction: UP to what it derives from, DOWN to what derives
   * from it. Every model within `maxDepth` steps is reached once, by its preferred path of at
   * most `maxDepth` steps. Nearest first, then by model id (Model.lineage sorts the ties by slug).
   */
  walk(startId: number, options: { direction: LineageDirection; maxDepth: number } & LineageFollow): LineageHit[] {
    const index = options.direction === 'UP' ? this.up : this.down;
    const reached = this.search(startId, index, options);
    reached.delete(startId);
    return [...reached.values()]
      .map(({ modelId, depth, pathIds, edgeIds }) => ({
        startId,
        modelId,
        direction: options.direction,
        depth,
        pathIds,
        edgeIds,
      }))
      .sort((a, b) => a.depth - b.depth || a.modelId - b.modelId);
  }

  /**
   * The preferred chain of edges between two models within `maxDepth` steps, following edges
   * either way (so it finds a route through a common ancestor too), or null when none exists.
   */
  path(
    fromId: number,
    toId: number,
    options: { maxDepth: number } & LineageFollow,
  ): { pathIds: number[]; edgeIds: number[] } | null {
    const label = this.search(fromId, this.either, options, toId).get(toId);
    return label ? { pathIds: label.pathIds, edgeIds: label.edgeIds } : null;
  }

  /**
   * Breadth-first by depth, keeping for each model its best path of at most the current depth
   * (a cheapest-path search under a step limit: a plain Dijkstra would lose the models that only
   * a costlier but shorter path reaches within `maxDepth`). A model goes on to the next depth
   * only when a path of that depth costs strictly less than every shorter one, so each model's
   * edges are read once per improvement: once on a graph without imprecise or association
   * shortcuts, never more than `maxDepth` times. The work is linear in the edges (at most
   * `maxDepth` passes), never in the number of paths. Paths of one depth are extended in the
   * order of their edge ids from the start, so the first path found at a cost and depth is the one
   * of the oldest edges. With a `targetId`, paths that cannot beat the best path to it are dropped.
   */
  private search(
    startId: number,
    index: Map<number, Edge[]>,
    options: { maxDepth: number } & LineageFollow,
    targetId?: number,
  ): Map<number, Label> {
    const follows = followedLineageKinds(options);
    const cost = stepCost(options.maxDepth);
    const start: Label = { modelId: startId, cost: 0, depth: 0, pathIds: [startId], edgeIds: [] };
    const best = new Map<number, Label>([[startId, start]]);
    const worthExtending = (pathCost: number) => {
      const target = targetId === undefined ? undefined : best.get(targetId);
      return !target || pathCost < target.cost;
    };
    let frontier = [start];
    for (let depth = 1; depth <= options.maxDepth && frontier.length > 0; depth += 1) {
      const next: Label[] = [];
      for (const from of frontier) {
        for (const edge of index.get(from.modelId) ?? []) {
          if (!follows.has(edge.kind)) continue;
          const modelId = edge.childId === from.modelId ? edge.parentId : edge.childId;
          const pathCost = from.cost + cost(edge.kind);
          const known = best.get(modelId);
          if ((known && known.cost <= pathCost) || !worthExtending(pathCost)) continue;
          const label = {
            modelId,
            cost: pathCost,
            depth,
            pathIds: [...from.pathIds, modelId],
            edgeIds: [...from.edgeIds, edge.id],
          };
          best.set(modelId, label);
          next.push(label);
        }
      }
      // A model improved twice at this depth goes on once, with its better path.
      frontier = next.filter((label) => best.get(label.modelId) === label && worthExtending(label.cost));
    }
    return best;
  }
}
