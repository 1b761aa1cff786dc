/**
 * The GraphQL Yoga application: schema, context, GraphiQL, the health endpoint and the
 * operational plugins (request ids, access log, metrics, limits). `server.ts` only listens; tests
 * call `createApp(database).fetch(...)` or serve it on a random port.
 */
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, type Plugin } from 'graphql-yoga';
import { createContext, readerFor } from './context.js';
import type { Database } from './db/client.js';
import { databaseTrouble, databaseTroubleError } from './db/errors.js';
import { APP_DEFAULTS, type AppSettings } from './env.js';
import { createGraphEvents, type GraphEvents } from './events.js';
import type { ExecutionPool } from './execution/pool.js';
import { PERSISTED_OPERATIONS } from './explorer/operations.js';
import { EXAMPLE_OPERATIONS } from './graphiql-examples.js';
import { createLogger, type Logger, yogaLogger } from './logger.js';
import { useAccessLog } from './plugins/use-access-log.js';
import { useBodyLimit } from './plugins/use-body-limit.js';
import { useKnownContentTypes } from './plugins/use-content-types.js';
import { CSRF_HEADER, useCsrfPrevention } from './plugins/use-csrf-prevention.js';
import { useDocumentLimits } from './plugins/use-document-limits.js';
import { useExecutionPool } from './plugins/use-execution-pool.js';
import { useExplorer } from './plugins/use-explorer.js';
import { useExports } from './plugins/use-exports.js';
import { useGraphiQLPage } from './plugins/use-graphiql-page.js';
import { useDatabaseHealth } from './plugins/use-health.js';
import { useInFlightLimit } from './plugins/use-in-flight-limit.js';
import { createMetrics, type Metrics, useMetrics } from './plugins/use-metrics.js';
import { type RateLimiter, useRateLimit } from './plugins/use-rate-limit.js';
import { useRequestLookups } from './plugins/use-request-lookups.js';
import { useRequestScope } from './plugins/use-request-scope.js';
import { ResponseCache, useResponseCache } from './plugins/use-response-cache.js';
import { useSchemaDisclosure } from './plugins/use-schema-disclosure.js';
import { schema } from './schema/index.js';

/**
 * What {@link createApp} takes beside the database: any of the settings (the server passes
 * `readEnv()`'s; each one missing takes {@link APP_DEFAULTS}), a logger, and the metrics.
 */
export type AppOptions = Partial<AppSettings> & {
  /** Where the JSON log lines go. @default a logger at `logLevel` on stdout (`silent` unless given) */
  logger?: Logger;
  /** The Prometheus registry and metrics to update (`settings.metrics` says whether to serve them). @default new ones per app */
  metricsCollector?: Metrics;
  /**
   * Worker threads that execute operations (src/execution/pool.ts), so that a costly one blocks
   * neither the others nor `/health`, and is stopped when its time budget runs out. Without one,
   * operations run on this thread (tests, scripts).
   */
  pool?: ExecutionPool;
  /** Where writes publish their changes and subscriptions hear them. @default events within this process */
  events?: GraphEvents;
  /** The per-client rate limiter (src/redis.ts shares one across instances). @default one in this process, at `rateLimitPerMinute` */
  rateLimiter?: RateLimiter;
  /** The cache of anonymous queries' answers. @default one of `responseCacheMb` (none at 0) */
  responseCache?: ResponseCache;
};

/**
 * The operational plugins, in the order their `onRequest` hooks must run: the request scope
 * first (everything reads it), /metrics, then the in-flight cap and the rate limit (cheapest
 * refusals before any work), then GraphiQL, which they must cover.
 */
function useOperations(
  settings: AppSettings,
  logger: Logger,
  metrics: Metrics | undefined,
  rateLimiter: RateLimiter | undefined,
): Plugin[] {
  return [
    useRequestScope({ trustProxy: settings.trustProxy }),
    useAccessLog(logger),
    // Without the endpoint and without a collector to fill, there is no one to collect for.
    ...(settings.metrics || metrics
      ? [useMetrics({ metrics: metrics ?? createMetrics(), endpoint: settings.metrics })]
      : []),
    useInFlightLimit({ maxInFlight: settings.maxInFlight }),
    useRateLimit({ perMinute: settings.rateLimitPerMinute, limiter: rateLimiter }),
    useSchemaDisclosure({ introspection: settings.introspection, fieldSuggestions: settings.fieldSuggestions }),
    // GraphiQL inlined: the default page loads its code from a CDN and stays blank offline.
    ...(settings.graphiql ? [useGraphiQLPage({ title: 'llm-atlas', defaultQuery: EXAMPLE_OPERATIONS })] : []),
  ];
}

/** Creates the Yoga application over a database (see `openDatabase`). */
export function createApp(database: Database, options: AppOptions = {}) {
  const settings: AppSettings = { ...APP_DEFAULTS, ...withoutUndefined(options) };
  const logger = options.logger ?? createLogger(settings.logLevel);
  const events = options.events ?? createGraphEvents();
  const responseCache =
    options.responseCache ??
    (settings.responseCacheMb > 0 ? new ResponseCache(settings.responseCacheMb * 1024 * 1024) : undefined);
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    // A query reads a read replica when DATABASE_REPLICA_URLS names some (with an execution pool,
    // the worker decides the same way).
    context: ({ request, params }) =>
      createContext(database, request.headers.get('authorization'), events, readerFor(database, params)),
    // Served by useGraphiQLPage (below), after the limits.
    graphiql: false,
    landingPage: false,
    logging: yogaLogger(logger),
    // Yoga's own check answers 200 without looking at the database: keep it as a liveness probe
    // at /live, and let /health (below) tell whether the database answers.
    healthCheckEndpoint: '/live',
    // Unexpected errors reach the client as "Unexpected error." without a stack, whatever
    // NODE_ENV says; GraphQL errors (bad arguments, validation) keep their message.
    // A database that cannot answer now (PostgreSQL's pool exhausted, the server unreachable) is a
    // 503 the client may retry, with a code, never a hang or a 500.
    maskedErrors: {
      isDev: false,
      maskError: (error, message, isDev) => {
        const trouble = databaseTrouble(error);
        if (!trouble) return maskError(error, message, isDev);
        return databaseTroubleError(trouble, error instanceof GraphQLError ? error : undefined);
      },
    },
    // No uploads: a multipart body is refused instead of parsed.
    multipart: false,
    // Reads are public, so any page may read them unless CORS_ORIGINS lists the allowed ones; no
    // origin is ever told it may send credentials (Yoga's default reflects any origin with them).
    // Writes from a browser: the same origin, or the origins listed.
    cors: {
      origin: [...settings.corsOrigins],
      credentials: false,
      methods: ['GET', 'POST'],
      // Writes carry a token: only the origins CORS_ORIGINS lists may send one from a browser.
      // With the default (`*`, any page reads), a page elsewhere cannot write with a token.
      allowedHeaders: [
        'accept',
        'content-type',
        ...(settings.corsOrigins.includes('*') ? [] : ['authorization']),
        'x-request-id',
        CSRF_HEADER,
      ],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    },
    plugins: [
      ...useOperations(settings, logger, options.metricsCollector, options.rateLimiter),
      useDatabaseHealth(database),
      useExports(database),
      useExplorer(database, events, logger, options.pool),
      useBodyLimit(),
      useCsrfPrevention(),
      useKnownContentTypes(),
      // The explorer's operations, by the SHA-256 of their text (GET /explorer/operations.json
      // lists them); any other operation is still welcome.
      usePersistedOperations({
        allowArbitraryOperations: true,
        getPersistedOperation: (hash) => PERSISTED_BY_HASH.get(hash) ?? null,
        // Neither a query nor a hash: the request error Yoga gives without this plugin.
        customErrors: {
          keyNotFound: {
            message:
              'Must provide query string, or the SHA-256 of a persisted operation as extensions.persistedQuery.sha256Hash (GET /explorer/operations.json lists them).',
            extensions: { code: 'BAD_REQUEST', http: { spec: true, status: 400 } },
          },
          notFound: {
            message:
              'No persisted operation has this hash: GET /explorer/operations.json lists them, or send the query itself.',
            extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
          },
        },
      }),
      ...useDocumentLimits(),
      ...(responseCache ? [useResponseCache(responseCache)] : []),
      options.pool ? useExecutionPool(options.pool, events) : useRequestLookups(),
    ],
  });
}

const PERSISTED_BY_HASH = new Map(
  [...PERSISTED_OPERATIONS.values()].map((operation) => [operation.sha256Hash, operation.query]),
);

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
