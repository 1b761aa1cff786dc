// Compiles the TypeScript of src/, seed/ and scripts/ to JavaScript (esbuild: transpiled file by
// file, not bundled, nothing type-checked: `npm run typecheck` does that), so that `npm start`
// and the tools run no compiler. `node scripts/build.mjs` builds; scripts/run.mjs builds when the
// sources changed and then runs the compiled entry.
//
// Each build goes to a folder of its own, dist/<fingerprint of the sources>/, written under a
// temporary name and renamed when whole: a process never sees half a build, two processes that
// build at once both end with the same whole folder, and a server still running an older build
// keeps its files (the three newest builds are kept). The fingerprint is each source's path,
// size and modification time, with this file's own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');
const SOURCE_FOLDERS = ['src', 'seed', 'scripts'];
const KEEP = 3;

/** Every TypeScript source that is compiled (declaration files are types only). */
function sources() {
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const folder of SOURCE_FOLDERS) walk(join(ROOT, folder));
  return files.sort();
}

/** What identifies the sources as they are now: a build made from them is current. */
function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of [fileURLToPath(import.meta.url), ...files]) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Removes all builds but the `KEEP` newest and the one in use, and temporary folders of builds that died. */
function prune(current) {
  const builds = readdirSync(OUT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== current)
    .map((entry) => ({ path: join(OUT, entry.name), temporary: entry.name.includes('.'), mtimeMs: 0 }));
  for (const build of builds) build.mtimeMs = statSync(build.path).mtimeMs;
  const kept = builds.filter((build) => !build.temporary).sort((a, b) => b.mtimeMs - a.mtimeMs);
  const stale = [
    ...kept.slice(KEEP - 1),
    // A build still being written by another process is minutes old at most.
    ...builds.filter((build) => build.temporary && Date.now() - build.mtimeMs > 10 * 60_000),
  ];
  for (const build of stale) rmSync(build.path, { recursive: true, force: true });
}

/**
 * The folder of the build of the sources as they are now, built first if there is none (about
 * a second). Throws esbuild's message when a source does not compile.
 */
export async function ensureBuilt() {
  const files = sources();
  const id = fingerprint(files);
  const folder = join(OUT, id);
  if (existsSync(folder)) return folder;
  mkdirSync(OUT, { recursive: true });
  const temporary = `${folder}.${process.pid}`;
  const { build } = await import('esbuild');
  try {
    await build({
      entryPoints: files,
      outdir: temporary,
      outbase: ROOT,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'error',
    });
    try {
      renameSync(temporary, folder);
    } catch (error) {
      // Another process finished the same build first: its folder is as good as ours.
      if (!existsSync(folder)) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  prune(id);
  return folder;
}

/** The compiled file of a TypeScript source (a path from the project folder, e.g. seed/start.ts). */
export async function compiledEntry(source) {
  return join(await ensureBuilt(), source.replace(/\.ts$/, '.js'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const started = performance.now();
    const folder = await ensureBuilt();
    console.log(`Compiled to ${relative(ROOT, folder)} (${Math.round(performance.now() - started)} ms).`);
  } catch (error) {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
