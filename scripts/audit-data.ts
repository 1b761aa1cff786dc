/**
 * `npm run audit:data [-- --database <url>] [--write-baseline] [--json]`
 *
 * Prints the graph's data-quality figures (scripts/audit-figures.ts), one line each with the
 * worst examples, against the committed baseline (seed/data/audit-baseline.json). By default it
 * builds the graph exactly as `npm start` does (migrations, the note, the curated data, Epoch AI's
 * snapshot: seed/prepare.ts) on a temporary SQLite file, deleted afterwards; `--database <url>`
 * audits that database as it is instead, reading it only.
 *
 * Exits with status 1 when an invariant is not 0 or a figure is worse (higher) than the baseline.
 * `--write-baseline` records the figures of the freshly built graph as the new baseline: run it
 * after curation lowers a figure (the test then holds the gain), or when a change raises one on
 * purpose (say why in the commit).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../seed/prepare.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { parseDatabaseUrl } from '../src/db/config.js';
import { errorLine } from '../src/db/errors.js';
import {
  AUDIT_FIGURE_NAMES,
  AUDIT_FIGURES,
  auditFigures,
  auditImprovements,
  auditProblems,
  BASELINE_FILE,
  formatFigures,
  readBaseline,
  writeBaseline,
} from './audit-figures.js';

const USAGE = `Usage: npm run audit:data -- [options]

  --database <url>    audit this database as it is (e.g. file:./data/llm-atlas.db) instead of
                      building the graph npm start builds on a temporary file
  --write-baseline    write the figures as the new baseline (${relative(process.cwd(), BASELINE_FILE)})
  --json              print the figures as JSON
  --help              show this text`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      'write-baseline': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values['write-baseline'] && values.database !== undefined) {
    console.error('--write-baseline records the graph npm start builds: leave out --database');
    return 1;
  }
  let folder: string | undefined;
  let database: Database;
  if (values.database !== undefined) {
    const config = parseDatabaseUrl(values.database, process.env.INIT_CWD ?? process.cwd());
    if (config.provider === 'sqlite' && !existsSync(config.filePath)) {
      console.error(`${config.filePath} does not exist: --database audits a database npm start has prepared`);
      return 1;
    }
    database = openDatabase(config);
  } else {
    folder = mkdtempSync(join(tmpdir(), 'llm-atlas-audit-'));
    database = openDatabase(parseDatabaseUrl(`file:${join(folder, 'audit.db')}`));
    console.error('Building the graph as npm start does, on a temporary database...');
    await prepareDatabase(database, (line) => console.error(line));
  }
  try {
    const figures = await auditFigures(database);
    const baseline = readBaseline();
    if (values.json) console.log(JSON.stringify(figures, null, 2));
    else for (const line of formatFigures(figures, baseline)) console.log(line);
    const broken = AUDIT_FIGURE_NAMES.filter((name) => AUDIT_FIGURES[name].invariant && figures[name].count > 0);
    if (values['write-baseline']) {
      if (broken.length > 0) {
        console.error(`Not writing the baseline: invariants are not 0 (${broken.join(', ')}).`);
        return 1;
      }
      writeBaseline(figures);
      console.error(`Wrote ${relative(process.cwd(), BASELINE_FILE)}.`);
      return 0;
    }
    const problems = auditProblems(figures, baseline);
    const improvements = auditImprovements(figures, baseline);
    if (improvements.length > 0) {
      console.error(`\nBetter than the baseline (npm run audit:data -- --write-baseline holds the gain):`);
      for (const line of improvements) console.error(`  ${line}`);
    }
    if (problems.length > 0) {
      console.error('\nProblems:');
      for (const line of problems) console.error(`  ${line}`);
      return 1;
    }
    return 0;
  } finally {
    await database.prisma.$disconnect();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(`audit:data failed: ${errorLine(error)}`);
    process.exitCode = 1;
  },
);
