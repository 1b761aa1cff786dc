/**
 * Migrations with Prisma's own schema engine, compiled to WebAssembly.
 *
 * The Prisma CLI needs a native engine binary that it downloads on first use; that download is
 * not possible offline. The same engine ships as WebAssembly in `@prisma/schema-engine-wasm` and
 * runs in-process over our driver adapter, keeping `_prisma_migrations` exactly as
 * `prisma migrate deploy` does, so either tool can migrate the same database.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import { PROJECT_ROOT } from '../paths.js';
import { createAdapterFactory } from './client.js';
import { type DatabaseConfig, parseDatabaseUrl } from './config.js';
import { sqliteCode } from './errors.js';
import { dropPostgresSchema, withAdvisoryLock } from './postgres/admin.js';

const root = PROJECT_ROOT;
/** `prisma/schema.prisma`: the models, for SQLite, and the source PostgreSQL's is derived from. */
export const SCHEMA_PATH = join(root, 'prisma', 'schema.prisma');
/** `prisma/migrations`, in Prisma's layout: one folder per migration holding `migration.sql`. */
export const MIGRATIONS_DIR = join(root, 'prisma', 'migrations');
/** `prisma/postgresql/schema.prisma`, derived from {@link SCHEMA_PATH} by `npm run generate`. */
export const POSTGRES_SCHEMA_PATH = join(root, 'prisma', 'postgresql', 'schema.prisma');
/** `prisma/postgresql/migrations`: PostgreSQL's own migrations, made and applied the same way. */
export const POSTGRES_MIGRATIONS_DIR = join(root, 'prisma', 'postgresql', 'migrations');

/**
 * Tables that migrations create but `schema.prisma` cannot describe: the FTS5 search index
 * (`SearchRank`: the documents' text, start and grams, each under a rowid that is its place in
 * search's order) and the shadow tables SQLite keeps for it (contentless: no `_content` table, the
 * text lives in `SearchDocument`). Without this list a schema diff would drop them. The triggers
 * that keep the index in step with `SearchDocument` need no entry: the schema engine's diff
 * leaves triggers alone (test/migrations.test.ts checks both).
 */
export const EXTERNAL_TABLES = [
  'SearchRank',
  'SearchRank_data',
  'SearchRank_idx',
  'SearchRank_docsize',
  'SearchRank_config',
];

/**
 * Indexes of PostgreSQL's migrations that its Prisma schema cannot describe (where the nulls go:
 * the articles' and the models' orders, migrations article_order_indexes and
 * model_order_indexes). A schema diff would drop them; the drift check and new migrations leave
 * them alone. (SQLite's twins are indexes on expressions, which its schema engine leaves alone by
 * itself.)
 */
export const HAND_WRITTEN_INDEXES = [
  'Article_publishedAt_last_asc_idx',
  'Article_publishedAt_last_desc_idx',
  'Article_citations_last_asc_idx',
  'Article_citations_last_desc_idx',
  'Model_parameters_last_asc_idx',
  'Model_parameters_last_desc_idx',
  'Model_releaseDate_last_asc_idx',
  'Model_releaseDate_last_desc_idx',
];

/** What migrating a database of one provider takes: its schema file, its migrations, its filters. */
type MigrationSet = Readonly<{
  schemaPath: string;
  dir: string;
  filters: SchemaFilter;
  provider: string;
  /** Indexes its migrations make that a diff against the schema must not drop. */
  handWrittenIndexes: readonly string[];
}>;

const MIGRATION_SETS: Record<DatabaseConfig['provider'], MigrationSet> = {
  sqlite: {
    schemaPath: SCHEMA_PATH,
    dir: MIGRATIONS_DIR,
    filters: { externalTables: EXTERNAL_TABLES, externalEnums: [] },
    provider: 'sqlite',
    handWrittenIndexes: [],
  },
  // PostgreSQL's search index is an index of `SearchDocument`, which the schema describes.
  postgresql: {
    schemaPath: POSTGRES_SCHEMA_PATH,
    dir: POSTGRES_MIGRATIONS_DIR,
    filters: { externalTables: [], externalEnums: [] },
    provider: 'postgresql',
    handWrittenIndexes: HAND_WRITTEN_INDEXES,
  },
};

/** The schema file, migrations folder and filters of a provider. */
export function migrationSetOf(provider: DatabaseConfig['provider']): MigrationSet {
  return MIGRATION_SETS[provider];
}

type WasmEngineModule = { SchemaEngine: typeof SchemaEngine };
/** The global `WebAssembly` (its types live in the DOM lib, which a server project does not load). */
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
    };
  }
).WebAssembly;
let enginePromise: Promise<WasmEngineModule> | undefined;

/** Loads the WebAssembly engine once (Node 20 cannot import `.wasm` modules, so it is instantiated by hand). */
function loadEngineModule(): Promise<WasmEngineModule> {
  enginePromise ??= (async () => {
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as WasmEngineModule & {
      __wbg_set_wasm(exports: unknown): void;
    };
    const require = createRequire(import.meta.url);
    // The package exports no `package.json`; its glue file sits beside the `.wasm`.
    const packageDir = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = readFileSync(join(packageDir, 'schema_engine_bg.wasm'));
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return enginePromise;
}

/** Thrown when the engine fails; the message carries the driver's own error where there is one. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

async function withEngine<T>(config: DatabaseConfig, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  // The engine opens connections but does not close them when freed; an open SQLite connection
  // keeps its lock, so track them and dispose of them ourselves.
  const inner = createAdapterFactory(config, { schemaEngine: true });
  const opened: SqlDriverAdapter[] = [];
  // The engine turns a driver error into text (SQLITE_BUSY even into "unknown variant
  // `SocketTimeout`"): keep the driver's own error as the MigrationError's cause.
  let driverError: unknown;
  const recording = recordErrors((error) => {
    // Only what stops the engine outright: it probes for tables and handles "no such table".
    if (OPERATIONAL_CODES.has(sqliteCode(error) ?? '')) driverError = error;
  });
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      opened.push(adapter);
      return recording(adapter);
    },
    connectToShadowDb: async () => {
      const adapter = await inner.connectToShadowDb();
      opened.push(adapter);
      return recording(adapter);
    },
  };
  const factory = bindMigrationAwareSqlAdapterFactory(tracking);
  const schema = readFileSync(migrationSetOf(config.provider).schemaPath, 'utf8');
  const log = () => {};
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, log, factory);
    return await run(engine);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const id = /External error id#(\d+)/.exec(message)?.[1];
    const cause = id ? factory.errorRegistry.consumeError(Number(id)) : undefined;
    const detail = cause ? ` (${JSON.stringify(cause.error ?? cause)})` : '';
    throw new MigrationError(`${message}${detail}`, { cause: driverError ?? cause?.error ?? error });
  } finally {
    engine?.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

/** SQLite codes that say the file cannot be used as it is, not that a statement was wrong. */
const OPERATIONAL_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_PERM',
  'SQLITE_CANTOPEN',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_FULL',
  'SQLITE_IOERR',
]);

/**
 * Wraps a driver adapter (and the transactions it starts) so that every error its methods throw
 * is reported to `record` before it reaches the engine.
 */
function recordErrors(record: (error: unknown) => void) {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        const value = Reflect.get(object, key, object);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          try {
            const result = value.apply(object, args);
            if (!(result instanceof Promise)) return result;
            return result.then(
              (answer: unknown) =>
                key === 'startTransaction' && answer && typeof answer === 'object' ? wrap(answer) : answer,
              (error: unknown) => {
                record(error);
                throw error;
              },
            );
          } catch (error) {
            record(error);
            throw error;
          }
        };
      },
    });
  return wrap;
}

/** The committed migrations, read from disk in the shape the engine takes. */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = join(dir, 'migration_lock.toml');
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: readFileSync(join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/**
 * Applies the committed migrations that the database has not seen yet, like
 * `prisma migrate deploy`. Answers the names of the migrations applied (empty when up to date).
 */
export async function applyMigrations(
  config: DatabaseConfig,
  dir = migrationSetOf(config.provider).dir,
): Promise<string[]> {
  // Up to date (every committed migration finished): said by the migrations table, without
  // loading Prisma's schema engine, which costs a start on an existing database 140 ms. A
  // migration another instance is applying, or one that failed, is not finished: the engine runs
  // (and waits for the other instance, or says what failed).
  if ((await pendingMigrations(config, dir)).length === 0) return [];
  const migrationsList = readMigrations(dir);
  const { filters } = migrationSetOf(config.provider);
  const apply = () =>
    withEngine(config, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters });
      return appliedMigrationNames;
    });
  if (config.provider === 'sqlite') return apply();
  // Several instances may start at once: the first migrates, the others wait for it and find
  // nothing to do. SQLite's engine locks the file itself.
  return withAdvisoryLock(config, 'migrate', async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
    return apply();
  });
}

/**
 * The SQL that would bring a database migrated with the committed migrations of `provider` to
 * what its schema describes. Empty when they agree (the drift check). PostgreSQL's needs a
 * server to migrate a scratch schema on: `postgresUrl` (a schema of its own is made and dropped).
 */
export async function pendingSchemaChange(
  provider: DatabaseConfig['provider'] = 'sqlite',
  options: { dir?: string; postgresUrl?: string } = {},
): Promise<string> {
  const dir = options.dir ?? migrationSetOf(provider).dir;
  if (provider === 'postgresql') {
    if (!options.postgresUrl) throw new MigrationError('A PostgreSQL server is needed to compare its migrations.');
    const base = parseDatabaseUrl(options.postgresUrl);
    if (base.provider !== 'postgresql') throw new MigrationError(`${options.postgresUrl} is not a PostgreSQL URL.`);
    const config = { ...base, schema: `scratch_${process.pid}_${Date.now().toString(36)}` };
    try {
      await applyMigrations(config, dir);
      return await diffDatabaseToSchema(config);
    } finally {
      await dropPostgresSchema(config);
    }
  }
  const scratch = mkdtempSync(join(tmpdir(), 'llm-atlas-migrate-'));
  try {
    const config = parseDatabaseUrl(`file:${join(scratch, 'scratch.db')}`);
    await applyMigrations(config, dir);
    return await diffDatabaseToSchema(config);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The SQL that would bring the live database to what its schema describes ('' when none). */
export async function diffDatabaseToSchema(config: DatabaseConfig): Promise<string> {
  const { schemaPath, filters, handWrittenIndexes } = migrationSetOf(config.provider);
  const files = [{ path: 'schema.prisma', content: readFileSync(schemaPath, 'utf8') }];
  return withEngine(config, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: root },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters,
    });
    let sql = result.stdout ?? '';
    for (const index of handWrittenIndexes)
      sql = sql.replace(new RegExp(`-- DropIndex\\nDROP INDEX (?:"\\w+"\\.)?"${index}";\\n*`), '');
    return sql.includes('-- This is an empty migration.') || sql.trim() === '' ? '' : sql;
  });
}

/**
 * Writes the next migration (`<timestamp>_<name>/migration.sql`) of each provider from the
 * difference between its committed migrations and its schema (run `npm run generate` first, which
 * derives PostgreSQL's). PostgreSQL's is made on the server at `postgresUrl`; without one only
 * SQLite's is written, and the answer says so. Answers the folders written.
 */
export async function createMigration(
  name: string,
  options: { postgresUrl?: string } = {},
): Promise<{ folders: string[]; skipped: string[] }> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new MigrationError(`Migration name "${name}" must be lowercase letters, digits and underscores.`);
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folders: string[] = [];
  const skipped: string[] = [];
  for (const provider of ['sqlite', 'postgresql'] as const) {
    if (provider === 'postgresql' && !options.postgresUrl) {
      skipped.push(provider);
      continue;
    }
    const { dir } = migrationSetOf(provider);
    const sql = await pendingSchemaChange(provider, { postgresUrl: options.postgresUrl });
    if (sql === '') continue;
    const folder = join(dir, `${stamp}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'migration.sql'), sql);
    const lockPath = join(dir, 'migration_lock.toml');
    if (!existsSync(lockPath)) {
      writeFileSync(
        lockPath,
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
      );
    }
    folders.push(folder);
  }
  return { folders, skipped };
}

/**
 * The committed migrations the database has not applied (all of them for a new file), read from
 * `_prisma_migrations` without loading the engine: a server that only serves checks this.
 */
export async function pendingMigrations(
  config: DatabaseConfig,
  dir = migrationSetOf(config.provider).dir,
): Promise<string[]> {
  const committed = readMigrations(dir).migrationDirectories.map((migration) => migration.path);
  const adapter = await createAdapterFactory(config).connect();
  try {
    const tables = await adapter.queryRaw(
      config.provider === 'sqlite'
        ? {
            sql: `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
            args: [],
            argTypes: [],
          }
        : {
            sql: `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = '_prisma_migrations'`,
            args: [config.schema],
            argTypes: [{ scalarType: 'string', arity: 'scalar' }],
          },
    );
    if (tables.rows.length === 0) return committed;
    const applied = await adapter.queryRaw({
      sql: 'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    const names = new Set(applied.rows.map((row) => String(row[0])));
    return committed.filter((name) => !names.has(name));
  } finally {
    await adapter.dispose();
  }
}
