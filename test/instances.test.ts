/**
 * Several instances behind a load balancer (issue 12, first slice). Two `npm start` at once on a
 * new database file take turns preparing it. Two server processes, as `npm run serve` runs them,
 * on one database and one Redis (`REDIS_URL`): A write made through
 * one instance reaches a subscriber of the other; the rate limit counts a client once across
 * both; a Redis that cannot be reached stops the start with one line.
 *
 * Redis runs at 127.0.0.1:6379 on these machines (REDIS_TEST_URL for another). Without it this
 * file says so and is skipped, unless REQUIRE_REDIS=1 (CI), where it fails.
 */

import { createClient } from 'graphql-sse';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../seed/curated/import.js';
import { createToken } from '../src/auth/tokens.js';
import { createTestDatabase, newDatabaseUrl, type TestDatabase } from './helpers/database.js';
import { npmStart, type ServerProcess, spawnServer } from './helpers/process.js';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const available = await redisAnswers();
if (!available)
  console.warn(`multi-instance tests skipped: no Redis at ${REDIS_URL} (start redis-server, or set REDIS_TEST_URL)`);

it.runIf(!available && process.env.REQUIRE_REDIS === '1')('finds Redis where CI runs', () => {
  expect(available, `no Redis at ${REDIS_URL}`).toBe(true);
});

describe.skipIf(!available)('two instances sharing one database and one Redis', () => {
  // A prefix of this run's own: other runs on the same Redis hear nothing of it.
  const prefix = `llm-atlas-test-${process.pid}-${Date.now()}:`;
  let database: TestDatabase;
  let editor: string;
  const instances: ServerProcess[] = [];
  const start = (env: Record<string, string> = {}) =>
    spawnServer('node', ['scripts/run.mjs', 'src/serve.ts'], {
      DATABASE_URL: database.databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      EXECUTION_WORKERS: '1',
      LOG_LEVEL: 'warn',
      ...env,
    });

  beforeAll(async () => {
    database = await createTestDatabase('instances');
    await seedDatabase(database.database);
    editor = (await createToken(database.prisma, { name: 'alice', role: 'EDITOR' })).token;
    instances.push(
      ...(await Promise.all([start({ RATE_LIMIT_PER_MINUTE: '8' }), start({ RATE_LIMIT_PER_MINUTE: '8' })])),
    );
  }, 120_000);
  afterAll(async () => {
    for (const instance of instances) instance.child.kill('SIGTERM');
    await Promise.all(instances.map((instance) => instance.exited));
    await database?.cleanup();
  });

  it('delivers a write made through one instance to a subscriber of the other', async () => {
    const [a, b] = instances as [ServerProcess, ServerProcess];
    const client = createClient({ url: `${b.url}/graphql`, retryAttempts: 0 });
    const heard: unknown[] = [];
    let opened: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      opened = resolve;
    });
    const iterator = client.iterate(
      { query: 'subscription { claimChanged(filter: { model: "palm" }) { slug actor } }' },
      { connected: () => opened() } as never,
    );
    const done = (async () => {
      for await (const result of iterator) heard.push(result);
    })();
    try {
      await ready;
      const response = await fetch(`${a.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
        body: JSON.stringify({
          query:
            'mutation { addClaim(input: { model: "palm", property: ARCHITECTURE, value: "decoder-only (two instances)", source: "user-note" }) { __typename } }',
        }),
      });
      expect(((await response.json()) as { data: { addClaim: { __typename: string } } }).data.addClaim.__typename).toBe(
        'AddClaimPayload',
      );
      const deadline = Date.now() + 5_000;
      while (heard.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard).toEqual([{ data: { claimChanged: { slug: 'palm', actor: 'alice' } } }]);
      // The other instance reads the write from the shared database.
      const read = await fetch(`${b.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ model(slug: "palm") { claims(property: ARCHITECTURE) { value source { slug } } } }',
        }),
      });
      const { data } = (await read.json()) as {
        data: { model: { claims: { value: string; source: { slug: string } }[] } };
      };
      expect(data.model.claims).toContainEqual({
        value: 'decoder-only (two instances)',
        source: { slug: 'user-note' },
      });
    } finally {
      await iterator.return?.();
      client.dispose();
      await done.catch(() => {});
    }
  });

  it('counts a client once across both instances: the ninth request of the minute is refused, whichever it reaches', async () => {
    const [a, b] = instances as [ServerProcess, ServerProcess];
    // The subscription test above spent some of this minute's budget; start the count afresh.
    const redis = new Redis(REDIS_URL);
    try {
      for (const key of await redis.keys(`${prefix}rate:*`)) await redis.del(key);
    } finally {
      redis.disconnect();
    }
    const statuses: number[] = [];
    for (let index = 0; index < 10; index += 1) {
      const url = index % 2 === 0 ? a.url : b.url;
      const response = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { 'x-graphql-yoga-csrf': '1' },
      });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
  });

  it('refuses to start with one line when Redis cannot be reached', async () => {
    await expect(start({ REDIS_URL: 'redis://127.0.0.1:1' })).rejects.toThrow(
      /llm-atlas could not start: cannot reach Redis at REDIS_URL \(redis:\/\/127\.0\.0\.1:1\)/,
    );
  });
});

describe('two instances started at once on a new database', () => {
  it('take turns: one migrates and imports, the other waits, then finds nothing to do; both serve', async () => {
    const fresh = newDatabaseUrl('race');
    const env = { DATABASE_URL: fresh.url, EXECUTION_WORKERS: '1', LOG_LEVEL: 'warn' };
    const started = await Promise.allSettled([npmStart(env), npmStart(env)]);
    const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok'))).toEqual([
        'ok',
        'ok',
      ]);
      const outputs = servers.map((server) => server.output());
      expect(outputs.filter((output) => /Applied \d+ migration\(s\)/.test(output))).toHaveLength(1);
      expect(outputs.filter((output) => output.includes('Seeded.'))).toHaveLength(1);
      expect(outputs.filter((output) => output.includes('Another instance is preparing the database'))).toHaveLength(1);
      const totals = await Promise.all(
        servers.map(async (server) => {
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ overview { totals { models sources articles people } } }' }),
          });
          return ((await response.json()) as { data: unknown }).data;
        }),
      );
      expect(totals[0]).toEqual(totals[1]);
      expect(totals[0]).toMatchObject({ overview: { totals: { models: 1000 } } });
    } finally {
      for (const server of servers) server.child.kill('SIGTERM');
      await Promise.all(servers.map((server) => server.exited));
      await fresh.cleanup();
    }
  }, 120_000);
});
