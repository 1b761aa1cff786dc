/**
 * The state of one write: the transaction it runs in, the store bound to it, the ids it has
 * resolved, what it changed, and the entities whose search documents must follow.
 */
import { batches } from '../db/batch.js';
import type { Prisma } from '../db/client.js';
import { isSearched } from '../db/search-documents.js';
import type { GraphStore, SearchEntity, SearchEntityType } from '../db/store.js';
import type { SlugEntity } from '../domain/enums.js';
import {
  type ChangeCounts,
  emptyChangeCounts,
  type FieldChange,
  type Outcome,
  TABLES,
  type Table,
  wroteRows,
} from './changes.js';
import { GraphInputError } from './errors.js';
import { type Actor, type HistoryEntity, HistoryRecorder, type RecordedRevision, SYSTEM_ACTOR } from './history.js';
import { refreshPreferred } from './preferred.js';

export type Tx = Prisma.TransactionClient;

/** The entities named by a public key: a slug, or an article's normalized URL. */
export type KeyedEntity = 'source' | 'organization' | 'topic' | 'model' | 'article' | 'person' | 'hardware' | 'dataset';

const SEARCHABLE: Partial<Record<KeyedEntity, SearchEntityType>> = {
  organization: 'ORGANIZATION',
  topic: 'TOPIC',
  model: 'MODEL',
  article: 'ARTICLE',
  person: 'PERSON',
};

export class WriteSession {
  readonly counts: ChangeCounts = emptyChangeCounts();
  private readonly ids = new Map<KeyedEntity, Map<string, number>>();
  private readonly touched = new Map<string, SearchEntity>();
  private readonly claimsChanged = { model: new Set<number>(), organization: new Set<number>() };

  /** The revisions this write records, per entity (./history.ts). */
  readonly history: HistoryRecorder;
  /** The revisions written when the write ended (filled by {@link flush}). */
  revisions: RecordedRevision[] = [];

  constructor(
    readonly tx: Tx,
    readonly store: GraphStore,
    actor: Actor = SYSTEM_ACTOR,
  ) {
    this.history = new HistoryRecorder(actor);
  }

  /** Records changes of an entity in its history (see ./history.ts for the field names of edges). */
  record(
    entity: HistoryEntity,
    id: number,
    action: 'created' | 'updated' | 'deleted',
    changes: readonly FieldChange[],
    key?: string,
  ): void {
    this.history.record(entity, id, action, changes, key);
  }

  /** Counts `n` rows of `table` with this outcome. */
  count(table: Table, outcome: Outcome, n = 1): void {
    this.counts[table][outcome] += n;
  }

  /**
   * Marks an entity whose searchable text (names, aliases, titles, descriptions) may have changed;
   * given the fields an update changed, only when one of them is searched (an article's language
   * is in none of its documents).
   */
  touch(entity: KeyedEntity, id: number, changed?: readonly FieldChange[]): void {
    const type = SEARCHABLE[entity];
    if (!type) return;
    if (changed && !changed.some((change) => isSearched(type, change.field))) return;
    this.touched.set(`${type}:${id}`, { type, id });
  }

  /** Marks a model or organization whose claims changed: its claim ranks and preferred fields are derived again. */
  claimsChangedFor(subject: 'model' | 'organization', id: number): void {
    this.claimsChanged[subject].add(id);
  }

  /** Forgets the id of a key that no longer names a row (a slug changed). */
  forget(entity: KeyedEntity, key: string): void {
    this.cache(entity).delete(key);
  }

  /** Ranks the changed claims and derives the preferred fields now (also the first step of {@link flush}). */
  async derivePreferred(): Promise<void> {
    for (const subject of ['model', 'organization'] as const) {
      if (this.claimsChanged[subject].size === 0) continue;
      await refreshPreferred(this, subject, this.claimsChanged[subject]);
      this.claimsChanged[subject].clear();
    }
  }

  /** Records the id of a key (a created row, or one just read). */
  remember(entity: KeyedEntity, key: string, id: number): void {
    this.cache(entity).set(key, id);
  }

  private cache(entity: KeyedEntity): Map<string, number> {
    let cache = this.ids.get(entity);
    if (!cache) {
      cache = new Map();
      this.ids.set(entity, cache);
    }
    return cache;
  }

  /**
   * The ids of these keys (slugs, or URLs for articles), read in batches the first time.
   * Throws a {@link GraphInputError} naming every key that is not in the graph.
   */
  async resolve(entity: KeyedEntity, keys: Iterable<{ key: string; path: string }>): Promise<Map<string, number>> {
    const cache = this.cache(entity);
    const wanted = [...keys];
    const missing = [...new Set(wanted.map((entry) => entry.key).filter((key) => !cache.has(key)))];
    for (const batch of batches(missing)) {
      for (const row of await this.findKeys(entity, batch)) cache.set(row.key, row.id);
    }
    // A published slug that was renamed or merged keeps naming its entity.
    const redirected = [...new Set(wanted.map((entry) => entry.key).filter((key) => !cache.has(key)))];
    if (redirected.length > 0 && entity in REDIRECTED) {
      const column = REDIRECTED[entity as keyof typeof REDIRECTED];
      for (const batch of batches(redirected)) {
        for (const redirect of await this.tx.slugRedirect.findMany({
          where: { entityType: entity.toUpperCase() as SlugEntity, fromSlug: { in: batch } },
        })) {
          const id = redirect[column];
          if (id !== null) cache.set(redirect.fromSlug, id);
        }
      }
    }
    const unknown = wanted.filter((entry) => !cache.has(entry.key));
    if (unknown.length > 0) {
      throw new GraphInputError(
        unknown.map((entry) => ({
          path: entry.path,
          message: `no ${entity} "${entry.key}" in the graph`,
          code: 'NOT_FOUND' as const,
        })),
      );
    }
    return new Map(wanted.map((entry) => [entry.key, cache.get(entry.key) as number]));
  }

  /**
   * Several {@link resolve}s at once; one {@link GraphInputError} names the unknown keys of all of
   * them, in the order of `requests`.
   */
  async resolveAll<
    const Requests extends readonly { entity: KeyedEntity; keys: Iterable<{ key: string; path: string }> }[],
  >(requests: Requests): Promise<{ [Index in keyof Requests]: Map<string, number> }> {
    const settled = await Promise.allSettled(requests.map((request) => this.resolve(request.entity, request.keys)));
    const problems = settled.flatMap((result) => {
      if (result.status === 'fulfilled') return [];
      if (result.reason instanceof GraphInputError) return result.reason.problems;
      throw result.reason;
    });
    if (problems.length > 0) throw new GraphInputError(problems);
    return settled.map((result) => (result as PromiseFulfilledResult<Map<string, number>>).value) as never;
  }

  /**
   * The slugs of rows of a slugged table, by id (for messages and history that name entities a
   * write did not name). Ids that are null (an edge without a source) are left out.
   */
  async slugsOf(
    entity: 'model' | 'organization' | 'topic' | 'source' | 'person' | 'hardware' | 'dataset',
    ids: Iterable<number | null | undefined>,
  ): Promise<Map<number, string>> {
    const slugs = new Map<number, string>();
    for (const [slug, id] of this.cache(entity)) slugs.set(id, slug);
    const missing = [...new Set([...ids].filter((id): id is number => typeof id === 'number' && !slugs.has(id)))];
    const delegate = this.tx[entity] as unknown as {
      findMany(args: object): Promise<{ id: number; slug: string }[]>;
    };
    for (const batch of batches(missing)) {
      for (const row of await delegate.findMany({ where: { id: { in: batch } }, select: { id: true, slug: true } })) {
        slugs.set(row.id, row.slug);
      }
    }
    return slugs;
  }

  /** The id of one key; see {@link resolve}. */
  async idOf(entity: KeyedEntity, key: string, path: string): Promise<number> {
    return (await this.resolve(entity, [{ key, path }])).get(key) as number;
  }

  private async findKeys(entity: KeyedEntity, keys: string[]): Promise<{ key: string; id: number }[]> {
    const tx = this.tx;
    switch (entity) {
      case 'source':
        return (await tx.source.findMany({ where: { slug: { in: keys } }, select: { id: true, slug: true } })).map(
          bySlug,
        );
      case 'organization':
        return (
          await tx.organization.findMany({ where: { slug: { in: keys } }, select: { id: true, slug: true } })
        ).map(bySlug);
      case 'topic':
        return (await tx.topic.findMany({ where: { slug: { in: keys } }, select: { id: true, slug: true } })).map(
          bySlug,
        );
      case 'model':
        return (await tx.model.findMany({ where: { slug: { in: keys } }, select: { id: true, slug: true } })).map(
          bySlug,
        );
      case 'person':
        return (await tx.person.findMany({ where: { slug: { in: keys } }, select: { id: true, slug: true } })).map(
          bySlug,
        );
      case 'hardware':
        return (await tx.hardware.findMany({ where: { slug: { in: keys } }, select: { id: true, slug: true } })).map(
          bySlug,
        );
      case 'dataset':
        return (await tx.dataset.findMany({ where: { slug: { in: keys } }, select: { id: true, slug: true } })).map(
          bySlug,
        );
      case 'article':
        return (await tx.article.findMany({ where: { url: { in: keys } }, select: { id: true, url: true } })).map(
          (row) => ({
            key: row.url,
            id: row.id,
          }),
        );
    }
  }

  /**
   * The last step of a write: derives claim ranks and preferred fields of the models whose claims
   * changed, brings the search documents of every touched entity in step, records the write's
   * revisions, and counts again the facets of the countries whose models changed.
   */
  async flush(): Promise<void> {
    await this.derivePreferred();
    if (this.touched.size > 0) {
      await this.store.search.reindex([...this.touched.values()]);
      this.touched.clear();
    }
    this.revisions.push(...(await this.history.write(this.tx, this.store)));
    // The facets of the countries whose models this write changed (the triggers marked them).
    // A write of articles, people or sources alone changes none: it sends nothing for them.
    if (TABLES.some((table) => !OUTSIDE_MODEL_FACETS.has(table) && wroteRows(this.counts[table])))
      await this.store.refreshCountryModelFacets();
  }
}

/**
 * The tables whose writes cannot change a country's model facets (`GraphStore.refreshCountryModelFacets`).
 * A write the layer did not count would leave its countries marked: their facets are then counted
 * from their models at each read, right but slower, until the next counted write.
 */
const OUTSIDE_MODEL_FACETS: ReadonlySet<Table> = new Set<Table>([
  'source',
  'organizationAlias',
  'modelAlias',
  'modelLineage',
  'claim',
  'claimRank',
  'article',
  'articleModel',
  'articleOrganization',
  'articleTopic',
  'person',
  'articleAuthor',
  'articleClaim',
]);

/** The entities whose old slugs redirect, and the column of a redirect naming each. */
const REDIRECTED = { model: 'modelId', organization: 'organizationId', topic: 'topicId' } as const;

const bySlug = (row: { id: number; slug: string }) => ({ key: row.slug, id: row.id });
