/**
 * One JSON line per request, written when its response is ready:
 * `{"level":"info","time":…,"requestId":…,"msg":"request","method":"POST","path":"/graphql",
 * "status":200,"operation":"ModelBySlug","operationType":"query","durationMs":3.2,
 * "statements":2,"statementMs":0.8,"client":"127.0.0.1"}`, plus `errors` (their codes) when
 * there were any. Probes (/health, /ready, /live) and /metrics log at `debug`: polled every few
 * seconds, they would bury the requests that matter.
 */
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import { currentRequest } from '../request-scope.js';
import { EXEMPT_PATHS } from './rejection.js';

/** See the module comment. Needs `useRequestScope` before it. */
export function useAccessLog(logger: Logger): Plugin {
  return {
    onResponse({ request, response }) {
      const scope = currentRequest();
      if (!scope) return;
      const path = scope.path || new URL(request.url, 'http://localhost').pathname;
      const level = EXEMPT_PATHS.has(path) ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          method: request.method,
          path: path.slice(0, 200),
          status: response.status,
          operation: scope.operationName?.slice(0, 200),
          operationType: scope.operationType,
          durationMs: Math.round((performance.now() - scope.startedAt) * 100) / 100,
          statements: scope.statements,
          statementMs: Math.round(scope.statementMs * 100) / 100,
          cache: scope.cache,
          errors: scope.errorCodes.length > 0 ? scope.errorCodes : undefined,
          client: scope.client,
        },
        'request',
      );
    },
  };
}
