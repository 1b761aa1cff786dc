/**
 * `npm run db:copy -- --from <url> --to <url>`
 *
 * Moves a graph between databases: the embedded file to PostgreSQL (`--from
 * file:./data/llm-atlas.db --to postgresql://…`) and back. The target is migrated first and must
 * be empty; the copy is one transaction (src/db/copy.ts). Then it is verified: every table holds
 * as many rows as the source's, and the example operations (GraphiQL's) answer the same on both.
 * Exits 1 with one line saying what to do when anything fails; nothing is left half-written.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { runCli } from '../seed/cli-support.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { type DatabaseConfig, inspectDatabaseFile, parseDatabaseUrl } from '../src/db/config.js';
import { CopyError, copyGraph, countRows } from '../src/db/copy.js';
import { applyMigrations, pendingMigrations } from '../src/db/migrations.js';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { createApp } from '../src/yoga.js';

const USAGE = `Usage: npm run db:copy -- --from <database URL> --to <database URL>

  --from <url>   the graph to copy: file:./data/llm-atlas.db, or postgresql://user@host:5432/db?schema=s
  --to <url>     where to copy it: migrated first, and it must hold no graph yet
  --help         show this text`;

let target: DatabaseConfig | undefined;

/** The example operations' answers on a database, by operation name. */
async function exampleAnswers(database: Database): Promise<Map<string, unknown>> {
  const app = createApp(database);
  const answers = new Map<string, unknown>();
  for (const [, name] of EXAMPLE_OPERATIONS.matchAll(/^query (\w+)/gm)) {
    const response = await app.fetch('http://atlas/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: EXAMPLE_OPERATIONS, operationName: name }),
    });
    answers.set(name as string, await response.json());
  }
  await app.dispose();
  return answers;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.from || !values.to) throw new CopyError(`--from and --to are both needed\n${USAGE}`);
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const source = parseDatabaseUrl(values.from, cwd);
  target = parseDatabaseUrl(values.to, cwd);
  if (source.label === target.label) throw new CopyError('--from and --to name the same database');
  if (source.provider === 'sqlite' && inspectDatabaseFile(source) === 'missing') {
    throw new CopyError(`there is no database at ${source.label}: nothing to copy`);
  }
  const behind = await pendingMigrations(source);
  if (behind.length > 0) {
    throw new CopyError(
      `${source.label} lacks ${behind.length} migration(s): bring it up to date first (DATABASE_URL=${values.from} npm run db:migrate)`,
    );
  }
  const applied = await applyMigrations(target);
  if (applied.length > 0) console.log(`Migrated ${target.label}: ${applied.length} migration(s).`);
  const from = openDatabase(source, { mustExist: true });
  const to = openDatabase(target);
  try {
    console.log(`Copying ${source.label} to ${target.label}...`);
    const report = await copyGraph(from, to, (table, rows) => {
      if (rows > 0) console.log(`  ${table}: ${rows}`);
    });
    const [counted, expected] = [await countRows(to), await countRows(from)];
    if (!isDeepStrictEqual(counted, expected)) {
      const differ = counted.filter((row, i) => row.rows !== expected[i]?.rows).map((row) => row.table);
      throw new CopyError(`after the copy, these tables hold other counts than the source's: ${differ.join(', ')}`);
    }
    const [theirs, ours] = [await exampleAnswers(from), await exampleAnswers(to)];
    const different = [...theirs].filter(([name, answer]) => !isDeepStrictEqual(answer, ours.get(name)));
    if (different.length > 0) {
      throw new CopyError(
        `the copy answers ${different.map(([name]) => name).join(', ')} differently from the source: please report this`,
      );
    }
    console.log(
      `Copied ${report.rows} rows in ${report.tables.length} tables (${(report.ms / 1000).toFixed(1)} s); ` +
        `every table's count and the ${theirs.size} example operations' answers are the same on both.`,
    );
    return 0;
  } finally {
    await from.prisma.$disconnect();
    await to.prisma.$disconnect();
  }
}

runCli('db:copy', main, { database: () => target });
