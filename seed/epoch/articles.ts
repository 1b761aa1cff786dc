/**
 * The papers and pages behind Epoch's rows, as articles: each row's `Reference` (the title) at its
 * `Link` becomes an article that covers the row's model and the organizations that developed it
 * (MAIN), with the `Abstract` as its summary. One paper often introduces several models: rows with the same link (arXiv's abs, pdf
 * and versioned links are one) or the same title are one article covering all their models, and
 * an article the graph has already (the user's note's, say) keeps its own fields and only gains
 * the coverage. A row without a link or a title is reported, never guessed.
 *
 * Pure: the graph's articles come in, the write layer's inputs go out (applied by ./import.ts).
 */
import { siteOf } from '../../src/domain/articles.js';
import type { ArticleKind } from '../../src/domain/enums.js';
import { normalizeArticleUrl, normalizeName } from '../../src/domain/normalize.js';
import type { ArticleInput, CoverageInput, CoverageKey } from '../../src/graph/index.js';
import { type EpochRow, parseExactInteger } from './csv.js';
import type { AuthoredPaper } from './people.js';

/** What marks a coverage edge as Epoch's (its `basis`): a newer snapshot replaces only these. */
export const EPOCH_COVERAGE_BASIS = "Epoch AI: the row's Link and Reference";

/** A row of the file and the model it became. */
export type RowModel = Readonly<{ row: EpochRow; model: string }>;

/** An article of the graph, as the plan needs it. */
export type GraphArticle = Readonly<{ url: string; title: string; epoch: boolean }>;

/** A row whose paper did not become an article, and why. */
export type UnusedReference = Readonly<{ row: number; model: string; reason: string }>;

export type EpochArticlesPlan = {
  /** Articles Epoch introduces or keeps up to date (those of other sources are not among them). */
  articles: ArticleInput[];
  /** Every article the rows name, with the authors a row gives it ('' for none; ./people.ts reads them). */
  papers: AuthoredPaper[];
  /** The citation counts of the rows, per article: the snapshot's reading, a claim dated by the importer. */
  citations: { article: string; value: string; locator: string }[];
  coverage: CoverageInput[];
  /** Epoch's coverage a newer snapshot no longer gives. */
  unlink: CoverageKey[];
  report: {
    /** Distinct articles the rows name. */
    articles: number;
    /** Of those, articles the graph had from another source (they keep their fields). */
    matchedOtherSources: number;
    /** Rows whose paper is another row's (same link or title). */
    rowsSharingAnArticle: number;
    unused: UnusedReference[];
    /** Rows whose `Citations` is not a whole number, and articles whose rows give different counts (the largest is kept). */
    citationProblems: UnusedReference[];
  };
};

/** Hosts of papers (journals, proceedings, preprint servers, indexes). */
const PAPER_HOSTS =
  /(^|\.)(arxiv\.org|semanticscholar\.org|ieeexplore\.ieee\.org|dl\.acm\.org|nature\.com|biorxiv\.org|link\.springer\.com|proceedings\.neurips\.cc|papers\.nips\.cc|science\.org|aclanthology\.org|academic\.oup\.com|citeseerx\.ist\.psu\.edu|openreview\.net|proceedings\.mlr\.press|jmlr\.org|aaai\.org|cell\.com|pnas\.org|sciencedirect\.com|researchgate\.net|medrxiv\.org|ssrn\.com|cv-foundation\.org|thecvf\.com|isca-speech\.org|mdpi\.com|frontiersin\.org|plos\.org|tandfonline\.com|wiley\.com|iclr\.cc|ecva\.net)$/;

/** Hosts of news. */
const NEWS_HOSTS =
  /(^|\.)(reuters\.com|prnewswire\.com|bloomberg\.com|techcrunch\.com|theverge\.com|venturebeat\.com|cnbc\.com|scmp\.com|wsj\.com|nytimes\.com|ft\.com|theinformation\.com|businesswire\.com|globenewswire\.com|sina\.com\.cn|qq\.com|36kr\.com|ithome\.com)$/;

/**
 * The kind of an article, judged from its link: a paper on a journal, proceedings or preprint
 * host; a model card on Hugging Face; a technical report as a PDF elsewhere; news on a news site;
 * a blog post on any other page of the web.
 */
export function kindOfLink(url: string): ArticleKind {
  const { hostname, pathname } = new URL(url);
  if (PAPER_HOSTS.test(hostname)) return 'PAPER';
  if (/(^|\.)huggingface\.co$/.test(hostname)) return 'MODEL_CARD';
  if (/\.pdf$/i.test(pathname)) return 'REPORT';
  if (NEWS_HOSTS.test(hostname)) return 'NEWS';
  if (/(^|\.)(youtube\.com|youtu\.be)$/.test(hostname)) return 'VIDEO';
  return 'BLOG_POST';
}

/** An article's URL: normalized, and an arXiv paper always at its abstract page, without version. */
export function articleUrlOf(link: string): string {
  const url = normalizeArticleUrl(link);
  const arxiv =
    /^https:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?(?:\.pdf)?$/.exec(
      url,
    );
  return arxiv ? `https://arxiv.org/abs/${arxiv[1]}` : url;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Plans Epoch's articles; see the module comment. */
export function planEpochArticles(
  rows: readonly RowModel[],
  graphArticles: readonly GraphArticle[],
  epochCoverage: readonly CoverageKey[],
  /** The organizations that developed each model (by slug): an article covers them too. */
  developersOf: ReadonlyMap<string, readonly string[]> = new Map(),
): EpochArticlesPlan {
  const report: EpochArticlesPlan['report'] = {
    articles: 0,
    matchedOtherSources: 0,
    rowsSharingAnArticle: 0,
    unused: [],
    citationProblems: [],
  };
  const byUrl = new Map(graphArticles.map((article) => [article.url, article]));
  const byTitle = new Map(graphArticles.map((article) => [normalizeName(article.title), article]));

  type Group = { url: string; title: string; rows: RowModel[]; existing?: GraphArticle };
  // Rows are joined when they share a URL or a folded title, also through other rows (A and B
  // share a link, B and C a title: one article), so the groups are the connected components.
  const parent = new Map<string, string>();
  const root = (node: string): string => {
    let at = node;
    while (parent.get(at) !== at) at = parent.get(at) as string;
    return at;
  };
  const join = (a: string, b: string) => {
    for (const node of [a, b]) if (!parent.has(node)) parent.set(node, node);
    const [first, second] = [root(a), root(b)];
    if (first !== second) parent.set(second, first);
  };
  const usable: { entry: RowModel; url: string; title: string; titleKey: string }[] = [];
  for (const entry of rows) {
    const { row } = entry;
    const title = row.reference?.replace(/\s+/g, ' ').trim() ?? '';
    if (!row.link) {
      report.unused.push({ row: row.row, model: row.name, reason: 'no Link' });
      continue;
    }
    if (title === '') {
      report.unused.push({ row: row.row, model: row.name, reason: 'no Reference (the title of its paper or page)' });
      continue;
    }
    let url: string;
    try {
      url = articleUrlOf(row.link);
    } catch {
      report.unused.push({ row: row.row, model: row.name, reason: `its Link is not a URL: ${row.link}` });
      continue;
    }
    const titleKey = normalizeName(title);
    usable.push({ entry, url, title, titleKey });
    join(`url ${url}`, `title ${titleKey}`);
  }
  const groups: Group[] = [];
  const groupOf = new Map<string, Group>();
  for (const { entry, url, title, titleKey } of usable) {
    const component = root(`url ${url}`);
    const group = groupOf.get(component);
    if (group) {
      group.rows.push(entry);
      report.rowsSharingAnArticle += 1;
      if (!group.existing) group.existing = byUrl.get(url) ?? byTitle.get(titleKey);
      continue;
    }
    // The first row of a component names its article (its link and title), unless the graph has it.
    const created: Group = { url, title, rows: [entry], existing: byUrl.get(url) ?? byTitle.get(titleKey) };
    groups.push(created);
    groupOf.set(component, created);
  }
  for (const group of groups) if (group.existing) group.url = group.existing.url;

  const articles: ArticleInput[] = [];
  const papers: AuthoredPaper[] = [];
  const citations: EpochArticlesPlan['citations'] = [];
  const coverage: CoverageInput[] = [];
  const covered = new Set<string>();
  for (const group of groups) {
    report.articles += 1;
    if (group.existing && !group.existing.epoch) report.matchedOtherSources += 1;
    else {
      const abstract = group.rows.map(({ row }) => row.abstract).find((text) => text);
      const date = group.rows.map(({ row }) => row.publicationDate?.value).find((value) => value?.length === 10);
      articles.push({
        url: group.url,
        title: group.title,
        language: CJK.test(group.title) ? 'zh' : 'en',
        site: siteOf(group.url),
        kind: kindOfLink(group.url),
        summary: abstract ?? null,
        publishedAt: date ? new Date(`${date}T00:00:00.000Z`) : null,
        source: 'epoch-notable-ai-models',
      });
    }
    const cover = (target: CoverageInput['target'], slug: string) => {
      const key = `${group.url} ${target} ${slug}`;
      if (covered.has(key)) return;
      covered.add(key);
      coverage.push({
        article: group.url,
        target,
        slug,
        relevance: 'MAIN',
        confidence: 'CONFIDENT',
        basis: EPOCH_COVERAGE_BASIS,
      });
    };
    // Every article, with or without authors: a list a newer snapshot drops is emptied.
    const authored = group.rows.find(({ row }) => row.authors) ?? group.rows[0];
    papers.push({
      url: group.url,
      row: authored?.row.row ?? 0,
      title: authored?.row.reference ?? group.title,
      authors: authored?.row.authors ?? '',
      organizations: [...new Set(group.rows.flatMap(({ model }) => developersOf.get(model) ?? []))],
    });
    // The paper's citation count: one reading per paper (rows of one paper should agree; where
    // they do not, the largest, and the others reported).
    const counts = group.rows.flatMap(({ row }) => {
      if (!row.citations) return [];
      const parsed = parseExactInteger(row.citations);
      if (!parsed || parsed.rounded || parsed.value < 0n) {
        report.citationProblems.push({
          row: row.row,
          model: row.name,
          reason: `its Citations "${row.citations}" is not a whole number`,
        });
        return [];
      }
      return [{ row, value: parsed.value }];
    });
    const most = counts.reduce<(typeof counts)[number] | undefined>(
      (best, count) => (!best || count.value > best.value ? count : best),
      undefined,
    );
    if (most) {
      citations.push({ article: group.url, value: most.value.toString(), locator: most.row.link ?? group.url });
      for (const count of counts)
        if (count.value !== most.value)
          report.citationProblems.push({
            row: count.row.row,
            model: count.row.name,
            reason: `its Citations ${count.value} differs from row ${most.row.row}'s ${most.value} for the same paper (the largest is kept)`,
          });
    }
    for (const { model } of group.rows) cover('model', model);
    // The organizations behind the models: the paper is theirs too.
    for (const { model } of group.rows)
      for (const organization of developersOf.get(model) ?? []) cover('organization', organization);
  }
  const unlink = epochCoverage.filter((key) => !covered.has(`${key.article} ${key.target} ${key.slug}`));
  return { articles, papers, citations, coverage, unlink, report };
}
