/**
 * Loads `seed/data/curated.yaml`: parses the YAML, validates it against {@link CuratedData} and
 * checks that every slug it refers to exists. Errors name the file, line, entry and field.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { CuratedData } from './schema.js';

/** Thrown for a seed file that cannot be imported. Every problem found is listed. */
export class SeedDataError extends Error {
  override name = 'SeedDataError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

type Path = ReadonlyArray<PropertyKey>;

/** "models[3] (gpt-3).developers[0]": the path of a value, naming entries by their slug or URL. */
function describePath(data: unknown, path: Path): string {
  let text = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const label =
        node && typeof node === 'object'
          ? ((node as Record<string, unknown>).slug ?? (node as Record<string, unknown>).url)
          : undefined;
      if (typeof label === 'string') text += ` (${label})`;
    } else {
      text += text === '' ? String(key) : `.${String(key)}`;
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
    }
  }
  return text || '(top level)';
}

/**
 * Reads and checks a curated data file. Throws {@link SeedDataError} listing every problem with
 * its line: YAML syntax, a field of the wrong form, a slug defined twice or used but not defined.
 */
export function loadCuratedData(file: string): CuratedData {
  const name = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedDataError(name, [`cannot read the file: ${(error as Error).message}`]);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new SeedDataError(
      name,
      document.errors.map(
        (error) => `line ${lineCounter.linePos(error.pos[0]).line}: YAML syntax: ${error.message.split('\n')[0]}`,
      ),
    );
  }
  const raw = document.toJS() as unknown;
  const lineOf = (path: Path): string => {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = document.getIn(path.slice(0, length) as unknown[], true);
      if (isNode(node) && node.range) return `line ${lineCounter.linePos(node.range[0]).line}: `;
    }
    return '';
  };

  const parsed = CuratedData.safeParse(raw);
  if (!parsed.success) {
    throw new SeedDataError(
      name,
      parsed.error.issues.map((issue) => formatIssue(raw, issue, lineOf)),
    );
  }
  const problems = checkReferences(parsed.data).map(
    ({ path, message }) => `${lineOf(path)}${describePath(raw, path)}: ${message}`,
  );
  if (problems.length > 0) throw new SeedDataError(name, problems);
  return parsed.data;
}

function formatIssue(raw: unknown, issue: z.core.$ZodIssue, lineOf: (path: Path) => string): string {
  const path = issue.path as Path;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys')
    message = `unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && message.includes('received undefined'))
    message = `missing: expected ${issue.expected}`;
  return `${lineOf(path)}${describePath(raw, path)}: ${message}`;
}

type Problem = { path: Path; message: string };

/** Entries whose chain of parents comes back to themselves (A under B under A). */
function parentCycles(section: 'organizations' | 'topics', entries: { slug: string; parent?: string }[]): Problem[] {
  const parentOf = new Map(entries.map((entry) => [entry.slug, entry.parent]));
  const problems: Problem[] = [];
  entries.forEach((entry, index) => {
    const seen = new Set([entry.slug]);
    for (let parent = entry.parent; parent !== undefined; parent = parentOf.get(parent)) {
      if (parent === entry.slug) {
        problems.push({
          path: [section, index, 'parent'],
          message: `"${entry.slug}" is its own ancestor (${[...seen].join(' → ')} → ${entry.slug})`,
        });
        break;
      }
      if (seen.has(parent)) break; // a cycle further up, reported on its own members
      seen.add(parent);
    }
  });
  return problems;
}

/** Every slug used must be defined once; the note's mappings must name known entities. */
function checkReferences(data: CuratedData): Problem[] {
  const problems: Problem[] = [];
  const defined = (section: 'sources' | 'organizations' | 'topics' | 'models') => {
    const seen = new Set<string>();
    data[section].forEach((entry, index) => {
      if (seen.has(entry.slug))
        problems.push({ path: [section, index, 'slug'], message: `slug "${entry.slug}" is defined twice` });
      seen.add(entry.slug);
    });
    return seen;
  };
  const sources = defined('sources');
  const organizations = defined('organizations');
  const topics = defined('topics');
  const models = defined('models');
  const expect = (set: Set<string>, what: string, slug: string | undefined, path: Path) => {
    if (slug !== undefined && !set.has(slug)) problems.push({ path, message: `unknown ${what} "${slug}"` });
  };

  data.organizations.forEach((entry, index) => {
    expect(organizations, 'organization', entry.parent, ['organizations', index, 'parent']);
  });
  data.topics.forEach((entry, index) => {
    expect(topics, 'topic', entry.parent, ['topics', index, 'parent']);
  });
  problems.push(...parentCycles('organizations', data.organizations), ...parentCycles('topics', data.topics));
  data.models.forEach((entry, index) => {
    entry.developers.forEach((developer, at) => {
      const organization = typeof developer === 'string' ? developer : developer.organization;
      expect(organizations, 'organization', organization, ['models', index, 'developers', at]);
    });
    entry.topics.forEach((topic, at) => {
      expect(topics, 'topic', topic, ['models', index, 'topics', at]);
    });
    const claimed = new Set<string>();
    const preferred = new Set<string>();
    entry.claims.forEach((claim, at) => {
      expect(sources, 'source', claim.source, ['models', index, 'claims', at, 'source']);
      // A source states one value per property; a second one would overwrite the first.
      if (claim.preferred && claim.deprecated) {
        problems.push({
          path: ['models', index, 'claims', at],
          message: 'a claim cannot be both preferred and deprecated',
        });
      }
      if (claim.preferred) {
        if (preferred.has(claim.property)) {
          problems.push({
            path: ['models', index, 'claims', at, 'preferred'],
            message: `a second preferred ${claim.property} claim`,
          });
        }
        preferred.add(claim.property);
      }
      const key = `${claim.property}:${claim.source}`;
      if (claimed.has(key)) {
        problems.push({
          path: ['models', index, 'claims', at],
          message: `a second ${claim.property} claim from source "${claim.source}"`,
        });
      }
      claimed.add(key);
    });
  });
  data.lineage.forEach((edge, index) => {
    expect(models, 'model', edge.child, ['lineage', index, 'child']);
    expect(models, 'model', edge.parent, ['lineage', index, 'parent']);
    expect(sources, 'source', edge.source, ['lineage', index, 'source']);
    if (edge.child === edge.parent)
      problems.push({ path: ['lineage', index], message: 'a model cannot derive from itself' });
  });
  const seenUrls = new Set<string>();
  data.articles.forEach((article, index) => {
    if (seenUrls.has(article.url))
      problems.push({ path: ['articles', index, 'url'], message: 'this article is listed twice' });
    seenUrls.add(article.url);
    for (const slug of Object.keys(article.models)) expect(models, 'model', slug, ['articles', index, 'models', slug]);
    for (const slug of Object.keys(article.organizations))
      expect(organizations, 'organization', slug, ['articles', index, 'organizations', slug]);
    for (const slug of Object.keys(article.topics)) expect(topics, 'topic', slug, ['articles', index, 'topics', slug]);
  });
  expect(sources, 'source', data.note.source, ['note', 'source']);
  for (const [text, slug] of Object.entries(data.note.owners))
    expect(organizations, 'organization', slug, ['note', 'owners', text]);
  for (const [text, slug] of Object.entries(data.note.models)) expect(models, 'model', slug, ['note', 'models', text]);
  for (const slug of Object.keys(data.note.contradicted)) expect(models, 'model', slug, ['note', 'contradicted', slug]);
  for (const [row, readings] of Object.entries(data.note.parameterReadings)) {
    for (const [value, slugs] of Object.entries(readings)) {
      slugs.forEach((slug, at) => {
        expect(models, 'model', slug, ['note', 'parameterReadings', row, value, at]);
      });
    }
  }
  return problems;
}
