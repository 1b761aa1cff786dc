/**
 * Published slugs never change meaning or stop resolving. When an entity's slug must change (a
 * rename: `pangu` was PanGu-Σ's, which must not keep the family's name) or two entities turn out
 * to be one (a merge: Epoch's `facebook-ai` is the curated `meta-ai`), the old slug becomes a
 * redirect to the entity it now names, and every lookup by slug follows it.
 */
import { batches } from '../db/batch.js';
import type { SlugEntity } from '../domain/enums.js';
import { normalizeName } from '../domain/normalize.js';
import { invalid } from './errors.js';
import type { WriteSession } from './session.js';
import { checkSlug } from './values.js';

/** One slug change: `from` becomes a redirect to the entity `to` names (renamed, or merged into). */
export type SlugChange = { type: SlugEntity; from: string; to: string; reason?: string | null };

/** What a slug change did. */
export type SlugChangeOutcome = 'renamed' | 'merged' | 'redirected' | 'unchanged' | 'pending';

type Entity = 'model' | 'organization' | 'topic';
const ENTITY: Record<SlugEntity, Entity> = { MODEL: 'model', ORGANIZATION: 'organization', TOPIC: 'topic' };
const COLUMN = { model: 'modelId', organization: 'organizationId', topic: 'topicId' } as const;

type SluggedRow = { id: number; slug: string; name: string } & Record<string, unknown>;

/** The Prisma delegate of a slugged table, loosely typed: the three share these calls. */
type Delegate = {
  update(args: object): Promise<unknown>;
  updateMany(args: object): Promise<unknown>;
  deleteMany(args: object): Promise<unknown>;
};
const table = (session: WriteSession, entity: Entity) => session.tx[entity] as unknown as Delegate;

/**
 * Applies slug changes, in order, idempotently:
 * - `from` names an entity and `to` none: the entity is renamed to `to`;
 * - both name entities: `from`'s is merged into `to`'s (its edges, claims, aliases, coverage and
 *   redirects move over; its name becomes an alias), then deleted;
 * - `from` names none and `to` one: only the redirect is made sure of;
 * - neither (an import has not created `to` yet): nothing, until a later write.
 * In every case but the last, `from` then resolves to `to`'s entity.
 */
export async function changeSlugs(session: WriteSession, changes: readonly SlugChange[]): Promise<SlugChangeOutcome[]> {
  changes.forEach((change, index) => {
    checkSlug(`slugChanges[${index}].from`, change.from);
    checkSlug(`slugChanges[${index}].to`, change.to);
    if (change.from === change.to) invalid(`slugChanges[${index}]`, 'a slug cannot redirect to itself');
  });
  // Read once: the entities of every slug named, and the redirects there are.
  const rows = new Map<string, SluggedRow>();
  for (const type of new Set(changes.map((change) => change.type))) {
    const slugs = changes.filter((change) => change.type === type).flatMap((change) => [change.from, change.to]);
    for (const batch of batches([...new Set(slugs)])) {
      const delegate = session.tx[ENTITY[type]] as unknown as { findMany(args: object): Promise<SluggedRow[]> };
      const found = await delegate.findMany({ where: { slug: { in: batch } } });
      for (const row of found) rows.set(`${type}:${row.slug}`, row);
    }
  }
  const redirects = new Map(
    (
      await session.tx.slugRedirect.findMany({
        where: { OR: changes.map((change) => ({ entityType: change.type, fromSlug: change.from })) },
      })
    ).map((redirect) => [`${redirect.entityType}:${redirect.fromSlug}`, redirect]),
  );

  const outcomes: SlugChangeOutcome[] = [];
  const creating: Record<string, unknown>[] = [];
  for (const change of changes) {
    const entity = ENTITY[change.type];
    const from = rows.get(`${change.type}:${change.from}`);
    const to = rows.get(`${change.type}:${change.to}`);
    let outcome: SlugChangeOutcome;
    let targetId: number;
    if (from && !to) {
      await table(session, entity).update({ where: { id: from.id }, data: { slug: change.to } });
      session.record(entity, from.id, 'updated', [{ field: 'slug', from: change.from, to: change.to }]);
      session.count(entity, 'updated');
      session.touch(entity, from.id);
      session.forget(entity, change.from);
      session.remember(entity, change.to, from.id);
      rows.delete(`${change.type}:${change.from}`);
      rows.set(`${change.type}:${change.to}`, { ...from, slug: change.to });
      outcome = 'renamed';
      targetId = from.id;
    } else if (from && to) {
      await merge(session, entity, from, to);
      session.forget(entity, change.from);
      rows.delete(`${change.type}:${change.from}`);
      outcome = 'merged';
      targetId = to.id;
    } else if (to) {
      outcome = 'redirected';
      targetId = to.id;
    } else {
      outcomes.push('pending');
      continue;
    }
    const redirect = redirects.get(`${change.type}:${change.from}`);
    const data = { [COLUMN[entity]]: targetId, reason: change.reason ?? null };
    if (!redirect) {
      creating.push({ entityType: change.type, fromSlug: change.from, ...data });
    } else if (redirect[COLUMN[entity]] !== targetId || redirect.reason !== data.reason) {
      await session.tx.slugRedirect.update({ where: { id: redirect.id }, data });
    } else if (outcome === 'redirected') {
      outcome = 'unchanged';
    }
    outcomes.push(outcome);
  }
  for (const batch of batches(creating)) await session.tx.slugRedirect.createMany({ data: batch as never });
  return outcomes;
}

/** Moves what hangs on `from` over to `into`, where `into` lacks it, then deletes `from`. */
async function merge(
  session: WriteSession,
  entity: Entity,
  from: { id: number; name: string } & Record<string, unknown>,
  into: { id: number } & Record<string, unknown>,
): Promise<void> {
  const tx = session.tx;
  const column = COLUMN[entity];
  // Rows keyed by (entity, other): move those `into` lacks; the rest go with `from`. Moved as a
  // new row and the old one deleted, never by updating the key: the database's kept counts
  // (which organization reaches which article, each country's models, the facets) follow
  // inserts and deletes of these rows, not changes of their keys.
  const moveKeyed = async (delegate: unknown, key: string) => {
    const d = delegate as {
      findMany(args: object): Promise<Record<string, unknown>[]>;
      createMany(args: object): Promise<unknown>;
      deleteMany(args: object): Promise<unknown>;
    };
    const taken = new Set((await d.findMany({ where: { [column]: into.id } })).map((row) => String(row[key])));
    const movable = (await d.findMany({ where: { [column]: from.id } })).filter((row) => !taken.has(String(row[key])));
    for (const batch of batches(movable)) {
      await d.createMany({ data: batch.map((row) => ({ ...row, [column]: into.id })) });
      await d.deleteMany({ where: { [column]: from.id, [key]: { in: batch.map((row) => row[key]) } } });
    }
  };
  if (entity === 'model') {
    await moveKeyed(tx.modelDeveloper, 'organizationId');
    await moveKeyed(tx.modelTopic, 'topicId');
    await moveKeyed(tx.modelDomain, 'domain');
    await moveKeyed(tx.modelTask, 'task');
    await moveKeyed(tx.modelHardware, 'hardwareId');
    await moveKeyed(tx.modelDataset, 'datasetId');
    await moveKeyed(tx.articleModel, 'articleId');
    // Claims are keyed by (model, property, source): a source's claim on `into` stays.
    const taken = new Set(
      (await tx.claim.findMany({ where: { modelId: into.id }, select: { property: true, sourceId: true } })).map(
        (claim) => `${claim.property}:${claim.sourceId}`,
      ),
    );
    for (const claim of await tx.claim.findMany({ where: { modelId: from.id } })) {
      if (!taken.has(`${claim.property}:${claim.sourceId}`)) {
        await tx.claim.update({ where: { id: claim.id }, data: { modelId: into.id } });
      }
    }
    session.claimsChangedFor('model', into.id);
    // Lineage: steps of `from` become steps of `into`, unless they would make it its own parent.
    for (const edge of await tx.modelLineage.findMany({
      where: { OR: [{ childId: from.id }, { parentId: from.id }] },
    })) {
      const childId = edge.childId === from.id ? into.id : edge.childId;
      const parentId = edge.parentId === from.id ? into.id : edge.parentId;
      const exists = await tx.modelLineage.findUnique({
        where: { childId_parentId_kind: { childId, parentId, kind: edge.kind } },
      });
      if (childId !== parentId && !exists)
        await tx.modelLineage.update({ where: { id: edge.id }, data: { childId, parentId } });
    }
  } else if (entity === 'organization') {
    await moveKeyed(tx.modelDeveloper, 'modelId');
    await moveKeyed(tx.articleOrganization, 'articleId');
    const taken = new Set(
      (
        await tx.organizationClaim.findMany({
          where: { organizationId: into.id },
          select: { property: true, sourceId: true },
        })
      ).map((claim) => `${claim.property}:${claim.sourceId}`),
    );
    for (const claim of await tx.organizationClaim.findMany({ where: { organizationId: from.id } })) {
      if (!taken.has(`${claim.property}:${claim.sourceId}`)) {
        await tx.organizationClaim.update({ where: { id: claim.id }, data: { organizationId: into.id } });
      }
    }
    session.claimsChangedFor('organization', into.id);
    await tx.organization.updateMany({
      where: { parentId: from.id, NOT: { id: into.id } },
      data: { parentId: into.id },
    });
  } else {
    await moveKeyed(tx.modelTopic, 'modelId');
    await moveKeyed(tx.articleTopic, 'articleId');
    await tx.topic.updateMany({ where: { parentId: from.id, NOT: { id: into.id } }, data: { parentId: into.id } });
  }
  // Its names: the merged entity's name and aliases become aliases of the one it merged into.
  if (entity !== 'topic') {
    const aliasTable = entity === 'model' ? tx.modelAlias : tx.organizationAlias;
    const owner = entity === 'model' ? 'modelId' : 'organizationId';
    const aliases = aliasTable as unknown as {
      findMany(args: object): Promise<{ alias: string; normalized: string }[]>;
      createMany(args: object): Promise<unknown>;
    };
    const known = new Set((await aliases.findMany({ where: { [owner]: into.id } })).map((alias) => alias.normalized));
    const names = [from.name, ...(await aliases.findMany({ where: { [owner]: from.id } })).map((alias) => alias.alias)];
    const adding = names.filter((name) => {
      const normalized = normalizeName(name);
      if (normalized === '' || known.has(normalized)) return false;
      known.add(normalized);
      return true;
    });
    if (adding.length > 0) {
      await aliases.createMany({
        data: adding.map((alias) => ({ [owner]: into.id, alias, normalized: normalizeName(alias) })),
      });
    }
  }
  await tx.slugRedirect.updateMany({ where: { [column]: from.id }, data: { [column]: into.id } });
  await table(session, entity).deleteMany({ where: { id: from.id } });
  session.record(entity, from.id, 'deleted', [{ field: 'mergedInto', from: null, to: into.slug }], String(from.slug));
  session.record(entity, into.id, 'updated', [{ field: `merged:${from.slug}`, from: null, to: from.slug }]);
  session.count(entity, 'deleted');
  session.touch(entity, from.id);
  session.touch(entity, into.id);
}
