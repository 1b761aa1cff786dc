/** Errors of the write layer: input that cannot be written, said so before anything is written. */

/** What kind of thing is wrong with an input. */
export type GraphInputProblemCode =
  /** The value has the wrong form (a slug, a date, a number, a URL). */
  | 'INVALID'
  /** It names an entity the graph does not have. */
  | 'NOT_FOUND'
  /** It would create what exists already (a slug, an article's URL). */
  | 'ALREADY_EXISTS'
  /** A lineage step that would make a model its own ancestor, or a model its own parent. */
  | 'CYCLE';

/** One thing wrong with an input: where (a path such as `models[3].parameters`), what, and its kind (default INVALID). */
export type GraphInputProblem = Readonly<{ path: string; message: string; code: GraphInputProblemCode }>;

/**
 * Thrown for input the graph cannot take (an unknown slug, a value of the wrong form, a lineage
 * step that would close a cycle). Thrown inside the write's transaction, so nothing of the write
 * remains. Callers turn it into their own errors: a seed file's line, a mutation's typed error.
 */
export class GraphInputError extends Error {
  override name = 'GraphInputError';
  constructor(readonly problems: readonly GraphInputProblem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '));
  }
}

/** Throws a {@link GraphInputError} with one problem. */
export function invalid(path: string, message: string, code: GraphInputProblemCode = 'INVALID'): never {
  throw new GraphInputError([{ path, message, code }]);
}
