/**
 * Prometheus metrics at `GET /metrics` (text format 0.0.4): requests by route, operation type and
 * status; a latency histogram; GraphQL errors by code; requests in flight; SQL statements and
 * their time; and Node's process metrics (memory, CPU, event-loop lag).
 *
 * Labels are bounded sets chosen by the server (route, operation type, status, error code), never
 * what a client writes (no operation names, paths or addresses), so no client can grow the
 * number of series. The endpoint is public when mounted: it shows counts and timings, no data.
 */
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { currentRequest } from '../request-scope.js';

/** Paths with a label of their own; everything else is `other`. */
const ROUTES: Record<string, string> = {
  '/graphql': 'graphql',
  '/health': 'health',
  '/ready': 'ready',
  '/live': 'live',
  '/metrics': 'metrics',
};

export type Metrics = Readonly<{
  registry: Registry;
  requests: Counter<'route' | 'operation_type' | 'status'>;
  duration: Histogram<'route' | 'operation_type'>;
  errors: Counter<'code'>;
  inFlight: Gauge;
  statements: Counter;
  statementSeconds: Counter;
  statementsPerRequest: Histogram;
}>;

/** A registry with the server's metrics (one per app, so apps in one process do not mix). */
export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'llm_atlas_http_requests_total',
      help: 'HTTP requests answered, by route, GraphQL operation type (none when nothing was executed) and status',
      labelNames: ['route', 'operation_type', 'status'],
      registers,
    }),
    duration: new Histogram({
      name: 'llm_atlas_http_request_duration_seconds',
      help: 'Time from a request arriving to its response being ready',
      labelNames: ['route', 'operation_type'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    errors: new Counter({
      name: 'llm_atlas_graphql_errors_total',
      help: 'GraphQL errors answered, by extensions.code (RATE_LIMITED and SERVER_BUSY included)',
      labelNames: ['code'],
      registers,
    }),
    inFlight: new Gauge({
      name: 'llm_atlas_http_requests_in_flight',
      help: 'HTTP requests being handled, this scrape included',
      registers,
    }),
    statements: new Counter({
      name: 'llm_atlas_db_statements_total',
      help: 'SQL statements run by requests',
      registers,
    }),
    statementSeconds: new Counter({
      name: 'llm_atlas_db_statement_seconds_total',
      help: 'Time spent in SQL statements run by requests',
      registers,
    }),
    statementsPerRequest: new Histogram({
      name: 'llm_atlas_db_statements_per_request',
      help: 'SQL statements per request: a jump shows an N+1 regression',
      buckets: [0, 1, 2, 5, 10, 20, 50, 100, 200],
      registers,
    }),
  };
}

export type MetricsOptions = {
  /** The metrics to update; by default a new {@link createMetrics}. */
  metrics?: Metrics;
  /** Serve them at `GET /metrics`; when false they are only collected. @default true */
  endpoint?: boolean;
};

/** See the module comment. Needs `useRequestScope` before it. */
export function useMetrics(options: MetricsOptions = {}): Plugin {
  const metrics = options.metrics ?? createMetrics();
  const endpoint = options.endpoint ?? true;
  return {
    instrumentation: {
      request: async (_payload, handle) => {
        metrics.inFlight.inc();
        try {
          await handle();
        } finally {
          metrics.inFlight.dec();
        }
      },
    },
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!endpoint || url.pathname !== '/metrics' || request.method !== 'GET') return;
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), {
          status: 200,
          headers: { 'content-type': metrics.registry.contentType },
        }),
      );
    },
    onResponse({ request, response }) {
      const scope = currentRequest();
      if (!scope) return;
      const route = ROUTES[scope.path || new URL(request.url, 'http://localhost').pathname] ?? 'other';
      const operationType = scope.operationType ?? 'none';
      metrics.requests.inc({ route, operation_type: operationType, status: String(response.status) });
      metrics.duration.observe({ route, operation_type: operationType }, (performance.now() - scope.startedAt) / 1000);
      for (const code of scope.errorCodes) metrics.errors.inc({ code });
      if (scope.statements > 0) {
        metrics.statements.inc(scope.statements);
        metrics.statementSeconds.inc(scope.statementMs / 1000);
      }
      if (route === 'graphql') metrics.statementsPerRequest.observe(scope.statements);
    },
  };
}
