/** What a model's accessibility, as sources word it, says about its weights and how it can be used. */

/**
 * Whether weights are downloadable, from an accessibility text: Epoch AI's vocabulary ("Open
 * weights (unrestricted | restricted use | non-commercial)", "API access", "Hosted access (no
 * API)", "Unreleased") and the curated "API only". Undefined for wording that does not say
 * (a demo, a licence on application, a mix).
 *
 * Stricter than {@link accessibilityCategory}: Epoch's categories exclude one another (a model
 * with downloadable weights is "Open weights" whatever else it offers), so "API access" rules the
 * weights out; a demo or a web app of the curated wording does not (weights may come later).
 */
export function openWeightsFromAccessibility(text: string): boolean | undefined {
  const words = text.trim();
  if (/^open weights\b/i.test(words)) return true;
  if (/^(api access|api only|hosted access|unreleased)\b/i.test(words)) return false;
  return undefined;
}

/**
 * How a model can be used, in Epoch AI's four categories: its weights can be downloaded
 * (OPEN_WEIGHTS, under whatever licence and however gated), it answers through an API, it is
 * hosted without an API (a web app, a demo), or it is not released.
 */
export type AccessCategory = 'OPEN_WEIGHTS' | 'API' | 'HOSTED' | 'UNRELEASED';

/** The terms of open weights, where a text states them (Epoch's parenthetical). */
export type WeightsTerms = 'UNRESTRICTED' | 'RESTRICTED_USE' | 'NON_COMMERCIAL';

/** An accessibility text read into the canonical vocabulary. */
export type Accessibility = Readonly<{ category: AccessCategory; terms?: WeightsTerms }>;

function weightsTerms(words: string): WeightsTerms | undefined {
  if (/\bnon-?commercial\b/.test(words)) return 'NON_COMMERCIAL';
  if (/\brestricted use\b/.test(words)) return 'RESTRICTED_USE';
  if (/\bunrestricted\b/.test(words)) return 'UNRESTRICTED';
  return undefined;
}

/**
 * Reads an accessibility text into {@link Accessibility}, for comparing how two sources word it;
 * undefined for wording that names no category (a bare licence name such as "Apache 2.0", which
 * may be the code's licence rather than the weights').
 *
 * - Epoch AI's vocabulary, exactly: "Open weights (unrestricted)", "Open weights (restricted
 *   use)", "Open weights (non-commercial)", "API access", "Hosted access (no API)", "Unreleased".
 * - The curated wording: weights "on request", "on application" or "under" a licence are open
 *   weights (Epoch files the same models, OPT-175B and GLM-130B, as "Open weights
 *   (non-commercial)"), with "non-commercial" as their terms where the text says so; "API only",
 *   or any wording that offers an API ("Web app; API as gpt-3.5-turbo from 2023-03-01"), is API
 *   (Epoch's "API access" covers a web app with an API too); a demo or a web app without an API
 *   is hosted ("Online demo at launch", which Epoch files as "Hosted access (no API)").
 */
export function accessibilityCategory(text: string): Accessibility | undefined {
  const words = text.trim().toLowerCase();
  const openWeights = (): Accessibility => {
    const terms = weightsTerms(words);
    return terms ? { category: 'OPEN_WEIGHTS', terms } : { category: 'OPEN_WEIGHTS' };
  };
  if (/^open weights\b/.test(words)) return openWeights();
  if (/\bweights (?:are )?(?:on request|on application|under|available|downloadable)\b/.test(words)) {
    return openWeights();
  }
  if (/^unreleased\b/.test(words)) return { category: 'UNRELEASED' };
  if (/^hosted access\b/.test(words) || /\bno api\b/.test(words)) return { category: 'HOSTED' };
  if (/\bapi\b/.test(words)) return { category: 'API' };
  if (/\b(?:demo|web app|web application|chat interface|hosted)\b/.test(words)) return { category: 'HOSTED' };
  return undefined;
}
