/**
 * Opens a {@link RequestScope} around each HTTP request (request id, client address, operation,
 * error codes, SQL statements) and echoes the request id in `x-request-id`. The access log, the
 * metrics and the limits read the scope; this plugin must come before them.
 */
import type { IncomingMessage } from 'node:http';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentRequest, newRequestScope, runInRequestScope } from '../request-scope.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Printable ASCII without spaces, at most 128 characters: safe to log and to echo. */
const ACCEPTABLE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** The incoming request id when it is acceptable, else a new one. */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  return incoming !== null && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/**
 * The client's address: the socket's peer, or with `trustProxy` n > 0 the n-th entry from the
 * right of `X-Forwarded-For` (the address the nearest trusted proxy saw; entries further left
 * were written by the client and prove nothing). Undefined for in-process calls.
 */
export function clientAddressOf(
  request: Request,
  socketAddress: string | undefined,
  trustProxy: number,
): string | undefined {
  if (trustProxy > 0) {
    const forwarded = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    const entry = forwarded[Math.max(0, forwarded.length - trustProxy)];
    if (entry !== undefined) return entry.slice(0, 64);
  }
  return socketAddress;
}

export type RequestScopeOptions = {
  /** Reverse proxies in front whose `X-Forwarded-For` is believed (see `TRUST_PROXY`). @default 0 */
  trustProxy?: number;
};

/** See the module comment. */
export function useRequestScope(options: RequestScopeOptions = {}): Plugin {
  const trustProxy = options.trustProxy ?? 0;
  return {
    instrumentation: {
      request: ({ request }, handle) => runInRequestScope(newRequestScope(requestIdOf(request)), handle),
    },
    onRequest({ request, url, serverContext }) {
      const scope = currentRequest();
      if (!scope) return;
      scope.path = url.pathname;
      const socket = (serverContext as { req?: IncomingMessage }).req?.socket;
      scope.client = clientAddressOf(request, socket?.remoteAddress, trustProxy);
    },
    onExecute({ args }) {
      const scope = currentRequest();
      if (!scope) return;
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      scope.operationType ??= operation.operation;
      const name = operation.name?.value;
      if (name) scope.operationName = scope.operationName ? `${scope.operationName},${name}` : name;
    },
    onResultProcess({ result }) {
      const scope = currentRequest();
      if (!scope) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        if (!single || !('errors' in single) || !single.errors) continue;
        for (const error of single.errors) {
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          scope.errorCodes.push(typeof code === 'string' ? code : 'UNSPECIFIED');
        }
      }
    },
    onResponse({ response }) {
      const scope = currentRequest();
      if (scope) response.headers.set(REQUEST_ID_HEADER, scope.id);
    },
  };
}
