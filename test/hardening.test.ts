/**
 * Issue 9's probe, as a table: every malicious or malformed request a client can send, over real
 * HTTP, with the status and the code it must get, and after each one the server still answers
 * (`/live`, and a point lookup). Bad input of arguments (classes 2-4) has its own file,
 * bad-input.test.ts; the stall (class 1) is in stall.test.ts.
 *
 * Status codes (class 10, README "Status codes"): a request refused before it runs (parse,
 * validation, too many aliases or tokens, too costly, variables too deep) answers 400 to a client
 * that accepts `application/graphql-response+json` and 200 to a legacy `application/json` client,
 * as the GraphQL-over-HTTP spec asks; an argument refused while running is a 200 with `data`;
 * what is not a GraphQL request at all (bad JSON, batching, a body too large, a forged
 * cross-site request, a media type the API does not read) has its own 4xx whatever is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.js';
import { createApp } from '../src/yoga.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('hardening');
});
afterAll(async () => {
  await server?.close();
});

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const JSON_LEGACY = 'application/json';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const repeat = (count: number, make: (index: number) => string) =>
  Array.from({ length: count }, (_, i) => make(i)).join(' ');

type Case = {
  name: string;
  /** The issue's class (1-11), or the probe's OWASP class. */
  class: string;
  method?: 'GET' | 'POST';
  /** Query string of a GET. */
  search?: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  /** The status for `accept: application/graphql-response+json`. */
  status: number;
  /** The status for legacy `accept: application/json`, when it differs. */
  legacyStatus?: number;
  /** `extensions.code` of the first error. */
  code: string;
  /** Part of the first error's message. */
  message?: string;
  /** Path of the first error, when it is raised while executing. */
  path?: (string | number)[];
  argument?: string;
};

const cases: Case[] = [
  // Class 5: every error a client can cause has a code and names its argument.
  {
    name: 'a cursor of another list in a nested connection (claims under sources)',
    class: '5',
    body: json(
      `{ sources(first: 1) { edges { node { claims(first: 1, after: "${base64('OffsetConnection:3')}") { totalCount } } } } }`,
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'after',
    path: ['sources', 'edges', 0, 'node', 'claims'],
  },
  {
    name: 'a cursor shaped right for another list (a claim id given to an organization’s models)',
    class: '5',
    body: json(`{ organization(slug: "baidu") { models(first: 1, after: "${base64('GPC:N:5')}") { totalCount } } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'after',
    path: ['organization', 'models'],
  },
  {
    name: 'a cursor of the wrong id type in a nested connection',
    class: '5',
    body: json(
      `{ sources(first: 1) { edges { node { claims(first: 1, after: "${base64('GPC:S:abc')}") { totalCount } } } } }`,
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'after',
    path: ['sources', 'edges', 0, 'node', 'claims'],
  },
  {
    name: 'a cursor that is not base64 of anything',
    class: '5',
    body: json('{ models(first: 1, before: "zzz") { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'before',
    path: ['models'],
  },
  {
    name: 'a negative offset cursor',
    class: '5',
    body: json(`{ search(query: "gpt", first: 1, after: "${base64('OffsetConnection:-5')}") { totalCount } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'after',
    path: ['search'],
  },
  {
    name: 'a mutation the schema does not have',
    class: '5',
    body: json('mutation { dropEverything }'),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: 'Cannot query field "dropEverything" on type "Mutation"',
  },
  {
    name: 'a subscription of two root fields',
    class: '5',
    body: json('subscription { articleChanged { url } claimChanged { slug } }'),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: 'Anonymous Subscription must select only one top level field.',
  },
  {
    name: 'a global id that is not one',
    class: 'bad ids',
    body: json('{ node(id: "garbage") { id } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'id',
    path: ['node'],
  },
  {
    name: 'a global id of a type that does not exist',
    class: 'bad ids',
    body: json(`{ node(id: "${base64('Nope:1')}") { id } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'id',
    path: ['node'],
  },
  {
    name: 'a global id whose key overflows',
    class: 'bad ids',
    body: json(`{ node(id: "${base64('Model:99999999999999999999999')}") { id } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'id',
    path: ['node'],
  },
  // Found by the fuzzer (test/fuzz.test.ts), with the seed and case that found them.
  {
    name: 'a nested cursor holding a number too large (GPC:N:1e400; seed 42 case 584)',
    class: '5',
    body: json(
      `{ sources(first: 1) { edges { node { claims(first: 1, after: "${base64('GPC:N:1e400')}") { totalCount } } } } }`,
    ),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'after',
    path: ['sources', 'edges', 0, 'node', 'claims'],
  },
  {
    name: 'a negative last in a nested connection (seed 42 case 4143)',
    class: '5',
    body: json('{ sources(first: 1) { edges { node { claims(last: -2147483648) { totalCount } } } } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'last',
    path: ['sources', 'edges', 0, 'node', 'claims'],
  },
  {
    name: 'an offset cursor that is not a number (OffsetConnection:abc; seed 42 case 400)',
    class: '5',
    body: json(`{ search(query: "gpt", first: 1, after: "${base64('OffsetConnection:abc')}") { totalCount } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    argument: 'after',
    path: ['search'],
  },
  {
    name: 'a variable that does not coerce (5.5 for an Int; seed 42 case 1630)',
    class: '5',
    body: json('query ($a: Int) { models(first: $a) { totalCount } }', { a: 5.5 }),
    status: 400,
    legacyStatus: 200,
    code: 'BAD_USER_INPUT',
    message: 'Variable "$a" got invalid value 5.5',
  },
  {
    name: 'a list literal nested 2000 deep (the parser recursed out of stack; seed 1 case 18)',
    class: 'depth',
    body: json(`{ models(filter: { slugIn: ${'['.repeat(2000)}"a"${']'.repeat(2000)} }) { totalCount } }`),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_PARSE_FAILED',
    message: 'Document nested more than 64 levels deep',
  },
  // Class 6: cross-site requests a browser sends without a preflight.
  {
    name: 'a form POST (application/x-www-form-urlencoded)',
    class: '6',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `query=${encodeURIComponent('{ __typename }')}`,
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'a text/plain POST of JSON',
    class: '6',
    headers: { 'content-type': 'text/plain' },
    body: json('{ __typename }'),
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'a multipart POST (an upload)',
    class: '6',
    headers: {},
    body: (() => {
      const form = new FormData();
      form.set('operations', json('{ __typename }'));
      form.set('map', '{}');
      return form;
    })(),
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'a multipart POST with the CSRF header: no uploads',
    class: '6',
    headers: { 'x-graphql-yoga-csrf': '1' },
    body: (() => {
      const form = new FormData();
      form.set('operations', json('{ __typename }'));
      return form;
    })(),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a GET without the CSRF header',
    class: '6',
    method: 'GET',
    search: `query=${encodeURIComponent('{ __typename }')}`,
    status: 403,
    code: 'CSRF_PREVENTED',
  },
  {
    name: 'a POST of XML',
    class: '6',
    headers: { 'content-type': 'application/xml' },
    body: '<query/>',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  // Class 10 and the probe's document classes: refused before anything runs.
  {
    name: 'a document that does not parse',
    class: '10',
    body: json('{ models('),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'an unknown field',
    class: '10',
    body: json('{ nope }'),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'too many aliases',
    class: 'aliases',
    body: json(`{ ${repeat(16, (i) => `a${i}: overview { models }`)} }`),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: 'Aliases limit of 15 exceeded',
  },
  {
    name: 'field duplication (900 copies of one field)',
    class: 'field duplication',
    body: json(`{ ${repeat(900, () => 'overview { models }')} }`),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_PARSE_FAILED',
    message: 'Token limit of 3000 exceeded',
  },
  {
    name: 'directive overload (500 @include on one field)',
    class: 'directive overload',
    body: json(`{ __typename ${repeat(500, () => '@include(if: true)')} }`),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_PARSE_FAILED',
    message: 'Token limit of 3000 exceeded',
  },
  {
    name: 'a fragment cycle',
    class: 'fragment cycles',
    body: json('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a query nested deeper than 12',
    class: 'depth',
    body: json(
      '{ model(slug: "gpt-3") { lineage { model { lineage { model { lineage { model { lineage { model { lineage { model { lineage { model { slug } } } } } } } } } } } } } }',
    ),
    status: 400,
    legacyStatus: 200,
    code: 'QUERY_TOO_COMPLEX',
    message: 'Query too deep',
  },
  {
    name: 'pages of pages of pages (cost)',
    class: '10',
    body: json(
      '{ models(first: 100) { edges { node { articles(first: 100) { edges { node { models(first: 100) { totalCount } } } } } } } }',
    ),
    status: 400,
    legacyStatus: 200,
    code: 'QUERY_TOO_COMPLEX',
    message: 'Query too complex',
  },
  {
    name: "the probe's stall: 15 aliases of 33 topics with their descendants and facets (31-65 s before)",
    class: '1',
    body: json(
      `query P($f: ModelFilter) { ${repeat(15, (i) => `a${i}: models(first: 0, filter: $f) { totalCount facets { countries { count } } }`)} }`,
      { f: { or: Array.from({ length: 33 }, (_, i) => ({ topic: { slug: `t${i}`, includeDescendants: true } })) } },
    ),
    status: 400,
    legacyStatus: 200,
    code: 'QUERY_TOO_COMPLEX',
    message: 'Query too complex',
  },
  {
    name: 'a filter of 99 relation conditions (tasks) with facets',
    class: '1',
    body: json('query T($f: ModelFilter) { models(first: 0, filter: $f) { totalCount facets { tasks { count } } } }', {
      f: { or: Array.from({ length: 99 }, (_, i) => ({ task: `task ${i}` })) },
    }),
    status: 400,
    legacyStatus: 200,
    code: 'QUERY_TOO_COMPLEX',
    message: 'Query too complex',
  },
  {
    name: 'introspection that loops through types (fields { type { fields ...)',
    class: 'introspection abuse',
    body: json(`{ __schema { types { ${'fields { type { '.repeat(3)}name${' } }'.repeat(3)} } } }`),
    status: 400,
    legacyStatus: 200,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: 'Maximum introspection depth exceeded',
  },
  {
    name: 'a variable of the wrong type',
    class: '10',
    body: json('query M($n: Int) { models(first: $n) { totalCount } }', { n: 'ten' }),
    status: 400,
    legacyStatus: 200,
    code: 'BAD_USER_INPUT',
  },
  // Not GraphQL requests at all: the same status whatever the client accepts.
  {
    name: 'a body that is not JSON',
    class: 'malformed',
    body: '{"query": ',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'no query',
    class: 'malformed',
    body: '{}',
    status: 400,
    // Yoga counts a missing query among request errors, as the spec's legacy rule for JSON.
    legacyStatus: 200,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a batch (an array of operations)',
    class: 'batching',
    body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a body over 100 kB',
    class: 'huge bodies',
    body: json('{ __typename }', { padding: 'x'.repeat(200_000) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'two operations and no operationName',
    class: 'malformed',
    body: json('query A { __typename } query B { __typename }'),
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
];

async function send(testCase: Case, accept: string) {
  const method = testCase.method ?? 'POST';
  const headers: Record<string, string> = { accept };
  if (method === 'POST' && typeof testCase.body === 'string') headers['content-type'] = 'application/json';
  Object.assign(headers, testCase.headers);
  const response = await fetch(`${server.url}/graphql${testCase.search ? `?${testCase.search}` : ''}`, {
    method,
    headers,
    body: method === 'POST' ? testCase.body : undefined,
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as { data?: unknown; errors?: Record<string, never>[] },
  };
}

/** The server still answers: the process is up and a point lookup reads the database. */
async function expectHealthy() {
  expect((await fetch(`${server.url}/live`)).status).toBe(200);
  const lookup = await server.graphql('{ model(slug: "gpt-3") { slug } }');
  expect(lookup.body).toEqual({ data: { model: { slug: 'gpt-3' } } });
}

describe.each([GRAPHQL_RESPONSE, JSON_LEGACY])('refused with a status and a code, accept %s', (accept) => {
  it.each(cases.map((testCase) => [`${testCase.class}: ${testCase.name}`, testCase] as const))(
    '%s',
    async (_, testCase) => {
      const { status, text, body } = await send(testCase, accept);
      expect(status).toBe(accept === JSON_LEGACY ? (testCase.legacyStatus ?? testCase.status) : testCase.status);
      const [error] = body.errors ?? [];
      expect(error?.extensions).toMatchObject({ code: testCase.code });
      if (testCase.message) expect(error?.message).toContain(testCase.message);
      if (testCase.argument) {
        expect(error?.extensions).toMatchObject({ argument: testCase.argument });
        expect(error?.message).toContain(`"${testCase.argument}"`);
      }
      if (testCase.path) expect(error?.path).toEqual(testCase.path);
      // Nothing of the inside leaks.
      expect(text).not.toMatch(/ {4}at |node_modules|prisma|sqlite|Invalid `/i);
      expect(text).not.toContain('Unexpected error.');
      await expectHealthy();
    },
  );
});

describe('a name that matches nothing (Pothos found the planned query unused; seed 20261202 case 23)', () => {
  it.each(['model', 'topic', 'organization'])('%s(name:) with a relation selected answers null', async (field) => {
    const relation =
      field === 'topic' ? 'children { slug }' : field === 'model' ? 'children { kind }' : 'children { slug }';
    const { status, body } = await server.graphql(`{ ${field}(name: "no such name") { ${relation} } }`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { [field]: null } });
  });
});

describe('injection reaches no statement as code', () => {
  it.each([
    ['search', '{ search(query: "\' OR 1=1 --") { totalCount } }', { search: { totalCount: 0 } }],
    ['search with FTS syntax', '{ search(query: "NEAR(a b) * ^ \\"") { totalCount } }', { search: { totalCount: 0 } }],
    ['slug', '{ model(slug: "x\\" OR 1=1 --") { slug } }', { model: null }],
    ['slug list', '{ models(filter: { slugIn: ["gpt-3\') OR (1=1"] }) { totalCount } }', { models: { totalCount: 0 } }],
  ])('%s', async (_, query, data) => {
    const { status, body } = await server.graphql(query);
    expect(status).toBe(200);
    expect(body).toEqual({ data });
    await expectHealthy();
  });
});

describe('CORS (class 6)', () => {
  const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
    app.fetch('http://atlas/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('lets any page read the public API by default, never with credentials', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' },
      body: json('{ __typename }'),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://elsewhere.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers a preflight with the methods and headers the API reads', async () => {
    const response = await preflight(createApp(server.database), 'https://elsewhere.example');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-graphql-yoga-csrf');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets no page elsewhere send a token by default; the origins CORS_ORIGINS lists may', async () => {
    const withToken = (app: ReturnType<typeof createApp>, origin: string) =>
      app.fetch('http://atlas/graphql', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const open = await withToken(createApp(server.database), 'https://elsewhere.example');
    expect(open.headers.get('access-control-allow-headers')?.split(', ')).not.toContain('authorization');
    const listed = await withToken(
      createApp(server.database, { corsOrigins: ['https://editor.example'] }),
      'https://editor.example',
    );
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://editor.example');
    expect(listed.headers.get('access-control-allow-headers')?.split(', ')).toContain('authorization');
  });

  it('with CORS_ORIGINS, allows the listed origins only', async () => {
    const app = createApp(server.database, { corsOrigins: ['https://a.example', 'https://b.example'] });
    const listed = await preflight(app, 'https://b.example');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://b.example');
    const other = await preflight(app, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBe('null');
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('a GET with the CSRF header, and GraphiQL in a browser, still work', async () => {
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ model(slug: "gpt-3") { slug } }')}`, {
      headers: { 'x-graphql-yoga-csrf': '1', accept: GRAPHQL_RESPONSE },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { model: { slug: 'gpt-3' } } });
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>llm-atlas</title>');
  });
});

describe('CORS_ORIGINS is checked at start', () => {
  it.each([
    ['', ['*']],
    ['*', ['*']],
    ['https://a.example, https://b.example:8443', ['https://a.example', 'https://b.example:8443']],
  ])('"%s" allows %j', (value, origins) => {
    expect(readEnv({ CORS_ORIGINS: value }).corsOrigins).toEqual(origins);
  });

  it.each(['https://a.example/', 'a.example', 'ftp://a.example', 'https://a.example/path'])('refuses "%s"', (value) => {
    expect(() => readEnv({ CORS_ORIGINS: value })).toThrow(
      `CORS_ORIGINS must be * or origins like https://atlas.example (scheme and host, no path or trailing slash), separated by commas; got "${value}"`,
    );
  });
});
