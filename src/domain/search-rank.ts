/**
 * How `search` ranks what the index finds (src/schema/search.ts): each object's best-scoring
 * field, best first. Computed from the text alone, so that every database ranks alike; plain
 * functions, so that the benchmark's lower bound (test/bench/p0.ts) ranks by the same rule.
 */
import type { SearchField, SearchHit } from '../db/store.js';
import { compareText, normalizeName } from './normalize.js';

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
  const text = stripFolded(hit).toLowerCase();
  const wanted = query.toLowerCase();
  const folded = normalizeName(query);
  const exact = text === wanted || normalizeName(text) === folded;
  const prefix = !exact && (text.startsWith(wanted) || normalizeName(text).startsWith(folded));
  return FIELD_WEIGHT[hit.field] + (exact ? 50 : prefix ? 20 : 0) + coverage(hit.text.toLowerCase(), wanted);
}

/** 10 × the share of `text` that occurrences of `query` cover (0 when it does not occur as written). */
function coverage(text: string, query: string): number {
  if (query === '' || text === '') return 0;
  let occurrences = 0;
  for (let at = text.indexOf(query); at !== -1; at = text.indexOf(query, at + query.length)) occurrences += 1;
  return (10 * occurrences * [...query].length) / [...text].length;
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
  for (const hit of hits) {
    const key = `${hit.entityType}:${hit.entityId}`;
    const value = score(hit, query);
    const current = best.get(key);
    if (!current || value > current.score) best.set(key, { hit, score: value });
  }
  return [...best.values()]
    .sort(
      (a, b) => b.score - a.score || compareText(a.hit.entityType, b.hit.entityType) || a.hit.entityId - b.hit.entityId,
    )
    .slice(0, MAX_SEARCH_RESULTS);
}
