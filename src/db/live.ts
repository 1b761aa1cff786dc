/**
 * Whether the database a server holds is still the one at `DATABASE_URL`, and a database that
 * follows the file when it comes back.
 *
 * An open SQLite connection keeps reading the file it opened even after that file is deleted or
 * replaced, and a connection that saw its file truncated keeps failing after the file is restored.
 * So readiness looks at the path (the file exists and is the file that was opened: same device
 * and inode) and reads a table; a {@link LiveDatabase} also opens a new connection when the file
 * at the path is usable again, and requests use it from then on.
 */
import { statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { type CreateClientOptions, type Database, openDatabase } from './client.js';
import type { SqliteConfig } from './config.js';

/**
 * What `GET /ready` answers: `database` is `up`, `missing` (no file at the path) or `down`; with
 * read replicas, how many answer (`up`) and how many do not. Ready when the database is up and,
 * with replicas, at least one of them is (queries read only them).
 */
export type Readiness = Readonly<{
  ready: boolean;
  database: 'up' | 'missing' | 'down';
  replicas?: Readonly<{ up: number; down: number }>;
}>;

type FileIdentity = Readonly<{ dev: bigint; ino: bigint }>;

function identityOf(path: string): FileIdentity | undefined {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stats ? { dev: stats.dev, ino: stats.ino } : undefined;
}

function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/**
 * Whether the file at the path holds a migrated database, read on a connection of its own that
 * neither creates the file nor writes to it (a truncated file must stay as it is until restored).
 */
function fileIsUsable(config: SqliteConfig): boolean {
  let connection: BetterSqlite3.Database | undefined;
  try {
    connection = new BetterSqlite3(config.filePath, { fileMustExist: true, readonly: true });
    connection.prepare('SELECT count(*) FROM "_prisma_migrations"').get();
    return true;
  } catch {
    return false;
  } finally {
    connection?.close();
  }
}

/** Checkpoints the write-ahead log into the file (and empties it), then closes the connection. */
export async function closeDatabase(database: Database): Promise<void> {
  if (database.config.provider !== 'sqlite') return database.disconnect();
  try {
    // Everything committed ends up in the database file itself: a copy of the file alone is whole.
    await database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await database.prisma.$disconnect();
  }
}

/**
 * A database whose connection follows the file at its path. `database` is a {@link Database}
 * like any other (`createApp(live.database)`), whose `prisma` and `store` are those of the
 * current connection; {@link LiveDatabase.check} replaces the connection when the file at the
 * path is usable again after it went missing, was replaced or became unreadable.
 */
export type LiveDatabase = Readonly<{
  database: Database;
  /** Looks at the file and reads a table; reopens the database when that makes it ready again. */
  check(): Promise<Readiness>;
  /**
   * Checks every `intervalMs` in the background (so the database comes back without a probe), and
   * on SQLite refreshes the query planner's statistics every `statisticsMs`; returns a stop.
   */
  watch(intervalMs: number, statisticsMs?: number): () => void;
  /** Checkpoints and closes the current connection. */
  close(): Promise<void>;
}>;

/**
 * How often a served SQLite file's statistics are refreshed: SQLite advises `PRAGMA optimize` every
 * few hours on a connection that stays open, beside the one at start (`prepareDatabase`). A no-op
 * unless a table's size changed much since (a graph grown through the API).
 */
export const STATISTICS_INTERVAL_MS = 3 * 60 * 60 * 1000;

const checkers = new WeakMap<Database, () => Promise<Readiness>>();

/**
 * The readiness check of a database: the one of its {@link LiveDatabase}, or for a database
 * opened on its own a check of the same facts that cannot reopen it (tests serve those).
 */
export function readinessOf(database: Database): () => Promise<Readiness> {
  let check = checkers.get(database);
  const { config } = database;
  if (!check && config.provider !== 'sqlite') {
    // A server's database: its pool reconnects by itself when the server is back. Each replica
    // is asked too, and marked as it answered: one found answering is read again at once.
    check = async () => {
      const [ok, ...answered] = await Promise.all(
        [database, ...database.replicas].map((each) => each.store.isReachable().catch(() => false)),
      );
      const state = ok ? 'up' : 'down';
      if (answered.length === 0) return { ready: ok as boolean, database: state };
      for (const [index, replica] of database.replicas.entries())
        database.markReplica(replica, answered[index] ? 'up' : 'down');
      const up = answered.filter(Boolean).length;
      return {
        ready: (ok as boolean) && up > 0,
        database: state,
        replicas: { up, down: answered.length - up },
      };
    };
    checkers.set(database, check);
  }
  if (!check && config.provider === 'sqlite') {
    let opened: FileIdentity | undefined;
    check = async () => {
      const current = identityOf(config.filePath);
      if (!current) return { ready: false, database: 'missing' };
      opened ??= current;
      const ok = sameFile(opened, current) && (await database.store.isReachable());
      return { ready: ok, database: ok ? 'up' : 'down' };
    };
    checkers.set(database, check);
  }
  return check as () => Promise<Readiness>;
}

/**
 * Wraps an open database (the one `npm start` prepared) in a {@link LiveDatabase} that owns it
 * from now on. `options` are those of every connection it opens later.
 */
export function liveDatabase(
  initial: Database,
  options: CreateClientOptions = {},
  /** Called after the database was opened again (the execution workers reopen theirs). */
  onReopen: () => void = () => {},
): LiveDatabase {
  const { config } = initial;
  if (config.provider !== 'sqlite') {
    const check = readinessOf(initial);
    return Object.freeze({
      database: initial,
      check,
      watch: () => () => {},
      close: () => closeDatabase(initial),
    });
  }
  let current = initial;
  // The file the connection opened: the one at the path now (the connection opens it on first use).
  let opened = identityOf(config.filePath);
  let reopening: Promise<Readiness> | undefined;
  let closed = false;

  /** Opens a new connection on the file at the path if it is usable, and makes it the current one. */
  const reopen = async (replaced: boolean): Promise<Readiness> => {
    if (replaced) {
      // The old connection's write-ahead log sits beside the path (-wal, -shm): a new connection
      // would read it over the new file. Write it into the file it belongs to, and empty it.
      await current.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => {});
    }
    const before = identityOf(config.filePath);
    if (!before || !fileIsUsable(config)) return { ready: false, database: before ? 'down' : 'missing' };
    const next = openDatabase(config, { ...options, mustExist: true });
    if (closed || !(await next.store.isReachable()) || !sameFile(before, identityOf(config.filePath))) {
      await next.prisma.$disconnect();
      return { ready: false, database: 'down' };
    }
    const previous = current;
    current = next;
    opened = before;
    // Closed after the new one is open, so it is not the last connection and leaves the log alone.
    // Requests that started on it fail; new ones use the new connection.
    await previous.prisma.$disconnect().catch(() => {});
    onReopen();
    return { ready: true, database: 'up' };
  };

  const check = async (): Promise<Readiness> => {
    if (reopening) return reopening;
    const now = identityOf(config.filePath);
    // Missing: the connection keeps its (deleted) file until a file is back at the path.
    if (!now) return { ready: false, database: 'missing' };
    opened ??= now;
    const replaced = !sameFile(opened, now);
    if (!replaced && (await current.store.isReachable())) return { ready: true, database: 'up' };
    reopening = reopen(replaced).finally(() => {
      reopening = undefined;
    });
    return reopening;
  };

  const database: Database = Object.freeze({
    config,
    get prisma() {
      return current.prisma;
    },
    get store() {
      return current.store;
    },
    storeFor: initial.storeFor,
    // A SQLite file has no replicas: every operation reads the current connection.
    replicas: [],
    reader: () => database,
    markReplica: () => {},
    replicaStates: () => [],
    disconnect: () => current.disconnect(),
  });
  checkers.set(database, check);

  return Object.freeze({
    database,
    check,
    watch(intervalMs: number, statisticsMs = STATISTICS_INTERVAL_MS) {
      const timer = setInterval(() => {
        check().catch(() => {});
      }, intervalMs);
      timer.unref();
      // A failure (the file being replaced, a write holding the lock) waits for the next turn.
      const statistics = setInterval(() => {
        if (!reopening) current.store.refreshStatistics().catch(() => {});
      }, statisticsMs);
      statistics.unref();
      return () => {
        clearInterval(timer);
        clearInterval(statistics);
      };
    },
    async close() {
      closed = true;
      await reopening?.catch(() => {});
      await closeDatabase(current);
    },
  });
}
