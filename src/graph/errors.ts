/** Errors of the write layer: input that cannot be written, said so before anything is written. */

/** One thing wrong with an input: where (a path such as `models[3].parameters`) and what. */
export type GraphInputProblem = Readonly<{ path: string; message: string }>;

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
export function invalid(path: string, message: string): never {
  throw new GraphInputError([{ path, message }]);
}
