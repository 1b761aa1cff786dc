/**
 * `npm run fuzz [-- --runs 5000 --seed 42 --budget-ms 2000 --case N --url http://host:port]`
 *
 * Fuzzes the GraphQL endpoint (test/helpers/fuzz.ts): a server over a freshly seeded temporary
 * database (or the one at `--url`), then `--runs` cases drawn from `--seed`. Prints each finding
 * with the command that replays it (`--case N`, repeatable), a summary, and exits 1 when anything
 * was found.
 */
import { parseArgs } from 'node:util';
import { GraphQLError } from 'graphql';
import { formatFinding, runFuzz } from '../test/helpers/fuzz.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';

const USAGE = `Usage: npm run fuzz -- [options]

  --runs <n>        how many cases (default 1000)
  --seed <n>        the run's seed (default: random, printed)
  --case <n>        replay only this case of the seed (repeatable)
  --budget-ms <n>   the time an answer may take (default 2000)
  --url <url>       fuzz a running server instead of a fresh one (e.g. http://127.0.0.1:4000)
  --help            show this text`;

function integer(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${text}"`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      case: { type: 'string', multiple: true },
      'budget-ms': { type: 'string' },
      url: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const seed = integer(values.seed, 'seed', Math.floor(Math.random() * 2 ** 31));
  const runs = integer(values.runs, 'runs', 1000);
  const budgetMs = integer(values['budget-ms'], 'budget-ms', 2000);
  const only = values.case?.map((text) => integer(text, 'case', 0));
  let server: TestServer | undefined;
  // The server here runs in this process: a rejection no one waits for is what `serve` logs and
  // survives (src/unhandled.ts); counted here, and a finding unless it is a GraphQL error.
  let lateRejections = 0;
  let otherRejections = 0;
  process.on('unhandledRejection', (reason) => {
    if (reason instanceof GraphQLError) lateRejections += 1;
    else {
      otherRejections += 1;
      console.log(`unhandled rejection (a finding): ${reason instanceof Error ? reason.stack : String(reason)}`);
    }
  });
  if (!values.url) {
    process.stderr.write('Seeding a temporary database and starting a server...\n');
    server = await startTestServer('fuzz');
  }
  const url = values.url ?? (server as TestServer).url;
  console.log(
    `Fuzzing ${url} with seed ${seed}: ${only ? `cases ${only.join(', ')}` : `${runs} cases`}, budget ${budgetMs} ms`,
  );
  const started = performance.now();
  try {
    const report = await runFuzz({
      url,
      seed,
      runs,
      budgetMs,
      only,
      onCase(fuzzCase, _answer, problems) {
        if (problems.length > 0) console.log(formatFinding({ fuzzCase, answer: _answer, problems }));
        const done = fuzzCase.index + 1;
        if (!only && done % 500 === 0) process.stderr.write(`  ${done}/${runs} cases\n`);
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${report.runs} cases (${report.kinds.generated} generated, ${report.kinds.mutated} mutated, ${report.kinds.hostile} hostile) in ${seconds} s; ` +
        `statuses ${Object.entries(report.statuses)
          .map(([status, count]) => `${status}×${count}`)
          .join(' ')}; slowest ${Math.round(report.slowestMs)} ms; ${report.findings.length} finding(s); ` +
        `${lateRejections} late rejection(s) of abandoned fields; seed ${seed}`,
    );
    return report.findings.length > 0 || otherRejections > 0 ? 1 : 0;
  } finally {
    await server?.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
