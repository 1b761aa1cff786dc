/**
 * Serves the GraphQL API over HTTP until SIGINT/SIGTERM. `npm start` (seed/start.ts) prepares the
 * database first and calls {@link serve}; `npm run serve` (src/serve.ts) serves a database that
 * is already migrated.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Database } from './db/client.js';
import { type LiveDatabase, liveDatabase } from './db/live.js';
import type { Env } from './env.js';
import { type ExecutionPool, startExecutionPool } from './execution/pool.js';
import { createLogger } from './logger.js';
import { ResponseCache } from './plugins/use-response-cache.js';
import { keepServingOnUnhandledRejections } from './unhandled.js';
import { startWatchdog } from './watchdog.js';
import { type AppOptions, createApp } from './yoga.js';

/** How long a stop waits for running requests before the process is killed. */
export const SHUTDOWN_DEADLINE_MS = 10_000;
/**
 * A second signal within this window is the first one delivered twice, not a second request:
 * Ctrl-C reaches every process of the terminal's group, and `npm start` forwards it as well.
 */
export const REPEATED_SIGNAL_WINDOW_MS = 500;
/**
 * At the deadline the process exits 1 without the requests still running; if a statement blocks
 * the event loop, that exit cannot run, and the watchdog kills the process this much later.
 */
export const WATCHDOG_GRACE_MS = 1_000;
/** How often a served database checks its file in the background, to come back without a probe. */
export const READINESS_INTERVAL_MS = 5_000;

/**
 * What answers HTTP requests: Yoga by default; a pool of workers, say, may take its place.
 * `close()` is awaited once the requests it is running have ended, before the database closes.
 */
export type RequestHandler = Readonly<{
  listener: (request: IncomingMessage, response: ServerResponse) => void;
  close(): Promise<void>;
}>;

export type ServeOptions = {
  /** Where the server's lines go. @default console.log */
  log?: (line: string) => void;
  /** @default createApp(database), GraphQL Yoga over the served database */
  handler?: RequestHandler;
  /** How long a stop waits for running requests, even if a statement blocks the event loop. @default SHUTDOWN_DEADLINE_MS */
  shutdownDeadlineMs?: number;
  /** Stop on SIGINT and SIGTERM. Off in tests that serve in their own process. @default true */
  handleSignals?: boolean;
  /**
   * The execution workers, started by the caller ({@link startExecutionPool}) so that they load
   * while it prepares the database. @default started here, with `env.executionWorkers` threads
   */
  pool?: ExecutionPool;
};

export type RunningServer = Readonly<{
  /** The port it listens on (the one the system chose for `PORT=0`). */
  port: number;
  /** The database it serves, which follows the file at its path (src/db/live.ts). */
  live: LiveDatabase;
  /**
   * Stops: no new connections, requests that arrive on open connections get 503, running
   * requests finish, then the handler closes and the database is checkpointed and closed.
   */
  stop(): Promise<void>;
}>;

/**
 * Listens on the port and host of `env` and, unless told otherwise, stops cleanly on SIGINT or
 * SIGTERM, then exits 0: no new connections, running requests finish, the write-ahead log is
 * written into the database file, which is closed. Past the deadline it exits 1 without the
 * requests still running, and a watchdog thread kills it when a statement blocks the event loop
 * so that even this cannot run; a second signal exits at once.
 */
export async function serve(env: Env, database: Database, options: ServeOptions = {}): Promise<RunningServer> {
  const log = options.log ?? console.log;
  keepServingOnUnhandledRejections(createLogger(env.logLevel));
  const deadlineMs = options.shutdownDeadlineMs ?? SHUTDOWN_DEADLINE_MS;
  // Start with an empty write-ahead log: the file alone is the whole database, so a file restored
  // or replaced under the running server is read as it is (src/db/live.ts).
  if (database.config.provider === 'sqlite') await database.prisma.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  // Operations run in worker threads (src/execution/pool.ts) unless EXECUTION_WORKERS=0; they
  // open their own connections, and open them again when the database file comes back.
  const pool = options.pool ?? startExecutionPool({ ...env, database: database.config });
  // Workers started before the database was prepared (`connectLater`) may connect now.
  pool?.connect();
  await pool?.ready();
  // Answers to anonymous queries, kept while the graph is unchanged; a file replaced under the
  // server may hold an older graph with the same version, so reopening forgets them.
  const responseCache = env.responseCacheMb > 0 ? new ResponseCache(env.responseCacheMb * 1024 * 1024) : undefined;
  const live = liveDatabase(database, {}, () => {
    responseCache?.clear();
    pool?.recycle();
  });
  // Several instances share events and the rate limit through Redis (src/redis.ts) when REDIS_URL is set.
  const shared = env.redisUrl
    ? await (await import('./redis.js')).connectShared(env.redisUrl, {
        prefix: env.redisPrefix,
        rateLimitPerMinute: env.rateLimitPerMinute,
        logger: createLogger(env.logLevel),
      })
    : undefined;
  const handler =
    options.handler ??
    yogaHandler(live.database, {
      ...env,
      pool,
      responseCache,
      ...(shared ? { events: shared.events, rateLimiter: shared.rateLimiter ?? undefined } : {}),
    });

  let stopping: Promise<void> | undefined;
  let running = 0;
  let drained: (() => void) | undefined;
  /** Open subscriptions (Server-Sent Events): they never end by themselves, so stopping ends them. */
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    if (stopping) {
      const body = JSON.stringify({
        errors: [{ message: 'The server is stopping.', extensions: { code: 'SERVER_STOPPING' } }],
      });
      response.writeHead(503, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        connection: 'close',
        'retry-after': '5',
      });
      response.end(body);
      return;
    }
    if (request.headers.accept?.includes('text/event-stream')) {
      streams.add(response);
      response.once('close', () => streams.delete(response));
      handler.listener(request, response);
      return;
    }
    running += 1;
    response.once('close', () => {
      running -= 1;
      if (stopping) server.closeIdleConnections();
      if (running === 0) drained?.();
    });
    handler.listener(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  const stopWatching = live.watch(READINESS_INTERVAL_MS);
  log(`llm-atlas serves GraphQL at http://localhost:${port}/graphql (database ${env.database.label})`);

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopWatching();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const stream of streams) stream.end();
      if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
      server.closeAllConnections();
      await closed;
      await handler.close();
      await shared?.close();
      await live.close();
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    let first: number | undefined;
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const onSignal = (signal: NodeJS.Signals) => {
      if (first === undefined) {
        first = Date.now();
        log(`${signal}: stopping (running requests have ${deadlineMs / 1000} s; a second signal stops at once)...`);
        setTimeout(() => {
          console.error(`llm-atlas: requests still running after ${deadlineMs / 1000} s: stopped without them`);
          process.exit(1);
        }, deadlineMs).unref();
        startWatchdog(
          deadlineMs + WATCHDOG_GRACE_MS,
          `llm-atlas: a statement blocked the event loop past the ${deadlineMs / 1000} s deadline: killed`,
        );
        // From now on a signal takes its default action, which needs no event loop: it ends the
        // process even while a statement blocks it.
        setTimeout(() => {
          for (const name of signals) process.removeListener(name, onSignal);
        }, REPEATED_SIGNAL_WINDOW_MS).unref();
        stop().then(
          () => {
            log('Stopped.');
            process.exit(0);
          },
          (error: unknown) => {
            console.error(
              `llm-atlas could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`,
            );
            process.exit(1);
          },
        );
        return;
      }
      if (Date.now() - first < REPEATED_SIGNAL_WINDOW_MS) return;
      log(`${signal} again: stopping now.`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    for (const name of signals) process.on(name, onSignal);
  }

  return Object.freeze({ port, live, stop });
}

/** Yoga over a database as a {@link RequestHandler}; closing it stops its execution pool too. */
export function yogaHandler(database: Database, appOptions: AppOptions = {}): RequestHandler {
  const app = createApp(database, appOptions);
  return {
    listener: app,
    close: async () => {
      await app.dispose();
      await appOptions.pool?.close();
    },
  };
}

/** `npm run serve`: serve a database prepared elsewhere. */
