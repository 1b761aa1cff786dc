/**
 * Checks that a file a tool will write (a report, say) can be written, before the tool writes
 * anything else: an import must not commit its data and then fail on its report.
 */
import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Thrown for an output path that cannot be written; the message says why, in one line. */
export class OutputFileError extends Error {
  override name = 'OutputFileError';
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the disk',
  ENOENT: 'the folder does not accept new files',
  EISDIR: 'it is a folder',
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${REASONS[code] ?? 'cannot write'} (${code})` : (error as Error).message;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Throws an {@link OutputFileError} unless `file` can be written: an existing file must be
 * writable and not a folder; a new file's nearest existing folder must accept a new file (tried
 * with a probe file, removed at once: permission bits say nothing for root, nor for `/proc`).
 * `label` names the path in the message, e.g. `--report`.
 */
export function checkWritableFile(file: string, label: string): void {
  const fail = (why: string): never => {
    throw new OutputFileError(`${label} ${file} cannot be written: ${why}; nothing was imported`);
  };
  const stat = statOrUndefined(file);
  if (stat?.isDirectory()) fail('it is a folder');
  if (stat) {
    try {
      closeSync(openSync(file, 'r+'));
    } catch (error) {
      fail(reason(error));
    }
    return;
  }
  let folder = dirname(file);
  let folderStat = statOrUndefined(folder);
  while (folderStat === undefined && dirname(folder) !== folder) {
    folder = dirname(folder);
    folderStat = statOrUndefined(folder);
  }
  if (!folderStat?.isDirectory()) fail(`${folder} is a file, not a folder`);
  const probe = join(folder, `.llm-atlas-write-check-${process.pid}-${Date.now()}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (error) {
    fail(`${folder}: ${reason(error)}`);
  }
  unlinkSync(probe);
}

/**
 * Creates the folders above `file` one level at a time (`mkdirSync`'s `recursive` loops forever
 * under `/proc`).
 */
export function ensureFolderOf(file: string): void {
  const missing: string[] = [];
  for (let folder = dirname(file); statOrUndefined(folder) === undefined; folder = dirname(folder)) {
    missing.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of missing) mkdirSync(folder);
}
