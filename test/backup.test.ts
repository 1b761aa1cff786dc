/**
 * `npm run backup -- <file>` while the server answers requests, and a server started on the
 * backup answering as the original did. Real processes over a database of the note and the
 * curated data (Epoch AI's snapshot adds nothing to what a backup must keep).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreparedDatabase, prepareDatabaseFile } from './helpers/prepared.js';
import { postGraphQL, ROOT, type ServerProcess, spawnServer } from './helpers/process.js';

/** The README's first question. */
const BAIDU_ARTICLES = /* GraphQL */ `
  {
    articles(filter: { coversModelOf: { slug: "baidu" } }) {
      totalCount
      edges { node { title models(relevance: MENTION) { edges { node { slug } } } } }
    }
  }
`;

let prepared: PreparedDatabase;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  prepared = await prepareDatabaseFile('backup');
});
afterAll(async () => {
  for (const server of servers) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  prepared?.cleanup();
});

/** `npm run serve` (a database prepared before) on a file. */
async function serveFile(path: string): Promise<ServerProcess> {
  // Without the response cache: the clients below must read the database while it is copied
  // (cached answers would also come fast enough to meet the rate limit).
  const server = await spawnServer('npm', ['run', 'serve', '--silent'], {
    DATABASE_URL: `file:${path}`,
    RESPONSE_CACHE_MB: '0',
  });
  servers.push(server);
  return server;
}

/** Runs `npm run backup -- <args>` against a database; resolves with its exit code and output. */
function backup(database: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn('npm', ['run', 'backup', '--silent', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${database}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('npm run backup', () => {
  it('copies the database while the server answers, and a server started on the copy answers the same', async () => {
    const original = prepared.copy('live');
    const server = await serveFile(original);
    const expected = await postGraphQL(server.url, BAIDU_ARTICLES);
    expect(expected.status).toBe(200);
    expect(expected.body).toMatchObject({ data: { articles: { totalCount: 1 } } });

    // Clients keep asking while the backup runs; every answer stays whole.
    let copying = true;
    const answers: unknown[] = [];
    const clients = Array.from({ length: 3 }, async () => {
      while (copying) answers.push(await postGraphQL(server.url, BAIDU_ARTICLES));
    });
    const target = join(prepared.folder, 'backups', 'atlas.db');
    const missingFolder = await backup(original, [target]);
    expect(missingFolder).toEqual({
      code: 1,
      output: `backup failed: cannot write into ${join(prepared.folder, 'backups')}: it does not exist or is not writable\n`,
    });
    const copy = join(prepared.folder, 'atlas-backup.db');
    const result = await backup(original, [copy]);
    copying = false;
    await Promise.all(clients);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^Backed up .*live\.db to .*atlas-backup\.db \(\d+\.\d MB, \d+\.\d s\)\.\n$/);
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer).toEqual(expected);
    // Nothing half-written is left beside it.
    expect(readdirSync(prepared.folder).filter((name) => name.includes('.partial-'))).toEqual([]);

    const restored = await serveFile(copy);
    expect(await postGraphQL(restored.url, BAIDU_ARTICLES)).toEqual(expected);
    expect(await (await fetch(`${restored.url}/ready`)).json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('refuses, in one line, to overwrite a file or to copy a database that is not there', async () => {
    const existing = join(prepared.folder, 'existing.db');
    writeFileSync(existing, 'keep me');
    expect(await backup(prepared.copy('source'), [existing])).toEqual({
      code: 1,
      output: `backup failed: ${existing} exists: give the name of a new file\n`,
    });
    const nowhere = join(prepared.folder, 'nowhere.db');
    expect(await backup(nowhere, [join(prepared.folder, 'new.db')])).toEqual({
      code: 1,
      output: `backup failed: there is no database at ${nowhere} (DATABASE_URL)\n`,
    });
    expect(existsSync(nowhere)).toBe(false);
    expect(await backup(nowhere, [])).toEqual({
      code: 1,
      output: 'backup failed: usage: npm run backup -- <new file>\n',
    });
  });
});
