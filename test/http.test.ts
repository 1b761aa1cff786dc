import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakDatabase } from './helpers/database.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('http');
});
afterAll(async () => {
  await server?.close();
});

describe('over real HTTP', () => {
  it('answers "which articles cover Baidu\'s models?" from the seeded data', async () => {
    const { status, body } = await server.graphql(/* GraphQL */ `
      {
        articles(filter: { coversModelOf: { slug: "baidu" } }) {
          totalCount
          edges { node { title models(first: 20) { edges { node { slug } } } } }
        }
      }
    `);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        articles: {
          totalCount: 1,
          edges: [
            {
              node: {
                title: '为什么百度没有做出chatGPT这种产品？',
                models: {
                  edges: [
                    { node: { slug: 'chatgpt' } },
                    { node: { slug: 'ernie-3-0' } },
                    { node: { slug: 'ernie-3-0-titan' } },
                    { node: { slug: 'ernie-bot' } },
                  ],
                },
              },
            },
          ],
        },
      },
    });
  });

  it('serves GraphiQL, self-hosted, with the example operations', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>llm-atlas</title>');
    expect(html).toContain('ArticlesAboutBaiduModels');
    expect(html).not.toContain('unpkg.com');
  });

  it('reports health 200 while the database answers', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers a malformed query with 400 and a message, never a stack trace', async () => {
    const { status, body } = await server.graphql('{ models { edges { node { slug } }');
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Syntax Error: Expected Name, found <EOF>.',
            locations: [{ line: 1, column: 35 }],
            extensions: { code: 'GRAPHQL_PARSE_FAILED' },
          },
        ],
      },
    });
  });

  it('answers an unknown field with 400 naming it', async () => {
    const { status, body } = await server.graphql('{ model(slug: "gpt-3") { nonsense } }');
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Cannot query field "nonsense" on type "Model".',
            locations: [{ line: 1, column: 26 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    });
  });
});

describe('when the database is down', () => {
  it('reports health 503 and GraphQL errors without a stack trace', async () => {
    const down = await startTestServer('http-down', { seed: false });
    try {
      // A database that is no longer there: every query fails, as with a lost disk.
      await breakDatabase(down);
      const health = await fetch(`${down.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', database: 'down' });
      const { status, body } = await down.graphql('{ models { totalCount } }');
      // The whole answer: the message is masked, nothing names the database or the code.
      expect({ status, body }).toEqual({
        status: 200,
        body: {
          data: null,
          errors: [
            {
              message: 'Unexpected error.',
              locations: [{ line: 1, column: 12 }],
              path: ['models', 'totalCount'],
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            },
          ],
        },
      });
    } finally {
      await down.close();
    }
  });
});
