import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { countStatement } from '../request-scope.js';
import { type DatabaseConfig, ensureDatabaseFolder } from './config.js';
import { createSqliteStore } from './sqlite/store.js';
import type { GraphStore, StoreFactory } from './store.js';

export type { Prisma } from '../generated/prisma/client.js';
export { PrismaClient };

/** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The settings of every SQLite connection, set here and nowhere else (the adapter sets none, and
 * better-sqlite3's defaults are foreign keys on, synchronous FULL, a rollback journal):
 * - `journal_mode = WAL`: readers never wait for a writer (an import while the server answers),
 *   and `npm run backup` copies a consistent snapshot while both run; stored in the file.
 * - `synchronous = NORMAL`: with WAL the file cannot be corrupted by a crash or a power loss;
 *   only the last commits before a power loss may be lost (the importers can run again).
 * - `foreign_keys = ON`: the migrations' `ON DELETE CASCADE / SET NULL` apply.
 * - `busy_timeout`: {@link SQLITE_BUSY_TIMEOUT_MS}.
 * test/lifecycle.test.ts reads them back on a started server's connection.
 */
export const SQLITE_PRAGMAS = {
  busy_timeout: SQLITE_BUSY_TIMEOUT_MS,
  journal_mode: 'wal',
  synchronous: 1, // NORMAL
  foreign_keys: 1,
} as const;

/** The driver adapter factory for a database: the one place that picks an adapter per provider. */
export function createAdapterFactory(
  config: DatabaseConfig,
  options: { mustExist?: boolean } = {},
): SqlMigrationAwareDriverAdapterFactory {
  if (!options.mustExist) ensureDatabaseFolder(config);
  // Dates are stored as ISO-8601 text so that they stay readable in the file and sort correctly.
  const inner = new PrismaBetterSqlite3(
    { url: config.url, timeout: SQLITE_BUSY_TIMEOUT_MS, fileMustExist: options.mustExist ?? false },
    { timestampFormat: 'iso8601' },
  );
  const settings = Object.entries(SQLITE_PRAGMAS)
    .map(([name, value]) => `PRAGMA ${name} = ${value};`)
    .join('\n');
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      await adapter.executeScript(settings);
      return adapter;
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
}

/**
 * The store implementation for a database: the one place that picks one per provider, beside
 * the adapter. Every other module takes its store from {@link openDatabase}'s `Database`.
 */
export function createStoreFactory(config: DatabaseConfig): StoreFactory {
  switch (config.provider) {
    case 'sqlite':
      return createSqliteStore;
  }
}

export type CreateClientOptions = {
  /** Called with the SQL of every statement Prisma sends; used by tests to count queries. */
  onQuery?: (sql: string) => void;
  /** Fail to connect when the file is missing instead of creating an empty database. @default false */
  mustExist?: boolean;
};

/** Creates a Prisma client for the database, with the adapter {@link createAdapterFactory} picks. */
export function createPrismaClient(config: DatabaseConfig, options: CreateClientOptions = {}): PrismaClient {
  // Query events are always on: each statement is counted against the request that ran it (its
  // access log line and the metrics); Prisma emits them synchronously, in the request's context.
  const client = new PrismaClient({
    adapter: createAdapterFactory(config, { mustExist: options.mustExist }),
    log: [{ emit: 'event', level: 'query' }],
  });
  const onQuery = options.onQuery;
  client.$on('query' as never, (event: { query: string; duration: number }) => {
    countStatement(event.duration);
    onQuery?.(event.query);
  });
  return client;
}

/** An open database: its configuration, its Prisma client and the store of its raw statements. */
export type Database = Readonly<{
  config: DatabaseConfig;
  prisma: PrismaClient;
  /** The store bound to `prisma`: what requests use. */
  store: GraphStore;
  /** Binds the database's store to another executor, a transaction's client: `prisma.$transaction((tx) => storeFor(tx)...)`. */
  storeFor: StoreFactory;
}>;

/**
 * Opens a database: creates its Prisma client ({@link createPrismaClient}) and picks its store
 * ({@link createStoreFactory}). Nothing connects before the first statement.
 */
export function openDatabase(config: DatabaseConfig, options: CreateClientOptions = {}): Database {
  const prisma = createPrismaClient(config, options);
  const storeFor = createStoreFactory(config);
  return Object.freeze({ config, prisma, store: storeFor(prisma), storeFor });
}
