// Compiles the TypeScript of src/, seed/ and scripts/ to JavaScript with esbuild, so that
// `npm start` and the tools run no compiler. `node scripts/build.mjs` builds; scripts/run.mjs
// builds when the sources changed and then runs the compiled entry.
//
// The entries are the sources package.json's scripts run (`node scripts/run.mjs <source.ts>`)
// and the execution worker. Our own modules are bundled (packages stay imports of node_modules)
// and the code entries share is split into chunks, all in one folder: loading a few large files
// instead of two hundred small ones takes the start on a prepared database from 1.6 s to 1.2 s.
// Nothing is type-checked here: `npm run typecheck` does that.
//
// Each build goes to a folder of its own, dist/<fingerprint of the sources>/, written under a
// temporary name and renamed when whole: a process never sees half a build, two processes that
// build at once both end with the same whole folder, and a server still running an older build
// keeps its files (the three newest builds are kept). The fingerprint is each source's path,
// size and modification time, with package.json's and this file's own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
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

/** The sources package.json's scripts run through scripts/run.mjs, and the execution worker. */
function entries() {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const named = Object.values(scripts).flatMap((script) =>
    [...script.matchAll(/scripts\/run\.mjs ([\w./-]+\.ts)/g)].map((match) => match[1]),
  );
  return [...new Set([...named, WORKER])].sort();
}

/** The execution worker's source (src/execution/pool.ts starts it from the compiled folder by its output name). */
const WORKER = 'src/execution/worker.ts';

/** An entry's file in a build: its path from the project folder, with dots for slashes (seed/start.ts: seed.start.js). */
export function outputName(source) {
  return `${source.replace(/\.ts$/, '').replaceAll('/', '.')}.js`;
}

/** What identifies the sources as they are now: a build made from them is current. */
function fingerprint(files) {
  const hash = createHash('sha256');
  for (const file of [fileURLToPath(import.meta.url), join(ROOT, 'package.json'), ...files]) {
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
      absWorkingDir: ROOT,
      entryPoints: entries().map((source) => ({ in: source, out: outputName(source).replace(/\.js$/, '') })),
      outdir: temporary,
      bundle: true,
      packages: 'external',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
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

/** The compiled file of an entry (its source's path from the project folder, e.g. seed/start.ts). */
export async function compiledEntry(source) {
  const file = join(await ensureBuilt(), outputName(source));
  if (!existsSync(file)) {
    throw new Error(
      `${source} is not an entry: the entries are the sources package.json's scripts run through scripts/run.mjs`,
    );
  }
  return file;
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
