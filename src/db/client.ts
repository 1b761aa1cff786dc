import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { type DatabaseConfig, ensureDatabaseFolder } from './config.js';

export type { Prisma } from '../generated/prisma/client.js';
export { PrismaClient };

/** The driver adapter factory for a database: the one place that picks an adapter per provider. */
export function createAdapterFactory(config: DatabaseConfig): SqlMigrationAwareDriverAdapterFactory {
  ensureDatabaseFolder(config);
  // Dates are stored as ISO-8601 text so that they stay readable in the file and sort correctly.
  return new PrismaBetterSqlite3({ url: config.url, timeout: 5000 }, { timestampFormat: 'iso8601' });
}

export type CreateClientOptions = {
  /** Called with the SQL of every statement Prisma sends; used by tests to count queries. */
  onQuery?: (sql: string) => void;
};

/** Creates a Prisma client for the database, with the adapter {@link createAdapterFactory} picks. */
export function createPrismaClient(config: DatabaseConfig, options: CreateClientOptions = {}): PrismaClient {
  const client = new PrismaClient({
    adapter: createAdapterFactory(config),
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    client.$on('query' as never, (event: { query: string }) => onQuery(event.query));
  }
  return client;
}

/** Answers whether the database responds to a query that reads it (not just `SELECT 1`). */
export async function isDatabaseReachable(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRawUnsafe('SELECT count(*) FROM "_prisma_migrations"');
    return true;
  } catch {
    return false;
  }
}
