/**
 * What each thread of a started server loads before its first answer: the static imports of the
 * compiled entries (scripts/build.mjs), followed through the chunks they share. Every thread
 * loads its own copy of what it imports, so a package imported where it is not used costs every
 * start, and every execution worker, its loading time (issue 13: start to first answer under
 * 1.5 s). Packages a thread needs only sometimes are imported when first needed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
let folder = '';

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  const found = /Compiled to (\S+) /.exec(build.stdout);
  if (!found?.[1]) throw new Error(`scripts/build.mjs said: ${build.stdout}`);
  folder = join(ROOT, found[1]);
});

/**
 * The packages a compiled file loads before it runs (static `import ... from` and `import "..."`,
 * not `import()`), each with the chain of files that leads to it.
 */
function staticPackages(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(folder, file), 'utf8');
    for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\b[^;'"()]*?["']([^"']+)["'];?\s*$/gm)) {
      if (!specifier) continue;
      if (specifier.startsWith('./')) visit(specifier.slice(2), [...chain, file]);
      else if (!specifier.startsWith('node:') && !packages.has(specifier)) packages.set(specifier, [...chain, file]);
    }
  };
  visit(entry, []);
  return packages;
}

/** The packages of `loaded` among `unwanted`, each with the chain that loads it. */
function loadedOf(loaded: Map<string, string[]>, unwanted: string[]): string[] {
  return unwanted
    .filter((name) => loaded.has(name))
    .map((name) => `${name} (through ${loaded.get(name)?.join(' -> ')})`);
}

/** Loaded only with a PostgreSQL database, REDIS_URL, or a browser asking for GraphiQL. */
const ON_DEMAND = [
  'pg',
  '@prisma/adapter-pg',
  'ioredis',
  '@graphql-yoga/redis-event-target',
  '@graphql-yoga/render-graphiql',
];

describe('what a thread loads at start', () => {
  it('an execution worker: the schema and the database client, not the HTTP server nor what SQLite does not use', () => {
    const loaded = staticPackages('src.execution.worker.js');
    expect(loaded.has('@pothos/core')).toBe(true);
    expect(loaded.has('@prisma/adapter-better-sqlite3')).toBe(true);
    expect(loadedOf(loaded, [...ON_DEMAND, 'graphql-yoga', 'prom-client'])).toEqual([]);
  });

  it('npm start and npm run serve before their workers start: nothing but their settings and the pool', () => {
    // The rest is imported once the workers are on their way (seed/start.ts, src/serve.ts).
    expect([...staticPackages('seed.start.js').keys()]).toEqual([]);
    expect([...staticPackages('src.serve.js').keys()]).toEqual([]);
  });

  it('npm run serve once they are: Yoga and the schema, not what only PostgreSQL, Redis or GraphiQL need', () => {
    const serve = readFileSync(join(folder, 'src.serve.js'), 'utf8');
    const loaded = new Map<string, string[]>();
    for (const [, chunk] of serve.matchAll(/import\("\.\/([^"]+)"\)/g))
      for (const [name, chain] of staticPackages(chunk as string)) if (!loaded.has(name)) loaded.set(name, chain);
    expect(loaded.has('graphql-yoga')).toBe(true);
    expect(loadedOf(loaded, ON_DEMAND)).toEqual([]);
  });
});
