/**
 * Issue 11, first slice: editors' tokens. `npm run token` creates (shown once, only a hash
 * kept), lists and revokes them; a request's `Authorization: Bearer` token says who it acts as
 * (`viewer`). A malformed, unknown, wrong or revoked token is refused alike; reads need none.
 * Mutations, which will require the tokens, come in the next slices.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../seed/curated/import.js';
import { ExecutionPool } from '../src/execution/pool.js';
import { createApp } from '../src/yoga.js';
import { createTestDatabase, TEST_DATABASE } from './helpers/database.js';
import { type PreparedDatabase, prepareDatabaseFile } from './helpers/prepared.js';
import { ROOT } from './helpers/process.js';
import { serveTestDatabase, type TestServer } from './helpers/server.js';

const TOKEN = /^atlas_(\d+)_([A-Za-z0-9_-]{43})$/;

/** Runs `npm run token -- <args>` on a database file, as a user does. */
function token(path: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run.mjs'), 'scripts/token.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${path}`, DEBUG: '' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

// The command line works on a SQLite file of its own in either project: run once, on SQLite.
describe.skipIf(TEST_DATABASE !== 'sqlite')('npm run token', () => {
  let prepared: PreparedDatabase;
  let path: string;
  beforeAll(async () => {
    prepared = await prepareDatabaseFile('tokens-cli');
    path = prepared.copy('cli');
  }, 60_000);
  afterAll(() => prepared?.cleanup());

  it('creates a token shown once, keeps only its hash, lists without secrets, revokes', () => {
    const created = token(path, 'create', '--name', 'alice', '--role', 'editor');
    expect(created).toMatchObject({ status: 0, stderr: '' });
    const [intro, value] = created.stdout.split('\n');
    expect(intro).toBe('Token 1 for alice (editor); it is shown this once, keep it secret:');
    const [, id, secret] = TOKEN.exec(value ?? '') ?? [];
    expect(id).toBe('1');
    // Neither the token nor its secret is in the database file, or in the list.
    const file = readFileSync(path);
    expect(file.includes(secret as string)).toBe(false);
    const listed = token(path, 'list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^1\talice\teditor\tactive\tnever used$/);
    expect(listed.stdout).not.toContain(secret);

    expect(token(path, 'revoke', '--id', '1')).toMatchObject({
      status: 0,
      stdout: 'Token 1 revoked: it is refused from now on.',
    });
    expect(token(path, 'list').stdout).toMatch(/^1\talice\teditor\trevoked \d{4}-\d\d-\d\dT[\d:.]+Z\tnever used$/);
  });

  it.each([
    [['create', '--name', 'bob', '--role', 'boss'], 'token: --role must be editor or admin (got "boss")'],
    [['create', '--role', 'admin'], 'token: --name is required: who holds the token (e.g. --name alice)'],
    [
      ['create', '--name', ' x', '--role', 'admin'],
      'token: a token name is 1 to 64 letters, digits, spaces or . _ @ -, starting with a letter or digit (got " x")',
    ],
    [['revoke', '--id', '99'], 'token: there is no active token 99 (npm run token -- list)'],
    [['revoke', '--id', 'x'], 'token: --id must be a token\'s number, from npm run token -- list (got "x")'],
    [['frobnicate'], 'token: give one command: create, list or revoke'],
  ])('%j fails in one line: %s', (args, line) => {
    expect(token(path, ...args)).toEqual({ status: 1, stdout: '', stderr: line });
  });

  it('refuses a database that does not exist rather than creating one', () => {
    const result = token(join(prepared.folder, 'missing.db'), 'list');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^token: there is no database at .*missing\.db \(DATABASE_URL\): run npm start once/);
  });
});

describe('Authorization: Bearer over HTTP', () => {
  let server: TestServer;
  let editor: string;
  let revoked: string;
  let admin: string;
  beforeAll(async () => {
    const database = await createTestDatabase('tokens-http');
    await seedDatabase(database.database);
    server = await serveTestDatabase(database);
    const { createToken, revokeToken } = await import('../src/auth/tokens.js');
    editor = (await createToken(server.prisma, { name: 'alice', role: 'EDITOR' })).token;
    admin = (await createToken(server.prisma, { name: 'root', role: 'ADMIN' })).token;
    const old = await createToken(server.prisma, { name: 'mallory', role: 'EDITOR' });
    await revokeToken(server.prisma, old.id);
    revoked = old.token;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const ask = async (authorization?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: JSON.stringify({ query: '{ viewer { name role } model(slug: "gpt-3") { slug } }' }),
    });
    return { status: response.status, body: await response.json() };
  };

  it('reads without a token: viewer is null', async () => {
    expect(await ask()).toEqual({ status: 200, body: { data: { viewer: null, model: { slug: 'gpt-3' } } } });
  });

  it('knows the holder of a valid token, and marks it used', async () => {
    expect((await ask(`Bearer ${editor}`)).body).toEqual({
      data: { viewer: { name: 'alice', role: 'EDITOR' }, model: { slug: 'gpt-3' } },
    });
    expect((await ask(`bearer  ${admin}`)).body.data.viewer).toEqual({ name: 'root', role: 'ADMIN' });
    const used = await server.prisma.apiToken.findFirst({ where: { name: 'alice' } });
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a malformed, unknown, wrong or revoked token alike, and still answers the rest', async () => {
    const [, id] = TOKEN.exec(editor) ?? [];
    const cases = [
      `Bearer ${revoked}`,
      `Bearer atlas_999_${'A'.repeat(43)}`,
      `Bearer atlas_${id}_${'B'.repeat(43)}`,
      'Bearer atlas_1_short',
      'Bearer',
      `Basic ${Buffer.from('alice:secret').toString('base64')}`,
      editor,
    ];
    for (const authorization of cases) {
      const { status, body } = await ask(authorization);
      expect({ authorization, status, body }).toEqual({
        authorization,
        status: 200,
        body: {
          data: { viewer: null, model: { slug: 'gpt-3' } },
          errors: [
            {
              message:
                'The token is not valid: it is malformed, unknown or revoked. Send "Authorization: Bearer <token>" with a token from `npm run token -- create`, or no token to read.',
              locations: [{ line: 1, column: 3 }],
              path: ['viewer'],
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        },
      });
    }
  });

  it('carries the token to an execution worker', async () => {
    const pool = new ExecutionPool(server.config, { size: 1 });
    try {
      await pool.ready();
      const app = createApp(server.database, { pool });
      const response = await app.fetch('http://atlas/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
        body: JSON.stringify({ query: '{ viewer { name role } }' }),
      });
      expect(await response.json()).toEqual({ data: { viewer: { name: 'alice', role: 'EDITOR' } } });
    } finally {
      await pool.close();
    }
  }, 60_000);
});
