/**
 * The same server on PostgreSQL (`DATABASE_URL=postgresql://…`): its own migrations, the graph
 * `npm start` builds (the seed and Epoch AI's import, through the write layer), and the same
 * answers as on SQLite: the example operations, search (short Chinese queries and the trigram
 * index), lineage, the explorer's pages and a write, over real HTTP. Also `npm run db:copy` both
 * ways, instances preparing one database at once, and an exhausted pool answering 503 at once.
 *
 * Runs when TEST_POSTGRES_URL names a server (CI sets it); each test file works in schemas of its
 * own, dropped afterwards. Without it the run says that these tests did not run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareDatabase, withPrepareLock } from '../seed/prepare.js';
import { createToken } from '../src/auth/tokens.js';
import { type Database, openDatabase, REPLICA_RETRY_MS } from '../src/db/client.js';
import { type PostgresConfig, parseDatabaseUrl, parseReplicaUrls } from '../src/db/config.js';
import { copyGraph, countRows } from '../src/db/copy.js';
import { readinessOf } from '../src/db/live.js';
import { POSTGRES_MIGRATIONS_DIR, pendingSchemaChange } from '../src/db/migrations.js';
import { dropPostgresSchema } from '../src/db/postgres/admin.js';
import { EXAMPLE_OPERATIONS } from '../src/graphiql-examples.js';
import { createApp } from '../src/yoga.js';
import { createPostgresTestDatabase, TEST_POSTGRES_URL } from './helpers/database.js';
import { createFullGraphDatabase, fullGraphTemplate } from './helpers/full-graph.js';
import { postGraphQL, ROOT, spawnServer } from './helpers/process.js';
import { serveTestDatabase, type TestServer } from './helpers/server.js';

/** Operations beyond the examples, where the databases' own SQL answers (search, lineage, counts). */
const OPERATIONS: Record<string, string> = {
  searchOneChineseCharacter: `{ search(query: "百", first: 30) { totalCount edges { score matchedField matchedText node { __typename ... on Model { slug } ... on Organization { slug } ... on Article { url } } } } }`,
  searchTwoChineseCharacters: `{ search(query: "悟道", first: 30) { totalCount edges { score matchedField matchedText } } }`,
  searchEnglishAnyCase: `{ search(query: "ernie", first: 60) { totalCount edges { score matchedField matchedText } } }`,
  searchArticlesOnly: `{ search(query: "ChatGPT", types: [ARTICLE], first: 40) { totalCount edges { matchedText } } }`,
  lineageBothWays: `{ model(slug: "gpt-3") { lineage(direction: BOTH, maxDepth: 6, includeAssociations: true) { depth direction kind model { slug } path { slug } } } }`,
  largestModels: `{ models(first: 40, orderBy: { field: PARAMETERS, direction: DESC }) { totalCount edges { node { slug parameterCount { display } releaseDate } } } }`,
  chineseModelsWithOpenWeights: `{ models(first: 40, filter: { developedBy: { country: "CN" }, openWeights: true }) { totalCount edges { node { slug name } } } }`,
  claimsInOrder: `{ model(slug: "gpt-3") { claims { property value rank source { slug } } } }`,
  organizationModels: `{ organization(slug: "baidu") { name nameZh models(first: 20) { totalCount edges { role node { slug } } } } }`,
  topics: `{ topics(first: 50) { edges { node { slug name children { slug } } } } }`,
};

const PAGES = ['/', '/models/chatgpt?depth=3', '/organizations/baidu', '/topics/rlhf', '/search?q=%E7%99%BE%E5%BA%A6'];

describe.skipIf(!TEST_POSTGRES_URL)('on PostgreSQL', () => {
  let sqlite: TestServer;
  let postgres: TestServer<PostgresConfig>;
  let report: Awaited<ReturnType<typeof prepareDatabase>>;
  /** Rows per table right after the graph was built, before any test wrote to it. */
  let built: Awaited<ReturnType<typeof countRows>>;

  beforeAll(async () => {
    sqlite = await serveTestDatabase(await createFullGraphDatabase('postgres-compare'));
    const database = await createPostgresTestDatabase('compare');
    report = await prepareDatabase(database.database);
    built = await countRows(database.database);
    postgres = await serveTestDatabase(database);
  }, 240_000);

  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it("keeps its own migrations in step with the schema derived from SQLite's", async () => {
    expect(await pendingSchemaChange('postgresql', { postgresUrl: TEST_POSTGRES_URL })).toBe('');
  }, 60_000);

  it('builds the graph npm start builds: the same rows in every table as on SQLite', async () => {
    expect(report).toMatchObject({ seeded: true, importedEpoch: true });
    const [onPostgres, onSqlite] = [await countRows(postgres.database), await countRows(sqlite.database)];
    expect(onPostgres.find((table) => table.table === 'Model')?.rows).toBeGreaterThan(900);
    expect(onPostgres).toEqual(onSqlite);
  });

  it.each([...EXAMPLE_OPERATIONS.matchAll(/^query (\w+)/gm)].map((match) => match[1] as string))(
    'answers the example %s as SQLite does, byte for byte',
    async (operationName) => {
      const [fromPostgres, fromSqlite] = await Promise.all(
        [postgres, sqlite].map((server) => server.graphql(EXAMPLE_OPERATIONS, undefined, { operationName })),
      );
      expect(fromPostgres?.body.errors).toBeUndefined();
      expect(JSON.stringify(fromPostgres)).toBe(JSON.stringify(fromSqlite));
    },
  );

  it.each(Object.keys(OPERATIONS))('answers %s as SQLite does', async (name) => {
    const [fromPostgres, fromSqlite] = await Promise.all(
      [postgres, sqlite].map((server) => server.graphql(OPERATIONS[name] as string)),
    );
    expect(fromPostgres?.body.errors).toBeUndefined();
    expect(fromPostgres).toEqual(fromSqlite);
  });

  it('finds one and two Chinese characters, which have no trigram', async () => {
    const { body } = await postgres.graphql<{ search: { totalCount: number; edges: { matchedText: string }[] } }>(
      '{ search(query: "百度", first: 50) { totalCount edges { matchedText } } }',
    );
    expect(body.data?.search.totalCount).toBeGreaterThan(2);
    expect(body.data?.search.edges.every((edge) => edge.matchedText.includes('百度'))).toBe(true);
  });

  it('answers a search of three characters and more from the trigram index, not by reading every document', async () => {
    const plan = await postgres.prisma.$transaction(async (tx) => {
      // The stock graph is small enough that a scan is cheaper; the question is whether the index can answer.
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT "entityId" FROM "SearchDocument" d WHERE d."text" ILIKE '%chatgpt%'`,
      );
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(
      /Bitmap Index Scan on "?SearchDocument_text_trgm_idx/,
    );
  });

  it("serves the explorer's pages byte for byte as on SQLite", async () => {
    for (const path of PAGES) {
      const [fromPostgres, fromSqlite] = await Promise.all(
        [postgres, sqlite].map(async (server) => {
          const response = await fetch(`${server.url}${path}`);
          return { status: response.status, text: await response.text() };
        }),
      );
      expect(fromPostgres?.status, path).toBe(200);
      expect(fromPostgres, path).toEqual(fromSqlite);
    }
  });

  it('writes through the same write layer: an edit and a new claim answer alike, history included', async () => {
    const answers = [];
    for (const server of [postgres, sqlite]) {
      const { token } = await createToken(server.prisma, { name: 'editor', role: 'EDITOR' });
      const send = async (query: string, variables: Record<string, unknown>) => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        return response.json();
      };
      answers.push([
        await send(
          'mutation ($input: UpdateModelInput!) { updateModel(input: $input) { __typename ... on UpdateModelPayload { model { slug version description } } } }',
          {
            input: {
              slug: 'glm-130b',
              description: 'A bilingual (English and Chinese) model of 130 billion parameters.',
            },
          },
        ),
        await send(
          'mutation ($input: AddClaimInput!) { addClaim(input: $input) { __typename ... on AddClaimPayload { model { slug version parameterCount { display } claims(property: PARAMETERS) { value rank source { slug } } } } } }',
          {
            input: {
              model: 'glm-130b',
              property: 'PARAMETERS',
              value: '130000000000',
              source: 'epoch-ai-notable-models',
            },
          },
        ),
        await send(
          '{ model(slug: "glm-130b") { history(first: 3) { edges { node { action version changes { field from to } } } } } }',
          {},
        ),
      ]);
    }
    const [onPostgres, onSqlite] = answers;
    expect(JSON.stringify(onPostgres)).not.toMatch(/"errors"/);
    expect(onPostgres).toEqual(onSqlite);
  });

  it('answers 503 with a code at once when every pooled connection is taken, and serves again after', async () => {
    // PG_POOL_SIZE=1 PG_POOL_TIMEOUT_MS=200, as readEnv puts them into the database's settings.
    const small = openDatabase({
      ...postgres.config,
      pool: { size: 1, connectionTimeoutMs: 200, statementTimeoutMs: 15_000 },
    });
    const app = createApp(small);
    const ask = async () => {
      const response = await app.fetch('http://atlas/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: '{ model(slug: "gpt-3") { slug } }' }),
      });
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
    };
    try {
      expect((await ask()).status).toBe(200);
      // A transaction holds the only connection for a second.
      const holding = small.prisma.$transaction((tx) => tx.$queryRawUnsafe('SELECT pg_sleep(1)::text'), {
        timeout: 10_000,
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      const refused = await ask();
      expect(performance.now() - started).toBeLessThan(900);
      expect(refused).toEqual({
        status: 503,
        retryAfter: '1',
        body: {
          data: { model: null },
          errors: [
            {
              message: 'The database cannot answer right now: retry in a moment.',
              locations: [{ line: 1, column: 3 }],
              path: ['model'],
              extensions: { code: 'DATABASE_UNAVAILABLE' },
            },
          ],
        },
      });
      await holding;
      expect(await ask()).toMatchObject({ status: 200, body: { data: { model: { slug: 'gpt-3' } } } });
    } finally {
      await app.dispose();
      await small.prisma.$disconnect();
    }
  });

  it('lets instances started at once take turns: one migrates and imports, the other finds nothing to do', async () => {
    const base = new URL(TEST_POSTGRES_URL as string);
    base.searchParams.set('schema', `t_turns_${process.pid}_${Date.now().toString(36)}`);
    const config = parseDatabaseUrl(base.href) as PostgresConfig;
    const [first, second] = [openDatabase(config), openDatabase(config)];
    try {
      // As npm start does (seed/start.ts): prepare under the database's prepare lock.
      const reports = await Promise.all(
        [first, second].map((database) => withPrepareLock(config, () => prepareDatabase(database))),
      );
      // One applies every migration of PostgreSQL's folder, the other none.
      const migrations = readdirSync(POSTGRES_MIGRATIONS_DIR).filter((name) => /^\d{14}_/.test(name)).length;
      expect(migrations).toBeGreaterThan(1);
      expect(reports.map((each) => each.appliedMigrations.length).sort()).toEqual([0, migrations]);
      expect(reports.map((each) => each.seeded).sort()).toEqual([false, true]);
      expect(await countRows(first)).toEqual(built);
    } finally {
      await first.prisma.$disconnect();
      await second.prisma.$disconnect();
      await dropPostgresSchema(config);
    }
  }, 120_000);

  it('moves the graph to PostgreSQL and back with npm run db:copy, checked by counts and answers', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-copy-'));
    const target = new URL(TEST_POSTGRES_URL as string);
    target.searchParams.set('schema', `t_copy_${process.pid}_${Date.now().toString(36)}`);
    const copy = (from: string, to: string) =>
      spawnSync('npm', ['run', '--silent', 'db:copy', '--', '--from', from, '--to', to], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    try {
      const there = copy(sqlite.databaseUrl, target.href);
      expect(there.stderr).toBe('');
      expect(there.status).toBe(0);
      expect(there.stdout).toMatch(
        /Copied \d+ rows in 28 tables .*the 10 example operations' answers are the same on both\./,
      );
      const again = copy(sqlite.databaseUrl, target.href);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(
        /^db:copy: the target already holds a graph \(.*\b1000 rows in Model\b.*\): copy into an empty database\n$/,
      );
      const back = copy(target.href, `file:${join(folder, 'back.db')}`);
      expect(back.status).toBe(0);
      expect(back.stdout).toMatch(/Copied \d+ rows in 28 tables/);
      const returned = openDatabase(parseDatabaseUrl(`file:${join(folder, 'back.db')}`));
      try {
        expect(await countRows(returned)).toEqual(await countRows(sqlite.database));
        const copied = openDatabase(parseDatabaseUrl(target.href));
        // The copy turned the counting triggers off and counted once at the end: the same kept
        // counts as SQLite's, kept row by row by its triggers, and the triggers are on again.
        expect(await keptCounts(copied)).toEqual(await keptCounts(sqlite.database));
        const off = await copied.prisma.$queryRawUnsafe<{ name: string }[]>(
          `SELECT t."tgname" AS name FROM pg_trigger t JOIN pg_class c ON c."oid" = t."tgrelid"
           WHERE NOT t."tgisinternal" AND t."tgenabled" = 'D' AND c."relnamespace" = current_schema()::regnamespace`,
        );
        expect(off).toEqual([]);
        // New rows get new ids after the copied ones (PostgreSQL's sequences were moved past them).
        const created = await copied.prisma.source.create({
          data: { slug: 'after-copy', kind: 'WEBSITE', title: 'After the copy' },
        });
        expect(created.id).toBeGreaterThan((await sqlite.prisma.source.aggregate({ _max: { id: true } }))._max.id ?? 0);
        await copied.prisma.$disconnect();
      } finally {
        await returned.prisma.$disconnect();
      }
    } finally {
      await dropPostgresSchema(parseDatabaseUrl(target.href) as PostgresConfig);
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);
});

/** The counts the database keeps (the migration overview_counts), in an order both databases give alike. */
async function keptCounts(database: Database): Promise<Record<string, unknown[]>> {
  const read = async (sql: string) =>
    (await database.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql)).map((row) =>
      Object.values(row).map((value) => (typeof value === 'bigint' ? Number(value) : value)),
    );
  return {
    tables: await read('SELECT "name", "rows" FROM "TableCount" ORDER BY "name"'),
    organizations: await read(
      'SELECT "organizationId", "models", "articles", "modelArticles", "maxParameters" FROM "OrganizationCount" ORDER BY 1',
    ),
    topics: await read('SELECT "topicId", "models", "articles" FROM "TopicCount" ORDER BY 1'),
    countries: await read(
      'SELECT "country", "organizations", "models", "articles", "modelArticles" FROM "CountryCount" ORDER BY 1',
    ),
    facets: await read('SELECT "facet", "value", "count" FROM "ArticleFacetCount" ORDER BY 1, 2'),
    reach: await read(
      `SELECT COUNT(*) AS n, SUM("paths") AS paths, SUM("viaModels") AS via FROM "OrganizationArticle"
       UNION ALL SELECT COUNT(*), SUM("paths"), SUM("viaModels") FROM "CountryArticle"`,
    ),
  };
}

describe.skipIf(!TEST_POSTGRES_URL)('on PostgreSQL with a read replica (DATABASE_REPLICA_URLS)', () => {
  // No streaming replication here: the "replica" is a copy of the primary in a schema of its own,
  // which then differs from it on purpose, so that each answer shows which database it came from.
  let primary: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let replica: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let server: TestServer<PostgresConfig>;
  let editor: string;

  beforeAll(async () => {
    primary = await createPostgresTestDatabase('primary');
    replica = await createPostgresTestDatabase('replica');
    const source = openDatabase(parseDatabaseUrl(`file:${await fullGraphTemplate()}`), { mustExist: true });
    try {
      await copyGraph(source, primary.database);
      await copyGraph(source, replica.database);
    } finally {
      await source.disconnect();
    }
    await replica.prisma.model.update({
      where: { slug: 'chatgpt' },
      data: { name: 'ChatGPT (as the replica has it)' },
    });
    editor = (await createToken(primary.prisma, { name: 'editor', role: 'EDITOR' })).token;
    // As readEnv builds it from DATABASE_URL and DATABASE_REPLICA_URLS.
    const config = { ...primary.config, replicas: parseReplicaUrls(replicaUrl(replica.config), primary.config) };
    const database = openDatabase(config);
    server = await serveTestDatabase({
      ...primary,
      database,
      cleanup: async () => {
        await database.disconnect();
        await Promise.all([primary.cleanup(), replica.cleanup()]);
      },
    });
  }, 240_000);

  afterAll(async () => {
    await server?.close();
  });

  /** A replica nothing listens at: connecting fails at once. */
  const DEAD_REPLICA = 'postgresql://postgres@127.0.0.1:1/test';

  const replicaUrl = (config: PostgresConfig) => {
    const url = new URL(config.url);
    url.searchParams.set('schema', config.schema);
    return url.href;
  };

  async function send(query: string, token?: string) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: await response.json() };
  }

  it('answers queries and explorer pages from the replica', async () => {
    expect(await send('{ model(slug: "chatgpt") { name } }')).toEqual({
      status: 200,
      body: { data: { model: { name: 'ChatGPT (as the replica has it)' } } },
    });
    // Search, lineage and slug lookups are the store's raw statements: the replica's too.
    const found = await send('{ search(query: "as the replica has it") { totalCount } }');
    expect(found.body).toEqual({ data: { search: { totalCount: 0 } } });
    const page = await fetch(`${server.url}/models/chatgpt`);
    expect(await page.text()).toContain('ChatGPT (as the replica has it)');
  });

  it('writes to the primary, answers the mutation from it, and checks tokens there', async () => {
    // The token exists on the primary only: a replica would not know it.
    const written = await send(
      'mutation { updateModel(input: { slug: "chatgpt", nameZh: "聊天生成预训练转换器" }) { __typename ... on UpdateModelPayload { model { name nameZh version } } } }',
      editor,
    );
    expect(written).toEqual({
      status: 200,
      body: {
        data: {
          updateModel: {
            __typename: 'UpdateModelPayload',
            model: { name: 'ChatGPT', nameZh: '聊天生成预训练转换器', version: expect.any(Number) },
          },
        },
      },
    });
    expect(
      await primary.prisma.model.findUniqueOrThrow({ where: { slug: 'chatgpt' }, select: { nameZh: true } }),
    ).toEqual({
      nameZh: '聊天生成预训练转换器',
    });
    // The replica has not followed (nothing replicates here): a query still reads it.
    const read = await send('{ model(slug: "chatgpt") { name nameZh } }', editor);
    expect(read.body.data.model.name).toBe('ChatGPT (as the replica has it)');
    expect(read.body.data.model.nameZh).not.toBe('聊天生成预训练转换器');
  });

  it('reads the replica in a server process too (DATABASE_REPLICA_URLS, execution workers), writes the primary', async () => {
    // The second replica: nothing listens there. The worker reads it once, then passes over it.
    const serverProcess = await spawnServer('node', ['scripts/run.mjs', 'src/serve.ts'], {
      DATABASE_URL: primary.databaseUrl,
      DATABASE_REPLICA_URLS: `${replicaUrl(replica.config)},${DEAD_REPLICA}`,
      EXECUTION_WORKERS: '1',
      LOG_LEVEL: 'error',
    });
    try {
      // Each thread keeps its own marks: the main thread (it reads the response cache's version)
      // and the worker each find the dead replica once, then pass over it.
      const reads = [];
      for (let at = 0; at < 8; at++)
        reads.push(await postGraphQL(serverProcess.url, '{ model(slug: "chatgpt") { name } }'));
      expect(reads.slice(4)).toEqual(
        Array.from({ length: 4 }, () => ({
          status: 200,
          body: { data: { model: { name: 'ChatGPT (as the replica has it)' } } },
        })),
      );
      expect(reads.filter((read) => read.status !== 200).length).toBeLessThanOrEqual(2);
      for (const read of reads.filter((read) => read.status !== 200)) expect(read.status).toBe(503);
      const ready = await fetch(`${serverProcess.url}/ready`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({
        status: 200,
        body: { status: 'ok', database: 'up', replicas: { up: 1, down: 1 } },
      });
      const written = await fetch(`${serverProcess.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
        body: JSON.stringify({
          query:
            'mutation { updateModel(input: { slug: "opt-175b", nameZh: "开放预训练转换器" }) { __typename ... on UpdateModelPayload { model { nameZh } } } }',
        }),
      });
      expect(await written.json()).toEqual({
        data: { updateModel: { __typename: 'UpdateModelPayload', model: { nameZh: '开放预训练转换器' } } },
      });
      expect(
        await primary.prisma.model.findUniqueOrThrow({ where: { slug: 'opt-175b' }, select: { nameZh: true } }),
      ).toEqual({ nameZh: '开放预训练转换器' });
    } finally {
      serverProcess.child.kill('SIGTERM');
      await serverProcess.exited;
    }
  }, 60_000);

  it('passes over a replica that cannot answer: the queries after the first read the others', async () => {
    const config = {
      ...primary.config,
      pool: { size: 2, connectionTimeoutMs: 500, statementTimeoutMs: 5000 },
      replicas: parseReplicaUrls(`${DEAD_REPLICA},${replicaUrl(replica.config)}`, primary.config),
    };
    const database = openDatabase(config);
    const twoReplicas = await serveTestDatabase({ ...primary, database, cleanup: () => database.disconnect() });
    try {
      const statuses: number[] = [];
      for (let at = 0; at < 6; at++) {
        const read = await fetch(`${twoReplicas.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ model(slug: "chatgpt") { name } }' }),
        });
        statuses.push(read.status);
        if (read.status === 200)
          expect(await read.json()).toEqual({ data: { model: { name: 'ChatGPT (as the replica has it)' } } });
        else expect(await read.text()).toContain('DATABASE_UNAVAILABLE');
      }
      // In turn: the live replica, then the dead one (503, marked), then only the live one.
      expect(statuses).toEqual([200, 503, 200, 200, 200, 200]);
      expect(database.replicaStates()).toEqual(['down', 'up']);
      // An explorer page reads the live one too.
      expect(await (await fetch(`${twoReplicas.url}/models/chatgpt`)).text()).toContain(
        'ChatGPT (as the replica has it)',
      );
      const ready = await fetch(`${twoReplicas.url}/ready`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({
        status: 200,
        body: { status: 'ok', database: 'up', replicas: { up: 1, down: 1 } },
      });
    } finally {
      await twoReplicas.close();
    }
  });

  it('reads a replica marked down again once it answers, or after a while', async () => {
    const database = openDatabase({
      ...primary.config,
      replicas: parseReplicaUrls(`${replicaUrl(replica.config)},${replicaUrl(replica.config)}`, primary.config),
    });
    try {
      const [first, second] = [0, 1];
      const turns = (n: number) => Array.from({ length: n }, () => database.replicas.indexOf(database.reader()));
      expect(turns(4)).toEqual([second, first, second, first]);
      database.markReplica(database.replicas[first] as Database, 'down');
      expect(turns(3)).toEqual([second, second, second]);
      // `/ready` asks each replica, and marks the one that answers up again.
      expect(await readinessOf(database)()).toEqual({ ready: true, database: 'up', replicas: { up: 2, down: 0 } });
      expect(turns(2)).toEqual([first, second]);
      // Or the mark runs out.
      const now = Date.now();
      const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
      database.markReplica(database.replicas[second] as Database, 'down');
      clock.mockReturnValue(now + REPLICA_RETRY_MS - 1);
      expect(turns(2)).toEqual([first, first]);
      clock.mockReturnValue(now + REPLICA_RETRY_MS);
      expect(turns(2)).toEqual([second, first]);
      clock.mockRestore();
      // With every replica marked down, they are still read in turn (the primary is no fallback).
      database.markReplica(database.replicas[first] as Database, 'down');
      database.markReplica(database.replicas[second] as Database, 'down');
      expect(turns(2)).toEqual([second, first]);
      expect(database.replicaStates()).toEqual(['down', 'down']);
    } finally {
      await database.disconnect();
    }
  });

  it('answers 503 for a query when its replica is down, and still writes through the primary', async () => {
    // A replica nothing listens at: each query fails over to nothing, at once, with the 503 a client retries.
    const database = openDatabase({
      ...primary.config,
      pool: { size: 2, connectionTimeoutMs: 500, statementTimeoutMs: 5000 },
      replicas: parseReplicaUrls(DEAD_REPLICA, primary.config),
    });
    const down = await serveTestDatabase({ ...primary, database, cleanup: () => database.disconnect() });
    try {
      const read = await fetch(`${down.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ model(slug: "chatgpt") { name } }' }),
      });
      expect(read.status).toBe(503);
      const body = await read.text();
      expect(body).toContain('DATABASE_UNAVAILABLE');
      expect(body).not.toMatch(/ at |\.ts:|127\.0\.0\.1:1/);
      const written = await fetch(`${down.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
        body: JSON.stringify({
          query: 'mutation { updateModel(input: { slug: "gpt-3", nameZh: "生成式预训练转换器3" }) { __typename } }',
        }),
      });
      expect(await written.json()).toEqual({ data: { updateModel: { __typename: 'UpdateModelPayload' } } });
      // No replica answers: this instance cannot answer queries, and says so.
      const ready = await fetch(`${down.url}/ready`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({
        status: 503,
        body: { status: 'unavailable', database: 'up', replicas: { up: 0, down: 1 } },
      });
    } finally {
      await down.close();
    }
  });
});
