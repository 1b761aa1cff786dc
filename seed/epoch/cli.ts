/**
 * `npm run import:epoch [-- --file <csv>] [--snapshot-date YYYY-MM-DD] [--skip-invalid] [--report <path>] [--force] [--create]`
 *
 * Imports Epoch AI's "Notable AI Models" CSV into the database of `DATABASE_URL` (migrating it
 * first) and prints what it did. Bad input, a database that cannot be written, a report path that
 * cannot be written, an older snapshot than the graph's (without --force) or a missing database
 * (without --create) exit with status 1 and one line saying what to do; nothing is written then.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/client.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../../src/db/config.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { phaseProgressBar, requireDatabaseFile, runCli } from '../cli-support.js';
import { checkWritableFile } from '../output-file.js';
import { EPOCH_SNAPSHOT_FILE, importEpoch } from './import.js';
import { formatSummary } from './summary.js';

const USAGE = `Usage: npm run import:epoch -- [options]

  --file <csv>              Epoch's CSV (default: ${EPOCH_SNAPSHOT_FILE})
  --snapshot-date <date>    date the file was taken, YYYY-MM-DD (default: 2026-01-26 for the shipped file)
  --skip-invalid            import the valid rows, list the others and write them to the report
  --report <path>           where --skip-invalid writes rejected rows (default: reports/epoch-rejected-<time>.csv)
  --mappings <yaml>         explicit mappings (default: seed/data/epoch/mappings.yaml)
  --force                   import a snapshot older than the graph's (its date becomes the source's)
  --create                  create the database file when it does not exist (npm start creates and fills it)
  --help                    show this text

The database is DATABASE_URL (default file:./data/llm-atlas.db).`;

let config: DatabaseConfig | undefined;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      'snapshot-date': { type: 'string' },
      'skip-invalid': { type: 'boolean', default: false },
      report: { type: 'string' },
      mappings: { type: 'string' },
      force: { type: 'boolean', default: false },
      create: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // npm runs scripts from the package folder; paths given on the command line are the user's.
  const here = (path: string | undefined) =>
    path === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), path);
  config = parseDatabaseUrl(process.env.DATABASE_URL);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const reportFile = values['skip-invalid']
    ? (here(values.report) ?? join('reports', `epoch-rejected-${stamp}.csv`))
    : undefined;
  // Every path this run writes is checked before the first write (migrations included).
  if (reportFile) checkWritableFile(reportFile, '--report');
  requireDatabaseFile(config, values.create, 'npm run import:epoch');
  await applyMigrations(config);
  const database = openDatabase(config);
  const bar = phaseProgressBar('Epoch import');
  try {
    const summary = await importEpoch(database, {
      file: here(values.file),
      snapshotDate: values['snapshot-date'],
      skipInvalid: values['skip-invalid'],
      reportFile,
      mappingsFile: here(values.mappings),
      allowOlderSnapshot: values.force,
      onProgress: bar ? (progress) => bar.update(progress) : undefined,
    });
    bar?.stop();
    await database.store.refreshStatistics();
    console.log(formatSummary(summary));
    return 0;
  } finally {
    bar?.stop();
    await database.prisma.$disconnect();
  }
}

runCli('import:epoch', main, { database: () => config });
