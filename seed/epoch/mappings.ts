/**
 * Loads `seed/data/epoch/mappings.yaml`: the explicit, reviewable part of reconciling Epoch's rows
 * with the graph (model and organization matches, checked non-matches, country codes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../src/paths.js';
import { matchKey } from './reconcile.js';

/** The mappings file the importer reads by default. */
export const DEFAULT_MAPPINGS_FILE = join(PROJECT_ROOT, 'seed', 'data', 'epoch', 'mappings.yaml');

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug: lowercase ASCII letters and digits, words joined by "-"');

/** A Chinese name and other names of an entity. */
const NamesEntry = z.strictObject({
  nameZh: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
});

/** Names to give an entity a row names: its Chinese name (where it has none) and aliases. */
export type EntityNames = Readonly<{ nameZh?: string; aliases: readonly string[] }>;

const MappingsFile = z.strictObject({
  models: z.record(z.string().min(1), slug.nullable()).default({}),
  organizations: z.record(z.string().min(1), z.union([slug, z.array(slug).min(1)]).nullable()).default({}),
  countries: z.record(
    z.string().min(1),
    z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US')
      .nullable(),
  ),
  /** Chinese names and aliases of the models and organizations Epoch's rows name, by the name a row gives. */
  names: z
    .strictObject({
      models: z.record(z.string().min(1), NamesEntry).default({}),
      organizations: z.record(z.string().min(1), NamesEntry).default({}),
    })
    .default({ models: {}, organizations: {} }),
});

/**
 * The mappings, keyed by {@link matchKey} of the Epoch name. A `null` target is a checked
 * non-match: the name must not be matched to anything automatically.
 */
export type EpochMappings = Readonly<{
  /** Folded Epoch model name → model slug, or null (create it as its own model). */
  models: ReadonlyMap<string, string | null>;
  /** Folded Epoch organization name → organization slugs, or null (create it as its own organization). */
  organizations: ReadonlyMap<string, readonly string[] | null>;
  /** Epoch country name, folded → ISO 3166-1 alpha-2 code, or null for "not a country". */
  countries: ReadonlyMap<string, string | null>;
  /** Folded Epoch model name → its Chinese name and aliases. */
  modelNames: ReadonlyMap<string, EntityNames>;
  /** Folded Epoch organization name → its Chinese name and aliases. */
  organizationNames: ReadonlyMap<string, EntityNames>;
}>;

/** Thrown for a mappings file that cannot be used; the message names the file and the entry. */
export class EpochMappingsError extends Error {
  override name = 'EpochMappingsError';
}

/** Folds the keys of a section, refusing two spellings of the same key (they could disagree). */
function fold<T>(file: string, section: string, entries: Record<string, T>): Map<string, T> {
  const map = new Map<string, T>();
  const firstSpelling = new Map<string, string>();
  for (const [name, target] of Object.entries(entries)) {
    const key = matchKey(name);
    if (key === '') throw new EpochMappingsError(`${file}: ${section}."${name}": the name has no letters or digits`);
    const earlier = firstSpelling.get(key);
    if (earlier !== undefined) {
      throw new EpochMappingsError(
        `${file}: ${section}: "${name}" and "${earlier}" are the same name once folded; keep one`,
      );
    }
    firstSpelling.set(key, name);
    map.set(key, target);
  }
  return map;
}

/** Reads and checks a mappings file (default {@link DEFAULT_MAPPINGS_FILE}). */
export function loadEpochMappings(file: string = DEFAULT_MAPPINGS_FILE): EpochMappings {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EpochMappingsError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = MappingsFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    throw new EpochMappingsError(`${file}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const data = parsed.data;
  return {
    models: fold(file, 'models', data.models),
    organizations: fold(
      file,
      'organizations',
      Object.fromEntries(
        Object.entries(data.organizations).map(([name, target]) => [
          name,
          target === null ? null : typeof target === 'string' ? [target] : target,
        ]),
      ),
    ),
    countries: fold(file, 'countries', data.countries),
    modelNames: fold(file, 'names.models', data.names.models),
    organizationNames: fold(file, 'names.organizations', data.names.organizations),
  };
}
