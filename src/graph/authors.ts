/**
 * Who wrote an article: its list of authors, in the order the article gives them. A list is
 * written whole (an article's authors are one ordered value, not separate edges): the positions
 * that differ are replaced, the others left as they are, and the article's history records the
 * list before and after (by person slug).
 */
import { batches } from '../db/batch.js';
import { normalizeArticleUrl } from '../domain/normalize.js';
import { GraphInputError, type GraphInputProblem, invalid } from './errors.js';
import type { WriteSession } from './session.js';

/** An article's authors, first author first. */
export type AuthorsInput = Readonly<{
  /** The article's URL, in any spelling. */
  article: string;
  authors: readonly Readonly<{
    /** The person's slug. */
    person: string;
    /** The name as this article writes it. */
    writtenAs: string;
  }>[];
}>;

type Row = { articleId: number; position: number; personId: number; writtenAs: string };

/** Sets the authors of articles; answers how many lists changed. */
export async function setArticleAuthors(session: WriteSession, inputs: readonly AuthorsInput[]): Promise<number> {
  const problems: GraphInputProblem[] = [];
  const urls = inputs.map((input, index): string => {
    try {
      return normalizeArticleUrl(input.article);
    } catch {
      return invalid(`authors[${index}].article`, `"${input.article}" is not a URL`);
    }
  });
  inputs.forEach((input, index) => {
    const seen = new Map<string, number>();
    input.authors.forEach((author, position) => {
      const first = seen.get(author.person);
      if (first !== undefined)
        problems.push({
          path: `authors[${index}].authors[${position}].person`,
          // Places are counted from 1, as `Article.authors` shows them.
          message: `"${author.person}" is already the author at position ${first + 1}`,
          code: 'INVALID',
        });
      seen.set(author.person, position);
      if (author.writtenAs.trim() === '')
        problems.push({
          path: `authors[${index}].authors[${position}].writtenAs`,
          message: 'must not be empty',
          code: 'INVALID',
        });
    });
  });
  if (problems.length > 0) throw new GraphInputError(problems);
  const [articles, people] = await session.resolveAll([
    { entity: 'article', keys: urls.map((key, index) => ({ key, path: `authors[${index}].article` })) },
    {
      entity: 'person',
      keys: inputs.flatMap((input, index) =>
        input.authors.map((author, position) => ({
          key: author.person,
          path: `authors[${index}].authors[${position}].person`,
        })),
      ),
    },
  ] as const);

  const articleIds = [...new Set(articles.values())];
  const stored = new Map<number, Row[]>();
  for (const batch of batches(articleIds)) {
    for (const row of await session.tx.articleAuthor.findMany({
      where: { articleId: { in: batch } },
      orderBy: [{ articleId: 'asc' }, { position: 'asc' }],
    })) {
      stored.set(row.articleId, [...(stored.get(row.articleId) ?? []), row]);
    }
  }
  const slugs = await session.slugsOf(
    'person',
    [...stored.values()].flat().map((row) => row.personId),
  );
  for (const [id, slug] of slugs) session.remember('person', slug, id);

  let changed = 0;
  const removing: Row[] = [];
  const adding: Row[] = [];
  for (const [index, input] of inputs.entries()) {
    const articleId = articles.get(urls[index] as string) as number;
    const before = stored.get(articleId) ?? [];
    const after: Row[] = input.authors.map((author, position) => ({
      articleId,
      position,
      personId: people.get(author.person) as number,
      writtenAs: author.writtenAs.trim(),
    }));
    const same = (a: Row | undefined, b: Row | undefined) =>
      a !== undefined && b !== undefined && a.personId === b.personId && a.writtenAs === b.writtenAs;
    const removed = before.filter((row) => !same(row, after[row.position]));
    const added = after.filter((row) => !same(row, before[row.position]));
    session.count('articleAuthor', 'unchanged', after.length - added.length);
    if (removed.length === 0 && added.length === 0) continue;
    changed += 1;
    removing.push(...removed);
    adding.push(...added);
    session.count('articleAuthor', 'deleted', removed.length);
    session.count('articleAuthor', 'created', added.length);
    stored.set(articleId, after);
    session.record('article', articleId, 'updated', [
      {
        field: 'authors',
        from: before.length > 0 ? before.map((row) => slugs.get(row.personId) ?? String(row.personId)) : null,
        to: after.length > 0 ? input.authors.map((author) => author.person) : null,
      },
    ]);
  }
  // Every place that goes is deleted before any comes (a person may move within a list), a
  // batch of places per statement, whatever the number of articles.
  for (const batch of batches(removing))
    await session.tx.articleAuthor.deleteMany({
      where: { OR: batch.map((row) => ({ articleId: row.articleId, position: row.position })) },
    });
  await session.store.insertRows('ArticleAuthor', adding);
  return changed;
}
