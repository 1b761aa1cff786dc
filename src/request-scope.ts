/**
 * What the server knows about the request being handled, wherever the code runs: a plugin hook,
 * a resolver, a DataLoader batch or Prisma's statement callback. One `AsyncLocalStorage` carries
 * it ({@link useRequestScope} in src/plugins/use-request-scope.ts opens it around each request),
 * so the access log, the metrics and every log line agree on the request id and the statement
 * count without threading anything through the GraphQL context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestScope = {
  /** The incoming `x-request-id` when it is acceptable, else a new UUID; echoed in the response. */
  readonly id: string;
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  /** The URL's path, set when the request reaches the plugins. */
  path: string;
  /** The client address used for rate limits and logs; undefined for in-process calls (`app.fetch`). */
  client: string | undefined;
  /** Operation name(s) executed, as the document names them. */
  operationName: string | undefined;
  /** `query`, `mutation` or `subscription` once a document is executed. */
  operationType: string | undefined;
  /** `extensions.code` of every GraphQL error answered (`UNSPECIFIED` when an error has none). */
  readonly errorCodes: string[];
  /** SQL statements run for this request, and their time in milliseconds. */
  statements: number;
  statementMs: number;
  /** Whether the response cache answered the query (`hit`) or computed it (`miss`); undefined when it was not asked. */
  cache: 'hit' | 'miss' | undefined;
};

const storage = new AsyncLocalStorage<RequestScope>();

/** Creates a scope for a request that arrives now. */
export function newRequestScope(id: string): RequestScope {
  return {
    id,
    startedAt: performance.now(),
    path: '',
    client: undefined,
    operationName: undefined,
    operationType: undefined,
    errorCodes: [],
    statements: 0,
    statementMs: 0,
    cache: undefined,
  };
}

/** Runs `handle` (and everything it starts) inside `scope`. */
export function runInRequestScope<T>(scope: RequestScope, handle: () => T): T {
  return storage.run(scope, handle);
}

/** The scope of the request being handled, if any. */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

/** Counts one SQL statement against the current request (Prisma's query event calls this). */
export function countStatement(durationMs: number): void {
  const scope = storage.getStore();
  if (scope) {
    scope.statements += 1;
    scope.statementMs += durationMs;
  }
}
