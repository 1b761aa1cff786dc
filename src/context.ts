import type { PrismaClient } from './db/client.js';
import { createLoaders, type Loaders } from './schema/loaders.js';

/**
 * What every resolver sees. Read-only; one per request. The loaders batch the queries that
 * Prisma's query planning cannot merge (lineage traversal, claims, aggregates) and live only
 * for the request, so nothing leaks between requests.
 */
export type Context = Readonly<{
  prisma: PrismaClient;
  loaders: Loaders;
}>;

/** Builds the context of one request. */
export function createContext(prisma: PrismaClient): Context {
  return { prisma, loaders: createLoaders(prisma) };
}
