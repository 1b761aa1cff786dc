/**
 * The server as a real process: spawned as `npm start` / `npm run serve` runs it, on a database
 * file of the test's own, answering over real HTTP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export type ServerProcess = {
  child: ChildProcess;
  /** http://127.0.0.1:<port>, read from the "serves GraphQL at" line. */
  url: string;
  port: number;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves once the output contains `text`. */
  printed(text: string): Promise<void>;
  /** How it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Spawns `command args` in the project folder with `PORT=0` on 127.0.0.1 and resolves once it
 * listens; rejects with its output if it exits first.
 */
export function spawnServer(command: string, args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let started = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const wait of waiting.filter((wait) => output.includes(wait.text))) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve();
      }
      const match = /serves GraphQL at http:\/\/localhost:(\d+)\/graphql/.exec(output);
      if (match && !started) {
        started = true;
        const port = Number(match[1]);
        resolve({
          child,
          url: `http://127.0.0.1:${port}`,
          port,
          output: () => output,
          printed: (text) =>
            output.includes(text)
              ? Promise.resolve()
              : new Promise<void>((done) => waiting.push({ text, resolve: done })),
          exited,
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    exited.then(({ code, signal }) => {
      if (!started) reject(new Error(`server exited with ${code ?? signal} before listening:\n${output}`));
    });
  });
}

/** `npm start` exactly as a user runs it. */
export function npmStart(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer('npm', ['start', '--silent'], env);
}

/** Sends a GraphQL query (POST, JSON) and returns status and body. */
export async function postGraphQL(url: string, query: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** Whether anything accepts connections on the port of 127.0.0.1. */
export async function portIsOpen(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/live`, { headers: { connection: 'close' } });
    return true;
  } catch {
    return false;
  }
}
