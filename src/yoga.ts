/**
 * The GraphQL Yoga application: schema, context, GraphiQL and the health endpoint. `server.ts`
 * only listens; tests call `createApp(database).fetch(...)` or serve it on a random port.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga } from 'graphql-yoga';
import { createContext } from './context.js';
import type { Database } from './db/client.js';
import type { ExecutionPool } from './execution/pool.js';
import { EXAMPLE_OPERATIONS } from './graphiql-examples.js';
import { useBodyLimit } from './plugins/use-body-limit.js';
import { useKnownContentTypes } from './plugins/use-content-types.js';
import { CSRF_HEADER, useCsrfPrevention } from './plugins/use-csrf-prevention.js';
import { useDocumentLimits } from './plugins/use-document-limits.js';
import { useExecutionPool } from './plugins/use-execution-pool.js';
import { useDatabaseHealth } from './plugins/use-health.js';
import { useTopicTree } from './plugins/use-topic-tree.js';
import { schema } from './schema/index.js';

export type AppOptions = {
  /**
   * Origins whose pages may call the API from a browser (CORS), e.g. `https://atlas.example`;
   * `['*']` lets any page read it. Never with credentials: the API uses no cookies.
   * @default ['*']
   */
  corsOrigins?: readonly string[];
  /**
   * Worker threads that execute operations (src/execution/pool.ts), so that a costly one blocks
   * neither the others nor `/health`, and is stopped when its time budget runs out. Without one,
   * operations run on this thread (tests, scripts).
   */
  pool?: ExecutionPool;
};

/** Creates the Yoga application over a database (see `openDatabase`). */
export function createApp(database: Database, options: AppOptions = {}) {
  const { corsOrigins = ['*'], pool } = options;
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    context: () => createContext(database),
    // GraphiQL inlined: the default page loads its code from a CDN and stays blank offline.
    renderGraphiQL,
    graphiql: { title: 'llm-atlas', defaultQuery: EXAMPLE_OPERATIONS },
    landingPage: false,
    // Yoga's own check answers 200 without looking at the database: keep it as a liveness probe
    // at /live, and let /health (below) tell whether the database answers.
    healthCheckEndpoint: '/live',
    // Unexpected errors reach the client as "Unexpected error." without a stack, whatever
    // NODE_ENV says; GraphQL errors (bad arguments, validation) keep their message.
    maskedErrors: { isDev: false },
    // No uploads: a multipart body is refused instead of parsed.
    multipart: false,
    // Reads are public, so any page may read them unless CORS_ORIGINS lists the allowed ones; no
    // origin is ever told it may send credentials (Yoga's default reflects any origin with them).
    cors: {
      origin: [...corsOrigins],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['accept', 'content-type', 'authorization', 'x-request-id', CSRF_HEADER],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    },
    plugins: [
      useDatabaseHealth(database),
      useBodyLimit(),
      useCsrfPrevention(),
      useKnownContentTypes(),
      ...useDocumentLimits(),
      pool ? useExecutionPool(pool) : useTopicTree(),
    ],
  });
}
