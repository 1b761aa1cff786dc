/**
 * Writing the graph's edges and claims: a model's claims, its developers and topics, and the
 * coverage of articles. Endpoints are named by public keys (slugs, article URLs); an unknown one
 * is an error naming the input.
 */
import { batches } from '../db/batch.js';
import type { ClaimProperty, ClaimRank, Confidence, DeveloperRole, Relevance } from '../domain/enums.js';
import { normalizeArticleUrl } from '../domain/normalize.js';
import type { Written } from './changes.js';
import { GraphInputError, invalid } from './errors.js';
import type { WriteSession } from './session.js';
import { canonicalClaimValue, changedFields, defined } from './values.js';

/** A model's property according to a source; one claim per (model, property, source). */
export type ClaimInput = {
  model: string;
  property: ClaimProperty;
  /** Canonical text: digits for counts, YYYY[-MM[-DD]] for dates (see `canonicalClaimValue`). */
  value: string;
  source: string;
  locator?: string | null;
  quote?: string | null;
  confidence?: Confidence;
  note?: string | null;
  /** A curator's rank for the claim (PREFERRED or DEPRECATED; null for none): the ranking rule obeys it. */
  assertedRank?: ClaimRank | null;
  /** Why the curator asserted it. */
  assertedReason?: string | null;
};

/** Names one claim. */
export type ClaimKey = { model: string; property: ClaimProperty; source: string };

/** A claim as it was before it was retracted. */
export type RetractedClaim = ClaimKey & { value: string };

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

export type ModelTopicInput = { model: string; topic: string };

/** What an article covers: a model, an organization or a topic, named by its slug. */
export type CoverageInput = {
  /** Any spelling of the article's URL. */
  article: string;
  target: 'model' | 'organization' | 'topic';
  slug: string;
  relevance: Relevance;
};

/** The ids of the models, sources and (where given) organizations the inputs name; all unknown keys in one error. */
async function endpointIds(
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
function refuseDuplicates(keys: readonly string[], what: string): void {
  const first = new Map<string, number>();
  const problems = keys.flatMap((key, index) => {
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return [];
    }
    return [{ path: `${what}[${index}]`, message: `the same as ${what}[${earlier}]` }];
  });
  if (problems.length > 0) throw new GraphInputError(problems);
}

/**
 * Creates or updates claims, keyed by (model, property, source). Values are checked and put in
 * canonical form first. Answers each input's outcome, in order.
 */
export async function putClaims(session: WriteSession, inputs: readonly ClaimInput[]): Promise<Written[]> {
  const values = inputs.map((input, index) =>
    canonicalClaimValue(`claims[${index}].value`, input.property, input.value),
  );
  const { models, sources } = await endpointIds(session, inputs, 'claims');
  const rows = inputs.map((input, index) => ({
    modelId: models.get(input.model) as number,
    sourceId: sources.get(input.source) as number,
    property: input.property,
    // In this order, changes are reported as the summaries list them.
    value: values[index] as string,
    confidence: input.confidence,
    locator: input.locator,
    quote: input.quote,
    note: input.note,
    assertedRank: input.assertedRank,
    assertedReason: input.assertedReason,
  }));
  const keyOf = (row: { modelId: number; property: string; sourceId: number }) =>
    `${row.modelId}:${row.property}:${row.sourceId}`;
  refuseDuplicates(rows.map(keyOf), 'claims');

  const existing = new Map<string, { id: number } & Record<string, unknown>>();
  for (const batch of batches([...new Set(rows.map((row) => row.modelId))])) {
    for (const claim of await session.tx.claim.findMany({ where: { modelId: { in: batch } } }))
      existing.set(keyOf(claim), claim);
  }
  const results: (Written | undefined)[] = [];
  const creating: { index: number; row: (typeof rows)[number] }[] = [];
  for (const [index, row] of rows.entries()) {
    const found = existing.get(keyOf(row));
    if (!found) {
      creating.push({ index, row });
      continue;
    }
    const { modelId: _m, sourceId: _s, property: _p, ...data } = row;
    const changes = changedFields(found, data);
    if (changes.length === 0) {
      session.count('claim', 'unchanged');
      results[index] = { id: found.id, outcome: 'unchanged', changes };
      continue;
    }
    await session.tx.claim.update({
      where: { id: found.id },
      data: Object.fromEntries(changes.map((change) => [change.field, change.to])),
    });
    session.count('claim', 'updated');
    session.claimsChangedFor(row.modelId);
    results[index] = { id: found.id, outcome: 'updated', changes };
  }
  for (const batch of batches(creating)) {
    const created = await session.tx.claim.createManyAndReturn({
      data: batch.map(({ row }) => defined(row) as typeof row & { value: string }),
      select: { id: true, modelId: true, property: true, sourceId: true },
    });
    const ids = new Map(created.map((claim) => [keyOf(claim), claim.id]));
    for (const { index, row } of batch) {
      results[index] = { id: ids.get(keyOf(row)) as number, outcome: 'created', changes: [] };
      session.claimsChangedFor(row.modelId);
    }
    session.count('claim', 'created', created.length);
  }
  return results as Written[];
}

/** Deletes claims; answers those that existed, with the value they had. */
export async function retractClaims(session: WriteSession, keys: readonly ClaimKey[]): Promise<RetractedClaim[]> {
  if (keys.length === 0) return [];
  const { models, sources } = await endpointIds(session, keys, 'claims');
  const wanted = new Map(
    keys.map((key) => [`${models.get(key.model)}:${key.property}:${sources.get(key.source)}`, key]),
  );
  const found: { id: number; key: ClaimKey; value: string }[] = [];
  for (const batch of batches([...new Set(models.values())])) {
    for (const claim of await session.tx.claim.findMany({
      where: { modelId: { in: batch } },
      select: { id: true, modelId: true, property: true, sourceId: true, value: true },
    })) {
      const key = wanted.get(`${claim.modelId}:${claim.property}:${claim.sourceId}`);
      if (key) found.push({ id: claim.id, key, value: claim.value });
    }
  }
  for (const batch of batches(found)) {
    await session.tx.claim.deleteMany({ where: { id: { in: batch.map((claim) => claim.id) } } });
  }
  for (const claim of found) session.claimsChangedFor(models.get(claim.key.model) as number);
  session.count('claim', 'deleted', found.length);
  return found.map((claim) => ({ ...claim.key, value: claim.value }));
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
  }
  for (const batch of batches(creating)) await session.tx.modelDeveloper.createMany({ data: batch });
  session.count('modelDeveloper', 'created', creating.length);
}

/** Removes developer edges (with `source`, only if that source gave them); answers how many went. */
export async function unlinkDevelopers(session: WriteSession, keys: readonly DeveloperKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  const { models, sources, organizations } = await endpointIds(session, keys, 'developers');
  let deleted = 0;
  // Two columns per edge, and a source: well below the bound-parameter limit per statement.
  for (const batch of batches(keys, 200)) {
    const result = await session.tx.modelDeveloper.deleteMany({
      where: {
        OR: batch.map((key) => ({
          modelId: models.get(key.model) as number,
          organizationId: organizations.get(key.organization) as number,
          ...(key.source ? { sourceId: sources.get(key.source) as number } : {}),
        })),
      },
    });
    deleted += result.count;
  }
  session.count('modelDeveloper', 'deleted', deleted);
  return deleted;
}

/** Puts models in topics (memberships that exist are left as they are). */
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
  const known = new Set<string>();
  for (const batch of batches([...new Set(models.values())])) {
    for (const row of await session.tx.modelTopic.findMany({ where: { modelId: { in: batch } } })) {
      known.add(`${row.modelId}:${row.topicId}`);
    }
  }
  const creating: { modelId: number; topicId: number }[] = [];
  for (const input of inputs) {
    const row = { modelId: models.get(input.model) as number, topicId: topics.get(input.topic) as number };
    const key = `${row.modelId}:${row.topicId}`;
    if (known.has(key)) {
      session.count('modelTopic', 'unchanged');
      continue;
    }
    known.add(key);
    creating.push(row);
  }
  for (const batch of batches(creating)) await session.tx.modelTopic.createMany({ data: batch });
  session.count('modelTopic', 'created', creating.length);
}

const COVERAGE_TABLE = { model: 'articleModel', organization: 'articleOrganization', topic: 'articleTopic' } as const;

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
    }));
    refuseDuplicates(
      rows.map((row) => `${row.articleId}:${row.entityId}`),
      `coverage of ${target}s`,
    );
    await writeCoverage(session, target, rows);
  }
}

/** The three coverage tables differ only in the name of their entity column. */
async function writeCoverage(
  session: WriteSession,
  target: CoverageInput['target'],
  rows: readonly { articleId: number; entityId: number; relevance: Relevance }[],
): Promise<void> {
  const table = COVERAGE_TABLE[target];
  const column = `${target}Id` as const;
  // One delegate type for the three tables: their rows are { articleId, <column>, relevance }.
  const delegate = session.tx[table] as unknown as {
    findMany(args: object): Promise<Record<string, number | string>[]>;
    createMany(args: object): Promise<unknown>;
    update(args: object): Promise<unknown>;
  };
  const existing = new Map<string, string>();
  for (const batch of batches([...new Set(rows.map((row) => row.articleId))])) {
    for (const row of await delegate.findMany({ where: { articleId: { in: batch } } })) {
      existing.set(`${row.articleId}:${row[column]}`, row.relevance as string);
    }
  }
  const creating: Record<string, unknown>[] = [];
  for (const row of rows) {
    const before = existing.get(`${row.articleId}:${row.entityId}`);
    if (before === row.relevance) {
      session.count(table, 'unchanged');
    } else if (before === undefined) {
      creating.push({ articleId: row.articleId, [column]: row.entityId, relevance: row.relevance });
    } else {
      await delegate.update({
        where: { [`articleId_${column}`]: { articleId: row.articleId, [column]: row.entityId } },
        data: { relevance: row.relevance },
      });
      session.count(table, 'updated');
    }
  }
  for (const batch of batches(creating)) await delegate.createMany({ data: batch });
  session.count(table, 'created', creating.length);
}
