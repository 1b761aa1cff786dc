/**
 * Reverting an entity to an earlier version: each field, edge and claim that a later revision
 * changed is set back to the value it had then (the `from` of the earliest later change), through
 * the write layer's own operations, so the revert is itself a recorded write (its revision points
 * at the version it restored). A deleted entity comes back under its old id and slug.
 *
 * Not restored: aliases added since (they are kept), merges, an article's dated claims (each is
 * the record of its day), and edges that other entities held to a deleted one (a descendant's
 * lineage step, an article's coverage, a person's places in lists of authors): those are
 * recorded in the other entities' histories and reverted there.
 */
import type { Confidence, DeveloperRole, LineageKind, Relevance } from '../domain/enums.js';
import type { FieldChange } from './changes.js';
import { invalid } from './errors.js';
import { createdFields, HISTORY_ENTITY_TYPE, type HistoryEntity } from './history.js';
import type { GraphWriter } from './index.js';
import type { WriteSession } from './session.js';

/** Fields stored as dates: their history holds ISO text. */
const DATE_FIELDS = new Set(['publishedAt', 'snapshotDate']);

/** Fields that are not the entity's to set back (derived, or the key itself). */
const SKIPPED = new Set(['slug', 'url', 'mergedInto', 'nameKey', 'authors']);

type Target = Map<string, unknown>;

/**
 * Reverts the entity with this id to `toVersion`. Answers the id of the revision of that version
 * (the one the revert restores).
 */
export async function revertEntity(
  graph: GraphWriter,
  session: WriteSession,
  entity: HistoryEntity,
  id: number,
  toVersion: number,
): Promise<number> {
  const tx = session.tx;
  const entityType = HISTORY_ENTITY_TYPE[entity];
  const revisions = await tx.revision.findMany({
    where: { entityType, entityId: id, version: { gte: toVersion } },
    orderBy: { version: 'desc' },
  });
  const restored = revisions.find((revision) => revision.version === toVersion);
  if (!restored) invalid('toVersion', `${entity} ${id} has no version ${toVersion}`, 'NOT_FOUND');
  if (restored.action === 'DELETED')
    invalid('toVersion', `version ${toVersion} is its deletion: choose a version before it`);
  // Newest first: each field ends with the `from` of its earliest change after the version.
  const target: Target = new Map();
  for (const revision of revisions) {
    if (revision.version === toVersion) continue;
    for (const change of JSON.parse(revision.changes) as FieldChange[]) target.set(change.field, change.from);
  }
  const latest = revisions[0];
  let key = latest?.entityKey as string;
  if (latest && latest.action === 'DELETED' && latest.version > toVersion) {
    key = await recreate(session, entity, id, latest.version, restoredFields(revisions));
  }
  // A slug changed since: the entity takes its old slug back (the newer one keeps resolving).
  const slugBack = target.get('slug');
  if (typeof slugBack === 'string' && slugBack !== key && entity !== 'article' && entity !== 'source') {
    await graph.changeSlugs([
      { type: entityType as 'MODEL', from: key, to: slugBack, reason: `reverted to version ${toVersion}` },
    ]);
    key = slugBack;
  }
  await setFields(graph, session, entity, key, target);
  await setEdges(graph, entity, key, target);
  if (entity === 'article' && target.has('authors')) await setAuthors(graph, session, key, target.get('authors'));
  session.history.markRevert(entity, id, restored.id);
  return restored.id;
}

/** The fields a deleted entity had when it went (changes since the version are undone afterwards). */
function restoredFields(revisions: readonly { action: string; changes: string }[]): Record<string, unknown> {
  const deletion = revisions.find((revision) => revision.action === 'DELETED');
  const fields: Record<string, unknown> = {};
  for (const change of JSON.parse(deletion?.changes ?? '[]') as FieldChange[]) {
    if (!change.field.includes(':')) fields[change.field] = change.from;
  }
  return fields;
}

/** Creates a deleted entity again, under its old id and at the version it had; answers its key. */
async function recreate(
  session: WriteSession,
  entity: HistoryEntity,
  id: number,
  version: number,
  fields: Record<string, unknown>,
): Promise<string> {
  const data: Record<string, unknown> = { id, version };
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'mergedInto' || field === 'parent') continue;
    data[field] = DATE_FIELDS.has(field) && typeof value === 'string' ? new Date(value) : value;
  }
  const delegate = session.tx[entity] as unknown as { create(args: object): Promise<unknown> };
  await delegate.create({ data });
  const key = String(entity === 'article' ? data.url : data.slug);
  session.remember(entity, key, id);
  session.touch(entity, id);
  session.count(entity, 'created');
  const { id: _id, version: _version, ...recorded } = data;
  session.record(entity, id, 'created', createdFields(recorded));
  return key;
}

function fieldValue(field: string, value: unknown): unknown {
  return DATE_FIELDS.has(field) && typeof value === 'string' ? new Date(value) : value;
}

/** Sets the entity's own fields back. */
async function setFields(
  graph: GraphWriter,
  session: WriteSession,
  entity: HistoryEntity,
  key: string,
  target: Target,
): Promise<void> {
  const fields: Record<string, unknown> = {};
  for (const [field, value] of target) {
    if (field.includes(':') || SKIPPED.has(field)) continue;
    fields[field] = fieldValue(field, value);
  }
  if (Object.keys(fields).length === 0) return;
  const tx = session.tx;
  if (entity === 'model') {
    await graph.updateModels([{ slug: key, ...fields }]);
  } else if (entity === 'organization') {
    const current = await tx.organization.findUniqueOrThrow({ where: { slug: key }, select: { name: true } });
    await graph.upsertOrganizations([{ name: current.name, ...fields, slug: key } as never]);
  } else if (entity === 'topic') {
    const current = await tx.topic.findUniqueOrThrow({ where: { slug: key }, select: { name: true } });
    await graph.upsertTopics([{ name: current.name, ...fields, slug: key } as never]);
  } else if (entity === 'source') {
    const current = await tx.source.findUniqueOrThrow({ where: { slug: key }, select: { title: true, kind: true } });
    await graph.upsertSources([{ title: current.title, kind: current.kind, ...fields, slug: key } as never]);
  } else if (entity === 'hardware' || entity === 'dataset') {
    const delegate = tx[entity] as unknown as {
      findUniqueOrThrow(args: object): Promise<{ name: string }>;
    };
    const current = await delegate.findUniqueOrThrow({ where: { slug: key }, select: { name: true } });
    const { sourceId, source, ...rest } = fields;
    await graph.upsertTrainingResources(entity, [
      { name: current.name, ...rest, ...(source === undefined ? {} : { source }), slug: key } as never,
    ]);
  } else if (entity === 'person') {
    const current = await tx.person.findUniqueOrThrow({ where: { slug: key }, select: { name: true } });
    const { sourceId, source, ...rest } = fields;
    await graph.upsertPeople([
      { name: current.name, ...rest, ...(source === undefined ? {} : { source }), slug: key } as never,
    ]);
  } else {
    const current = await tx.article.findUniqueOrThrow({ where: { url: key } });
    // The history names an article's source by slug (older revisions by row id, `sourceId`).
    const { sourceId, source: sourceSlug, ...rest } = fields;
    let source: string | null | undefined = sourceSlug as string | null | undefined;
    if (sourceId !== undefined) {
      source =
        sourceId === null
          ? null
          : ((await tx.source.findUnique({ where: { id: Number(sourceId) }, select: { slug: true } }))?.slug ?? null);
    }
    await graph.upsertArticles([
      {
        title: current.title,
        language: current.language,
        site: current.site,
        kind: current.kind,
        ...rest,
        ...(source === undefined ? {} : { source }),
        url: key,
      } as never,
    ]);
  }
}

/**
 * Sets an article's list of authors back (its history names them by slug; each is written as the
 * person's name, the spelling of the article not being recorded).
 */
async function setAuthors(graph: GraphWriter, session: WriteSession, url: string, slugs: unknown): Promise<void> {
  const list = Array.isArray(slugs) ? (slugs as string[]) : [];
  const people = await session.tx.person.findMany({
    where: { slug: { in: list } },
    select: { slug: true, name: true },
  });
  const nameOf = new Map(people.map((person) => [person.slug, person.name]));
  await graph.setArticleAuthors([
    { article: url, authors: list.map((person) => ({ person, writtenAs: nameOf.get(person) ?? person })) },
  ]);
}

type Value = Record<string, unknown> | null;

/** Sets the entity's edges and claims back. */
async function setEdges(graph: GraphWriter, entity: HistoryEntity, key: string, target: Target): Promise<void> {
  for (const [field, raw] of target) {
    const value = raw as Value;
    const [kind, ...parts] = field.split(':');
    if (parts.length === 0) continue;
    if (kind === 'claim' && entity === 'model') {
      const [property, source] = parts as [never, string];
      if (value === null) await graph.retractClaims([{ model: key, property, source }]);
      else await graph.putClaims([{ ...(value as object), model: key, property, source } as never]);
    } else if (kind === 'claim' && entity === 'organization') {
      const [property, source] = parts as [never, string];
      if (value === null) await graph.retractOrganizationClaims([{ organization: key, property, source }]);
      else await graph.putOrganizationClaims([{ ...(value as object), organization: key, property, source } as never]);
    } else if (kind === 'developer') {
      const [organization] = parts as [string];
      if (value === null) await graph.unlinkDevelopers([{ model: key, organization }]);
      else
        await graph.linkDevelopers([
          { model: key, organization, role: value.role as DeveloperRole, source: (value.source as string) ?? null },
        ]);
    } else if (kind === 'parent') {
      const [parent, lineageKind] = parts as [string, LineageKind];
      if (value === null) await graph.unlinkLineage([{ child: key, parent, kind: lineageKind }]);
      else {
        const linked = await graph.linkLineage([
          {
            child: key,
            parent,
            kind: lineageKind,
            note: (value.note as string) ?? null,
            source: (value.source as string) ?? null,
          },
        ]);
        const [refused] = linked.refused;
        if (refused) invalid('toVersion', `the step to "${parent}" cannot come back: ${refused.reason}`, 'CYCLE');
      }
    } else if (kind === 'topic') {
      const [topic] = parts as [string];
      if (value === null) await graph.unlinkModelTopics([{ model: key, topic }]);
      else await graph.linkModelTopics([{ model: key, topic, derivation: (value.derivation as string) ?? null }]);
    } else if (kind === 'domain') {
      const [domain] = parts as [never];
      if (value === null) await graph.unlinkModelDomains([{ model: key, domain }]);
      else
        await graph.linkModelDomains([
          {
            model: key,
            domain,
            source: (value.source as string) ?? null,
            derivation: (value.derivation as string) ?? null,
          },
        ]);
    } else if (kind === 'task') {
      const task = parts.join(':');
      if (value === null) await graph.unlinkModelTasks([{ model: key, task }]);
      else if (typeof value.source === 'string')
        await graph.linkModelTasks([{ model: key, task, source: value.source }]);
    } else if ((kind === 'hardware' || kind === 'dataset') && entity === 'model') {
      const [resource] = parts as [string];
      if (value === null) await graph.unlinkTraining(kind, [{ model: key, resource }]);
      else
        await graph.linkTraining(kind, [
          {
            model: key,
            resource,
            quantity: (value.quantity as number) ?? null,
            source: (value.source as string) ?? null,
            locator: (value.locator as string) ?? null,
          },
        ]);
    } else if (kind === 'covers') {
      const [target, slug] = parts as ['model' | 'organization' | 'topic', string];
      if (value === null) await graph.unlinkCoverage([{ article: key, target, slug }]);
      else
        await graph.putCoverage([
          {
            article: key,
            target,
            slug,
            relevance: value.relevance as Relevance,
            confidence: value.confidence as Confidence | undefined,
            basis: (value.basis as string) ?? null,
          },
        ]);
    }
    // alias:… and merged:… are not set back (see the module comment).
  }
}
