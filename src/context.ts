import { type DocumentNode, GraphQLError, getOperationAST, parse } from 'graphql';
import { bearerToken, type Viewer, verifyToken } from './auth/tokens.js';
import { type Database, type PrismaClient, relationsJoined } from './db/client.js';
import type { GraphStore } from './db/store.js';
import type { GraphEvents } from './events.js';
import { createLoaders, type Loaders } from './schema/loaders.js';

/**
 * What every resolver sees. Read-only; one per request. `prisma` runs what Prisma's query API
 * can say; `store` runs the rest (search, name lookup, aggregates), in the database's own SQL.
 * The loaders batch the queries that Prisma's query planning cannot merge (lineage traversal,
 * claims, rows by id) and live only for the request, so nothing leaks between requests.
 */
export type Context = Readonly<{
  /** The database, for mutations: they write through the graph write layer (`writeGraph`). */
  database: Database;
  prisma: PrismaClient;
  store: GraphStore;
  loaders: Loaders;
  /**
   * Who the request acts as: the holder of its `Authorization: Bearer` token, or null without
   * one (reads need none). A token that is not valid (malformed, unknown or revoked, alike) is an
   * `UNAUTHENTICATED` error. Read once per request, and only when asked.
   */
  viewer(): Promise<Viewer | null>;
  /** Where the request's writes publish their changes, and subscriptions hear them. */
  events: GraphEvents;
}>;

/** The error of a request whose token is not valid: one message, whatever the reason. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError(
    'The token is not valid: it is malformed, unknown or revoked. Send "Authorization: Bearer <token>" with a token from `npm run token -- create`, or no token to read.',
    { extensions: { code: 'UNAUTHENTICATED' } },
  );
}

/**
 * Where an operation reads: one of the database's read replicas for a query (reads only), the
 * database itself for a mutation or a subscription (what they write or wait for must be seen at
 * once), and whenever there are no replicas (without parsing anything then).
 */
export function readerFor(
  database: Database,
  operation: { document?: DocumentNode; query?: string | null; operationName?: string | null },
): Database {
  if (database.replicas.length === 0) return database;
  let document = operation.document;
  if (!document && operation.query) {
    try {
      document = parse(operation.query);
    } catch {
      return database;
    }
  }
  return document && getOperationAST(document, operation.operationName)?.operation === 'query'
    ? database.reader()
    : database;
}

/** Events nobody hears (scripts that build a context without a server): published into nothing. */
const NO_EVENTS: GraphEvents = {
  publish() {},
  subscribe() {
    throw new Error('this context has no events to subscribe to: createApp gives one');
  },
};

/**
 * Builds the context of one request on a database; `authorization` is its `Authorization` header.
 * Its reads go to `readFrom` (a read replica, for a query: `database.reader()`); its writes and
 * its token to `database`.
 */
export function createContext(
  database: Database,
  authorization?: string | null,
  events: GraphEvents = NO_EVENTS,
  readFrom: Database = database,
): Context {
  let viewer: Promise<Viewer | null> | undefined;
  return {
    database,
    events,
    prisma: readFrom.prisma,
    store: readFrom.store,
    loaders: createLoaders(readFrom.prisma, readFrom.store, relationsJoined(readFrom.config)),
    viewer() {
      viewer ??= (async () => {
        const token = bearerToken(authorization);
        if (token === undefined) return null;
        const found = token === null ? null : await verifyToken(database.prisma, token);
        if (!found) throw unauthenticated();
        return found;
      })();
      return viewer;
    },
  };
}
