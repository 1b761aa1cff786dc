/**
 * Issue 11, live updates: a real GraphQL-over-SSE client (graphql-sse, distinct connections mode)
 * subscribes over HTTP; a mutation sent by another request reaches it, filtered by model,
 * organization or topic. Also through the execution pool: a mutation executed in a worker thread
 * is published by the main thread.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { createGraphEvents } from '../src/events.js';
import { ExecutionPool } from '../src/execution/pool.js';
import { createApp } from '../src/yoga.js';
import { startTestServer, type TestServer } from './helpers/server.js';

type Result = { data?: Record<string, unknown> | null; errors?: unknown[] };

/** Subscribes with graphql-sse and collects results until `stop()`; resolves `ready` once the stream is open. */
function subscribe(url: string, query: string) {
  const client = createClient({ url: `${url}/graphql`, retryAttempts: 0 });
  const results: Result[] = [];
  let opened: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const iterator = client.iterate({ query }, { connected: () => opened() } as never);
  const done = (async () => {
    for await (const result of iterator) results.push(result as Result);
  })();
  return {
    results,
    ready,
    /** Waits until `count` results arrived (or fails after 5 s). */
    async next(count: number): Promise<Result[]> {
      const deadline = Date.now() + 5_000;
      while (results.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} results, got ${results.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return results.slice(0, count);
    },
    async stop() {
      await iterator.return?.();
      client.dispose();
      await done.catch(() => {});
    },
  };
}

describe('subscriptions over Server-Sent Events', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer('subscriptions');
    token = (await createToken(server.prisma, { name: 'alice', role: 'EDITOR' })).token;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const mutate = async (url: string, query: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: Record<string, { __typename: string }> };
    return Object.values(body.data ?? {})[0]?.__typename;
  };

  it('hears a claim changed by a mutation, with the model as it is now; a filter keeps other models out', async () => {
    const gpt3 = subscribe(
      server.url,
      'subscription { claimChanged(filter: { model: "gpt-3" }) { action actor slug version changes { field from to } model { slug parameters } } }',
    );
    const openai = subscribe(server.url, 'subscription { claimChanged(filter: { organization: "openai" }) { slug } }');
    const baidu = subscribe(server.url, 'subscription { claimChanged(filter: { organization: "baidu" }) { slug } }');
    await Promise.all([gpt3.ready, openai.ready, baidu.ready]);
    try {
      expect(
        await mutate(
          server.url,
          'mutation { addClaim(input: { model: "chatgpt", property: PARAMETERS, value: "20000000000", source: "user-note" }) { __typename } }',
        ),
      ).toBe('AddClaimPayload');
      expect(
        await mutate(
          server.url,
          'mutation { addClaim(input: { model: "gpt-3", property: ARCHITECTURE, value: "decoder-only Transformer", source: "user-note", confidence: LIKELY }) { __typename } }',
        ),
      ).toBe('AddClaimPayload');
      const [heard] = await gpt3.next(1);
      expect(heard).toEqual({
        data: {
          claimChanged: {
            action: 'UPDATED',
            actor: 'alice',
            slug: 'gpt-3',
            version: 2,
            changes: [
              {
                field: 'claim:ARCHITECTURE:user-note',
                from: null,
                to: { value: 'decoder-only Transformer', confidence: 'LIKELY' },
              },
            ],
            model: { slug: 'gpt-3', parameters: '175000000000' },
          },
        },
      });
      // OpenAI developed both; Baidu neither.
      expect(
        (await openai.next(2)).map((result) => (result.data?.claimChanged as { slug: string } | undefined)?.slug),
      ).toEqual(['chatgpt', 'gpt-3']);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(baidu.results).toEqual([]);
      expect(gpt3.results).toHaveLength(1);
    } finally {
      await Promise.all([gpt3.stop(), openai.stop(), baidu.stop()]);
    }
  });

  it('hears an article added with what it covers, filtered by the organization of a model it covers', async () => {
    const baidu = subscribe(
      server.url,
      'subscription { articleChanged(filter: { organization: "baidu" }) { action url actor article { title } changes { field to } } }',
    );
    const rlhf = subscribe(server.url, 'subscription { articleChanged(filter: { topic: "rlhf" }) { url } }');
    await Promise.all([baidu.ready, rlhf.ready]);
    try {
      expect(
        await mutate(
          server.url,
          `mutation { addArticles(input: { articles: [{ url: "https://arxiv.org/abs/2107.02137", title: "ERNIE 3.0", language: "en",
            covers: [{ target: MODEL, slug: "ernie-3-0", relevance: MAIN }] }] }) { __typename } }`,
        ),
      ).toBe('AddArticlesPayload');
      const [heard] = await baidu.next(1);
      expect(heard?.data?.articleChanged).toEqual({
        action: 'CREATED',
        url: 'https://arxiv.org/abs/2107.02137',
        actor: 'alice',
        article: { title: 'ERNIE 3.0' },
        changes: expect.arrayContaining([
          { field: 'title', to: 'ERNIE 3.0' },
          { field: 'covers:model:ernie-3-0', to: { relevance: 'MAIN', confidence: 'UNKNOWN' } },
        ]),
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(rlhf.results).toEqual([]);
    } finally {
      await Promise.all([baidu.stop(), rlhf.stop()]);
    }
  });

  it('publishes from the main thread what a mutation executed in a worker thread wrote', async () => {
    const pool = new ExecutionPool(server.config, { size: 1 });
    const http: Server = createServer(createApp(server.database, { pool }));
    try {
      await pool.ready();
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      const heard = subscribe(url, 'subscription { claimChanged(filter: { model: "palm" }) { slug actor } }');
      await heard.ready;
      try {
        expect(
          await mutate(
            url,
            'mutation { addClaim(input: { model: "palm", property: ARCHITECTURE, value: "decoder-only", source: "user-note" }) { __typename } }',
          ),
        ).toBe('AddClaimPayload');
        expect(await heard.next(1)).toEqual([{ data: { claimChanged: { slug: 'palm', actor: 'alice' } } }]);
      } finally {
        await heard.stop();
      }
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      await pool.close();
    }
  }, 60_000);
});

describe('subscription limits', () => {
  it('refuses a client past its share and the server past its total, and frees a place when one ends', async () => {
    const events = createGraphEvents({ total: 2, perClient: 1 });
    const first = events.subscribe('10.0.0.1')[Symbol.asyncIterator]();
    expect(() => events.subscribe('10.0.0.1')).toThrow(/A client may hold 1 subscriptions at once/);
    const second = events.subscribe('10.0.0.2')[Symbol.asyncIterator]();
    expect(() => events.subscribe('10.0.0.3')).toThrow(/The server holds 2 subscriptions, its limit/);
    // Ended before it heard anything: its place is free again.
    await first.return?.();
    const third = events.subscribe('10.0.0.1')[Symbol.asyncIterator]();
    const heard = third.next();
    events.publish([
      {
        entity: 'model',
        id: 1,
        key: 'gpt-3',
        version: 2,
        action: 'updated',
        changes: [],
        actor: 'alice',
        actorKind: 'EDITOR',
        at: '2026-12-02T00:00:00.000Z',
      },
    ]);
    expect((await heard).value).toMatchObject({ key: 'gpt-3', actor: 'alice' });
    await Promise.all([second.return?.(), third.return?.()]);
    expect(() => events.subscribe('10.0.0.3')).not.toThrow();
  });
});
