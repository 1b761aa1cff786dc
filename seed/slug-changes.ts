/**
 * `seed/data/slug-changes.yaml`: the published slugs that changed, and what they now name. Every
 * importer applies it at the end of its write (idempotently), so that a slug an import stops
 * creating, or a duplicate it merges, keeps resolving whatever the order of the imports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SlugEntity } from '../src/domain/enums.js';
import type { SlugChange } from '../src/graph/index.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { SeedDataError } from './curated/load.js';

/** The slug changes every import applies. */
export const SLUG_CHANGES_FILE = join(PROJECT_ROOT, 'seed', 'data', 'slug-changes.yaml');

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug: lowercase ASCII letters and digits, words joined by "-"');
const SlugChanges = z.array(
  z.strictObject({ type: z.enum(SlugEntity), from: slug, to: slug, reason: z.string().min(1) }),
);

/** Reads and checks the slug changes; a problem names the file and the entry. */
export function loadSlugChanges(file: string = SLUG_CHANGES_FILE): SlugChange[] {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8')) ?? [];
  } catch (error) {
    throw new SeedDataError(file, [`cannot read the file: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = SlugChanges.safeParse(raw);
  if (!parsed.success) {
    throw new SeedDataError(
      file,
      parsed.error.issues.map((issue) => `[${issue.path.map(String).join('].')}]: ${issue.message}`),
    );
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((change, index) => {
    const key = `${change.type}:${change.from}`;
    if (seen.has(key)) problems.push(`[${index}]: ${change.type} "${change.from}" changes twice`);
    seen.add(key);
  });
  if (problems.length > 0) throw new SeedDataError(file, problems);
  return parsed.data;
}
