/**
 * The mutations of people and of an article's ordered list of authors, end to end over HTTP on the
 * curated seed (which has articles but no people): createPerson, updatePerson, deletePerson and
 * setArticleAuthors with an editor's token, each refusal a typed error that writes nothing, every
 * write visible in the next read (`article.authors`, `person.articles`, `people`, `search`, the
 * history), and an admin's `revert` setting a person's fields and an article's list back.
 *
 * The tests share one database and run in order: later ones use the people earlier ones made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { startTestServer, type TestServer } from './helpers/server.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are checked by the assertions, field by field.
type Data = any;

const ERRORS = `__typename
  ... on MutationError { code message }
  ... on InvalidInputError { problems { path code message } }
  ... on VersionConflictError {
    expectedVersion
    currentVersion
    current: entity { __typename ... on Person { slug version } ... on Article { url version } }
  }`;

/** Only a delete may answer HasDependentsError. */
const DEPENDENTS = '... on HasDependentsError { dependents { kind count examples } }';

const UNAUTHENTICATED = {
  __typename: 'AuthenticationError',
  code: 'UNAUTHENTICATED',
  message:
    'Writing needs an editor\'s token: send "Authorization: Bearer <token>" with a token from `npm run token -- create`. A malformed, unknown or revoked token is refused alike.',
};

/** Seeded articles: A covers InstructGPT (Zhihu), B covers OPT-175B (WeChat), C covers ERNIE Bot. */
const A = 'https://zhuanlan.zhihu.com/p/589621442';
const B = 'https://mp.weixin.qq.com/s/8FOojNMnCe1D3q0TOgE_EQ';
const C = 'https://www.zhihu.com/question/572106826/answer/2808336053';

let server: TestServer;
let editor: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer('people-mutations');
  editor = (await createToken(server.prisma, { name: 'alice', role: 'EDITOR' })).token;
  admin = (await createToken(server.prisma, { name: 'root', role: 'ADMIN' })).token;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

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

/** Runs the mutation `name` with `input`; answers its result (the payload or a typed error). */
async function mutate(name: string, input: Record<string, unknown>, selection = '', token: string | null = editor) {
  const { status, body } = await send(
    `mutation ($input: ${capital(name)}Input!) { result: ${name}(input: $input) { ${ERRORS} ${name.startsWith('delete') ? DEPENDENTS : ''} ${selection} } }`,
    { input },
    token,
  );
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data.result as Data;
}

/** Runs a mutation that must succeed; answers its payload. */
async function ok(name: string, input: Record<string, unknown>, selection = '__typename', token = editor) {
  const result = await mutate(name, input, `... on ${capital(name)}Payload { ${selection} }`, token);
  expect(result.__typename, JSON.stringify(result)).toBe(`${capital(name)}Payload`);
  return result;
}

function invalidInput(...problems: { path: string[]; code: string; message: string }[]) {
  return {
    __typename: 'InvalidInputError',
    code: 'INVALID_INPUT',
    message: problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join('; '),
    problems,
  };
}

const revisions = () => server.prisma.revision.count();

/** Expects a refusal: `result` matches `expected`, and nothing was recorded. */
async function refused(run: () => Promise<Data>, expected: unknown) {
  const count = await revisions();
  expect(await run()).toEqual(expected);
  expect(await revisions()).toBe(count);
}

/** An article's version and its authors as `[position, slug, writtenAs]`. */
async function authorsOf(url: string) {
  const { article } = await read(
    'query ($url: String!) { article(url: $url) { version authors(first: 100) { totalCount edges { position writtenAs node { slug } } } } }',
    { url },
  );
  expect(article.authors.totalCount).toBe(article.authors.edges.length);
  return {
    version: article.version as number,
    authors: article.authors.edges.map((edge: Data) => [edge.position, edge.node.slug, edge.writtenAs]),
  };
}

/** The newest revision of an article. */
async function lastRevision(url: string) {
  const { article } = await read(
    'query ($url: String!) { article(url: $url) { history(first: 1) { edges { node { actor action version revertOf { version } changes { field from to } } } } } }',
    { url },
  );
  return article.history.edges[0].node;
}

/** The slugs of the people a filter finds, in order. */
async function people(filter: Record<string, unknown>): Promise<string[]> {
  const query = 'query ($filter: PersonFilter) { people(filter: $filter, first: 50) { edges { node { slug } } } }';
  const data = await read(query, { filter });
  return data.people.edges.map((edge: Data) => edge.node.slug);
}

/** What `search` finds among people: matched field and slug. */
async function foundPeople(query: string) {
  const data = await read(
    'query ($query: String!) { search(query: $query, types: [PERSON], first: 20) { edges { matchedField node { ... on Person { slug } } } } }',
    { query },
  );
  return data.search.edges.map((edge: Data) => ({ matchedField: edge.matchedField, slug: edge.node.slug }));
}

const PERSON = 'person { slug name nameZh identity version source { slug } }';
const NOT_A_SLUG = 'a slug: lowercase ASCII letters and digits, words joined by "-"';
/** A's list after the reordering. */
const REORDERED = [
  { person: 'alan-turing' },
  { person: 'ada-lovelace', writtenAs: 'A. Lovelace' },
  { person: 'grace-hopper' },
];

describe('createPerson', () => {
  it('needs a token (checked before the input), refuses a bad slug, and adds a person at version 1', async () => {
    await refused(() => mutate('createPerson', { slug: 'Wei Li', name: 'Wei Li' }, '', null), UNAUTHENTICATED);
    await refused(
      () => mutate('createPerson', { slug: 'Wei Li', name: 'Wei Li' }),
      invalidInput({ path: ['input', 'slug'], code: 'INVALID', message: NOT_A_SLUG }),
    );
    const created = await ok(
      'createPerson',
      { slug: 'wei-li', name: 'Wei Li', nameZh: '李伟', identity: 'Told apart by affiliation.', source: 'user-note' },
      PERSON,
    );
    expect(created.person).toEqual({
      slug: 'wei-li',
      name: 'Wei Li',
      nameZh: '李伟',
      identity: 'Told apart by affiliation.',
      version: 1,
      source: { slug: 'user-note' },
    });
    expect((await read('{ person(slug: "wei-li") { name version } }')).person).toEqual({ name: 'Wei Li', version: 1 });
  });

  it("refuses a slug that is taken, or was a deleted person's", async () => {
    await refused(
      () => mutate('createPerson', { slug: 'wei-li', name: 'Another Wei Li' }),
      invalidInput({ path: ['input', 'slug'], code: 'ALREADY_EXISTS', message: 'there is a person "wei-li" already' }),
    );
    await ok('createPerson', { slug: 'passing-person', name: 'Passing Person' });
    await ok('deletePerson', { slug: 'passing-person', expectedVersion: 1 }, 'slug');
    expect((await read('{ person(slug: "passing-person") { slug } }')).person).toBeNull();
    await refused(
      () => mutate('createPerson', { slug: 'passing-person', name: 'Someone Else' }),
      invalidInput({
        path: ['input', 'slug'],
        code: 'ALREADY_EXISTS',
        message:
          '"passing-person" was the slug of a person that was deleted: published slugs never change meaning (revert the deletion, or choose another slug)',
      }),
    );
  });
});

describe('updatePerson', () => {
  it('changes the name (found folded by `people` and by `search`), refuses null and a stale version', async () => {
    await ok('createPerson', { slug: 'quoc-le', name: 'Kwok Lee', nameZh: '黎国' });
    expect(await foundPeople('Kwok Lee')).toEqual([{ matchedField: 'NAME', slug: 'quoc-le' }]);
    const updated = await ok(
      'updatePerson',
      { slug: 'quoc-le', name: 'Quoc V. Le', nameZh: null, expectedVersion: 1 },
      PERSON,
    );
    expect(updated.person).toEqual({
      slug: 'quoc-le',
      name: 'Quoc V. Le',
      nameZh: null,
      identity: null,
      version: 2,
      source: null,
    });
    const { person } = await read(
      '{ person(slug: "quoc-le") { history(first: 1) { edges { node { actor changes { field from to } } } } } }',
    );
    expect(person.history.edges[0].node).toEqual({
      actor: 'alice',
      changes: [
        { field: 'name', from: 'Kwok Lee', to: 'Quoc V. Le' },
        { field: 'nameZh', from: '黎国', to: null },
        { field: 'nameKey', from: 'kwoklee', to: 'quocvle' },
      ],
    });
    await refused(
      () => mutate('updatePerson', { slug: 'no-one', name: 'No One' }),
      invalidInput({ path: ['input', 'slug'], code: 'NOT_FOUND', message: 'no person "no-one" in the graph' }),
    );
    await refused(
      () => mutate('updatePerson', { slug: 'quoc-le', name: null }),
      invalidInput({ path: ['input', 'name'], code: 'INVALID', message: 'a person keeps a name' }),
    );
    await refused(() => mutate('updatePerson', { slug: 'quoc-le', identity: 'x', expectedVersion: 1 }), {
      __typename: 'VersionConflictError',
      code: 'VERSION_CONFLICT',
      message:
        'person "quoc-le" is at version 2, not 1: someone else changed it. Read it again, then retry with expectedVersion 2.',
      expectedVersion: 1,
      currentVersion: 2,
      current: { __typename: 'Person', slug: 'quoc-le', version: 2 },
    });
    expect(await people({ name: 'quoc v le' })).toEqual(['quoc-le']);
    expect(await people({ name: 'QUOC-V-LE!' })).toEqual(['quoc-le']);
    expect(await people({ name: 'Kwok Lee' })).toEqual([]);
    expect(await foundPeople('Quoc V. Le')).toEqual([{ matchedField: 'NAME', slug: 'quoc-le' }]);
    expect(await foundPeople('Kwok Lee')).toEqual([]);
    expect(await foundPeople('黎国')).toEqual([]);
  });
});

describe('setArticleAuthors', () => {
  it('sets an ordered list (writtenAs defaulting to the name), reorders it, and records it by slug', async () => {
    for (const [slug, name] of [
      ['ada-lovelace', 'Ada Lovelace'],
      ['alan-turing', 'Alan Turing'],
      ['grace-hopper', 'Grace Hopper'],
    ])
      await ok('createPerson', { slug, name });
    const { version } = await authorsOf(A);
    const set = await ok(
      'setArticleAuthors',
      {
        article: A,
        expectedVersion: version,
        authors: [
          { person: 'ada-lovelace', writtenAs: 'A. Lovelace' },
          { person: 'alan-turing' },
          { person: 'grace-hopper', writtenAs: null },
        ],
      },
      'article { url version authors { totalCount edges { position writtenAs node { slug } } } }',
    );
    expect(set.article).toEqual({
      url: A,
      version: version + 1,
      authors: {
        totalCount: 3,
        edges: [
          { position: 1, writtenAs: 'A. Lovelace', node: { slug: 'ada-lovelace' } },
          { position: 2, writtenAs: 'Alan Turing', node: { slug: 'alan-turing' } },
          { position: 3, writtenAs: 'Grace Hopper', node: { slug: 'grace-hopper' } },
        ],
      },
    });
    expect(await lastRevision(A)).toEqual({
      actor: 'alice',
      action: 'UPDATED',
      version: version + 1,
      revertOf: null,
      changes: [{ field: 'authors', from: null, to: ['ada-lovelace', 'alan-turing', 'grace-hopper'] }],
    });

    await ok('setArticleAuthors', { article: A, authors: REORDERED });
    expect(await authorsOf(A)).toEqual({
      version: version + 2,
      authors: [
        [1, 'alan-turing', 'Alan Turing'],
        [2, 'ada-lovelace', 'A. Lovelace'],
        [3, 'grace-hopper', 'Grace Hopper'],
      ],
    });
    expect((await lastRevision(A)).changes).toEqual([
      {
        field: 'authors',
        from: ['ada-lovelace', 'alan-turing', 'grace-hopper'],
        to: ['alan-turing', 'ada-lovelace', 'grace-hopper'],
      },
    ]);
    // The same list again changes nothing.
    const count = await revisions();
    await ok('setArticleAuthors', { article: A, authors: REORDERED });
    expect(await revisions()).toBe(count);
    expect((await authorsOf(A)).version).toBe(version + 2);
  });

  it('refuses a person twice, an unknown person, an unknown article and a stale version', async () => {
    const before = await authorsOf(A);
    await refused(
      () =>
        mutate('setArticleAuthors', {
          article: A,
          authors: [{ person: 'ada-lovelace' }, { person: 'alan-turing' }, { person: 'ada-lovelace' }],
        }),
      // The path names the later place; the message names the first, counted from 1 as Article.authors shows it.
      {
        __typename: 'InvalidInputError',
        code: 'INVALID_INPUT',
        message: expect.stringMatching(
          /^input\.authors\.2\.person: "ada-lovelace" is already the author at position 1$/,
        ),
        problems: [
          {
            path: ['input', 'authors', '2', 'person'],
            code: 'INVALID',
            message: '"ada-lovelace" is already the author at position 1',
          },
        ],
      },
    );
    await refused(
      () => mutate('setArticleAuthors', { article: A, authors: [{ person: 'alan-turing', writtenAs: '  ' }] }),
      invalidInput({ path: ['input', 'authors', '0', 'writtenAs'], code: 'INVALID', message: 'not empty' }),
    );
    await refused(
      () =>
        mutate('setArticleAuthors', { article: A, authors: [{ person: 'ada-lovelace' }, { person: 'nobody-known' }] }),
      invalidInput({
        path: ['input', 'authors', '1', 'person'],
        code: 'NOT_FOUND',
        message: 'no person "nobody-known" in the graph',
      }),
    );
    await refused(
      () => mutate('setArticleAuthors', { article: 'https://example.com/no-such-article', authors: [] }),
      invalidInput({
        path: ['input', 'article'],
        code: 'NOT_FOUND',
        message: 'no article "https://example.com/no-such-article" in the graph',
      }),
    );
    await refused(
      () => mutate('setArticleAuthors', { article: A, authors: [{ person: 'Ada' }] }),
      invalidInput({ path: ['input', 'authors', '0', 'person'], code: 'INVALID', message: NOT_A_SLUG }),
    );
    await refused(() => mutate('setArticleAuthors', { article: A, authors: [], expectedVersion: before.version - 1 }), {
      __typename: 'VersionConflictError',
      code: 'VERSION_CONFLICT',
      message: `article "${A}" is at version ${before.version}, not ${before.version - 1}: someone else changed it. Read it again, then retry with expectedVersion ${before.version}.`,
      expectedVersion: before.version - 1,
      currentVersion: before.version,
      current: { __typename: 'Article', url: A, version: before.version },
    });
    expect(await authorsOf(A)).toEqual(before);
  });

  it('shows in `person.articles` and `people(filter: { wrote })`; an empty list removes them all', async () => {
    await ok('setArticleAuthors', { article: B, authors: [{ person: 'ada-lovelace', writtenAs: 'Augusta Ada King' }] });
    const { person } = await read(
      '{ person(slug: "ada-lovelace") { articles(first: 10) { totalCount edges { position writtenAs node { url } } } } }',
    );
    // In import order: B is the first article of the seed, A the eighth.
    expect(person.articles.edges.map((edge: Data) => [edge.node.url, edge.position, edge.writtenAs])).toEqual([
      [B, 1, 'Augusta Ada King'],
      [A, 2, 'A. Lovelace'],
    ]);
    expect(person.articles.totalCount).toBe(2);
    expect(await people({ wrote: { coversModel: { slug: 'instructgpt' } } })).toEqual([
      'ada-lovelace',
      'alan-turing',
      'grace-hopper',
    ]);
    expect(await people({ wrote: { site: 'WECHAT' } })).toEqual(['ada-lovelace']);
    expect(await people({ wrote: { coversModel: { slug: 'ernie-bot' } } })).toEqual([]);

    const { version } = await authorsOf(B);
    await ok('setArticleAuthors', { article: B, authors: [] });
    expect(await authorsOf(B)).toEqual({ version: version + 1, authors: [] });
    expect((await lastRevision(B)).changes).toEqual([{ field: 'authors', from: ['ada-lovelace'], to: null }]);
    expect(await people({ wrote: { site: 'WECHAT' } })).toEqual([]);
  });
});

describe('deletePerson', () => {
  it('is refused while the person is in a list; with cascade each list keeps the others in order', async () => {
    const { person } = await read('{ person(slug: "ada-lovelace") { id version } }');
    await ok('setArticleAuthors', { article: C, authors: [{ person: 'grace-hopper' }, { person: 'ada-lovelace' }] });
    await refused(() => mutate('deletePerson', { slug: 'ada-lovelace' }), {
      __typename: 'HasDependentsError',
      code: 'HAS_DEPENDENTS',
      message:
        'person "ada-lovelace" has dependents: 2 articles it wrote; delete them first, or pass cascade: true to remove these links too',
      dependents: [{ kind: 'articles it wrote', count: 2, examples: [A, C] }],
    });

    const before = { a: await authorsOf(A), c: await authorsOf(C) };
    const deleted = await ok('deletePerson', { slug: 'ada-lovelace', cascade: true }, 'deletedId slug');
    expect(deleted).toEqual({ __typename: 'DeletePersonPayload', deletedId: person.id, slug: 'ada-lovelace' });
    expect(
      await read('query ($id: ID!) { person(slug: "ada-lovelace") { slug } node(id: $id) { id } }', { id: person.id }),
    ).toEqual({ person: null, node: null });
    expect(await authorsOf(A)).toEqual({
      version: before.a.version + 1,
      authors: [
        [1, 'alan-turing', 'Alan Turing'],
        [2, 'grace-hopper', 'Grace Hopper'],
      ],
    });
    expect((await lastRevision(A)).changes).toEqual([
      {
        field: 'authors',
        from: ['alan-turing', 'ada-lovelace', 'grace-hopper'],
        to: ['alan-turing', 'grace-hopper'],
      },
    ]);
    expect(await authorsOf(C)).toEqual({
      version: before.c.version + 1,
      authors: [[1, 'grace-hopper', 'Grace Hopper']],
    });
  });
});

describe('revert (admin)', () => {
  it("sets a person's name back", async () => {
    const reverted = await ok(
      'revert',
      { entityType: 'PERSON', key: 'quoc-le', toVersion: 1 },
      'entity { __typename ... on Person { slug name nameZh version } }',
      admin,
    );
    expect(reverted.entity).toEqual({
      __typename: 'Person',
      slug: 'quoc-le',
      name: 'Kwok Lee',
      nameZh: '黎国',
      version: 3,
    });
    expect(await people({ name: 'kwok lee' })).toEqual(['quoc-le']);
    expect(await foundPeople('Kwok Lee')).toEqual([{ matchedField: 'NAME', slug: 'quoc-le' }]);
  });

  it("sets an article's list of authors back, each written as the person's name", async () => {
    await ok('setArticleAuthors', {
      article: C,
      authors: [
        { person: 'alan-turing', writtenAs: 'A. M. Turing' },
        { person: 'grace-hopper', writtenAs: 'G. Hopper' },
      ],
    });
    const { version } = await authorsOf(C);
    await ok('setArticleAuthors', { article: C, authors: [{ person: 'wei-li' }] });
    expect((await authorsOf(C)).authors).toEqual([[1, 'wei-li', 'Wei Li']]);
    const reverted = await ok(
      'revert',
      { entityType: 'ARTICLE', key: C, toVersion: version, expectedVersion: version + 1 },
      'entity { __typename ... on Article { url version } }',
      admin,
    );
    expect(reverted.entity).toEqual({ __typename: 'Article', url: C, version: version + 2 });
    expect(await authorsOf(C)).toEqual({
      version: version + 2,
      authors: [
        [1, 'alan-turing', 'Alan Turing'],
        [2, 'grace-hopper', 'Grace Hopper'],
      ],
    });
    expect(await lastRevision(C)).toEqual({
      actor: 'root',
      action: 'UPDATED',
      version: version + 2,
      revertOf: { version },
      changes: [{ field: 'authors', from: ['wei-li'], to: ['alan-turing', 'grace-hopper'] }],
    });
  });
});
