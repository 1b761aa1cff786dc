/**
 * Mutations of articles: add many at once (idempotent by URL, for scripts that feed the graph),
 * create one, update, delete, and link or unlink what an article covers.
 */
import { z } from 'zod';
import { siteOf } from '../../domain/articles.js';
import type { ArticleKind as ArticleKindValue, ArticleSite as ArticleSiteValue } from '../../domain/enums.js';
import { languageTag, slug, text, url } from '../../domain/fields.js';
import { normalizeArticleUrl } from '../../domain/normalize.js';
import type { ArticleInput, ArticleUpdate, CoverageInput, GraphWriter } from '../../graph/index.js';
import { type BuilderTypes, builder } from '../builder.js';
import { ArticleKind, ArticleSite, Confidence, Relevance } from '../enums.js';
import { InvalidInputError, WRITE_ERRORS } from './errors.js';
import { expectedVersionField } from './models.js';
import { checkVersion, EDIT, given, requireRole, runWrite, singleItemPaths } from './run.js';
import { validate } from './validate.js';

/** At most this many articles per `addArticles` call. */
export const MAX_ARTICLES_PER_CALL = 100;

export const CoverageTarget = builder.enumType('CoverageTarget', {
  description: 'What kind of entity an article covers.',
  values: {
    MODEL: { description: 'A model.' },
    ORGANIZATION: { description: 'An organization.' },
    TOPIC: { description: 'A topic.' },
  } as const,
});

const CoverageLink = builder.inputType('CoverageLinkInput', {
  description: 'An entity an article covers, and how centrally.',
  fields: (t) => ({
    target: t.field({ type: CoverageTarget, required: true, description: 'What kind of entity.' }),
    slug: t.string({ required: true, description: 'Its slug.' }),
    relevance: t.field({ type: Relevance, required: true, description: 'How central it is to the article.' }),
    confidence: t.field({ type: Confidence, description: 'How sure the judgement is (default UNKNOWN).' }),
    basis: t.string({ description: 'What it was judged from (e.g. `title`).' }),
  }),
});

const articleInputFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  url: t.string({
    required: true,
    description:
      'Its URL, in any spelling: it is normalized (https, no fragment or tracking parameters), and an article is known by it.',
  }),
  title: t.string({ required: true, description: 'Title, as published.' }),
  language: t.string({ required: true, description: 'Language of the text (`zh`, `en`).' }),
  kind: t.field({
    type: ArticleKind,
    description: 'What kind of text (default: PAPER on arXiv, VIDEO on YouTube, else OTHER).',
  }),
  site: t.field({ type: ArticleSite, description: 'Where it is published (default: judged from the URL).' }),
  summary: t.string({ description: 'A summary, in a few sentences.' }),
  excerpt: t.string({ description: 'A short quote from it.' }),
  publishedAt: t.field({ type: 'Date', description: 'When it was published.' }),
  source: t.string({ description: 'The source it was found in (slug).' }),
  covers: t.field({ type: [CoverageLink], description: 'What it covers.' }),
});

const NewArticleInput = builder.inputType('NewArticleInput', {
  description: 'An article to add, with what it covers.',
  fields: articleInputFields,
});

const ArticleSchema = z.object({
  url,
  title: text,
  language: languageTag,
  summary: text.nullish(),
  excerpt: text.nullish(),
  source: slug.nullish(),
  covers: z
    .array(z.object({ slug: z.string(), basis: text.nullish() }).loose())
    .max(100)
    .nullish(),
});

type NewArticle = typeof NewArticleInput.$inferInput;

const DEFAULT_KIND: Partial<Record<ArticleSiteValue, ArticleKindValue>> = { ARXIV: 'PAPER', YOUTUBE: 'VIDEO' };

const TARGET = { MODEL: 'model', ORGANIZATION: 'organization', TOPIC: 'topic' } as const;

/** The write layer's inputs of new articles, and which article and link each coverage input came from. */
function planArticles(articles: readonly NewArticle[]) {
  const inputs: ArticleInput[] = [];
  const coverage: CoverageInput[] = [];
  const coverageAt: [number, number][] = [];
  for (const [index, article] of articles.entries()) {
    const site = article.site ?? siteOf(article.url);
    inputs.push({
      ...(given({
        summary: article.summary,
        excerpt: article.excerpt,
        publishedAt: article.publishedAt,
        source: article.source,
      }) as Partial<ArticleInput>),
      url: article.url,
      title: article.title.trim(),
      language: article.language,
      site,
      kind: article.kind ?? DEFAULT_KIND[site] ?? 'OTHER',
    });
    for (const [link, cover] of (article.covers ?? []).entries()) {
      coverage.push({
        article: article.url,
        target: TARGET[cover.target],
        slug: cover.slug,
        relevance: cover.relevance,
        confidence: cover.confidence ?? undefined,
        basis: cover.basis ?? undefined,
      });
      coverageAt.push([index, link]);
    }
  }
  /** Maps write-layer paths (`articles[3].url`, `coverage[5].slug`) to the input's. */
  const paths = (path: string): (string | number)[] => {
    const match = /^(\w+)\[(\d+)\]\.?(.*)$/.exec(path);
    if (!match) return ['input', path];
    const [, list, at, rest] = match as unknown as [string, string, string, string];
    const fields = rest === '' ? [] : rest.split('.');
    if (list === 'coverage') {
      const [article, link] = coverageAt[Number(at)] ?? [0, 0];
      return ['input', 'articles', article, 'covers', link, ...fields];
    }
    return ['input', 'articles', Number(at), ...fields];
  };
  return { inputs, coverage, paths };
}

/** Checks articles' fields; problems are named under `input.articles.<index>` (or `input` for one). */
function validateArticles(articles: readonly NewArticle[], single: boolean): void {
  const problems = articles.flatMap((article, index) => {
    try {
      validate(ArticleSchema, article, single ? ['input'] : ['input', 'articles', String(index)]);
      return [];
    } catch (error) {
      return (error as InvalidInputError).problems;
    }
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
}

type ArticlesResult = { ids: number[]; created: number; updated: number; unchanged: number };

async function writeArticles(
  graph: GraphWriter,
  articles: readonly NewArticle[],
  coverage: readonly CoverageInput[],
  inputs: readonly ArticleInput[],
) {
  // An article the graph has keeps its kind and site unless the input gives them: the defaults
  // judged from the URL are for new ones.
  const known = new Set(
    (
      await graph.tx.article.findMany({
        where: { url: { in: articles.map((article) => normalizeArticleUrl(article.url)) } },
        select: { url: true },
      })
    ).map((row) => row.url),
  );
  const written = await graph.upsertArticles(
    inputs.map((input, index) => {
      const article = articles[index] as NewArticle;
      if (!known.has(normalizeArticleUrl(article.url))) return input;
      return { ...input, kind: article.kind ?? (undefined as never), site: article.site ?? (undefined as never) };
    }),
  );
  await graph.putCoverage(coverage);
  const results = articles.map((article) => written.get(normalizeArticleUrl(article.url)));
  return {
    ids: results.map((result) => result?.id as number),
    created: results.filter((result) => result?.outcome === 'created').length,
    updated: results.filter((result) => result?.outcome === 'updated').length,
    unchanged: results.filter((result) => result?.outcome === 'unchanged').length,
  };
}

builder.relayMutationField(
  'addArticles',
  {
    description: 'Articles to add, each with what it covers.',
    inputFields: (t) => ({
      articles: t.field({
        type: [NewArticleInput],
        required: true,
        description: `The articles, at most ${MAX_ARTICLES_PER_CALL} per call.`,
      }),
    }),
  },
  {
    description:
      'Adds many articles with their coverage in one transaction, idempotent by URL: an article already in the graph (in any spelling of its URL) is updated where the input differs, and sending the same call twice writes nothing the second time. For scripts that feed the graph.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      if (input.articles.length > MAX_ARTICLES_PER_CALL) {
        throw new InvalidInputError([
          {
            path: ['input', 'articles'],
            code: 'INVALID',
            message: `at most ${MAX_ARTICLES_PER_CALL} articles per call (got ${input.articles.length}): send them in several calls`,
          },
        ]);
      }
      validateArticles(input.articles, false);
      const { inputs, coverage, paths } = planArticles(input.articles);
      const { result } = await runWrite(context, { ...EDIT, paths }, (graph) =>
        writeArticles(graph, input.articles, coverage, inputs),
      );
      return result;
    },
  },
  {
    description: 'The articles, in the order given, and what became of them.',
    outputFields: (t) => ({
      articles: t.prismaField({
        type: ['Article'],
        description: 'The articles as they are now, in the order given.',
        resolve: async (query, result: ArticlesResult, _args, context) => {
          const rows = await context.prisma.article.findMany({ ...query, where: { id: { in: result.ids } } });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return result.ids.flatMap((id) => byId.get(id) ?? []);
        },
      }),
      created: t.exposeInt('created', { description: 'How many were new.' }),
      updated: t.exposeInt('updated', { description: 'How many existed and changed.' }),
      unchanged: t.exposeInt('unchanged', { description: 'How many existed as given.' }),
    }),
  },
);

type ArticleResult = { articleId: number };

const articleOutput = (t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, ArticleResult>) => ({
  article: t.prismaField({
    type: 'Article',
    description: 'The article as the mutation left it (with its new `version`).',
    resolve: (query, result, _args, context) =>
      context.prisma.article.findUniqueOrThrow({ ...query, where: { id: result.articleId } }),
  }),
});

builder.relayMutationField(
  'createArticle',
  { description: 'An article to add.', inputFields: articleInputFields },
  {
    description:
      'Adds one article with what it covers. Fails with ALREADY_EXISTS when the graph has an article at the same URL, in any spelling (`addArticles` updates it instead).',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      validateArticles([input], true);
      const { inputs, coverage, paths } = planArticles([input]);
      const single = (path: string) => {
        const [, , , ...rest] = paths(path);
        return ['input', ...rest];
      };
      const { result } = await runWrite(context, { ...EDIT, paths: single }, async (graph) => {
        const key = normalizeArticleUrl(input.url);
        const existing = await graph.tx.article.findUnique({ where: { url: key }, select: { title: true } });
        if (existing) {
          throw new InvalidInputError([
            {
              path: ['input', 'url'],
              code: 'ALREADY_EXISTS',
              message: `the graph has this article already, as ${key} ("${existing.title}")`,
            },
          ]);
        }
        return { articleId: (await writeArticles(graph, [input], coverage, inputs)).ids[0] as number };
      });
      return result;
    },
  },
  { description: 'The article added.', outputFields: articleOutput },
);

const UpdateArticleSchema = z.object({
  title: text.nullish().refine((value) => value !== null, 'an article keeps a title'),
  language: languageTag.nullish().refine((value) => value !== null, 'an article keeps a language'),
  summary: text.nullish(),
  excerpt: text.nullish(),
  source: slug.nullish(),
});

builder.relayMutationField(
  'updateArticle',
  {
    description: 'The fields of an article to change; a field left out keeps its value, null clears it.',
    inputFields: (t) => ({
      url: t.string({ required: true, description: 'The article, by its URL in any spelling.' }),
      expectedVersion: expectedVersionField(t),
      title: t.string({ description: 'Title.' }),
      language: t.string({ description: 'Language of the text.' }),
      kind: t.field({ type: ArticleKind, description: 'What kind of text.' }),
      site: t.field({ type: ArticleSite, description: 'Where it is published.' }),
      summary: t.string({ description: 'Summary.' }),
      excerpt: t.string({ description: 'A short quote.' }),
      publishedAt: t.field({ type: 'Date', description: 'When it was published.' }),
      source: t.string({ description: 'The source it was found in (slug).' }),
    }),
  },
  {
    description: 'Changes fields of an article. Its URL is what it is known by: add another article for another URL.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { url: key, expectedVersion, ...fields } = input;
      const checked = validate(UpdateArticleSchema, fields);
      const { result } = await runWrite(context, { ...EDIT, paths: singleItemPaths('url') }, async (graph) => {
        // With an expected version, the article's version is read and checked first; without, the
        // update finds the article itself (NOT_FOUND, or not a URL, alike), in one read of its row.
        const url =
          expectedVersion == null ? key : (await checkVersion(graph, 'article', key, expectedVersion, 'url')).key;
        // A field given as null keeps its value where the article must have one (title, language,
        // kind, site), and clears it elsewhere.
        const written = await graph.updateArticles([
          {
            url,
            ...(given({
              title: checked.title ?? undefined,
              language: checked.language ?? undefined,
              kind: fields.kind ?? undefined,
              site: fields.site ?? undefined,
              summary: checked.summary,
              excerpt: checked.excerpt,
              publishedAt: fields.publishedAt,
              source: checked.source,
            }) as Partial<ArticleUpdate>),
          },
        ]);
        return { articleId: [...written.values()][0]?.id as number };
      });
      return result;
    },
  },
  { description: 'The article changed.', outputFields: articleOutput },
);

builder.relayMutationField(
  'deleteArticle',
  {
    description: 'The article to delete.',
    inputFields: (t) => ({
      url: t.string({ required: true, description: 'The article, by its URL in any spelling.' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: 'Deletes an article and what it covers (nothing else depends on an article).',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, { ...EDIT, paths: () => ['input', 'url'] }, async (graph) => {
        const article = await checkVersion(graph, 'article', input.url, input.expectedVersion, 'url');
        const id = await graph.deleteEntity('article', article.key);
        return { id, url: article.key };
      });
      return result;
    },
  },
  {
    description: 'The article deleted.',
    outputFields: (t) => ({
      deletedId: t.id({
        description: 'The global id the article had (to evict it from a client cache).',
        resolve: (result) => Buffer.from(`Article:${result.id}`).toString('base64'),
      }),
      url: t.exposeString('url', { description: 'The URL it had.' }),
    }),
  },
);

builder.relayMutationField(
  'linkCoverage',
  {
    description: 'An entity an article covers.',
    inputFields: (t) => ({
      article: t.string({ required: true, description: 'The article, by its URL in any spelling.' }),
      target: t.field({ type: CoverageTarget, required: true, description: 'What kind of entity it covers.' }),
      slug: t.string({ required: true, description: 'The entity (slug).' }),
      relevance: t.field({ type: Relevance, required: true, description: 'How central it is to the article.' }),
      confidence: t.field({ type: Confidence, description: 'How sure the judgement is.' }),
      basis: t.string({ description: 'What it was judged from.' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description:
      "Records that an article covers an entity, or changes how (its relevance). Recorded in the article's history.",
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, { ...EDIT, paths: singleItemPaths('article') }, async (graph) => {
        const article = await checkVersion(
          graph,
          'article',
          input.article,
          input.expectedVersion,
          'coverage[0].article',
        );
        await graph.putCoverage([
          {
            article: article.key,
            target: TARGET[input.target],
            slug: input.slug,
            relevance: input.relevance,
            confidence: input.confidence ?? undefined,
            basis: input.basis ?? undefined,
          },
        ]);
        return { articleId: article.id };
      });
      return result;
    },
  },
  { description: 'The article with the coverage.', outputFields: articleOutput },
);

builder.relayMutationField(
  'unlinkCoverage',
  {
    description: 'An entity an article no longer covers.',
    inputFields: (t) => ({
      article: t.string({ required: true, description: 'The article, by its URL in any spelling.' }),
      target: t.field({ type: CoverageTarget, required: true, description: 'What kind of entity.' }),
      slug: t.string({ required: true, description: 'The entity (slug).' }),
      expectedVersion: expectedVersionField(t),
    }),
  },
  {
    description: 'Removes the coverage of an entity by an article.',
    errors: { types: WRITE_ERRORS },
    resolve: async (_root, { input }, context) => {
      await requireRole(context, EDIT.role, EDIT.what);
      const { result } = await runWrite(context, { ...EDIT, paths: singleItemPaths('article') }, async (graph) => {
        const article = await checkVersion(
          graph,
          'article',
          input.article,
          input.expectedVersion,
          'coverage[0].article',
        );
        const removed = await graph.unlinkCoverage([
          { article: article.key, target: TARGET[input.target], slug: input.slug },
        ]);
        if (removed === 0) {
          throw new InvalidInputError([
            {
              path: ['input', 'slug'],
              code: 'NOT_FOUND',
              message: `the article does not cover the ${TARGET[input.target]} "${input.slug}"`,
            },
          ]);
        }
        return { articleId: article.id };
      });
      return result;
    },
  },
  { description: 'The article without that coverage.', outputFields: articleOutput },
);
