/**
 * The seed as a mapping: the curated data and the user's note, read and checked, become the
 * write layer's inputs. Pure: nothing here reads or writes the database, so every reading of the
 * note's table is decided (or refused with a reason) before the first write.
 */
import { siteOf } from '../../src/domain/articles.js';
import { dateValue } from '../../src/domain/dates.js';
import { normalizeArticleUrl } from '../../src/domain/normalize.js';
import { parseParameterCount } from '../../src/domain/parameters.js';
import type {
  AliasInput,
  ArticleInput,
  ClaimInput,
  CoverageInput,
  DeveloperInput,
  LineageInput,
  ModelInput,
  ModelTopicInput,
  OrganizationClaimInput,
  OrganizationInput,
  SourceInput,
  TopicInput,
} from '../../src/graph/index.js';
import { SeedDataError } from './load.js';
import type { NoteLink, NoteTableRow, ParsedNote } from './note.js';
import type { CuratedData } from './schema.js';

/** Slug of the source standing for the maintainers' own curation (developer edges, curated-only articles). */
export const CURATED_SOURCE_SLUG = 'llm-atlas-curated';

const CURATED_SOURCE: SourceInput = {
  slug: CURATED_SOURCE_SLUG,
  kind: 'CURATED',
  title: 'llm-atlas curated data',
  url: null,
  publisher: null,
  publishedAt: null,
  license: null,
  attribution: null,
  description:
    'Facts curated by the llm-atlas maintainers from the sources cited beside them (seed/data/curated.yaml).',
};

/** Everything the seed writes, in the write layer's terms; written in this order. */
export type SeedPlan = {
  sources: SourceInput[];
  organizations: OrganizationInput[];
  /** The curated kind and country of each organization: claims the curators prefer over any dataset's. */
  organizationClaims: OrganizationClaimInput[];
  organizationAliases: AliasInput[];
  topics: TopicInput[];
  models: ModelInput[];
  modelAliases: AliasInput[];
  /** The curated developers first: where the note names the same developer, the curated citation stays. */
  developers: DeveloperInput[];
  modelTopics: ModelTopicInput[];
  claims: ClaimInput[];
  lineage: LineageInput[];
  articles: ArticleInput[];
  coverage: CoverageInput[];
};

const optionalDate = (text: string | undefined) => (text ? dateValue(text) : null);

/** Maps the checked curated data and the parsed note onto the write layer. Throws {@link SeedDataError} for a note row it cannot read. */
export function planSeed(data: CuratedData, note: ParsedNote, noteFile: string): SeedPlan {
  const table = readNoteTable(note.table, data, noteFile);
  const noteSource = data.note.source;

  const sources: SourceInput[] = [
    ...data.sources.map((entry) => ({
      slug: entry.slug,
      kind: entry.kind,
      title: entry.title,
      url: entry.url ?? null,
      publisher: entry.publisher ?? null,
      publishedAt: optionalDate(entry.publishedAt),
      license: entry.license ?? null,
      attribution: entry.attribution ?? null,
      description: entry.description ?? null,
    })),
    CURATED_SOURCE,
  ];

  const organizations = data.organizations.map((entry) => ({
    slug: entry.slug,
    name: entry.name,
    nameZh: entry.nameZh ?? null,
    website: entry.website ?? null,
    foundedYear: entry.foundedYear ?? null,
    wikidataId: entry.wikidataId ?? null,
    description: entry.description ?? null,
    parent: entry.parent ?? null,
  }));

  const topics = data.topics.map((entry) => ({
    slug: entry.slug,
    name: entry.name,
    nameZh: entry.nameZh ?? null,
    description: entry.description ?? null,
    parent: entry.parent ?? null,
  }));

  const models = data.models.map((entry) => ({
    slug: entry.slug,
    name: entry.name,
    nameZh: entry.nameZh ?? null,
    family: entry.family ?? null,
    architecture: entry.architecture ?? null,
    arxivId: entry.arxivId ?? null,
    paperUrl: entry.paperUrl ?? null,
    paperTitle: entry.paperTitle ?? null,
    wikidataId: entry.wikidataId ?? null,
    description: entry.description ?? null,
  }));

  const curatedClaims: ClaimInput[] = data.models.flatMap((entry) =>
    entry.claims.map((claim) => ({
      model: entry.slug,
      property: claim.property,
      value: String(claim.value),
      source: claim.source,
      locator: claim.locator ?? null,
      quote: claim.quote ?? null,
      confidence: claim.confidence,
      note: claim.note ?? null,
      assertedRank: claim.deprecated ? ('DEPRECATED' as const) : claim.preferred ? ('PREFERRED' as const) : null,
      assertedReason: claim.deprecated ?? (typeof claim.preferred === 'string' ? claim.preferred : null),
    })),
  );
  const noteClaims: ClaimInput[] = table.claims.map((claim) => ({
    model: claim.model,
    property: 'PARAMETERS',
    value: claim.value.toString(),
    source: noteSource,
    locator: `model table, row "${claim.row.modelCell}" (line ${claim.row.line})`,
    quote: claim.row.parameterCell,
    confidence: 'UNKNOWN',
    note: claim.written === claim.row.parameterCell ? null : `read as ${claim.written}`,
    // The note stays as written; where the public record contradicts it, its claim is deprecated.
    assertedRank: data.note.contradicted[claim.model] ? ('DEPRECATED' as const) : null,
    assertedReason: data.note.contradicted[claim.model] ?? null,
  }));
  const claimedByCurated = new Set(curatedClaims.map((claim) => `${claim.model}:${claim.property}:${claim.source}`));
  const collisions = noteClaims.filter((claim) =>
    claimedByCurated.has(`${claim.model}:${claim.property}:${claim.source}`),
  );
  if (collisions.length > 0) {
    throw new SeedDataError(
      noteFile,
      collisions.map(
        (claim) =>
          `${claim.locator}: the note's table already gives ${claim.model}'s parameter count; curated.yaml must not cite "${noteSource}" for it too`,
      ),
    );
  }

  return {
    sources,
    organizations,
    organizationClaims: data.organizations.flatMap((entry) => {
      const curated = {
        organization: entry.slug,
        source: CURATED_SOURCE_SLUG,
        confidence: 'CONFIDENT' as const,
        assertedRank: 'PREFERRED' as const,
        assertedReason: null,
      };
      return [
        { ...curated, property: 'KIND' as const, value: entry.kind },
        ...(entry.country ? [{ ...curated, property: 'COUNTRY' as const, value: entry.country }] : []),
      ];
    }),
    organizationAliases: data.organizations.flatMap((entry) =>
      entry.aliases.map((alias) => ({ owner: entry.slug, alias })),
    ),
    topics,
    models,
    modelAliases: data.models.flatMap((entry) => entry.aliases.map((alias) => ({ owner: entry.slug, alias }))),
    developers: [
      ...data.models.flatMap((entry) =>
        entry.developers.map((developer) => ({
          model: entry.slug,
          organization: typeof developer === 'string' ? developer : developer.organization,
          role: typeof developer === 'string' ? ('DEVELOPER' as const) : developer.role,
          source: CURATED_SOURCE_SLUG,
        })),
      ),
      ...table.owners.flatMap(({ organization, models }) =>
        models.map((model) => ({ model, organization, source: noteSource })),
      ),
    ],
    modelTopics: data.models.flatMap((entry) => entry.topics.map((topic) => ({ model: entry.slug, topic }))),
    claims: [...curatedClaims, ...noteClaims],
    lineage: data.lineage.map((edge) => ({
      child: edge.child,
      parent: edge.parent,
      kind: edge.kind,
      note: edge.note ?? null,
      source: edge.source,
    })),
    ...planArticles(data, note.links),
  };
}

/** What the note's table says, resolved to graph slugs. */
type NoteTable = {
  owners: { row: NoteTableRow; organization: string; models: string[] }[];
  claims: { row: NoteTableRow; model: string; value: bigint; written: string }[];
};

/**
 * Pairs each row's names with its values: by the curated `parameterReadings` where given, else
 * one to one when the counts agree, else one value for every name. Anything else is an error
 * asking for a reading, so no value is ever guessed onto a model.
 */
function readNoteTable(rows: readonly NoteTableRow[], data: CuratedData, noteFile: string): NoteTable {
  const problems: string[] = [];
  const plan: NoteTable = { owners: [], claims: [] };
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

/**
 * The note's links become articles (title and excerpt from the note, the rest from curated.yaml
 * where it describes them); articles only curated.yaml lists need a title there.
 */
function planArticles(data: CuratedData, links: readonly NoteLink[]): Pick<SeedPlan, 'articles' | 'coverage'> {
  const curatedByUrl = new Map(data.articles.map((article) => [normalizeArticleUrl(article.url), article]));
  const articles: ArticleInput[] = [];
  const coverage: CoverageInput[] = [];
  const noteUrls = new Set<string>();
  const cover = (url: string, curated: CuratedData['articles'][number] | undefined) => {
    if (!curated) return;
    for (const target of ['model', 'organization', 'topic'] as const) {
      for (const [slug, relevance] of Object.entries(curated[`${target}s`])) {
        coverage.push({
          article: url,
          target,
          slug,
          relevance,
          confidence: curated.coverageConfidence ?? 'UNKNOWN',
          basis: curated.coverageBasis ?? null,
        });
      }
    }
  };

  for (const link of links) {
    const url = normalizeArticleUrl(link.url);
    if (noteUrls.has(url)) continue; // the same article linked twice
    noteUrls.add(url);
    const curated = curatedByUrl.get(url);
    const site = curated?.site ?? siteOf(url);
    articles.push({
      url,
      title: link.title,
      language: curated?.language ?? (/[\u4e00-\u9fff]/.test(link.title) ? 'zh-Hans' : 'en'),
      site,
      kind: curated?.kind ?? (site === 'ZHIHU' && url.includes('/question/') ? 'QA' : 'BLOG_POST'),
      summary: curated?.summary ?? null,
      excerpt: link.excerpt ?? null,
      publishedAt: optionalDate(curated?.publishedAt),
      source: data.note.source,
    });
    cover(url, curated);
  }
  for (const [url, curated] of curatedByUrl) {
    if (noteUrls.has(url)) continue;
    if (!curated.title) {
      throw new SeedDataError('curated.yaml', [`articles (${curated.url}): not in the note, so it needs a title`]);
    }
    articles.push({
      url,
      title: curated.title,
      language: curated.language ?? 'en',
      site: curated.site ?? siteOf(url),
      kind: curated.kind,
      summary: curated.summary ?? null,
      excerpt: null,
      publishedAt: optionalDate(curated.publishedAt),
      source: CURATED_SOURCE_SLUG,
    });
    cover(url, curated);
  }
  return { articles, coverage };
}
