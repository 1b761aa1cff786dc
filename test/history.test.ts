/**
 * Issue 11, history: every write records, per entity it changed, who made it, when and what
 * changed (from/to), in the write's own transaction; `history` on each entity and the root feed
 * answer it newest first. Importers' writes are attributed to the importer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, writeGraph } from '../src/graph/index.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const ALICE: Actor = { kind: 'EDITOR', name: 'alice' };

type Change = { field: string; from: unknown; to: unknown };
type RevisionNode = {
  actor: string;
  actorKind: string;
  action: string;
  version: number;
  entityType: string;
  entityKey: string;
  changes: Change[];
};

const REVISION = 'actor actorKind action version entityType entityKey changes { field from to }';

describe('history', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('history');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const modelHistory = async (slug: string) => {
    const { body } = await server.graphql<{
      model: { version: number; history: { totalCount: number; edges: { node: RevisionNode }[] } };
    }>(
      `query ($slug: String!) { model(slug: $slug) { version history { totalCount edges { node { ${REVISION} } } } } }`,
      {
        slug,
      },
    );
    expect(body.errors).toBeUndefined();
    return body.data?.model as { version: number; history: { totalCount: number; edges: { node: RevisionNode }[] } };
  };

  it("records the seed's writes, attributed to the importer, with every field, edge and claim it created", async () => {
    const chatgpt = await modelHistory('chatgpt');
    expect(chatgpt.version).toBe(1);
    expect(chatgpt.history.totalCount).toBe(1);
    const [created] = chatgpt.history.edges.map((edge) => edge.node);
    expect(created).toMatchObject({
      actor: 'importer:curated',
      actorKind: 'IMPORTER',
      action: 'CREATED',
      version: 1,
      entityType: 'MODEL',
      entityKey: 'chatgpt',
    });
    const fields = new Map(created?.changes.map((change) => [change.field, change]));
    expect(fields.get('name')).toEqual({ field: 'name', from: null, to: 'ChatGPT' });
    expect(fields.get('developer:openai')).toEqual({
      field: 'developer:openai',
      from: null,
      to: { role: 'DEVELOPER', source: 'llm-atlas-curated' },
    });
    expect(fields.get('parent:gpt-3-5:FINE_TUNED_FROM')?.to).toMatchObject({ source: 'openai-chatgpt-blog' });
    expect(fields.get('claim:PARAMETERS:user-note')?.to).toMatchObject({ value: '175000000000', quote: '175B' });

    // Every entity the seed made has one revision; the feed counts them all.
    const counts = await server.prisma.revision.groupBy({ by: ['entityType'], _count: true });
    const entities = {
      SOURCE: await server.prisma.source.count(),
      ORGANIZATION: await server.prisma.organization.count(),
      TOPIC: await server.prisma.topic.count(),
      MODEL: await server.prisma.model.count(),
      ARTICLE: await server.prisma.article.count(),
    };
    expect(Object.fromEntries(counts.map((row) => [row.entityType, row._count]))).toEqual(entities);
    const { body } = await server.graphql<{ history: { totalCount: number } }>(
      '{ history(filter: { actor: "importer:curated" }) { totalCount } }',
    );
    expect(body.data?.history.totalCount).toBe(Object.values(entities).reduce((sum, n) => sum + n, 0));
  });

  it('records an update as one revision per entity, from the old value to the new, and bumps the version', async () => {
    const { revisions } = await writeGraph(
      server.database,
      async (graph) => {
        await graph.updateModels([{ slug: 'chatgpt', nameZh: '聊天生成预训练转换器' }]);
        await graph.putClaims([
          {
            model: 'chatgpt',
            property: 'PARAMETERS',
            value: '20000000000',
            source: 'user-note',
            confidence: 'SPECULATIVE',
          },
        ]);
        await graph.linkModelTopics([{ model: 'chatgpt', topic: 'chinese-llms' }]);
        await graph.unlinkModelTopics([{ model: 'chatgpt', topic: 'chinese-llms' }]);
        await graph.unlinkLineage([{ child: 'chatgpt', parent: 'instructgpt', kind: 'SIBLING_OF' }]);
      },
      { actor: ALICE },
    );
    expect(revisions.map((revision) => [revision.entity, revision.key, revision.version])).toEqual([
      ['model', 'chatgpt', 2],
    ]);
    const chatgpt = await modelHistory('chatgpt');
    expect(chatgpt.version).toBe(2);
    const [latest, first] = chatgpt.history.edges.map((edge) => edge.node);
    expect(first?.action).toBe('CREATED');
    expect(latest).toMatchObject({ actor: 'alice', actorKind: 'EDITOR', action: 'UPDATED', version: 2 });
    // A topic added and removed in the same write cancels out: it is not part of the revision.
    expect(latest?.changes).toEqual([
      { field: 'nameZh', from: null, to: '聊天生成预训练转换器' },
      {
        field: 'claim:PARAMETERS:user-note',
        from: expect.objectContaining({ value: '175000000000', confidence: 'UNKNOWN' }),
        to: expect.objectContaining({ value: '20000000000', confidence: 'SPECULATIVE' }),
      },
      {
        field: 'parent:instructgpt:SIBLING_OF',
        from: expect.objectContaining({ source: 'openai-chatgpt-blog' }),
        to: null,
      },
    ]);
  });

  it('records nothing for a write that changes nothing, or one that fails', async () => {
    const before = await server.prisma.revision.count();
    const { revisions } = await writeGraph(
      server.database,
      (graph) => graph.updateModels([{ slug: 'gpt-3', name: 'GPT-3' }]),
      { actor: ALICE },
    );
    expect(revisions).toEqual([]);
    await expect(
      writeGraph(
        server.database,
        async (graph) => {
          await graph.updateModels([{ slug: 'gpt-3', name: 'GPT-3 (renamed)' }]);
          await graph.linkDevelopers([{ model: 'gpt-3', organization: 'no-such-lab' }]);
        },
        { actor: ALICE },
      ),
    ).rejects.toThrow(/no organization "no-such-lab"/);
    expect(await server.prisma.revision.count()).toBe(before);
    expect((await modelHistory('gpt-3')).version).toBe(1);
  });

  it("records an article's coverage on the article, and a merge as the deletion of the merged entity", async () => {
    await writeGraph(
      server.database,
      async (graph) => {
        await graph.upsertModels([{ slug: 'chatgpt-duplicate', name: 'ChatGPT (duplicate)' }]);
        await graph.changeSlugs([
          { type: 'MODEL', from: 'chatgpt-duplicate', to: 'chatgpt', reason: 'the same model' },
        ]);
      },
      { actor: ALICE },
    );
    const { body } = await server.graphql<{
      history: { edges: { node: RevisionNode & { entity: { slug: string } | null } }[] };
    }>(
      `{ history(first: 3, filter: { actor: "alice", entityType: MODEL }) { edges { node { ${REVISION} entity { ... on Model { slug } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const [merged, into] = body.data?.history.edges.map((edge) => edge.node) ?? [];
    // Within one write, entities are recorded in a fixed order; the feed is newest first.
    expect([merged?.entityKey, into?.entityKey].sort()).toEqual(['chatgpt', 'chatgpt-duplicate']);
    const deleted = [merged, into].find((node) => node?.entityKey === 'chatgpt-duplicate');
    // Created and deleted in one write: one revision, DELETED, at version 1, with all it went through.
    expect(deleted).toMatchObject({ action: 'DELETED', version: 1, entity: null });
    expect(deleted?.changes.map((change) => change.field)).toEqual(['slug', 'name', 'mergedInto']);
    expect(deleted?.changes.at(-1)).toEqual({ field: 'mergedInto', from: null, to: 'chatgpt' });
    const survivor = [merged, into].find((node) => node?.entityKey === 'chatgpt');
    expect(survivor?.changes).toContainEqual({
      field: 'merged:chatgpt-duplicate',
      from: null,
      to: 'chatgpt-duplicate',
    });
    expect(survivor).toMatchObject({ entity: { slug: 'chatgpt' }, version: 3 });

    const article = await server.prisma.article.findFirstOrThrow({ where: { title: { contains: '百度' } } });
    const { body: articleBody } = await server.graphql<{
      article: { history: { edges: { node: RevisionNode }[] } };
    }>(
      `query ($id: ID!) { article: node(id: $id) { ... on Article { history { edges { node { ${REVISION} } } } } } }`,
      {
        id: Buffer.from(`Article:${article.id}`).toString('base64'),
      },
    );
    const coverage = articleBody.data?.article.history.edges[0]?.node.changes.filter((change) =>
      change.field.startsWith('covers:'),
    );
    expect(coverage).toContainEqual({
      field: 'covers:organization:baidu',
      from: null,
      to: expect.objectContaining({ relevance: 'MAIN' }),
    });
  });

  it('pages the feed newest first and filters by actor kind and action', async () => {
    const page = async (after?: string) =>
      (
        await server.graphql<{
          history: {
            totalCount: number;
            pageInfo: { endCursor: string; hasNextPage: boolean };
            edges: { node: { id: string; actor: string } }[];
          };
        }>(
          'query ($after: String) { history(first: 2, after: $after, filter: { actorKind: EDITOR }) { totalCount pageInfo { endCursor hasNextPage } edges { node { id actor } } } }',
          { after },
        )
      ).body.data?.history;
    const first = await page();
    expect(first?.totalCount).toBe(3);
    expect(first?.edges.map((edge) => edge.node.actor)).toEqual(['alice', 'alice']);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = await page(first?.pageInfo.endCursor);
    expect(second?.edges).toHaveLength(1);
    const ids = [...(first?.edges ?? []), ...(second?.edges ?? [])].map((edge) =>
      Number(Buffer.from(edge.node.id, 'base64').toString().split(':')[1]),
    );
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const { body } = await server.graphql<{ history: { totalCount: number } }>(
      '{ history(filter: { action: DELETED }) { totalCount } }',
    );
    expect(body.data?.history.totalCount).toBe(1);
  });
});
