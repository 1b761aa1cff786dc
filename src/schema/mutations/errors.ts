/**
 * The typed errors of mutations (Pothos' errors plugin): a mutation answers its payload or one
 * of these, and a client switches on `__typename` or on `code`. Anything else that goes wrong is
 * an unexpected failure, masked like every other (`INTERNAL_SERVER_ERROR`).
 */
import type { Dependents, HistoryEntity } from '../../graph/index.js';
import { builder } from '../builder.js';
import { TokenRole } from '../enums.js';
import { entityById, VersionedEntity } from '../history.js';

export const MutationErrorCode = builder.enumType('MutationErrorCode', {
  description: 'What kind of failure a mutation reports, to switch on.',
  values: {
    UNAUTHENTICATED: { description: 'No token, or one that is malformed, unknown or revoked (alike).' },
    FORBIDDEN: { description: "The token's role may not do this." },
    INVALID_INPUT: { description: 'The input cannot be written: see `problems`, one per field.' },
    VERSION_CONFLICT: { description: 'Someone else changed the entity since the version given as `expectedVersion`.' },
    HAS_DEPENDENTS: { description: 'Other entities depend on the one to delete: see `dependents`, or pass `cascade`.' },
  } as const,
});

export const InputProblemCode = builder.enumType('InputProblemCode', {
  description: 'What is wrong with one field of an input.',
  values: {
    INVALID: { description: 'The value has the wrong form (a slug, a date, a number, a URL, an empty text).' },
    NOT_FOUND: { description: 'It names an entity the graph does not have.' },
    ALREADY_EXISTS: { description: 'It would create what exists already (a slug, an article at the same URL).' },
    CYCLE: { description: 'A lineage step that would make a model its own ancestor (or its own parent).' },
  } as const,
});

type Code = typeof MutationErrorCode.$inferType;

/** The base of the typed errors: a message for people and a code for programs. */
export abstract class MutationError extends Error {
  abstract readonly code: Code;
}

/** One thing wrong with an input field. */
export type InputProblem = Readonly<{
  path: readonly (string | number)[];
  code: typeof InputProblemCode.$inferType;
  message: string;
}>;

export class AuthenticationError extends MutationError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor() {
    super(
      'Writing needs an editor\'s token: send "Authorization: Bearer <token>" with a token from `npm run token -- create`. A malformed, unknown or revoked token is refused alike.',
    );
  }
}

export class ForbiddenError extends MutationError {
  readonly code = 'FORBIDDEN' as const;
  constructor(
    readonly requiredRole: 'EDITOR' | 'ADMIN',
    what: string,
  ) {
    super(`Only ${requiredRole === 'ADMIN' ? 'an admin' : 'an editor or an admin'} may ${what}.`);
  }
}

export class InvalidInputError extends MutationError {
  readonly code = 'INVALID_INPUT' as const;
  constructor(readonly problems: readonly InputProblem[]) {
    super(problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join('; '));
  }
}

/** A reference to a versioned entity, resolved to the entity by the schema. */
export type { EntityRef } from '../history.js';

export class VersionConflictError extends MutationError {
  readonly code = 'VERSION_CONFLICT' as const;
  constructor(
    readonly entity: { type: HistoryEntity; id: number },
    readonly key: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `${entity.type} "${key}" is at version ${currentVersion}, not ${expectedVersion}: someone else changed it. Read it again, then retry with expectedVersion ${currentVersion}.`,
    );
  }
}

export class HasDependentsError extends MutationError {
  readonly code = 'HAS_DEPENDENTS' as const;
  constructor(
    message: string,
    readonly dependents: readonly Dependents[],
  ) {
    super(`${message}; delete them first, or pass cascade: true to remove these links too`);
  }
}

const MutationErrorInterface = builder.interfaceRef<MutationError>('MutationError').implement({
  description:
    'A failure a mutation reports as its result instead of its payload. Nothing of the mutation was written.',
  fields: (t) => ({
    code: t.field({ type: MutationErrorCode, description: 'What kind of failure.', resolve: (error) => error.code }),
    message: t.exposeString('message', { description: 'What went wrong and what to do, for people.' }),
  }),
});

const InputProblemType = builder.objectRef<InputProblem>('InputProblem').implement({
  description: 'One thing wrong with one field of an input.',
  fields: (t) => ({
    path: t.stringList({
      description: 'Where, from the argument down (e.g. `["input", "articles", "3", "url"]`).',
      resolve: (problem) => problem.path.map(String),
    }),
    code: t.field({ type: InputProblemCode, description: 'What kind of problem.', resolve: (problem) => problem.code }),
    message: t.exposeString('message', { description: 'What is wrong, for people.' }),
  }),
});

builder.objectType(AuthenticationError, {
  name: 'AuthenticationError',
  interfaces: [MutationErrorInterface],
  description: 'The request has no valid token: writing needs one.',
  isTypeOf: (value) => value instanceof AuthenticationError,
  fields: () => ({}),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  interfaces: [MutationErrorInterface],
  description: "The token is valid, but its role may not do this (e.g. an editor's token for an admin's mutation).",
  isTypeOf: (value) => value instanceof ForbiddenError,
  fields: (t) => ({
    requiredRole: t.field({
      type: TokenRole,
      description: 'The role it needs.',
      resolve: (error) => error.requiredRole,
    }),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [MutationErrorInterface],
  description: 'The input cannot be written; every problem found is listed, each with its field.',
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: (t) => ({
    problems: t.field({
      type: [InputProblemType],
      description: 'Each problem, with its field path.',
      resolve: (error) => error.problems,
    }),
  }),
});

builder.objectType(VersionConflictError, {
  name: 'VersionConflictError',
  interfaces: [MutationErrorInterface],
  description: 'The entity changed since the version the client read (`expectedVersion`): nothing was written.',
  isTypeOf: (value) => value instanceof VersionConflictError,
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion', { description: 'The version the mutation expected.' }),
    currentVersion: t.exposeInt('currentVersion', { description: 'The version it has now.' }),
    entity: t.field({
      type: VersionedEntity,
      nullable: true,
      description: 'The entity as it is now, to show the other change or retry on it.',
      resolve: (error, _args, context) => entityById(context, error.entity),
    }),
  }),
});

const DependentsType = builder.objectRef<Dependents>('Dependents').implement({
  description: 'Entities of one kind that depend on an entity to delete.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'What they are (e.g. `articles covering it`).' }),
    count: t.exposeInt('count', { description: 'How many.' }),
    examples: t.exposeStringList('examples', { description: 'Up to 10 of them, by slug or URL.' }),
  }),
});

builder.objectType(HasDependentsError, {
  name: 'HasDependentsError',
  interfaces: [MutationErrorInterface],
  description: 'Other entities depend on the one to delete. Pass `cascade: true` to delete it and remove those links.',
  isTypeOf: (value) => value instanceof HasDependentsError,
  fields: (t) => ({
    dependents: t.field({
      type: [DependentsType],
      description: 'What depends on it, by kind.',
      resolve: (error) => error.dependents,
    }),
  }),
});

/** The errors every mutation may answer. */
export const WRITE_ERRORS = [AuthenticationError, ForbiddenError, InvalidInputError, VersionConflictError];
