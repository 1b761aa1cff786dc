/**
 * `npm run bench [-- --factor 100 --seconds 2]`: how fast the eight example operations answer,
 * and how many SQL statements each sends, on the graph `npm start` builds (the note, the curated
 * data, Epoch AI) grown `factor` times with synthetic articles and models. Question 1 is also
 * answered with hand-written SQL over better-sqlite3, the lower bound the API is measured
 * against. Prints a table; numbers, not pass/fail: speed and memory targets live here, not in
 * timed tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { prepareDatabase } from '../../seed/prepare.js';
import { openDatabase } from '../../src/db/client.js';
import { parseDatabaseUrl } from '../../src/db/config.js';
import { EXAMPLE_OPERATIONS } from '../../src/graphiql-examples.js';
import { createApp } from '../../src/yoga.js';
import { addSyntheticData } from '../helpers/synthetic.js';

const { values } = parseArgs({
  options: { factor: { type: 'string', default: '100' }, seconds: { type: 'string', default: '2' } },
});
const factor = Number(values.factor);
const seconds = Number(values.seconds);

const OPERATIONS = [...EXAMPLE_OPERATIONS.matchAll(/^query (\w+)/gm)].map((match) => match[1] as string);

/** Runs `task` repeatedly for `seconds`; answers operations per second and latency percentiles. */
async function measure(task: () => Promise<unknown> | unknown) {
  for (let warm = 0; warm < 20; warm += 1) await task();
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  return { opsPerSecond: Math.round(times.length / seconds), p50: at(0.5), p95: at(0.95) };
}

const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-bench-'));
try {
  const config = parseDatabaseUrl(`file:${join(folder, 'bench.db')}`);
  const statements: string[] = [];
  const database = openDatabase(config, { onQuery: (sql) => statements.push(sql) });
  const { prisma } = database;
  await prepareDatabase(database);
  if (factor > 1) await addSyntheticData(database, factor);
  const counts = {
    models: await prisma.model.count(),
    articles: await prisma.article.count(),
    claims: await prisma.claim.count(),
  };
  console.log(
    `Graph: ${counts.models} models, ${counts.articles} articles, ${counts.claims} claims (factor ${factor}); ${seconds}s per row\n`,
  );

  const app = createApp(database);
  const rows: Record<string, string | number>[] = [];
  for (const operationName of OPERATIONS) {
    const run = async () => {
      const response = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: EXAMPLE_OPERATIONS, operationName }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`${operationName}: ${JSON.stringify(body.errors)}`);
    };
    statements.length = 0;
    await run();
    const perRequest = statements.length;
    rows.push({ operation: operationName, statements: perRequest, ...(await measure(run)) });
  }

  // The lower bound for question 1: the same answer in two prepared statements, no GraphQL.
  const raw = new Database(config.filePath, { readonly: true });
  const articles = raw.prepare(`
    SELECT DISTINCT a.id, a.title, a.url FROM "Article" a
    JOIN "ArticleModel" am ON am."articleId" = a.id
    JOIN "ModelDeveloper" d ON d."modelId" = am."modelId"
    JOIN "Organization" o ON o.id = d."organizationId" AND o.slug = ?
    ORDER BY a.id LIMIT 20`);
  const covered = raw.prepare(`
    SELECT am."articleId", m.slug, m.name, am.relevance FROM "ArticleModel" am JOIN "Model" m ON m.id = am."modelId"
    WHERE am."articleId" IN (SELECT value FROM json_each(?)) ORDER BY am."articleId", am.relevance, m.slug`);
  const rawQuestion1 = () => {
    const found = articles.all('baidu') as { id: number }[];
    return covered.all(JSON.stringify(found.map((article) => article.id)));
  };
  rows.push({ operation: 'ArticlesAboutBaiduModels (raw SQL bound)', statements: 2, ...(await measure(rawQuestion1)) });
  raw.close();

  console.table(rows);
  const memory = process.memoryUsage();
  console.log(
    `Memory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
  await prisma.$disconnect();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
