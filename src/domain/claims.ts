/**
 * When two claimed values of a property say the same thing. One definition for the API
 * (`Model.disagreements`, `modelsWithDisagreements`), the Epoch import's conflict report and the
 * ranking rule (a value's support, "agrees with the preferred claim").
 *
 * Sources round and word one fact differently; two values agree when they differ by no more than
 * that. Each tolerance below is read from the graph `npm start` builds (the note, curated.yaml and
 * Epoch AI's January 2026 snapshot), where every pair of differing values was looked at:
 *
 * - **PARAMETERS and TRAINING_COMPUTE: within 5% of the larger value.** A size is stated rounded
 *   ("175B") and counted exactly elsewhere (174.6B): rounding to two significant figures moves a
 *   value by at most 5% (half a unit of the second figure over at least ten units), to three by
 *   0.5%. The graph's pairs: PaLM 540B / 540.35B (0.065%), BLOOM 176B / 176.247B (0.14%), GPT-3
 *   175B / 174.6B (0.23%) are roundings; ERNIE 3.0 260B / 10B (the note against the paper, 26
 *   times) is a real disagreement. Epoch's own rows bear the cut out: of the 108 whose name states
 *   one size, 78 state the count exactly and 22 within 5% (the farthest, "gpt-oss-20b" at 20.91B,
 *   4.4%); the rest are 6.7% or more, a one-figure size (RETRO-7B at 7.5B) or a size of something
 *   else (Qwen3-Omni-30B-A3B's 30B of 35.3B, GloVe's 6B tokens). It is the tolerance the Epoch
 *   import already matches a name's size with (seed/epoch/reconcile.ts, `sizeAgrees`). Training
 *   compute has no pair on the graph yet (one claim per model, Epoch's); a compute figure is
 *   quoted to two or three significant figures too (3.14e23, 3.1e23), while two estimates made
 *   differently (6·N·D against GPU-hours) differ by far more and are worth showing, so it takes
 *   the same cut.
 * - **RELEASE_DATE: a less precise date agrees with a more precise one it contains** ("2020",
 *   "2020-05", "2020-05-28"), **and two days agree when at most one day apart.** One day is the
 *   width of the time zones: Wu Dao 2.0 was announced on 2021-06-01 in Beijing, 2021-05-31 in US
 *   time; PaLM's blog post (2022-04-04) and paper (2022-04-05) and BLOOM's two dates (2022-07-11,
 *   2022-07-12) are one day apart too. At two days apart there is already an error: Ecosystem
 *   Graphs dates text-davinci-003 to ChatGPT's launch (2022-11-30, two days after its own). The
 *   other gaps on the graph are other events of the same release, as the claims' notes say: the
 *   API launch (GPT-3, 14 days after the paper), the paper after the announcement (ERNIE 3.0
 *   Titan 15, InstructGPT 36, LaMDA 247), the code and weights (BERT 20), the launch event (Wu Dao
 *   1.0, 68), the full weights of a staged release (GPT-2, 260). They overlap the gaps of dates
 *   the curators found wrong (text-davinci-003 2; M6-T: Epoch's 2021-03-05 is two months before
 *   the paper it links; Wu Dao 2.0: 2021-01-12 is Wu Dao 1.0's date), so no window would absorb
 *   the events without hiding the errors. They stay disagreements: the property is the
 *   first public announcement, paper or weights, and a source that dates a later event says
 *   something else; the ranking rule prefers the earliest date all the same. A month or a year
 *   still has to contain the day ("2021-05" and "2021-03-05" disagree): a source that gives a
 *   month commits to it, and the ranking rule refines the earliest date only by dates it contains.
 * - **ACCESSIBILITY: the same category** (open weights, API, hosted, unreleased; see
 *   `accessibilityCategory`), **and the same terms of open weights when both texts state them**
 *   (unrestricted, restricted use, non-commercial). "API only" and "API access" (GPT-3.5), "Online
 *   demo at launch" and "Hosted access (no API)" (PLUG), "Weights on request for non-commercial
 *   research (OPT-175B License)" and "Open weights (non-commercial)" agree. Wording that names no
 *   category is compared as text: "Apache 2.0" (Ecosystem Graphs' licence field for ChatGLM-6B,
 *   the code's licence) does not agree with "weights under the separate ChatGLM-6B Model License".
 * - **OPEN_WEIGHTS**: as booleans ("true", "yes"; "false", "no").
 * - **COUNTRY**: the same set of codes ("US,CN" and "CN, US").
 * - **ARCHITECTURE: the words of one are all words of the other**, compared folded (case,
 *   punctuation, "Mixture-of-Experts" as "MoE", "non-" kept with its word): "dense" agrees with
 *   "dense decoder-only Transformer", a less precise form of it; "dense" and "Mixture-of-Experts
 *   (FastMoE)" (Wu Dao 2.0) disagree, as do "decoder-only" and "encoder-decoder".
 * - **Other text** (and an organization's KIND): ignoring case and runs of spaces.
 */
import { accessibilityCategory } from './accessibility.js';
import { datesAgree, parsePartialDate } from './dates.js';

/** Two counts agree when they differ by at most 1/{@link QUANTITY_TOLERANCE_DIVISOR} of the larger: 5%. */
export const QUANTITY_TOLERANCE_DIVISOR = 20n;

/** Two dates known to the day agree when at most this many days apart. */
export const DATE_TOLERANCE_DAYS = 1;

const DAY_MS = 86_400_000;

/** Counts within 5% of the larger (both non-negative integers), or numbers written otherwise within 5%. */
export function quantitiesAgree(a: string, b: string): boolean | undefined {
  const integer = (text: string) => (/^\d+$/.test(text.trim()) ? BigInt(text.trim()) : undefined);
  const x = integer(a);
  const y = integer(b);
  if (x !== undefined && y !== undefined) {
    // BigInt: Math.max does not take it.
    const [smaller, larger] = x > y ? [y, x] : [x, y];
    return (larger - smaller) * QUANTITY_TOLERANCE_DIVISOR <= larger;
  }
  const p = Number(a.trim());
  const q = Number(b.trim());
  if (a.trim() === '' || b.trim() === '' || !Number.isFinite(p) || !Number.isFinite(q) || p < 0 || q < 0) {
    return undefined;
  }
  return Math.abs(p - q) * Number(QUANTITY_TOLERANCE_DIVISOR) <= Math.max(p, q);
}

/** Equal, one a less precise form of the other, or two days at most {@link DATE_TOLERANCE_DAYS} apart. */
export function releaseDatesAgree(a: string, b: string): boolean {
  if (datesAgree(a.trim(), b.trim())) return true;
  const x = parsePartialDate(a.trim());
  const y = parsePartialDate(b.trim());
  if (x?.precision !== 'DAY' || y?.precision !== 'DAY') return false;
  return Math.abs(x.value.getTime() - y.value.getTime()) <= DATE_TOLERANCE_DAYS * DAY_MS;
}

/** The category of both texts when both name one: whether they agree; undefined otherwise. */
function accessibilitiesAgree(a: string, b: string): boolean | undefined {
  const x = accessibilityCategory(a);
  const y = accessibilityCategory(b);
  if (!x || !y) return undefined;
  return x.category === y.category && (x.terms === undefined || y.terms === undefined || x.terms === y.terms);
}

function booleanValue(text: string): boolean | undefined {
  const words = text.trim().toLowerCase();
  if (words === 'true' || words === 'yes') return true;
  if (words === 'false' || words === 'no') return false;
  return undefined;
}

function countrySet(text: string): string {
  return [
    ...new Set(
      text
        .toUpperCase()
        .split(/[\s,;/]+/)
        .filter(Boolean),
    ),
  ]
    .sort()
    .join(',');
}

/** The words of an architecture, folded: "Mixture-of-Experts (FastMoE)" → {moe, fastmoe}. */
function architectureWords(text: string): Set<string> {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\bmixture[\s-]+of[\s-]+experts?\b/g, 'moe')
    .replace(/\b(non|not|no)[\s-]+(?=\p{L})/gu, 'non');
  return new Set(folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

function architecturesAgree(a: string, b: string): boolean | undefined {
  const x = architectureWords(a);
  const y = architectureWords(b);
  if (x.size === 0 || y.size === 0) return undefined;
  const within = (small: Set<string>, large: Set<string>) => [...small].every((word) => large.has(word));
  return within(x, y) || within(y, x);
}

const plainText = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * True when two canonical values of `property` say the same thing, by the rules of this module's
 * comment: counts within 5%, dates one a less precise form of the other or a day apart, the same
 * accessibility category, the same booleans, the same set of countries, architectures one a less
 * precise form of the other, other text ignoring case and runs of spaces.
 */
export function claimValuesAgree(property: string, a: string, b: string): boolean {
  if (plainText(a) === plainText(b)) return true;
  switch (property) {
    case 'RELEASE_DATE':
      return releaseDatesAgree(a, b);
    case 'PARAMETERS':
    case 'TRAINING_COMPUTE':
      return quantitiesAgree(a, b) ?? false;
    case 'COUNTRY':
      return countrySet(a) === countrySet(b);
    case 'ACCESSIBILITY':
      return accessibilitiesAgree(a, b) ?? false;
    case 'OPEN_WEIGHTS': {
      const x = booleanValue(a);
      return x !== undefined && x === booleanValue(b);
    }
    case 'ARCHITECTURE':
      return architecturesAgree(a, b) ?? false;
    default:
      return false;
  }
}

/** True when some two of the values disagree. */
export function valuesDisagree(property: string, values: string[]): boolean {
  return values.some((a, index) => values.slice(index + 1).some((b) => !claimValuesAgree(property, a, b)));
}
