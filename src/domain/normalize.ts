/** Text normalization shared by imports, lookups and search. */

/** Stands for a decimal point while punctuation is removed: a private-use character, never in a name. */
const DECIMAL_POINT = '\uE000';

/**
 * Folds a name for matching: Unicode NFKC (full-width to ASCII), lowercase, and only letters,
 * digits and decimal points kept, so that "OPT-1.3B" and "OPT-13B" stay apart.
 * "GPT-3 175B (davinci)" → "gpt3175bdavinci", "ＧＬＭ" → "glm", "悟道 2.0" → "悟道2.0".
 */
export function normalizeName(name: string): string {
  const text = name.normalize('NFKC').toLowerCase();
  // Without a point (most texts: search folds up to 8,000 per query) the decimal points' two
  // passes change nothing.
  if (!text.includes('.') && !text.includes(DECIMAL_POINT)) return text.replace(/[^\p{L}\p{N}]+/gu, '');
  return text
    .replace(/(?<=\p{N})\.(?=\p{N})/gu, DECIMAL_POINT)
    .replace(/[^\p{L}\p{N}\uE000]+/gu, '')
    .replaceAll(DECIMAL_POINT, '.');
}

/**
 * Whether {@link normalizeName} folds the character of code `code` without looking at its
 * neighbours' forms: ASCII (NFKC and lowercase keep it one character, composing with nothing
 * before it) and the CJK ideographs U+4E00-U+9FEF (kept as they are).
 */
const foldsAlone = (code: number) => code < 0x80 || (code >= 0x4e00 && code <= 0x9fef);

const isAsciiDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * The first `length` code units of `normalizeName(text)` (all of it when shorter), read from the
 * start of `text` while its characters fold alone ({@link foldsAlone}); undefined when another
 * character comes first, or right after the last one read (it might compose with it), where only
 * `normalizeName` can tell. Search folds up to 8,000 texts per query to see whether each starts
 * with the query: most need their first characters only, not the whole text.
 */
export function normalizedStart(text: string, length: number): string | undefined {
  let start = '';
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (!foldsAlone(code)) return undefined;
    if (start.length >= length) return start;
    if (code >= 0x80) start += text[at];
    else if ((code >= 0x61 && code <= 0x7a) || isAsciiDigit(code)) start += text[at];
    else if (code >= 0x41 && code <= 0x5a) start += String.fromCharCode(code + 0x20);
    else if (code === 0x2e && at > 0 && isAsciiDigit(text.charCodeAt(at - 1))) {
      // A decimal point stays between two digits (normalizeName looks at the next one as NFKC
      // folds it: only an ASCII digit, or a character that folds alone and is none, can be told).
      const next = text.charCodeAt(at + 1);
      if (Number.isNaN(next)) continue;
      if (!foldsAlone(next)) return undefined;
      if (isAsciiDigit(next)) start += '.';
    }
  }
  return start;
}

/**
 * Orders text by code unit, as SQLite (and PostgreSQL's "C" collation) order slugs and codes:
 * the same everywhere, whatever the locale of the machine (`localeCompare` is not).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Turns an English name into a slug: lowercase ASCII words joined by "-".
 * "ERNIE 3.0 Titan" → "ernie-3-0-titan", "GPT-3.5" → "gpt-3-5". Non-ASCII letters are dropped.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Query parameters that only track where a reader came from; they never change the article. */
const TRACKING_PARAMS = new Set([
  'chksm',
  'scene',
  'sessionid',
  'srcid',
  'sharer_sharetime',
  'sharer_shareid',
  'from',
  'isappinstalled',
  'share_token',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'utm_psm',
]);

/**
 * An article's identity: https, lowercase host, no fragment, no
 * tracking parameters, remaining parameters sorted. Two links to the same article give the same URL.
 */
export function normalizeArticleUrl(input: string): string {
  const url = new URL(input.trim());
  url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase();
  url.hash = '';
  const kept = [...url.searchParams.entries()]
    .filter(([key]) => !TRACKING_PARAMS.has(key.toLowerCase()))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  return url.toString();
}
