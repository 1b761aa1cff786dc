/**
 * Executes operations in the worker threads of an {@link ExecutionPool} instead of the main
 * thread: Yoga parses and validates here, a worker executes, and the result comes back as if it
 * had run here (errors keep their message, path, location and code; unexpected ones are masked
 * like any other). An operation that runs out of time is answered with a 503 and its worker
 * stopped.
 */
import { GraphQLError, print, type Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphEvents } from '../events.js';
import type { ExecutionPool, Refusal } from '../execution/pool.js';
import type { ErrorData } from '../execution/protocol.js';
import { currentRequest } from '../request-scope.js';

function refusalError(refusal: Refusal, pool: ExecutionPool): GraphQLError {
  switch (refusal.refused) {
    case 'timeout':
      return new GraphQLError(
        `The operation ran out of its time budget (${pool.timeoutMs} ms) and was stopped: ask for less (smaller pages, fewer filter conditions, facets or aliases).`,
        { extensions: { code: 'TIME_BUDGET_EXCEEDED', http: { status: 503 } } },
      );
    case 'memory':
      return new GraphQLError(
        'The operation needed more memory than an execution worker may hold, and was stopped: ask for less (smaller pages, fewer nested lists, facets or aliases).',
        { extensions: { code: 'MEMORY_BUDGET_EXCEEDED', http: { status: 503 } } },
      );
    case 'busy':
      return new GraphQLError('The server is busy: too many operations are waiting. Retry in a moment.', {
        extensions: { code: 'SERVER_BUSY', http: { status: 503, headers: { 'retry-after': '1' } } },
      });
    case 'closed':
      return new GraphQLError('The server is shutting down. Retry in a moment.', {
        extensions: { code: 'SHUTTING_DOWN', http: { status: 503, headers: { 'retry-after': '1' } } },
      });
    case 'crashed':
      // Masked as "Unexpected error." (500): a worker dying is a bug of ours, not the client's.
      return new GraphQLError('an execution worker stopped while running the operation', {
        originalError: new Error('an execution worker stopped while running the operation'),
      });
  }
}

function toGraphQLError(error: ErrorData, source: Source | undefined): GraphQLError {
  return new GraphQLError(error.message, {
    source: error.positions ? source : undefined,
    positions: error.positions,
    path: error.path,
    extensions: error.extensions,
    // An error that was not a GraphQLError in the worker keeps being one for Yoga's masking.
    originalError: error.unexpected ? new Error(error.message) : undefined,
  });
}

/** The client a request came from (as the rate limit sees it, proxies included), or its socket's address. */
function clientAddress(context: object): string {
  const { req } = context as { req?: { socket?: { remoteAddress?: string } } };
  return currentRequest()?.client ?? req?.socket?.remoteAddress ?? '';
}

/** Replaces Yoga's execution with the pool's; the changes a worker's writes committed are published to `events`. */
export function useExecutionPool(pool: ExecutionPool, events: GraphEvents): Plugin {
  return {
    onExecute({ setExecuteFn, context }) {
      const client = clientAddress(context);
      setExecuteFn(async (args) => {
        const source = args.document.loc?.source;
        const outcome = await pool.execute(
          {
            query: source?.body ?? print(args.document),
            variables: args.variableValues ?? undefined,
            operationName: args.operationName,
            authorization: (context as { request?: Request }).request?.headers.get('authorization') ?? null,
          },
          client,
        );
        if ('refused' in outcome) return { errors: [refusalError(outcome, pool)] };
        if (outcome.events) events.publish(outcome.events);
        // The worker's statements count against this request (access log, metrics).
        const scope = currentRequest();
        if (scope) {
          scope.statements += outcome.statements;
          scope.statementMs += outcome.statementMs;
        }
        return {
          ...('data' in outcome ? { data: outcome.data } : {}),
          ...(outcome.errors ? { errors: outcome.errors.map((error) => toGraphQLError(error, source)) } : {}),
        };
      });
    },
  };
}
