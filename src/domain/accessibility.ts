/** What a model's accessibility, as sources word it, says about its weights. */

/**
 * Whether weights are downloadable, from an accessibility text: Epoch AI's vocabulary ("Open
 * weights (unrestricted | restricted use | non-commercial)", "API access", "Hosted access (no
 * API)", "Unreleased") and the curated "API only". Undefined for wording that does not say
 * (a demo, a licence on application, a mix).
 */
export function openWeightsFromAccessibility(text: string): boolean | undefined {
  const words = text.trim();
  if (/^open weights\b/i.test(words)) return true;
  if (/^(api access|api only|hosted access|unreleased)\b/i.test(words)) return false;
  return undefined;
}
