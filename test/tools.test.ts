/**
 * The command-line tools as an operator runs them (`npm run import:epoch`, `npm run seed`,
 * `npm run db:migrate`, `npm start`), as real processes against databases that cannot be used as
 * they are: each failure is exit status 1 and one line on stderr saying what to do (no stack, no
 * Prisma "Invalid `…` invocation", no Rust backtrace), and nothing is written.
 *
 * Every test copies a small graph (Epoch's quirks fixture, snapshot 2026-01-26) into a folder of
 * its own under the OS temporary folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEpoch } from '../seed/epoch/import.js';
import { prepareDatabase } from '../seed/prepare.js';
import { openDatabase } from '../src/db/client.js';
import { parseDatabaseUrl } from '../src/db/config.js';
import { errorLine } from '../src/db/errors.js';
import { applyMigrations, readMigrations } from '../src/db/migrations.js';
import { epochFixture } from './helpers/epoch-fixtures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'llm-atlas-tools-'));
const template = join(base, 'template.db');
/** Undo steps (immutable flags, mounts) that must run before the folders can be removed. */
const undo: (() => void)[] = [];

beforeAll(async () => {
  const config = parseDatabaseUrl(`file:${template}`);
  await applyMigrations(config);
  const database = openDatabase(config);
  await importEpoch(database, { file: epochFixture('quirks.csv'), snapshotDate: '2026-01-26' });
  await database.prisma.$disconnect();
});

afterAll(() => {
  for (const step of undo.reverse()) step();
  rmSync(base, { recursive: true, force: true });
});

/** Each tool's script and the arguments it runs with unless a test gives others. */
const TOOLS = {
  'import:epoch': ['seed/epoch/cli.ts', '--file', epochFixture('quirks-newer.csv'), '--snapshot-date', '2026-02-26'],
  seed: ['seed/curated/cli.ts'],
  'db:migrate': ['scripts/migrate.ts', 'deploy'],
  start: ['seed/start.ts'],
} as const;
type Tool = keyof typeof TOOLS;
const NEWER = ['--file', epochFixture('quirks-newer.csv'), '--snapshot-date', '2026-02-26'];

type Run = { status: number | null; stdout: string; stderr: string; ms: number };

/**
 * Runs a tool as its npm script does (`node scripts/run.mjs <script> <args>`: the compiled script) from the package folder, with `DATABASE_URL`;
 * `args` replace the tool's own ({@link TOOLS}).
 */
function run(tool: Tool, databaseUrl: string, args?: string[], timeoutMs = 60_000): Promise<Run> {
  const [script, ...defaults] = TOOLS[tool];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'run.mjs'), script, ...(args ?? defaults)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${tool} ran over ${timeoutMs} ms (stderr: ${stderr})`));
    }, timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** A copy of the template graph in a folder of its own. */
function freshDatabase(name: string): { folder: string; file: string; url: string } {
  const folder = mkdtempSync(join(base, `${name}-`));
  const file = join(folder, 'atlas.db');
  copyFileSync(template, file);
  return { folder, file, url: `file:${file}` };
}

/** Row counts of every table, Epoch's snapshot date and the bytes of the file: what "nothing written" means. */
function fingerprint(file: string) {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[];
    const counts = Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]),
    );
    const snapshot = db.prepare(`SELECT snapshotDate FROM "Source" WHERE slug = 'epoch-notable-ai-models'`).get() as {
      snapshotDate: string | null;
    };
    return {
      counts,
      snapshotDate: snapshot.snapshotDate?.slice(0, 10),
      sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    };
  } finally {
    db.close();
  }
}

/** A failure as every tool must end: status 1, nothing on stdout, exactly this one line on stderr. */
function expectOneLine(result: Run, line: string) {
  expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
    status: 1,
    stdout: '',
    stderr: `${line}\n`,
  });
  expect(result.stderr).not.toContain('Invalid `');
  expect(result.stderr).not.toMatch(/ {4}at |\.rs:\d+|node_modules/);
}

/**
 * How this machine can make a file read-only for the tools. Permission bits do not stop root, so
 * as root the file is marked immutable (`chattr +i`, which stops root too), or where that is
 * refused its folder is bound read-only onto itself. Undefined when neither works here.
 */
const readOnlyMethod = ((): 'chmod' | 'chattr' | 'mount' | undefined => {
  if (process.getuid?.() !== 0) return 'chmod';
  const folder = mkdtempSync(join(base, 'probe-'));
  const file = join(folder, 'probe');
  writeFileSync(file, '');
  if (spawnSync('chattr', ['+i', file]).status === 0) {
    spawnSync('chattr', ['-i', file]);
    return 'chattr';
  }
  if (spawnSync('mount', ['--bind', folder, folder]).status === 0) {
    spawnSync('umount', [folder]);
    return 'mount';
  }
  return undefined;
})();

/** Makes `file` (in its own `folder`) read-only by {@link readOnlyMethod}; undone before cleanup. */
function makeReadOnly(file: string, folder: string): void {
  if (readOnlyMethod === 'chmod') {
    chmodSync(file, 0o444);
  } else if (readOnlyMethod === 'chattr') {
    spawnSync('chattr', ['+i', file]);
    undo.push(() => spawnSync('chattr', ['-i', file]));
  } else if (readOnlyMethod === 'mount') {
    spawnSync('mount', ['--bind', folder, folder]);
    spawnSync('mount', ['-o', 'remount,ro,bind', folder]);
    undo.push(() => spawnSync('umount', [folder]));
  }
}

const lockedLine = (file: string) =>
  `the database file ${file} is locked by another process writing to it (an import or a server): wait for it to finish or stop it, then retry; nothing was written`;
const readOnlyLine = (file: string) =>
  `the database file ${file} is read-only: make it and its folder writable (or point DATABASE_URL at a writable copy), then run again; nothing was written`;

describe('a database that cannot be written', () => {
  it.skipIf(readOnlyMethod === undefined).each(['import:epoch', 'seed'] as const)(
    `%s on a read-only file (made so by ${readOnlyMethod ?? 'nothing: as root, neither chattr nor a bind mount works here'}) says so in one line`,
    async (tool) => {
      const { folder, file, url } = freshDatabase('read-only');
      makeReadOnly(file, folder);
      // The proof that the file really is read-only, whatever made it so.
      const probe = new Sqlite(file);
      try {
        expect(() => probe.exec('CREATE TABLE probe (x)')).toThrow(/readonly/);
      } finally {
        probe.close();
      }
      const before = fingerprint(file);
      const result = await run(tool, url);
      expectOneLine(result, `${tool}: ${readOnlyLine(file)}`);
      expect(fingerprint(file)).toEqual(before);
    },
  );

  it.each(['import:epoch', 'seed'] as const)(
    '%s on a database another connection holds a write lock on says so in one line',
    async (tool) => {
      const { file, url } = freshDatabase('locked');
      const before = fingerprint(file);
      const holder = new Sqlite(file);
      holder.exec('BEGIN IMMEDIATE');
      try {
        const result = await run(tool, url);
        expectOneLine(result, `${tool}: ${lockedLine(file)}`);
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      expect(fingerprint(file)).toEqual(before);
    },
  );
});

describe('a DATABASE_URL that is not a database', () => {
  const prefix: Record<Tool, string> = {
    'import:epoch': 'import:epoch: ',
    seed: 'seed: ',
    'db:migrate': 'db:migrate: ',
    start: 'llm-atlas could not start: ',
  };

  it.each(Object.keys(TOOLS) as Tool[])('%s refuses a folder in one line and leaves it empty', async (tool) => {
    const folder = mkdtempSync(join(base, 'folder-'));
    const path = join(folder, 'atlas.db');
    mkdirSync(path);
    const result = await run(tool, `file:${path}`);
    expectOneLine(
      result,
      `${prefix[tool]}DATABASE_URL names ${path}, which is a folder, not a database file: point it at a file, such as file:${path}/llm-atlas.db`,
    );
    expect(spawnSync('ls', ['-A', path]).stdout.toString()).toBe('');
  });

  it.each(Object.keys(TOOLS) as Tool[])('%s refuses a text file in one line and leaves it as it was', async (tool) => {
    const folder = mkdtempSync(join(base, 'text-'));
    const path = join(folder, 'atlas.db');
    writeFileSync(path, 'name,parameters\ngpt-3,175000000000\n');
    const result = await run(tool, `file:${path}`);
    expectOneLine(
      result,
      `${prefix[tool]}DATABASE_URL names ${path}, which is not a SQLite database: point DATABASE_URL at the graph's file, or move this one away`,
    );
    expect(readFileSync(path, 'utf8')).toBe('name,parameters\ngpt-3,175000000000\n');
    expect(spawnSync('ls', ['-A', folder]).stdout.toString()).toBe('atlas.db\n');
  });

  it('refuses an unsupported scheme in one line', async () => {
    const result = await run('import:epoch', 'mysql://localhost/atlas');
    expectOneLine(
      result,
      'import:epoch: DATABASE_URL "mysql://localhost/atlas" is not understood: expected a SQLite file URL such as file:./data/llm-atlas.db, or postgresql://user@host:5432/database',
    );
  });

  it('refuses a path under a file in one line', async () => {
    const folder = mkdtempSync(join(base, 'under-file-'));
    writeFileSync(join(folder, 'plain'), 'x');
    const path = join(folder, 'plain', 'atlas.db');
    const result = await run('import:epoch', `file:${path}`, [...NEWER, '--create']);
    expectOneLine(
      result,
      `import:epoch: DATABASE_URL names ${path}, but ${join(folder, 'plain')} is a file, not a folder: point DATABASE_URL at a file in a folder`,
    );
  });

  // `mkdirSync(…, { recursive: true })` loops forever under /proc: this once never returned.
  it('refuses a folder that cannot be created (under /proc) in one line, promptly', async () => {
    const result = await run('db:migrate', 'file:/proc/llm-atlas/data/atlas.db', undefined, 30_000);
    expectOneLine(
      result,
      "db:migrate: cannot create the folder /proc/llm-atlas for DATABASE_URL's file /proc/llm-atlas/data/atlas.db (ENOENT): create it or choose another path",
    );
  });
});

describe('import:epoch --skip-invalid --report <path that cannot be written>', () => {
  const badFile = epochFixture('bad-values.csv');

  it.each([
    [
      'under a regular file',
      (folder: string) => join(folder, 'plain.txt', 'rejected.csv'),
      (folder: string) => `${join(folder, 'plain.txt')} is a file, not a folder`,
    ],
    ['that is a folder', (folder: string) => folder, () => 'it is a folder'],
    [
      'under /proc (once an endless loop)',
      () => '/proc/llm-atlas/reports/rejected.csv',
      () => '/proc: the folder does not accept new files (ENOENT)',
    ],
  ])('refuses a report path %s before writing anything', async (_, reportPath, why) => {
    const { folder, file, url } = freshDatabase('report');
    writeFileSync(join(folder, 'plain.txt'), 'x');
    const report = reportPath(folder);
    const before = fingerprint(file);
    const result = await run(
      'import:epoch',
      url,
      ['--file', badFile, '--snapshot-date', '2026-02-26', '--skip-invalid', '--report', report],
      30_000,
    );
    expectOneLine(result, `import:epoch: --report ${report} cannot be written: ${why(folder)}; nothing was imported`);
    expect(fingerprint(file)).toEqual(before);
    // Nothing but the database (and, once it was opened, its write-ahead log files) and the file that was there.
    const files = readdirSync(folder).filter((name) => !/\.db-(wal|shm)$/.test(name));
    expect(files.sort()).toEqual(['atlas.db', 'plain.txt']);
  });
});

describe('an older Epoch snapshot than the graph holds', () => {
  it('is refused without --force, naming both dates, and nothing is written', async () => {
    const { file, url } = freshDatabase('older');
    const before = fingerprint(file);
    expect(before.snapshotDate).toBe('2026-01-26');
    const result = await run('import:epoch', url, [
      '--file',
      epochFixture('quirks.csv'),
      '--snapshot-date',
      '2025-06-30',
    ]);
    expectOneLine(
      result,
      "import:epoch: the graph holds Epoch AI's snapshot of 2026-01-26; this one is dated 2025-06-30, which is older: nothing was imported (--force imports it anyway and moves the snapshot date back)",
    );
    expect(fingerprint(file)).toEqual(before);
  });

  it('is imported with --force, and the snapshot date moves back', async () => {
    const { file, url } = freshDatabase('older-force');
    const result = await run('import:epoch', url, [
      '--file',
      epochFixture('quirks.csv'),
      '--snapshot-date',
      '2025-06-30',
      '--force',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('snapshot 2025-06-30');
    expect(result.stdout).toContain('this file is dated 2025-06-30, which is older');
    expect(fingerprint(file).snapshotDate).toBe('2025-06-30');
  });
  // npm start imports the shipped snapshot again after a migration: it must not replace a newer one.
  it('is not imported by npm start over a newer snapshot someone imported', async () => {
    const { file } = freshDatabase('start-keeps-newer');
    const database = openDatabase(parseDatabaseUrl(`file:${file}`));
    try {
      await database.prisma.$executeRawUnsafe(
        `UPDATE "Source" SET "snapshotDate" = '2026-06-01T00:00:00.000Z' WHERE slug = 'epoch-notable-ai-models'`,
      );
      // As bootstrap.test.ts does: a migration the database has not seen makes the start refresh.
      const migration = readMigrations().migrationDirectories.find((folder) => folder.path.endsWith('_model_tasks'));
      await database.prisma.$executeRawUnsafe('DROP TABLE "ModelTask"');
      await database.prisma.$executeRawUnsafe(
        'DELETE FROM "_prisma_migrations" WHERE "migration_name" = ?',
        migration?.path,
      );
      const log: string[] = [];
      await prepareDatabase(database, (line) => log.push(line));
      expect(log.at(-1)).toBe("Kept Epoch AI's snapshot of 2026-06-01 (the shipped one is older).");
    } finally {
      await database.prisma.$disconnect();
    }
    expect(fingerprint(file).snapshotDate).toBe('2026-06-01');
  });
});

describe('scripts/run.mjs, which the npm scripts run entries through', () => {
  const runEntry = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'scripts', 'run.mjs'), ...args], { cwd: root, encoding: 'utf8' });

  it('refuses, in one line, a source that is not an entry, and says what one is', () => {
    const result = runEntry('src/env.ts');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "could not compile the sources: src/env.ts is not an entry: the entries are the sources package.json's scripts run through scripts/run.mjs\n",
    );
  });

  it('says how it is used when given no TypeScript source', () => {
    const result = runEntry();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('usage: node scripts/run.mjs <source.ts> [args...]\n');
  });

  it('passes the entry its own arguments, as if it had been run itself', () => {
    const result = runEntry('scripts/token.ts', '--help');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('npm run token -- create --name <name> --role editor|admin');
  });
});

describe('a database file that does not exist', () => {
  it.each([
    ['import:epoch', 'npm run import:epoch'],
    ['seed', 'npm run seed'],
  ] as const)('%s refuses to create one unless --create, saying how', async (tool, command) => {
    const folder = mkdtempSync(join(base, 'missing-'));
    const file = join(folder, 'data', 'atlas.db');
    const result = await run(tool, `file:${file}`);
    expectOneLine(
      result,
      `${tool}: there is no database at ${file} (DATABASE_URL): run npm start once to create and fill it, or ${command} -- --create to start a new graph holding only this import`,
    );
    expect(existsSync(join(folder, 'data'))).toBe(false);
  });

  it('import:epoch --create creates it', async () => {
    const folder = mkdtempSync(join(base, 'create-'));
    const file = join(folder, 'data', 'atlas.db');
    const result = await run('import:epoch', `file:${file}`, [...NEWER, '--create']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('snapshot 2026-02-26');
    expect(fingerprint(file).counts.Model).toBeGreaterThan(0);
  });
});

describe('errorLine', () => {
  it('keeps the reason of a Prisma error without a SQLite code, not its invocation and code frame', () => {
    const error = new Error(
      '\nInvalid `delegate(session).update()` invocation in\n/work/src/graph/nodes.ts:223:54\n\n  222 create: async () =>\n→ 223 update: (session) => delegate(session).update(\nSome constraint failed',
    );
    expect(errorLine(error)).toBe('Some constraint failed');
  });

  it('keeps the first line of a schema-engine message, not its Rust backtrace', () => {
    const error = new Error(
      'Migration failed\n   0: sql_schema_connector::apply_migration\n             at schema-engine/connectors/x.rs:17',
    );
    expect(errorLine(error)).toBe('Migration failed');
  });

  it("reads SQLite's code from Prisma's meta and names the file", () => {
    const error = Object.assign(new Error('Invalid `tx.source.update()` invocation'), {
      code: 'P2039',
      meta: { driverAdapterError: { cause: { originalCode: 'SQLITE_READONLY_DIRECTORY' } } },
    });
    expect(errorLine(error, { label: '/data/atlas.db', filePath: '/data/atlas.db' })).toBe(
      readOnlyLine('/data/atlas.db'),
    );
  });
});
