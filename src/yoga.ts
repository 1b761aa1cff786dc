/**
 * The GraphQL Yoga application: schema, context, GraphiQL and the health endpoint. `server.ts`
 * only listens; tests call `createApp(database).fetch(...)` or serve it on a random port.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga } from 'graphql-yoga';
import { createContext } from './context.js';
import type { Database } from './db/client.js';
import { EXAMPLE_OPERATIONS } from './graphiql-examples.js';
import { useDocumentLimits } from './plugins/use-document-limits.js';
import { useDatabaseHealth } from './plugins/use-health.js';
import { schema } from './schema/index.js';

/** Creates the Yoga application over a database (see `openDatabase`). */
export function createApp(database: Database) {
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
    plugins: [useDatabaseHealth(database), ...useDocumentLimits()],
  });
}
