/**
 * How `search` ranks what the index finds (src/schema/search.ts): each object's best-scoring
 * field, best first. Computed from the text alone, so that every database ranks alike; plain
 * functions, so that the benchmark's lower bound (test/bench/p0.ts) ranks by the same rule.
 */
import type { SearchField, SearchHit } from '../db/store.js';
import { compareText, normalizedStart, normalizeName } from './normalize.js';

/** The most results a search ranks; pages reach at most this far. */
export const MAX_SEARCH_RESULTS = 1000;

/** How many index rows to read per ranked result: several fields of one object may match. */
export const HITS_PER_RESULT = 8;

/** The weight of the field that matched (the score's first part). */
export const FIELD_WEIGHT: Readonly<Record<SearchField, number>> = {
  NAME: 100,
  SLUG: 95,
  NAME_ZH: 95,
  ALIAS: 85,
  TITLE: 70,
  FAMILY: 50,
  SUMMARY: 30,
  EXCERPT: 25,
  DESCRIPTION: 20,
};

/** Names are indexed with their folded form appended ("Wu Dao 2.0 wudao2.0"); show only the name. */
export function stripFolded(hit: SearchHit): string {
  if (!['NAME', 'NAME_ZH', 'ALIAS', 'SLUG'].includes(hit.field)) return hit.text;
  const words = hit.text.split(' ');
  const last = words.at(-1) ?? '';
  return words.length > 1 && last === normalizeName(words.slice(0, -1).join(' '))
    ? words.slice(0, -1).join(' ')
    : hit.text;
}

/**
 * Field weight, plus a bonus for an exact or prefix match, plus up to 10 for how much of the text
 * the query covers (its occurrences times its length, over the text's length).
 */
export function score(hit: SearchHit, query: string): number {
  return scorer(query)(hit);
}

/**
 * {@link score} for one query, its forms worked out once: a search scores up to 8,000 hits, and
 * each text is folded once (23 ms of the 2,823 hits of "百度" at a million articles went to
 * folding the query again for every hit, and some texts twice).
 */
function scorer(query: string): (hit: SearchHit) => number {
  const wanted = query.toLowerCase();
  const folded = normalizeName(query);
  const wantedLength = codePoints(wanted);
  return (hit) => {
    const text = stripFolded(hit).toLowerCase();
    let exact = text === wanted;
    let prefix = false;
    if (!exact) {
      // Whether the folded text is the folded query or starts with it: its first characters tell,
      // one more than the query's (most texts: a summary need not be folded whole).
      const normalized = normalizedStart(text, folded.length + 1) ?? normalizeName(text);
      exact = normalized === folded;
      prefix = !exact && (text.startsWith(wanted) || normalized.startsWith(folded));
    }
    return (
      FIELD_WEIGHT[hit.field] + (exact ? 50 : prefix ? 20 : 0) + coverage(hit.text.toLowerCase(), wanted, wantedLength)
    );
  };
}

/** The number of code points of a text (a character outside the BMP is two UTF-16 units). */
function codePoints(text: string): number {
  let surrogates = 0;
  for (let at = 0; at < text.length; at += 1) {
    const unit = text.charCodeAt(at);
    if (unit >= 0xdc00 && unit <= 0xdfff) surrogates += 1;
  }
  return text.length - surrogates;
}

/** 10 × the share of `text` that occurrences of `query` (`queryLength` code points) cover (0 when it does not occur as written). */
function coverage(text: string, query: string, queryLength: number): number {
  if (query === '' || text === '') return 0;
  let occurrences = 0;
  for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + query.length)) occurrences += 1;
  return occurrences === 0 ? 0 : (10 * occurrences * queryLength) / codePoints(text);
}

/** An object found, before its row is loaded: the best hit of its fields and its score. */
export type Ranked = { hit: SearchHit; score: number };

/**
 * Each object's best hit among `hits` (the index's rows for `query`), best first: by score, then
 * kind and id (the same data always answers in the same order); at most
 * {@link MAX_SEARCH_RESULTS}.
 */
export function rankHits(hits: readonly SearchHit[], query: string): Ranked[] {
  const best = new Map<string, Ranked>();
  const scoreOf = scorer(query);
  for (const hit of hits) {
    const key = `${hit.entityType}:${hit.entityId}`;
    const value = scoreOf(hit);
    const current = best.get(key);
    if (!current || value > current.score) best.set(key, { hit, score: value });
  }
  return [...best.values()]
    .sort(
      (a, b) => b.score - a.score || compareText(a.hit.entityType, b.hit.entityType) || a.hit.entityId - b.hit.entityId,
    )
    .slice(0, MAX_SEARCH_RESULTS);
}
