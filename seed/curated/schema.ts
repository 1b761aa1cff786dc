/**
 * The shape of `seed/data/curated.yaml`: what the maintainers add to the user's note, each fact
 * with a source. Validated with zod; an error names the file, the entry and the field.
 */
import { z } from 'zod';
import { formatDate, parsePartialDate } from '../../src/domain/dates.js';
import {
  ArticleKind,
  ArticleSite,
  ClaimProperty,
  Confidence,
  DeveloperRole,
  LineageKind,
  OrganizationKind,
  Relevance,
  SourceKind,
} from '../../src/domain/enums.js';
import { foundedYear, slug, url } from '../../src/domain/fields.js';
import { parseParameterCount } from '../../src/domain/parameters.js';

export { slug };

/** YYYY, YYYY-MM or YYYY-MM-DD, a date of the calendar; YAML reads 2020-05-28 unquoted as a Date: both are taken, as text. */
const dateText = z.preprocess(
  (value) => (value instanceof Date ? formatDate(value) : value),
  z
    .string()
    .refine(
      (text) => parsePartialDate(text) !== undefined,
      'an ISO date: YYYY, YYYY-MM or YYYY-MM-DD, of the calendar',
    ),
);

const parameters = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseParameterCount(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const relevance = z.enum(Relevance);
const confidence = z.enum(Confidence);

export const SourceEntry = z.strictObject({
  slug,
  kind: z.enum(SourceKind),
  title: z.string().min(1),
  url: url.optional(),
  publisher: z.string().optional(),
  publishedAt: dateText.optional(),
  license: z.string().optional(),
  attribution: z.string().optional(),
  description: z.string().optional(),
});

export const OrganizationEntry = z.strictObject({
  slug,
  name: z.string().min(1),
  nameZh: z.string().optional(),
  aliases: z.array(z.string().min(1)).default([]),
  kind: z.enum(OrganizationKind),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US or CN')
    .optional(),
  website: url.optional(),
  foundedYear: foundedYear.optional(),
  wikidataId: z
    .string()
    .regex(/^Q\d+$/, 'a Wikidata id such as Q21708200')
    .optional(),
  parent: slug.optional(),
  description: z.string().optional(),
});

/** What every claim carries besides its property and value. */
const claimCitation = {
  source: slug,
  confidence: confidence.default('UNKNOWN'),
  quote: z.string().optional(),
  locator: z.string().optional(),
  note: z.string().optional(),
  /**
   * The curators' choice: this claim gives the model's value, whatever the ranking rule would
   * pick (`true`, or the reason). At most one per property of a model.
   */
  preferred: z.union([z.literal(true), z.string().min(1)]).optional(),
  /** The claim is wrong: kept and shown, never preferred. The value is the reason, with what says so. */
  deprecated: z.string().min(1).optional(),
};

/** A sourced value of one property of a model; the value's form depends on the property. */
export const ClaimEntry = z.discriminatedUnion('property', [
  z.strictObject({ property: z.literal('PARAMETERS'), value: parameters, ...claimCitation }),
  z.strictObject({ property: z.literal('RELEASE_DATE'), value: dateText, ...claimCitation }),
  z.strictObject({
    property: z.enum(ClaimProperty).exclude(['PARAMETERS', 'RELEASE_DATE']),
    value: z.union([z.string().min(1), z.boolean(), z.number()]).transform(String),
    ...claimCitation,
  }),
]);

export const ModelEntry = z.strictObject({
  slug,
  name: z.string().min(1),
  nameZh: z.string().optional(),
  aliases: z.array(z.string().min(1)).default([]),
  family: z.string().optional(),
  /** Organization slugs; the first is the main developer. `{ slug, role }` for a co-developer. */
  developers: z
    .array(z.union([slug, z.strictObject({ organization: slug, role: z.enum(DeveloperRole) })]))
    .min(1, 'at least one developing organization'),
  architecture: z.string().optional(),
  arxivId: z
    .string()
    .regex(/^\d{4}\.\d{4,5}$/, 'an arXiv id such as 2005.14165')
    .optional(),
  paperUrl: url.optional(),
  paperTitle: z.string().optional(),
  wikidataId: z
    .string()
    .regex(/^Q\d+$/, 'a Wikidata id such as Q115564437')
    .optional(),
  description: z.string().optional(),
  topics: z.array(slug).default([]),
  claims: z.array(ClaimEntry).default([]),
});

export const LineageEntry = z.strictObject({
  child: slug,
  parent: slug,
  kind: z.enum(LineageKind),
  note: z.string().optional(),
  source: slug,
});

export const TopicEntry = z.strictObject({
  slug,
  name: z.string().min(1),
  nameZh: z.string().optional(),
  description: z.string().optional(),
  parent: slug.optional(),
});

/** Slug → how central it is to the article. */
const coverage = z.record(slug, relevance).default({});

export const ArticleEntry = z.strictObject({
  url,
  /** Only for articles that are not in the note; the note's articles take their title from it. */
  title: z.string().min(1).optional(),
  language: z.string().optional(),
  site: z.enum(ArticleSite).optional(),
  kind: z.enum(ArticleKind),
  summary: z.string().optional(),
  publishedAt: dateText.optional(),
  models: coverage,
  organizations: coverage,
  topics: coverage,
  /** What the coverage above was judged from (e.g. `title` when only the title was read, `full text`). */
  coverageBasis: z.string().min(1).optional(),
  /** How sure the coverage above is. @default UNKNOWN */
  coverageConfidence: confidence.optional(),
});

/**
 * How to read the note's table: the note's names for owners and models mapped to graph slugs,
 * and, for rows whose names and values do not pair one-to-one, which value belongs to which model.
 */
export const NoteReading = z.strictObject({
  /** The source the note's facts are cited to. */
  source: slug,
  /** Owner cell text → organization slug. */
  owners: z.record(z.string(), slug),
  /** Model name as the table writes it (after splitting on "/") → model slug. */
  models: z.record(z.string(), slug),
  /** Row (model cell text) → parameter value as written → model slugs it is claimed for. */
  parameterReadings: z.record(z.string(), z.record(z.string(), z.array(slug).min(1))).default({}),
  /**
   * Model slug → why the note's parameter count for it is wrong, citing what says so: the note's
   * claim stays as written, DEPRECATED with this reason.
   */
  contradicted: z.record(slug, z.string().min(1)).default({}),
});

export const CuratedData = z.strictObject({
  sources: z.array(SourceEntry),
  organizations: z.array(OrganizationEntry),
  topics: z.array(TopicEntry),
  models: z.array(ModelEntry),
  lineage: z.array(LineageEntry),
  articles: z.array(ArticleEntry),
  note: NoteReading,
});

export type CuratedData = z.output<typeof CuratedData>;
export type ModelEntry = z.output<typeof ModelEntry>;
