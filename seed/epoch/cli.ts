/**
 * `npm run import:epoch [-- --file <csv>] [--snapshot-date YYYY-MM-DD] [--skip-invalid] [--report <path>]`
 *
 * Imports Epoch AI's "Notable AI Models" CSV into the database of `DATABASE_URL` (migrating it
 * first) and prints what it did. Bad input exits with status 1 and a one-line message naming the
 * row and column; nothing is written then.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { openDatabase } from '../../src/db/client.js';
import { DatabaseConfigError, parseDatabaseUrl } from '../../src/db/config.js';
import { applyMigrations, MigrationError } from '../../src/db/migrations.js';
import { SeedDataError } from '../curated/load.js';
import { EpochInputError } from './csv.js';
import { EPOCH_SNAPSHOT_FILE, type EpochImportProgress, importEpoch } from './import.js';
import { EpochMappingsError } from './mappings.js';
import { formatSummary } from './summary.js';

const USAGE = `Usage: npm run import:epoch -- [options]

  --file <csv>              Epoch's CSV (default: ${EPOCH_SNAPSHOT_FILE})
  --snapshot-date <date>    date the file was taken, YYYY-MM-DD (default: 2026-01-26 for the shipped file)
  --skip-invalid            import the valid rows, list the others and write them to the report
  --report <path>           where --skip-invalid writes rejected rows (default: reports/epoch-rejected-<time>.csv)
  --mappings <yaml>         explicit mappings (default: seed/data/epoch/mappings.yaml)
  --help                    show this text

The database is DATABASE_URL (default file:./data/llm-atlas.db).`;

/** A progress bar on stderr, only for a person watching a terminal. */
function progressBar(): { update(progress: EpochImportProgress): void; stop(): void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'Epoch import {phase} [{bar}] {value}/{total}',
    hideCursor: true,
    clearOnComplete: true,
  });
  let phase: string | undefined;
  return {
    update(progress) {
      if (progress.phase !== phase) {
        if (phase === undefined) bar.start(progress.total, progress.done, { phase: progress.phase.padEnd(9) });
        else bar.setTotal(progress.total);
        phase = progress.phase;
      }
      bar.update(progress.done, { phase: progress.phase.padEnd(9) });
    },
    stop: () => bar.stop(),
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      'snapshot-date': { type: 'string' },
      'skip-invalid': { type: 'boolean', default: false },
      report: { type: 'string' },
      mappings: { type: 'string' },
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
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  await applyMigrations(config);
  const database = openDatabase(config);
  const bar = progressBar();
  try {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const summary = await importEpoch(database, {
      file: here(values.file),
      snapshotDate: values['snapshot-date'],
      skipInvalid: values['skip-invalid'],
      reportFile: values['skip-invalid']
        ? (here(values.report) ?? join('reports', `epoch-rejected-${stamp}.csv`))
        : undefined,
      mappingsFile: here(values.mappings),
      onProgress: bar ? (progress) => bar.update(progress) : undefined,
    });
    bar?.stop();
    console.log(formatSummary(summary));
    return 0;
  } finally {
    bar?.stop();
    await database.prisma.$disconnect();
  }
}

/** Errors that are the input's fault: one line, no stack. */
const EXPECTED = [EpochInputError, EpochMappingsError, SeedDataError, DatabaseConfigError, MigrationError];

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known =
      EXPECTED.some((type) => error instanceof type) || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const message = error instanceof Error ? error.message : String(error);
    // One line: the first line of the message (Prisma's carry the calling code below it).
    console.error(`import:epoch: ${message.split('\n').find((line) => line.trim() !== '') ?? message}`);
    if (!known && process.env.DEBUG) console.error(error);
    process.exitCode = 1;
  },
);
