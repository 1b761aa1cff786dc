/**
 * Imports the user's note and the curated data into the graph, in one transaction.
 *
 * Idempotent: entities are matched by their stable keys (slug, normalized URL, edge endpoints)
 * and only written when something differs, so a second run writes nothing. Additive: an entry
 * removed from the file is not deleted from the database (other importers, such as Epoch's, may
 * refer to it); delete it with a migration or by hand.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Prisma, PrismaClient } from '../src/db/client.js';
import { dateValue } from '../src/domain/dates.js';
import { normalizeArticleUrl, normalizeName } from '../src/domain/normalize.js';
import { parseParameterCount } from '../src/domain/parameters.js';
import { rebuildSearchIndex } from '../src/search/index-sqlite.js';
import { loadCuratedData, SeedDataError } from './curated.js';
import type { CuratedData } from './curated-schema.js';
import { type NoteTableRow, parseNote } from './note.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The files `npm run seed` reads by default. */
export const DEFAULT_SEED_FILES = {
  curated: join(here, 'data', 'curated.yaml'),
  note: join(here, 'data', 'chatgpt-note.md'),
};

/** Slug of the source standing for the maintainers' own curation (developer and topic edges). */
export const CURATED_SOURCE_SLUG = 'llm-atlas-curated';

type Tx = Prisma.TransactionClient;
type Count = { created: number; updated: number; unchanged: number };
/** What a seed run did, per kind of record. */
export type SeedSummary = Record<
  | 'sources'
  | 'organizations'
  | 'aliases'
  | 'topics'
  | 'models'
  | 'developers'
  | 'modelTopics'
  | 'claims'
  | 'lineage'
  | 'articles'
  | 'coverage',
  Count
>;

function emptySummary(): SeedSummary {
  const count = () => ({ created: 0, updated: 0, unchanged: 0 });
  return {
    sources: count(),
    organizations: count(),
    aliases: count(),
    topics: count(),
    models: count(),
    developers: count(),
    modelTopics: count(),
    claims: count(),
    lineage: count(),
    articles: count(),
    coverage: count(),
  };
}

/** "2020-05" → 2020-05-01 UTC; null when not given. */
function toDate(text: string | undefined): Date | null {
  return text ? dateValue(text) : null;
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? null) === (b ?? null);
}

/** The fields of `data` whose value differs from `existing` (undefined when none). */
function changes<T extends Record<string, unknown>>(
  existing: Record<string, unknown>,
  data: T,
): Partial<T> | undefined {
  const diff: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(data) as (keyof T & string)[]) {
    if (!same(existing[key], data[key])) {
      diff[key] = data[key];
      any = true;
    }
  }
  return any ? diff : undefined;
}

/** Options of {@link seedDatabase}. */
export type SeedOptions = {
  /** The curated YAML file. @default seed/data/curated.yaml */
  curatedFile?: string;
  /** The user's markdown note. @default seed/data/chatgpt-note.md */
  noteFile?: string;
};

/**
 * Reads and checks both files, then writes everything in one transaction: a bad file throws
 * {@link SeedDataError} before anything is written, and a failure while writing rolls back.
 */
export async function seedDatabase(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedSummary> {
  const curatedFile = options.curatedFile ?? DEFAULT_SEED_FILES.curated;
  const noteFile = options.noteFile ?? DEFAULT_SEED_FILES.note;
  const data = loadCuratedData(curatedFile);
  let noteText: string;
  try {
    noteText = readFileSync(noteFile, 'utf8');
  } catch (error) {
    throw new SeedDataError(noteFile, [`cannot read the file: ${(error as Error).message}`]);
  }
  const note = parseNote(noteText);
  const plan = planNoteTable(note.table, data, noteFile);

  const summary = emptySummary();
  await prisma.$transaction(
    async (tx) => {
      const sources = await syncSources(tx, data, summary);
      const organizations = await syncOrganizations(tx, data, summary);
      const topics = await syncTopics(tx, data, summary);
      const models = await syncModels(tx, data, { sources, organizations, topics }, summary);
      await syncLineage(tx, data, { sources, models }, summary);
      await syncNoteTable(tx, plan, { sources, organizations, models, noteSource: data.note.source }, summary);
      await syncArticles(tx, data, note.links, { sources, organizations, topics, models }, summary);
      await rebuildSearchIndex(tx);
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return summary;
}

type Ids = Map<string, number>;

async function syncSources(tx: Tx, data: CuratedData, summary: SeedSummary): Promise<Ids> {
  const existing = new Map((await tx.source.findMany()).map((row) => [row.slug, row]));
  const ids: Ids = new Map();
  const entries = [
    ...data.sources,
    {
      slug: CURATED_SOURCE_SLUG,
      kind: 'CURATED' as const,
      title: 'llm-atlas curated data',
      description:
        'Facts curated by the llm-atlas maintainers from the sources cited beside them (seed/data/curated.yaml).',
    },
  ];
  for (const entry of entries) {
    const row = {
      kind: entry.kind,
      title: entry.title,
      url: 'url' in entry ? (entry.url ?? null) : null,
      publisher: 'publisher' in entry ? (entry.publisher ?? null) : null,
      publishedAt: toDate('publishedAt' in entry ? entry.publishedAt : undefined),
      license: 'license' in entry ? (entry.license ?? null) : null,
      attribution: 'attribution' in entry ? (entry.attribution ?? null) : null,
      description: entry.description ?? null,
    };
    const found = existing.get(entry.slug);
    if (!found) {
      const created = await tx.source.create({ data: { slug: entry.slug, ...row } });
      ids.set(entry.slug, created.id);
      summary.sources.created += 1;
      continue;
    }
    ids.set(entry.slug, found.id);
    const diff = changes(found, row);
    if (diff) {
      await tx.source.update({ where: { id: found.id }, data: diff });
      summary.sources.updated += 1;
    } else summary.sources.unchanged += 1;
  }
  return ids;
}

async function syncAliases(
  tx: Tx,
  kind: 'organization' | 'model',
  ownerId: number,
  aliases: string[],
  existing: Set<string>,
  summary: SeedSummary,
): Promise<void> {
  const seen = new Set<string>();
  for (const alias of aliases) {
    const normalized = normalizeName(alias);
    if (normalized === '' || seen.has(normalized)) continue;
    seen.add(normalized);
    if (existing.has(`${ownerId}:${normalized}`)) {
      summary.aliases.unchanged += 1;
      continue;
    }
    if (kind === 'organization')
      await tx.organizationAlias.create({ data: { organizationId: ownerId, alias, normalized } });
    else await tx.modelAlias.create({ data: { modelId: ownerId, alias, normalized } });
    summary.aliases.created += 1;
  }
}

async function syncOrganizations(tx: Tx, data: CuratedData, summary: SeedSummary): Promise<Ids> {
  const existing = new Map((await tx.organization.findMany()).map((row) => [row.slug, row]));
  const aliases = new Set(
    (await tx.organizationAlias.findMany()).map((row) => `${row.organizationId}:${row.normalized}`),
  );
  const ids: Ids = new Map();
  // Two passes: parents may come later in the file than their children.
  for (const entry of data.organizations) {
    const row = {
      name: entry.name,
      nameZh: entry.nameZh ?? null,
      kind: entry.kind,
      country: entry.country ?? null,
      website: entry.website ?? null,
      foundedYear: entry.foundedYear ?? null,
      wikidataId: entry.wikidataId ?? null,
      description: entry.description ?? null,
    };
    const found = existing.get(entry.slug);
    if (!found) {
      const created = await tx.organization.create({ data: { slug: entry.slug, ...row } });
      ids.set(entry.slug, created.id);
      summary.organizations.created += 1;
    } else {
      ids.set(entry.slug, found.id);
      const diff = changes(found, row);
      if (diff) {
        await tx.organization.update({ where: { id: found.id }, data: diff });
        summary.organizations.updated += 1;
      } else summary.organizations.unchanged += 1;
    }
  }
  for (const entry of data.organizations) {
    const id = ids.get(entry.slug) as number;
    const parentId = entry.parent ? (ids.get(entry.parent) ?? null) : null;
    const found = existing.get(entry.slug);
    if ((found?.parentId ?? null) !== parentId) {
      await tx.organization.update({ where: { id }, data: { parentId } });
      if (found) summary.organizations.updated += 1;
    }
    await syncAliases(tx, 'organization', id, entry.aliases, aliases, summary);
  }
  return ids;
}

async function syncTopics(tx: Tx, data: CuratedData, summary: SeedSummary): Promise<Ids> {
  const existing = new Map((await tx.topic.findMany()).map((row) => [row.slug, row]));
  const ids: Ids = new Map();
  for (const entry of data.topics) {
    const row = { name: entry.name, nameZh: entry.nameZh ?? null, description: entry.description ?? null };
    const found = existing.get(entry.slug);
    if (!found) {
      const created = await tx.topic.create({ data: { slug: entry.slug, ...row } });
      ids.set(entry.slug, created.id);
      summary.topics.created += 1;
    } else {
      ids.set(entry.slug, found.id);
      const diff = changes(found, row);
      if (diff) {
        await tx.topic.update({ where: { id: found.id }, data: diff });
        summary.topics.updated += 1;
      } else summary.topics.unchanged += 1;
    }
  }
  for (const entry of data.topics) {
    const parentId = entry.parent ? (ids.get(entry.parent) ?? null) : null;
    const found = existing.get(entry.slug);
    if ((found?.parentId ?? null) !== parentId) {
      await tx.topic.update({ where: { id: ids.get(entry.slug) as number }, data: { parentId } });
      if (found) summary.topics.updated += 1;
    }
  }
  return ids;
}

type Claim = {
  modelId: number;
  property: Prisma.ClaimCreateManyInput['property'];
  value: string;
  sourceId: number;
  locator: string | null;
  quote: string | null;
  confidence: Prisma.ClaimCreateManyInput['confidence'];
  note: string | null;
};

/** Creates or updates one claim, keyed by (model, property, source). */
async function syncClaim(
  tx: Tx,
  claim: Claim,
  existing: Map<string, Record<string, unknown> & { id: number }>,
  summary: SeedSummary,
) {
  const key = `${claim.modelId}:${claim.property}:${claim.sourceId}`;
  const found = existing.get(key);
  if (!found) {
    const created = await tx.claim.create({ data: claim });
    existing.set(key, created);
    summary.claims.created += 1;
    return;
  }
  const diff = changes(found, claim);
  if (diff) {
    existing.set(key, await tx.claim.update({ where: { id: found.id }, data: diff }));
    summary.claims.updated += 1;
  } else summary.claims.unchanged += 1;
}

async function loadClaims(tx: Tx) {
  return new Map(
    (await tx.claim.findMany()).map((row) => [
      `${row.modelId}:${row.property}:${row.sourceId}`,
      row as typeof row & Record<string, unknown>,
    ]),
  );
}

async function syncModels(
  tx: Tx,
  data: CuratedData,
  refs: { sources: Ids; organizations: Ids; topics: Ids },
  summary: SeedSummary,
): Promise<Ids> {
  const existing = new Map((await tx.model.findMany()).map((row) => [row.slug, row]));
  const aliases = new Set((await tx.modelAlias.findMany()).map((row) => `${row.modelId}:${row.normalized}`));
  const developers = new Set((await tx.modelDeveloper.findMany()).map((row) => `${row.modelId}:${row.organizationId}`));
  const modelTopics = new Set((await tx.modelTopic.findMany()).map((row) => `${row.modelId}:${row.topicId}`));
  const claims = await loadClaims(tx);
  const curatedSource = refs.sources.get(CURATED_SOURCE_SLUG) as number;
  const ids: Ids = new Map();

  for (const entry of data.models) {
    const row = {
      name: entry.name,
      nameZh: entry.nameZh ?? null,
      family: entry.family ?? null,
      releaseDate: toDate(entry.releaseDate),
      parameters: entry.parameters ?? null,
      architecture: entry.architecture ?? null,
      openWeights: entry.openWeights ?? null,
      arxivId: entry.arxivId ?? null,
      paperUrl: entry.paperUrl ?? (entry.arxivId ? `https://arxiv.org/abs/${entry.arxivId}` : null),
      paperTitle: entry.paperTitle ?? null,
      wikidataId: entry.wikidataId ?? null,
      description: entry.description ?? null,
    };
    const found = existing.get(entry.slug);
    let id: number;
    if (!found) {
      id = (await tx.model.create({ data: { slug: entry.slug, ...row } })).id;
      summary.models.created += 1;
    } else {
      id = found.id;
      const diff = changes(found, row);
      if (diff) {
        await tx.model.update({ where: { id }, data: diff });
        summary.models.updated += 1;
      } else summary.models.unchanged += 1;
    }
    ids.set(entry.slug, id);
    await syncAliases(tx, 'model', id, entry.aliases, aliases, summary);

    for (const developer of entry.developers) {
      const organizationSlug = typeof developer === 'string' ? developer : developer.organization;
      const role = typeof developer === 'string' ? 'DEVELOPER' : developer.role;
      const organizationId = refs.organizations.get(organizationSlug) as number;
      if (developers.has(`${id}:${organizationId}`)) {
        summary.developers.unchanged += 1;
        continue;
      }
      await tx.modelDeveloper.create({ data: { modelId: id, organizationId, role, sourceId: curatedSource } });
      developers.add(`${id}:${organizationId}`);
      summary.developers.created += 1;
    }
    for (const topic of entry.topics) {
      const topicId = refs.topics.get(topic) as number;
      if (modelTopics.has(`${id}:${topicId}`)) {
        summary.modelTopics.unchanged += 1;
        continue;
      }
      await tx.modelTopic.create({ data: { modelId: id, topicId } });
      modelTopics.add(`${id}:${topicId}`);
      summary.modelTopics.created += 1;
    }
    for (const claim of entry.claims) {
      await syncClaim(
        tx,
        {
          modelId: id,
          property: claim.property,
          value: String(claim.value),
          sourceId: refs.sources.get(claim.source) as number,
          locator: claim.locator ?? null,
          quote: claim.quote ?? null,
          confidence: claim.confidence,
          note: claim.note ?? null,
        },
        claims,
        summary,
      );
    }
  }
  return ids;
}

async function syncLineage(tx: Tx, data: CuratedData, refs: { sources: Ids; models: Ids }, summary: SeedSummary) {
  const existing = new Map(
    (await tx.modelLineage.findMany()).map((row) => [`${row.childId}:${row.parentId}:${row.kind}`, row]),
  );
  for (const edge of data.lineage) {
    const childId = refs.models.get(edge.child) as number;
    const parentId = refs.models.get(edge.parent) as number;
    const row = { note: edge.note ?? null, sourceId: refs.sources.get(edge.source) ?? null };
    const found = existing.get(`${childId}:${parentId}:${edge.kind}`);
    if (!found) {
      await tx.modelLineage.create({ data: { childId, parentId, kind: edge.kind, ...row } });
      summary.lineage.created += 1;
      continue;
    }
    const diff = changes(found, row);
    if (diff) {
      await tx.modelLineage.update({ where: { id: found.id }, data: diff });
      summary.lineage.updated += 1;
    } else summary.lineage.unchanged += 1;
  }
}

/** What the note's table says, resolved to graph slugs before anything is written. */
type TablePlan = {
  owners: { row: NoteTableRow; organization: string; models: string[] }[];
  claims: { row: NoteTableRow; model: string; value: bigint; written: string }[];
};

/**
 * Pairs each row's names with its values: by the curated `parameterReadings` where given, else
 * one to one when the counts agree, else one value for every name. Anything else is an error
 * asking for a reading, so no value is ever guessed onto a model.
 */
function planNoteTable(rows: NoteTableRow[], data: CuratedData, noteFile: string): TablePlan {
  const problems: string[] = [];
  const plan: TablePlan = { owners: [], claims: [] };
  const claimed = new Set<string>();
  for (const row of rows) {
    const where = `line ${row.line} (row "${row.modelCell}")`;
    const organization = data.note.owners[row.owner];
    if (!organization) problems.push(`${where}: owner "${row.owner}" has no mapping in curated.yaml note.owners`);
    const models = row.models.map((name) => {
      const slug = data.note.models[name];
      if (!slug) problems.push(`${where}: model "${name}" has no mapping in curated.yaml note.models`);
      return slug;
    });
    const pairs: { model: string; written: string }[] = [];
    const readings = data.note.parameterReadings[row.modelCell];
    if (readings) {
      for (const written of row.parameters) {
        const slugs = readings[written];
        if (!slugs) problems.push(`${where}: value "${written}" has no entry in note.parameterReadings`);
        for (const model of slugs ?? []) pairs.push({ model, written });
      }
    } else if (row.parameters.length === models.length) {
      models.forEach((model, index) => {
        if (model) pairs.push({ model, written: row.parameters[index] as string });
      });
    } else if (row.parameters.length === 1) {
      for (const model of models) if (model) pairs.push({ model, written: row.parameters[0] as string });
    } else {
      problems.push(
        `${where}: ${models.length} name(s) and ${row.parameters.length} value(s) do not pair; add note.parameterReadings["${row.modelCell}"] to curated.yaml`,
      );
    }
    const rowModels = new Set<string>(models.filter((model): model is string => Boolean(model)));
    for (const pair of pairs) {
      rowModels.add(pair.model);
      if (claimed.has(pair.model)) {
        problems.push(`${where}: the note would give model "${pair.model}" two parameter counts`);
        continue;
      }
      claimed.add(pair.model);
      try {
        plan.claims.push({ row, model: pair.model, value: parseParameterCount(pair.written), written: pair.written });
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
    }
    if (organization) plan.owners.push({ row, organization, models: [...rowModels] });
  }
  if (problems.length > 0) throw new SeedDataError(noteFile, problems);
  return plan;
}

async function syncNoteTable(
  tx: Tx,
  plan: TablePlan,
  refs: { sources: Ids; organizations: Ids; models: Ids; noteSource: string },
  summary: SeedSummary,
) {
  const sourceId = refs.sources.get(refs.noteSource) as number;
  const developers = new Set((await tx.modelDeveloper.findMany()).map((row) => `${row.modelId}:${row.organizationId}`));
  const claims = await loadClaims(tx);
  for (const { organization, models } of plan.owners) {
    const organizationId = refs.organizations.get(organization) as number;
    for (const model of models) {
      const modelId = refs.models.get(model) as number;
      if (developers.has(`${modelId}:${organizationId}`)) {
        summary.developers.unchanged += 1;
        continue;
      }
      await tx.modelDeveloper.create({ data: { modelId, organizationId, sourceId } });
      developers.add(`${modelId}:${organizationId}`);
      summary.developers.created += 1;
    }
  }
  for (const claim of plan.claims) {
    await syncClaim(
      tx,
      {
        modelId: refs.models.get(claim.model) as number,
        property: 'PARAMETERS',
        value: claim.value.toString(),
        sourceId,
        locator: `model table, row "${claim.row.modelCell}" (line ${claim.row.line})`,
        quote: claim.row.parameterCell,
        confidence: 'UNKNOWN',
        note: claim.written === claim.row.parameterCell ? null : `read as ${claim.written}`,
      },
      claims,
      summary,
    );
  }
}

const SITES: [RegExp, Prisma.ArticleCreateInput['site']][] = [
  [/(^|\.)weixin\.qq\.com$/, 'WECHAT'],
  [/(^|\.)zhihu\.com$/, 'ZHIHU'],
  [/(^|\.)arxiv\.org$/, 'ARXIV'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'YOUTUBE'],
  [/(^|\.)github\.com$/, 'GITHUB'],
];

/** The site of a URL, from its host. */
export function siteOf(url: string): Prisma.ArticleCreateInput['site'] {
  const host = new URL(url).hostname;
  return SITES.find(([pattern]) => pattern.test(host))?.[1] ?? 'OTHER';
}

async function syncArticles(
  tx: Tx,
  data: CuratedData,
  links: ReturnType<typeof parseNote>['links'],
  refs: { sources: Ids; organizations: Ids; topics: Ids; models: Ids },
  summary: SeedSummary,
) {
  const noteSourceId = refs.sources.get(data.note.source) as number;
  const curatedByUrl = new Map(data.articles.map((article) => [normalizeArticleUrl(article.url), article]));
  const existing = new Map((await tx.article.findMany()).map((row) => [row.url, row]));
  const noteUrls = new Set<string>();
  const articles: {
    url: string;
    row: Omit<Prisma.ArticleCreateManyInput, 'url'>;
    curated?: CuratedData['articles'][number];
  }[] = [];

  for (const link of links) {
    const url = normalizeArticleUrl(link.url);
    if (noteUrls.has(url)) continue; // the same article linked twice
    noteUrls.add(url);
    const curated = curatedByUrl.get(url);
    const site = curated?.site ?? siteOf(url);
    articles.push({
      url,
      curated,
      row: {
        title: link.title,
        language: curated?.language ?? (/[\u4e00-\u9fff]/.test(link.title) ? 'zh-Hans' : 'en'),
        site,
        kind: curated?.kind ?? (site === 'ZHIHU' && url.includes('/question/') ? 'QA' : 'BLOG_POST'),
        summary: curated?.summary ?? null,
        excerpt: link.excerpt ?? null,
        publishedAt: toDate(curated?.publishedAt),
        sourceId: noteSourceId,
      },
    });
  }
  for (const [url, curated] of curatedByUrl) {
    if (noteUrls.has(url)) continue;
    if (!curated.title) {
      throw new SeedDataError('curated.yaml', [`articles (${curated.url}): not in the note, so it needs a title`]);
    }
    const site = curated.site ?? siteOf(url);
    articles.push({
      url,
      curated,
      row: {
        title: curated.title,
        language: curated.language ?? 'en',
        site,
        kind: curated.kind,
        summary: curated.summary ?? null,
        excerpt: null,
        publishedAt: toDate(curated.publishedAt),
        sourceId: refs.sources.get(CURATED_SOURCE_SLUG) ?? null,
      },
    });
  }

  const coverage = await loadCoverage(tx);
  for (const { url, row, curated } of articles) {
    const found = existing.get(url);
    let articleId: number;
    if (!found) {
      articleId = (await tx.article.create({ data: { url, ...row } })).id;
      summary.articles.created += 1;
    } else {
      articleId = found.id;
      const diff = changes(found, row);
      if (diff) {
        await tx.article.update({ where: { id: articleId }, data: diff });
        summary.articles.updated += 1;
      } else summary.articles.unchanged += 1;
    }
    if (!curated) continue;
    for (const kind of ['models', 'organizations', 'topics'] as const) {
      for (const [slug, relevance] of Object.entries(curated[kind])) {
        const entityId = refs[kind].get(slug) as number;
        const before = coverage[kind].get(`${articleId}:${entityId}`);
        if (before === relevance) {
          summary.coverage.unchanged += 1;
          continue;
        }
        await writeCoverage(tx, kind, articleId, entityId, relevance, before ? 'update' : 'create');
        summary.coverage[before ? 'updated' : 'created'] += 1;
      }
    }
  }
}

type CoverageKind = 'models' | 'organizations' | 'topics';
type RelevanceValue = 'MAIN' | 'MENTION';

/** Existing coverage edges per kind, keyed "articleId:entityId". */
async function loadCoverage(tx: Tx): Promise<Record<CoverageKind, Map<string, RelevanceValue>>> {
  const [models, organizations, topics] = await Promise.all([
    tx.articleModel.findMany(),
    tx.articleOrganization.findMany(),
    tx.articleTopic.findMany(),
  ]);
  return {
    models: new Map(models.map((row) => [`${row.articleId}:${row.modelId}`, row.relevance])),
    organizations: new Map(organizations.map((row) => [`${row.articleId}:${row.organizationId}`, row.relevance])),
    topics: new Map(topics.map((row) => [`${row.articleId}:${row.topicId}`, row.relevance])),
  };
}

/** Creates or updates one coverage edge; the three edge tables differ only in their column names. */
async function writeCoverage(
  tx: Tx,
  kind: CoverageKind,
  articleId: number,
  entityId: number,
  relevance: RelevanceValue,
  action: 'create' | 'update',
) {
  if (kind === 'models') {
    const key = { articleId, modelId: entityId };
    if (action === 'create') await tx.articleModel.create({ data: { ...key, relevance } });
    else await tx.articleModel.update({ where: { articleId_modelId: key }, data: { relevance } });
  } else if (kind === 'organizations') {
    const key = { articleId, organizationId: entityId };
    if (action === 'create') await tx.articleOrganization.create({ data: { ...key, relevance } });
    else await tx.articleOrganization.update({ where: { articleId_organizationId: key }, data: { relevance } });
  } else {
    const key = { articleId, topicId: entityId };
    if (action === 'create') await tx.articleTopic.create({ data: { ...key, relevance } });
    else await tx.articleTopic.update({ where: { articleId_topicId: key }, data: { relevance } });
  }
}

/** One line per kind of record: "models: 12 created, 0 updated, 3 unchanged". */
export function formatSeedSummary(summary: SeedSummary): string {
  return Object.entries(summary)
    .map(
      ([kind, count]) => `  ${kind}: ${count.created} created, ${count.updated} updated, ${count.unchanged} unchanged`,
    )
    .join('\n');
}
