/**
 * Limits on the size of a GraphQL document, checked while it is parsed and validated (GraphQL
 * Armor): a document of a few hundred aliased connections, or megabytes of tokens, is refused
 * with a 400 before any work. The cost of what a document asks for (depth, breadth, page sizes)
 * is limited by Pothos's complexity plugin in src/schema/builder.ts.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { type ASTVisitor, GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type DocumentLimits = {
  /** Aliases per document. @default 15 */
  maxAliases: number;
  /** Lexical tokens per document. @default 3000 */
  maxTokens: number;
};

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxAliases: 15, maxTokens: 3000 };

/** The deepest nesting of objects and lists in a request's variables. */
export const MAX_VARIABLES_DEPTH = 32;

/** The deepest nesting of `{`, `[` and `(` in a document's text. */
export const MAX_DOCUMENT_NESTING = 64;

/**
 * Whether a document's text nests `{`, `[` or `(` deeper than `limit` (outside strings and
 * comments), read in one pass without parsing: graphql-js's parser recurses, and a list literal
 * 2000 deep overflowed its stack (a 500) before the token limit stopped it.
 */
export function nestingPasses(query: string, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < query.length; index += 1) {
    const char = query[index];
    if (char === '#') {
      while (index < query.length && query[index] !== '\n' && query[index] !== '\r') index += 1;
    } else if (char === '"' && query.startsWith('"""', index)) {
      index += 3;
      while (index < query.length && !query.startsWith('"""', index)) index += query.startsWith('\\"""', index) ? 4 : 1;
      index += 2;
    } else if (char === '"') {
      index += 1;
      while (index < query.length && query[index] !== '"' && query[index] !== '\n')
        index += query[index] === '\\' ? 2 : 1;
    } else if (char === '{' || char === '[' || char === '(') {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === '}' || char === ']' || char === ')') {
      depth -= 1;
    }
  }
  return false;
}

/** The depth of a JSON value's nesting, stopping as soon as it passes `limit`. */
function depthPasses(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const item of Object.values(current)) stack.push({ value: item, depth: depth + 1 });
  }
  return false;
}

/**
 * Refuses, before graphql-js recurses into them, a document nested deeper than
 * {@link MAX_DOCUMENT_NESTING} (the parser recurses) and variables nested deeper than
 * {@link MAX_VARIABLES_DEPTH} (coercion recurses: a filter nested 1000 deep overflowed its
 * stack, a 500). Both walks here are iterative.
 */
export function useVariablesDepthLimit(limit = MAX_VARIABLES_DEPTH): Plugin {
  return {
    onParams({ params }) {
      if (typeof params.query === 'string' && nestingPasses(params.query, MAX_DOCUMENT_NESTING)) {
        throw new GraphQLError(`Document nested more than ${MAX_DOCUMENT_NESTING} levels deep ({, [ or ().`, {
          extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400, spec: true } },
        });
      }
      if (params.variables && depthPasses(params.variables, limit)) {
        // `spec`: like every rejection of a request before it runs, 400 for clients that accept
        // application/graphql-response+json, 200 for legacy application/json (README, "Status codes").
        throw new GraphQLError(`Variables nested more than ${limit} levels deep.`, {
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400, spec: true } },
        });
      }
    },
  };
}

/**
 * A validation rule graphql-js 16 lacks (17 has it as `KnownOperationTypesRule`): an operation
 * whose type the schema does not define (`mutation { __typename }` on a read-only schema) is a
 * validation error with a code, not an execution error without one.
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const schema = context.getSchema();
      const root = {
        query: schema.getQueryType(),
        mutation: schema.getMutationType(),
        subscription: schema.getSubscriptionType(),
      }[node.operation];
      if (!root) {
        context.reportError(
          new GraphQLError(
            `This API has no ${node.operation} operations: the schema defines no ${node.operation} type.`,
            {
              nodes: node,
            },
          ),
        );
      }
    },
  };
}

/** Adds {@link KnownOperationTypesRule} to every validation. */
export function useKnownOperationTypes(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(KnownOperationTypesRule);
    },
  };
}

/**
 * Variables that do not coerce (`$n: Int` given "ten", a required one missing) fail the request
 * before it runs, with graphql-js's message naming the variable but no code: give them
 * `BAD_USER_INPUT` and the status of the other request errors.
 */
export function useVariableErrorCodes(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors || 'data' in result) return;
          // An error with an original error is not about variables: a failure before execution
          // (an execution worker's lookups, say), masked like any other unexpected error.
          const aboutVariables = (error: GraphQLError) =>
            !error.extensions?.code && (!error.originalError || error.message.startsWith('Variable "$'));
          if (!result.errors.some(aboutVariables)) return;
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              !aboutVariables(error)
                ? error
                : new GraphQLError(error.message, {
                    nodes: error.nodes,
                    source: error.source,
                    positions: error.positions,
                    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { status: 400, spec: true } },
                  }),
            ),
          });
        },
      };
    },
  };
}

/** The Yoga plugins enforcing {@link DocumentLimits}. */
export function useDocumentLimits(limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): Plugin[] {
  return [
    useVariablesDepthLimit(),
    useKnownOperationTypes(),
    useVariableErrorCodes(),
    maxTokensPlugin({ n: limits.maxTokens }),
    maxAliasesPlugin({
      n: limits.maxAliases,
      exposeLimits: true,
      // Report the rejection as a validation error (400) rather than throwing out of validation,
      // which Yoga answers with 200.
      propagateOnRejection: false,
      onReject: [
        (context, error) =>
          (context as ValidationContext | null)?.reportError(
            new GraphQLError(error.message.replace(/^Syntax Error: /, '')),
          ),
      ],
    }),
  ] as Plugin[];
}
