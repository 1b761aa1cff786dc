/**
 * How the graph chooses a value from its claims: the one rule, applied by the write layer to the
 * claims of every model it touches and stored on each claim as its rank and the reason.
 *
 * Every sourced value of a property is a claim; the claims of one property are ranked like
 * Wikidata's statements:
 *
 * 1. A claim a curator marked DEPRECATED (it is wrong, and the reason says why) is deprecated:
 *    kept and shown, never preferred.
 * 2. A claim a curator marked PREFERRED is preferred: the curated choice wins.
 * 3. Otherwise a claim qualifies unless it is SPECULATIVE (a rumour or a guess is never the value
 *    unless a curator says so) or a personal note's claim of unstated confidence (the user's note
 *    is imported as written, but it is not evidence enough on its own).
 * 4. Of the qualifying claims, the best is preferred:
 *    - for RELEASE_DATE, the earliest date (the property is the first public announcement, paper
 *      or weights), and of dates that agree ("2020", "2020-05-28") the most precise;
 *    - for every other property, the most confident (CONFIDENT, LIKELY, then unstated), then the
 *      most primary source (a paper, a website, a dataset, the curators' own data, a note), then
 *      the value most other qualifying claims agree with, then the oldest claim.
 * 5. Every other claim is NORMAL, with the reason it is not the preferred one.
 *
 * No qualifying claim, no value: the preferred field is null, and the claims say why.
 */
import { claimValuesAgree } from './claims.js';
import { parsePartialDate } from './dates.js';
import type { ClaimProperty, ClaimRank, Confidence, OrganizationProperty, SourceKind } from './enums.js';

/** A claim as the rule sees it. */
export type RankableClaim = Readonly<{
  id: number;
  value: string;
  confidence: Confidence;
  source: Readonly<{ slug: string; kind: SourceKind }>;
  assertedRank: ClaimRank | null;
  assertedReason: string | null;
}>;

/** The rank of one claim and why. */
export type ClaimRanking = Readonly<{ id: number; rank: ClaimRank; reason: string }>;

const CONFIDENCE_ORDER: Readonly<Record<Confidence, number>> = { CONFIDENT: 0, LIKELY: 1, UNKNOWN: 2, SPECULATIVE: 3 };
/** From the most primary source to the least. */
const SOURCE_ORDER: Readonly<Record<SourceKind, number>> = { PAPER: 0, WEBSITE: 1, DATASET: 2, CURATED: 3, NOTE: 4 };
const SOURCE_WORDS: Readonly<Record<SourceKind, string>> = {
  PAPER: 'a paper',
  WEBSITE: 'a website',
  DATASET: 'a dataset',
  CURATED: "the curators' data",
  NOTE: 'a note',
};

/** Why a claim does not qualify to be preferred on its own; undefined when it does. */
export function disqualification(claim: RankableClaim): string | undefined {
  if (claim.confidence === 'SPECULATIVE') return 'speculative: never preferred unless a curator marks it so';
  if (claim.source.kind === 'NOTE' && claim.confidence === 'UNKNOWN') {
    return "a note's claim of unstated confidence: not evidence enough on its own";
  }
  return undefined;
}

function describe(claim: RankableClaim): string {
  const confidence = claim.confidence === 'UNKNOWN' ? 'of unstated confidence' : claim.confidence.toLowerCase();
  return `${confidence}, from ${SOURCE_WORDS[claim.source.kind]} (${claim.source.slug})`;
}

/** The first day of a written date, for ordering; its precision (0 year, 1 month, 2 day). */
function dateKey(value: string): { time: number; precision: number } {
  const date = parsePartialDate(value);
  if (!date) return { time: Number.POSITIVE_INFINITY, precision: -1 };
  return { time: date.value.getTime(), precision: date.precision === 'DAY' ? 2 : date.precision === 'MONTH' ? 1 : 0 };
}

const byQuality = (a: RankableClaim, b: RankableClaim) =>
  CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence] ||
  SOURCE_ORDER[a.source.kind] - SOURCE_ORDER[b.source.kind] ||
  a.id - b.id;

/** The best of qualifying claims, by step 4 of the rule, and the words that say why. */
function best(
  property: ClaimProperty | OrganizationProperty,
  qualifying: readonly RankableClaim[],
): { claim: RankableClaim; why: string } {
  if (property === 'RELEASE_DATE') {
    const earliest = Math.min(...qualifying.map((claim) => dateKey(claim.value).time));
    const first = qualifying.find((claim) => dateKey(claim.value).time === earliest) as RankableClaim;
    const [claim] = qualifying
      .filter((candidate) => claimValuesAgree(property, candidate.value, first.value))
      .sort(
        (a, b) =>
          dateKey(b.value).precision - dateKey(a.value).precision ||
          dateKey(a.value).time - dateKey(b.value).time ||
          byQuality(a, b),
      );
    return {
      claim: claim as RankableClaim,
      why: `the earliest date of the qualifying claims, ${describe(claim as RankableClaim)}`,
    };
  }
  const support = (claim: RankableClaim) =>
    qualifying.filter((other) => other !== claim && claimValuesAgree(property, other.value, claim.value)).length;
  const [claim] = [...qualifying].sort(
    (a, b) =>
      CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence] ||
      SOURCE_ORDER[a.source.kind] - SOURCE_ORDER[b.source.kind] ||
      support(b) - support(a) ||
      a.id - b.id,
  );
  return { claim: claim as RankableClaim, why: `the best qualifying claim: ${describe(claim as RankableClaim)}` };
}

/**
 * Ranks the claims of one property of one entity by the rule above. Answers a ranking for every
 * claim, in the order given, and the preferred claim (null when none qualifies).
 */
export function rankClaims(
  property: ClaimProperty | OrganizationProperty,
  claims: readonly RankableClaim[],
): { rankings: ClaimRanking[]; preferred: RankableClaim | null } {
  const deprecated = new Set(claims.filter((claim) => claim.assertedRank === 'DEPRECATED'));
  const chosen = claims
    .filter((claim) => claim.assertedRank === 'PREFERRED' && !deprecated.has(claim))
    .sort((a, b) => a.id - b.id);
  let preferred: RankableClaim | null = null;
  let why = '';
  if (chosen[0]) {
    preferred = chosen[0];
    why = `preferred by the curators${preferred.assertedReason ? `: ${preferred.assertedReason}` : ''}`;
  } else {
    const qualifying = claims.filter((claim) => !deprecated.has(claim) && disqualification(claim) === undefined);
    if (qualifying.length > 0) ({ claim: preferred, why } = best(property, qualifying));
  }
  const rankings = claims.map((claim): ClaimRanking => {
    if (deprecated.has(claim)) {
      return {
        id: claim.id,
        rank: 'DEPRECATED',
        reason: `deprecated by the curators${claim.assertedReason ? `: ${claim.assertedReason}` : ''}`,
      };
    }
    if (claim === preferred) return { id: claim.id, rank: 'PREFERRED', reason: why };
    if (claim.assertedRank === 'PREFERRED') {
      return {
        id: claim.id,
        rank: 'NORMAL',
        reason: `another claim is preferred by the curators (${preferred?.source.slug})`,
      };
    }
    const disqualified = disqualification(claim);
    if (disqualified && !preferred)
      return {
        id: claim.id,
        rank: 'NORMAL',
        reason: `${disqualified}; no claim qualifies, so there is no preferred value`,
      };
    if (disqualified) return { id: claim.id, rank: 'NORMAL', reason: disqualified };
    const other = preferred as RankableClaim;
    if (claimValuesAgree(property, claim.value, other.value)) {
      return { id: claim.id, rank: 'NORMAL', reason: `agrees with the preferred claim (${other.source.slug})` };
    }
    return { id: claim.id, rank: 'NORMAL', reason: `outranked by the preferred claim (${other.source.slug}): ${why}` };
  });
  return { rankings, preferred };
}
