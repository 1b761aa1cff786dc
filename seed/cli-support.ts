/**
 * What every command-line tool does the same way: refuse a database file that is not there
 * (unless asked to create one), and end with one line on stderr and status 1 on failure.
 */
import { SingleBar } from 'cli-progress';
import type { DatabaseConfig } from '../src/db/config.js';
import { inspectDatabaseFile } from '../src/db/config.js';
import { errorLine } from '../src/db/errors.js';

/** Thrown when a tool would create a new database file without being asked to. */
export class MissingDatabaseError extends Error {
  override name = 'MissingDatabaseError';
}

/**
 * Checks the database file before a tool opens it ({@link inspectDatabaseFile}); a missing one is
 * refused unless `create` (`command` is how the user ran the tool, for the message; an importer run against a mistyped path would otherwise build a new
 * graph holding only its own data, and succeed).
 */
export function requireDatabaseFile(config: DatabaseConfig, create: boolean, command: string): void {
  if (config.provider === 'sqlite' && inspectDatabaseFile(config) === 'missing' && !create) {
    throw new MissingDatabaseError(
      `there is no database at ${config.label} (DATABASE_URL): run npm start once to create and fill it, or ${command} -- --create to start a new graph holding only this import`,
    );
  }
}

/**
 * Runs a tool's `main` and sets the exit status: on failure one line `<name>: <what went wrong>`
 * on stderr ({@link errorLine}), the whole error only with `DEBUG` set. Errors in `multiLine`
 * (a data file's list of problems) are printed whole.
 */
export function runCli(
  name: string,
  main: () => Promise<number | undefined>,
  options: {
    database?: () => DatabaseConfig | undefined;
    multiLine?: ReadonlyArray<new (...args: never[]) => Error>;
  } = {},
): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      const whole = options.multiLine?.some((type) => error instanceof type) && error instanceof Error;
      console.error(`${name}: ${whole ? error.message : errorLine(error, options.database?.())}`);
      if (process.env.DEBUG) console.error(error);
      process.exitCode = 1;
    },
  );
}

/** Where a long tool is: the step it is in, and how far through it. */
export type PhaseProgress = { phase: string; done: number; total: number };

/**
 * A progress bar on stderr through the phases of a long tool (`label` names the tool), only for
 * a person watching a terminal: undefined otherwise.
 */
export function phaseProgressBar(
  label: string,
  options: { eta?: boolean; phaseWidth?: number } = {},
): { update(progress: PhaseProgress): void; stop(): void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} {phase} [{bar}] {value}/{total}${options.eta ? ' {eta_formatted} left' : ''}`,
    hideCursor: true,
    clearOnComplete: true,
  });
  const width = options.phaseWidth ?? 9;
  let phase: string | undefined;
  return {
    update(progress) {
      if (progress.phase !== phase) {
        if (phase === undefined) bar.start(progress.total, progress.done, { phase: progress.phase.padEnd(width) });
        else bar.setTotal(progress.total);
        phase = progress.phase;
      }
      bar.update(progress.done, { phase: progress.phase.padEnd(width) });
    },
    stop: () => bar.stop(),
  };
}
