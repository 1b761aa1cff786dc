/**
 * Issue 11, the mutations end to end: each one over real HTTP against a SQLite file seeded by the
 * real importer, with editors' and admins' Bearer tokens. A write shows in the very next read (the
 * entity, `search`, the `models` facets, the `overview`) and in the history under the token's
 * name; a refusal is a typed error (AuthenticationError, ForbiddenError, InvalidInputError with
 * the exact field paths, VersionConflictError, HasDependentsError) that writes nothing.
 *
 * The tests of this file share one database and run in order: later ones build on what earlier
 * ones wrote (the model `ernie-x1`, the article on mixture of experts), and deleting `gpt-3`
 * comes last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../src/auth/tokens.js';
import { ExecutionPool } from '../src/execution/pool.js';
import { createApp } from '../src/yoga.js';
import { startTestServer, type TestServer } from './helpers/server.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are checked by the assertions, field by field.
type Data = any;

/** Every typed error a mutation may answer, with all its fields. */
const ERRORS = `__typename
  ... on MutationError { code message }
  ... on InvalidInputError { problems { path code message } }
  ... on ForbiddenError { requiredRole }
  ... on VersionConflictError {
    expectedVersion
    currentVersion
    current: entity {
      __typename
      ... on Model { slug version }
      ... on Article { url version }
      ... on Organization { slug version }
    }
  }`;

const REVISION = 'actor actorKind action version revertOf { version } changes { field from to }';

const UNAUTHENTICATED = {
  __typename: 'AuthenticationError',
  code: 'UNAUTHENTICATED',
  message:
    'Writing needs an editor\'s token: send "Authorization: Bearer <token>" with a token from `npm run token -- create`. A malformed, unknown or revoked token is refused alike.',
};

let server: TestServer;
/** alice, an editor. */
let editor: string;
/** root, an admin. */
let admin: string;

beforeAll(async () => {
  server = await startTestServer('mutations');
  editor = (await createToken(server.prisma, { name: 'alice', role: 'EDITOR' })).token;
  admin = (await createToken(server.prisma, { name: 'root', role: 'ADMIN' })).token;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** POSTs an operation as JSON, with `Authorization: Bearer <token>` when a token is given. */
async function send(query: string, variables?: Record<string, unknown>, token?: string | null) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Data; errors?: Data[] } };
}

/** A read without a token, which must answer without errors. */
async function read(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const { status, body } = await send(query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

const capital = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/** Runs the mutation `name` with `input` (a variable); answers its result: the payload or a typed error. */
async function mutate(
  name: string,
  input: Record<string, unknown>,
  selection = '',
  token: string | null = editor,
): Promise<Data> {
  const { status, body } = await send(
    `mutation ($input: ${capital(name)}Input!) { result: ${name}(input: $input) { ${ERRORS} ${selection} } }`,
    { input },
    token,
  );
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data.result;
}

/** Runs a mutation that must succeed; answers its payload (`selection` is read from it). */
async function ok(name: string, input: Record<string, unknown>, selection = '__typename', token = editor) {
  const result = await mutate(name, input, `... on ${capital(name)}Payload { ${selection} }`, token);
  expect(result.__typename, JSON.stringify(result)).toBe(`${capital(name)}Payload`);
  return result;
}

/** An InvalidInputError as the API answers it, from its problems. */
function invalidInput(...problems: { path: string[]; code: string; message: string }[]) {
  return {
    __typename: 'InvalidInputError',
    code: 'INVALID_INPUT',
    message: problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join('; '),
    problems,
  };
}

const revisions = () => server.prisma.revision.count();

/** The newest revisions of a model, organization, topic or source, and its version. */
async function historyOf(kind: 'model' | 'organization' | 'topic' | 'source', slug: string, first = 1) {
  const data = await read(
    `query ($slug: String!) { entity: ${kind}(slug: $slug) { version history(first: ${first}) { totalCount edges { node { ${REVISION} } } } } }`,
    { slug },
  );
  expect(data.entity, `${kind} ${slug}`).not.toBeNull();
  return {
    version: data.entity.version as number,
    total: data.entity.history.totalCount as number,
    revisions: data.entity.history.edges.map((edge: Data) => edge.node),
  };
}

/** The newest revisions of an article. */
async function articleHistory(url: string, first = 1) {
  const data = await read(
    `query ($url: String!) { article(url: $url) { version history(first: ${first}) { edges { node { ${REVISION} } } } } }`,
    { url },
  );
  return {
    version: data.article.version as number,
    revisions: data.article.history.edges.map((edge: Data) => edge.node),
  };
}

/** One revision by alice, the editor. */
const byAlice = (action: string, version: number, changes: unknown[]) => ({
  actor: 'alice',
  actorKind: 'EDITOR',
  action,
  version,
  revertOf: null,
  changes,
});

const COUNTS = `{
  models(first: 0) {
    totalCount
    facets {
      organizations { organization { slug } count }
      countries { value count }
      families { value count }
      topics { topic { slug } count }
    }
  }
  articles(first: 0) {
    totalCount
    facets { languages { value count } topics { topic { slug } count } organizations { organization { slug } count } }
  }
  overview {
    organizations { organization { slug } modelCount articleCount }
    countries { country modelCount organizationCount articleCount }
    topics { topic { slug } modelCount articleCount }
  }
}`;

/** The counts of the graph: the `models` and `articles` facets and the overview, by name. */
async function counts(): Promise<Record<string, number>> {
  const { models, articles, overview } = await read(COUNTS);
  const counted: Record<string, number> = { models: models.totalCount, articles: articles.totalCount };
  for (const row of models.facets.organizations) counted[`models by ${row.organization.slug}`] = row.count;
  for (const row of models.facets.countries) counted[`models in ${row.value}`] = row.count;
  for (const row of models.facets.families) counted[`models of family ${row.value}`] = row.count;
  for (const row of models.facets.topics) counted[`models in topic ${row.topic.slug}`] = row.count;
  for (const row of articles.facets.languages) counted[`articles in ${row.value}`] = row.count;
  for (const row of articles.facets.topics) counted[`articles on topic ${row.topic.slug}`] = row.count;
  for (const row of articles.facets.organizations) counted[`articles on ${row.organization.slug}`] = row.count;
  for (const row of overview.organizations) {
    counted[`overview: models of ${row.organization.slug}`] = row.modelCount;
    counted[`overview: articles on ${row.organization.slug}`] = row.articleCount;
  }
  for (const row of overview.countries) {
    counted[`overview: models in ${row.country}`] = row.modelCount;
    counted[`overview: organizations in ${row.country}`] = row.organizationCount;
    counted[`overview: articles on ${row.country}`] = row.articleCount;
  }
  for (const row of overview.topics) {
    counted[`overview: models in topic ${row.topic.slug}`] = row.modelCount;
    counted[`overview: articles on topic ${row.topic.slug}`] = row.articleCount;
  }
  return counted;
}

/** The counts that differ between two snapshots, by how much (a count missing is 0). */
function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const difference = (after[key] ?? 0) - (before[key] ?? 0);
    if (difference !== 0) changed[key] = difference;
  }
  return changed;
}

/** What `search` finds for a text, as typename and slug or URL of each result. */
async function found(query: string) {
  const data = await read(
    `query ($query: String!) { search(query: $query, first: 50) { edges { matchedField node { __typename ... on Model { slug } ... on Article { url } ... on Topic { slug } ... on Organization { slug } } } } }`,
    { query },
  );
  return data.search.edges.map((edge: Data) => ({ matchedField: edge.matchedField, ...edge.node }));
}

describe('models', () => {
  let ernieX1Id: string;

  it('createModel adds a model with its developers: search, the facets, the overview and its history show it at once', async () => {
    const before = await counts();
    const { model } = await ok(
      'createModel',
      {
        slug: 'ernie-x1',
        name: 'ERNIE X1',
        nameZh: '文心X1',
        family: 'ERNIE',
        description: "Baidu's deep-thinking reasoning model.",
        developers: ['baidu', 'peng-cheng-lab'],
      },
      'model { id slug name nameZh family version developers { organization { slug } role } }',
    );
    ernieX1Id = model.id;
    expect(model).toEqual({
      id: expect.any(String),
      slug: 'ernie-x1',
      name: 'ERNIE X1',
      nameZh: '文心X1',
      family: 'ERNIE',
      version: 1,
      developers: [
        { organization: { slug: 'baidu' }, role: 'DEVELOPER' },
        { organization: { slug: 'peng-cheng-lab' }, role: 'CO_DEVELOPER' },
      ],
    });
    expect(await read('query ($slug: String!) { model(slug: $slug) { id } }', { slug: 'ernie-x1' })).toEqual({
      model: { id: ernieX1Id },
    });

    expect(await found('文心X1')).toEqual([{ matchedField: 'NAME_ZH', __typename: 'Model', slug: 'ernie-x1' }]);
    expect(await found('ERNIE X1')).toEqual([{ matchedField: 'NAME', __typename: 'Model', slug: 'ernie-x1' }]);

    // One more model of Baidu and of Peng Cheng Lab, both in China (counted once), of the ERNIE family.
    const after = await counts();
    expect(delta(before, after)).toEqual({
      models: 1,
      'models by baidu': 1,
      'models by peng-cheng-lab': 1,
      'models in CN': 1,
      'models of family ERNIE': 1,
      'overview: models of baidu': 1,
      'overview: models of peng-cheng-lab': 1,
      'overview: models in CN': 1,
    });
    expect(after['overview: models in CN']).toBe(after['models in CN']);
    expect(after['overview: models of baidu']).toBe(after['models by baidu']);

    expect(await historyOf('model', 'ernie-x1', 5)).toEqual({
      version: 1,
      total: 1,
      revisions: [
        byAlice('CREATED', 1, [
          { field: 'slug', from: null, to: 'ernie-x1' },
          { field: 'name', from: null, to: 'ERNIE X1' },
          { field: 'nameZh', from: null, to: '文心X1' },
          { field: 'family', from: null, to: 'ERNIE' },
          { field: 'description', from: null, to: "Baidu's deep-thinking reasoning model." },
          { field: 'developer:baidu', from: null, to: { role: 'DEVELOPER' } },
          { field: 'developer:peng-cheng-lab', from: null, to: { role: 'CO_DEVELOPER' } },
        ]),
      ],
    });
  });

  it('updateModel changes the fields given, clears those given null, and keeps the rest; the history records from and to', async () => {
    const { model } = await ok(
      'updateModel',
      { slug: 'ernie-x1', expectedVersion: 1, nameZh: null, description: 'Released by Baidu in March 2025.' },
      'model { slug name nameZh family description version }',
    );
    expect(model).toEqual({
      slug: 'ernie-x1',
      name: 'ERNIE X1',
      nameZh: null,
      family: 'ERNIE',
      description: 'Released by Baidu in March 2025.',
      version: 2,
    });
    // The Chinese name is gone from search, the new description is found.
    expect(await found('文心X1')).toEqual([]);
    expect(await found('March 2025')).toEqual([{ matchedField: 'DESCRIPTION', __typename: 'Model', slug: 'ernie-x1' }]);
    expect((await historyOf('model', 'ernie-x1')).revisions).toEqual([
      byAlice('UPDATED', 2, [
        { field: 'nameZh', from: '文心X1', to: null },
        {
          field: 'description',
          from: "Baidu's deep-thinking reasoning model.",
          to: 'Released by Baidu in March 2025.',
        },
      ]),
    ]);
  });

  it("addClaim changes the model's preferred parameters at once, and retractClaim changes them back", async () => {
    const selection =
      'model { parameters parameterCount { display } version claims(property: PARAMETERS) { value rank source { slug } } }';
    const bigger = 'query { models(filter: { slugIn: ["gpt-2"], parameters: { gte: "1550000000" } }) { totalCount } }';
    const before = await read('{ model(slug: "gpt-2") { parameters version } }');
    expect(before.model).toEqual({ parameters: '1500000000', version: 1 });
    expect((await read(bigger)).models.totalCount).toBe(0);

    // A paper outranks the dataset and the website that say 1.5B.
    const added = await ok(
      'addClaim',
      {
        model: 'gpt-2',
        property: 'PARAMETERS',
        value: '1558000000',
        source: 'openai-gpt-2-paper',
        confidence: 'CONFIDENT',
        quote: '1542M',
        expectedVersion: 1,
      },
      selection,
    );
    expect(added.model).toEqual({
      parameters: '1558000000',
      parameterCount: { display: '1.558B' },
      version: 2,
      claims: [
        // By source slug.
        { value: '1500000000', rank: 'NORMAL', source: { slug: 'huggingface-docs-gpt2' } },
        { value: '1558000000', rank: 'PREFERRED', source: { slug: 'openai-gpt-2-paper' } },
        { value: '1500000000', rank: 'NORMAL', source: { slug: 'stanford-ecosystem-graphs' } },
      ],
    });
    expect((await read(bigger)).models.totalCount).toBe(1);

    const retracted = await ok(
      'retractClaim',
      { model: 'gpt-2', property: 'PARAMETERS', source: 'openai-gpt-2-paper', expectedVersion: 2 },
      selection,
    );
    expect(retracted.model).toMatchObject({
      parameters: '1500000000',
      parameterCount: { display: '1.5B' },
      version: 3,
    });
    expect(retracted.model.claims.map((claim: Data) => claim.source.slug)).toEqual([
      'huggingface-docs-gpt2',
      'stanford-ecosystem-graphs',
    ]);
    expect((await read(bigger)).models.totalCount).toBe(0);

    const claim = { value: '1558000000', confidence: 'CONFIDENT', quote: '1542M' };
    expect((await historyOf('model', 'gpt-2', 2)).revisions).toEqual([
      byAlice('UPDATED', 3, [{ field: 'claim:PARAMETERS:openai-gpt-2-paper', from: claim, to: null }]),
      byAlice('UPDATED', 2, [{ field: 'claim:PARAMETERS:openai-gpt-2-paper', from: null, to: claim }]),
    ]);

    // A claim the source does not make cannot be retracted.
    expect(await mutate('retractClaim', { model: 'gpt-2', property: 'PARAMETERS', source: 'user-note' })).toEqual(
      invalidInput({
        path: ['input', 'source'],
        code: 'NOT_FOUND',
        message: '"user-note" makes no PARAMETERS claim on "gpt-2"',
      }),
    );
  });

  it('linkLineage and unlinkLineage add and remove a step, seen from both models and in the history of the child', async () => {
    const steps =
      'child { slug version parents { parent { slug } kind note source { slug } } lineage(maxDepth: 1) { model { slug } depth kind } } parent { slug version children { child { slug } kind } }';
    const linked = await ok(
      'linkLineage',
      {
        child: 'ernie-x1',
        parent: 'ernie-bot',
        kind: 'SUCCESSOR_OF',
        source: 'wikipedia-ernie-bot',
        note: 'The reasoning model that followed ERNIE Bot.',
      },
      steps,
    );
    expect(linked).toMatchObject({
      child: {
        slug: 'ernie-x1',
        version: 3,
        parents: [
          {
            parent: { slug: 'ernie-bot' },
            kind: 'SUCCESSOR_OF',
            note: 'The reasoning model that followed ERNIE Bot.',
            source: { slug: 'wikipedia-ernie-bot' },
          },
        ],
        lineage: [{ model: { slug: 'ernie-bot' }, depth: 1, kind: 'SUCCESSOR_OF' }],
      },
      // The step is the child's: the parent's version does not change.
      parent: { slug: 'ernie-bot', version: 1 },
    });
    expect(linked.parent.children).toContainEqual({ child: { slug: 'ernie-x1' }, kind: 'SUCCESSOR_OF' });
    const step = { note: 'The reasoning model that followed ERNIE Bot.', source: 'wikipedia-ernie-bot' };
    expect((await historyOf('model', 'ernie-x1')).revisions).toEqual([
      byAlice('UPDATED', 3, [{ field: 'parent:ernie-bot:SUCCESSOR_OF', from: null, to: step }]),
    ]);

    const unlinked = await ok('unlinkLineage', { child: 'ernie-x1', parent: 'ernie-bot', kind: 'SUCCESSOR_OF' }, steps);
    expect(unlinked.child).toMatchObject({ version: 4, parents: [], lineage: [] });
    expect(unlinked.parent.children.map((edge: Data) => edge.child.slug)).not.toContain('ernie-x1');
    expect((await historyOf('model', 'ernie-x1')).revisions).toEqual([
      byAlice('UPDATED', 4, [{ field: 'parent:ernie-bot:SUCCESSOR_OF', from: step, to: null }]),
    ]);

    expect(await mutate('unlinkLineage', { child: 'ernie-x1', parent: 'ernie-bot', kind: 'SUCCESSOR_OF' })).toEqual(
      invalidInput({
        path: ['input', 'kind'],
        code: 'NOT_FOUND',
        message: '"ernie-x1" has no SUCCESSOR_OF step to "ernie-bot"',
      }),
    );
  });

  it('linkDeveloper and unlinkDeveloper add and remove a developer; the facets and the overview follow', async () => {
    const before = await counts();
    const linked = await ok(
      'linkDeveloper',
      { model: 'ernie-x1', organization: 'baai', role: 'CO_DEVELOPER', source: 'user-note', expectedVersion: 4 },
      'model { version developers { organization { slug } role source { slug } } }',
    );
    expect(linked.model).toEqual({
      version: 5,
      developers: [
        { organization: { slug: 'baidu' }, role: 'DEVELOPER', source: null },
        { organization: { slug: 'baai' }, role: 'CO_DEVELOPER', source: { slug: 'user-note' } },
        { organization: { slug: 'peng-cheng-lab' }, role: 'CO_DEVELOPER', source: null },
      ],
    });
    // BAAI is in China too: the model still counts once there.
    expect(delta(before, await counts())).toEqual({ 'models by baai': 1, 'overview: models of baai': 1 });
    const edge = { role: 'CO_DEVELOPER', source: 'user-note' };
    expect((await historyOf('model', 'ernie-x1')).revisions).toEqual([
      byAlice('UPDATED', 5, [{ field: 'developer:baai', from: null, to: edge }]),
    ]);

    const unlinked = await ok(
      'unlinkDeveloper',
      { model: 'ernie-x1', organization: 'baai' },
      'model { version developers { organization { slug } } }',
    );
    expect(unlinked.model).toEqual({
      version: 6,
      developers: [{ organization: { slug: 'baidu' } }, { organization: { slug: 'peng-cheng-lab' } }],
    });
    expect(delta(before, await counts())).toEqual({});
    expect((await historyOf('model', 'ernie-x1')).revisions).toEqual([
      byAlice('UPDATED', 6, [{ field: 'developer:baai', from: edge, to: null }]),
    ]);

    expect(await mutate('unlinkDeveloper', { model: 'ernie-x1', organization: 'baai' })).toEqual(
      invalidInput({
        path: ['input', 'organization'],
        code: 'NOT_FOUND',
        message: '"baai" is not a developer of "ernie-x1"',
      }),
    );
  });

  it('addModelToTopic and removeModelFromTopic put a model in a topic and take it out; the topic, facets and overview follow', async () => {
    const before = await counts();
    const members = 'query { topic(slug: "knowledge-enhancement") { models(first: 50) { edges { node { slug } } } } }';
    const added = await ok(
      'addModelToTopic',
      { model: 'ernie-x1', topic: 'knowledge-enhancement' },
      'model { version topics { slug } }',
    );
    expect(added.model).toEqual({ version: 7, topics: [{ slug: 'knowledge-enhancement' }] });
    expect((await read(members)).topic.models.edges.map((edge: Data) => edge.node.slug)).toContain('ernie-x1');
    expect(delta(before, await counts())).toEqual({
      'models in topic knowledge-enhancement': 1,
      'overview: models in topic knowledge-enhancement': 1,
    });
    expect((await historyOf('model', 'ernie-x1')).revisions).toEqual([
      byAlice('UPDATED', 7, [{ field: 'topic:knowledge-enhancement', from: null, to: {} }]),
    ]);

    const removed = await ok(
      'removeModelFromTopic',
      { model: 'ernie-x1', topic: 'knowledge-enhancement' },
      'model { version topics { slug } }',
    );
    expect(removed.model).toEqual({ version: 8, topics: [] });
    expect((await read(members)).topic.models.edges.map((edge: Data) => edge.node.slug)).not.toContain('ernie-x1');
    expect(delta(before, await counts())).toEqual({});
    expect((await historyOf('model', 'ernie-x1')).revisions).toEqual([
      byAlice('UPDATED', 8, [{ field: 'topic:knowledge-enhancement', from: {}, to: null }]),
    ]);

    expect(await mutate('removeModelFromTopic', { model: 'ernie-x1', topic: 'knowledge-enhancement' })).toEqual(
      invalidInput({
        path: ['input', 'topic'],
        code: 'NOT_FOUND',
        message: '"ernie-x1" is not in the topic "knowledge-enhancement"',
      }),
    );
  });

  it('renameSlug gives a model a new slug; the old slug still resolves with model(slug:) and still names it', async () => {
    const renamed = await ok(
      'renameSlug',
      { entityType: 'MODEL', slug: 'ernie-x1', newSlug: 'ernie-x1-turbo', reason: 'the Turbo release replaced it' },
      'entity { __typename ... on Model { id slug version } }',
    );
    expect(renamed.entity).toEqual({ __typename: 'Model', id: ernieX1Id, slug: 'ernie-x1-turbo', version: 9 });
    expect(
      await read('{ old: model(slug: "ernie-x1") { id slug } new: model(slug: "ernie-x1-turbo") { id } }'),
    ).toEqual({
      old: { id: ernieX1Id, slug: 'ernie-x1-turbo' },
      new: { id: ernieX1Id },
    });
    expect((await historyOf('model', 'ernie-x1-turbo')).revisions).toEqual([
      byAlice('UPDATED', 9, [{ field: 'slug', from: 'ernie-x1', to: 'ernie-x1-turbo' }]),
    ]);

    // A mutation may name it by its old slug.
    const updated = await ok(
      'updateModel',
      { slug: 'ernie-x1', architecture: 'Mixture of experts' },
      'model { slug architecture version }',
    );
    expect(updated.model).toEqual({ slug: 'ernie-x1-turbo', architecture: 'Mixture of experts', version: 10 });

    // The old slug is taken: neither a new model nor another model's rename may have it.
    const count = await revisions();
    expect(await mutate('createModel', { slug: 'ernie-x1', name: 'ERNIE X1 (again)' })).toEqual(
      invalidInput({
        path: ['input', 'slug'],
        code: 'ALREADY_EXISTS',
        message: '"ernie-x1" was published for another model and still names it',
      }),
    );
    expect(await mutate('renameSlug', { entityType: 'MODEL', slug: 'ernie-bot', newSlug: 'ernie-x1' })).toEqual(
      invalidInput({
        path: ['input', 'newSlug'],
        code: 'ALREADY_EXISTS',
        message: '"ernie-x1" was published for another model and still names it',
      }),
    );
    expect(await mutate('renameSlug', { entityType: 'MODEL', slug: 'ernie-bot', newSlug: 'chatgpt' })).toEqual(
      invalidInput({
        path: ['input', 'newSlug'],
        code: 'ALREADY_EXISTS',
        message: 'there is a model "chatgpt" already',
      }),
    );
    expect(await revisions()).toBe(count);
  });

  it("deleteModel removes a model from every read; its slug is not free again; an admin's revert brings it back under its old global id", async () => {
    const before = await counts();
    const created = await ok(
      'createModel',
      {
        slug: 'qwen-max',
        name: 'Qwen-Max',
        description: "Alibaba Cloud's flagship model.",
        paperUrl: 'https://qwenlm.github.io/blog/qwen-max/',
        developers: ['alibaba'],
      },
      'model { id version }',
    );
    const { id } = created.model;
    const withQwen = await counts();
    expect(delta(before, withQwen)).toEqual({
      models: 1,
      'models by alibaba': 1,
      'models in CN': 1,
      'overview: models of alibaba': 1,
      'overview: models in CN': 1,
    });

    const deleted = await ok('deleteModel', { slug: 'qwen-max', expectedVersion: 1 }, 'deletedId slug');
    expect(deleted).toEqual({ __typename: 'DeleteModelPayload', deletedId: id, slug: 'qwen-max' });
    expect(await read('query ($id: ID!) { model(slug: "qwen-max") { slug } node(id: $id) { id } }', { id })).toEqual({
      model: null,
      node: null,
    });
    expect(await found('Qwen-Max')).toEqual([]);
    expect(delta(before, await counts())).toEqual({});
    const [deletion] = (
      await read(
        '{ history(first: 1, filter: { action: DELETED }) { edges { node { entityKey entity { __typename } actor version } } } }',
      )
    ).history.edges;
    expect(deletion.node).toEqual({ entityKey: 'qwen-max', entity: null, actor: 'alice', version: 2 });

    // Published slugs never change meaning.
    const count = await revisions();
    expect(await mutate('createModel', { slug: 'qwen-max', name: 'Another Qwen-Max' })).toEqual(
      invalidInput({
        path: ['input', 'slug'],
        code: 'ALREADY_EXISTS',
        message:
          '"qwen-max" was the slug of a model that was deleted: published slugs never change meaning (revert the deletion, or choose another slug)',
      }),
    );
    expect(await revisions()).toBe(count);

    const reverted = await ok(
      'revert',
      { entityType: 'MODEL', key: 'qwen-max', toVersion: 1 },
      'entity { __typename ... on Model { id slug name description paperUrl version developers { organization { slug } role } } }',
      admin,
    );
    expect(reverted.entity).toEqual({
      __typename: 'Model',
      id,
      slug: 'qwen-max',
      name: 'Qwen-Max',
      description: "Alibaba Cloud's flagship model.",
      paperUrl: 'https://qwenlm.github.io/blog/qwen-max/',
      version: 3,
      developers: [{ organization: { slug: 'alibaba' }, role: 'DEVELOPER' }],
    });
    expect(await read('query ($id: ID!) { node(id: $id) { ... on Model { slug } } }', { id })).toEqual({
      node: { slug: 'qwen-max' },
    });
    expect(await found('Qwen-Max')).toEqual([{ matchedField: 'NAME', __typename: 'Model', slug: 'qwen-max' }]);
    expect(delta(withQwen, await counts())).toEqual({});
    const {
      revisions: [revert],
    } = await historyOf('model', 'qwen-max');
    expect(revert).toMatchObject({
      actor: 'root',
      actorKind: 'ADMIN',
      action: 'CREATED',
      version: 3,
      revertOf: { version: 1 },
    });
    expect(revert.changes).toContainEqual({ field: 'developer:alibaba', from: null, to: { role: 'DEVELOPER' } });
  });

  it('revert sets a live model back to an earlier version, as a recorded write by the admin', async () => {
    await ok('updateModel', { slug: 'gpt-2', description: 'Vandalised.' });
    const { version } = await historyOf('model', 'gpt-2');
    expect(version).toBe(4);
    const reverted = await ok(
      'revert',
      { entityType: 'MODEL', key: 'gpt-2', toVersion: 3, expectedVersion: 4 },
      'entity { ... on Model { description version } }',
      admin,
    );
    expect(reverted.entity).toEqual({
      description:
        "OpenAI's 1.5B-parameter GPT (smaller versions 124M, 355M and 774M); announced in February 2019 with a small model, full model released in November 2019.",
      version: 5,
    });
    expect((await historyOf('model', 'gpt-2')).revisions).toEqual([
      {
        actor: 'root',
        actorKind: 'ADMIN',
        action: 'UPDATED',
        version: 5,
        revertOf: { version: 3 },
        changes: [{ field: 'description', from: 'Vandalised.', to: reverted.entity.description }],
      },
    ]);
    // Only to an earlier version that exists.
    expect(await mutate('revert', { entityType: 'MODEL', key: 'gpt-2', toVersion: 5 }, '', admin)).toEqual(
      invalidInput({
        path: ['input', 'toVersion'],
        code: 'INVALID',
        message: 'choose a version before the current one (5)',
      }),
    );
    expect(await mutate('revert', { entityType: 'MODEL', key: 'no-such-model', toVersion: 1 }, '', admin)).toEqual(
      invalidInput({
        path: ['input', 'key'],
        code: 'NOT_FOUND',
        message: 'no model "no-such-model", now or in the history',
      }),
    );
  });

  it('a revert that brings a deleted model back records its fields coming back in its history', async () => {
    await ok('createModel', { slug: 'pangu-x', name: 'PanGu-X', description: 'A test model.' });
    await ok('deleteModel', { slug: 'pangu-x' });
    await ok('revert', { entityType: 'MODEL', key: 'pangu-x', toVersion: 1 }, '__typename', admin);
    const {
      revisions: [revert, deletion],
    } = await historyOf('model', 'pangu-x', 2);
    // The deletion recorded each field going; the revert should record each coming back.
    expect(deletion.changes).toEqual([
      { field: 'slug', from: 'pangu-x', to: null },
      { field: 'name', from: 'PanGu-X', to: null },
      { field: 'description', from: 'A test model.', to: null },
    ]);
    expect(revert.changes).toEqual(
      expect.arrayContaining([
        { field: 'slug', from: null, to: 'pangu-x' },
        { field: 'name', from: null, to: 'PanGu-X' },
        { field: 'description', from: null, to: 'A test model.' },
      ]),
    );
  });

  it('a slug a deleted model had before a rename is not free for a new model', async () => {
    await ok('createModel', { slug: 'hunyuan-x', name: 'Hunyuan-X' });
    await ok('renameSlug', { entityType: 'MODEL', slug: 'hunyuan-x', newSlug: 'hunyuan-x-2' });
    await ok('deleteModel', { slug: 'hunyuan-x-2' });
    // "hunyuan-x" was published for the deleted model: createModel must refuse it (ALREADY_EXISTS).
    expect(await mutate('createModel', { slug: 'hunyuan-x', name: 'Another model' })).toMatchObject({
      __typename: 'InvalidInputError',
      problems: [{ path: ['input', 'slug'], code: 'ALREADY_EXISTS', message: expect.stringContaining('"hunyuan-x"') }],
    });
    expect(await read('{ model(slug: "hunyuan-x") { slug } }')).toEqual({ model: null });
  });
});

describe('articles', () => {
  const MOE = 'https://example.com/posts/moe-explained';
  let articleId: string;
  let beforeArticle: Record<string, number>;

  it('createArticle adds an article with what it covers, at its normalized URL: article(url:), search, facets, overview and history show it', async () => {
    beforeArticle = await counts();
    const { article } = await ok(
      'createArticle',
      {
        url: 'http://example.com/posts/moe-explained?utm_source=newsletter#top',
        title: 'Mixture of experts, explained',
        language: 'en',
        summary: 'How sparse gating routes each token to a few experts.',
        publishedAt: '2024-01-15',
        source: 'user-note',
        covers: [
          { target: 'MODEL', slug: 'gpt-3', relevance: 'MAIN', confidence: 'LIKELY', basis: 'title' },
          { target: 'TOPIC', slug: 'mixture-of-experts', relevance: 'MENTION' },
          { target: 'ORGANIZATION', slug: 'openai', relevance: 'MENTION' },
        ],
      },
      `article { id url title language site kind publishedAt version source { slug }
        models { edges { relevance confidence basis node { slug } } }
        topics { topic { slug } relevance } organizations { organization { slug } relevance } }`,
    );
    articleId = article.id;
    expect(article).toEqual({
      id: expect.any(String),
      url: MOE,
      title: 'Mixture of experts, explained',
      language: 'en',
      site: 'OTHER',
      kind: 'OTHER',
      publishedAt: '2024-01-15',
      version: 1,
      source: { slug: 'user-note' },
      models: { edges: [{ relevance: 'MAIN', confidence: 'LIKELY', basis: 'title', node: { slug: 'gpt-3' } }] },
      topics: [{ topic: { slug: 'mixture-of-experts' }, relevance: 'MENTION' }],
      organizations: [{ organization: { slug: 'openai' }, relevance: 'MENTION' }],
    });
    // Found by any spelling of its URL, and by its text.
    const spelled = await read(`{ article(url: "${MOE}?utm_campaign=x") { id } }`);
    expect(spelled.article).toEqual({ id: articleId });
    expect(await found('sparse gating')).toEqual([{ matchedField: 'SUMMARY', __typename: 'Article', url: MOE }]);
    const covering = await read('{ model(slug: "gpt-3") { articles(first: 50) { edges { node { url } } } } }');
    expect(covering.model.articles.edges.map((edge: Data) => edge.node.url)).toContain(MOE);

    expect(delta(beforeArticle, await counts())).toEqual({
      articles: 1,
      'articles in en': 1,
      'articles on topic mixture-of-experts': 1,
      'articles on openai': 1,
      'overview: articles on openai': 1,
      'overview: articles on US': 1,
      'overview: articles on topic mixture-of-experts': 1,
    });

    const {
      revisions: [created],
    } = await articleHistory(MOE);
    // The source is recorded by its slug.
    expect(created).toEqual(
      byAlice('CREATED', 1, [
        { field: 'url', from: null, to: MOE },
        { field: 'summary', from: null, to: 'How sparse gating routes each token to a few experts.' },
        { field: 'publishedAt', from: null, to: '2024-01-15T00:00:00.000Z' },
        { field: 'title', from: null, to: 'Mixture of experts, explained' },
        { field: 'language', from: null, to: 'en' },
        { field: 'site', from: null, to: 'OTHER' },
        { field: 'kind', from: null, to: 'OTHER' },
        { field: 'source', from: null, to: 'user-note' },
        { field: 'covers:model:gpt-3', from: null, to: { relevance: 'MAIN', confidence: 'LIKELY', basis: 'title' } },
        { field: 'covers:organization:openai', from: null, to: { relevance: 'MENTION', confidence: 'UNKNOWN' } },
        { field: 'covers:topic:mixture-of-experts', from: null, to: { relevance: 'MENTION', confidence: 'UNKNOWN' } },
      ]),
    );
  });

  it('createArticle refuses another spelling of the URL of an article the graph has (ALREADY_EXISTS), writing nothing', async () => {
    const before = await revisions();
    const seeded = 'https://zhuanlan.zhihu.com/p/589621442';
    for (const url of [
      'http://zhuanlan.zhihu.com/p/589621442',
      `${seeded}?utm_source=wechat&utm_medium=social`,
      `${seeded}#comments`,
    ]) {
      expect(await mutate('createArticle', { url, title: 'A copy', language: 'zh' }), url).toEqual(
        invalidInput({
          path: ['input', 'url'],
          code: 'ALREADY_EXISTS',
          message: `the graph has this article already, as ${seeded} ("一文读懂ChatGPT模型原理")`,
        }),
      );
    }
    expect(await mutate('createArticle', { url: `${MOE}?utm_medium=email`, title: 'Again', language: 'en' })).toEqual(
      invalidInput({
        path: ['input', 'url'],
        code: 'ALREADY_EXISTS',
        message: `the graph has this article already, as ${MOE} ("Mixture of experts, explained")`,
      }),
    );
    expect(await revisions()).toBe(before);
    const data = await read(`{ article(url: "${seeded}") { title version } }`);
    expect(data.article).toEqual({ title: '一文读懂ChatGPT模型原理', version: 1 });
  });

  it('updateArticle changes the fields given; search and the history follow', async () => {
    const { article } = await ok(
      'updateArticle',
      {
        url: 'http://example.com/posts/moe-explained',
        expectedVersion: 1,
        title: 'MoE, explained',
        summary: null,
        kind: 'BLOG_POST',
      },
      'article { url title summary kind language publishedAt version }',
    );
    expect(article).toEqual({
      url: MOE,
      title: 'MoE, explained',
      summary: null,
      kind: 'BLOG_POST',
      language: 'en',
      publishedAt: '2024-01-15',
      version: 2,
    });
    expect(await found('sparse gating')).toEqual([]);
    expect(await found('MoE, explained')).toContainEqual({ matchedField: 'TITLE', __typename: 'Article', url: MOE });
    expect((await articleHistory(MOE)).revisions).toEqual([
      byAlice('UPDATED', 2, [
        { field: 'title', from: 'Mixture of experts, explained', to: 'MoE, explained' },
        { field: 'kind', from: 'OTHER', to: 'BLOG_POST' },
        { field: 'summary', from: 'How sparse gating routes each token to a few experts.', to: null },
      ]),
    ]);
  });

  it('updateArticle names an article it cannot change, with or without an expected version', async () => {
    const before = await revisions();
    for (const expectedVersion of [undefined, 1]) {
      expect(
        await mutate('updateArticle', { url: 'https://example.com/nowhere', language: 'de', expectedVersion }),
      ).toEqual(
        invalidInput({
          path: ['input', 'url'],
          code: 'NOT_FOUND',
          message: 'no article "https://example.com/nowhere" in the graph',
        }),
      );
      expect(await mutate('updateArticle', { url: 'not a url', language: 'de', expectedVersion })).toEqual(
        invalidInput({ path: ['input', 'url'], code: 'INVALID', message: '"not a url" is not a URL' }),
      );
    }
    expect(await revisions()).toBe(before);
  });

  it('linkCoverage and unlinkCoverage add and remove what an article covers, in its history', async () => {
    const covering = '{ model(slug: "chatgpt") { articles { totalCount } } }';
    const before = (await read(covering)).model.articles.totalCount;
    const linked = await ok(
      'linkCoverage',
      { article: MOE, target: 'MODEL', slug: 'chatgpt', relevance: 'MENTION', expectedVersion: 2 },
      'article { version models { edges { relevance node { slug } } } }',
    );
    expect(linked.article).toEqual({
      version: 3,
      models: {
        edges: [
          { relevance: 'MAIN', node: { slug: 'gpt-3' } },
          { relevance: 'MENTION', node: { slug: 'chatgpt' } },
        ],
      },
    });
    expect((await read(covering)).model.articles.totalCount).toBe(before + 1);
    expect((await articleHistory(MOE)).revisions).toEqual([
      byAlice('UPDATED', 3, [
        { field: 'covers:model:chatgpt', from: null, to: { relevance: 'MENTION', confidence: 'UNKNOWN' } },
      ]),
    ]);

    const unlinked = await ok(
      'unlinkCoverage',
      { article: MOE, target: 'MODEL', slug: 'chatgpt' },
      'article { version models { totalCount } }',
    );
    expect(unlinked.article).toEqual({ version: 4, models: { totalCount: 1 } });
    expect((await read(covering)).model.articles.totalCount).toBe(before);
    expect((await articleHistory(MOE)).revisions).toEqual([
      byAlice('UPDATED', 4, [
        { field: 'covers:model:chatgpt', from: { relevance: 'MENTION', confidence: 'UNKNOWN' }, to: null },
      ]),
    ]);
    expect(await mutate('unlinkCoverage', { article: MOE, target: 'MODEL', slug: 'chatgpt' })).toEqual(
      invalidInput({
        path: ['input', 'slug'],
        code: 'NOT_FOUND',
        message: 'the article does not cover the model "chatgpt"',
      }),
    );
  });

  it('deleteArticle removes the article and what it covers from every read', async () => {
    const deleted = await ok('deleteArticle', { url: `${MOE}#top`, expectedVersion: 4 }, 'deletedId url');
    expect(deleted).toEqual({ __typename: 'DeleteArticlePayload', deletedId: articleId, url: MOE });
    expect(await read(`{ article(url: "${MOE}") { id } }`)).toEqual({ article: null });
    expect(await found('MoE, explained')).not.toContainEqual(expect.objectContaining({ url: MOE }));
    expect(delta(beforeArticle, await counts())).toEqual({});
    const [deletion] = (
      await read(
        '{ history(first: 1, filter: { entityType: ARTICLE }) { edges { node { entityKey action actor version } } } }',
      )
    ).history.edges;
    expect(deletion.node).toEqual({ entityKey: MOE, action: 'DELETED', actor: 'alice', version: 5 });
  });

  it('addArticles keeps the kind and site of an article the graph has when the input leaves them out', async () => {
    const seeded = 'https://mp.weixin.qq.com/s/VoOEw2-cJ-klGMrl7MJeQQ';
    const before = (await read(`{ article(url: "${seeded}") { title language kind site version } }`)).article;
    expect(before.kind).not.toBe('OTHER');
    const result = await ok(
      'addArticles',
      { articles: [{ url: seeded, title: before.title, language: before.language }] },
      'created updated unchanged articles { kind site version }',
    );
    expect(result).toEqual({
      __typename: 'AddArticlesPayload',
      created: 0,
      updated: 0,
      unchanged: 1,
      articles: [{ kind: before.kind, site: before.site, version: before.version }],
    });
  });

  it('addArticles adds and updates in bulk; the same call again reports every article unchanged and records no revision', async () => {
    const input = {
      articles: [
        {
          url: 'https://example.org/notes/scaling-laws',
          title: 'Notes on scaling laws',
          language: 'en',
          covers: [{ target: 'TOPIC', slug: 'scaling-laws', relevance: 'MAIN' }],
        },
        {
          url: 'https://www.youtube.com/watch?v=kCc8FmEb1nY&utm_source=share',
          title: "Let's build GPT: from scratch, in code",
          language: 'en',
          covers: [{ target: 'MODEL', slug: 'gpt-2', relevance: 'MENTION' }],
        },
        {
          url: 'http://zhuanlan.zhihu.com/p/589621442',
          title: '一文读懂ChatGPT模型原理',
          language: 'zh-Hans',
          kind: 'BLOG_POST',
          summary: 'A Chinese explainer of how ChatGPT works.',
        },
      ],
    };
    const selection = 'created updated unchanged articles { url site kind version }';
    const before = await revisions();
    const articlesBefore = (await counts()).articles as number;
    const first = await ok('addArticles', input, selection);
    expect(first).toEqual({
      __typename: 'AddArticlesPayload',
      created: 2,
      updated: 1,
      unchanged: 0,
      articles: [
        { url: 'https://example.org/notes/scaling-laws', site: 'OTHER', kind: 'OTHER', version: 1 },
        { url: 'https://www.youtube.com/watch?v=kCc8FmEb1nY', site: 'YOUTUBE', kind: 'VIDEO', version: 1 },
        { url: 'https://zhuanlan.zhihu.com/p/589621442', site: 'ZHIHU', kind: 'BLOG_POST', version: 2 },
      ],
    });
    expect(await revisions()).toBe(before + 3);
    expect((await counts()).articles).toBe(articlesBefore + 2);
    expect((await articleHistory('https://zhuanlan.zhihu.com/p/589621442')).revisions).toEqual([
      byAlice('UPDATED', 2, [
        {
          field: 'summary',
          from: 'Likely a Chinese explainer of how ChatGPT works, tracing GPT-1, GPT-2, GPT-3 and InstructGPT to ChatGPT and walking through the three RLHF steps (supervised fine-tuning, reward model, PPO). The contents are inferred from the title.',
          to: 'A Chinese explainer of how ChatGPT works.',
        },
      ]),
    ]);
    expect(await found('Notes on scaling laws')).toContainEqual({
      matchedField: 'TITLE',
      __typename: 'Article',
      url: 'https://example.org/notes/scaling-laws',
    });

    const second = await ok('addArticles', input, selection);
    expect(second).toEqual({ ...first, created: 0, updated: 0, unchanged: 3 });
    expect(await revisions()).toBe(before + 3);
  });

  it('addArticles refuses two spellings of one URL in one call, and names each invalid field by its article', async () => {
    const before = await revisions();
    expect(
      await mutate('addArticles', {
        articles: [
          { url: 'https://example.org/b', title: 'B', language: 'en' },
          { url: 'http://example.org/b?utm_campaign=z', title: 'B again', language: 'en' },
        ],
      }),
    ).toEqual(
      invalidInput({
        path: ['input', 'articles', '1'],
        code: 'INVALID',
        message: '"https://example.org/b" is given twice (also at articles[0])',
      }),
    );
    expect(
      await mutate('addArticles', {
        articles: [
          { url: 'https://example.org/c', title: 'C', language: 'english' },
          { url: 'example.org/d', title: ' ', language: 'en' },
          {
            url: 'https://example.org/e',
            title: 'E',
            language: 'en',
            covers: [
              { target: 'MODEL', slug: 'gpt-2', relevance: 'MAIN' },
              { target: 'TOPIC', slug: 'no-such-topic', relevance: 'MAIN' },
            ],
          },
        ],
      }),
    ).toEqual(
      invalidInput(
        { path: ['input', 'articles', '0', 'language'], code: 'INVALID', message: 'a language tag such as zh or en' },
        { path: ['input', 'articles', '1', 'url'], code: 'INVALID', message: 'an http(s) URL' },
        { path: ['input', 'articles', '1', 'title'], code: 'INVALID', message: 'not empty' },
      ),
    );
    expect(
      await mutate('addArticles', {
        articles: [
          { url: 'https://example.org/e', title: 'E', language: 'en' },
          {
            url: 'https://example.org/f',
            title: 'F',
            language: 'en',
            covers: [
              { target: 'MODEL', slug: 'gpt-2', relevance: 'MAIN' },
              { target: 'TOPIC', slug: 'no-such-topic', relevance: 'MAIN' },
            ],
          },
        ],
      }),
    ).toEqual(
      invalidInput({
        path: ['input', 'articles', '1', 'covers', '1', 'slug'],
        code: 'NOT_FOUND',
        message: 'no topic "no-such-topic" in the graph',
      }),
    );
    expect(await revisions()).toBe(before);
    expect(await read('{ article(url: "https://example.org/e") { id } }')).toEqual({ article: null });
  });
});

describe('organizations, topics and sources', () => {
  it('createOrganization, addOrganizationClaim, updateOrganization, retractOrganizationClaim and deleteOrganization', async () => {
    const before = await counts();
    const chinese = '{ organizations(filter: { country: "CN" }) { totalCount } }';
    const inChina = (await read(chinese)).organizations.totalCount;
    const created = await ok(
      'createOrganization',
      {
        slug: 'moonshot-ai',
        name: 'Moonshot AI',
        nameZh: '月之暗面',
        website: 'https://www.moonshot.cn',
        foundedYear: 2023,
        wikidataId: 'Q123456789',
      },
      'organization { id slug name nameZh website foundedYear country kind version }',
    );
    const { id } = created.organization;
    expect(created.organization).toEqual({
      id: expect.any(String),
      slug: 'moonshot-ai',
      name: 'Moonshot AI',
      nameZh: '月之暗面',
      website: 'https://www.moonshot.cn',
      foundedYear: 2023,
      country: null,
      kind: 'OTHER',
      version: 1,
    });
    expect(await found('月之暗面')).toEqual([
      { matchedField: 'NAME_ZH', __typename: 'Organization', slug: 'moonshot-ai' },
    ]);
    expect((await historyOf('organization', 'moonshot-ai')).revisions).toEqual([
      byAlice('CREATED', 1, [
        { field: 'slug', from: null, to: 'moonshot-ai' },
        { field: 'name', from: null, to: 'Moonshot AI' },
        { field: 'nameZh', from: null, to: '月之暗面' },
        { field: 'website', from: null, to: 'https://www.moonshot.cn' },
        { field: 'foundedYear', from: null, to: 2023 },
        { field: 'wikidataId', from: null, to: 'Q123456789' },
      ]),
    ]);

    const country = await ok(
      'addOrganizationClaim',
      { organization: 'moonshot-ai', property: 'COUNTRY', value: 'CN', source: 'user-note', confidence: 'CONFIDENT' },
      'organization { country version claims { property value rank source { slug } } }',
    );
    expect(country.organization).toEqual({
      country: 'CN',
      version: 2,
      claims: [{ property: 'COUNTRY', value: 'CN', rank: 'PREFERRED', source: { slug: 'user-note' } }],
    });
    expect((await read(chinese)).organizations.totalCount).toBe(inChina + 1);
    expect(delta(before, await counts())).toEqual({ 'overview: organizations in CN': 1 });
    // A note's claim of unstated confidence is kept, but not evidence enough on its own.
    const note = await ok(
      'addOrganizationClaim',
      { organization: 'moonshot-ai', property: 'KIND', value: 'COMPANY', source: 'user-note', expectedVersion: 2 },
      'organization { kind version claims(property: KIND) { value rank rankReason } }',
    );
    expect(note.organization).toEqual({
      kind: 'OTHER',
      version: 3,
      claims: [
        {
          value: 'COMPANY',
          rank: 'NORMAL',
          rankReason:
            "a note's claim of unstated confidence: not evidence enough on its own; no claim qualifies, so there is no preferred value",
        },
      ],
    });
    // The same source's claim again replaces it.
    const likely = await ok(
      'addOrganizationClaim',
      { organization: 'moonshot-ai', property: 'KIND', value: 'COMPANY', source: 'user-note', confidence: 'LIKELY' },
      'organization { kind version claims(property: KIND) { value rank } }',
    );
    expect(likely.organization).toEqual({
      kind: 'COMPANY',
      version: 4,
      claims: [{ value: 'COMPANY', rank: 'PREFERRED' }],
    });

    const updated = await ok(
      'updateOrganization',
      { slug: 'moonshot-ai', expectedVersion: 4, description: 'The maker of Kimi.', wikidataId: null },
      'organization { name description wikidataId version }',
    );
    expect(updated.organization).toEqual({
      name: 'Moonshot AI',
      description: 'The maker of Kimi.',
      wikidataId: null,
      version: 5,
    });
    expect((await historyOf('organization', 'moonshot-ai')).revisions).toEqual([
      byAlice('UPDATED', 5, [
        { field: 'wikidataId', from: 'Q123456789', to: null },
        { field: 'description', from: null, to: 'The maker of Kimi.' },
      ]),
    ]);

    const retracted = await ok(
      'retractOrganizationClaim',
      { organization: 'moonshot-ai', property: 'COUNTRY', source: 'user-note' },
      'organization { country version }',
    );
    expect(retracted.organization).toEqual({ country: null, version: 6 });
    expect((await read(chinese)).organizations.totalCount).toBe(inChina);
    expect(delta(before, await counts())).toEqual({});
    expect((await historyOf('organization', 'moonshot-ai')).revisions).toEqual([
      byAlice('UPDATED', 6, [
        { field: 'claim:COUNTRY:user-note', from: { value: 'CN', confidence: 'CONFIDENT' }, to: null },
      ]),
    ]);

    const deleted = await ok('deleteOrganization', { slug: 'moonshot-ai', expectedVersion: 6 }, 'deletedId slug');
    expect(deleted).toEqual({ __typename: 'DeleteOrganizationPayload', deletedId: id, slug: 'moonshot-ai' });
    expect(await read('{ organization(slug: "moonshot-ai") { slug } }')).toEqual({ organization: null });
    expect(await found('月之暗面')).toEqual([]);
    expect(await mutate('createOrganization', { slug: 'moonshot-ai', name: 'Moonshot' })).toEqual(
      invalidInput({
        path: ['input', 'slug'],
        code: 'ALREADY_EXISTS',
        message:
          '"moonshot-ai" was the slug of an organization that was deleted: published slugs never change meaning (revert the deletion, or choose another slug)',
      }),
    );
  });

  it('deleteOrganization of an organization with models and articles names them, and deletes nothing', async () => {
    const before = await revisions();
    const result = await mutate(
      'deleteOrganization',
      { slug: 'baidu' },
      '... on HasDependentsError { dependents { kind count examples } }',
    );
    expect(result).toEqual({
      __typename: 'HasDependentsError',
      code: 'HAS_DEPENDENTS',
      message:
        'organization "baidu" has dependents: 6 models it developed, 2 articles covering it; delete them first, or pass cascade: true to remove these links too',
      dependents: [
        {
          kind: 'models it developed',
          count: 6,
          examples: ['ernie-1-0', 'ernie-2-0', 'ernie-3-0', 'ernie-3-0-titan', 'ernie-bot', 'ernie-x1-turbo'],
        },
        {
          kind: 'articles covering it',
          count: 2,
          examples: [
            'https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw%3D%3D&idx=1&mid=2650869214&sn=e8dab20eab64f3f92d42b2e3fd8e2a2b',
            'https://www.zhihu.com/question/572106826/answer/2808336053',
          ],
        },
      ],
    });
    expect(await revisions()).toBe(before);
    expect(await read('{ organization(slug: "baidu") { models { totalCount } } }')).toEqual({
      organization: { models: { totalCount: 6 } },
    });
  });

  it('createTopic, updateTopic and deleteTopic; the topic tree and search follow', async () => {
    const children = '{ topic(slug: "model-architecture") { children { slug } } }';
    const created = await ok(
      'createTopic',
      {
        slug: 'reasoning-models',
        name: 'Reasoning models',
        nameZh: '推理模型',
        parent: 'model-architecture',
        description: 'Models that think before they answer.',
      },
      'topic { id slug name nameZh parent { slug } version }',
    );
    const { id } = created.topic;
    expect(created.topic).toEqual({
      id: expect.any(String),
      slug: 'reasoning-models',
      name: 'Reasoning models',
      nameZh: '推理模型',
      parent: { slug: 'model-architecture' },
      version: 1,
    });
    expect((await read(children)).topic.children).toContainEqual({ slug: 'reasoning-models' });
    expect(await found('推理模型')).toEqual([
      { matchedField: 'NAME_ZH', __typename: 'Topic', slug: 'reasoning-models' },
    ]);
    expect((await read('{ overview { topics { topic { slug } modelCount } } }')).overview.topics).toContainEqual({
      topic: { slug: 'reasoning-models' },
      modelCount: 0,
    });

    const updated = await ok(
      'updateTopic',
      { slug: 'reasoning-models', expectedVersion: 1, name: 'Reasoning LLMs', parent: null },
      'topic { name parent { slug } version }',
    );
    expect(updated.topic).toEqual({ name: 'Reasoning LLMs', parent: null, version: 2 });
    expect((await read(children)).topic.children).not.toContainEqual({ slug: 'reasoning-models' });
    expect((await historyOf('topic', 'reasoning-models', 2)).revisions).toEqual([
      byAlice('UPDATED', 2, [
        { field: 'name', from: 'Reasoning models', to: 'Reasoning LLMs' },
        { field: 'parent', from: 'model-architecture', to: null },
      ]),
      byAlice('CREATED', 1, [
        { field: 'slug', from: null, to: 'reasoning-models' },
        { field: 'name', from: null, to: 'Reasoning models' },
        { field: 'nameZh', from: null, to: '推理模型' },
        { field: 'description', from: null, to: 'Models that think before they answer.' },
        { field: 'parent', from: null, to: 'model-architecture' },
      ]),
    ]);

    const deleted = await ok('deleteTopic', { slug: 'reasoning-models' }, 'deletedId slug');
    expect(deleted).toEqual({ __typename: 'DeleteTopicPayload', deletedId: id, slug: 'reasoning-models' });
    expect(await read('{ topic(slug: "reasoning-models") { slug } }')).toEqual({ topic: null });
    expect(await found('推理模型')).toEqual([]);
    expect(await mutate('createTopic', { slug: 'reasoning-models', name: 'Reasoning' })).toEqual(
      invalidInput({
        path: ['input', 'slug'],
        code: 'ALREADY_EXISTS',
        message:
          '"reasoning-models" was the slug of a topic that was deleted: published slugs never change meaning (revert the deletion, or choose another slug)',
      }),
    );
  });

  it('createSource, updateSource and deleteSource; a source cited by claims is not deleted', async () => {
    const created = await ok(
      'createSource',
      {
        slug: 'arxiv-2501-12948',
        kind: 'PAPER',
        title: 'DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning',
        url: 'https://arxiv.org/abs/2501.12948',
        publishedAt: '2025-01-22',
        publisher: 'DeepSeek-AI',
        license: 'CC BY 4.0',
      },
      'source { id slug kind title url publishedAt publisher license version }',
    );
    const { id } = created.source;
    expect(created.source).toEqual({
      id: expect.any(String),
      slug: 'arxiv-2501-12948',
      kind: 'PAPER',
      title: 'DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning',
      url: 'https://arxiv.org/abs/2501.12948',
      publishedAt: '2025-01-22',
      publisher: 'DeepSeek-AI',
      license: 'CC BY 4.0',
      version: 1,
    });

    const updated = await ok(
      'updateSource',
      { slug: 'arxiv-2501-12948', kind: 'WEBSITE', license: null, expectedVersion: 1 },
      'source { kind license title version }',
    );
    expect(updated.source).toMatchObject({ kind: 'WEBSITE', license: null, version: 2 });
    expect((await historyOf('source', 'arxiv-2501-12948')).revisions).toEqual([
      byAlice('UPDATED', 2, [
        { field: 'license', from: 'CC BY 4.0', to: null },
        { field: 'kind', from: 'PAPER', to: 'WEBSITE' },
      ]),
    ]);

    // Cited by a claim: a dependent, named.
    await ok('addClaim', {
      model: 'ernie-x1-turbo',
      property: 'RELEASE_DATE',
      value: '2025-03',
      source: 'arxiv-2501-12948',
    });
    const before = await revisions();
    expect(
      await mutate(
        'deleteSource',
        { slug: 'arxiv-2501-12948' },
        '... on HasDependentsError { dependents { kind count examples } }',
      ),
    ).toEqual({
      __typename: 'HasDependentsError',
      code: 'HAS_DEPENDENTS',
      message:
        'source "arxiv-2501-12948" has dependents: 1 model claims citing it; delete them first, or pass cascade: true to remove these links too',
      dependents: [{ kind: 'model claims citing it', count: 1, examples: ['ernie-x1-turbo RELEASE_DATE'] }],
    });
    expect(await revisions()).toBe(before);

    const deleted = await ok('deleteSource', { slug: 'arxiv-2501-12948', cascade: true }, 'deletedId slug');
    expect(deleted).toEqual({ __typename: 'DeleteSourcePayload', deletedId: id, slug: 'arxiv-2501-12948' });
    expect(
      await read(
        '{ source(slug: "arxiv-2501-12948") { slug } model(slug: "ernie-x1-turbo") { releaseDate claims { source { slug } } } }',
      ),
    ).toEqual({
      source: null,
      model: { releaseDate: null, claims: [] },
    });
    // The claim that went is recorded on the model that had it.
    expect((await historyOf('model', 'ernie-x1-turbo')).revisions).toEqual([
      byAlice('UPDATED', 12, [
        { field: 'claim:RELEASE_DATE:arxiv-2501-12948', from: { value: '2025-03', confidence: 'UNKNOWN' }, to: null },
      ]),
    ]);
  });
});

describe('tokens', () => {
  it('an admin creates a token that works at once, lists tokens without secrets, and revokes one', async () => {
    const created = await ok(
      'createToken',
      { name: 'bob', role: 'EDITOR' },
      'token info { tokenId name role revokedAt lastUsedAt createdAt }',
      admin,
    );
    expect(created.token).toMatch(new RegExp(`^atlas_${created.info.tokenId}_[A-Za-z0-9_-]{43}$`));
    expect(created.info).toEqual({
      tokenId: expect.any(Number),
      name: 'bob',
      role: 'EDITOR',
      revokedAt: null,
      lastUsedAt: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const bob = created.token as string;
    expect((await send('{ viewer { name role } }', undefined, bob)).body).toEqual({
      data: { viewer: { name: 'bob', role: 'EDITOR' } },
    });
    // bob's writes are his in the history.
    await ok('updateModel', { slug: 'ernie-x1-turbo', paperTitle: 'ERNIE X1 technical report' }, '__typename', bob);
    expect((await historyOf('model', 'ernie-x1-turbo')).revisions[0]).toMatchObject({
      actor: 'bob',
      actorKind: 'EDITOR',
    });

    const listed = await send('{ tokens { tokenId name role revokedAt } }', undefined, admin);
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data.tokens[0]).toEqual({
      tokenId: created.info.tokenId,
      name: 'bob',
      role: 'EDITOR',
      revokedAt: null,
    });
    expect(listed.body.data.tokens.map((token: Data) => token.name)).toEqual(
      expect.arrayContaining(['bob', 'root', 'alice']),
    );
    const secret = /^atlas_\d+_(.{43})$/.exec(bob)?.[1] as string;
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    // Others may not list them.
    for (const [token, code, message] of [
      [editor, 'FORBIDDEN', 'Only an admin may list tokens.'],
      [null, 'UNAUTHENTICATED', UNAUTHENTICATED.message],
    ] as const) {
      expect((await send('{ tokens { name } }', undefined, token)).body).toEqual({
        data: null,
        errors: [{ message, locations: [{ line: 1, column: 3 }], path: ['tokens'], extensions: { code } }],
      });
    }

    const revoked = await ok(
      'revokeToken',
      { tokenId: created.info.tokenId },
      'info { tokenId name revokedAt }',
      admin,
    );
    expect(revoked.info).toEqual({
      tokenId: created.info.tokenId,
      name: 'bob',
      revokedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await mutate('updateModel', { slug: 'ernie-x1-turbo', paperTitle: 'Again' }, '', bob)).toEqual(
      UNAUTHENTICATED,
    );
    expect(await mutate('revokeToken', { tokenId: created.info.tokenId }, '', admin)).toEqual(
      invalidInput({
        path: ['input', 'tokenId'],
        code: 'NOT_FOUND',
        message: `there is no active token ${created.info.tokenId}`,
      }),
    );
    expect(await mutate('createToken', { name: ' bob', role: 'ADMIN' }, '', admin)).toEqual(
      invalidInput({
        path: ['input', 'name'],
        code: 'INVALID',
        message:
          'a token name is 1 to 64 letters, digits, spaces or . _ @ -, starting with a letter or digit (got " bob")',
      }),
    );
  });
});

describe('refusals', () => {
  it('a mutation without a token, or with a revoked, unknown or malformed one, is an AuthenticationError and writes nothing', async () => {
    const old = await createToken(server.prisma, { name: 'mallory', role: 'ADMIN' });
    await revokeToken(server.prisma, old.id);
    const tokensBefore = await server.prisma.apiToken.count();
    const before = await revisions();
    const attempts: [string, Record<string, unknown>][] = [
      ['createModel', { slug: 'sneaky-model', name: 'Sneaky' }],
      ['updateModel', { slug: 'gpt-2', description: 'Defaced.' }],
      ['deleteModel', { slug: 'chatgpt', cascade: true }],
      ['addClaim', { model: 'gpt-2', property: 'PARAMETERS', value: '1', source: 'user-note' }],
      ['addArticles', { articles: [{ url: 'https://example.org/spam', title: 'Spam', language: 'en' }] }],
      ['createToken', { name: 'mallory2', role: 'ADMIN' }],
      ['revert', { entityType: 'MODEL', key: 'gpt-2', toVersion: 1 }],
    ];
    for (const token of [null, old.token, `atlas_${old.id}_${'A'.repeat(43)}`, 'atlas_99999_short']) {
      for (const [name, input] of attempts) {
        expect(await mutate(name, input, '', token), `${name} with ${token}`).toEqual(UNAUTHENTICATED);
      }
    }
    expect(await revisions()).toBe(before);
    expect(await server.prisma.apiToken.count()).toBe(tokensBefore);
    expect(
      await read(
        '{ sneaky: model(slug: "sneaky-model") { slug } gpt2: model(slug: "gpt-2") { description parameters } chatgpt: model(slug: "chatgpt") { slug } article(url: "https://example.org/spam") { url } }',
      ),
    ).toEqual({
      sneaky: null,
      gpt2: {
        description:
          "OpenAI's 1.5B-parameter GPT (smaller versions 124M, 355M and 774M); announced in February 2019 with a small model, full model released in November 2019.",
        parameters: '1500000000',
      },
      chatgpt: { slug: 'chatgpt' },
      article: null,
    });
  });

  it('a mutation without a token is an AuthenticationError even when its input is invalid', async () => {
    // run.ts: "the token's holder is checked first"; these mutations check their input before.
    expect(await mutate('createModel', { slug: 'Not A Slug', name: 'x' }, '', null)).toEqual(UNAUTHENTICATED);
    expect(await mutate('addArticles', { articles: [{ url: 'nope', title: 'x', language: 'en' }] }, '', null)).toEqual(
      UNAUTHENTICATED,
    );
    expect(await mutate('renameSlug', { entityType: 'MODEL', slug: 'gpt-2', newSlug: 'Bad Slug' }, '', null)).toEqual(
      UNAUTHENTICATED,
    );
  });

  it("an editor's token may not revert or manage tokens: ForbiddenError requiring ADMIN, nothing written", async () => {
    const before = await revisions();
    const tokensBefore = await server.prisma.apiToken.findMany({ orderBy: { id: 'asc' } });
    const rootId = tokensBefore.find((token) => token.name === 'root')?.id;
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'revert',
        { entityType: 'MODEL', key: 'gpt-2', toVersion: 1 },
        'Only an admin may revert entities or manage tokens.',
      ],
      ['createToken', { name: 'eve', role: 'ADMIN' }, 'Only an admin may create tokens.'],
      ['revokeToken', { tokenId: rootId }, 'Only an admin may revoke tokens.'],
    ];
    for (const [name, input, message] of cases) {
      expect(await mutate(name, input), name).toEqual({
        __typename: 'ForbiddenError',
        code: 'FORBIDDEN',
        message,
        requiredRole: 'ADMIN',
      });
    }
    expect(await revisions()).toBe(before);
    expect(await server.prisma.apiToken.findMany({ orderBy: { id: 'asc' } })).toEqual(tokensBefore);
    expect((await send('{ viewer { name } }', undefined, admin)).body).toEqual({ data: { viewer: { name: 'root' } } });
    expect((await historyOf('model', 'gpt-2')).version).toBe(5);
  });

  const INVALID: [string, string, Record<string, unknown>, { path: string[]; code: string; message: string }[]][] = [
    [
      'a bad slug',
      'createModel',
      { slug: 'ERNIE 4.5', name: 'ERNIE 4.5' },
      [
        {
          path: ['input', 'slug'],
          code: 'INVALID',
          message: 'a slug: lowercase ASCII letters and digits, words joined by "-"',
        },
      ],
    ],
    [
      'an empty name',
      'createModel',
      { slug: 'ernie-4-5', name: '   ' },
      [{ path: ['input', 'name'], code: 'INVALID', message: 'not empty' }],
    ],
    [
      'a non-http paper URL',
      'createModel',
      { slug: 'ernie-4-5', name: 'ERNIE 4.5', paperUrl: 'ftp://example.org/ernie.pdf' },
      [{ path: ['input', 'paperUrl'], code: 'INVALID', message: 'an http(s) URL' }],
    ],
    [
      'every bad field at once',
      'createModel',
      { slug: '-x-', name: '', arxivId: '2107', wikidataId: 'ernie' },
      [
        {
          path: ['input', 'slug'],
          code: 'INVALID',
          message: 'a slug: lowercase ASCII letters and digits, words joined by "-"',
        },
        { path: ['input', 'name'], code: 'INVALID', message: 'not empty' },
        { path: ['input', 'arxivId'], code: 'INVALID', message: 'an arXiv id such as 2005.14165' },
        { path: ['input', 'wikidataId'], code: 'INVALID', message: 'a Wikidata id such as Q115564437' },
      ],
    ],
    [
      'an unknown organization in developers',
      'createModel',
      { slug: 'ernie-4-5', name: 'ERNIE 4.5', developers: ['baidu', 'no-such-lab'] },
      [
        {
          path: ['input', 'developers', '1'],
          code: 'NOT_FOUND',
          message: 'no organization "no-such-lab" in the graph',
        },
      ],
    ],
    [
      'a name set to null',
      'updateModel',
      { slug: 'gpt-2', name: null },
      [{ path: ['input', 'name'], code: 'INVALID', message: 'a model keeps a name' }],
    ],
    [
      'an unknown model',
      'updateModel',
      { slug: 'no-such-model', description: 'x' },
      [{ path: ['input', 'slug'], code: 'NOT_FOUND', message: 'no model "no-such-model" in the graph' }],
    ],
    [
      'a negative parameter count',
      'addClaim',
      { model: 'gpt-2', property: 'PARAMETERS', value: '-1500000000', source: 'user-note' },
      [
        {
          path: ['input', 'value'],
          code: 'INVALID',
          message: 'a parameter count is a whole number written in digits, got "-1500000000"',
        },
      ],
    ],
    [
      'a bad release date',
      'addClaim',
      { model: 'gpt-2', property: 'RELEASE_DATE', value: '2019-13-45', source: 'user-note' },
      [
        {
          path: ['input', 'value'],
          code: 'INVALID',
          message: 'a release date is written YYYY, YYYY-MM or YYYY-MM-DD, got "2019-13-45"',
        },
      ],
    ],
    [
      'a step of a model to itself',
      'linkLineage',
      { child: 'gpt-2', parent: 'gpt-2', kind: 'BASED_ON', source: 'user-note' },
      [{ path: ['input', 'parent'], code: 'CYCLE', message: 'a model cannot derive from itself' }],
    ],
    [
      'an article URL that is not a URL',
      'createArticle',
      { url: 'not a url', title: 'Title', language: 'en' },
      [{ path: ['input', 'url'], code: 'INVALID', message: 'an http(s) URL' }],
    ],
    [
      'coverage of an unknown topic',
      'createArticle',
      {
        url: 'https://example.org/g',
        title: 'G',
        language: 'en',
        covers: [{ target: 'TOPIC', slug: 'nope', relevance: 'MAIN' }],
      },
      [{ path: ['input', 'covers', '0', 'slug'], code: 'NOT_FOUND', message: 'no topic "nope" in the graph' }],
    ],
    [
      'a javascript: website',
      'createOrganization',
      { slug: 'evil-corp', name: 'Evil Corp', website: 'javascript:alert(1)' },
      [{ path: ['input', 'website'], code: 'INVALID', message: 'an http(s) URL' }],
    ],
    [
      'a founding year out of range',
      'updateOrganization',
      { slug: 'openai', foundedYear: 15 },
      [{ path: ['input', 'foundedYear'], code: 'INVALID', message: 'a year from 1000 to 2100' }],
    ],
    [
      'a country that is not a code',
      'addOrganizationClaim',
      { organization: 'openai', property: 'COUNTRY', value: 'United States', source: 'user-note' },
      [
        {
          path: ['input', 'value'],
          code: 'INVALID',
          message: 'a country is an ISO 3166-1 alpha-2 code such as CN or US, got "United States"',
        },
      ],
    ],
    [
      'a source URL that is not http',
      'createSource',
      { slug: 'mail-note', kind: 'NOTE', title: 'A mail', url: 'mailto:someone@example.org' },
      [{ path: ['input', 'url'], code: 'INVALID', message: 'an http(s) URL' }],
    ],
    [
      'a bad new slug',
      'renameSlug',
      { entityType: 'TOPIC', slug: 'rlhf', newSlug: 'RLHF!' },
      [
        {
          path: ['input', 'newSlug'],
          code: 'INVALID',
          message: 'a slug: lowercase ASCII letters and digits, words joined by "-"',
        },
      ],
    ],
    [
      'a rename of an article',
      'renameSlug',
      { entityType: 'ARTICLE', slug: 'gpt-2', newSlug: 'gpt-2-article' },
      [
        {
          path: ['input', 'entityType'],
          code: 'INVALID',
          message: 'only models, organizations and topics have slugs that redirect',
        },
      ],
    ],
  ];

  it.each(INVALID)(
    'refuses %s (%s) with an InvalidInputError naming the field, writing nothing',
    async (_what, name, input, problems) => {
      const before = await revisions();
      expect(await mutate(name, input)).toEqual(invalidInput(...problems));
      expect(await revisions()).toBe(before);
    },
  );

  it('a lineage step that would make a model its own ancestor is refused as a CYCLE naming the loop', async () => {
    const before = await revisions();
    expect(
      await mutate('linkLineage', { child: 'gpt-1', parent: 'chatgpt', kind: 'BASED_ON', source: 'user-note' }),
    ).toEqual(
      invalidInput({
        path: ['input', 'parent'],
        code: 'CYCLE',
        message: 'it would close a lineage cycle: gpt-1 → chatgpt → gpt-3 → gpt-2 → gpt-1',
      }),
    );
    expect(await revisions()).toBe(before);
    expect(await read('{ model(slug: "gpt-1") { parents { parent { slug } } } }')).toEqual({ model: { parents: [] } });
  });

  it('a date argument that is not a calendar date is refused before the mutation runs', async () => {
    const before = await revisions();
    const { status, body } = await send(
      'mutation { updateArticle(input: { url: "https://example.org/notes/scaling-laws", publishedAt: "2024-02-30" }) { __typename } }',
      undefined,
      editor,
    );
    expect({ status, body }).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'Date must be a calendar date written YYYY-MM-DD (got "2024-02-30")',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      },
    });
    expect(await revisions()).toBe(before);
  });

  it('a stale expectedVersion is a VersionConflictError with the current version and entity, and writes nothing', async () => {
    const before = await revisions();
    const gpt2 = await historyOf('model', 'gpt-2');
    expect(await mutate('updateModel', { slug: 'gpt-2', expectedVersion: 1, description: 'Stale.' })).toEqual({
      __typename: 'VersionConflictError',
      code: 'VERSION_CONFLICT',
      message: `model "gpt-2" is at version ${gpt2.version}, not 1: someone else changed it. Read it again, then retry with expectedVersion ${gpt2.version}.`,
      expectedVersion: 1,
      currentVersion: gpt2.version,
      current: { __typename: 'Model', slug: 'gpt-2', version: gpt2.version },
    });
    const zhihu = 'https://zhuanlan.zhihu.com/p/589621442';
    expect(await mutate('deleteArticle', { url: `http://zhuanlan.zhihu.com/p/589621442`, expectedVersion: 1 })).toEqual(
      {
        __typename: 'VersionConflictError',
        code: 'VERSION_CONFLICT',
        message: `article "${zhihu}" is at version 2, not 1: someone else changed it. Read it again, then retry with expectedVersion 2.`,
        expectedVersion: 1,
        currentVersion: 2,
        current: { __typename: 'Article', url: zhihu, version: 2 },
      },
    );
    expect(
      await mutate('addOrganizationClaim', {
        organization: 'openai',
        property: 'KIND',
        value: 'COMPANY',
        source: 'user-note',
        expectedVersion: 7,
      }),
    ).toEqual({
      __typename: 'VersionConflictError',
      code: 'VERSION_CONFLICT',
      message:
        'organization "openai" is at version 1, not 7: someone else changed it. Read it again, then retry with expectedVersion 1.',
      expectedVersion: 7,
      currentVersion: 1,
      current: { __typename: 'Organization', slug: 'openai', version: 1 },
    });
    expect(
      await mutate('revert', { entityType: 'MODEL', key: 'gpt-2', toVersion: 1, expectedVersion: 2 }, '', admin),
    ).toMatchObject({
      __typename: 'VersionConflictError',
      expectedVersion: 2,
      currentVersion: gpt2.version,
    });
    expect(await revisions()).toBe(before);
    expect((await historyOf('model', 'gpt-2')).version).toBe(gpt2.version);
  });

  it("deleting gpt-3 is refused, naming its dependents; with cascade it goes, and the dependents' histories record the links removed", async () => {
    const before = await revisions();
    const dependents = '... on HasDependentsError { dependents { kind count examples } }';
    const articles = ['https://mp.weixin.qq.com/s/VoOEw2-cJ-klGMrl7MJeQQ', 'https://zhuanlan.zhihu.com/p/589621442'];
    expect(await mutate('deleteModel', { slug: 'gpt-3' }, dependents)).toEqual({
      __typename: 'HasDependentsError',
      code: 'HAS_DEPENDENTS',
      message:
        'model "gpt-3" has dependents: 3 lineage steps of models derived from it, 2 articles covering it; delete them first, or pass cascade: true to remove these links too',
      dependents: [
        {
          kind: 'lineage steps of models derived from it',
          count: 3,
          examples: ['instructgpt (FINE_TUNED_FROM)', 'gpt-3-5 (SUCCESSOR_OF)', 'chatgpt (BASED_ON)'],
        },
        { kind: 'articles covering it', count: 2, examples: articles },
      ],
    });
    expect(await revisions()).toBe(before);
    const { model: gpt3 } = await read('{ model(slug: "gpt-3") { id version children { child { slug } } } }');
    expect(gpt3.children).toHaveLength(3);

    const countsBefore = await counts();
    const deleted = await ok(
      'deleteModel',
      { slug: 'gpt-3', cascade: true, expectedVersion: gpt3.version },
      'deletedId slug',
    );
    expect(deleted).toEqual({ __typename: 'DeleteModelPayload', deletedId: gpt3.id, slug: 'gpt-3' });
    expect(await read('{ model(slug: "gpt-3") { slug } }')).toEqual({ model: null });
    expect((await found('GPT-3')).filter((result: Data) => result.slug === 'gpt-3')).toEqual([]);
    expect(delta(countsBefore, await counts())).toMatchObject({
      models: -1,
      'models by openai': -1,
      'models in US': -1,
      'models of family GPT': -1,
      'overview: models of openai': -1,
      'overview: models in US': -1,
    });

    // The links are recorded on the entities that held them: the children's steps, the articles' coverage.
    const steps = {
      instructgpt: [
        'parent:gpt-3:FINE_TUNED_FROM',
        {
          note: 'RLHF: supervised fine-tuning on labeler demonstrations, a reward model trained on output rankings, then PPO.',
          source: 'arxiv-2203-02155',
        },
      ],
      'gpt-3-5': [
        'parent:gpt-3:SUCCESSOR_OF',
        {
          note: 'The GPT-3.5 series was trained on a blend of text and code from before Q4 2021.',
          source: 'openai-model-index',
        },
      ],
      chatgpt: [
        'parent:gpt-3:BASED_ON',
        {
          note: "The user's note says ChatGPT's base model is GPT-3, with annotated instruct prompts and RLHF; OpenAI says it was fine-tuned from a GPT-3.5-series model.",
          source: 'user-note',
        },
      ],
    } as const;
    for (const [slug, [field, from]] of Object.entries(steps)) {
      const {
        version,
        revisions: [latest],
      } = await historyOf('model', slug);
      expect(latest, slug).toEqual(byAlice('UPDATED', version, [{ field, from, to: null }]));
      expect(
        (await read(`{ model(slug: "${slug}") { parents { parent { slug } } } }`)).model.parents,
      ).not.toContainEqual({
        parent: { slug: 'gpt-3' },
      });
    }
    for (const url of articles) {
      const {
        version,
        revisions: [latest],
      } = await articleHistory(url);
      expect(latest, url).toEqual(
        byAlice('UPDATED', version, [
          { field: 'covers:model:gpt-3', from: expect.objectContaining({ relevance: 'MENTION' }), to: null },
        ]),
      );
    }
    const [deletion] = (
      await read(
        '{ history(first: 1, filter: { entityType: MODEL, action: DELETED }) { edges { node { entityKey actor version changes { field to } } } } }',
      )
    ).history.edges;
    expect(deletion.node).toMatchObject({ entityKey: 'gpt-3', actor: 'alice', version: gpt3.version + 1 });
    expect(deletion.node.changes).toContainEqual({ field: 'claim:PARAMETERS:arxiv-2005-14165', to: null });
    expect(deletion.node.changes).toContainEqual({ field: 'parent:gpt-2:SUCCESSOR_OF', to: null });

    // An admin brings it back with its own claims and steps; what others held to it stays with them.
    const reverted = await ok(
      'revert',
      { entityType: 'MODEL', key: 'gpt-3', toVersion: gpt3.version },
      'entity { ... on Model { id slug parameters parents { parent { slug } } children { child { slug } } } }',
      admin,
    );
    expect(reverted.entity).toEqual({
      id: gpt3.id,
      slug: 'gpt-3',
      parameters: '175000000000',
      parents: [{ parent: { slug: 'gpt-2' } }],
      children: [],
    });
  });
});

describe('over the wire', () => {
  it('a GET request carrying a mutation is refused (403 without the CSRF header, 405 with it) and writes nothing', async () => {
    const before = await revisions();
    const query = encodeURIComponent(
      'mutation { updateModel(input: { slug: "gpt-2", description: "Via GET." }) { __typename } }',
    );
    const get = async (headers: Record<string, string>) => {
      const response = await fetch(`${server.url}/graphql?query=${query}`, {
        headers: { accept: 'application/graphql-response+json', authorization: `Bearer ${editor}`, ...headers },
      });
      return { status: response.status, allow: response.headers.get('allow'), body: await response.json() };
    };
    expect(await get({})).toEqual({
      status: 403,
      allow: null,
      body: {
        errors: [
          {
            message:
              'This request could come from another site\'s page without the browser asking first: send it as a POST with content-type application/json, or add the header "x-graphql-yoga-csrf: 1".',
            extensions: { code: 'CSRF_PREVENTED' },
          },
        ],
      },
    });
    expect(await get({ 'x-graphql-yoga-csrf': '1' })).toEqual({
      status: 405,
      allow: 'POST',
      body: {
        errors: [
          {
            message: 'Can only perform a mutation operation from a POST request.',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      },
    });
    expect(await revisions()).toBe(before);
    const { model } = await read('{ model(slug: "gpt-2") { description } }');
    expect(model.description).not.toBe('Via GET.');
  });

  it('a mutation run by the execution pool in a worker thread writes, and the next read sees it', async () => {
    const pool = new ExecutionPool(server.config, { size: 1 });
    try {
      await pool.ready();
      const app = createApp(server.database, { pool });
      const post = async (query: string, token?: string) => {
        const response = await app.fetch('http://atlas/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query }),
        });
        return { status: response.status, body: await response.json() };
      };
      const before = await revisions();
      const written = await post(
        'mutation { updateModel(input: { slug: "chatgpt", nameZh: "聊天生成预训练模型" }) { __typename ... on UpdateModelPayload { model { nameZh version } } } }',
        editor,
      );
      const { version } = await historyOf('model', 'chatgpt');
      expect(written).toEqual({
        status: 200,
        body: {
          data: { updateModel: { __typename: 'UpdateModelPayload', model: { nameZh: '聊天生成预训练模型', version } } },
        },
      });
      expect(await revisions()).toBe(before + 1);
      // Read through the pool, and through the server on this thread.
      const next =
        '{ model(slug: "chatgpt") { nameZh } search(query: "聊天生成预训练模型") { edges { node { ... on Model { slug } } } } }';
      const expected = { model: { nameZh: '聊天生成预训练模型' }, search: { edges: [{ node: { slug: 'chatgpt' } }] } };
      expect(await post(next)).toEqual({ status: 200, body: { data: expected } });
      expect(await read(next)).toEqual(expected);
      expect((await historyOf('model', 'chatgpt')).revisions).toEqual([
        byAlice('UPDATED', version, [{ field: 'nameZh', from: null, to: '聊天生成预训练模型' }]),
      ]);
      // Refusals come back from the worker typed too.
      expect(
        await post(
          'mutation { createToken(input: { name: "eve", role: ADMIN }) { __typename ... on ForbiddenError { requiredRole } } }',
          editor,
        ),
      ).toEqual({
        status: 200,
        body: { data: { createToken: { __typename: 'ForbiddenError', requiredRole: 'ADMIN' } } },
      });
      expect(
        await post('mutation { deleteModel(input: { slug: "chatgpt" }) { __typename ... on MutationError { code } } }'),
      ).toEqual({
        status: 200,
        body: { data: { deleteModel: { __typename: 'AuthenticationError', code: 'UNAUTHENTICATED' } } },
      });
    } finally {
      await pool.close();
    }
  }, 60_000);
});
