/**
 * Writing the graph's nodes: sources, organizations, topics, models, articles, and the aliases of
 * organizations and models. Each is matched by its public key (slug, or normalized URL), created
 * when missing and updated only in the fields that differ; a field left `undefined` keeps its
 * value, `null` clears it.
 */
import { batches } from '../db/batch.js';
import type { BulkTable, ColumnValue, RowUpdate } from '../db/store.js';
import type { ArticleKind, ArticleSite, SourceKind } from '../domain/enums.js';
import { normalizeArticleUrl, normalizeName } from '../domain/normalize.js';
import type { FieldChange, Table, Written } from './changes.js';
import { GraphInputError, type GraphInputProblem, invalid } from './errors.js';
import { createdFields } from './history.js';
import type { KeyedEntity, WriteSession } from './session.js';
import { changedFields, checkSlug, defined } from './values.js';

export type SourceInput = {
  slug: string;
  kind: SourceKind;
  title: string;
  url?: string | null;
  publisher?: string | null;
  publishedAt?: Date | null;
  snapshotDate?: Date | null;
  license?: string | null;
  attribution?: string | null;
  description?: string | null;
};

/**
 * An organization's fields. Its country and kind are not among them: they are claims
 * (`putOrganizationClaims`), and the organization shows the preferred ones.
 */
export type OrganizationInput = {
  slug: string;
  name: string;
  nameZh?: string | null;
  website?: string | null;
  foundedYear?: number | null;
  wikidataId?: string | null;
  description?: string | null;
  /** Slug of the organization it belongs to; null for none. */
  parent?: string | null;
};

export type OrganizationUpdate = { slug: string } & Partial<Omit<OrganizationInput, 'slug' | 'parent'>>;

export type TopicInput = {
  slug: string;
  name: string;
  nameZh?: string | null;
  description?: string | null;
  /** Slug of the broader topic; null for none. */
  parent?: string | null;
};

/**
 * The fields of a model; all but the slug may be left out of an update. The preferred values
 * (parameters, release date, open weights) are not among them: they are derived from the
 * model's claims (src/graph/preferred.ts).
 */
export type ModelFields = {
  name: string;
  nameZh?: string | null;
  family?: string | null;
  architecture?: string | null;
  arxivId?: string | null;
  /** Defaults to the arXiv abstract page when an `arxivId` is given without it. */
  paperUrl?: string | null;
  paperTitle?: string | null;
  wikidataId?: string | null;
  description?: string | null;
};

export type ModelInput = { slug: string } & ModelFields;
export type ModelUpdate = { slug: string } & Partial<ModelFields>;

export type ArticleInput = {
  /** Any spelling of the article's URL: it is normalized (https, no tracking parameters) into its key. */
  url: string;
  title: string;
  language: string;
  site: ArticleSite;
  kind: ArticleKind;
  summary?: string | null;
  excerpt?: string | null;
  publishedAt?: Date | null;
  /** Slug of the source the article was found in; null for none. */
  source?: string | null;
  /** How many authors its source leaves out of its list; null when none or unknown. */
  authorsNotListed?: number | null;
};

/** Fields to change of an article that must already exist; a field left undefined keeps its value. */
export type ArticleUpdate = { url: string } & Partial<Omit<ArticleInput, 'url'>>;

/** A person's fields; the folded name the graph matches names by is derived from `name`. */
export type PersonInput = {
  slug: string;
  name: string;
  nameZh?: string | null;
  /** How the sources' names became this person (the evidence, or the namesakes kept apart). */
  identity?: string | null;
  /** Slug of the source the person was found in; null for none. */
  source?: string | null;
};

export type AliasInput = { owner: string; alias: string };

type Entry = { key: string; path: string; data: Record<string, unknown> };

/** The table names of the store's bulk update, for the node tables. */
const BULK_TABLE = {
  source: 'Source',
  organization: 'Organization',
  topic: 'Topic',
  model: 'Model',
  article: 'Article',
  person: 'Person',
  hardware: 'Hardware',
  dataset: 'Dataset',
} as const satisfies Partial<Record<Table, BulkTable>>;
type Row = { id: number } & Record<string, unknown>;

/** How one kind of node is read, created and updated. */
type NodeTable = {
  entity: KeyedEntity;
  table: Table;
  /** The column holding the key. */
  keyField: 'slug' | 'url';
  /** The stored rows of these keys, with their key. */
  load(session: WriteSession, keys: string[]): Promise<(Row & { key: string })[]>;
  /** Creates rows; answers their ids and keys. */
  create(session: WriteSession, rows: Record<string, unknown>[]): Promise<{ id: number; key: string }[]>;
  update(session: WriteSession, id: number, data: Record<string, unknown>): Promise<unknown>;
  /** Fills fields a new row derives from the others (a model's paper URL from its arXiv id). */
  defaults?(data: Record<string, unknown>): Record<string, unknown>;
};

/**
 * Creates the entries that are missing and updates the fields that differ, in batches: a read per
 * batch of keys, one `createMany` per batch of new rows, an `update` per changed row.
 */
async function upsertNodes(
  session: WriteSession,
  table: NodeTable,
  entries: readonly Entry[],
  options: { mustExist?: boolean } = {},
): Promise<Map<string, Written>> {
  const seen = new Map<string, string>();
  const duplicates = entries.flatMap((entry) => {
    const first = seen.get(entry.key);
    seen.set(entry.key, first ?? entry.path);
    return first
      ? [{ path: entry.path, message: `"${entry.key}" is given twice (also at ${first})`, code: 'INVALID' as const }]
      : [];
  });
  if (duplicates.length > 0) throw new GraphInputError(duplicates);

  const results = new Map<string, Written>();
  const missing: GraphInputProblem[] = [];
  const updating = new Map<string, RowUpdate[]>();
  for (const batch of batches(entries)) {
    const keys = batch.map((entry) => entry.key);
    const existing = new Map((await table.load(session, keys)).map((row) => [row.key, row]));
    const creating: Entry[] = [];
    for (const entry of batch) {
      const row = existing.get(entry.key);
      if (!row) {
        if (options.mustExist)
          missing.push({
            path: entry.path,
            message: `no ${table.entity} "${entry.key}" in the graph`,
            code: 'NOT_FOUND',
          });
        else creating.push(entry);
        continue;
      }
      session.remember(table.entity, entry.key, row.id);
      const changes = changedFields(row, entry.data);
      if (changes.length === 0) {
        session.count(table.table, 'unchanged');
        results.set(entry.key, { id: row.id, outcome: 'unchanged', changes });
        continue;
      }
      // Rows changing the same fields are updated together (a family given to 200 models is one
      // statement per batch, not 200).
      const fields = changes.map((change) => change.field).join(',');
      updating.set(fields, [
        ...(updating.get(fields) ?? []),
        { id: row.id, ...Object.fromEntries(changes.map((change) => [change.field, change.to])) },
      ]);
      session.count(table.table, 'updated');
      session.touch(table.entity, row.id, changes);
      session.record(table.entity, row.id, 'updated', await readable(session, changes));
      results.set(entry.key, { id: row.id, outcome: 'updated', changes });
    }
    for (const rows of updating.values()) {
      if (rows.length === 1) {
        const [{ id, ...data }] = rows as [RowUpdate];
        await table.update(session, id, data);
      } else {
        await session.store.updateById(
          BULK_TABLE[table.table as keyof typeof BULK_TABLE],
          rows.map((row) => ({ ...row, updatedAt: new Date() })),
        );
      }
    }
    updating.clear();
    if (creating.length === 0) continue;
    const rows = creating.map((entry) => ({
      [table.keyField]: entry.key,
      ...defined(table.defaults?.(entry.data) ?? entry.data),
    }));
    const created = await table.create(session, rows);
    const dataOf = new Map(rows.map((row) => [row[table.keyField] as string, row]));
    for (const row of created) {
      session.remember(table.entity, row.key, row.id);
      session.touch(table.entity, row.id);
      session.record(
        table.entity,
        row.id,
        'created',
        await readable(session, createdFields(dataOf.get(row.key) ?? {})),
      );
      results.set(row.key, { id: row.id, outcome: 'created', changes: [] });
    }
    session.count(table.table, 'created', created.length);
  }
  if (missing.length > 0) throw new GraphInputError(missing);
  return results;
}

/**
 * Changes as the history records them: an article's source by its slug (`source`), not the row
 * id the table holds (`sourceId`).
 */
async function readable(session: WriteSession, changes: readonly FieldChange[]): Promise<FieldChange[]> {
  const sourced = changes.filter((change) => change.field === 'sourceId');
  if (sourced.length === 0) return [...changes];
  const slugs = await session.slugsOf(
    'source',
    sourced.flatMap((change) => [change.from, change.to] as (number | null)[]),
  );
  const slug = (id: unknown) => (typeof id === 'number' ? (slugs.get(id) ?? null) : null);
  return changes.map((change) =>
    change.field === 'sourceId' ? { field: 'source', from: slug(change.from), to: slug(change.to) } : change,
  );
}

/**
 * The Prisma delegate of a node table, as {@link upsertNodes} uses it. The five tables share these
 * calls but not one TypeScript type; rows are checked by the input types above.
 */
type NodeDelegate = {
  findMany(args: object): Promise<Row[]>;
  createManyAndReturn(args: object): Promise<Row[]>;
  update(args: object): Promise<unknown>;
};

function nodeTable(entity: KeyedEntity & Table, keyField: 'slug' | 'url', defaults?: NodeTable['defaults']): NodeTable {
  const delegate = (session: WriteSession) => session.tx[entity] as unknown as NodeDelegate;
  const keyed = (row: Row) => ({ ...row, key: row[keyField] as string });
  return {
    entity,
    table: entity,
    keyField,
    load: async (session, keys) =>
      (await delegate(session).findMany({ where: { [keyField]: { in: keys } } })).map(keyed),
    create: async (session, rows) =>
      (await delegate(session).createManyAndReturn({ data: rows, select: { id: true, [keyField]: true } })).map(keyed),
    update: (session, id, data) => delegate(session).update({ where: { id }, data }),
    defaults,
  };
}

const SOURCES = nodeTable('source', 'slug');
const ORGANIZATIONS = nodeTable('organization', 'slug');
const TOPICS = nodeTable('topic', 'slug');
const MODELS = nodeTable('model', 'slug', (data) => ({ ...data, paperUrl: data.paperUrl ?? arxivPage(data.arxivId) }));
/**
 * A node table whose new rows the store appends, many per statement, where Prisma's
 * `createManyAndReturn` spends most of an import building its statements (people come by
 * thousands from one import, articles by the hundred thousand from the synthetic generator):
 * then their ids are read back by key.
 */
function appendedNodeTable(
  entity: 'article' | 'person',
  table: 'Article' | 'Person',
  keyField: 'slug' | 'url',
): NodeTable {
  return {
    ...nodeTable(entity, keyField),
    create: async (session, rows) => {
      const now = new Date();
      await session.store.insertRows(
        table,
        rows.map((row) => ({ ...(row as Record<string, ColumnValue>), createdAt: now, updatedAt: now })),
      );
      const delegate = session.tx[entity] as unknown as NodeDelegate;
      const created: { id: number; key: string }[] = [];
      for (const batch of batches(rows.map((row) => row[keyField] as string)))
        for (const row of await delegate.findMany({
          where: { [keyField]: { in: batch } },
          select: { id: true, [keyField]: true },
        }))
          created.push({ id: row.id as number, key: row[keyField] as string });
      return created;
    },
  };
}

const ARTICLES = appendedNodeTable('article', 'Article', 'url');
const PEOPLE = appendedNodeTable('person', 'Person', 'slug');
const HARDWARE = nodeTable('hardware', 'slug');
const DATASETS = nodeTable('dataset', 'slug');

export async function upsertSources(
  session: WriteSession,
  inputs: readonly SourceInput[],
): Promise<Map<string, Written>> {
  const written = await upsertNodes(
    session,
    SOURCES,
    inputs.map(({ slug, ...data }, index) => ({
      key: checkSlug(`sources[${index}].slug`, slug),
      path: `sources[${index}]`,
      data,
    })),
  );
  // The kind of a source weighs in the ranking of its claims: they are ranked again.
  const rekinded = [...written.values()].filter((result) => result.changes.some((change) => change.field === 'kind'));
  if (rekinded.length > 0) {
    const claims = await session.tx.claim.findMany({
      where: { sourceId: { in: rekinded.map((result) => result.id) } },
      select: { modelId: true },
      distinct: ['modelId'],
    });
    for (const claim of claims) session.claimsChangedFor('model', claim.modelId);
    const organizationClaims = await session.tx.organizationClaim.findMany({
      where: { sourceId: { in: rekinded.map((result) => result.id) } },
      select: { organizationId: true },
      distinct: ['organizationId'],
    });
    for (const claim of organizationClaims) session.claimsChangedFor('organization', claim.organizationId);
  }
  return written;
}

/**
 * Organizations and topics point at a parent of their own kind, which may come later in the same
 * write: nodes are written first, parents set after, and a parent that would make a node its own
 * ancestor is refused.
 */
async function setParents(
  session: WriteSession,
  entity: 'organization' | 'topic',
  inputs: readonly { slug: string; parent?: string | null }[],
  written: Map<string, Written>,
): Promise<void> {
  const given = inputs.flatMap((input, index) => (input.parent !== undefined ? [{ input, index }] : []));
  if (given.length === 0) return;
  const table = entity === 'organization' ? session.tx.organization : session.tx.topic;
  const parentIds = await session.resolve(
    entity,
    given.flatMap(({ input, index }) =>
      input.parent ? [{ key: input.parent, path: `${entity}s[${index}].parent` }] : [],
    ),
  );
  // The whole hierarchy, to refuse cycles; organizations and topics number in the hundreds.
  const hierarchy = await (table as typeof session.tx.topic).findMany({ select: { id: true, parentId: true } });
  const parentOf = new Map(hierarchy.map((row) => [row.id, row.parentId]));
  for (const { input, index } of given) {
    const result = written.get(input.slug);
    if (!result) continue;
    const parentId = input.parent ? (parentIds.get(input.parent) as number) : null;
    const previous = parentOf.get(result.id) ?? null;
    if (previous === parentId) continue;
    for (let at: number | null | undefined = parentId; at != null; at = parentOf.get(at)) {
      if (at === result.id) {
        invalid(
          `${entity}s[${index}].parent`,
          input.parent === input.slug
            ? `"${input.slug}" cannot be its own parent`
            : `"${input.parent}" is below "${input.slug}": it cannot be its parent`,
        );
      }
    }
    await (table as typeof session.tx.topic).update({ where: { id: result.id }, data: { parentId } });
    parentOf.set(result.id, parentId);
    const previousSlug = previous === null ? null : ((await session.slugsOf(entity, [previous])).get(previous) ?? null);
    session.record(entity, result.id, 'updated', [{ field: 'parent', from: previousSlug, to: input.parent ?? null }]);
    if (result.outcome === 'created') continue;
    if (result.outcome === 'unchanged') {
      session.counts[entity].unchanged -= 1;
      session.count(entity, 'updated');
    }
    written.set(input.slug, {
      ...result,
      outcome: 'updated',
      changes: [...result.changes, { field: 'parentId', from: previous, to: parentId }],
    });
  }
}

export async function upsertOrganizations(
  session: WriteSession,
  inputs: readonly OrganizationInput[],
): Promise<Map<string, Written>> {
  const written = await upsertNodes(
    session,
    ORGANIZATIONS,
    inputs.map(({ slug, parent: _parent, ...data }, index) => ({
      key: checkSlug(`organizations[${index}].slug`, slug),
      path: `organizations[${index}]`,
      data,
    })),
  );
  await setParents(session, 'organization', inputs, written);
  return written;
}

export async function upsertTopics(
  session: WriteSession,
  inputs: readonly TopicInput[],
): Promise<Map<string, Written>> {
  const written = await upsertNodes(
    session,
    TOPICS,
    inputs.map(({ slug, parent: _parent, ...data }, index) => ({
      key: checkSlug(`topics[${index}].slug`, slug),
      path: `topics[${index}]`,
      data,
    })),
  );
  await setParents(session, 'topic', inputs, written);
  return written;
}

/** The arXiv abstract page of an arXiv id; undefined without one. */
function arxivPage(arxivId: unknown): string | undefined {
  return typeof arxivId === 'string' ? `https://arxiv.org/abs/${arxivId}` : undefined;
}

/**
 * A model's stored fields. A paper URL given as null with an arXiv id is the arXiv abstract page
 * (a new model without a paper URL gets it too: see MODELS); left undefined, it keeps its value.
 */
function modelData(fields: Partial<ModelFields>): Record<string, unknown> {
  return { ...fields, paperUrl: fields.paperUrl === null ? (arxivPage(fields.arxivId) ?? null) : fields.paperUrl };
}

export async function upsertModels(
  session: WriteSession,
  inputs: readonly ModelInput[],
): Promise<Map<string, Written>> {
  return upsertNodes(
    session,
    MODELS,
    inputs.map(({ slug, ...fields }, index) => ({
      key: checkSlug(`models[${index}].slug`, slug),
      path: `models[${index}]`,
      data: modelData(fields),
    })),
  );
}

/** Changes fields of organizations that must already exist. */
export async function updateOrganizations(
  session: WriteSession,
  updates: readonly OrganizationUpdate[],
): Promise<Map<string, Written>> {
  return upsertNodes(
    session,
    ORGANIZATIONS,
    updates.map(({ slug, ...fields }, index) => ({ key: slug, path: `organizations[${index}]`, data: fields })),
    { mustExist: true },
  );
}

/** Changes fields of models that must already exist. */
export async function updateModels(
  session: WriteSession,
  updates: readonly ModelUpdate[],
): Promise<Map<string, Written>> {
  return upsertNodes(
    session,
    MODELS,
    updates.map(({ slug, ...fields }, index) => ({ key: slug, path: `models[${index}]`, data: modelData(fields) })),
    { mustExist: true },
  );
}

/** Articles, keyed by their normalized URL (the keys of the answer). */
export async function upsertArticles(
  session: WriteSession,
  inputs: readonly ArticleInput[],
): Promise<Map<string, Written>> {
  return upsertNodes(session, ARTICLES, await articleEntries(session, inputs));
}

/**
 * Changes fields of articles that must already exist, keyed like {@link upsertArticles}: what an
 * update leaves out is not read first (an editor's change of one field is one read of the row).
 */
export async function updateArticles(
  session: WriteSession,
  updates: readonly ArticleUpdate[],
): Promise<Map<string, Written>> {
  return upsertNodes(session, ARTICLES, await articleEntries(session, updates), { mustExist: true });
}

/** The rows' keys (normalized URLs) and stored fields of article inputs; the sources resolved to ids. */
async function articleEntries(session: WriteSession, inputs: readonly ArticleUpdate[]): Promise<Entry[]> {
  const sources = await session.resolve(
    'source',
    inputs.flatMap((input, index) => (input.source ? [{ key: input.source, path: `articles[${index}].source` }] : [])),
  );
  return inputs.map(({ url, source, ...data }, index) => {
    let key: string;
    try {
      key = normalizeArticleUrl(url);
    } catch {
      invalid(`articles[${index}].url`, `"${url}" is not a URL`);
    }
    return {
      key,
      path: `articles[${index}]`,
      data: { ...data, sourceId: source === undefined ? undefined : source === null ? null : sources.get(source) },
    };
  });
}

/** Hardware and datasets models are trained on: a slug, a name (its folded form follows), a source. */
export type TrainingResourceInput = { slug: string; name: string; source?: string | null };

/** Hardware or datasets by slug; each one's `nameKey` follows its name (two may not fold alike). */
export async function upsertTrainingResources(
  session: WriteSession,
  entity: 'hardware' | 'dataset',
  inputs: readonly TrainingResourceInput[],
): Promise<Map<string, Written>> {
  const sources = await session.resolve(
    'source',
    inputs.flatMap((input, index) => (input.source ? [{ key: input.source, path: `${entity}[${index}].source` }] : [])),
  );
  return upsertNodes(
    session,
    entity === 'hardware' ? HARDWARE : DATASETS,
    inputs.map(({ slug, source, ...data }, index) => {
      const nameKey = normalizeName(data.name);
      if (nameKey === '') invalid(`${entity}[${index}].name`, `"${data.name}" has no letter or digit`);
      return {
        key: checkSlug(`${entity}[${index}].slug`, slug),
        path: `${entity}[${index}]`,
        data: {
          ...data,
          nameKey,
          sourceId: source === undefined ? undefined : source === null ? null : sources.get(source),
        },
      };
    }),
  );
}

/** People by slug; a person's `nameKey` (the folded name lookups use) follows its name. */
export async function upsertPeople(
  session: WriteSession,
  inputs: readonly PersonInput[],
): Promise<Map<string, Written>> {
  const sources = await session.resolve(
    'source',
    inputs.flatMap((input, index) => (input.source ? [{ key: input.source, path: `people[${index}].source` }] : [])),
  );
  return upsertNodes(
    session,
    PEOPLE,
    inputs.map(({ slug, source, ...data }, index) => {
      const nameKey = normalizeName(data.name);
      if (nameKey === '') invalid(`people[${index}].name`, `"${data.name}" has no letter or digit`);
      return {
        key: checkSlug(`people[${index}].slug`, slug),
        path: `people[${index}]`,
        data: {
          ...data,
          nameKey,
          sourceId: source === undefined ? undefined : source === null ? null : sources.get(source),
        },
      };
    }),
  );
}

/**
 * Adds aliases to organizations or models. An alias is kept as written and matched folded
 * (`normalizeName`): one that folds to nothing, or to an alias the owner already has, is skipped.
 */
export async function addAliases(
  session: WriteSession,
  entity: 'organization' | 'model',
  inputs: readonly AliasInput[],
): Promise<void> {
  const owners = await session.resolve(
    entity,
    inputs.map((input, index) => ({ key: input.owner, path: `${entity}Aliases[${index}].owner` })),
  );
  const ownerIds = [...new Set(owners.values())];
  const known = new Set<string>();
  for (const batch of batches(ownerIds)) {
    const rows =
      entity === 'organization'
        ? (
            await session.tx.organizationAlias.findMany({
              where: { organizationId: { in: batch } },
              select: { organizationId: true, normalized: true },
            })
          ).map((row) => ({ ownerId: row.organizationId, normalized: row.normalized }))
        : (
            await session.tx.modelAlias.findMany({
              where: { modelId: { in: batch } },
              select: { modelId: true, normalized: true },
            })
          ).map((row) => ({ ownerId: row.modelId, normalized: row.normalized }));
    for (const row of rows) known.add(`${row.ownerId}:${row.normalized}`);
  }
  const table = entity === 'organization' ? 'organizationAlias' : 'modelAlias';
  const creating: { ownerId: number; alias: string; normalized: string }[] = [];
  for (const input of inputs) {
    const ownerId = owners.get(input.owner) as number;
    const normalized = normalizeName(input.alias);
    if (normalized === '') continue;
    const key = `${ownerId}:${normalized}`;
    if (known.has(key)) {
      session.count(table, 'unchanged');
      continue;
    }
    known.add(key);
    creating.push({ ownerId, alias: input.alias, normalized });
    session.touch(entity, ownerId);
    session.record(entity, ownerId, 'updated', [{ field: `alias:${input.alias}`, from: null, to: input.alias }]);
  }
  for (const batch of batches(creating)) {
    if (entity === 'organization') {
      await session.tx.organizationAlias.createMany({
        data: batch.map(({ ownerId, ...alias }) => ({ organizationId: ownerId, ...alias })),
      });
    } else {
      await session.tx.modelAlias.createMany({
        data: batch.map(({ ownerId, ...alias }) => ({ modelId: ownerId, ...alias })),
      });
    }
  }
  session.count(table, 'created', creating.length);
}
