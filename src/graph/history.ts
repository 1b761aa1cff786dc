/**
 * The history of the graph: every write records, per entity it changed, one `Revision` with who
 * made it, what changed (each field from its old value to its new one) and the entity's new
 * version, in the write's own transaction. Edges and claims are recorded on the entity that owns
 * them, under fields named by what they link:
 *
 *   claim:PARAMETERS:arxiv-2005-14165   a model's claim (or an organization's: claim:COUNTRY:…)
 *   developer:openai                    a model's developer edge
 *   parent:gpt-3:FINE_TUNED_FROM        a model's lineage step to a parent
 *   topic:rlhf  domain:LANGUAGE  task:Chat   a model's memberships
 *   covers:model:chatgpt                an article's coverage (also covers:organization:…, covers:topic:…)
 *   alias:文心一言                       an alias of a model or organization
 *
 * An edge's `from` is null when it was added, its `to` null when it was removed. Derived values
 * (claim ranks, preferred fields, search documents) are not recorded: they follow from the rest.
 */
import { batches } from '../db/batch.js';
import type { GraphStore } from '../db/store.js';
import type { FieldChange } from './changes.js';
import type { Tx } from './session.js';

/** Who made a write: an editor's or admin's token, an importer, or the system. */
export type Actor = Readonly<{ kind: 'EDITOR' | 'ADMIN' | 'IMPORTER' | 'SYSTEM'; name: string }>;

/** The actor of writes that do not say who makes them (tests, maintenance). */
export const SYSTEM_ACTOR: Actor = { kind: 'SYSTEM', name: 'system' };

/** The entities that have a history and a version. */
export type HistoryEntity =
  | 'source'
  | 'organization'
  | 'topic'
  | 'model'
  | 'article'
  | 'person'
  | 'hardware'
  | 'dataset';

export const HISTORY_ENTITY_TYPE = {
  source: 'SOURCE',
  organization: 'ORGANIZATION',
  topic: 'TOPIC',
  model: 'MODEL',
  article: 'ARTICLE',
  person: 'PERSON',
  hardware: 'HARDWARE',
  dataset: 'DATASET',
} as const satisfies Record<HistoryEntity, string>;

type Action = 'created' | 'updated' | 'deleted';

type Entry = { entity: HistoryEntity; id: number; action: Action; changes: FieldChange[]; key?: string };

/** A recorded revision as the write layer made it. */
export type RecordedRevision = Readonly<{
  entity: HistoryEntity;
  id: number;
  key: string;
  version: number;
  action: Action;
  changes: readonly FieldChange[];
}>;

/** Collects one write's changes per entity, and writes them as revisions when the write ends. */
export class HistoryRecorder {
  private readonly entries = new Map<string, Entry>();
  /** The revision a revert restores, per entity ("model:12"), written with the revision. */
  private readonly reverts = new Map<string, number>();

  constructor(readonly actor: Actor) {}

  /**
   * Records changes of an entity. Changes of one entity within a write make one revision: a field
   * changed twice keeps its first `from` and its last `to`; created or deleted wins over updated.
   */
  record(entity: HistoryEntity, id: number, action: Action, changes: readonly FieldChange[], key?: string): void {
    const at = `${entity}:${id}`;
    let entry = this.entries.get(at);
    if (!entry) {
      entry = { entity, id, action, changes: [] };
      this.entries.set(at, entry);
    } else if (action !== 'updated') {
      entry.action = entry.action === 'created' && action === 'deleted' ? 'deleted' : action;
    }
    if (key !== undefined) entry.key = key;
    for (const change of changes) {
      const index = entry.changes.findIndex((earlier) => earlier.field === change.field);
      const earlier = entry.changes[index];
      if (earlier) entry.changes[index] = { field: change.field, from: earlier.from, to: change.to };
      else entry.changes.push(change);
    }
  }

  /** Marks the revision an entity's changes in this write restore (see `revertTo`). */
  markRevert(entity: HistoryEntity, id: number, revisionId: number): void {
    this.reverts.set(`${entity}:${id}`, revisionId);
  }

  /**
   * Writes the revisions and bumps the versions of the entities that changed. An update whose
   * changes cancel out (a field set back to its value) is no revision.
   */
  async write(tx: Tx, store: Pick<GraphStore, 'insertRows'>): Promise<RecordedRevision[]> {
    const entries = [...this.entries.values()].filter((entry) => {
      // Only an update can hold a change that cancels out (a created row's fields come from nothing).
      if (entry.action !== 'updated') return true;
      entry.changes = entry.changes.filter((change) => !sameJson(change.from, change.to));
      return entry.changes.length > 0;
    });
    this.entries.clear();
    if (entries.length === 0) return [];
    const recorded: RecordedRevision[] = [];
    for (const entity of Object.keys(HISTORY_ENTITY_TYPE) as HistoryEntity[]) {
      const ofEntity = entries.filter((entry) => entry.entity === entity);
      if (ofEntity.length === 0) continue;
      const live = ofEntity.filter((entry) => entry.action !== 'deleted');
      const versions = new Map<number, { version: number; key: string }>();
      const delegate = tx[entity] as unknown as {
        updateManyAndReturn(args: object): Promise<{ id: number; version: number; slug?: string; url?: string }[]>;
      };
      const keyField = entity === 'article' ? 'url' : 'slug';
      for (const batch of batches(live.map((entry) => entry.id))) {
        // One statement: the new versions come back with the keys.
        const rows = await delegate.updateManyAndReturn({
          where: { id: { in: batch } },
          data: { version: { increment: 1 } },
          select: { id: true, version: true, [keyField]: true },
        });
        for (const row of rows) versions.set(row.id, { version: row.version - 1, key: String(row[keyField]) });
      }
      // A deleted entity's last version is in its history.
      for (const entry of ofEntity.filter((entry) => entry.action === 'deleted')) {
        const last = await tx.revision.findFirst({
          where: { entityType: HISTORY_ENTITY_TYPE[entity], entityId: entry.id },
          orderBy: { version: 'desc' },
          select: { version: true, entityKey: true },
        });
        versions.set(entry.id, { version: last?.version ?? 0, key: entry.key ?? last?.entityKey ?? String(entry.id) });
      }
      for (const entry of ofEntity) {
        const before = versions.get(entry.id);
        if (!before) continue;
        recorded.push({
          entity,
          id: entry.id,
          key: before.key,
          version: before.version + 1,
          action: entry.action,
          changes: entry.changes,
        });
      }
    }
    // Appended by the store, many rows per statement: an import records thousands.
    const at = new Date();
    await store.insertRows(
      'Revision',
      recorded.map((revision) => ({
        at,
        actor: this.actor.name,
        actorKind: this.actor.kind,
        entityType: HISTORY_ENTITY_TYPE[revision.entity],
        entityId: revision.id,
        entityKey: revision.key,
        version: revision.version,
        action: revision.action.toUpperCase(),
        changes: stringifyChanges(revision.changes),
        revertOf: this.reverts.get(`${revision.entity}:${revision.id}`) ?? null,
      })),
    );
    return recorded;
  }
}

/** JSON text of changes; dates as ISO text, exact integers (bigint) as decimal text. */
export function stringifyChanges(changes: readonly FieldChange[]): string {
  return JSON.stringify(changes, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
}

function sameJson(a: unknown, b: unknown): boolean {
  return stringifyChanges([{ field: '', from: a, to: null }]) === stringifyChanges([{ field: '', from: b, to: null }]);
}

/** A created row's fields as changes from nothing (fields left undefined or null are not listed). */
export function createdFields(data: Record<string, unknown>): FieldChange[] {
  return Object.entries(data).flatMap(([field, to]) =>
    to === undefined || to === null ? [] : [{ field, from: null, to }],
  );
}

/** An edge's or claim's fields worth recording: those given, without null or undefined. */
export function edgeValue(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined && value !== null));
}
