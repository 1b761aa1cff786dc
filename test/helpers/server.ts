import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedDatabase } from '../../seed/curated/import.js';
import type { DatabaseConfig, SqliteConfig } from '../../src/db/config.js';
import { type AppOptions, createApp } from '../../src/yoga.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export type GraphQLResponse<T = Record<string, unknown>> = {
  status: number;
  body: {
    data?: T | null;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
  };
};

export type TestServer<Config extends DatabaseConfig = SqliteConfig> = TestDatabase<Config> & {
  /** Base URL of the server, e.g. http://127.0.0.1:54321 */
  url: string;
  /** Sends a GraphQL operation over real HTTP (POST, JSON) and returns status and body. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { accept?: string; operationName?: string },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
};

/**
 * A server on a random port over its own temporary SQLite file, seeded by the real importer
 * (the user's note and the curated data). One per test file.
 */
export async function startTestServer(name: string, options: { seed?: boolean } = {}): Promise<TestServer> {
  const database = await createTestDatabase(name);
  if (options.seed !== false) await seedDatabase(database.database);
  return serveTestDatabase(database);
}

/** Serves a test database on a random port of 127.0.0.1; `close()` stops the server and deletes the database. */
export async function serveTestDatabase<Config extends DatabaseConfig = SqliteConfig>(
  database: TestDatabase<Config>,
  appOptions: AppOptions = {},
): Promise<TestServer<Config>> {
  database.queries.length = 0;
  const server: Server = createServer(createApp(database.database, appOptions));
  // fetch keeps connections alive; a test that pauses longer than Node's 5 s default would
  // otherwise reuse a socket the server has just closed (ECONNRESET).
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...database,
    url,
    async graphql(query, variables, requestOptions = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: requestOptions.accept ?? 'application/graphql-response+json',
        },
        body: JSON.stringify({ query, variables, operationName: requestOptions.operationName }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] } as never;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.cleanup();
    },
  };
}
