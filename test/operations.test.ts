/**
 * Running the server in production (issue 9, class 11): settings read and checked at start,
 * request ids, JSON access and error logs, Prometheus metrics, the per-client rate limit, the
 * in-flight cap, and what the schema tells a stranger (GraphiQL, introspection, suggestions).
 * Each over real HTTP on its own seeded SQLite file, with the log captured from pino.
 */
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../seed/curated/import.js';
import { readEnv, SETTINGS, SettingsError } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import { createRateLimiter, rateLimitKey } from '../src/plugins/use-rate-limit.js';
import { type AppOptions, createApp } from '../src/yoga.js';
import { breakDatabase, createTestDatabase, type TestDatabase } from './helpers/database.js';

type LogLine = Record<string, unknown> & { level: string; msg: string };

type Served = {
  url: string;
  /** Every line the app logged, parsed. */
  log: LogLine[];
  /** The raw lines, as written. */
  rawLog: string[];
  post(query: string, init?: { headers?: Record<string, string>; operationName?: string }): Promise<Response>;
  close(): Promise<void>;
};

/** Serves `createApp(database, options)` on a random port, logging at `info` into memory. */
async function serve(database: TestDatabase, options: AppOptions = {}): Promise<Served> {
  const rawLog: string[] = [];
  const logger = createLogger(options.logLevel ?? 'info', { write: (line: string) => rawLog.push(line) });
  const server: Server = createServer(createApp(database.database, { logger, ...options }));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    rawLog,
    get log() {
      return rawLog.map((line) => JSON.parse(line) as LogLine);
    },
    post(query, init = {}) {
      return fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...init.headers },
        body: JSON.stringify({ query, operationName: init.operationName }),
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Access lines (msg "request") of the log. */
const accessLines = (served: Served) => served.log.filter((line) => line.msg === 'request');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('operations');
  await seedDatabase(database.database);
});
afterAll(async () => {
  await database?.cleanup();
});

const MODEL_BY_SLUG = /* GraphQL */ `query ModelBySlug { model(slug: "gpt-3") { slug developers { organization { slug } } } }`;

describe('request ids', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(database);
  });
  afterAll(() => served.close());

  it('echoes an acceptable x-request-id and logs under it', async () => {
    const response = await served.post('{ __typename }', { headers: { 'x-request-id': 'client-42.abc' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('client-42.abc');
    expect(accessLines(served).at(-1)?.requestId).toBe('client-42.abc');
  });

  it('generates one when the request has none, or one that is unprintable or too long', async () => {
    for (const incoming of [undefined, 'has space', 'x'.repeat(129), 'é']) {
      const response = await served.post('{ __typename }', {
        headers: incoming === undefined ? {} : { 'x-request-id': incoming },
      });
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(accessLines(served).at(-1)?.requestId).toBe(id);
    }
    // 128 printable characters are kept.
    const long = 'y'.repeat(128);
    const response = await served.post('{ __typename }', { headers: { 'x-request-id': long } });
    expect(response.headers.get('x-request-id')).toBe(long);
  });

  it('gives every response one, refusals and probes included', async () => {
    const health = await fetch(`${served.url}/health`);
    expect(health.headers.get('x-request-id')).toBeTruthy();
    const live = await fetch(`${served.url}/live`, { headers: { 'x-request-id': 'probe-1' } });
    expect(live.headers.get('x-request-id')).toBe('probe-1');
  });
});

describe('access log', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(database);
  });
  afterAll(() => served.close());

  it('writes one JSON line per request with id, method, path, status, operation, duration and statements', async () => {
    const before = served.rawLog.length;
    database.queries.length = 0;
    const response = await served.post(MODEL_BY_SLUG, { headers: { 'x-request-id': 'log-1' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { model: { slug: 'gpt-3', developers: [{ organization: { slug: 'openai' } }] } },
    });
    const statements = database.queries.length;
    expect(statements).toBeGreaterThan(0);

    const lines = served.rawLog.slice(before);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      requestId: 'log-1',
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'ModelBySlug',
      operationType: 'query',
      durationMs: expect.any(Number),
      // Exactly the statements the database saw for this request.
      statements,
      statementMs: expect.any(Number),
      client: '127.0.0.1',
    });
    expect(line.durationMs).toBeGreaterThanOrEqual(line.statementMs);
  });

  it('names the error codes of a failed request, and counts no statement for one that never ran', async () => {
    const before = served.rawLog.length;
    const response = await served.post('{ model(slug: "gpt-3") { nonsense } }');
    expect(response.status).toBe(400);
    const [line] = served.rawLog.slice(before).map((raw) => JSON.parse(raw));
    expect(line).toMatchObject({ status: 400, statements: 0, errors: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(line.operation).toBeUndefined();
  });

  it('logs probes at debug only', async () => {
    const before = served.rawLog.length;
    expect((await fetch(`${served.url}/health`)).status).toBe(200);
    expect((await fetch(`${served.url}/metrics`)).status).toBe(200);
    expect(served.rawLog.length).toBe(before);

    const verbose = await serve(database, { logLevel: 'debug' });
    try {
      await fetch(`${verbose.url}/health`);
      expect(verbose.log.filter((line) => line.msg === 'request')).toEqual([
        expect.objectContaining({ level: 'debug', path: '/health', status: 200 }),
      ]);
    } finally {
      await verbose.close();
    }
  });

  it('writes nothing at LOG_LEVEL=silent', async () => {
    const quiet = await serve(database, { logLevel: 'silent' });
    try {
      await quiet.post(MODEL_BY_SLUG);
      expect(quiet.rawLog).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});

describe('unexpected errors', () => {
  it('are logged as one JSON line with the request id, the cause and its stack, and answered masked', async () => {
    const broken = await createTestDatabase('operations-broken');
    const served = await serve(broken);
    try {
      // A database that is no longer there: every statement fails.
      await breakDatabase(broken);
      const response = await served.post('{ models { totalCount } }', { headers: { 'x-request-id': 'broken-1' } });
      expect(await response.json()).toMatchObject({
        errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      for (const raw of served.rawLog) {
        expect(raw.endsWith('\n')).toBe(true);
        expect(raw.slice(0, -1)).not.toContain('\n');
        expect(raw).not.toContain('\u001b[');
      }
      const errors = served.log.filter((line) => line.level === 'error');
      expect(errors).toHaveLength(1);
      for (const line of errors) {
        expect(line).toMatchObject({
          requestId: 'broken-1',
          path: 'models.totalCount',
          err: { message: expect.any(String), stack: expect.stringContaining('\n    at ') },
        });
      }
      expect(accessLines(served).at(-1)).toMatchObject({
        requestId: 'broken-1',
        status: 200,
        errors: ['INTERNAL_SERVER_ERROR'],
      });
    } finally {
      await served.close();
      await broken.cleanup();
    }
  });
});

/** Prometheus text into `series → value`, e.g. `llm_atlas_db_statements_total` or `name{a="b"}`. */
function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\S+?(?:\{.*\})?) (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample: ${line}`);
    values.set(match[1] as string, Number(match[2]));
  }
  return values;
}

describe('/metrics', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(database);
  });
  afterAll(() => served.close());

  async function scrape(url = served.url): Promise<Map<string, number>> {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseMetrics(await response.text());
  }
  const get = (metrics: Map<string, number>, series: string) => metrics.get(series) ?? 0;

  it('counts requests, latency, errors by code and SQL statements', async () => {
    const before = await scrape();
    database.queries.length = 0;
    for (let i = 0; i < 3; i++) expect((await served.post(MODEL_BY_SLUG)).status).toBe(200);
    const statements = database.queries.length;
    expect((await served.post('{ model(slug: "gpt-3") { nonsense } }')).status).toBe(400);
    const after = await scrape();

    const ok = 'llm_atlas_http_requests_total{route="graphql",operation_type="query",status="200"}';
    expect(get(after, ok) - get(before, ok)).toBe(3);
    const invalid = 'llm_atlas_http_requests_total{route="graphql",operation_type="none",status="400"}';
    expect(get(after, invalid) - get(before, invalid)).toBe(1);
    const count = 'llm_atlas_http_request_duration_seconds_count{route="graphql",operation_type="query"}';
    expect(get(after, count) - get(before, count)).toBe(3);
    const slowest = 'llm_atlas_http_request_duration_seconds_bucket{le="+Inf",route="graphql",operation_type="query"}';
    expect(get(after, slowest) - get(before, slowest)).toBe(3);
    const validation = 'llm_atlas_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}';
    expect(get(after, validation) - get(before, validation)).toBe(1);
    expect(get(after, 'llm_atlas_db_statements_total') - get(before, 'llm_atlas_db_statements_total')).toBe(statements);
    expect(get(after, 'llm_atlas_db_statement_seconds_total')).toBeGreaterThan(
      get(before, 'llm_atlas_db_statement_seconds_total'),
    );
    expect(get(after, 'llm_atlas_db_statements_per_request_count')).toBe(
      get(before, 'llm_atlas_db_statements_per_request_count') + 4,
    );
    // The scrape itself is the one request in flight.
    expect(get(after, 'llm_atlas_http_requests_in_flight')).toBe(1);
    // Node's own metrics come along.
    expect(after.has('process_resident_memory_bytes')).toBe(true);
    expect(after.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('has no label a client chooses', async () => {
    await served.post(MODEL_BY_SLUG, { operationName: 'ModelBySlug' });
    await fetch(`${served.url}/some/${'x'.repeat(40)}`);
    const text = await (await fetch(`${served.url}/metrics`)).text();
    expect(text).not.toContain('ModelBySlug');
    expect(text).not.toContain('xxxxxxxx');
    expect(text).toContain('route="other"');
  });

  it('is not served with METRICS=false', async () => {
    const off = await serve(database, { metrics: false });
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client has spent its requests', async () => {
    const served = await serve(database, { rateLimitPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await served.post('{ __typename }')).status).toBe(200);
      const refused = await served.post('{ __typename }', { headers: { 'x-request-id': 'limited-1' } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toBe('application/json; charset=utf-8');
      // One token comes back every 20 s at 3 a minute.
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 20).toBe(true);
      expect(await refused.json()).toEqual({
        errors: [
          {
            message: `Too many requests: at most 3 a minute from one client; retry in ${retryAfter} s.`,
            extensions: { code: 'RATE_LIMITED' },
          },
        ],
      });
      expect(accessLines(served).at(-1)).toMatchObject({
        requestId: 'limited-1',
        status: 429,
        errors: ['RATE_LIMITED'],
      });
      // GraphiQL is covered too; probes and metrics are not.
      expect((await fetch(`${served.url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(429);
      for (const path of ['/health', '/live', '/metrics']) {
        expect((await fetch(`${served.url}${path}`)).status).toBe(200);
      }
      const metrics = parseMetrics(await (await fetch(`${served.url}/metrics`)).text());
      expect(metrics.get('llm_atlas_graphql_errors_total{code="RATE_LIMITED"}')).toBe(2);
    } finally {
      await served.close();
    }
  });

  it('keys clients by X-Forwarded-For only behind a trusted proxy', async () => {
    const trusting = await serve(database, { rateLimitPerMinute: 1, trustProxy: 1 });
    const naive = await serve(database, { rateLimitPerMinute: 1 });
    try {
      const from = (address: string) => ({ headers: { 'x-forwarded-for': `6.6.6.6, ${address}` } });
      // Behind one proxy the client is the right-most entry; the left one is the client's own claim.
      expect((await trusting.post('{ __typename }', from('10.0.0.1'))).status).toBe(200);
      expect((await trusting.post('{ __typename }', from('10.0.0.1'))).status).toBe(429);
      expect((await trusting.post('{ __typename }', from('10.0.0.2'))).status).toBe(200);
      expect(accessLines(trusting).at(-1)?.client).toBe('10.0.0.2');
      // Without a trusted proxy the header is ignored: every request here is 127.0.0.1.
      expect((await naive.post('{ __typename }', from('10.0.0.1'))).status).toBe(200);
      expect((await naive.post('{ __typename }', from('10.0.0.2'))).status).toBe(429);
      expect(accessLines(naive).at(-1)?.client).toBe('127.0.0.1');
    } finally {
      await trusting.close();
      await naive.close();
    }
  });

  it('keys IPv4 by address and IPv6 by /64 network', () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('2001:db8:85a3:1:8a2e:370:7334:1')).toBe('2001:db8:85a3:1::/64');
    expect(rateLimitKey('2001:0db8:85a3:0001::2')).toBe('2001:db8:85a3:1::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    // Not an address (a proxy wrote something else): its own bucket, as written.
    expect(rateLimitKey('unknown')).toBe('unknown');
  });

  it('refills a token every 60/n seconds and forgets the oldest clients past its bound', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 6, maxClients: 2, now: () => now });
    for (let i = 0; i < 6; i++) expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now = 4_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    now = 10_000;
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    // Two more clients: "a", the oldest, is dropped and starts again with a full bucket.
    expect(limiter.take('b')).toEqual({ allowed: true });
    expect(limiter.take('c')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: true });
  });
});

/**
 * Opens a POST whose body is sent only when `finish` is called: the server has admitted it (its
 * headers arrived) and waits for the rest, so it stays in flight as long as the test wants.
 */
function heldRequest(url: string): { finish(): Promise<number> } {
  const body = JSON.stringify({ query: '{ __typename }' });
  const request = httpRequest(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const status = new Promise<number>((resolve, reject) => {
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
  });
  request.write(body.slice(0, 5));
  return {
    finish() {
      request.end(body.slice(5));
      return status;
    },
  };
}

describe('in-flight cap', () => {
  it('answers 503 SERVER_BUSY at once while MAX_IN_FLIGHT requests run, and admits again after', async () => {
    const served = await serve(database, { maxInFlight: 2 });
    try {
      const held = [heldRequest(served.url), heldRequest(served.url)];
      // Wait until the server counts both (the scrape is the third request in flight).
      let inFlight = 0;
      for (let attempt = 0; attempt < 500 && inFlight < 3; attempt++) {
        const metrics = parseMetrics(await (await fetch(`${served.url}/metrics`)).text());
        inFlight = metrics.get('llm_atlas_http_requests_in_flight') ?? 0;
      }
      expect(inFlight).toBe(3);

      const refused = await served.post(MODEL_BY_SLUG);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toEqual({
        errors: [
          {
            message: 'The server is handling 2 requests at once, its limit; retry in a second.',
            extensions: { code: 'SERVER_BUSY' },
          },
        ],
      });
      expect(accessLines(served).at(-1)).toMatchObject({ status: 503, statements: 0, errors: ['SERVER_BUSY'] });
      // Probes still answer.
      expect((await fetch(`${served.url}/health`)).status).toBe(200);

      expect(await Promise.all(held.map((request) => request.finish()))).toEqual([200, 200]);
      expect((await served.post(MODEL_BY_SLUG)).status).toBe(200);
    } finally {
      await served.close();
    }
  });
});

describe('what the schema tells a stranger', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';
  const TYPO = '{ model(slug: "gpt-3") { slg } }';

  it('answers introspection when on, refuses it with a code when off', async () => {
    const on = await serve(database, { introspection: true });
    const off = await serve(database, { graphiql: false, introspection: false });
    try {
      const allowed = await on.post(INTROSPECTION);
      expect(await allowed.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      const refused = await off.post(INTROSPECTION);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        errors: [
          {
            locations: [{ line: 1, column: 3 }],
            message: 'Introspection is turned off on this server: "__schema" cannot be queried.',
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      });
      expect(await (await off.post('{ __type(name: "Model") { name } }')).json()).toMatchObject({
        errors: [{ message: 'Introspection is turned off on this server: "__type" cannot be queried.' }],
      });
      expect(await (await off.post('{ __typename }')).json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await on.close();
      await off.close();
    }
  });

  it('suggests field names when on, not when off', async () => {
    const on = await serve(database, { fieldSuggestions: true });
    const off = await serve(database, { fieldSuggestions: false });
    try {
      expect((await (await on.post(TYPO)).json()).errors[0].message).toBe(
        'Cannot query field "slg" on type "Model". Did you mean "slug"?',
      );
      const hidden = await off.post(TYPO);
      expect(hidden.status).toBe(400);
      expect(await hidden.json()).toMatchObject({
        errors: [
          { message: 'Cannot query field "slg" on type "Model".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ],
      });
      // Arguments and enum values in variables are covered too.
      const argument = await (await off.post('{ model(slg: "gpt-3") { slug } }')).json();
      expect(JSON.stringify(argument)).not.toContain('Did you mean');
      const enumValue = await fetch(`${off.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'query($d: SortDirection!) { models(first: 1, orderBy: { field: NAME, direction: $d }) { totalCount } }',
          variables: { d: 'ASCC' },
        }),
      });
      expect(JSON.stringify(await enumValue.json())).not.toContain('Did you mean');
    } finally {
      await on.close();
      await off.close();
    }
  });

  it('serves GraphiQL when on; when off a browser gets the GraphQL endpoint', async () => {
    const on = await serve(database, { graphiql: true });
    const off = await serve(database, { graphiql: false, introspection: false });
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    try {
      const page = await fetch(`${on.url}/graphql`, { headers: browser });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<title>llm-atlas</title>');
      const none = await fetch(`${off.url}/graphql`, { headers: browser });
      expect(none.headers.get('content-type')).toBe('application/json; charset=utf-8');
      // A bare GET could be forged by another site's page: refused before anything is read.
      expect(none.status).toBe(403);
      expect(await none.json()).toMatchObject({ errors: [{ extensions: { code: 'CSRF_PREVENTED' } }] });
    } finally {
      await on.close();
      await off.close();
    }
  });

  it('in production by default: GraphiQL and introspection on, suggestions off', async () => {
    const production = readEnv({ NODE_ENV: 'production' });
    const served = await serve(database, production);
    try {
      expect((await fetch(`${served.url}/graphql`, { headers: { accept: 'text/html' } })).status).toBe(200);
      expect((await served.post(INTROSPECTION)).status).toBe(200);
      expect(JSON.stringify(await (await served.post(TYPO)).json())).not.toContain('Did you mean');
    } finally {
      await served.close();
    }
  });
});

describe('settings', () => {
  it('has development and production defaults', () => {
    const { database: _development, ...development } = readEnv({});
    expect(development).toEqual({
      production: false,
      port: 4000,
      host: '0.0.0.0',
      logLevel: 'info',
      graphiql: true,
      introspection: true,
      fieldSuggestions: true,
      rateLimitPerMinute: 600,
      maxInFlight: 64,
      trustProxy: 0,
      metrics: true,
      corsOrigins: ['*'],
      executionWorkers: 2,
      requestTimeoutMs: 5000,
      workerHeapMb: 0,
      responseCacheMb: 64,
      redisUrl: null,
      redisPrefix: 'llm-atlas:',
      pgPoolSize: 10,
      pgPoolTimeoutMs: 2000,
      pgStatementTimeoutMs: 15000,
      databaseReplicas: '',
    });
    // The pool's settings travel with a PostgreSQL database's (to the execution workers too).
    expect(
      readEnv({ DATABASE_URL: 'postgresql://atlas@db.example/graph', PG_POOL_SIZE: '4', PG_POOL_TIMEOUT_MS: '250' })
        .database,
    ).toEqual({
      provider: 'postgresql',
      url: 'postgresql://atlas@db.example/graph',
      schema: 'public',
      label: 'postgresql://atlas@db.example/graph (schema public)',
      pool: { size: 4, connectionTimeoutMs: 250, statementTimeoutMs: 15000 },
    });
    // Replicas: the primary's schema unless named, its pool settings, their passwords hidden in labels.
    expect(
      readEnv({
        DATABASE_URL: 'postgresql://atlas@db.example/graph?schema=atlas',
        DATABASE_REPLICA_URLS:
          'postgresql://reader:secret@replica-1.example/graph, postgres://replica-2.example/graph?schema=copy',
      }).database,
    ).toMatchObject({
      schema: 'atlas',
      replicas: [
        {
          provider: 'postgresql',
          url: 'postgresql://reader:secret@replica-1.example/graph',
          schema: 'atlas',
          label: 'replica postgresql://reader:***@replica-1.example/graph (schema atlas)',
          pool: { size: 10, connectionTimeoutMs: 2000, statementTimeoutMs: 15000 },
        },
        { url: 'postgres://replica-2.example/graph', schema: 'copy' },
      ],
    });
    expect(() => readEnv({ DATABASE_REPLICA_URLS: 'postgresql://replica.example/graph' })).toThrow(
      'DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL',
    );
    expect(() =>
      readEnv({ DATABASE_URL: 'postgresql://atlas@db.example/graph', DATABASE_REPLICA_URLS: 'file:./replica.db' }),
    ).toThrow('DATABASE_REPLICA_URLS: "file:./replica.db" is not a PostgreSQL URL');
    expect(() => readEnv({ PG_POOL_SIZE: '0' })).toThrow('PG_POOL_SIZE must be a number of connections');
    expect(readEnv({ WORKER_HEAP_MB: '192' }).workerHeapMb).toBe(192);
    expect(() => readEnv({ WORKER_HEAP_MB: '1.5' })).toThrow('WORKER_HEAP_MB must be megabytes, 0 for no bound');
    expect(() => readEnv({ WORKER_HEAP_MB: '32' })).toThrow(
      'WORKER_HEAP_MB must be 0 (no bound) or at least 64 megabytes',
    );
    expect(() => readEnv({ REDIS_URL: 'localhost:6379' })).toThrow('REDIS_URL must be a redis:// or rediss:// URL');
    expect(readEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379' });
    expect(readEnv({ NODE_ENV: 'production' })).toMatchObject({
      production: true,
      graphiql: true,
      introspection: true,
      fieldSuggestions: false,
      rateLimitPerMinute: 600,
    });
    // Introspection follows GraphiQL in production, and can be set on its own.
    expect(readEnv({ NODE_ENV: 'production', GRAPHIQL: 'false' })).toMatchObject({ introspection: false });
    expect(readEnv({ NODE_ENV: 'production', GRAPHIQL: 'off', INTROSPECTION: 'on' })).toMatchObject({
      introspection: true,
    });
    expect(readEnv({ GRAPHIQL: 'false' })).toMatchObject({ introspection: true });
  });

  it('reads the values it documents', () => {
    expect(
      readEnv({
        PORT: '8080',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'WARN',
        FIELD_SUGGESTIONS: '0',
        RATE_LIMIT_PER_MINUTE: '0',
        MAX_IN_FLIGHT: '8',
        TRUST_PROXY: 'true',
        METRICS: 'no',
        NODE_ENV: 'test',
      }),
    ).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'warn',
      fieldSuggestions: false,
      rateLimitPerMinute: 0,
      maxInFlight: 8,
      trustProxy: 1,
      metrics: false,
    });
    expect(readEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(readEnv({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    // Empty is unset.
    expect(readEnv({ PORT: '', GRAPHIQL: '' })).toMatchObject({ port: 4000, graphiql: true });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a TCP port number (a whole number from 0 to 65535), got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be a TCP port number (a whole number from 0 to 65535), got "70000"'],
    [
      { NODE_ENV: 'prod' },
      'NODE_ENV must be production, development or test (production picks the safe defaults), got "prod"',
    ],
    [
      { DATABASE_URL: 'postgresql://localhost' },
      'DATABASE_URL names no PostgreSQL database: expected postgresql://user:password@host:5432/database',
    ],
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    ],
    [{ GRAPHIQL: 'maybe' }, 'GRAPHIQL must be true or false, got "maybe"'],
    [{ FIELD_SUGGESTIONS: 'y' }, 'FIELD_SUGGESTIONS must be true or false, got "y"'],
    [{ METRICS: '2' }, 'METRICS must be true or false, got "2"'],
    [
      { RATE_LIMIT_PER_MINUTE: '-1' },
      'RATE_LIMIT_PER_MINUTE must be requests per minute, 0 for no limit (a whole number from 0 to 1000000), got "-1"',
    ],
    [
      { MAX_IN_FLIGHT: '1.5' },
      'MAX_IN_FLIGHT must be a number of requests, 0 for no cap (a whole number from 0 to 100000), got "1.5"',
    ],
    [
      { TRUST_PROXY: 'always' },
      'TRUST_PROXY must be true, false or a number of proxies (a whole number from 0 to 10), got "always"',
    ],
    [
      { INTROSPECTION: 'false' },
      'INTROSPECTION=false needs GRAPHIQL=false: GraphiQL reads the schema by introspection (set both, or neither)',
    ],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => readEnv(env)).toThrow(new SettingsError([message]));
  });

  it('names every bad value at once, one line each', () => {
    try {
      readEnv({ PORT: 'x', GRAPHIQL: 'x', MAX_IN_FLIGHT: 'x' });
      expect.unreachable();
    } catch (error) {
      expect((error as SettingsError).problems.map((line) => line.split(' ')[0])).toEqual([
        'PORT',
        'GRAPHIQL',
        'MAX_IN_FLIGHT',
      ]);
      expect((error as Error).message.split('\n')).toHaveLength(3);
    }
  });

  it('are all listed in the README under "Running in production"', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Running in production'));
    expect(section.length).toBeLessThan(readme.length);
    for (const setting of SETTINGS) expect(section).toContain(`| \`${setting.variable}\` |`);
  });
});
