import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { epochFixture } from './helpers/epoch-fixtures.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'llm-atlas-epoch-cli-'));

/** Runs `seed/epoch/cli.ts` as `npm run import:epoch` would, against a database of its own. */
function run(args: string[]) {
  const result = spawnSync(
    process.execPath,
    // Its database file does not exist before the first run: --create asks for it.
    [join(root, 'scripts', 'run.mjs'), 'seed/epoch/cli.ts', '--create', ...args],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${join(folder, 'cli.db')}`, INIT_CWD: folder },
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run import:epoch', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('exits 1 with one line naming the row and column on bad input', () => {
    const result = run(['--file', epochFixture('bad-values.csv'), '--snapshot-date', '2026-01-26']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'import:epoch: bad-values.csv: row 3 (line 3, "Wordy Params"), column "Parameters": expected a parameter count (a number such as 175000000000 or 1.75e11), got "about 7B" (and 2 more problems)\n',
    );
  });

  it('imports the valid rows with --skip-invalid, prints the summary and writes the report', () => {
    const result = run([
      '--file',
      epochFixture('bad-values.csv'),
      '--snapshot-date',
      '2026-01-26',
      '--skip-invalid',
      '--report',
      'rejected.csv',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Epoch AI, 'Data on Notable AI Models'. Published online at epoch.ai.");
    expect(result.stdout).toContain('rows read           6: 3 imported, 3 rejected');
    // A relative --report is the user's path (npm's INIT_CWD), not the package folder's.
    expect(result.stdout).toContain(`rejected rows written to ${join(folder, 'rejected.csv')}`);
    expect(existsSync(join(folder, 'rejected.csv'))).toBe(true);
    expect(readFileSync(join(folder, 'rejected.csv'), 'utf8').split('\n')[0]).toBe('row,line,model,column,reason');
  });
});
