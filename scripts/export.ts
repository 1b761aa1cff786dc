/**
 * `npm run export -- --format jsonld|csv|graphml --out <dir>`: writes the graph at DATABASE_URL in
 * a format others' tools read (src/export/formats.ts), with `LICENSES.md` naming the licence,
 * attribution and snapshot date of every source it includes. Files are written beside their
 * final names and renamed when whole, so a failed export never leaves a file that looks whole.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { requireDatabaseFile, runCli } from '../seed/cli-support.js';
import { openDatabase } from '../src/db/client.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../src/db/config.js';
import { EXPORT_FORMATS, type ExportFormat, exportFiles } from '../src/export/formats.js';
import { readGraphTables } from '../src/export/tables.js';

const USAGE = 'usage: npm run export -- --format jsonld|csv|graphml --out <dir>';

let config: DatabaseConfig | undefined;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { format: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format as ExportFormat | undefined;
  if (!format || !EXPORT_FORMATS.includes(format) || !values.out) throw new Error(USAGE);
  // npm runs scripts from the package folder; the folder given is the user's.
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  try {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `.write-check-${process.pid}`), '');
    rmSync(join(out, `.write-check-${process.pid}`));
  } catch {
    throw new Error(`cannot write into ${out}: it is not a folder this user can write`);
  }
  config = parseDatabaseUrl(process.env.DATABASE_URL);
  requireDatabaseFile(config, false, 'npm run export');
  const database = openDatabase(config);
  try {
    const started = Date.now();
    const files = exportFiles(await readGraphTables(database.prisma), format);
    for (const file of files) {
      const target = join(out, file.name);
      const partial = `${target}.partial-${process.pid}`;
      writeFileSync(partial, file.text);
      renameSync(partial, target);
    }
    const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
    console.log(
      `Exported ${files.length} file(s), ${(bytes / 1024 / 1024).toFixed(1)} MB, as ${format} into ${out} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
    return 0;
  } finally {
    await database.prisma.$disconnect();
  }
}

runCli('export', main, { database: () => config });
