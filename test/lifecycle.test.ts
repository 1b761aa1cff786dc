/**
 * The server's life as an operator sees it: `npm start` stopped by the signals a terminal or a
 * container runtime sends, running requests drained, the database file deleted, truncated,
 * restored under a running server, and the SQLite settings of the connection it serves from.
 * Real processes, real sockets; the database is prepared once and copied for each case.
 */
import { copyFileSync, existsSync, rmSync, statSync, truncateSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_PRAGMAS } from '../src/db/client.js';
import { readEnv } from '../src/env.js';
import { REPEATED_SIGNAL_WINDOW_MS, type RunningServer, serve } from '../src/server.js';
import { type PreparedDatabase, prepareDatabaseFile } from './helpers/prepared.js';
import { npmStart, portIsOpen, postGraphQL, ROOT, spawnServer } from './helpers/process.js';

const CHATGPT = /* GraphQL */ `{ model(slug: "chatgpt") { name developers { organization { slug } } } }`;
const CHATGPT_ANSWER = { data: { model: { name: 'ChatGPT', developers: [{ organization: { slug: 'openai' } }] } } };

let prepared: PreparedDatabase;
beforeAll(async () => {
  // As npm start leaves it, so that each start only serves.
  prepared = await prepareDatabaseFile('lifecycle', { full: true });
});
afterAll(() => prepared?.cleanup());

/** A POST whose headers the server has taken (it answered `100 Continue`) and whose body is not sent yet. */
async function requestInFlight(
  port: number,
  query: string,
): Promise<{ socket: Socket; finish(then?: string): Promise<string> }> {
  const body = JSON.stringify({ query });
  const socket = connect(port, '127.0.0.1');
  let received = '';
  const ended = new Promise<string>((resolve) => {
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', () => {});
  });
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nexpect: 100-continue\r\n\r\n`,
  );
  await new Promise<void>((resolve) => {
    const check = () => (received.includes('100 Continue') ? resolve() : socket.once('data', check));
    check();
  });
  return {
    socket,
    /** Sends the body, and `then` right after it on the same connection (pipelined); resolves with all it received. */
    finish(then = '') {
      socket.write(body + then);
      return ended;
    },
  };
}

describe('npm start and signals', () => {
  it('stops on SIGTERM to the npm process: exit 0, port closed, write-ahead log written into the file', async () => {
    const path = prepared.copy('sigterm');
    const server = await npmStart({ DATABASE_URL: `file:${path}` });
    expect(await postGraphQL(server.url, CHATGPT)).toEqual({ status: 200, body: CHATGPT_ANSWER });

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('SIGTERM: stopping');
    expect(server.output()).toContain('Stopped.');
    expect(await portIsOpen(server.port)).toBe(false);
    // Checkpointed and closed: no log left beside the file, the file alone is the database.
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
    const copy = new BetterSqlite3(path, { readonly: true });
    expect(copy.prepare('SELECT name FROM "Model" WHERE slug = ?').get('chatgpt')).toEqual({ name: 'ChatGPT' });
    copy.close();
  });

  it('ends open subscriptions when it stops, and still exits 0 at once', async () => {
    const server = await npmStart({ DATABASE_URL: `file:${prepared.copy('streams')}` });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { claimChanged { slug } }' }),
    });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/event-stream']);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const ended = (async () => {
      while (!(await reader.read()).done) {}
      return 'ended';
    })();
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await ended).toBe('ended');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // Not the 10 s deadline: the stream was ended, not waited for.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lets a request in flight finish before it stops, and stops on SIGINT too', async () => {
    const server = await npmStart({ DATABASE_URL: `file:${prepared.copy('drain')}` });
    const request = await requestInFlight(server.port, CHATGPT);

    server.child.kill('SIGINT');
    await server.printed('SIGINT: stopping');
    // New connections are refused while the running request is still being served.
    expect(await portIsOpen(server.port)).toBe(false);
    // A request that arrives on the open connection during the stop is turned away.
    const response = await request.finish('GET /ready HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const [, first, second] = response.split(/(?=HTTP\/1\.1 [2-5]\d\d )/);
    expect(first).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(first?.slice(first.indexOf('\r\n\r\n') + 4) ?? '')).toEqual(CHATGPT_ANSWER);
    expect(second).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*connection: close\r\n/i);
    expect(JSON.parse(second?.slice(second.indexOf('\r\n\r\n') + 4) ?? '')).toEqual({
      errors: [{ message: 'The server is stopping.', extensions: { code: 'SERVER_STOPPING' } }],
    });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('Stopped.');
  });

  it('stops at once on a second signal, without waiting for the running request', async () => {
    const server = await npmStart({ DATABASE_URL: `file:${prepared.copy('twice')}` });
    const request = await requestInFlight(server.port, CHATGPT);

    server.child.kill('SIGTERM');
    await server.printed('SIGTERM: stopping');
    // The same signal arriving twice at once (Ctrl-C from the terminal and from npm) counts once.
    await new Promise((resolve) => setTimeout(resolve, REPEATED_SIGNAL_WINDOW_MS + 500));
    server.child.kill('SIGTERM');
    // The signal's default action (npm then ends the same way): not the watchdog's SIGKILL.
    expect(await server.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(server.output()).not.toContain('Stopped.');
    expect(server.output()).not.toContain('killed');
    expect(await portIsOpen(server.port)).toBe(false);
    request.socket.destroy();
  });

  /** The fixture server (a request that never ends) with a 1 s deadline, and that request sent. */
  async function stuckServer(block: boolean) {
    const path = prepared.copy(block ? 'blocked' : 'stuck');
    const server = await spawnServer(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'fixtures', 'lifecycle', 'blocking-server.ts')],
      { DATABASE_URL: `file:${path}`, SHUTDOWN_DEADLINE_MS: '1000', BLOCK: block ? '1' : '0' },
    );
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write('GET /anything HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await server.printed('request running');
    return { server, path, socket };
  }

  it('exits 1 at the deadline when a request is still running', async () => {
    const { server, socket } = await stuckServer(false);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 1, signal: null });
    expect(server.output()).toContain('llm-atlas: requests still running after 1 s: stopped without them\n');
    expect(server.output()).not.toContain('killed');
    socket.destroy();
  });

  it('is killed after the deadline when a statement blocks the event loop during the stop', async () => {
    const { server, path, socket } = await stuckServer(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(server.output()).toContain('statement running');
    expect(server.output()).toContain('llm-atlas: a statement blocked the event loop past the 1 s deadline: killed\n');
    expect(server.output()).not.toContain('stopped without them');
    socket.destroy();
    // Killed mid-read: the file stays whole.
    const copy = new BetterSqlite3(path, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    copy.close();
  });
});

describe('the database under a running server', () => {
  let server: RunningServer;
  let path: string;
  let url: string;
  const ready = async () => {
    const response = await fetch(`${url}/ready`);
    return { status: response.status, body: await response.json() };
  };
  const health = async () => {
    const response = await fetch(`${url}/health`);
    return { status: response.status, body: await response.json() };
  };
  const UP = { status: 200, body: { status: 'ok', database: 'up' } };

  beforeAll(async () => {
    path = prepared.copy('served');
    const env = readEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path}` });
    server = await serve(env, openDatabase(env.database), { log: () => {}, handleSignals: false });
    url = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.stop());

  it('serves from a connection in WAL mode with foreign keys, synchronous NORMAL and a busy timeout', async () => {
    const { prisma } = server.live.database;
    const read = async (name: string) =>
      Object.values(((await prisma.$queryRawUnsafe(`PRAGMA ${name}`)) as Record<string, unknown>[])[0] ?? {})[0];
    expect({
      journal_mode: await read('journal_mode'),
      synchronous: Number(await read('synchronous')),
      foreign_keys: Number(await read('foreign_keys')),
      busy_timeout: Number(await read('busy_timeout')),
    }).toEqual({ ...SQLITE_PRAGMAS });
    expect(SQLITE_PRAGMAS).toEqual({ journal_mode: 'wal', synchronous: 1, foreign_keys: 1, busy_timeout: 5000 });
  });

  it('is not ready while the file is deleted, and serves the file restored at the path', async () => {
    expect(await ready()).toEqual(UP);
    const backup = join(prepared.folder, 'served-backup.db');
    copyFileSync(path, backup);
    // The restored file differs from the deleted one: the answer shows which file is served.
    const edit = new BetterSqlite3(backup);
    edit.prepare(`UPDATE "Model" SET name = 'ChatGPT (restored)' WHERE slug = 'chatgpt'`).run();
    edit.close();

    rmSync(path);
    const missing = { status: 503, body: { status: 'unavailable', database: 'missing' } };
    expect(await ready()).toEqual(missing);
    expect(await health()).toEqual(missing);

    // Meanwhile the connection still reads the deleted file.
    expect(await postGraphQL(url, '{ model(slug: "chatgpt") { name } }')).toEqual({
      status: 200,
      body: { data: { model: { name: 'ChatGPT' } } },
    });

    copyFileSync(backup, path);
    // No probe needed: the server looks at its file in the background and opens the new one.
    const deadline = Date.now() + 30_000;
    let answer: unknown;
    do {
      answer = (await postGraphQL(url, '{ model(slug: "chatgpt") { name } }')).body;
      if (JSON.stringify(answer).includes('restored')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < deadline);
    expect(answer).toEqual({ data: { model: { name: 'ChatGPT (restored)' } } });
    expect(await ready()).toEqual(UP);
    expect(await health()).toEqual(UP);
  });

  it('is not ready while the file is truncated, and recovers when it is restored in place', async () => {
    const original = join(prepared.folder, 'served-original.db');
    copyFileSync(path, original);
    const inode = statSync(path).ino;

    truncateSync(path, 0);
    const down = { status: 503, body: { status: 'unavailable', database: 'down' } };
    expect(await ready()).toEqual(down);
    expect(await health()).toEqual(down);
    expect((await postGraphQL(url, '{ model(slug: "chatgpt") { name } }')).body).toMatchObject({
      errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    // Still down on the next probe: nothing writes into the truncated file meanwhile.
    expect(await ready()).toEqual(down);
    expect(statSync(path).size).toBe(0);

    copyFileSync(original, path);
    expect(statSync(path).ino).toBe(inode);
    expect(await ready()).toEqual(UP);
    expect(await postGraphQL(url, '{ model(slug: "chatgpt") { name } }')).toEqual({
      status: 200,
      body: { data: { model: { name: 'ChatGPT (restored)' } } },
    });
  });
});
