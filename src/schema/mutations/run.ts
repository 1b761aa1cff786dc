/**
 * How every mutation writes: the token's holder is checked first (no token: AuthenticationError;
 * the wrong role: ForbiddenError), then the work runs through the graph write layer in one
 * transaction, attributed to the holder in the history. Input the graph refuses becomes an
 * InvalidInputError naming each field, a delete with dependents a HasDependentsError; anything
 * else stays an unexpected failure, masked.
 */
import type { Context } from '../../context.js';
import { changesOf } from '../../events.js';
import {
  GraphDependentsError,
  GraphInputError,
  type GraphWriter,
  type HistoryEntity,
  type RecordedRevision,
  writeGraph,
} from '../../graph/index.js';
import {
  AuthenticationError,
  ForbiddenError,
  HasDependentsError,
  type InputProblem,
  InvalidInputError,
  VersionConflictError,
} from './errors.js';

/** The options of mutations editors may run. */
export const EDIT = { role: 'EDITOR', what: 'change the graph' } as const;

/** Drops the keys a GraphQL input left out (undefined): the write layer keeps those fields. */
export function given<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Who may run a mutation. */
export type WriteRole = 'EDITOR' | 'ADMIN';

/** Maps a write-layer path (`models[0].name`, `coverage[3].slug`) to the mutation's input path. */
export type PathMapper = (path: string) => (string | number)[];

/**
 * The default mapping for a mutation of one item: the write layer's `things[0].field` is the
 * input's `field`; a bare `key` is the input field that named the entity (`keyField`).
 */
export function singleItemPaths(keyField = 'slug'): PathMapper {
  return (path) => {
    const rest = path.replace(/^\w+\[\d+\]\.?/, '');
    if (rest === '' || rest === 'key') return ['input', keyField];
    return ['input', ...rest.split('.')];
  };
}

export type WriteOptions = Readonly<{
  role: WriteRole;
  /** What the mutation does, for the FORBIDDEN message ("delete tokens"). */
  what: string;
  paths?: PathMapper;
}>;

/** The viewer, or the typed error of a request that may not write. */
export async function requireRole(context: Context, role: WriteRole, what: string) {
  let viewer: Awaited<ReturnType<Context['viewer']>>;
  try {
    viewer = await context.viewer();
  } catch {
    throw new AuthenticationError();
  }
  if (!viewer) throw new AuthenticationError();
  if (role === 'ADMIN' && viewer.role !== 'ADMIN') throw new ForbiddenError('ADMIN', what);
  return viewer;
}

/** Runs a mutation's write; see the module comment. */
export async function runWrite<T>(
  context: Context,
  options: WriteOptions,
  work: (graph: GraphWriter) => Promise<T>,
): Promise<{ result: T; revisions: RecordedRevision[] }> {
  const viewer = await requireRole(context, options.role, options.what);
  const paths = options.paths ?? singleItemPaths();
  try {
    const actor = { kind: viewer.role, name: viewer.name };
    const { result, revisions } = await writeGraph(context.database, work, {
      actor,
      timeoutMs: 30_000,
      lockFirst: true,
    });
    // Committed: subscribers hear of it.
    context.events.publish(changesOf(revisions, actor));
    return { result, revisions };
  } catch (error) {
    if (error instanceof GraphInputError) {
      throw new InvalidInputError(
        error.problems.map(
          (problem): InputProblem => ({
            path: paths(problem.path),
            code: problem.code ?? 'INVALID',
            message: problem.message,
          }),
        ),
      );
    }
    if (error instanceof GraphDependentsError) throw new HasDependentsError(error.message, error.dependents);
    throw error;
  }
}

/**
 * The entity a key names now, refusing the write (VersionConflictError, inside the transaction,
 * so nothing is written) when `expectedVersion` is given and the entity is at another version.
 */
export async function checkVersion(
  graph: GraphWriter,
  entity: HistoryEntity,
  key: string,
  expectedVersion: number | null | undefined,
  path = 'key',
): Promise<{ id: number; key: string; version: number }> {
  const current = await graph.current(entity, key, path);
  if (expectedVersion != null && expectedVersion !== current.version) {
    throw new VersionConflictError({ type: entity, id: current.id }, current.key, expectedVersion, current.version);
  }
  return current;
}

/**
 * Refuses a new entity's slug when it names something, or ever did: an entity, an old slug that
 * redirects, or a deleted entity's (published slugs never change meaning).
 */
export async function refuseTakenSlug(
  graph: GraphWriter,
  entity: 'model' | 'organization' | 'topic' | 'source' | 'person',
  slug: string,
  path: readonly (string | number)[],
): Promise<void> {
  const tx = graph.tx;
  const delegate = tx[entity] as unknown as { findUnique(args: object): Promise<{ id: number } | null> };
  const what = /^[aeiou]/.test(entity) ? `an ${entity}` : `a ${entity}`;
  let message: string | undefined;
  if (await delegate.findUnique({ where: { slug }, select: { id: true } })) {
    message = `there is ${what} "${slug}" already`;
  } else if (
    entity !== 'source' &&
    entity !== 'person' &&
    (await tx.slugRedirect.findUnique({
      where: { entityType_fromSlug: { entityType: entity.toUpperCase() as 'MODEL', fromSlug: slug } },
    }))
  ) {
    message = `"${slug}" was published for another ${entity} and still names it`;
  } else if (
    // Every revision records the slug its entity had: one that had this slug was renamed
    // (without a redirect left, e.g. deleted since) or deleted.
    await tx.revision.findFirst({
      where: { entityType: entity.toUpperCase() as 'MODEL', entityKey: slug },
      select: { id: true },
    })
  ) {
    message = `"${slug}" was the slug of ${what} that was deleted: published slugs never change meaning (revert the deletion, or choose another slug)`;
  }
  if (message) throw new InvalidInputError([{ path, code: 'ALREADY_EXISTS', message }]);
}
