/**
 * `npm run seed:synthetic -- --articles <n> [--seed <s>]`
 *
 * Grows the graph of `DATABASE_URL` with synthetic data for load tests (./generate.ts): `n`
 * articles and `n / 50` models, deterministic for a seed. A database that is not there or empty
 * is prepared first, as `npm start` does (migrations, the seed, Epoch AI's import). Use a
 * database of its own: `DATABASE_URL=file:./data/bench-1m.db npm run seed:synthetic -- --articles 1000000`.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/client.js';
import { type DatabaseConfig, parseDatabaseUrl } from '../../src/db/config.js';
import { phaseProgressBar, runCli } from '../cli-support.js';
import { prepareDatabase } from '../prepare.js';
import { addSynthetic, type SyntheticProgress } from './generate.js';

const USAGE = `Usage: npm run seed:synthetic -- --articles <n> [--seed <s>]

  --articles <n>   synthetic articles to add (models: one per 50 articles)
  --seed <s>       the same seed and size give the same graph (default 1)
  --help           show this text

The database is DATABASE_URL (default file:./data/llm-atlas.db): give it a database of its own,
e.g. DATABASE_URL=file:./data/bench-1m.db. An empty or missing one is prepared first.`;

let config: DatabaseConfig | undefined;

function wholeNumber(raw: string | undefined, option: string, fallback?: number): number {
  if (raw === undefined && fallback !== undefined) return fallback;
  const value = Number(raw?.replace(/_/g, ''));
  if (raw === undefined || !/^\d[\d_]*$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `${option} takes a whole number of at least 1, got ${raw === undefined ? 'nothing' : `"${raw}"`}\n${USAGE}`,
    );
  }
  return value;
}

/** A progress bar on stderr for a person at a terminal; otherwise a line per step. */
function progressReporter(): { update(progress: SyntheticProgress): void; stop(): void } {
  return (
    phaseProgressBar('synthetic', { eta: true, phaseWidth: 8 }) ?? {
      update: (progress) => console.error(`${progress.phase}: ${progress.done}/${progress.total}`),
      stop: () => {},
    }
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const articles = wholeNumber(values.articles, '--articles');
  const seed = wholeNumber(values.seed, '--seed', 1);
  config = parseDatabaseUrl(process.env.DATABASE_URL);
  const database = openDatabase(config);
  const progress = progressReporter();
  try {
    await prepareDatabase(database, (line) => console.error(line));
    const report = await addSynthetic(database, { articles, seed, onProgress: (step) => progress.update(step) });
    progress.stop();
    console.log(
      `Added ${report.articles} synthetic articles and ${report.models} models (lineage chains up to ${report.deepestChain} steps; coverage: ${report.coverage.models} model, ${report.coverage.organizations} organization, ${report.coverage.topics} topic links) to ${config.label}, cited as source ${report.source}, in ${(report.elapsedMs / 1000).toFixed(1)} s.`,
    );
    return 0;
  } finally {
    progress.stop();
    await database.disconnect();
  }
}

runCli('seed:synthetic', main, { database: () => config });
