import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.js';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma-pg/client.js';
import { countStatement } from '../request-scope.js';
import { type DatabaseConfig, ensureDatabaseFolder, PG_POOL_DEFAULTS } from './config.js';
import { pgAdapter, pgDriver } from './postgres/driver.js';
import { createPostgresStore } from './postgres/store.js';
import { createDirectRows, type DirectRows } from './sqlite/direct-rows.js';
import { addSqliteFunctions } from './sqlite/functions.js';
import { keepPreparedStatements } from './sqlite/statement-cache.js';
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
  options: {
    mustExist?: boolean;
    /** For Prisma's schema engine, which reads PostgreSQL's catalog (see {@link catalogReadingPool}). */
    schemaEngine?: boolean;
    /** PostgreSQL: told whether each new connection could be made (see {@link watchedPool}). */
    onReachable?: (reachable: boolean) => void;
    /** SQLite: handed the better-sqlite3 connection the adapter opened (see sqlite/direct-rows.ts). */
    onConnection?: (connection: BetterSqlite3.Database) => void;
  } = {},
): SqlMigrationAwareDriverAdapterFactory {
  if (config.provider === 'postgresql') {
    // Raw statements name tables without a schema: the search path puts the configured one first.
    const settings = config.pool ?? PG_POOL_DEFAULTS;
    const pool: pg.PoolConfig = {
      connectionString: config.url,
      max: settings.size,
      connectionTimeoutMillis: settings.connectionTimeoutMs,
      statement_timeout: settings.statementTimeoutMs,
      idleTimeoutMillis: 30_000,
      // `public` after it: where the migrations install pg_trgm, once per database.
      options: `-c search_path=${config.schema === 'public' ? 'public' : `${config.schema},public`}`,
      application_name: 'llm-atlas',
    };
    const { PrismaPg } = pgAdapter();
    if (!options.schemaEngine && options.onReachable)
      return new PrismaPg(watchedPool(pool, options.onReachable), { schema: config.schema, disposeExternalPool: true });
    if (!options.schemaEngine) return new PrismaPg(pool, { schema: config.schema });
    const inner = new PrismaPg(catalogReadingPool(pool), { schema: config.schema, disposeExternalPool: true });
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => wholeScripts(await inner.connect()),
      connectToShadowDb: async () => wholeScripts(await inner.connectToShadowDb()),
    };
  }
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
      // The adapter's better-sqlite3 connection (its `client`), shared with its transactions.
      const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
      addSqliteFunctions(connection);
      keepPreparedStatements(connection);
      options.onConnection?.(connection);
      return adapter;
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
}

/**
 * Makes PostgreSQL's driver adapter send a migration's script whole, as Prisma's own engine does.
 * adapter-pg 7.10 splits a script at every semicolon, which cuts a function body (`$$ ... ; ...
 * $$`: the triggers that keep the overview's counts) into pieces that do not parse; one simple
 * query runs the statements in order and in one implicit transaction, so a failed migration
 * leaves nothing half-applied. Reaches into the adapter for the pool it queries (`client`) and
 * its error conversion (`onError`), both of adapter-pg's `PgQueryable`.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const internals = adapter as unknown as {
    client?: { query(text: string): Promise<unknown> };
    onError?(error: unknown): never;
  };
  const { client, onError } = internals;
  if (!client || !onError)
    throw new Error('adapter-pg changed: its executeScript cannot be made to send a script whole');
  adapter.executeScript = async (script: string) => {
    try {
      await client.query(script);
    } catch (error) {
      onError.call(adapter, error);
    }
  };
  return adapter;
}

/**
 * A pool whose answers PostgreSQL's driver adapter can read when they come from the catalog.
 * Prisma's schema engine reads columns of type `"char"` (OID 18: `pg_class.relkind`,
 * `pg_constraint.contype`) there, which adapter-pg 7.10 refuses ("Column type 'char' could not be
 * deserialized"), so a diff against a PostgreSQL database fails. Such a column holds one
 * character, which the driver already answers as text: it is reported as text (OID 25).
 */
function catalogReadingPool(config: pg.PoolConfig): pg.Pool {
  const pool = new (pgDriver().Pool)(config);
  const asText = <R>(result: R): R => {
    for (const answer of Array.isArray(result) ? result : [result]) {
      for (const field of (answer as { fields?: { dataTypeID: number }[] })?.fields ?? []) {
        if (field.dataTypeID === 18) field.dataTypeID = 25;
      }
    }
    return result;
  };
  const wrapQuery = (target: { query: (...args: never[]) => unknown }) => {
    const query = target.query.bind(target) as (...args: unknown[]) => unknown;
    target.query = ((...args: unknown[]) => {
      const answer = query(...args);
      return answer instanceof Promise ? answer.then(asText) : answer;
    }) as never;
  };
  wrapQuery(pool as never);
  const wrapped = new WeakSet<object>();
  const wrapClient = (client: pg.PoolClient | undefined) => {
    if (client && !wrapped.has(client)) {
      wrapQuery(client as never);
      wrapped.add(client);
    }
    return client;
  };
  afterEachConnect(pool, (_error, client) => wrapClient(client));
  return pool;
}

/**
 * Runs `after` on what each `pool.connect` gives (an error, or a client it may wrap), in both of
 * its forms: `pool.query` connects through it with a callback, adapter-pg's transactions without.
 */
function afterEachConnect(
  pool: pg.Pool,
  after: (error: unknown, client: pg.PoolClient | undefined) => pg.PoolClient | undefined,
): void {
  const connect = pool.connect.bind(pool) as (callback?: (...args: unknown[]) => void) => Promise<pg.PoolClient>;
  pool.connect = ((callback?: (error: unknown, client?: pg.PoolClient, release?: unknown) => void) => {
    if (callback) {
      return connect((error, client, release) =>
        callback(error, after(error, client as pg.PoolClient | undefined), release),
      );
    }
    return connect().then(
      (client) => after(undefined, client) as pg.PoolClient,
      (error: unknown) => {
        after(error, undefined);
        throw error;
      },
    );
  }) as never;
}

/**
 * A pool that says whether its server answers: `onReachable(false)` when a new connection cannot
 * be made (the server is down or unreachable; not when a full pool's wait for a free connection
 * runs out, which is load), `onReachable(true)` when one is made. Every statement of Prisma's
 * adapter connects through `pool.connect` (`pool.query` with a callback), so each one that finds
 * the server gone is seen here, whichever thread or request sent it.
 */
function watchedPool(config: pg.PoolConfig, onReachable: (reachable: boolean) => void): pg.Pool {
  const pool = new (pgDriver().Pool)(config);
  const report = (error: unknown) => {
    if (!error) return onReachable(true);
    const waitedForFullPool =
      pool.totalCount >= (config.max ?? 10) && /timeout exceeded when trying to connect/.test(String(error));
    if (!waitedForFullPool) onReachable(false);
  };
  afterEachConnect(pool, (error, client) => {
    report(error);
    return client;
  });
  return pool;
}

/**
 * The store implementation for a database: the one place that picks one per provider, beside
 * the adapter. Every other module takes its store from {@link openDatabase}'s `Database`.
 */
export function createStoreFactory(config: DatabaseConfig): StoreFactory {
  switch (config.provider) {
    case 'sqlite':
      return createSqliteStore;
    case 'postgresql':
      return createPostgresStore;
  }
}

export type CreateClientOptions = {
  /** Called with the SQL of every statement Prisma sends and its parameters (JSON); used by tests to count and explain them. */
  onQuery?: (sql: string, params: string) => void;
  /** Fail to connect when the file is missing instead of creating an empty database. @default false */
  mustExist?: boolean;
  /** PostgreSQL: told whether each new connection could be made (a replica's health: {@link openDatabase}). */
  onReachable?: (reachable: boolean) => void;
  /** SQLite: handed the connection the driver adapter opens ({@link openDatabase} reads rows on it). */
  onConnection?: (connection: BetterSqlite3.Database) => void;
};

/** Counts a statement against the request that ran it (its access log line, the metrics) and tells `onQuery`. */
function reportStatement(options: CreateClientOptions, sql: string, params: string, durationMs: number): void {
  countStatement(durationMs);
  options.onQuery?.(sql, params);
}

/** Creates a Prisma client for the database, with the adapter {@link createAdapterFactory} picks. */
export function createPrismaClient(config: DatabaseConfig, options: CreateClientOptions = {}): PrismaClient {
  // Query events are always on: each statement is counted against the request that ran it (its
  // access log line and the metrics); Prisma emits them synchronously, in the request's context.
  const adapter = createAdapterFactory(config, {
    mustExist: options.mustExist,
    onReachable: options.onReachable,
    onConnection: options.onConnection,
  });
  const log = [{ emit: 'event' as const, level: 'query' as const }];
  const onQuery = (event: { query: string; params: string; duration: number }) =>
    reportStatement(options, event.query, event.params, event.duration);
  if (config.provider === 'sqlite') {
    const client = new PrismaClient({ adapter, log });
    client.$on('query', onQuery);
    return client;
  }
  // Prisma generates a client per provider (prisma/postgresql/schema.prisma is derived from
  // prisma/schema.prisma): the same models, so the SQLite client's types describe both.
  const client = new PostgresPrismaClient({ adapter, log });
  client.$on('query', onQuery);
  // PostgreSQL loads the relations of one row in the same statement (relationJoins, a preview
  // feature of Prisma, on in the derived schema): a model's page went from 31 statements to 7,
  // each a round trip saved on a network (on loopback the time stays about 15-20 ms). Lists keep
  // a statement per relation: joined, every row's relations are aggregated into JSON, and the home
  // page went from 25 to 72 ms. Measured with the example operations and the explorer's pages on
  // the stock graph (README, PostgreSQL).
  return client.$extends({
    query: {
      $allModels: {
        findMany({ args, query }) {
          return query({ relationLoadStrategy: 'query', ...args });
        },
      },
    },
  }) as unknown as PrismaClient;
}

/**
 * Arguments that make one `findMany` load the relations it includes in its own statement on
 * PostgreSQL (relationJoins; lists read them a statement per relation otherwise, see
 * `createPrismaClient`), where the list is short and read whole; nothing on SQLite, whose Prisma
 * has no such strategy.
 */
export function relationsJoined(config: DatabaseConfig): object {
  return config.provider === 'postgresql' ? { relationLoadStrategy: 'join' } : {};
}

/** An open database: its configuration, its Prisma client and the store of its raw statements. */
export type Database = Readonly<{
  config: DatabaseConfig;
  prisma: PrismaClient;
  /** The store bound to `prisma`: what requests use. */
  store: GraphStore;
  /** Binds the database's store to another executor, a transaction's client: `prisma.$transaction((tx) => storeFor(tx)...)`. */
  storeFor: StoreFactory;
  /** SQLite: the reader of whole rows on the connection itself that the store uses (sqlite/direct-rows.ts). */
  directRows?: DirectRows;
  /** The read replicas of `config.replicas`, opened (none without). */
  replicas: readonly Database[];
  /**
   * Where a read-only operation reads: the next replica in turn, or this database when it has
   * none. Writes (and what must see them at once: a mutation's answer, tokens) use this database.
   */
  reader(): Database;
  /**
   * Marks one of `replicas` as unable to answer (`reader()` passes over it for
   * {@link REPLICA_RETRY_MS}, unless every replica is down) or as answering again.
   */
  markReplica(replica: Database, state: 'up' | 'down'): void;
  /** Each replica's state, in the order of `replicas`: `down` while `reader()` passes over it. */
  replicaStates(): readonly ('up' | 'down')[];
  /** Disconnects the client and the replicas' clients. */
  disconnect(): Promise<void>;
}>;

/** How long a read replica that could not answer is passed over before queries read it again. */
export const REPLICA_RETRY_MS = 5_000;

/**
 * Opens a database: creates its Prisma client ({@link createPrismaClient}) and picks its store
 * ({@link createStoreFactory}); the same for each of its read replicas. Nothing connects before
 * the first statement.
 *
 * Replicas are separate clients chosen per operation, not Prisma's read-replicas extension: the
 * extension chooses per statement, so a mutation's answer (read after its transaction) would come
 * from a replica that may not have the write yet, and raw statements (search, lineage) would all
 * go to the primary.
 *
 * A replica whose server cannot be reached fails the query that found it so with a 503 (its
 * pool reports it: {@link watchedPool}); the queries after it read the other replicas until
 * {@link REPLICA_RETRY_MS} has passed or a connection to it was made again (`GET /ready` tries).
 * With every replica down, queries still read them in turn (the primary is not a fallback: it is
 * spared the reads). Each thread (the execution workers) keeps its own marks.
 */
export function openDatabase(config: DatabaseConfig, options: CreateClientOptions = {}): Database {
  // SQLite: whole rows are read on the connection itself, outside transactions (sqlite/direct-rows.ts).
  const direct =
    config.provider === 'sqlite'
      ? createDirectRows((sql, params, durationMs) => reportStatement(options, sql, params, durationMs))
      : undefined;
  const prisma = createPrismaClient(config, {
    ...options,
    onConnection: (connection) => {
      direct?.attach(connection);
      options.onConnection?.(connection);
    },
  });
  const storeFor = createStoreFactory(config);
  // Per replica, until when `reader()` passes over it (0: it is read).
  const downUntil: number[] = [];
  const mark = (index: number, reachable: boolean) => {
    downUntil[index] = reachable ? 0 : Date.now() + REPLICA_RETRY_MS;
  };
  const replicas =
    config.provider === 'postgresql'
      ? (config.replicas ?? []).map((replica, index) => {
          downUntil.push(0);
          return openDatabase(replica, { ...options, onReachable: (reachable) => mark(index, reachable) });
        })
      : [];
  let turn = 0;
  const database: Database = Object.freeze({
    config,
    prisma,
    store: storeFor(prisma, direct),
    storeFor,
    directRows: direct,
    replicas,
    reader() {
      if (replicas.length === 0) return database;
      // The next one in turn that is not marked down; the next one in turn when all are.
      const now = Date.now();
      const start = turn;
      turn = (start + 1) % replicas.length;
      for (let step = 1; step <= replicas.length; step++) {
        const index = (start + step) % replicas.length;
        if ((downUntil[index] as number) <= now) {
          turn = index;
          break;
        }
      }
      return replicas[turn] as Database;
    },
    markReplica(replica, state) {
      const index = replicas.indexOf(replica);
      if (index >= 0) mark(index, state === 'up');
    },
    replicaStates() {
      const now = Date.now();
      return downUntil.map((until) => (until > now ? 'down' : 'up'));
    },
    async disconnect() {
      await Promise.all([prisma.$disconnect(), ...replicas.map((replica) => replica.disconnect())]);
    },
  });
  return database;
}
