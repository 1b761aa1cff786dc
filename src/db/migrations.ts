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
import { fileURLToPath } from 'node:url';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import { createAdapterFactory } from './client.js';
import { type DatabaseConfig, parseDatabaseUrl } from './config.js';
import { sqliteCode } from './errors.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `prisma/schema.prisma`. */
export const SCHEMA_PATH = join(root, 'prisma', 'schema.prisma');
/** `prisma/migrations`, in Prisma's layout: one folder per migration holding `migration.sql`. */
export const MIGRATIONS_DIR = join(root, 'prisma', 'migrations');

/**
 * Tables that migrations create but `schema.prisma` cannot describe: the FTS5 search index and
 * the shadow tables SQLite keeps for it (an external-content table keeps no `_content` table: its
 * text lives in `SearchDocument`). Without this list a schema diff would drop them. The triggers
 * that keep the index in step with `SearchDocument` need no entry: the schema engine's diff
 * leaves triggers alone (test/migrations.test.ts checks both).
 */
export const EXTERNAL_TABLES = [
  'SearchIndex',
  'SearchIndex_data',
  'SearchIndex_idx',
  'SearchIndex_docsize',
  'SearchIndex_config',
];
const filters: SchemaFilter = { externalTables: EXTERNAL_TABLES, externalEnums: [] };

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
  const inner = createAdapterFactory(config);
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
  const schema = readFileSync(SCHEMA_PATH, 'utf8');
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
export async function applyMigrations(config: DatabaseConfig, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrationsList = readMigrations(dir);
  return withEngine(config, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that would bring a database migrated with the committed migrations to what
 * `schema.prisma` describes. Empty when they agree (the drift check).
 */
export async function pendingSchemaChange(dir = MIGRATIONS_DIR): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'llm-atlas-migrate-'));
  try {
    const config = parseDatabaseUrl(`file:${join(scratch, 'scratch.db')}`);
    await applyMigrations(config, dir);
    return await diffDatabaseToSchema(config);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The SQL that would bring the live database to what `schema.prisma` describes ('' when none). */
export async function diffDatabaseToSchema(config: DatabaseConfig): Promise<string> {
  const schema = readFileSync(SCHEMA_PATH, 'utf8');
  const files = [{ path: 'schema.prisma', content: schema }];
  return withEngine(config, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: root },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters,
    });
    const sql = result.stdout ?? '';
    return sql.includes('-- This is an empty migration.') ? '' : sql;
  });
}

/**
 * Writes the next migration (`<timestamp>_<name>/migration.sql`) from the difference between the
 * committed migrations and `schema.prisma`. Answers its folder, or undefined when nothing changed.
 */
export async function createMigration(name: string, dir = MIGRATIONS_DIR): Promise<string | undefined> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new MigrationError(`Migration name "${name}" must be lowercase letters, digits and underscores.`);
  }
  const sql = await pendingSchemaChange(dir);
  if (sql === '') return undefined;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = join(dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'migration.sql'), sql);
  const lockPath = join(dir, 'migration_lock.toml');
  if (!existsSync(lockPath)) {
    writeFileSync(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
    );
  }
  return folder;
}

/**
 * The committed migrations the database has not applied (all of them for a new file), read from
 * `_prisma_migrations` without loading the engine: a server that only serves checks this.
 */
export async function pendingMigrations(config: DatabaseConfig, dir = MIGRATIONS_DIR): Promise<string[]> {
  const committed = readMigrations(dir).migrationDirectories.map((migration) => migration.path);
  const adapter = await createAdapterFactory(config).connect();
  try {
    const tables = await adapter.queryRaw({
      sql: `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
      args: [],
      argTypes: [],
    });
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
