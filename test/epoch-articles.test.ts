/**
 * Issue 10, first slice: the papers and pages behind Epoch's rows become articles (pure rules of
 * seed/epoch/articles.ts, on rows made for each quirk; the real snapshot is tested in
 * epoch-snapshot.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  articleUrlOf,
  EPOCH_COVERAGE_BASIS,
  kindOfLink,
  planEpochArticles,
  type RowModel,
} from '../seed/epoch/articles.js';
import type { EpochRow } from '../seed/epoch/csv.js';

let rowNumber = 1;
/** A row of the file with only what the articles read. */
function row(
  model: string,
  fields: {
    link?: string | null;
    reference?: string | null;
    abstract?: string | null;
    date?: string;
    citations?: string;
  },
): RowModel {
  rowNumber += 1;
  const epochRow = {
    row: rowNumber,
    name: model,
    link: fields.link ?? null,
    reference: fields.reference ?? null,
    abstract: fields.abstract ?? null,
    publicationDate: fields.date ? { value: fields.date, quote: fields.date } : null,
    citations: fields.citations ?? null,
  } as unknown as EpochRow;
  return { row: epochRow, model: model.toLowerCase().replace(/[^a-z0-9]+/g, '-') };
}

const COVERAGE = { target: 'model', relevance: 'MAIN', confidence: 'CONFIDENT', basis: EPOCH_COVERAGE_BASIS };

describe('what a link says', () => {
  it.each([
    ['https://arxiv.org/abs/2107.02137', 'PAPER'],
    ['https://www.semanticscholar.org/paper/Deep-Learning-Scaling-is-Predictable', 'PAPER'],
    ['https://proceedings.neurips.cc/paper/2020/hash/1457c0d6.html', 'PAPER'],
    ['https://huggingface.co/inclusionAI/Ling-1T', 'MODEL_CARD'],
    ['https://cdn.openai.com/papers/gpt-4.pdf', 'REPORT'],
    ['https://www.reuters.com/technology/baidu-ernie', 'NEWS'],
    ['https://openai.com/index/introducing-chatgpt/', 'BLOG_POST'],
    ['https://www.youtube.com/watch?v=kCc8FmEb1nY', 'VIDEO'],
  ])('%s is a %s', (url, kind) => {
    expect(kindOfLink(url)).toBe(kind);
  });

  it('puts an arXiv paper at its abstract page, without version, whatever link names it', () => {
    for (const link of [
      'https://arxiv.org/abs/2005.14165',
      'http://arxiv.org/abs/2005.14165v4',
      'https://arxiv.org/pdf/2005.14165',
      'https://arxiv.org/pdf/2005.14165v1.pdf',
      'https://export.arxiv.org/abs/2005.14165?utm_source=x',
    ]) {
      expect(articleUrlOf(link), link).toBe('https://arxiv.org/abs/2005.14165');
    }
    expect(articleUrlOf('https://arxiv.org/abs/cs/0205070v1')).toBe('https://arxiv.org/abs/cs/0205070');
    expect(articleUrlOf('https://openai.com/blog/chatgpt/#top')).toBe('https://openai.com/blog/chatgpt/');
  });
});

describe('planning the articles of the rows', () => {
  it('makes one article of rows with the same paper (by link or by title, also through a third row), covering all their models', () => {
    const plan = planEpochArticles(
      [
        row('DL scaling LM', { link: 'https://www.semanticscholar.org/paper/x', reference: 'Deep Learning Scaling' }),
        row('DL scaling speech', {
          link: 'https://www.semanticscholar.org/paper/x',
          reference: 'Deep Learning Scaling',
        }),
        row('Gemini Ultra', {
          link: 'https://storage.googleapis.com/gemini_1_report.pdf',
          reference: 'Gemini: A Family',
        }),
        row('Gemini Nano', { link: 'https://arxiv.org/pdf/2312.11805v2', reference: 'Gemini:  a family' }),
        // Shares Gemini Nano's paper by its link, and brings its own title along.
        row('Gemini Pro', { link: 'https://arxiv.org/abs/2312.11805', reference: 'Gemini technical report' }),
        row('Gemini Pro 2', { link: 'https://example.com/gemini', reference: 'Gemini technical report' }),
      ],
      [],
      [],
    );
    expect(plan.articles.map((article) => [article.url, article.title, article.kind])).toEqual([
      ['https://www.semanticscholar.org/paper/x', 'Deep Learning Scaling', 'PAPER'],
      ['https://storage.googleapis.com/gemini_1_report.pdf', 'Gemini: A Family', 'REPORT'],
    ]);
    expect(plan.coverage).toEqual([
      { ...COVERAGE, article: 'https://www.semanticscholar.org/paper/x', slug: 'dl-scaling-lm' },
      { ...COVERAGE, article: 'https://www.semanticscholar.org/paper/x', slug: 'dl-scaling-speech' },
      ...['gemini-ultra', 'gemini-nano', 'gemini-pro', 'gemini-pro-2'].map((slug) => ({
        ...COVERAGE,
        article: 'https://storage.googleapis.com/gemini_1_report.pdf',
        slug,
      })),
    ]);
    expect(plan.report).toEqual({
      articles: 2,
      matchedOtherSources: 0,
      rowsSharingAnArticle: 4,
      unused: [],
      citationProblems: [],
    });
  });

  it('reports a row without a link or a title, and never guesses one', () => {
    const plan = planEpochArticles(
      [
        row('GLM-4.7', { link: 'https://z.ai/blog/glm-4.7', reference: null }),
        row('Yi-Large', { link: null, reference: 'Yi-Large' }),
      ],
      [],
      [],
    );
    expect(plan.articles).toEqual([]);
    expect(plan.report.unused.map(({ model, reason }) => [model, reason])).toEqual([
      ['GLM-4.7', 'no Reference (the title of its paper or page)'],
      ['Yi-Large', 'no Link'],
    ]);
  });

  it('takes the abstract, the day of publication, and the language of a Chinese title', () => {
    const [paper, news] = planEpochArticles(
      [
        row('ERNIE 3.0', {
          link: 'https://arxiv.org/abs/2107.02137',
          reference: 'ERNIE 3.0: Large-scale Knowledge Enhanced Pre-training',
          abstract: 'Pre-trained models have achieved state-of-the-art results.',
          date: '2021-07-05',
        }),
        row('Hunyuan Turbo', {
          link: 'https://news.qq.com/rain/a/x',
          reference: '腾讯版“GPT-4o”来了！',
          date: '2024-09',
        }),
      ],
      [],
      [],
    ).articles;
    expect(paper).toMatchObject({
      language: 'en',
      site: 'ARXIV',
      summary: 'Pre-trained models have achieved state-of-the-art results.',
      publishedAt: new Date('2021-07-05T00:00:00.000Z'),
      source: 'epoch-notable-ai-models',
    });
    // A month is not a day: no publication date rather than a made-up one.
    expect(news).toMatchObject({ language: 'zh', kind: 'NEWS', summary: null, publishedAt: null });
  });

  it('covers the organizations that developed the models too, once each, and drops what they no longer are', () => {
    const plan = planEpochArticles(
      [
        row('DL scaling LM', { link: 'https://example.org/scaling', reference: 'Deep Learning Scaling' }),
        row('DL scaling speech', { link: 'https://example.org/scaling', reference: 'Deep Learning Scaling' }),
      ],
      [{ url: 'https://example.org/scaling', title: 'Deep Learning Scaling', epoch: true }],
      [{ article: 'https://example.org/scaling', target: 'organization', slug: 'google' }],
      new Map([
        ['dl-scaling-lm', ['baidu']],
        ['dl-scaling-speech', ['baidu', 'stanford']],
      ]),
    );
    expect(plan.coverage.filter((edge) => edge.target === 'organization').map((edge) => edge.slug)).toEqual([
      'baidu',
      'stanford',
    ]);
    expect(plan.unlink).toEqual([{ article: 'https://example.org/scaling', target: 'organization', slug: 'google' }]);
  });

  it("leaves an article of another source as it is and only adds the coverage; drops Epoch's coverage a row no longer gives", () => {
    const plan = planEpochArticles(
      [row('ChatGPT', { link: 'https://openai.com/blog/chatgpt/', reference: 'Introducing ChatGPT' })],
      [
        { url: 'https://openai.com/blog/chatgpt/', title: 'ChatGPT: Optimizing Language Models', epoch: false },
        {
          url: 'https://arxiv.org/abs/2203.02155',
          title: 'Training language models to follow instructions',
          epoch: true,
        },
      ],
      [
        { article: 'https://openai.com/blog/chatgpt/', target: 'model', slug: 'chatgpt' },
        { article: 'https://arxiv.org/abs/2203.02155', target: 'model', slug: 'instructgpt' },
      ],
    );
    expect(plan.articles).toEqual([]);
    expect(plan.coverage).toEqual([{ ...COVERAGE, article: 'https://openai.com/blog/chatgpt/', slug: 'chatgpt' }]);
    expect(plan.unlink).toEqual([
      { article: 'https://arxiv.org/abs/2203.02155', target: 'model', slug: 'instructgpt' },
    ]);
    expect(plan.report.matchedOtherSources).toBe(1);
  });

  it("gives each paper one citation count, the largest of its rows', and reports the rest", () => {
    const link = 'https://arxiv.org/abs/2401.00001';
    const plan = planEpochArticles(
      [
        row('Model A', { link, reference: 'Paper A', citations: '671.0' }),
        row('Model B', { link: `${link}v2`, reference: 'Paper A', citations: '680.0' }),
        row('Model C', { link: 'https://example.org/c', reference: 'Paper C', citations: 'about 40' }),
        row('Model D', { link: 'https://example.org/d', reference: 'Paper D' }),
      ],
      [],
      [],
    );
    expect(plan.citations).toEqual([{ article: link, value: '680', locator: `${link}v2` }]);
    expect(plan.report.citationProblems.map((problem) => [problem.model, problem.reason])).toEqual([
      ['Model A', `its Citations 671 differs from row ${rowNumber - 2}'s 680 for the same paper (the largest is kept)`],
      ['Model C', 'its Citations "about 40" is not a whole number'],
    ]);
  });
});
