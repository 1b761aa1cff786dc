/**
 * The one rule that makes an article's `citations` from its dated `CITATIONS` claims: the count
 * of the latest day wins (a count is a reading of a number that grows, so the newest reading is
 * the best); on the same day, the largest count (two sources read the same day: the one that
 * found more citations saw more of them). An article no source counted has none (null).
 */

/** A dated count, as the rule reads it. */
export type DatedCount = Readonly<{ value: string; asOf: Date }>;

/** The preferred count of an article's claims, with its day; null when there is none. */
export function preferredCitations(claims: readonly DatedCount[]): { citations: number; asOf: Date } | null {
  let best: { citations: number; asOf: Date } | null = null;
  for (const claim of claims) {
    const citations = Number(claim.value);
    if (!Number.isSafeInteger(citations)) continue;
    if (
      !best ||
      claim.asOf.getTime() > best.asOf.getTime() ||
      (claim.asOf.getTime() === best.asOf.getTime() && citations > best.citations)
    )
      best = { citations, asOf: claim.asOf };
  }
  return best;
}
