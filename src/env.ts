/**
 * Every environment setting the server reads, in one table, checked once at start. The README's
 * "Running in production" section lists the same settings (test/operations.test.ts checks it).
 *
 * To add a setting: add its field to {@link Env} (or {@link AppSettings} when the Yoga app uses
 * it), a row to {@link SETTINGS} with a reader from the ones below, and a row to the README table.
 */
import {
  type DatabaseConfig,
  DatabaseConfigError,
  DEFAULT_DATABASE_URL,
  PG_POOL_DEFAULTS,
  parseDatabaseUrl,
  parseReplicaUrls,
} from './db/config.js';

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The settings the Yoga app itself takes (`createApp(database, settings)`). */
export type AppSettings = Readonly<{
  /** `LOG_LEVEL`: the least severe level written to stdout as JSON. @default 'info' */
  logLevel: LogLevel;
  /** `GRAPHIQL`: serve GraphiQL to browsers at /graphql. Exploring is a main use. @default true */
  graphiql: boolean;
  /**
   * `INTROSPECTION`: answer `__schema` and `__type`. GraphiQL reads the schema by introspection,
   * so it cannot be off while GraphiQL is on.
   * @default true in development; in production, the value of GRAPHIQL
   */
  introspection: boolean;
  /** `FIELD_SUGGESTIONS`: "Did you mean ...?" in error messages. @default true in development, false in production */
  fieldSuggestions: boolean;
  /** `RATE_LIMIT_PER_MINUTE`: requests per minute from one client address; 0 turns the limit off. @default 600 */
  rateLimitPerMinute: number;
  /** `MAX_IN_FLIGHT`: requests handled at once; more are answered 503 at once. 0 turns the cap off. @default 64 */
  maxInFlight: number;
  /**
   * `RESPONSE_CACHE_MB`: megabytes of answers to anonymous queries kept per process, served again
   * while the graph is unchanged (src/plugins/use-response-cache.ts); 0 turns the cache off.
   * @default 64
   */
  responseCacheMb: number;
  /**
   * `TRUST_PROXY`: how many reverse proxies stand in front of the server. With n > 0 the client
   * address is the n-th entry from the right of `X-Forwarded-For` (what the nearest trusted proxy
   * saw); with 0 the header is ignored, since any client can write it. `true` means 1.
   * @default 0
   */
  trustProxy: number;
  /** `METRICS`: serve Prometheus metrics at /metrics. @default true */
  metrics: boolean;
  /**
   * `CORS_ORIGINS`: origins whose pages may call the API from a browser, e.g.
   * `https://atlas.example`; `*` lets any page read it. Never with credentials.
   * @default ['*']
   */
  corsOrigins: readonly string[];
}>;

export type Env = Readonly<
  {
    /** `PORT`: TCP port to listen on. @default 4000 */
    port: number;
    /** `HOST`: host to bind. @default '0.0.0.0' */
    host: string;
    /** `DATABASE_URL`: the database (with `DATABASE_REPLICA_URLS` in `database.replicas`). @default file:./data/llm-atlas.db */
    database: DatabaseConfig;
    /** `DATABASE_REPLICA_URLS` as given (parsed into `database.replicas`). @default '' */
    databaseReplicas: string;
    /** `NODE_ENV=production`: picks the production defaults above. */
    production: boolean;
    /** `EXECUTION_WORKERS`: worker threads executing operations; 0 runs them on the main thread. @default 2 */
    executionWorkers: number;
    /** `REQUEST_TIMEOUT_MS`: time budget of one operation, in milliseconds. @default 5000 */
    requestTimeoutMs: number;
    /** `WORKER_HEAP_MB`: the most JavaScript heap an execution worker may hold; 0: V8's own limit. @default 0 */
    workerHeapMb: number;
    /** `REDIS_URL`: Redis shared by several instances (events, rate limit); null: each process on its own. @default null */
    redisUrl: string | null;
    /** `REDIS_PREFIX`: what the keys and channels of this deployment in Redis begin with. @default 'llm-atlas:' */
    redisPrefix: string;
    /** `PG_POOL_SIZE`: PostgreSQL connections per process and per worker (also in `database.pool`). @default 10 */
    pgPoolSize: number;
    /** `PG_POOL_TIMEOUT_MS`: how long a statement waits for a pooled connection. @default 2000 */
    pgPoolTimeoutMs: number;
    /** `PG_STATEMENT_TIMEOUT_MS`: PostgreSQL's `statement_timeout`. @default 15000 */
    pgStatementTimeoutMs: number;
  } & AppSettings
>;

/** Thrown by {@link readEnv}: one line per bad value, each naming the variable and what it takes. */
export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** What a reader gets: the raw value (undefined when unset or empty) and the environment. */
type ReadContext = { production: boolean };
type Reader<T> = (raw: string | undefined, context: ReadContext) => T;

/** A documented setting: its variable, its default as the README states it, and its reader. */
export type Setting = Readonly<{ variable: string; default: string; description: string }>;

/** Reading fails with this; the message is completed with the variable's name and raw value. */
class BadValue extends Error {}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

function flag(fallback: boolean | ((context: ReadContext) => boolean)): Reader<boolean> {
  return (raw, context) => {
    if (raw === undefined) return typeof fallback === 'function' ? fallback(context) : fallback;
    const value = raw.trim().toLowerCase();
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    throw new BadValue('must be true or false');
  };
}

function wholeNumber(fallback: number, min: number, max: number, meaning: string): Reader<number> {
  return (raw) => {
    if (raw === undefined) return fallback;
    const value = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      throw new BadValue(`must be ${meaning} (a whole number from ${min} to ${max})`);
    }
    return value;
  };
}

function oneOf<T extends string>(values: readonly T[], fallback: T): Reader<T> {
  return (raw) => {
    if (raw === undefined) return fallback;
    const value = raw.trim().toLowerCase();
    if (!(values as readonly string[]).includes(value)) throw new BadValue(`must be one of ${values.join(', ')}`);
    return value as T;
  };
}

/** `CORS_ORIGINS`: `*`, or origins like `https://atlas.example` separated by commas. */
function origins(raw: string | undefined): readonly string[] {
  if (raw === undefined || raw.trim() === '') return ['*'];
  const listed = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of listed) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new BadValue(
        `must be * or origins like https://atlas.example (scheme and host, no path or trailing slash), separated by commas; got "${origin}"`,
      );
    }
  }
  return listed.includes('*') ? ['*'] : listed;
}

type Row<K extends keyof Env> = Setting & { field: K; read: Reader<Env[K]> };
function row<K extends keyof Env>(field: K, setting: Setting & { read: Reader<Env[K]> }): Row<K> {
  return { field, ...setting };
}

/**
 * The settings, in the order of the README's table. `NODE_ENV` is read first (the others'
 * defaults depend on it) and is not a field of its own: it gives `production`.
 */
export const SETTINGS = [
  row('production', {
    variable: 'NODE_ENV',
    default: 'development',
    description: '`production` turns on the production defaults marked below (development, test: the others)',
    read: (raw) => {
      if (raw === undefined) return false;
      if (!['production', 'development', 'test'].includes(raw)) {
        throw new BadValue('must be production, development or test (production picks the safe defaults)');
      }
      return raw === 'production';
    },
  }),
  row('port', {
    variable: 'PORT',
    default: '4000',
    description: 'TCP port to listen on (0 picks a free one)',
    read: wholeNumber(4000, 0, 65535, 'a TCP port number'),
  }),
  row('host', {
    variable: 'HOST',
    default: '0.0.0.0',
    description: 'address to bind (`127.0.0.1`: this machine only)',
    read: (raw) => raw ?? '0.0.0.0',
  }),
  row('database', {
    variable: 'DATABASE_URL',
    default: DEFAULT_DATABASE_URL,
    description:
      'SQLite file (its folder is created), or PostgreSQL: `postgresql://user:password@host:5432/database?schema=atlas` (schema `public` when none)',
    read: (raw) => {
      try {
        return parseDatabaseUrl(raw ?? DEFAULT_DATABASE_URL);
      } catch (error) {
        if (error instanceof DatabaseConfigError) throw new BadValue(error.message, { cause: error });
        throw error;
      }
    },
  }),
  row('databaseReplicas', {
    variable: 'DATABASE_REPLICA_URLS',
    default: '',
    description:
      'PostgreSQL read replicas, separated by commas (`postgresql://user@replica-1:5432/database,...`; the schema of `DATABASE_URL` unless one is named): queries and explorer pages read them in turn, writes, subscriptions and tokens use `DATABASE_URL`',
    read: (raw) => raw?.trim() ?? '',
  }),
  row('logLevel', {
    variable: 'LOG_LEVEL',
    default: 'info',
    description: `JSON log lines on stdout at this level and above (${LOG_LEVELS.join(', ')}); \`info\` has one access line per request`,
    read: oneOf(LOG_LEVELS, 'info'),
  }),
  row('graphiql', {
    variable: 'GRAPHIQL',
    default: 'true',
    description: 'GraphiQL for browsers at `/graphql`, in production too: exploring is a main use',
    read: flag(true),
  }),
  row('introspection', {
    variable: 'INTROSPECTION',
    default: 'true; production: the value of `GRAPHIQL`',
    description: '`__schema` and `__type` queries; GraphiQL needs them, so `false` requires `GRAPHIQL=false`',
    // Read after GRAPHIQL: see readEnv.
    read: flag(true),
  }),
  row('fieldSuggestions', {
    variable: 'FIELD_SUGGESTIONS',
    default: 'true; production: false',
    description: '"Did you mean ...?" in error messages (they reveal the schema to blind probing)',
    read: flag(({ production }) => !production),
  }),
  row('rateLimitPerMinute', {
    variable: 'RATE_LIMIT_PER_MINUTE',
    default: '600',
    description:
      'requests per minute from one client address (bursts up to the same number), then 429 `RATE_LIMITED` with `Retry-After`; 0: no limit',
    read: wholeNumber(600, 0, 1_000_000, 'requests per minute, 0 for no limit'),
  }),
  row('maxInFlight', {
    variable: 'MAX_IN_FLIGHT',
    default: '64',
    description:
      'requests handled at once; beyond it 503 `SERVER_BUSY` with `Retry-After`, before reading the body; 0: no cap',
    read: wholeNumber(64, 0, 100_000, 'a number of requests, 0 for no cap'),
  }),
  row('responseCacheMb', {
    variable: 'RESPONSE_CACHE_MB',
    default: '64',
    description:
      'megabytes of answers to anonymous queries kept per process and served again while the graph has not changed (any write, from any instance or tool, changes it); 0 turns the cache off',
    read: wholeNumber(64, 0, 65_536, 'megabytes'),
  }),
  row('trustProxy', {
    variable: 'TRUST_PROXY',
    default: 'false',
    description:
      'number of reverse proxies in front (`true` = 1): the client address for rate limits and logs is then taken from `X-Forwarded-For`',
    read: (raw, context) => {
      if (raw === undefined) return 0;
      const value = raw.trim().toLowerCase();
      if (TRUE.has(value) && value !== '1') return 1;
      if (FALSE.has(value) && value !== '0') return 0;
      return wholeNumber(0, 0, 10, 'true, false or a number of proxies')(raw, context);
    },
  }),
  row('metrics', {
    variable: 'METRICS',
    default: 'true',
    description: 'Prometheus metrics at `/metrics` (public: counts and timings only, see below)',
    read: flag(true),
  }),
  row('corsOrigins', {
    variable: 'CORS_ORIGINS',
    default: '*',
    description:
      'origins whose pages may call the API from a browser and send a token to write, comma-separated (`https://a.example,https://b.example`); `*`: any page reads, none writes; never with credentials',
    read: origins,
  }),
  row('executionWorkers', {
    variable: 'EXECUTION_WORKERS',
    default: '2',
    description:
      'worker threads executing operations, each with its own connection, so a costly one blocks neither the others nor `/health`; 0: on the main thread (no time budget)',
    read: wholeNumber(2, 0, 64, 'a number of threads, 0 for none'),
  }),
  row('requestTimeoutMs', {
    variable: 'REQUEST_TIMEOUT_MS',
    default: '5000',
    description:
      'time budget of one operation in a worker; past it 503 `TIME_BUDGET_EXCEEDED`, and the worker is stopped and replaced',
    read: wholeNumber(5000, 100, 600_000, 'milliseconds'),
  }),
  row('workerHeapMb', {
    variable: 'WORKER_HEAP_MB',
    default: '0',
    description:
      "the most JavaScript heap (MB) an execution worker may hold, at least 64 (a worker needs about 40 MB to start); 0: V8's own limit. An operation needing more gets 503 `MEMORY_BUDGET_EXCEEDED` and its worker is replaced. 192 makes V8 collect a busy worker's heap sooner: at a million articles the server's peak serving the mix fell from 433 to 326 MB, for 10-17% of its throughput",
    read: (raw, context) => {
      const megabytes = wholeNumber(0, 0, 16_384, 'megabytes, 0 for no bound')(raw, context);
      // A worker needs about 40 MB to load the schema and Prisma: below 64 it may not start at all.
      if (megabytes > 0 && megabytes < 64) throw new BadValue('must be 0 (no bound) or at least 64 megabytes');
      return megabytes;
    },
  }),
  row('redisUrl', {
    variable: 'REDIS_URL',
    default: 'none',
    description:
      'Redis shared by several instances behind a load balancer (`redis://host:6379`): subscriptions hear writes made through any instance, and the rate limit counts each client once across them',
    read: (raw) => {
      if (raw === undefined) return null;
      if (!/^rediss?:\/\//.test(raw.trim())) throw new BadValue('must be a redis:// or rediss:// URL');
      return raw.trim();
    },
  }),
  row('pgPoolSize', {
    variable: 'PG_POOL_SIZE',
    default: String(PG_POOL_DEFAULTS.size),
    description:
      'PostgreSQL: connections per process and per execution worker (at most `PG_POOL_SIZE × (EXECUTION_WORKERS + 1)` per instance)',
    read: wholeNumber(PG_POOL_DEFAULTS.size, 1, 1000, 'a number of connections'),
  }),
  row('pgPoolTimeoutMs', {
    variable: 'PG_POOL_TIMEOUT_MS',
    default: String(PG_POOL_DEFAULTS.connectionTimeoutMs),
    description:
      'PostgreSQL: how long a statement waits for a free connection; then 503 `DATABASE_UNAVAILABLE` with `Retry-After: 1`',
    read: wholeNumber(PG_POOL_DEFAULTS.connectionTimeoutMs, 1, 600_000, 'milliseconds'),
  }),
  row('pgStatementTimeoutMs', {
    variable: 'PG_STATEMENT_TIMEOUT_MS',
    default: String(PG_POOL_DEFAULTS.statementTimeoutMs),
    description:
      'PostgreSQL: the server cancels a statement running longer (`statement_timeout`); the client gets 503 `DATABASE_TIMEOUT`',
    read: wholeNumber(PG_POOL_DEFAULTS.statementTimeoutMs, 1, 3_600_000, 'milliseconds'),
  }),
  row('redisPrefix', {
    variable: 'REDIS_PREFIX',
    default: 'llm-atlas:',
    description:
      'what the keys and channels of this deployment begin with in Redis (two deployments on one Redis need two prefixes)',
    read: (raw) => raw ?? 'llm-atlas:',
  }),
] as const;

/** Reads and checks the environment; throws a {@link SettingsError} naming every bad value. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const context: ReadContext = { production: false };
  for (const setting of SETTINGS) {
    const raw = env[setting.variable];
    try {
      values[setting.field] = (setting.read as Reader<unknown>)(raw === '' ? undefined : raw, context);
    } catch (error) {
      if (!(error instanceof BadValue)) throw error;
      // A message that already names the variable (DATABASE_URL's) is complete as it is.
      const complete = error.message.startsWith(setting.variable);
      problems.push(complete ? error.message : `${setting.variable} ${error.message}, got "${raw}"`);
      values[setting.field] = undefined;
    }
    if (setting.field === 'production') context.production = values.production === true;
  }
  // INTROSPECTION follows GRAPHIQL in production unless set, and cannot be off under GraphiQL.
  const introspectionSet = env.INTROSPECTION !== undefined && env.INTROSPECTION !== '';
  if (!introspectionSet && context.production) values.introspection = values.graphiql;
  if (introspectionSet && values.introspection === false && values.graphiql === true) {
    problems.push(
      'INTROSPECTION=false needs GRAPHIQL=false: GraphiQL reads the schema by introspection (set both, or neither)',
    );
  }
  if (problems.length > 0) throw new SettingsError(problems);
  // The pool's settings and the replicas travel with the database's (to the execution workers too).
  const database = values.database as DatabaseConfig;
  if (database.provider === 'postgresql') {
    values.database = {
      ...database,
      pool: {
        size: values.pgPoolSize as number,
        connectionTimeoutMs: values.pgPoolTimeoutMs as number,
        statementTimeoutMs: values.pgStatementTimeoutMs as number,
      },
    };
  }
  try {
    const replicas = parseReplicaUrls(values.databaseReplicas as string, values.database as DatabaseConfig);
    if (replicas.length > 0) values.database = { ...(values.database as DatabaseConfig), replicas };
  } catch (error) {
    if (!(error instanceof DatabaseConfigError)) throw error;
    throw new SettingsError([error.message]);
  }
  return values as Env;
}

/**
 * What `createApp(database)` uses for a setting it is not given: the development defaults of
 * {@link readEnv}, except that nothing is rate limited (tests and embedders call it in a loop),
 * nothing is cached (tests count the statements of each request) and nothing is logged unless a
 * level or a logger is passed.
 */
export const APP_DEFAULTS: AppSettings = {
  logLevel: 'silent',
  graphiql: true,
  introspection: true,
  fieldSuggestions: true,
  rateLimitPerMinute: 0,
  maxInFlight: 64,
  responseCacheMb: 0,
  trustProxy: 0,
  metrics: true,
  corsOrigins: ['*'],
};
