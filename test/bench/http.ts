/**
 * `npm run bench:http -- [--articles N | --database <sqlite file>] [--postgres <url>] [--seconds 5] [--rounds 3] [--connections 8] [--soak <seconds>] [--json <file>]`
 *
 * The server (P1: `npm run serve`, src/serve.ts, the response cache off) against its lower bound (P0: the
 * same operations on Yoga with hand-written resolvers over raw SQL, test/bench/p0.ts), both over
 * real HTTP: on the graph `npm start` builds, grown by `--articles` synthetic articles
 * (seed/synthetic/), in a temporary file; or on a database built beforehand (`npm run
 * seed:synthetic` makes one of any size).
 * Each server runs in a process of its own, pinned to one core with `taskset` where there is one
 * (the load generator, this process, to another), one server under load at a time. Before
 * timing, every operation's answer must be byte for byte the same from both. Rounds interleave
 * the servers; the table reports medians of the rounds and P1/P0 of throughput, then each
 * server's p99 latency when requests come at half of P0's peak rate (an open loop), and each
 * server's resident memory (after its first answers, and the most while it serves W6, the mix of
 * the workloads), as text and, with `--json`, as a file. W5 (a mutation) writes: an editor's token
 * and the first 100 articles' languages, all put back as they were when the benchmark ends.
 * `--soak 300` then runs the mix on the server for five minutes and samples its memory every 10 s
 * (does it grow?).
 *
 * With `--postgres postgresql://…?schema=s`, the server on PostgreSQL (P1-pg) is timed too, on
 * the same graph: copied there first (src/db/copy.ts) when the schema holds no graph, used as it
 * is when it holds the same number of rows in every table (a copy of a million articles takes
 * minutes: keep the schema between runs), refused otherwise.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { prepareDatabase } from '../../seed/prepare.js';
import { addSynthetic } from '../../seed/synthetic/generate.js';
import { createToken } from '../../src/auth/tokens.js';
import { openDatabase } from '../../src/db/client.js';
import { parseDatabaseUrl } from '../../src/db/config.js';
import { copyGraph, countRows } from '../../src/db/copy.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { BENCH_OPERATIONS as OPERATIONS, W5_NAME, w5Request } from './operations.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    articles: { type: 'string', default: '0' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    postgres: { type: 'string' },
    json: { type: 'string' },
    soak: { type: 'string', default: '0' },
  },
});
const temporary = values.database ? undefined : mkdtempSync(join(tmpdir(), 'llm-atlas-bench-http-'));
const file = values.database ? resolve(values.database) : join(temporary as string, 'bench.db');
if (temporary) {
  const database = openDatabase(parseDatabaseUrl(`file:${file}`));
  await prepareDatabase(database);
  const articles = Number(values.articles);
  if (articles > 0) await addSynthetic(database, { articles });
  await database.disconnect();
}
if (values.postgres) await copyToPostgres(file, values.postgres);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);

const cores = availableParallelism();
const pinned =
  cores >= 2 &&
  (() => {
    try {
      execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

/** Starts a server process (on the last core when pinned) and waits until `ready` answers. */
async function startServer(name: string, args: string[], env: Record<string, string>, port: number) {
  const command = pinned ? 'taskset' : process.execPath;
  const argv = pinned ? ['-c', String(cores - 1), process.execPath, ...args] : args;
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr}`);
    try {
      const answer = await post(port, { query: '{ __typename }' });
      if (answer.status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  child.kill();
  throw new Error(`${name} did not answer within a minute: ${stderr}`);
}

const agent = new Agent({ keepAlive: true, maxSockets: connections });

/**
 * Sends one request; once more when the connection was reset before any answer came. A server
 * closes a kept-alive connection that stayed idle past its keep-alive timeout (5 s, Node's
 * default: while the other servers of a round are timed), and a request written as it closes is
 * lost (ECONNRESET); it killed whole runs of this benchmark. Every request here may be sent twice
 * (W5 sets a value: the same answer).
 */
async function post(
  port: number,
  body: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  try {
    return await postOnce(port, body, headers);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
    return postOnce(port, body, headers);
  }
}

function postOnce(
  port: number,
  body: object,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

/** What a client sends next (with its headers), and the answer it must get. */
type Next = () => { body: object; expected: string; headers?: Record<string, string> };

/** One operation over and over. */
const repeat =
  (body: object, expected: string): Next =>
  () => ({ body, expected });

/**
 * W6, the mix: the workloads in the issue's proportions (60 W1, 25 W2, 10 W3, 4 W4, 1 W5; W2 and
 * W3 split between their two forms, 1 W5), in a fixed interleaved order shared by every client, so
 * that each server gets the same sequence.
 */
const MIX: readonly [string, number][] = [
  ['W1 node(id:)', 60],
  ['W2 an organization, its models, their first articles', 15],
  ['W2 flat: articles covering the models of an organization', 10],
  ['W3 search in Chinese (two characters: the grams)', 5],
  ['W3 search in English', 5],
  ['W4 lineage down, depth 5', 4],
  [W5_NAME, 1],
];
const MIX_NAME = 'W6 the mix (W1-W5, 60/25/10/4/1)';

/** {@link MIX} as a cycle of 100 operation names, each weight spread evenly over the cycle. */
function mixCycle(): string[] {
  const slots: { name: string; at: number }[] = [];
  for (const [name, weight] of MIX)
    for (let index = 0; index < weight; index += 1) slots.push({ name, at: (index + 0.5) / weight });
  return slots.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name)).map((slot) => slot.name);
}

/** The mix's next request, in the cycle's order; `write` makes its W5 requests. */
function mixed(expected: Record<string, string>, write: Next): Next {
  const cycle = mixCycle();
  let position = 0;
  return () => {
    const name = cycle[position % cycle.length] as string;
    position += 1;
    return name === W5_NAME ? write() : { body: OPERATIONS[name] as object, expected: expected[name] as string };
  };
}

/** `connections` clients sending what `next` says back to back for `seconds`: requests per second and latencies. */
async function load(port: number, next: Next, duration = seconds) {
  const latencies: number[] = [];
  const end = performance.now() + duration * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const { body, expected, headers } = next();
      const started = performance.now();
      const answer = await post(port, body, headers);
      latencies.push(performance.now() - started);
      if (answer.text !== expected) throw new Error(`a different answer under load: ${answer.text.slice(0, 300)}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, client));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/**
 * Requests sent at a fixed rate for `seconds`, whatever the answers' pace (an open loop: a slow
 * answer does not delay the next request, as with independent users): the 99th percentile of
 * latency, counted from when each request was due, so that time queued behind a slow one counts.
 */
async function paced(port: number, next: Next, rate: number) {
  const interval = 1000 / rate;
  const count = Math.max(1, Math.floor(seconds * rate));
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let index = 0; index < count; index += 1) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const { body, expected, headers } = next();
    pending.push(
      post(port, body, headers).then((answer) => {
        latencies.push(performance.now() - due);
        if (answer.text !== expected) throw new Error(`a different answer under load: ${answer.text.slice(0, 300)}`);
      }),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return latencies[Math.min(latencies.length - 1, Math.floor(0.99 * latencies.length))] ?? 0;
}

/** A process's resident memory in MB (Linux's /proc; undefined elsewhere), worker threads included. */
function residentMb(pid: number | undefined): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

/** The largest of a process's resident memory while `task` runs, sampled every 100 ms. */
async function peakResident<T>(
  pid: number | undefined,
  task: () => Promise<T>,
): Promise<{ result: T; peakMb?: number }> {
  let peakMb = residentMb(pid);
  const timer = setInterval(() => {
    const now = residentMb(pid);
    if (now !== undefined) peakMb = Math.max(peakMb ?? 0, now);
  }, 100);
  try {
    return { result: await task(), peakMb };
  } finally {
    clearInterval(timer);
  }
}

/** Whose token W5 sends, and who holds the revisions it writes (deleted afterwards). */
const W5_ACTOR = 'llm-atlas bench W5';
/** How many articles W5 edits in turn. */
const W5_ARTICLES = 100;

/**
 * W5 on one database: an editor's token and the articles it edits, and `restore`, which puts
 * them back as they were (their language, version and search documents; the revisions and the
 * token deleted), so that a database given with --database (or a kept PostgreSQL schema) comes
 * out of the benchmark as it went in.
 */
async function prepareW5(url: string) {
  const database = openDatabase(parseDatabaseUrl(url), { mustExist: true });
  const { prisma } = database;
  const { id: tokenId, token } = await createToken(prisma, { name: W5_ACTOR, role: 'EDITOR' });
  const articles = await prisma.article.findMany({
    orderBy: { id: 'asc' },
    take: W5_ARTICLES,
    select: { id: true, url: true, language: true, version: true, updatedAt: true },
  });
  const urls = articles.map((article) => article.url);
  let visits = 0;
  return {
    /** The next W5 request on this database (the sequence goes on from server to server). */
    next: (): Next => () => ({ ...w5Request(urls, visits++), headers: { authorization: `Bearer ${token}` } }),
    async restore() {
      await prisma.$transaction(
        async (tx) => {
          for (const { id, ...before } of articles) await tx.article.update({ where: { id }, data: before });
          await tx.revision.deleteMany({ where: { actor: W5_ACTOR } });
          await tx.apiToken.delete({ where: { id: tokenId } });
          await database.storeFor(tx).search.reindex(articles.map((article) => ({ type: 'ARTICLE', id: article.id })));
        },
        { timeout: 60_000 },
      );
      await database.disconnect();
    },
  };
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;

/**
 * The graph of the SQLite file `file` in the PostgreSQL database `url` (its `?schema=`): copied
 * when the schema holds none, left as it is when every table holds as many rows as the file's.
 */
async function copyToPostgres(file: string, url: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  if (target.provider !== 'postgresql') throw new Error(`--postgres takes a postgresql:// URL, not ${url}`);
  await applyMigrations(target);
  const from = openDatabase(parseDatabaseUrl(`file:${file}`), { mustExist: true });
  const to = openDatabase(target);
  try {
    const [theirs, ours] = [await countRows(from), await countRows(to)];
    if (isDeepStrictEqual(theirs, ours)) return;
    if (ours.some((table) => table.rows > 0)) {
      throw new Error(`${target.label} holds another graph than ${file}: give --postgres an empty schema`);
    }
    const started = performance.now();
    const report = await copyGraph(from, to);
    console.log(
      `Copied ${report.rows} rows to ${target.label} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    await from.disconnect();
    await to.disconnect();
  }
}

/** The servers compared: P0, the server as deployed and on its main thread alone, and on PostgreSQL with --postgres. */
type Target = 'P0' | 'P1' | 'P1 main thread' | 'P1-pg';
const PORTS: Record<Target, number> = { P0: 4611, P1: 4610, 'P1 main thread': 4612, 'P1-pg': 4613 };
/**
 * Both servers as deployed (the README's production command): in development graphql-js checks
 * each of its `instanceof` tests for a second copy of itself (`jsutils/instanceOf`), a cost of
 * every field resolved (3% of the Overview's profile) that no production server pays.
 */
const DEPLOYED = { NODE_ENV: 'production' };
const P1_ENV = {
  ...DEPLOYED,
  DATABASE_URL: `file:${file}`,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '0',
  MAX_IN_FLIGHT: '0',
  RESPONSE_CACHE_MB: '0',
};
type Sample = Awaited<ReturnType<typeof load>>;

function summary(samples: Sample[]) {
  return {
    rps: Math.round(median(samples.map((s) => s.rps))),
    p50: Number(median(samples.map((s) => s.p50)).toFixed(2)),
    p99: Number(median(samples.map((s) => s.p99)).toFixed(2)),
  };
}

const servers: ChildProcess[] = [];
/** W5's state on each database: SQLite's (P0, P1 and P1 main thread write its file) and PostgreSQL's. */
const w5 = await (async () => {
  const sqlite = await prepareW5(`file:${file}`);
  // PostgreSQL refusing leaves no token behind in the SQLite file either.
  const postgres = values.postgres
    ? await prepareW5(values.postgres).catch(async (error: unknown) => {
        await sqlite.restore();
        throw error;
      })
    : undefined;
  return { sqlite, postgres };
})();
const w5Of = (target: Target) => (target === 'P1-pg' ? w5.postgres : w5.sqlite)?.next() as Next;
/** Each server's process (its id is the server's: `taskset` runs the program in its own place). */
const processes: Partial<Record<Target, ChildProcess>> = {};
try {
  const server = ['scripts/run.mjs', 'src/serve.ts'];
  processes.P0 = await startServer(
    'P0 (raw SQL)',
    ['--import', 'tsx', 'test/bench/p0.ts', file, String(PORTS.P0)],
    DEPLOYED,
    PORTS.P0,
  );
  // EXECUTION_WORKERS as deployed (2 worker threads by default)...
  processes.P1 = await startServer('P1 (the server)', server, { ...P1_ENV, PORT: String(PORTS.P1) }, PORTS.P1);
  // ... and none: the cost of handing each operation to a worker.
  processes['P1 main thread'] = await startServer(
    'P1 on its main thread',
    server,
    { ...P1_ENV, PORT: String(PORTS['P1 main thread']), EXECUTION_WORKERS: '0' },
    PORTS['P1 main thread'],
  );
  if (values.postgres)
    processes['P1-pg'] = await startServer(
      'P1 on PostgreSQL',
      server,
      { ...P1_ENV, DATABASE_URL: values.postgres, PORT: String(PORTS['P1-pg']) },
      PORTS['P1-pg'],
    );
  servers.push(...Object.values(processes));

  const chatgpt = JSON.parse((await post(PORTS.P1, { query: '{ model(slug: "chatgpt") { id } }' })).text);
  (OPERATIONS['W1 node(id:)'] as { variables: object }).variables = { id: chatgpt.data.model.id };

  // The same answer, byte for byte, before anything is timed.
  const targets = (Object.keys(PORTS) as Target[]).filter((target) => target !== 'P1-pg' || values.postgres);
  const expected: Record<string, string> = {};
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    const answers = await Promise.all(targets.map((target) => post(PORTS[target], operation)));
    const [p0, p1] = answers as [{ text: string }, { status: number; text: string }];
    if (p1.status !== 200 || p1.text.includes('"errors"'))
      throw new Error(`${name}: the server answered ${p1.text.slice(0, 500)}`);
    if (answers.some((answer) => answer.text !== p1.text))
      throw new Error(
        `${name}: P0 answers differently from the server\nP1: ${p1.text.slice(0, 800)}\nP0: ${p0.text.slice(0, 800)}`,
      );
    expected[name] = p1.text;
  }
  // W5's answer is the value each request sets: checked on every server before timing too.
  for (const target of targets) {
    const { body, expected: answer, headers } = w5Of(target)();
    const text = (await post(PORTS[target], body, headers)).text;
    if (text !== answer) throw new Error(`${W5_NAME}: ${target} answered ${text.slice(0, 500)}, not ${answer}`);
  }
  const idleMb = Object.fromEntries(targets.map((target) => [target, residentMb(processes[target]?.pid)]));

  // Each workload's requests, from the start of its sequence for every run.
  const workloads: Record<string, (target: Target) => Next> = {
    ...Object.fromEntries(
      Object.entries(OPERATIONS).map(([name, operation]) => [name, () => repeat(operation, expected[name] as string)]),
    ),
    [W5_NAME]: w5Of,
    [MIX_NAME]: (target) => mixed(expected, w5Of(target)),
  };

  const runs: Record<string, Record<Target, Sample[]>> = {};
  /** The largest resident memory of each server while it served the mix. */
  const mixPeakMb: Partial<Record<Target, number>> = {};
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, next] of Object.entries(workloads)) {
      runs[name] ??= { P0: [], P1: [], 'P1 main thread': [], 'P1-pg': [] };
      // Interleaved, each round in the reverse order of the one before.
      for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
        const { result, peakMb } = await peakResident(processes[target]?.pid, () => load(PORTS[target], next(target)));
        runs[name][target].push(result);
        if (name === MIX_NAME && peakMb !== undefined) mixPeakMb[target] = Math.max(mixPeakMb[target] ?? 0, peakMb);
      }
    }
  }
  const results = Object.fromEntries(
    Object.entries(runs).map(([name, samples]) => [
      name,
      Object.fromEntries(targets.map((target) => [target, summary(samples[target])])) as Record<
        Target,
        ReturnType<typeof summary>
      >,
    ]),
  );

  // The latency target: each server's p99 when requests come at half of P0's peak rate (the
  // median of its rounds), which P0 and P1 both may keep up with; one run each, P0 first.
  const halfRate: Record<string, Partial<Record<Target, number>>> = {};
  for (const [name, next] of Object.entries(workloads)) {
    const rate = (results[name]?.P0.rps ?? 0) / 2;
    halfRate[name] = {};
    for (const target of targets)
      halfRate[name][target] = Number((await paced(PORTS[target], next(target), rate)).toFixed(2));
  }

  // The soak: the mix on the server (and on PostgreSQL) for `--soak` seconds, its resident memory
  // every 10 s: whether it grows while serving.
  const soakSeconds = Number(values.soak);
  const soak: Partial<Record<Target, { rps: number; mb: number[] }>> = {};
  if (soakSeconds > 0) {
    for (const target of targets.filter((target) => target === 'P1' || target === 'P1-pg')) {
      const pid = processes[target]?.pid;
      const mb: number[] = [];
      const timer = setInterval(() => mb.push(residentMb(pid) ?? 0), 10_000);
      const sample = await load(PORTS[target], mixed(expected, w5Of(target)), soakSeconds).finally(() =>
        clearInterval(timer),
      );
      soak[target] = { rps: Math.round(sample.rps), mb };
    }
  }

  const rows = Object.entries(results).map(([name, { P0, P1, 'P1 main thread': main, 'P1-pg': pg }]) => ({
    operation: name,
    'P0 req/s': P0.rps,
    'P1 req/s': P1.rps,
    'P1/P0': Number((P1.rps / P0.rps).toFixed(2)),
    'P1 main thread req/s': main.rps,
    'its /P0': Number((main.rps / P0.rps).toFixed(2)),
    ...(values.postgres ? { 'P1-pg req/s': pg.rps, 'P1-pg/P0': Number((pg.rps / P0.rps).toFixed(2)) } : {}),
    'P0 p50/p99 ms': `${P0.p50} / ${P0.p99}`,
    'P1 p50/p99 ms': `${P1.p50} / ${P1.p99}`,
    ...(values.postgres ? { 'P1-pg p50/p99 ms': `${pg.p50} / ${pg.p99}` } : {}),
    // At half of P0's peak rate: P0's p99, P1's, and P1's over P0's (the target: 2 or less).
    'p99 at ½ P0 rate, P0 / P1 ms': `${halfRate[name]?.P0} / ${halfRate[name]?.P1}`,
    'P1 p99 / P0 p99': Number(((halfRate[name]?.P1 ?? 0) / (halfRate[name]?.P0 ?? 1)).toFixed(1)),
    ...(values.postgres ? { 'P1-pg p99 at ½ P0 rate ms': halfRate[name]?.['P1-pg'] } : {}),
  }));
  console.log(
    `${file}: ${rounds} interleaved rounds of ${seconds}s, ${connections} connections, ${
      pinned ? `servers on core ${cores - 1}, load on core 0` : 'not pinned (no taskset or one core)'
    }`,
  );
  console.table(rows);
  // Resident memory (MB, worker threads included): after the first answers, and the most while
  // serving the mix; the issue's target for the server: under 300 MB at a million articles.
  const memory = Object.fromEntries(
    targets.map((target) => [target, { idleMb: idleMb[target], mixPeakMb: mixPeakMb[target] }]),
  );
  console.table(memory);
  for (const [target, { rps, mb }] of Object.entries(soak))
    console.log(
      `Soak, ${target}: the mix for ${soakSeconds} s at ${rps} req/s; resident MB every 10 s: ${mb.join(' ')}`,
    );
  if (values.json) {
    writeFileSync(
      values.json,
      `${JSON.stringify({ date: new Date().toISOString(), database: file, seconds, rounds, connections, pinned, cores, results, p99AtHalfP0Rate: halfRate, memory, soak }, null, 2)}\n`,
    );
  }
} finally {
  for (const server of servers) server.kill();
  agent.destroy();
  await Promise.all(
    servers.map((server) => server.exitCode === null && new Promise((done) => server.once('exit', done))),
  );
  // W5's edits undone (the servers are gone: no write is under way).
  await w5.sqlite.restore();
  await w5.postgres?.restore();
  if (temporary) rmSync(temporary, { recursive: true, force: true });
}
