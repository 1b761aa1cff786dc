/**
 * The graph write layer: the one path by which anything changes the graph. The seed, the Epoch
 * import and (soon) the API's mutations describe what they want in public keys (slugs, URLs);
 * the operations here check it, write only what differs, keep aliases, derived fields and the
 * search index in step, and count what they changed.
 *
 *   const { result, changes } = await writeGraph(database, async (graph) => {
 *     await graph.upsertModels([{ slug: 'gpt-3', name: 'GPT-3' }]);
 *     return graph.putClaims([{ model: 'gpt-3', property: 'PARAMETERS', value: '175000000000', source: 'arxiv-2005-14165' }]);
 *   });
 *
 * A write is one transaction: an error (a `GraphInputError` for input the graph cannot take)
 * leaves the graph as it was, search index included.
 */
import type { Database } from '../db/client.js';
import { normalizeArticleUrl } from '../domain/normalize.js';
import { type ArticleClaimInput, putArticleClaims } from './article-claims.js';
import { type AuthorsInput, setArticleAuthors } from './authors.js';
import type { ChangeCounts, Written } from './changes.js';
import {
  type ClaimInput,
  type ClaimKey,
  type OrganizationClaimInput,
  type OrganizationClaimKey,
  putClaims,
  putOrganizationClaims,
  type RetractedClaim,
  retractClaims,
  retractOrganizationClaims,
} from './claims.js';
import { type DeleteOptions, deleteEntity } from './deletes.js';
import {
  type CoverageInput,
  type CoverageKey,
  type DeveloperInput,
  type DeveloperKey,
  linkDevelopers,
  linkModelDomains,
  linkModelTasks,
  linkModelTopics,
  type MembershipKey,
  type ModelDomainInput,
  type ModelTaskInput,
  type ModelTaskKey,
  type ModelTopicInput,
  putCoverage,
  unlinkCoverage,
  unlinkDevelopers,
  unlinkModelDomains,
  unlinkModelTasks,
  unlinkModelTopics,
} from './edges.js';
import { invalid } from './errors.js';
import type { Actor, HistoryEntity, RecordedRevision } from './history.js';
import {
  changeLineageKind,
  type LineageInput,
  type LineageKey,
  LineageState,
  type LinkedLineage,
  linkLineage,
  unlinkLineage,
} from './lineage.js';
import {
  type AliasInput,
  type ArticleInput,
  type ArticleUpdate,
  addAliases,
  type ModelInput,
  type ModelUpdate,
  type OrganizationInput,
  type OrganizationUpdate,
  type PersonInput,
  type SourceInput,
  type TopicInput,
  type TrainingResourceInput,
  updateArticles,
  updateModels,
  updateOrganizations,
  upsertArticles,
  upsertModels,
  upsertOrganizations,
  upsertPeople,
  upsertSources,
  upsertTopics,
  upsertTrainingResources,
} from './nodes.js';
import { revertEntity } from './revert.js';
import { type Tx, WriteSession } from './session.js';
import { changeSlugs, type SlugChange, type SlugChangeOutcome } from './slugs.js';
import { linkTraining, type TrainingInput, type TrainingKey, type TrainingKind, unlinkTraining } from './training.js';

export type { ArticleClaimInput } from './article-claims.js';
export type { AuthorsInput } from './authors.js';
export type { ChangeCounts, FieldChange, Outcome, Table, Written } from './changes.js';
export { TABLES, wroteAnything } from './changes.js';
export type {
  ClaimInput,
  ClaimKey,
  OrganizationClaimInput,
  OrganizationClaimKey,
  RetractedClaim,
} from './claims.js';
export { type DeleteOptions, type Dependents, GraphDependentsError } from './deletes.js';
export type {
  CoverageInput,
  CoverageKey,
  DeveloperInput,
  DeveloperKey,
  MembershipKey,
  ModelDomainInput,
  ModelTaskInput,
  ModelTaskKey,
  ModelTopicInput,
} from './edges.js';
export { GraphInputError, type GraphInputProblem, type GraphInputProblemCode } from './errors.js';
export { type Actor, type HistoryEntity, type RecordedRevision, SYSTEM_ACTOR } from './history.js';
export type { LineageInput, LineageKey, LinkedLineage, RefusedLineage } from './lineage.js';
export type {
  AliasInput,
  ArticleInput,
  ArticleUpdate,
  ModelInput,
  ModelUpdate,
  OrganizationInput,
  OrganizationUpdate,
  PersonInput,
  SourceInput,
  TopicInput,
  TrainingResourceInput,
} from './nodes.js';
export type { SlugChange, SlugChangeOutcome } from './slugs.js';
export type { TrainingInput, TrainingKey, TrainingKind } from './training.js';

/** The operations of one write. Each takes a list (one item for a single edit) and runs in the write's transaction. */
export class GraphWriter {
  private lineageState: Promise<LineageState> | undefined;

  constructor(private readonly session: WriteSession) {}

  /** The transaction, for reading the graph as the write sees it (importers plan from it). */
  get tx(): Tx {
    return this.session.tx;
  }

  /** What this write has changed so far. */
  get changes(): ChangeCounts {
    return this.session.counts;
  }

  upsertSources(inputs: readonly SourceInput[]): Promise<Map<string, Written>> {
    return upsertSources(this.session, inputs);
  }
  upsertOrganizations(inputs: readonly OrganizationInput[]): Promise<Map<string, Written>> {
    return upsertOrganizations(this.session, inputs);
  }
  /** Changes some fields of organizations that exist. */
  updateOrganizations(updates: readonly OrganizationUpdate[]): Promise<Map<string, Written>> {
    return updateOrganizations(this.session, updates);
  }
  upsertTopics(inputs: readonly TopicInput[]): Promise<Map<string, Written>> {
    return upsertTopics(this.session, inputs);
  }
  upsertModels(inputs: readonly ModelInput[]): Promise<Map<string, Written>> {
    return upsertModels(this.session, inputs);
  }
  /** Changes some fields of models that exist. */
  updateModels(updates: readonly ModelUpdate[]): Promise<Map<string, Written>> {
    return updateModels(this.session, updates);
  }
  /** Articles by normalized URL (the keys of the answer). */
  upsertArticles(inputs: readonly ArticleInput[]): Promise<Map<string, Written>> {
    return upsertArticles(this.session, inputs);
  }
  /** Changes some fields of articles that exist (by URL in any spelling). */
  updateArticles(updates: readonly ArticleUpdate[]): Promise<Map<string, Written>> {
    return updateArticles(this.session, updates);
  }
  /** People by slug (the keys of the answer). */
  upsertPeople(inputs: readonly PersonInput[]): Promise<Map<string, Written>> {
    return upsertPeople(this.session, inputs);
  }
  /** Hardware or datasets models are trained on, by slug (the keys of the answer). */
  upsertTrainingResources(kind: TrainingKind, inputs: readonly TrainingResourceInput[]): Promise<Map<string, Written>> {
    return upsertTrainingResources(this.session, kind, inputs);
  }
  /** Links models to the hardware or datasets they were trained on (./training.ts). */
  linkTraining(kind: TrainingKind, inputs: readonly TrainingInput[]): Promise<void> {
    return linkTraining(this.session, kind, inputs);
  }
  /** Removes links of models to hardware or datasets; answers how many went. */
  unlinkTraining(kind: TrainingKind, keys: readonly TrainingKey[]): Promise<number> {
    return unlinkTraining(this.session, kind, keys);
  }
  /** Sets the ordered authors of articles (./authors.ts); answers how many lists changed. */
  setArticleAuthors(inputs: readonly AuthorsInput[]): Promise<number> {
    return setArticleAuthors(this.session, inputs);
  }
  /**
   * Dated claims about articles (citation counts); the articles' `citations` follow by the one
   * rule (./article-claims.ts). Answers how many claims were added or changed.
   */
  putArticleClaims(inputs: readonly ArticleClaimInput[]): Promise<number> {
    return putArticleClaims(this.session, inputs);
  }
  addOrganizationAliases(inputs: readonly AliasInput[]): Promise<void> {
    return addAliases(this.session, 'organization', inputs);
  }
  addModelAliases(inputs: readonly AliasInput[]): Promise<void> {
    return addAliases(this.session, 'model', inputs);
  }
  putClaims(inputs: readonly ClaimInput[]): Promise<Written[]> {
    return putClaims(this.session, inputs);
  }
  retractClaims(keys: readonly ClaimKey[]): Promise<RetractedClaim[]> {
    return retractClaims(this.session, keys);
  }
  /** Claims of an organization's country or kind; its `country` and `kind` are the preferred ones. */
  putOrganizationClaims(inputs: readonly OrganizationClaimInput[]): Promise<Written[]> {
    return putOrganizationClaims(this.session, inputs);
  }
  retractOrganizationClaims(
    keys: readonly OrganizationClaimKey[],
  ): Promise<(OrganizationClaimKey & { value: string })[]> {
    return retractOrganizationClaims(this.session, keys);
  }
  linkDevelopers(inputs: readonly DeveloperInput[]): Promise<void> {
    return linkDevelopers(this.session, inputs);
  }
  unlinkDevelopers(keys: readonly DeveloperKey[]): Promise<number> {
    return unlinkDevelopers(this.session, keys);
  }
  linkModelTopics(inputs: readonly ModelTopicInput[]): Promise<void> {
    return linkModelTopics(this.session, inputs);
  }
  unlinkModelTopics(keys: readonly MembershipKey<'topic'>[], options?: { derivedOnly?: boolean }): Promise<number> {
    return unlinkModelTopics(this.session, keys, options);
  }
  linkModelTasks(inputs: readonly ModelTaskInput[]): Promise<void> {
    return linkModelTasks(this.session, inputs);
  }
  unlinkModelTasks(keys: readonly ModelTaskKey[], options?: { source?: string }): Promise<number> {
    return unlinkModelTasks(this.session, keys, options);
  }
  linkModelDomains(inputs: readonly ModelDomainInput[]): Promise<void> {
    return linkModelDomains(this.session, inputs);
  }
  unlinkModelDomains(
    keys: readonly MembershipKey<'domain'>[],
    options?: { source?: string; derivedOnly?: boolean },
  ): Promise<number> {
    return unlinkModelDomains(this.session, keys, options);
  }
  putCoverage(inputs: readonly CoverageInput[]): Promise<void> {
    return putCoverage(this.session, inputs);
  }
  unlinkCoverage(keys: readonly CoverageKey[]): Promise<number> {
    return unlinkCoverage(this.session, keys);
  }

  /**
   * Deletes an entity and what is its own; refuses (a {@link GraphDependentsError}) when others
   * depend on it, unless `cascade` (./deletes.ts). Answers the id it had.
   */
  async deleteEntity(entity: HistoryEntity, key: string, options?: DeleteOptions): Promise<number> {
    const id = await deleteEntity(this, this.session, entity, key, options);
    this.lineageState = undefined;
    return id;
  }

  /**
   * Sets an entity back to an earlier version (./revert.ts); a deleted one comes back under its
   * old id. Answers the id of the revision restored.
   */
  async revertEntity(entity: HistoryEntity, id: number, toVersion: number): Promise<number> {
    const restored = await revertEntity(this, this.session, entity, id, toVersion);
    this.lineageState = undefined;
    return restored;
  }

  /**
   * The entity a key names now (a slug, an old slug that redirects, or an article's URL in any
   * spelling), with its current key and version. Throws a `GraphInputError` (NOT_FOUND) naming
   * `path` when there is none.
   */
  async current(
    entity: HistoryEntity,
    key: string,
    path: string,
  ): Promise<{ id: number; key: string; version: number }> {
    let lookup = key;
    if (entity === 'article') {
      try {
        lookup = normalizeArticleUrl(key);
      } catch {
        invalid(path, `"${key}" is not a URL`);
      }
    }
    type Current = { id: number; version: number; slug?: string; url?: string };
    const delegate = this.session.tx[entity] as unknown as {
      findUnique(args: object): Promise<Current | null>;
      findUniqueOrThrow(args: object): Promise<Current>;
    };
    const keyField = entity === 'article' ? 'url' : 'slug';
    const select = { id: true, version: true, [keyField]: true };
    // The key names the entity itself (one statement), or is an old slug that redirects to it.
    let row = await delegate.findUnique({ where: { [keyField]: lookup }, select });
    if (row) this.session.remember(entity, lookup, row.id);
    else
      row = await delegate.findUniqueOrThrow({ where: { id: await this.session.idOf(entity, lookup, path) }, select });
    return { id: row.id, key: (row.slug ?? row.url) as string, version: row.version };
  }
  async linkLineage(inputs: readonly LineageInput[]): Promise<LinkedLineage> {
    return linkLineage(this.session, await this.lineage(), inputs);
  }
  async unlinkLineage(keys: readonly LineageKey[]): Promise<number> {
    return unlinkLineage(this.session, await this.lineage(), keys);
  }
  async changeLineageKind(changes: readonly (LineageKey & { to: LineageInput['kind'] })[]): Promise<number> {
    return changeLineageKind(this.session, await this.lineage(), changes);
  }

  /**
   * Ranks every claim again and derives every model's preferred fields (a database written before
   * claims had ranks, or after the rule changed). Writes only what differs.
   */
  async rankAllClaims(): Promise<void> {
    const models = await this.session.tx.claim.findMany({ select: { modelId: true }, distinct: ['modelId'] });
    for (const { modelId } of models) this.session.claimsChangedFor('model', modelId);
    const organizations = await this.session.tx.organizationClaim.findMany({
      select: { organizationId: true },
      distinct: ['organizationId'],
    });
    for (const { organizationId } of organizations) this.session.claimsChangedFor('organization', organizationId);
  }

  /**
   * Ranks the claims this write changed and derives the preferred fields now, for a step that
   * reads them before the write ends (the write does it anyway before it commits).
   */
  derivePreferred(): Promise<void> {
    return this.session.derivePreferred();
  }

  /** Renames, merges and redirects published slugs (./slugs.ts); the old slugs keep resolving. */
  async changeSlugs(changes: readonly SlugChange[]): Promise<SlugChangeOutcome[]> {
    const outcomes = await changeSlugs(this.session, changes);
    // A merge moves lineage steps: the next lineage operation reads them again.
    if (outcomes.includes('merged')) this.lineageState = undefined;
    return outcomes;
  }

  private lineage(): Promise<LineageState> {
    this.lineageState ??= LineageState.load(this.session);
    return this.lineageState;
  }
}

export type WriteGraphOptions = {
  /** How long the transaction may take. @default 120000 */
  timeoutMs?: number;
  /** Who makes the write, as its history records it. @default SYSTEM_ACTOR */
  actor?: Actor;
  /**
   * Take the write lock before anything else, for writers that run beside others (the API's
   * mutations): a transaction that read before writing could find, on another connection's
   * commit, that its snapshot is stale (SQLITE_BUSY at once), while waiting for the lock first
   * obeys the busy timeout. An importer that finds nothing to change then writes nothing at all.
   * (On PostgreSQL every write takes the lock first: see `GraphStore.beginWrite`.)
   */
  lockFirst?: boolean;
};

/**
 * Runs `work` in one transaction with a {@link GraphWriter}, then brings the search index in
 * step with what it touched. Answers what `work` answered and what the write changed.
 */
export async function writeGraph<T>(
  database: Pick<Database, 'prisma' | 'storeFor'>,
  work: (graph: GraphWriter) => Promise<T>,
  options: WriteGraphOptions = {},
): Promise<{ result: T; changes: ChangeCounts; revisions: RecordedRevision[] }> {
  return database.prisma.$transaction(
    async (tx) => {
      const store = database.storeFor(tx);
      await store.beginWrite({ lockFirst: options.lockFirst ?? false });
      const session = new WriteSession(tx, store, options.actor);
      const result = await work(new GraphWriter(session));
      await session.flush();
      return { result, changes: session.counts, revisions: session.revisions };
    },
    { timeout: options.timeoutMs ?? 120_000, maxWait: 10_000 },
  );
}
