/**
 * Short Chinese, Japanese and Korean queries (百度, 悟道, 智): one or two characters, which no
 * trigram index can look up. Each search document also keeps its "grams": every CJK character
 * of its text and every pair of adjacent ones, each once, as space-separated words with a space
 * before and after (" 百 度 百度 "). A text holds the query as a substring exactly when its grams
 * hold ` query ` (a pair of CJK characters is adjacent in the text only inside one run of them), and
 * that is a substring of three characters or more, which both databases' trigram indexes answer.
 * Plain functions: the write path (src/db/search-index.ts) and the tests use the same ones.
 */

/** A character of a CJK script (Han, kana, Hangul): one that a word boundary never separates from the next. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The runs of CJK characters of a text. */
const CJK_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** The grams of a text (" 百 度 百度 "), or "" when it has no CJK character. */
export function searchGrams(text: string): string {
  const grams = new Set<string>();
  for (const [run] of text.matchAll(CJK_RUNS)) {
    const chars = [...run];
    chars.forEach((char, index) => {
      grams.add(char);
      const next = chars[index + 1];
      if (next !== undefined) grams.add(char + next);
    });
  }
  return grams.size > 0 ? ` ${[...grams].join(' ')} ` : '';
}

/** Whether a query is looked up in the grams: one or two characters, all CJK. */
export function isGramQuery(query: string): boolean {
  const chars = [...query];
  return chars.length > 0 && chars.length <= 2 && chars.every((char) => CJK.test(char));
}

/** What the grams of a matching document contain: the query as a word of its own. */
export function gramPattern(query: string): string {
  return ` ${query} `;
}
