/**
 * `npm run import:jsonld -- --file <llm-atlas.jsonld> [--create]`
 *
 * Rebuilds a graph from an llm-atlas JSON-LD export (`npm run export -- --format jsonld`, or
 * `GET /export/llm-atlas.jsonld`) in the empty database of `DATABASE_URL`, migrating it first:
 * the same graph, every table equal to the export's. A file that is not an export, a graph that
 * is not empty or a database that cannot be written exit with status 1 and one line saying what
 * to do; nothing is written then (the import is one transaction).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { requireDatabaseFile, runCli } from '../seed/cli-support.js';
import { openDatabase } from '../src/db/client.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../src/db/config.js';
import { applyMigrations } from '../src/db/migrations.js';
import { fromJsonLd, JsonLdImportError } from '../src/export/jsonld.js';
import { restoreGraph } from '../src/export/restore.js';

const USAGE = `Usage: npm run import:jsonld -- --file <llm-atlas.jsonld> [--create]

  --file <path>   an llm-atlas JSON-LD export
  --create        create the database file when it does not exist
  --help          show this text

The database is DATABASE_URL (default file:./data/llm-atlas.db); its graph must be empty.`;

let config: DatabaseConfig | undefined;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      create: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.file) throw new Error(`--file is required\n${USAGE}`);
  // npm runs scripts from the package folder; paths given on the command line are the user's.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), values.file);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new JsonLdImportError(`${file} is not a JSON file: ${(error as Error).message}`);
  }
  // Read the whole file before touching the database: a bad file leaves it as it was.
  const tables = fromJsonLd(document);
  config = parseDatabaseUrl(process.env.DATABASE_URL);
  requireDatabaseFile(config, values.create, 'npm run import:jsonld');
  await applyMigrations(config);
  const database = openDatabase(config);
  try {
    const started = performance.now();
    const summary = await restoreGraph(database, tables);
    await database.store.refreshStatistics();
    console.log(
      `Imported ${file} (the graph as of ${tables.exportedAt}) in ${((performance.now() - started) / 1000).toFixed(1)} s:`,
    );
    for (const [table, rows] of Object.entries(summary)) console.log(`  ${table}: ${rows}`);
  } finally {
    await database.prisma.$disconnect();
  }
  return 0;
}

runCli('import:jsonld', main, { database: () => config });
