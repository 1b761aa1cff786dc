/**
 * `npm start` as a user runs it: a real process on a fresh database file, answering over HTTP,
 * and stopping cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-server-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

/** Starts `node scripts/run.mjs seed/start.ts` (what npm start execs) on a free port and resolves with its URL once it listens. */
function startServer(
  env: Record<string, string>,
): Promise<{ url: string; output: () => string; exited: Promise<number | null> }> {
  const process_ = spawn(
    process.execPath,
    // The server runs in a folder of its own: the script is named by its path from the project.
    [join(root, 'scripts', 'run.mjs'), 'seed/start.ts'],
    {
      cwd: folder,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child = process_;
  let output = '';
  const exited = new Promise<number | null>((resolve) => process_.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serves GraphQL at (http:\/\/localhost:\d+)\/graphql/.exec(output);
      if (match) resolve({ url: (match[1] as string).replace('localhost', '127.0.0.1'), output: () => output, exited });
    };
    process_.stdout?.on('data', onData);
    process_.stderr?.on('data', onData);
    exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
}

describe('npm start', () => {
  it('prepares a fresh database in a new folder, serves GraphQL and stops on SIGTERM', async () => {
    const server = await startServer({ DATABASE_URL: 'file:./data/atlas.db' });
    expect(server.output()).toContain('Empty graph: importing the note and the curated data');
    expect(server.output()).toContain(join(folder, 'data', 'atlas.db'));

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ model(slug: "chatgpt") { name developers { organization { slug } } } }' }),
    });
    expect(await response.json()).toEqual({
      data: { model: { name: 'ChatGPT', developers: [{ organization: { slug: 'openai' } }] } },
    });

    child?.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: stopping');
  });

  it('refuses to start with a clear message when DATABASE_URL cannot be used', async () => {
    await expect(startServer({ DATABASE_URL: 'postgresql://localhost/atlas' })).rejects.toThrow(
      /exited with 1 before listening:\n.*could not start: .*PostgreSQL/s,
    );
  });
});
