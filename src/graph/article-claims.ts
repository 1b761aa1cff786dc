/**
 * Dated claims about articles (how many times a paper was cited, as a source counted on a day).
 * A claim is keyed by its article, property, source and day: a newer count is a claim of its
 * own, and the older ones stay, each true of its day. After a write the articles whose claims
 * changed derive `citations` and `citationsAsOf` again by the one rule
 * (src/domain/article-claims.ts), in a statement per batch.
 */
import { batches } from '../db/batch.js';
import { preferredCitations } from '../domain/article-claims.js';
import type { ArticleProperty } from '../domain/enums.js';
import { normalizeArticleUrl } from '../domain/normalize.js';
import { GraphInputError, type GraphInputProblem } from './errors.js';
import type { WriteSession } from './session.js';

export type ArticleClaimInput = Readonly<{
  /** The article's URL, in any spelling. */
  article: string;
  property: ArticleProperty;
  /** A whole number of zero or more, for `CITATIONS`. */
  value: string;
  /** The day the source counted it. */
  asOf: Date;
  /** The source's slug. */
  source: string;
  /** Where in the source (the URL of a dataset's row). */
  locator?: string | null;
}>;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Adds or updates dated claims of articles; answers how many were created or changed. */
export async function putArticleClaims(session: WriteSession, inputs: readonly ArticleClaimInput[]): Promise<number> {
  const problems: GraphInputProblem[] = [];
  const urls = inputs.map((input, index) => {
    try {
      return normalizeArticleUrl(input.article);
    } catch {
      problems.push({
        path: `articleClaims[${index}].article`,
        message: `"${input.article}" is not a URL`,
        code: 'INVALID',
      });
      return '';
    }
  });
  inputs.forEach((input, index) => {
    if (!/^(0|[1-9]\d{0,14})$/.test(input.value))
      problems.push({
        path: `articleClaims[${index}].value`,
        message: `"${input.value}" is not a whole number of citations`,
        code: 'INVALID',
      });
    if (Number.isNaN(input.asOf.getTime()))
      problems.push({ path: `articleClaims[${index}].asOf`, message: 'is not a date', code: 'INVALID' });
  });
  if (problems.length > 0) throw new GraphInputError(problems);
  const [articles, sources] = await session.resolveAll([
    { entity: 'article', keys: urls.map((key, index) => ({ key, path: `articleClaims[${index}].article` })) },
    {
      entity: 'source',
      keys: inputs.map((input, index) => ({ key: input.source, path: `articleClaims[${index}].source` })),
    },
  ] as const);
  const articleIds = [...new Set(articles.values())];
  const stored = new Map<string, { id: number; value: string; locator: string | null }>();
  const keyOf = (articleId: number, property: string, sourceId: number, asOf: Date) =>
    `${articleId} ${property} ${sourceId} ${asOf.getTime()}`;
  for (const batch of batches(articleIds))
    for (const row of await session.tx.articleClaim.findMany({ where: { articleId: { in: batch } } }))
      stored.set(keyOf(row.articleId, row.property, row.sourceId, row.asOf), row);

  const creating: {
    articleId: number;
    property: ArticleProperty;
    value: string;
    asOf: Date;
    sourceId: number;
    locator: string | null;
  }[] = [];
  const changedArticles = new Set<number>();
  let written = 0;
  for (const [index, input] of inputs.entries()) {
    const articleId = articles.get(urls[index] as string) as number;
    const sourceId = sources.get(input.source) as number;
    const key = keyOf(articleId, input.property, sourceId, input.asOf);
    const field = `claim:${input.property}:${input.source}:${day(input.asOf)}`;
    const locator = input.locator ?? null;
    const existing = stored.get(key);
    if (existing && existing.value === input.value && existing.locator === locator) {
      session.count('articleClaim', 'unchanged');
      continue;
    }
    written += 1;
    changedArticles.add(articleId);
    if (existing) {
      await session.tx.articleClaim.update({ where: { id: existing.id }, data: { value: input.value, locator } });
      session.count('articleClaim', 'updated');
      session.record('article', articleId, 'updated', [{ field, from: existing.value, to: input.value }]);
    } else {
      creating.push({ articleId, property: input.property, value: input.value, asOf: input.asOf, sourceId, locator });
      session.count('articleClaim', 'created');
      session.record('article', articleId, 'updated', [{ field, from: null, to: input.value }]);
    }
    stored.set(key, { id: existing?.id ?? -1, value: input.value, locator });
  }
  for (const batch of batches(creating)) await session.tx.articleClaim.createMany({ data: batch });
  await deriveCitations(session, [...changedArticles]);
  return written;
}

/** Derives `citations` and `citationsAsOf` of these articles from their claims; writes only what differs. */
export async function deriveCitations(session: WriteSession, articleIds: readonly number[]): Promise<void> {
  for (const batch of batches(articleIds)) {
    const [claims, rows] = await Promise.all([
      session.tx.articleClaim.findMany({
        where: { articleId: { in: batch }, property: 'CITATIONS' },
        select: { articleId: true, value: true, asOf: true },
      }),
      session.tx.article.findMany({
        where: { id: { in: batch } },
        select: { id: true, citations: true, citationsAsOf: true },
      }),
    ]);
    const byArticle = new Map<number, { value: string; asOf: Date }[]>();
    for (const claim of claims) byArticle.set(claim.articleId, [...(byArticle.get(claim.articleId) ?? []), claim]);
    const updates = rows.flatMap((row) => {
      const preferred = preferredCitations(byArticle.get(row.id) ?? []);
      const citations = preferred?.citations ?? null;
      const asOf = preferred?.asOf ?? null;
      if (citations === row.citations && asOf?.getTime() === row.citationsAsOf?.getTime()) return [];
      return [{ id: row.id, citations, citationsAsOf: asOf }];
    });
    if (updates.length === 0) continue;
    await session.store.updateById('Article', updates);
    session.count('preferredValues', 'updated', updates.length);
  }
}
