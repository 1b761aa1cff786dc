/**
 * Issue 9, class 1: no cheap request may stall the server. A real server process on the graph
 * `npm start` builds (the note, the curated data and Epoch AI's thousand models) executes
 * operations in worker threads with a time budget (src/execution/pool.ts). While one client loops
 * on the costliest documents the limits admit, another client's point lookups are not queued
 * behind them and `/health` keeps answering; a document over its budget is stopped with a 503
 * and a code, and the server goes on (test/pool.test.ts stops one for sure).
 *
 * "Not queued" is held as a p99 under half the time budget: a lookup that waited for one costly
 * document would take about as long as that document, which runs to the budget. On an idle
 * machine the p99 is 10-30 ms; the figures are printed. A fixed figure such as 100 ms measured
 * the machine, not the server: it failed once in CI at 110 ms, with three test files at once on
 * two cores.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreparedDatabase, prepareDatabaseFile } from './helpers/prepared.js';
import { type ServerProcess, spawnServer } from './helpers/process.js';

let prepared: PreparedDatabase;
let server: ServerProcess;

const TIMEOUT_MS = 500;

beforeAll(async () => {
  prepared = await prepareDatabaseFile('stall', { full: true });
  server = await spawnServer('node', ['scripts/run.mjs', 'src/serve.ts'], {
    DATABASE_URL: `file:${prepared.copy('served')}`,
    EXECUTION_WORKERS: '2',
    REQUEST_TIMEOUT_MS: String(TIMEOUT_MS),
    // The looping client sends far more than a person would: the rate limit is not under test.
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    // Two clients on one machine: they are told apart by the address a proxy would give.
    TRUST_PROXY: '1',
  });
}, 120_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  prepared?.cleanup();
});

type Answer = { status: number; ms: number; body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } };

async function post(
  query: string,
  variables?: Record<string, unknown>,
  client = '203.0.113.2',
  url = server.url,
): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      'x-forwarded-for': client,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, ms: performance.now() - started, body };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** The probe's document: 33 topics with their descendants, with facets (15 aliases of it are refused). */
const PROBE = {
  query: `query Probe($f: ModelFilter) { models(first: 0, filter: $f) { totalCount facets { countries { count } organizations { count } topics { count } } } }`,
  variables: {
    f: { or: Array.from({ length: 33 }, (_, i) => ({ topic: { slug: `t${i}`, includeDescendants: true } })) },
  },
};

/**
 * The costliest document found after the fixes: 60 tasks, or'ed, with every facet (about 0.9 s,
 * most of it Prisma preparing 8 statements of 60 relation conditions; the cost limit admits it).
 */
const WORST = {
  query: `query Worst($f: ModelFilter) { models(first: 0, filter: $f) { totalCount facets { organizations { count } topics { count } families { count } domains { count } tasks { count } countries { count } } } }`,
  variables: { f: { or: Array.from({ length: 60 }, (_, i) => ({ task: `task ${i}` })) } },
};

describe('one client looping on the costliest documents', () => {
  it("leaves the other clients' point lookups unqueued (p99 under half the budget), and /health answering", async () => {
    // Warm both workers' statement caches for the lookup, as a running server's would be.
    for (let i = 0; i < 10; i += 1) await post('{ model(slug: "gpt-3") { slug parameterCount { display } } }');

    const stopAt = performance.now() + 12_000;
    const heavy: Answer[] = [];
    const lookups: Answer[] = [];
    const health: { status: number; ms: number }[] = [];
    const loop = async () => {
      for (let i = 0; performance.now() < stopAt; i += 1) {
        const document = i % 2 === 0 ? WORST : PROBE;
        heavy.push(await post(document.query, document.variables, '203.0.113.66'));
      }
    };
    const lookup = async () => {
      const slugs = ['gpt-3', 'chatgpt', 'ernie-3-0', 'glm-130b', 'palm', 'opt-175b', 'gopher'];
      for (let i = 0; performance.now() < stopAt; i += 1) {
        lookups.push(await post(`{ model(slug: "${slugs[i % slugs.length]}") { slug parameterCount { display } } }`));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const probeHealth = async () => {
      while (performance.now() < stopAt) {
        const started = performance.now();
        const response = await fetch(`${server.url}/health`);
        await response.text();
        health.push({ status: response.status, ms: performance.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    await Promise.all([loop(), lookup(), probeHealth()]);

    const lookupMs = lookups.map((answer) => answer.ms);
    const heavyMs = heavy.map((answer) => answer.ms);
    const stopped = heavy.filter((answer) => answer.body.errors?.[0]?.extensions?.code === 'TIME_BUDGET_EXCEEDED');
    console.info(
      `stall: ${heavy.length} costly documents (p50 ${Math.round(percentile(heavyMs, 50))} ms, max ${Math.round(Math.max(...heavyMs))} ms, ${stopped.length} stopped at the ${TIMEOUT_MS} ms budget); ` +
        `${lookups.length} point lookups p50 ${percentile(lookupMs, 50).toFixed(1)} ms, p99 ${percentile(lookupMs, 99).toFixed(1)} ms, max ${Math.max(...lookupMs).toFixed(1)} ms; ` +
        `${health.length} /health probes, max ${Math.max(...health.map((probe) => probe.ms)).toFixed(1)} ms`,
    );

    expect(heavy.length).toBeGreaterThan(2);
    // Every costly document is answered: in full, or stopped with a code, never a 500.
    for (const answer of heavy) {
      if (answer.status === 200) expect(answer.body.errors).toBeUndefined();
      else
        expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({
          status: 503,
          code: 'TIME_BUDGET_EXCEEDED',
        });
    }
    expect(lookups.length).toBeGreaterThan(50);
    expect(lookups.every((answer) => answer.status === 200 && answer.body.errors === undefined)).toBe(true);
    expect(percentile(lookupMs, 99)).toBeLessThan(TIMEOUT_MS / 2);
    expect(health.length).toBeGreaterThan(10);
    expect(health.every((probe) => probe.status === 200)).toBe(true);
  }, 60_000);

  it.each(['2', '0'])(
    'goes on serving after a document whose abandoned fields fail later (npm run fuzz, seed 42 case 1103), EXECUTION_WORKERS=%s',
    async (workers) => {
      // A root field fails and nulls the answer; graphql-js stops waiting for the other fields, and
      // one of them rejects unobserved: Node's default would end the process (or the worker).
      const target =
        workers === '2'
          ? server
          : await spawnServer('node', ['scripts/run.mjs', 'src/serve.ts'], {
              DATABASE_URL: `file:${prepared.copy('main-thread')}`,
              EXECUTION_WORKERS: '0',
              LOG_LEVEL: 'silent',
            });
      try {
        const document = JSON.parse(
          readFileSync(join(import.meta.dirname, 'fixtures', 'hardening', 'abandoned-field-rejects.json'), 'utf8'),
        ) as { query: string; variables: Record<string, unknown> };
        const answer = await post(document.query, document.variables, undefined, target.url);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
        await new Promise((resolve) => setTimeout(resolve, 300));
        const after = await post('{ model(slug: "chatgpt") { slug } }', undefined, undefined, target.url);
        expect(after.body).toEqual({ data: { model: { slug: 'chatgpt' } } });
        expect(target.child.exitCode).toBeNull();
      } finally {
        if (target !== server) {
          target.child.kill('SIGTERM');
          await target.exited;
        }
      }
    },
    60_000,
  );
});
