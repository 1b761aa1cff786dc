/**
 * Writing lineage: typed steps from a derived model (child) to the model it derives from
 * (parent). Lineage stays a directed acyclic graph: "A derives from B derives from A" says
 * nothing true, and the API walks ancestors. A step from a model to itself, or one that would
 * close a cycle through the edges of any source, is refused and reported with the cycle.
 */
import { batches } from '../db/batch.js';
import type { LineageKind } from '../domain/enums.js';
import type { Written } from './changes.js';
import { GraphInputError, invalid } from './errors.js';
import { edgeValue } from './history.js';
import type { WriteSession } from './session.js';
import { changedFields } from './values.js';

export type LineageInput = {
  child: string;
  parent: string;
  kind: LineageKind;
  note?: string | null;
  /** Slug of the source that says so. */
  source?: string | null;
};

/** Names one lineage step. */
export type LineageKey = { child: string; parent: string; kind: LineageKind };

/** A lineage step the graph refused, and why. */
export type RefusedLineage = Readonly<{
  /** Index of the input. */
  index: number;
  reason: string;
  /** For a cycle: the slugs along it, from the child back to itself. */
  cycle?: readonly string[];
}>;

export type LinkedLineage = Readonly<{ written: readonly (Written | undefined)[]; refused: readonly RefusedLineage[] }>;

type Edge = {
  id: number;
  childId: number;
  parentId: number;
  kind: LineageKind;
  note: string | null;
  sourceId: number | null;
};

/** The lineage edges of the graph, read once per write and kept in step with what it writes. */
export class LineageState {
  private readonly parents = new Map<number, number[]>();
  private readonly edges = new Map<string, Edge>();

  private constructor(edges: readonly Edge[]) {
    for (const edge of edges) this.add(edge);
  }

  static async load(session: WriteSession): Promise<LineageState> {
    return new LineageState(
      await session.tx.modelLineage.findMany({
        select: { id: true, childId: true, parentId: true, kind: true, note: true, sourceId: true },
        orderBy: { id: 'asc' },
      }),
    );
  }

  static key(childId: number, parentId: number, kind: LineageKind): string {
    return `${childId}:${parentId}:${kind}`;
  }

  get(childId: number, parentId: number, kind: LineageKind): Edge | undefined {
    return this.edges.get(LineageState.key(childId, parentId, kind));
  }

  add(edge: Edge): void {
    this.edges.set(LineageState.key(edge.childId, edge.parentId, edge.kind), edge);
    this.parents.set(edge.childId, [...(this.parents.get(edge.childId) ?? []), edge.parentId]);
  }

  remove(edge: Edge): void {
    this.edges.delete(LineageState.key(edge.childId, edge.parentId, edge.kind));
    const parents = this.parents.get(edge.childId) ?? [];
    const at = parents.indexOf(edge.parentId);
    if (at >= 0) parents.splice(at, 1);
  }

  /** The ancestors from `from` up to `to` ([from, …, to], breadth first), or undefined when `to` is not one. */
  ancestry(from: number, to: number): number[] | undefined {
    const cameFrom = new Map<number, number>([[from, from]]);
    const queue = [from];
    for (let at = 0; at < queue.length; at += 1) {
      const current = queue[at] as number;
      if (current === to) {
        const path = [to];
        while ((path[0] as number) !== from) path.unshift(cameFrom.get(path[0] as number) as number);
        return path;
      }
      for (const parent of this.parents.get(current) ?? []) {
        if (!cameFrom.has(parent)) {
          cameFrom.set(parent, current);
          queue.push(parent);
        }
      }
    }
    return undefined;
  }
}

/** The ids of the models and sources lineage inputs name. */
async function endpoints(
  session: WriteSession,
  inputs: readonly { child: string; parent: string; source?: string | null }[],
) {
  const [models, sources] = await session.resolveAll([
    {
      entity: 'model',
      keys: inputs.flatMap((input, index) => [
        { key: input.child, path: `lineage[${index}].child` },
        { key: input.parent, path: `lineage[${index}].parent` },
      ]),
    },
    {
      entity: 'source',
      keys: inputs.flatMap((input, index) =>
        input.source ? [{ key: input.source, path: `lineage[${index}].source` }] : [],
      ),
    },
  ] as const);
  return { models, sources };
}

/** Refuses a step named twice in one call: which of the two should win would be a guess. */
function refuseRepeatedSteps(keys: readonly LineageKey[], what: string): void {
  const first = new Map<string, number>();
  const problems = keys.flatMap((key, index) => {
    const id = `${key.child}:${key.parent}:${key.kind}`;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      return [];
    }
    return [{ path: `${what}[${index}]`, message: `the same step as ${what}[${earlier}]`, code: 'INVALID' as const }];
  });
  if (problems.length > 0) throw new GraphInputError(problems);
}

/**
 * Adds lineage steps in order (each sees the ones before it), or updates the note and source of
 * a step that exists. A step that is refused is answered in `refused`, never written.
 */
export async function linkLineage(
  session: WriteSession,
  state: LineageState,
  inputs: readonly LineageInput[],
): Promise<LinkedLineage> {
  refuseRepeatedSteps(inputs, 'lineage');
  const { models, sources } = await endpoints(session, inputs);
  const written: (Written | undefined)[] = [];
  const refused: (Omit<RefusedLineage, 'cycle'> & { cycleIds?: number[] })[] = [];
  const creating: { index: number; edge: Edge }[] = [];
  for (const [index, input] of inputs.entries()) {
    const childId = models.get(input.child) as number;
    const parentId = models.get(input.parent) as number;
    const data = {
      note: input.note,
      sourceId:
        input.source === undefined ? undefined : input.source === null ? null : (sources.get(input.source) as number),
    };
    if (childId === parentId) {
      refused.push({ index, reason: 'a model cannot derive from itself' });
      continue;
    }
    const existing = state.get(childId, parentId, input.kind);
    if (existing) {
      const changes = changedFields(existing, data);
      if (changes.length === 0) {
        session.count('modelLineage', 'unchanged');
        written[index] = { id: existing.id, outcome: 'unchanged', changes };
        continue;
      }
      const update = Object.fromEntries(changes.map((change) => [change.field, change.to]));
      await session.tx.modelLineage.update({ where: { id: existing.id }, data: update });
      const sourceSlugs = await session.slugsOf('source', [
        existing.sourceId,
        update.sourceId as number | null | undefined,
      ]);
      const stepValue = (edge: { note: string | null; sourceId: number | null }) =>
        edgeValue({ note: edge.note, source: edge.sourceId === null ? null : sourceSlugs.get(edge.sourceId) });
      session.record('model', childId, 'updated', [
        {
          field: `parent:${input.parent}:${input.kind}`,
          from: stepValue(existing),
          to: stepValue({ ...existing, ...update } as typeof existing),
        },
      ]);
      Object.assign(existing, update);
      session.count('modelLineage', 'updated');
      written[index] = { id: existing.id, outcome: 'updated', changes };
      continue;
    }
    const cycle = state.ancestry(parentId, childId);
    if (cycle) {
      refused.push({ index, reason: 'it would close a lineage cycle', cycleIds: [childId, ...cycle] });
      continue;
    }
    // Known to the state at once (the next inputs are checked against it), written in batches below.
    const edge = {
      id: 0,
      childId,
      parentId,
      kind: input.kind,
      note: data.note ?? null,
      sourceId: data.sourceId ?? null,
    };
    state.add(edge);
    creating.push({ index, edge });
    session.record('model', childId, 'updated', [
      {
        field: `parent:${input.parent}:${input.kind}`,
        from: null,
        to: edgeValue({ note: input.note, source: input.source }),
      },
    ]);
  }
  for (const batch of batches(creating)) {
    const created = await session.tx.modelLineage.createManyAndReturn({
      data: batch.map(({ edge: { id: _id, ...row } }) => row),
      select: { id: true, childId: true, parentId: true, kind: true },
    });
    const ids = new Map(created.map((row) => [LineageState.key(row.childId, row.parentId, row.kind), row.id]));
    for (const { index, edge } of batch) {
      edge.id = ids.get(LineageState.key(edge.childId, edge.parentId, edge.kind)) as number;
      written[index] = { id: edge.id, outcome: 'created', changes: [] };
    }
    session.count('modelLineage', 'created', created.length);
  }
  // The cycle may run through models this call does not name: spelled with their slugs.
  const slugs = await session.slugsOf(
    'model',
    refused.flatMap((entry) => entry.cycleIds ?? []),
  );
  return {
    written,
    refused: refused.map(({ cycleIds, ...entry }) =>
      cycleIds ? { ...entry, cycle: cycleIds.map((id) => slugs.get(id) ?? String(id)) } : entry,
    ),
  };
}

/** Removes lineage steps; answers how many existed. */
export async function unlinkLineage(
  session: WriteSession,
  state: LineageState,
  keys: readonly LineageKey[],
): Promise<number> {
  const { models } = await endpoints(session, keys);
  // A key given twice names one step: it is removed once.
  const going = new Map<Edge, LineageKey>();
  for (const key of keys) {
    const edge = state.get(models.get(key.child) as number, models.get(key.parent) as number, key.kind);
    if (edge && !going.has(edge)) going.set(edge, key);
  }
  const edges = [...going.keys()];
  if (edges.length === 0) return 0;
  const sourceSlugs = await session.slugsOf(
    'source',
    edges.map((edge) => edge.sourceId),
  );
  for (const [edge, key] of going) {
    session.record('model', edge.childId, 'updated', [
      {
        field: `parent:${key.parent}:${key.kind}`,
        from: edgeValue({ note: edge.note, source: edge.sourceId === null ? null : sourceSlugs.get(edge.sourceId) }),
        to: null,
      },
    ]);
  }
  for (const batch of batches(edges)) {
    await session.tx.modelLineage.deleteMany({ where: { id: { in: batch.map((edge) => edge.id) } } });
  }
  for (const edge of edges) state.remove(edge);
  session.count('modelLineage', 'deleted', edges.length);
  return edges.length;
}

/** Changes the kind of existing steps in place (a newer source is more precise); answers how many changed. */
export async function changeLineageKind(
  session: WriteSession,
  state: LineageState,
  changes: readonly (LineageKey & { to: LineageKind })[],
): Promise<number> {
  refuseRepeatedSteps(changes, 'lineage');
  const { models } = await endpoints(session, changes);
  let changed = 0;
  for (const [index, change] of changes.entries()) {
    const childId = models.get(change.child) as number;
    const parentId = models.get(change.parent) as number;
    const edge = state.get(childId, parentId, change.kind);
    if (!edge || edge.kind === change.to) continue;
    if (state.get(childId, parentId, change.to)) {
      invalid(`lineage[${index}].to`, `${change.child} → ${change.parent} already has a ${change.to} step`);
    }
    await session.tx.modelLineage.update({ where: { id: edge.id }, data: { kind: change.to } });
    const value = edgeValue({
      note: edge.note,
      source: edge.sourceId === null ? null : (await session.slugsOf('source', [edge.sourceId])).get(edge.sourceId),
    });
    session.record('model', childId, 'updated', [
      { field: `parent:${change.parent}:${change.kind}`, from: value, to: null },
      { field: `parent:${change.parent}:${change.to}`, from: null, to: value },
    ]);
    state.remove(edge);
    state.add({ ...edge, kind: change.to });
    changed += 1;
  }
  session.count('modelLineage', 'updated', changed);
  return changed;
}
