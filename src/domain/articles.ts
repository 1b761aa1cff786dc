/** What an article's URL says about it. */
import type { ArticleSite } from './enums.js';

const SITES: readonly [RegExp, ArticleSite][] = [
  [/(^|\.)weixin\.qq\.com$/, 'WECHAT'],
  [/(^|\.)zhihu\.com$/, 'ZHIHU'],
  [/(^|\.)arxiv\.org$/, 'ARXIV'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'YOUTUBE'],
  [/(^|\.)github\.com$/, 'GITHUB'],
];

/** The site of an article, from its URL's host; OTHER when the host is none of the known sites. */
export function siteOf(url: string): ArticleSite {
  const host = new URL(url).hostname;
  return SITES.find(([pattern]) => pattern.test(host))?.[1] ?? 'OTHER';
}
