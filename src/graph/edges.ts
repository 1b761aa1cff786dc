/**
 * Writing the graph's edges: a model's developers and topics, and the coverage of articles. Endpoints are named by public keys (slugs, article URLs); an unknown one
 * is an error naming the input.
 */

import { batches } from '../db/batch.js';
import type { ColumnValue } from '../db/store.js';
import type { Confidence, DeveloperRole, Domain, Relevance } from '../domain/enums.js';
import { normalizeArticleUrl, normalizeName } from '../domain/normalize.js';
import { GraphInputError, invalid } from './errors.js';
import { edgeValue } from './history.js';
import type { WriteSession } from './session.js';
import { changedFields, defined } from './values.js';

export type DeveloperInput = {
  model: string;
  organization: string;
  /** @default DEVELOPER */
  role?: DeveloperRole;
  /** Slug of the source that says so. */
  source?: string | null;
};

/** Names a developer edge; with `source`, only the edge that source gave. */
export type DeveloperKey = { model: string; organization: string; source?: string };

/** A model in a topic; `derivation` says which rule put it there (null: the curators did). */
export type ModelTopicInput = { model: string; topic: string; derivation?: string | null };

/** A model working in a domain, as a source says (`source`) or a rule derives (`derivation`). */
export type ModelDomainInput = { model: string; domain: Domain; source?: string | null; derivation?: string | null };

/** A task a model does, in the words of the source that says so. */
export type ModelTaskInput = { model: string; task: string; source: string };

/** Names a task of a model. */
export type ModelTaskKey = { model: string; task: string };

/** Names a membership; with `derivedOnly`, only one a rule made goes (never a curated one). */
export type MembershipKey<T extends 'topic' | 'domain'> = { model: string } & (T extends 'topic'
  ? { topic: string }
  : { domain: Domain });

/** What an article covers: a model, an organization or a topic, named by its slug. */
export type CoverageInput = {
  /** Any spelling of the article's URL. */
  article: string;
  target: 'model' | 'organization' | 'topic';
  slug: string;
  relevance: Relevance;
  /** How sure the coverage is. @default UNKNOWN */
  confidence?: Confidence;
  /** What it was judged from (e.g. `title`); null when not stated. */
  basis?: string | null;
};

/** The ids of the models, sources and (where given) organizations the inputs name; all unknown keys in one error. */
export async function endpointIds(
  session: WriteSession,
  inputs: readonly { model: string; source?: string | null; organization?: string }[],
  what: string,
) {
  const [models, sources, organizations] = await session.resolveAll([
    { entity: 'model', keys: inputs.map((input, index) => ({ key: input.model, path: `${what}[${index}].model` })) },
    {
      entity: 'source',
      keys: inputs.flatMap((input, index) =>
        input.source ? [{ key: input.source, path: `${what}[${index}].source` }] : [],
      ),
    },
    {
      entity: 'organization',
      keys: inputs.flatMap((input, index) =>
        input.organization !== undefined ? [{ key: input.organization, path: `${what}[${index}].organization` }] : [],
      ),
    },
  ] as const);
  return { models, sources, organizations };
}

/** Refuses two inputs with the same key: which one should win would be a guess. */
export function refuseDuplicates(keys: readonly string[], what: string): void {
  const first = new Map<string, number>();
  const problems = keys.flatMap((key, index) => {
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return [];
    }
    return [{ path: `${what}[${index}]`, message: `the same as ${what}[${earlier}]`, code: 'INVALID' as const }];
  });
  if (problems.length > 0) throw new GraphInputError(problems);
}

/**
 * Adds developer edges that are missing. An existing edge keeps its role and source: the first
 * source to name a developer stays its citation, so that two importers naming the same developer
 * never take turns rewriting it.
 */
export async function linkDevelopers(session: WriteSession, inputs: readonly DeveloperInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const { models, sources, organizations } = await endpointIds(session, inputs, 'developers');
  const known = new Set<string>();
  for (const batch of batches([...new Set(models.values())])) {
    for (const edge of await session.tx.modelDeveloper.findMany({
      where: { modelId: { in: batch } },
      select: { modelId: true, organizationId: true },
    })) {
      known.add(`${edge.modelId}:${edge.organizationId}`);
    }
  }
  const creating: { modelId: number; organizationId: number; role: DeveloperRole; sourceId: number | null }[] = [];
  for (const input of inputs) {
    const modelId = models.get(input.model) as number;
    const organizationId = organizations.get(input.organization) as number;
    const key = `${modelId}:${organizationId}`;
    if (known.has(key)) {
      session.count('modelDeveloper', 'unchanged');
      continue;
    }
    known.add(key);
    creating.push({
      modelId,
      organizationId,
      role: input.role ?? 'DEVELOPER',
      sourceId: input.source ? (sources.get(input.source) as number) : null,
    });
    session.record('model', modelId, 'updated', [
      {
        field: `developer:${input.organization}`,
        from: null,
        to: edgeValue({ role: input.role ?? 'DEVELOPER', source: input.source }),
      },
    ]);
  }
  for (const batch of batches(creating)) await session.tx.modelDeveloper.createMany({ data: batch });
  session.count('modelDeveloper', 'created', creating.length);
}

/** Removes developer edges (with `source`, only if that source gave them); answers how many went. */
export async function unlinkDevelopers(session: WriteSession, keys: readonly DeveloperKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  const { models, sources, organizations } = await endpointIds(session, keys, 'developers');
  let deleted = 0;
  const organizationSlugs = new Map([...organizations].map(([slug, id]) => [id, slug]));
  // Two columns per edge, and a source: well below the bound-parameter limit per statement.
  for (const batch of batches(keys, 200)) {
    const where = {
      OR: batch.map((key) => ({
        modelId: models.get(key.model) as number,
        organizationId: organizations.get(key.organization) as number,
        ...(key.source ? { sourceId: sources.get(key.source) as number } : {}),
      })),
    };
    const going = await session.tx.modelDeveloper.findMany({ where });
    if (going.length === 0) continue;
    const sourceSlugs = await session.slugsOf(
      'source',
      going.map((edge) => edge.sourceId),
    );
    const result = await session.tx.modelDeveloper.deleteMany({ where });
    deleted += result.count;
    for (const edge of going) {
      session.record('model', edge.modelId, 'updated', [
        {
          field: `developer:${organizationSlugs.get(edge.organizationId)}`,
          from: edgeValue({ role: edge.role, source: edge.sourceId === null ? null : sourceSlugs.get(edge.sourceId) }),
          to: null,
        },
      ]);
    }
  }
  session.count('modelDeveloper', 'deleted', deleted);
  return deleted;
}

/**
 * Puts models in topics. A membership that exists is left as it is, except that one given (by
 * the curators) supersedes one a rule derived: it loses its derivation.
 */
export async function linkModelTopics(session: WriteSession, inputs: readonly ModelTopicInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const [models, topics] = await session.resolveAll([
    {
      entity: 'model',
      keys: inputs.map((input, index) => ({ key: input.model, path: `modelTopics[${index}].model` })),
    },
    {
      entity: 'topic',
      keys: inputs.map((input, index) => ({ key: input.topic, path: `modelTopics[${index}].topic` })),
    },
  ] as const);
  /** The memberships that exist, with the rule that derived each (null when given). */
  const known = new Map<string, string | null>();
  for (const batch of batches([...new Set(models.values())])) {
    for (const row of await session.tx.modelTopic.findMany({ where: { modelId: { in: batch } } })) {
      known.set(`${row.modelId}:${row.topicId}`, row.derivation);
    }
  }
  const creating: { modelId: number; topicId: number; derivation: string | null }[] = [];
  const superseding: { modelId: number; topicId: number }[] = [];
  for (const input of inputs) {
    const row = { modelId: models.get(input.model) as number, topicId: topics.get(input.topic) as number };
    const key = `${row.modelId}:${row.topicId}`;
    const derivation = input.derivation ?? null;
    if (known.has(key)) {
      const had = known.get(key);
      if (had !== null && had !== undefined && derivation === null) {
        superseding.push(row);
        known.set(key, null);
        session.record('model', row.modelId, 'updated', [
          { field: `topic:${input.topic}`, from: { derivation: had }, to: {} },
        ]);
      } else session.count('modelTopic', 'unchanged');
      continue;
    }
    known.set(key, derivation);
    creating.push({ ...row, derivation });
    session.record('model', row.modelId, 'updated', [
      { field: `topic:${input.topic}`, from: null, to: edgeValue({ derivation }) },
    ]);
  }
  for (const batch of batches(creating)) await session.tx.modelTopic.createMany({ data: batch });
  session.count('modelTopic', 'created', creating.length);
  for (const batch of batches(superseding, 200)) {
    await session.tx.modelTopic.updateMany({ where: { OR: batch }, data: { derivation: null } });
  }
  session.count('modelTopic', 'updated', superseding.length);
}

/**
 * Takes models out of topics. With `derivedOnly`, only memberships a rule made go: a curated one
 * stays whatever a rule says. Answers how many went.
 */
export async function unlinkModelTopics(
  session: WriteSession,
  keys: readonly MembershipKey<'topic'>[],
  options: { derivedOnly?: boolean } = {},
): Promise<number> {
  if (keys.length === 0) return 0;
  const [models, topics] = await session.resolveAll([
    { entity: 'model', keys: keys.map((key, index) => ({ key: key.model, path: `modelTopics[${index}].model` })) },
    { entity: 'topic', keys: keys.map((key, index) => ({ key: key.topic, path: `modelTopics[${index}].topic` })) },
  ] as const);
  let deleted = 0;
  const topicSlugs = new Map([...topics].map(([slug, id]) => [id, slug]));
  for (const batch of batches(keys, 200)) {
    const where = {
      OR: batch.map((key) => ({
        modelId: models.get(key.model) as number,
        topicId: topics.get(key.topic) as number,
      })),
      ...(options.derivedOnly ? { derivation: { not: null } } : {}),
    };
    const going = await session.tx.modelTopic.findMany({ where });
    if (going.length === 0) continue;
    const result = await session.tx.modelTopic.deleteMany({ where });
    deleted += result.count;
    for (const row of going) {
      session.record('model', row.modelId, 'updated', [
        { field: `topic:${topicSlugs.get(row.topicId)}`, from: edgeValue({ derivation: row.derivation }), to: null },
      ]);
    }
  }
  session.count('modelTopic', 'deleted', deleted);
  return deleted;
}

/**
 * Records the domains models work in. A membership that exists is left as it is, except that a
 * source's supersedes one a rule derived: it becomes the source's.
 */
export async function linkModelDomains(session: WriteSession, inputs: readonly ModelDomainInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const { models, sources } = await endpointIds(session, inputs, 'modelDomains');
  /** The memberships that exist, with the rule that derived each (null when a source gave it). */
  const known = new Map<string, string | null>();
  for (const batch of batches([...new Set(models.values())])) {
    for (const row of await session.tx.modelDomain.findMany({ where: { modelId: { in: batch } } })) {
      known.set(`${row.modelId}:${row.domain}`, row.derivation);
    }
  }
  const creating: { modelId: number; domain: Domain; sourceId: number | null; derivation: string | null }[] = [];
  /** Derived memberships a source now gives, per source id. */
  const superseding = new Map<number, { modelId: number; domain: Domain }[]>();
  for (const input of inputs) {
    const modelId = models.get(input.model) as number;
    const key = `${modelId}:${input.domain}`;
    const sourceId = input.source ? (sources.get(input.source) as number) : null;
    const derivation = input.derivation ?? null;
    if (known.has(key)) {
      const had = known.get(key);
      if (had !== null && had !== undefined && derivation === null && sourceId !== null) {
        superseding.set(sourceId, [...(superseding.get(sourceId) ?? []), { modelId, domain: input.domain }]);
        known.set(key, null);
        session.record('model', modelId, 'updated', [
          { field: `domain:${input.domain}`, from: { derivation: had }, to: { source: input.source } },
        ]);
      } else session.count('modelDomain', 'unchanged');
      continue;
    }
    known.set(key, derivation);
    creating.push({ modelId, domain: input.domain, sourceId, derivation });
    session.record('model', modelId, 'updated', [
      { field: `domain:${input.domain}`, from: null, to: edgeValue({ source: input.source, derivation }) },
    ]);
  }
  for (const batch of batches(creating)) await session.tx.modelDomain.createMany({ data: batch });
  session.count('modelDomain', 'created', creating.length);
  for (const [sourceId, rows] of superseding) {
    for (const batch of batches(rows, 200)) {
      await session.tx.modelDomain.updateMany({ where: { OR: batch }, data: { sourceId, derivation: null } });
    }
    session.count('modelDomain', 'updated', rows.length);
  }
}

/**
 * Removes domains of models: with `source`, only those that source gave; with `derivedOnly`,
 * only those a rule derived. Answers how many went.
 */
export async function unlinkModelDomains(
  session: WriteSession,
  keys: readonly MembershipKey<'domain'>[],
  options: { source?: string; derivedOnly?: boolean } = {},
): Promise<number> {
  if (keys.length === 0) return 0;
  const { models } = await endpointIds(session, keys, 'modelDomains');
  const sourceId = options.source ? await session.idOf('source', options.source, 'modelDomains.source') : undefined;
  let deleted = 0;
  for (const batch of batches(keys, 200)) {
    const where = {
      OR: batch.map((key) => ({ modelId: models.get(key.model) as number, domain: key.domain })),
      ...(sourceId !== undefined ? { sourceId } : {}),
      ...(options.derivedOnly ? { derivation: { not: null } } : {}),
    };
    const going = await session.tx.modelDomain.findMany({ where });
    if (going.length === 0) continue;
    const sourceSlugs = await session.slugsOf(
      'source',
      going.map((row) => row.sourceId),
    );
    const result = await session.tx.modelDomain.deleteMany({ where });
    deleted += result.count;
    for (const row of going) {
      const source = row.sourceId === null ? null : sourceSlugs.get(row.sourceId);
      session.record('model', row.modelId, 'updated', [
        { field: `domain:${row.domain}`, from: edgeValue({ source, derivation: row.derivation }), to: null },
      ]);
    }
  }
  session.count('modelDomain', 'deleted', deleted);
  return deleted;
}

/** Records the tasks models do (a task a model already has keeps its source). */
export async function linkModelTasks(session: WriteSession, inputs: readonly ModelTaskInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const { models, sources } = await endpointIds(session, inputs, 'modelTasks');
  const known = new Set<string>();
  for (const batch of batches([...new Set(models.values())])) {
    for (const row of await session.tx.modelTask.findMany({
      where: { modelId: { in: batch } },
      select: { modelId: true, task: true },
    })) {
      known.add(`${row.modelId}:${row.task}`);
    }
  }
  const creating: { modelId: number; task: string; key: string; sourceId: number }[] = [];
  for (const input of inputs) {
    const modelId = models.get(input.model) as number;
    const key = `${modelId}:${input.task}`;
    if (known.has(key)) {
      session.count('modelTask', 'unchanged');
      continue;
    }
    known.add(key);
    session.record('model', modelId, 'updated', [
      { field: `task:${input.task}`, from: null, to: { source: input.source } },
    ]);
    creating.push({
      modelId,
      task: input.task,
      key: normalizeName(input.task),
      sourceId: sources.get(input.source) as number,
    });
  }
  for (const batch of batches(creating)) await session.tx.modelTask.createMany({ data: batch });
  session.count('modelTask', 'created', creating.length);
}

/** Removes tasks of models; with `source`, only those that source gave. Answers how many went. */
export async function unlinkModelTasks(
  session: WriteSession,
  keys: readonly ModelTaskKey[],
  options: { source?: string } = {},
): Promise<number> {
  if (keys.length === 0) return 0;
  const { models } = await endpointIds(session, keys, 'modelTasks');
  const sourceId = options.source ? await session.idOf('source', options.source, 'modelTasks.source') : undefined;
  let deleted = 0;
  for (const batch of batches(keys, 200)) {
    const where = {
      OR: batch.map((key) => ({ modelId: models.get(key.model) as number, task: key.task })),
      ...(sourceId !== undefined ? { sourceId } : {}),
    };
    const going = await session.tx.modelTask.findMany({ where });
    if (going.length === 0) continue;
    const sourceSlugs = await session.slugsOf(
      'source',
      going.map((row) => row.sourceId),
    );
    const result = await session.tx.modelTask.deleteMany({ where });
    deleted += result.count;
    for (const row of going) {
      session.record('model', row.modelId, 'updated', [
        {
          field: `task:${row.task}`,
          from: edgeValue({ source: row.sourceId === null ? null : sourceSlugs.get(row.sourceId) }),
          to: null,
        },
      ]);
    }
  }
  session.count('modelTask', 'deleted', deleted);
  return deleted;
}

const COVERAGE_TABLE = { model: 'articleModel', organization: 'articleOrganization', topic: 'articleTopic' } as const;
/** The same tables as the store names them. */
const COVERAGE_ROWS = { model: 'ArticleModel', organization: 'ArticleOrganization', topic: 'ArticleTopic' } as const;

/** Creates coverage edges, or changes their relevance. */
export async function putCoverage(session: WriteSession, inputs: readonly CoverageInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const urls = inputs.map((input, index) => {
    try {
      return normalizeArticleUrl(input.article);
    } catch {
      return invalid(`coverage[${index}].article`, `"${input.article}" is not a URL`);
    }
  });
  const articles = await session.resolve(
    'article',
    urls.map((url, index) => ({ key: url, path: `coverage[${index}].article` })),
  );
  for (const target of ['model', 'organization', 'topic'] as const) {
    const entries = inputs.flatMap((input, index) => (input.target === target ? [{ input, index }] : []));
    if (entries.length === 0) continue;
    const targets = await session.resolve(
      target,
      entries.map(({ input, index }) => ({ key: input.slug, path: `coverage[${index}].slug` })),
    );
    const rows = entries.map(({ input, index }) => ({
      articleId: articles.get(urls[index] as string) as number,
      entityId: targets.get(input.slug) as number,
      relevance: input.relevance,
      confidence: input.confidence,
      basis: input.basis,
    }));
    refuseDuplicates(
      rows.map((row) => `${row.articleId}:${row.entityId}`),
      `coverage of ${target}s`,
    );
    await writeCoverage(
      session,
      target,
      rows.map((row, index) => ({ ...row, slug: (entries[index] as { input: CoverageInput }).input.slug })),
    );
  }
}

/** The three coverage tables differ only in the name of their entity column. */
async function writeCoverage(
  session: WriteSession,
  target: CoverageInput['target'],
  rows: readonly {
    articleId: number;
    entityId: number;
    /** The slug of the entity covered, as the article's history names it. */
    slug: string;
    relevance: Relevance;
    confidence?: Confidence;
    basis?: string | null;
  }[],
): Promise<void> {
  const table = COVERAGE_TABLE[target];
  const column = `${target}Id` as const;
  // One delegate type for the three tables: their rows are { articleId, <column>, relevance }.
  const delegate = session.tx[table] as unknown as {
    findMany(args: object): Promise<Record<string, number | string>[]>;
    update(args: object): Promise<unknown>;
  };
  const existing = new Map<string, Record<string, unknown>>();
  for (const batch of batches([...new Set(rows.map((row) => row.articleId))])) {
    for (const row of await delegate.findMany({ where: { articleId: { in: batch } } })) {
      existing.set(`${row.articleId}:${row[column]}`, row);
    }
  }
  const creating: Record<string, unknown>[] = [];
  const coverageValue = (row: Record<string, unknown>) =>
    edgeValue({ relevance: row.relevance, confidence: row.confidence, basis: row.basis });
  for (const { articleId, entityId, slug, ...data } of rows) {
    const field = `covers:${target}:${slug}`;
    const before = existing.get(`${articleId}:${entityId}`);
    if (before === undefined) {
      // Every column, the defaults included: the store writes what it is given.
      creating.push({
        articleId,
        [column]: entityId,
        relevance: data.relevance,
        confidence: data.confidence ?? 'UNKNOWN',
        basis: data.basis ?? null,
      });
      session.record('article', articleId, 'updated', [
        { field, from: null, to: coverageValue({ ...data, confidence: data.confidence ?? 'UNKNOWN' }) },
      ]);
      continue;
    }
    const changes = changedFields(before, data);
    if (changes.length === 0) {
      session.count(table, 'unchanged');
      continue;
    }
    session.record('article', articleId, 'updated', [
      { field, from: coverageValue(before), to: coverageValue({ ...before, ...defined(data) }) },
    ]);
    await delegate.update({
      where: { [`articleId_${column}`]: { articleId, [column]: entityId } },
      data: Object.fromEntries(changes.map((change) => [change.field, change.to])),
    });
    session.count(table, 'updated');
  }
  // Appended by the store, many rows per statement: an import covers articles by the thousand.
  await session.store.insertRows(COVERAGE_ROWS[target], creating as Record<string, ColumnValue>[]);
  session.count(table, 'created', creating.length);
}

/** Names a coverage edge. */
export type CoverageKey = Pick<CoverageInput, 'article' | 'target' | 'slug'>;

/** Removes coverage edges; answers how many existed. */
export async function unlinkCoverage(session: WriteSession, keys: readonly CoverageKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  const urls = keys.map((key, index) => {
    try {
      return normalizeArticleUrl(key.article);
    } catch {
      return invalid(`coverage[${index}].article`, `"${key.article}" is not a URL`);
    }
  });
  const articles = await session.resolve(
    'article',
    urls.map((url, index) => ({ key: url, path: `coverage[${index}].article` })),
  );
  let deleted = 0;
  for (const target of ['model', 'organization', 'topic'] as const) {
    const entries = keys.flatMap((key, index) => (key.target === target ? [{ key, index }] : []));
    if (entries.length === 0) continue;
    const targets = await session.resolve(
      target,
      entries.map(({ key, index }) => ({ key: key.slug, path: `coverage[${index}].slug` })),
    );
    const table = COVERAGE_TABLE[target];
    const column = `${target}Id` as const;
    const delegate = session.tx[table] as unknown as {
      findMany(args: object): Promise<Record<string, unknown>[]>;
      deleteMany(args: object): Promise<{ count: number }>;
    };
    let removed = 0;
    for (const batch of batches(entries, 200)) {
      const where = {
        OR: batch.map(({ key, index }) => ({
          articleId: articles.get(urls[index] as string) as number,
          [column]: targets.get(key.slug) as number,
        })),
      };
      const going = await delegate.findMany({ where });
      if (going.length === 0) continue;
      removed += (await delegate.deleteMany({ where })).count;
      const slugs = new Map(batch.map(({ key }) => [targets.get(key.slug) as number, key.slug]));
      for (const row of going) {
        session.record('article', row.articleId as number, 'updated', [
          {
            field: `covers:${target}:${slugs.get(row[column] as number)}`,
            from: edgeValue({ relevance: row.relevance, confidence: row.confidence, basis: row.basis }),
            to: null,
          },
        ]);
      }
    }
    session.count(table, 'deleted', removed);
    deleted += removed;
  }
  return deleted;
}
