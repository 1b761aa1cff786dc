import type { Database, PrismaClient } from './db/client.js';
import type { GraphStore } from './db/store.js';
import { createLoaders, type Loaders } from './schema/loaders.js';

/**
 * What every resolver sees. Read-only; one per request. `prisma` runs what Prisma's query API
 * can say; `store` runs the rest (search, name lookup, aggregates), in the database's own SQL.
 * The loaders batch the queries that Prisma's query planning cannot merge (lineage traversal,
 * claims, rows by id) and live only for the request, so nothing leaks between requests.
 */
export type Context = Readonly<{
  prisma: PrismaClient;
  store: GraphStore;
  loaders: Loaders;
}>;

/** Builds the context of one request on a database. */
export function createContext(database: Database): Context {
  return { prisma: database.prisma, store: database.store, loaders: createLoaders(database.prisma, database.store) };
}
