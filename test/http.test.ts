import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const { status, body } = await server.graphql<{
      articles: {
        totalCount: number;
        edges: { node: { title: string; models: { edges: { node: { slug: string } }[] } } }[];
      };
    }>(/* GraphQL */ `
      {
        articles(filter: { coversModelOf: { slug: "baidu" } }) {
          totalCount
          edges { node { title models(first: 20) { edges { node { slug } } } } }
        }
      }
    `);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const titles = body.data?.articles.edges.map((edge) => edge.node.title);
    expect(titles).toContain('为什么百度没有做出chatGPT这种产品？');
    expect(body.data?.articles.totalCount).toBe(titles?.length);
    const slugs = body.data?.articles.edges.flatMap((edge) => edge.node.models.edges.map((model) => model.node.slug));
    expect(slugs).toEqual(expect.arrayContaining(['ernie-3-0-titan', 'ernie-bot']));
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
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/Syntax Error/);
    expect(JSON.stringify(body)).not.toMatch(/\bat \w+ \(|node_modules/);
  });

  it('answers an unknown field with 400 naming it', async () => {
    const { status, body } = await server.graphql('{ model(slug: "gpt-3") { nonsense } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toContain('nonsense');
  });
});

describe('when the database is down', () => {
  it('reports health 503 and GraphQL errors without a stack trace', async () => {
    const down = await startTestServer('http-down', { seed: false });
    try {
      // A database file that is no longer a database: every query fails, as with a lost disk.
      await down.prisma.$disconnect();
      writeFileSync(down.config.filePath, 'this is not a database');
      const health = await fetch(`${down.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', database: 'down' });
      const { body } = await down.graphql('{ models { totalCount } }');
      expect(body.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(body)).not.toMatch(/stack|node_modules|sqlite/i);
    } finally {
      await down.close();
    }
  });
});
