/**
 * What a request looks up once, before it runs, so that its filters become lists of ids instead
 * of relations Prisma must prepare: the topic hierarchy when it asks for a topic's descendants
 * (./topic-tree.ts), and the entities its filters name by slug. Named by slug, a relation is "this
 * slug, or a slug it had before", two sub-selects per condition; Prisma's time to prepare a
 * statement grows faster than its conditions, and 30 organizations by slug with facets took over
 * a second of CPU for SQL that SQLite runs in milliseconds. One statement resolves every slug of
 * the request (`GraphStore.resolveSlugs`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type DocumentNode, Kind, visit } from 'graphql';
import type { PrismaClient } from '../db/client.js';
import type { GraphStore, SlugRow } from '../db/store.js';
import { loadTopicTree, needsTopicTree, type TopicTree } from './topic-tree.js';

/** The ids each slug names, by entity; `asked` are the slugs looked up (all the request's filters hold). */
export type SlugIds = Readonly<{
  asked: ReadonlySet<string>;
  ids: ReadonlyMap<SlugRow['entity'], ReadonlyMap<string, readonly number[]>>;
}>;

export type RequestLookups = Readonly<{ topicTree?: TopicTree; slugIds?: SlugIds }>;

const storage = new AsyncLocalStorage<RequestLookups>();

/** What the running request looked up, if anything (see {@link runWithLookups}). */
export function currentLookups(): RequestLookups | undefined {
  return storage.getStore();
}

/** The filter fields that name entities by slug. */
const SLUG_FIELDS = new Set(['slug', 'slugIn']);

/** The slugs a document's filters write (`literals`), and the variables they take slugs from. */
type WrittenSlugs = { literals: readonly string[]; variables: readonly string[] };

/**
 * Per document, per operation name, its {@link WrittenSlugs}: Yoga hands the same document for the
 * same text (its parser's cache), so the document is walked once, not at every request (the walk
 * was a tenth of the CPU of `node(id:)`).
 */
const writtenSlugs = new WeakMap<DocumentNode, Map<string, WrittenSlugs>>();

/** The {@link WrittenSlugs} of the operation that runs (a document may hold several) and the fragments. */
function slugsWritten(document: DocumentNode, operationName?: string | null): WrittenSlugs {
  let byOperation = writtenSlugs.get(document);
  if (!byOperation) {
    byOperation = new Map();
    writtenSlugs.set(document, byOperation);
  }
  const known = byOperation.get(operationName ?? '');
  if (known) return known;
  const literals = new Set<string>();
  const variables = new Set<string>();
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const running = operationName
    ? operations.filter((operation) => operation.name?.value === operationName)
    : operations;
  const definitions = [
    ...(running.length === 1 ? running : operations),
    ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION),
  ];
  visit(
    { kind: Kind.DOCUMENT, definitions },
    {
      ObjectField(node) {
        if (!SLUG_FIELDS.has(node.name.value)) return;
        const { value } = node;
        if (value.kind === Kind.STRING) {
          literals.add(value.value);
        } else if (value.kind === Kind.LIST) {
          for (const item of value.values) {
            if (item.kind === Kind.STRING) literals.add(item.value);
            else if (item.kind === Kind.VARIABLE) variables.add(item.name.value);
          }
        } else if (value.kind === Kind.VARIABLE) {
          variables.add(value.name.value);
        }
      },
    },
  );
  const written = { literals: [...literals], variables: [...variables] };
  byOperation.set(operationName ?? '', written);
  return written;
}

/**
 * The slugs the filters of an operation name: `slug`/`slugIn` fields of input objects, written in
 * the document or passed in variables (lookups by `slug:` argument are not filters: not here).
 */
export function filterSlugs(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  operationName?: string | null,
): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') found.add(item);
  };
  const written = slugsWritten(document, operationName);
  for (const slug of written.literals) found.add(slug);
  for (const name of written.variables) add(variables?.[name]);
  // Filters passed whole as variables: every `slug`/`slugIn` key at any depth inside a variable.
  // A variable that is itself called `slug` is an argument (`model(slug: $slug)`), or a filter's
  // field written in the document, which the visit above has seen.
  const stack: unknown[] = Object.values(variables ?? {});
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (SLUG_FIELDS.has(key)) add(item);
        else stack.push(item);
      }
    }
  }
  return [...found];
}

/** Looks the slugs up in one statement. */
export async function loadSlugIds(store: Pick<GraphStore, 'resolveSlugs'>, slugs: readonly string[]): Promise<SlugIds> {
  const ids = new Map<SlugRow['entity'], Map<string, number[]>>();
  for (const row of await store.resolveSlugs(slugs)) {
    const bySlug = ids.get(row.entity) ?? new Map<string, number[]>();
    ids.set(row.entity, bySlug);
    bySlug.set(row.slug, [...(bySlug.get(row.slug) ?? []), row.id]);
  }
  return { asked: new Set(slugs), ids };
}

/**
 * The ids of the entities of `entity` that `names` name (current or former slugs), or undefined
 * when the request did not look all of them up (then the filter names them by relation).
 */
export function idsForSlugs(entity: SlugRow['entity'], names: readonly string[]): number[] | undefined {
  const slugIds = currentLookups()?.slugIds;
  if (!slugIds || !names.every((name) => slugIds.asked.has(name))) return undefined;
  const bySlug = slugIds.ids.get(entity);
  return [...new Set(names.flatMap((name) => bySlug?.get(name) ?? []))].sort((a, b) => a - b);
}

/** Runs `execute` with what the operation's filters need looked up first (nothing when they need nothing). */
export async function runWithLookups<T>(
  database: { prisma: PrismaClient; store: Pick<GraphStore, 'resolveSlugs'> },
  operation: {
    query: string;
    document: DocumentNode;
    variables: Readonly<Record<string, unknown>> | undefined;
    operationName?: string | null;
  },
  execute: () => T | Promise<T>,
): Promise<T> {
  const slugs = filterSlugs(operation.document, operation.variables, operation.operationName);
  const wantsTree = needsTopicTree(operation.query, operation.variables);
  if (slugs.length === 0 && !wantsTree) return execute();
  const [topicTree, slugIds] = await Promise.all([
    wantsTree ? loadTopicTree(database.prisma) : undefined,
    slugs.length > 0 ? loadSlugIds(database.store, slugs) : undefined,
  ]);
  return storage.run({ topicTree, slugIds }, execute);
}
